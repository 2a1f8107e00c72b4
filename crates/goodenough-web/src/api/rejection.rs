//! Sentences for request bodies and query strings that cannot be read.
//!
//! serde's own messages name Rust types ("invalid type: string \"x\",
//! expected i64"); a caller of the API should read which field is wrong and
//! what it takes instead ("The field \"mood\" should be a whole number, not
//! text."). The field comes from `serde_path_to_error`; the kind of problem
//! from serde's message, whose wording is stable (it is serde's `Display`
//! of `de::Error`). Anything not recognised gets a general sentence that
//! points at the OpenAPI document, never the raw message.

/// Where the problem is: a field of the JSON body or a query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Body,
    Query,
}

impl Place {
    fn noun(self) -> &'static str {
        match self {
            Place::Body => "The field",
            Place::Query => "The query parameter",
        }
    }
}

/// At most this many characters of a value the caller sent are echoed.
const ECHO_MAX: usize = 80;

fn echo(raw: &str) -> String {
    let mut s: String = raw.chars().take(ECHO_MAX).collect();
    if raw.chars().count() > ECHO_MAX {
        s.push('…');
    }
    s
}

/// The text between the first pair of backticks after `from`.
fn ticked(text: &str) -> Option<&str> {
    let start = text.find('`')? + 1;
    let len = text[start..].find('`')?;
    Some(&text[start..start + len])
}

/// Every name in backticks, in order ("one of `a`, `b`" → a, b).
fn ticked_all(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// `parent` + `.field` (the path of a missing or unknown field). The path
/// of an unknown field already ends with it (its key was read).
fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() || parent == "." || parent == "?" {
        field.to_string()
    } else if parent == field || parent.ends_with(&format!(".{field}")) {
        parent.to_string()
    } else {
        format!("{parent}.{field}")
    }
}

/// What serde expected, in words a caller knows.
fn expected_words(expected: &str) -> &'static str {
    let e = expected.trim();
    match e {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "an integer" => "a whole number",
        "f32" | "f64" | "a float" | "a number" => "a number",
        "a string" | "a borrowed string" | "string" | "a character" | "char" => "text in quotes",
        "a boolean" | "bool" => "true or false",
        "a sequence" => "a list in square brackets",
        "a map" => "an object in curly braces",
        _ if e.starts_with("struct ") || e.starts_with("a struct") => "an object in curly braces",
        _ if e.starts_with("a tuple") || e.starts_with("an array") => "a list in square brackets",
        _ if e.contains("date and time") || e.contains("timestamp") => {
            "an instant as text, for example \"2026-03-10T21:00:00Z\""
        }
        _ if e.contains("date") => "a date as text, for example \"2026-03-10\"",
        _ if e.contains("time") => "a time as text, for example \"21:30\"",
        _ if e.contains("variant") || e.starts_with("enum ") => "one of the documented values",
        _ => "a value of another kind (see /api/v1/openapi.json)",
    }
}

/// What was sent, in words (serde's `Unexpected`), with short values echoed.
fn unexpected_words(unexpected: &str) -> String {
    let u = unexpected.trim();
    if u.starts_with("string ") {
        return "text".into();
    }
    if let Some(rest) = u
        .strip_prefix("integer ")
        .or_else(|| u.strip_prefix("floating point "))
    {
        return match ticked(rest) {
            Some(n) => format!("the number {}", echo(n)),
            None => "a number".into(),
        };
    }
    if let Some(rest) = u.strip_prefix("boolean ") {
        return ticked(rest).unwrap_or("true or false").to_string();
    }
    match u {
        "null" | "unit value" | "unit" | "Option value" => "null".into(),
        "sequence" => "a list".into(),
        "map" => "an object".into(),
        _ => "what was sent".into(),
    }
}

/// Messages of chrono's date and time parser (a date or instant field).
const CHRONO_MESSAGES: &[&str] = &[
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "input is out of range",
    "input is not enough for unique date and time",
    "no possible date and time matching input",
    "bad or unsupported format string",
];

