//! A person's settings: display name, time zone, working hours and reminder
//! time. They live in the store, next to the person's records.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::text;

/// A person's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settings {
    pub display_name: String,
    /// IANA time zone name; a check-in's date is the local date here.
    pub time_zone: String,
    /// Start of working hours, `HH:MM`.
    pub work_start: String,
    /// End of working hours, `HH:MM`.
    pub work_end: String,
    /// Working days, lowercase three-letter names (`mon`..`sun`).
    pub work_days: Vec<String>,
    /// When the evening check-in reminder is due, `HH:MM`.
    pub reminder_time: String,
}

impl Settings {
    /// Defaults for a new person in the given time zone.
    pub fn defaults(time_zone: &str) -> Settings {
        let tz = if parse_time_zone(time_zone).is_ok() {
            time_zone.to_string()
        } else {
            "UTC".to_string()
        };
        Settings {
            display_name: "friend".to_string(),
            time_zone: tz,
            work_start: "09:00".to_string(),
            work_end: "18:00".to_string(),
            work_days: ["mon", "tue", "wed", "thu", "fri"]
                .map(String::from)
                .to_vec(),
            reminder_time: "21:00".to_string(),
        }
    }

    /// Checks every rule.
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("display name", &self.display_name)?;
        if self.display_name.chars().count() > 100 {
            return Err(ValidationError::TooLong {
                field: "display name",
                len: self.display_name.chars().count(),
                max: 100,
            });
        }
        parse_time_zone(&self.time_zone)?;
        let start = parse_time(&self.work_start)?;
        let end = parse_time(&self.work_end)?;
        if end <= start {
            return Err(ValidationError::Other(format!(
                "Working hours must end after they start; you gave {} to {}.",
                self.work_start, self.work_end
            )));
        }
        for d in &self.work_days {
            parse_weekday(d)?;
        }
        parse_time(&self.reminder_time)?;
        Ok(())
    }

    /// The parsed time zone (validated settings always have one).
    pub fn tz(&self) -> chrono_tz::Tz {
        parse_time_zone(&self.time_zone).unwrap_or(chrono_tz::UTC)
    }
}

/// Parses an IANA time zone name.
pub fn parse_time_zone(name: &str) -> Result<chrono_tz::Tz, ValidationError> {
    name.trim()
        .parse::<chrono_tz::Tz>()
        .map_err(|_| ValidationError::BadTimeZone(name.to_string()))
}

/// Parses `HH:MM`.
pub fn parse_time(value: &str) -> Result<NaiveTime, ValidationError> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M")
        .map_err(|_| ValidationError::BadTime(value.to_string()))
}

/// Parses a weekday name (`mon`, `Monday`, …).
pub fn parse_weekday(value: &str) -> Result<Weekday, ValidationError> {
    value.trim().parse::<Weekday>().map_err(|_| {
        ValidationError::Other(format!(
            "\"{value}\" is not a day of the week; use mon, tue, wed, thu, fri, sat or sun."
        ))
    })
}

/// The local date "today" in a time zone.
pub fn today_in(tz: chrono_tz::Tz, now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    now.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_bad_values_are_named() {
        let s = Settings::defaults("Europe/Berlin");
        assert!(s.validate().is_ok());
        let mut bad = s.clone();
        bad.time_zone = "Mars/Olympus".into();
        assert!(matches!(
            bad.validate(),
            Err(ValidationError::BadTimeZone(_))
        ));
        let mut bad = s.clone();
        bad.work_end = "08:00".into();
        assert!(bad.validate().is_err());
        let mut bad = s;
        bad.reminder_time = "25:00".into();
        assert!(matches!(bad.validate(), Err(ValidationError::BadTime(_))));
    }
}
