//! Content the product ships (`content/` at the workspace root), embedded at
//! compile time so the binary works anywhere; the CLI and web server layer
//! files from the person's data directory on top. Also the error type for
//! content files, which names the file, the line and the field.

use thiserror::Error;

/// Shipped thinking traps and reframe prompts.
pub const TRAPS_TOML: &str = include_str!("../../../content/traps.toml");
/// Shipped crisis-language rules and the default help message.
pub const SAFETY_TOML: &str = include_str!("../../../content/safety.toml");

/// A content file (shipped or the person's own) that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct ContentError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl ContentError {
    /// From a TOML parse error, with the line it points at.
    pub fn toml(file: &str, src: &str, err: &toml::de::Error) -> ContentError {
        let line = err.span().map(|span| {
            src.get(..span.start)
                .map(|s| s.matches('\n').count() + 1)
                .unwrap_or(1)
        });
        ContentError {
            file: file.to_string(),
            line,
            message: plain_words(&one_line(err.message())),
        }
    }

    /// A field-level problem found after parsing.
    pub fn field(file: &str, field: &str, message: String) -> ContentError {
        ContentError {
            file: file.to_string(),
            line: None,
            message: format!("field `{field}`: {message}"),
        }
    }
}

/// A decoder's message (TOML or JSON, through serde) in the words of the
/// person who wrote the file: serde names the Rust type it wanted ("expected
/// u8", "expected i64"), which means nothing to them. Each type name becomes
/// what it takes ("a whole number from 0 to 255"); the rest is kept.
pub fn plain_words(message: &str) -> String {
    let message = &unquote_strings(message);
    const TYPES: &[(&str, &str)] = &[
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65535"),
        ("u32", "a whole number from 0 to 4294967295"),
        ("u64", "a whole number of 0 or more"),
        ("u128", "a whole number of 0 or more"),
        ("usize", "a whole number of 0 or more"),
        ("i8", "a whole number from -128 to 127"),
        ("i16", "a whole number"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("i128", "a whole number"),
        ("isize", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
        ("NaiveDate", "a date such as 2026-03-14"),
        ("NaiveTime", "a time such as 21:30"),
    ];
    let mut out = String::with_capacity(message.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match TYPES.iter().find(|(t, _)| *t == word.as_str()) {
            Some((_, words)) => out.push_str(words),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in message.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A message of several lines as one: its lines joined with "; ".
pub fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// serde quotes a string it did not want the way Rust prints one for a
/// programmer (`string "caf\u{e9}"`); the message says "text" instead.
fn unquote_strings(message: &str) -> String {
    const MARK: &str = "string \"";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK.len()..];
        let mut escaped = false;
        let mut end = None;
        for (i, c) in after.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        match end {
            Some(i) => {
                out.push_str("text");
                rest = &after[i + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// What is wrong with a regular expression, in one line: the regex crate's
/// own message repeats the whole pattern over several lines with a caret
/// under the place; this keeps its last line (the reason).
pub fn regex_problem(e: &regex::Error) -> String {
    let text = e.to_string();
    let reason = text
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("it cannot be read");
    let reason = reason.strip_prefix("error: ").unwrap_or(reason);
    format!("is not a regular expression goodenough can read ({reason})")
}

#[cfg(test)]
mod tests {
    use super::{plain_words, regex_problem};

    #[test]
    fn type_names_become_words() {
        assert_eq!(
            plain_words("invalid value: integer `-1`, expected u8"),
            "invalid value: integer `-1`, expected a whole number from 0 to 255"
        );
        assert_eq!(
            plain_words("expected i64 or f64"),
            "expected a whole number or a number"
        );
        assert_eq!(
            plain_words("u8s and the u8"),
            "u8s and the a whole number from 0 to 255"
        );
        assert_eq!(
            plain_words("invalid type: string \"caf\\u{e9} \\\"x\\\"\", expected u32"),
            "invalid type: text, expected a whole number from 0 to 4294967295"
        );
    }

    #[test]
    #[allow(clippy::invalid_regex)] // broken on purpose
    fn a_broken_pattern_is_one_line() {
        let e = regex::Regex::new("a{\"7\",3}").expect_err("broken");
        let m = regex_problem(&e);
        assert!(!m.contains('\n'), "{m}");
        assert!(m.contains("repetition quantifier"), "{m}");
    }
}
