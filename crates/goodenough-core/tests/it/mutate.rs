//! Near-valid inputs for the parser properties: a real file with one to four
//! mutations, each of the kind a hand-edited or damaged file has (a cut, a
//! stray token, a changed number, a doubled or swapped line, a truncation),
//! and the check that a refusal is a readable sentence. The web crate's API
//! body properties use this module too (`#[path]`), so both judge alike.

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;

/// 10,000 cases unless `PROPTEST_CASES` says otherwise; no failure files
/// are written into the source tree.
pub fn config() -> Config {
    config_with(10_000)
}

/// `default` cases unless `PROPTEST_CASES` says otherwise: for a parser
/// whose every valid case compiles many regular expressions, where 10,000
/// cases take minutes in a debug build (figures in CONTRIBUTING.md).
pub fn config_with(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Text a mutation may insert: the syntax of TOML and JSON, values of the
/// wrong type, edge numbers, odd characters.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    ",",
    ":",
    "=",
    "\n",
    "#",
    "\\",
    "\\u",
    "\\u{0}",
    "\0",
    "\u{feff}",
    "\u{202e}",
    "é",
    "🙂",
    "null",
    "true",
    "false",
    "-1",
    "0",
    "1e999",
    "-9223372036854775809",
    "18446744073709551616",
    "255",
    "256",
    "101",
    "3.5",
    "NaN",
    "inf",
    "\"\"",
    "[]",
    "{}",
    "x = 1\n",
    "[table]\n",
    "[[items]]\n",
    "id = \"\"\n",
    "format_version",
    "\"format\"",
    "2026-02-30",
    "1969-12-31",
    "9999-12-31",
    "24:61",
    "Europe/Nowhere",
    "\"reverse\" = true\n",
    "weight = 0\n",
    "min = 10\nmax = 1\n",
    "weeks = 0\n",
];

