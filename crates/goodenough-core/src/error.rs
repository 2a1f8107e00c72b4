//! Validation errors: each one is a sentence for the person, saying what is
//! wrong and how to fix it. Never include the person's private text in them
//! beyond what they just typed into that same field.

use thiserror::Error;

/// Something a person entered (or a file they gave us) cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValidationError {
    /// A number outside its scale.
    #[error("{field} must be a whole number from {min} to {max}; you gave {value}.")]
    OutOfRange {
        field: &'static str,
        min: i64,
        max: i64,
        value: i64,
    },
    /// A field that must not be empty.
    #[error("{field} is empty; please write at least a few words.")]
    Empty { field: &'static str },
    /// A text field longer than we accept.
    #[error("{field} is {len} characters long; the limit is {max}. Please shorten it.")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    /// Not exactly three appreciations.
    #[error("A check-in needs exactly three appreciations, each as area: text; you gave {0}.")]
    AppreciationCount(usize),
    /// An unknown life area.
    #[error("\"{0}\" is not a life area. Use one of: work, relationships, health, creativity, rest, character, other.")]
    UnknownArea(String),
    /// An appreciation not written as `AREA: TEXT`.
    #[error("\"{0}\" is not in the form AREA: TEXT (for example \"health: went for a walk\").")]
    AppreciationFormat(String),
    /// A date that cannot be read or does not exist.
    #[error("\"{0}\" is not a date that exists; write it as YYYY-MM-DD, for example 2026-03-14.")]
    BadDate(String),
    /// A time zone name that is not in the IANA database.
    #[error("\"{0}\" is not a time zone name; use an IANA name such as Europe/Berlin or America/New_York.")]
    BadTimeZone(String),
    /// An emotion not written as `NAME:N`.
    #[error(
        "\"{0}\" is not in the form NAME:INTENSITY (for example \"anxious:70\", intensity 0-100)."
    )]
    EmotionFormat(String),
    /// A thinking trap slug that is not in the catalogue.
    #[error("\"{0}\" is not a known thinking trap.")]
    UnknownTrap(String),
    /// `belief after` without a reframe.
    #[error(
        "belief after only makes sense with a reframe; add a reframe or leave belief after out."
    )]
    BeliefAfterWithoutReframe,
    /// A time of day that cannot be read.
    #[error("\"{0}\" is not a time of day; write it as HH:MM, for example 21:30.")]
    BadTime(String),
    /// A date before 1970-01-01.
    #[error(
        "{0} is before 1970-01-01, the earliest date goodenough keeps; please check the year."
    )]
    BeforeEarliest(chrono::NaiveDate),
    /// Something that happened, dated after the person's today.
    #[error("{} can't be dated {date}, after today ({today}): only what has already happened is recorded. Please use today's date or an earlier one.", capitalised(what))]
    FutureDate {
        what: &'static str,
        date: chrono::NaiveDate,
        today: chrono::NaiveDate,
    },
    /// Anything else, already phrased as a sentence.
    #[error("{0}")]
    Other(String),
}

/// `what` with its first letter in upper case, to start a sentence.
fn capitalised(what: &str) -> String {
    let mut chars = what.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Checks that `value` lies within `min..=max` for a named field.
pub fn check_range(
    field: &'static str,
    value: i64,
    min: i64,
    max: i64,
) -> Result<(), ValidationError> {
    if value < min || value > max {
        return Err(ValidationError::OutOfRange {
            field,
            min,
            max,
            value,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Core's messages are shared by the terminal, the pages and the API, so
    /// none may name a command, a flag or an endpoint: each front end adds
    /// its own hint.
    #[test]
    fn validation_messages_name_no_command_flag_or_endpoint() {
        let src = include_str!("error.rs");
        let code = src.split("#[cfg(test)]").next().unwrap_or_default();
        let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
        let messages: Vec<&str> = flat
            .split("#[error(")
            .skip(1)
            .filter_map(|piece| piece.split(")]").next())
            .collect();
        assert!(messages.len() >= 15, "found too few messages: {messages:?}");
        for m in messages {
            for word in [
                "`goodenough",
                "run goodenough",
                " --",
                "/api/",
                "GET ",
                "POST ",
            ] {
                assert!(!m.contains(word), "a core message names {word:?}: {m}");
            }
        }
    }
}
