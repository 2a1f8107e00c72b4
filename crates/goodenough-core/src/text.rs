//! Free-text fields: trimming and length limits shared by every record.

use crate::error::ValidationError;

/// The longest free-text field we accept, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A count with the word that fits it: "1 experiment", "2 experiments",
/// "0 experiments". The one plural rule every summary uses.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A required text field: trimmed at the ends only (inner text is kept
/// exactly, emoji and right-to-left script included), non-empty, bounded.
pub fn required(field: &'static str, value: &str) -> Result<String, ValidationError> {
    let trimmed = value.trim();
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
    match value.map(str::trim) {
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

/// Parses a `YYYY-MM-DD` date that must exist on the calendar.
pub fn parse_date(value: &str) -> Result<chrono::NaiveDate, ValidationError> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| ValidationError::BadDate(value.to_string()))
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
    fn dates_must_exist() {
        assert!(parse_date("2026-02-29").is_err());
        assert!(parse_date("2028-02-29").is_ok());
        assert!(parse_date("yesterday").is_err());
    }
}
