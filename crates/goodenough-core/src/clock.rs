//! Instants as stored: whole seconds in UTC, so every backend (PostgreSQL
//! keeps microseconds, SQLite keeps text) round-trips them exactly and an
//! export re-imports byte for byte. And the dates a person could mean: none
//! before 1970, and nothing that happened dated after the person's today.

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};

use crate::error::ValidationError;

/// The earliest date any record may carry.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Any date, planned or past: refused before 1970-01-01 (almost always a
/// mistyped year).
pub fn check_date(date: NaiveDate) -> Result<(), ValidationError> {
    if date < EARLIEST_DATE {
        return Err(ValidationError::BeforeEarliest(date));
    }
    Ok(())
}

/// The date of something that happened (a check-in, a win, a joy log…):
/// not before 1970 and not after `today`, the person's local date. `what`
/// names the record for the sentence ("a check-in"). Planned things (an
/// experiment's due date, a programme's start, a personal-time block) may be
/// in the future and use [`check_date`] only.
pub fn check_happened(
    what: &'static str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationError> {
    check_date(date)?;
    if date > today {
        return Err(ValidationError::FutureDate { what, date, today });
    }
    Ok(())
}

/// An instant rounded down to the whole second.
pub fn round(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant.trunc_subsecs(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::text::parse_date(s).expect("date")
    }

    #[test]
    fn happened_dates_run_from_1970_to_today() {
        let today = d("2026-03-14");
        assert!(check_happened("a check-in", today, today).is_ok());
        assert!(check_happened("a check-in", d("1970-01-01"), today).is_ok());
        let future = check_happened("a check-in", d("2026-03-15"), today);
        assert_eq!(
            future.map_err(|e| e.to_string()),
            Err("A check-in can't be dated 2026-03-15, after today (2026-03-14): \
                 only what has already happened is recorded. Please use today's date or an earlier one."
                .to_string())
        );
        let old = NaiveDate::from_ymd_opt(1969, 12, 31).expect("date");
        let refused = check_happened("a win", old, today).map_err(|e| e.to_string());
        assert!(matches!(&refused, Err(m) if m.contains("1969-12-31") && m.contains("1970")));
        // A planned date may be in the future, but not before 1970 either.
        assert!(check_date(d("2030-01-01")).is_ok());
        assert!(check_date(old).is_err());
    }
}
