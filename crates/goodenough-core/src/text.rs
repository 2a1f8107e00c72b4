//! Free-text fields: trimming, control characters and length limits shared
//! by every record.

use crate::error::ValidationError;

/// The longest free-text field we accept, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A count with the word that fits it: "1 experiment", "2 experiments",
/// "0 experiments". The one plural rule every summary uses.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Text as we keep it: a carriage return (alone or before a newline, as
/// browsers send form text) becomes a newline, and every other control
/// character except tab and newline is removed. Such characters are never
/// meant (a stray escape or bell pasted from a terminal), they are invisible,
/// and they would make the printable report invalid HTML; removing them
/// loses nothing the person wrote, where refusing would throw away a whole
/// entry for a character they cannot see.
pub fn clean(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A required text field: control characters cleaned (see [`clean`]),
/// trimmed at the ends only (inner text is kept exactly, emoji and
/// right-to-left script included), non-empty, bounded.
pub fn required(field: &'static str, value: &str) -> Result<String, ValidationError> {
    let cleaned = clean(value);
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        return Err(ValidationError::Empty { field });
    }
    bounded(field, trimmed)
}

/// An optional text field: empty or blank becomes `None`.
pub fn optional(
    field: &'static str,
    value: Option<&str>,
) -> Result<Option<String>, ValidationError> {
    let cleaned = value.map(clean);
    match cleaned.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => bounded(field, v).map(Some),
    }
}

fn bounded(field: &'static str, value: &str) -> Result<String, ValidationError> {
    let len = value.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(ValidationError::TooLong {
            field,
            len,
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(value.to_string())
}

/// Parses a `YYYY-MM-DD` date that must exist on the calendar and not be
/// before 1970 ([`crate::clock::check_date`]).
pub fn parse_date(value: &str) -> Result<chrono::NaiveDate, ValidationError> {
    let date = chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| ValidationError::BadDate(value.to_string()))?;
    crate::clock::check_date(date)?;
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_word_that_fits() {
        assert_eq!(count(1, "experiment", "experiments"), "1 experiment");
        assert_eq!(count(2, "experiment", "experiments"), "2 experiments");
        assert_eq!(count(0, "delegation", "delegations"), "0 delegations");
    }

    #[test]
    fn keeps_inner_text_exactly() {
        let s = "  שלום 👋🏽 — déjà vu\n second line ";
        assert_eq!(
            required("note", s).ok().as_deref(),
            Some("שלום 👋🏽 — déjà vu\n second line")
        );
    }

    #[test]
    fn rejects_blank_and_oversized() {
        assert!(matches!(
            required("thought", "   "),
            Err(ValidationError::Empty { .. })
        ));
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(
            required("thought", &long),
            Err(ValidationError::TooLong { .. })
        ));
        assert!(required("thought", &"é".repeat(10_000)).is_ok());
    }

    #[test]
    fn control_characters_are_removed_and_carriage_returns_become_newlines() {
        assert_eq!(
            required("note", "a\u{7}b\u{1b}[31mc\r\nd\re\tf\u{0}\u{7f}\u{85}g")
                .ok()
                .as_deref(),
            Some("ab[31mc\nd\ne\tfg")
        );
        // Nothing left but control characters: as empty as a blank field.
        assert!(matches!(
            required("note", "\u{7}\u{1b}"),
            Err(ValidationError::Empty { .. })
        ));
        assert_eq!(optional("note", Some("\u{7}")).ok(), Some(None));
        assert_eq!(clean("שלום 👋🏽\n"), "שלום 👋🏽\n");
    }

    #[test]
    fn dates_must_exist() {
        assert!(parse_date("2026-02-29").is_err());
        assert!(parse_date("2028-02-29").is_ok());
        assert!(parse_date("yesterday").is_err());
        assert!(matches!(
            parse_date("1969-07-20"),
            Err(ValidationError::BeforeEarliest(_))
        ));
    }
}