/// One change to a text.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Cut `len` characters at a place.
    Cut(Index, usize),
    /// Put a token (or random text) at a place.
    Insert(Index, String),
    /// Replace the number nearest after a place with another value.
    Number(Index, String),
    /// Say one line twice.
    DoubleLine(Index),
    /// Swap two lines.
    SwapLines(Index, Index),
    /// Keep only the beginning.
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        4 => proptest::sample::select(TOKENS).prop_map(str::to_string),
        1 => "\\PC{0,12}",
    ];
    let number = prop_oneof![
        proptest::sample::select(
            &[
                "0",
                "-1",
                "-0",
                "256",
                "1000",
                "99999999999999999999",
                "1.5",
                "\"7\"",
                "true",
                "[]",
                "-9223372036854775808",
                "4294967296",
                "1e3",
            ][..]
        )
        .prop_map(str::to_string),
        any::<i64>().prop_map(|n| n.to_string()),
    ];
    prop_oneof![
        3 => (any::<Index>(), 1usize..40).prop_map(|(i, n)| Mutation::Cut(i, n)),
        3 => (any::<Index>(), token).prop_map(|(i, t)| Mutation::Insert(i, t)),
        3 => (any::<Index>(), number).prop_map(|(i, n)| Mutation::Number(i, n)),
        1 => any::<Index>().prop_map(Mutation::DoubleLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// The character boundary nearest below a byte index.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Applies one mutation.
pub fn apply(text: &str, m: &Mutation) -> String {
    let len = text.len().max(1);
    match m {
        Mutation::Cut(i, n) => {
            let from = boundary(text, i.index(len));
            let to = boundary(text, from + n);
            format!("{}{}", &text[..from], &text[to..])
        }
        Mutation::Insert(i, token) => {
            let at = boundary(text, i.index(len));
            format!("{}{token}{}", &text[..at], &text[at..])
        }
        Mutation::Number(i, value) => {
            let from = boundary(text, i.index(len));
            let Some(start) = text[from..]
                .find(|c: char| c.is_ascii_digit())
                .map(|s| from + s)
            else {
                return text.to_string();
            };
            let end = text[start..]
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .map_or(text.len(), |e| start + e);
            format!("{}{value}{}", &text[..start], &text[end..])
        }
        Mutation::DoubleLine(i) => {
            let lines: Vec<&str> = text.split('\n').collect();
            let at = i.index(lines.len());
            let mut out: Vec<&str> = lines.clone();
            out.insert(at, lines[at]);
            out.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            lines.join("\n")
        }
        Mutation::Truncate(i) => text[..boundary(text, i.index(len))].to_string(),
    }
}

/// One of `files` with one to four mutations; with `json`, sometimes a
/// random JSON value as well; and sometimes plain random text.
pub fn mutated(files: Vec<(String, String)>, json: bool) -> BoxedStrategy<String> {
    let near = (
        proptest::sample::select(files),
        proptest::collection::vec(mutation(), 1..=4),
    )
        .prop_map(|((_, src), ms)| ms.iter().fold(src, |text, m| apply(&text, m)));
    let random = "\\PC{0,200}";
    if json {
        prop_oneof![8 => near, 1 => random, 1 => json_value().prop_map(|v| v.to_string())].boxed()
    } else {
        prop_oneof![9 => near, 1 => random].boxed()
    }
}

/// Any JSON value, a few levels deep, with the field names the bodies use.
pub fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (-1i64..120).prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::String),
        proptest::sample::select(
            &[
                "work",
                "rest",
                "yes",
                "no",
                "partly",
                "praise",
                "luck",
                "ability",
                "2026-03-01",
                "25m",
                "shipped",
                "",
            ][..]
        )
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(field_name(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Field names the API's bodies use, and a few others.
pub fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(&[
            "mood", "energy", "appreciations", "area", "text", "note", "date", "situation",
            "thought", "belief", "emotions", "name", "intensity", "traps", "reframe",
            "belief_after", "lesson", "kind", "attribution", "source", "request", "response",
            "guilt_before", "guilt_after", "outcome", "task", "to", "fine", "title", "limit",
            "prediction", "likelihood", "anxiety", "happened", "actual", "anxiety_after",
            "learned", "minutes", "action", "distress", "values", "token", "id",
        ][..])
        .prop_map(str::to_string),
        1 => "[a-z_]{1,12}",
    ]
}

/// A refusal a person can read: one or more words, not empty, and none of
/// the marks of a Rust value printed for a programmer (`Some(`, `Error {`,
/// escaped control characters, Rust's number type names).
pub fn readable(message: &str) -> bool {
    let m = message.trim();
    if m.is_empty() || !m.chars().any(char::is_alphabetic) {
        return false;
    }
    // What the message quotes from the file (between backticks or double
    // quotes) is the person's own text, whatever it holds: a mutated file
    // may well contain ` { ` or `u8`. The rest of the sentence is checked.
    let m = &without_quotes(m);
    if !m.chars().any(char::is_alphabetic) {
        return false;
    }
    const NOISE: &[&str] = &[
        "Some(", "None", "Ok(", "Err(", "Error {", "Error(", " { ", "\\\"", "\\n", "\\u{",
        "panicked", "unwrap", "Span", "alloc::", "core::", "std::", "serde",
    ];
    if NOISE.iter().any(|n| m.contains(n)) {
        return false;
    }
    const TYPES: &[&str] = &[
        "u8",
        "u16",
        "u32",
        "u64",
        "u128",
        "usize",
        "i8",
        "i16",
        "i32",
        "i64",
        "i128",
        "isize",
        "f32",
        "f64",
        "NaiveDate",
        "String",
        "Vec",
        "Option",
    ];
    // Hyphenated tokens stay whole: an id such as `6cd0f23b-f64-4c66-…`
    // holds no type name.
    !m.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|word| TYPES.contains(&word))
}

/// `message` with every span between a pair of backticks, or of double
/// quotes, taken out (the quote marks stay). A span ends at its quote mark
/// followed by a space, punctuation or the end, so a quoted name that itself
/// holds the mark (a TOML key such as `` `\" `` from a mutated file) is
/// taken out whole rather than read as the sentence's own words.
fn without_quotes(message: &str) -> String {
    let chars: Vec<char> = message.chars().collect();
    let mut out = String::with_capacity(message.len());
    let mut open: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        match open {
            Some(q) if c == q && closes(chars.get(i + 1).copied()) => {
                out.push(c);
                open = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '`' || c == '"' {
                    open = Some(c);
                }
            }
        }
    }
    out
}

/// Whether a quote mark followed by `next` can end a quoted span.
fn closes(next: Option<char>) -> bool {
    next.is_none_or(|n| n.is_whitespace() || matches!(n, ',' | '.' | ':' | ';' | ')' | '!' | '?'))
}

#[cfg(test)]
mod readable_tests {
    use super::readable;

    #[test]
    fn a_quoted_name_holding_quote_marks_is_the_persons_text() {
        // The failure the million-case crisis-rule run found (2026-12-05):
        // the refusal quotes a key made of a backtick, a backslash and a
        // double quote, which is what the file says.
        assert!(readable(
            "safety.toml, line 1: unknown field ``\\\"`, expected `help` or `rule`"
        ));
    }

    #[test]
    fn noise_outside_the_quotes_is_still_found() {
        assert!(!readable("unknown field `x`, found Some(3)"));
        assert!(!readable("bad value \"a\" at Error { line: 1 }"));
        assert!(!readable("expected u8 in `rule`"));
        assert!(readable("rule 3: `pattern` must not be empty"));
    }
}