/// One sentence for a value at `path` that serde refused with `msg`.
pub fn sentence(place: Place, path: &str, msg: &str) -> String {
    let noun = place.noun();
    let at = |p: &str| {
        if p.is_empty() || p == "." {
            match place {
                Place::Body => "The body".to_string(),
                Place::Query => "The query string".to_string(),
            }
        } else {
            format!("{noun} \"{}\"", echo(p))
        }
    };
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let field = ticked(rest).unwrap_or(rest);
        return format!("{} is missing; add it.", at(&join(path, field)));
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names = ticked_all(rest);
        let (field, known) = names.split_first().map_or(("", &[][..]), |(f, k)| (*f, k));
        let what = at(&join(path, field));
        return if known.is_empty() {
            format!("{what} is not one this request takes; leave it out.")
        } else {
            format!(
                "{what} is not one this request takes; it takes: {}.",
                known.join(", ")
            )
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let names = ticked_all(rest);
        let (given, known) = names.split_first().map_or(("", &[][..]), |(f, k)| (*f, k));
        return format!(
            "{} is \"{}\", which is not one of: {}.",
            at(path),
            echo(given),
            known.join(", ")
        );
    }
    if let Some(rest) = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))
    {
        if let Some((got, expected)) = rest.rsplit_once(", expected ") {
            return format!(
                "{} should be {}, not {}.",
                at(path),
                expected_words(expected),
                unexpected_words(got)
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        let n = rest.split(',').next().unwrap_or("").trim();
        return format!(
            "{} has {} items, which is not a number it takes (see /api/v1/openapi.json).",
            at(path),
            echo(n)
        );
    }
    // Parse errors of numbers and booleans (query strings carry text).
    if msg.contains("invalid digit")
        || msg.contains("parse integer")
        || msg.contains("fit in target type")
    {
        return format!("{} should be a whole number, for example 8.", at(path));
    }
    if msg.contains("float literal") {
        return format!("{} should be a number.", at(path));
    }
    if msg.contains("`true` or `false`") {
        return format!("{} should be true or false.", at(path));
    }
    if CHRONO_MESSAGES.iter().any(|m| msg.starts_with(m)) {
        return format!(
            "{} is not a date or time that can be read; write dates as \"2026-03-10\" and instants as \"2026-03-10T21:00:00Z\".",
            at(path)
        );
    }
    format!(
        "{} cannot be read; see /api/v1/openapi.json for what it takes.",
        at(path)
    )
}

/// The sentence for a JSON body that could not be read.
pub fn body_sentence(e: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let inner = e.inner();
    match inner.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => format!(
            "The body is not valid JSON (line {}, column {}); check the quotes, commas and brackets.",
            inner.line(),
            inner.column()
        ),
        serde_json::error::Category::Io => "The body could not be read; please send it again.".into(),
        serde_json::error::Category::Data => {
            // serde_json adds " at line L column C" to the message.
            let full = inner.to_string();
            let msg = full
                .rsplit_once(" at line ")
                .map_or(full.as_str(), |(m, _)| m);
            sentence(Place::Body, &e.path().to_string(), msg)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body<T: serde::de::DeserializeOwned>(json: &str) -> String {
        let de = &mut serde_json::Deserializer::from_str(json);
        match serde_path_to_error::deserialize::<_, T>(de) {
            Ok(_) => panic!("{json} should be refused"),
            Err(e) => body_sentence(&e),
        }
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        mood: i64,
        count: Option<u32>,
        date: Option<chrono::NaiveDate>,
        area: Option<goodenough_core::LifeArea>,
    }

    #[test]
    fn sentences_name_the_field_and_what_it_takes() {
        assert_eq!(
            body::<Sample>(r#"{"mood": "high"}"#),
            "The field \"mood\" should be a whole number, not text."
        );
        assert_eq!(
            body::<Sample>(r#"{"mood": 3, "count": -1}"#),
            "The field \"count\" should be a whole number, 0 or more, not the number -1."
        );
        assert_eq!(
            body::<Sample>(r#"{"count": 1}"#),
            "The field \"mood\" is missing; add it."
        );
        assert!(body::<Sample>(r#"{"mood": 1, "mod": 2}"#)
            .starts_with("The field \"mod\" is not one this request takes; it takes: mood, "));
        assert!(body::<Sample>(r#"{"mood": 1, "area": "sleep"}"#)
            .starts_with("The field \"area\" is \"sleep\", which is not one of: work, "));
        assert!(body::<Sample>(r#"{"mood": 1, "date": "2026-13-01"}"#)
            .starts_with("The field \"date\" is not a date or time that can be read"));
        assert!(body::<Sample>(r#"{"mood": 1,"#).starts_with("The body is not valid JSON (line 1"));
        for s in [
            body::<Sample>(r#"{"mood": "high"}"#),
            body::<Sample>(r#"{"mood": 1.5}"#),
            body::<Sample>(r#"[1]"#),
        ] {
            assert!(
                !s.contains("i64") && !s.contains("invalid type") && !s.contains("struct"),
                "{s}"
            );
        }
    }
}
