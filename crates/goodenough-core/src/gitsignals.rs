//! Overwork signals from a person's own git history.
//!
//! Only two facts per commit are ever kept: its hash and the instant it was
//! authored. Never the message, the files or the repository's contents. The
//! classification of an instant (inside working hours, outside them, or on a
//! day off) is a pure function of the instant, the person's time zone and
//! their working hours, so it follows the settings the person has today,
//! also for commits scanned long ago.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::settings::{parse_time, parse_weekday, Settings};

/// One commit by the person: its hash and when it was authored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GitCommit {
    /// The full commit id (hex).
    pub hash: String,
    /// When it was authored.
    pub at: DateTime<Utc>,
}

impl GitCommit {
    /// Checks the hash looks like a git object id (40 or 64 hex digits).
    pub fn validate(&self) -> Result<(), ValidationError> {
        let ok = matches!(self.hash.len(), 40 | 64)
            && self
                .hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if ok {
            Ok(())
        } else {
            Err(ValidationError::Other(format!(
                "\"{}\" is not a commit id; it should be 40 (or 64) lowercase hex digits.",
                self.hash
            )))
        }
    }
}

/// When the person works, in their own time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkHours<Tz: TimeZone> {
    pub tz: Tz,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub days: Vec<Weekday>,
}

impl WorkHours<chrono_tz::Tz> {
    /// The working hours in a person's settings.
    pub fn from_settings(settings: &Settings) -> Result<Self, ValidationError> {
        let days = settings
            .work_days
            .iter()
            .map(|d| parse_weekday(d))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(WorkHours {
            tz: settings.tz(),
            start: parse_time(&settings.work_start)?,
            end: parse_time(&settings.work_end)?,
            days,
        })
    }
}

/// Where an instant falls for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Slot {
    /// A working day, within working hours.
    Inside,
    /// A working day, before or after working hours.
    Outside,
    /// A day that is not a working day (Saturday and Sunday by default);
    /// counts as outside working hours too.
    Weekend,
}

/// Classifies an instant: the local wall-clock time in the person's time
/// zone (daylight saving included) against their working days and hours.
/// The start is inside, the end is not (09:00 is working time, 18:00 is not).
pub fn classify<Tz: TimeZone>(at: DateTime<Utc>, hours: &WorkHours<Tz>) -> Slot {
    let local = at.with_timezone(&hours.tz);
    if !hours.days.contains(&local.weekday()) {
        return Slot::Weekend;
    }
    let t = local.time();
    if t >= hours.start && t < hours.end {
        Slot::Inside
    } else {
        Slot::Outside
    }
}

/// The Monday of a date's ISO week.
pub fn iso_monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// An ISO week label such as `2026-W07`.
pub fn iso_label(date: NaiveDate) -> String {
    let w = date.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The person's commits in one ISO week (local dates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GitWeek {
    /// ISO week, e.g. `2026-W07`.
    pub week: String,
    /// The Monday of that week.
    pub week_start: NaiveDate,
    /// Commits that week.
    pub commits: u32,
    /// Commits outside working hours, days off included.
    pub outside_hours: u32,
    /// Commits on days off (the weekend by default).
    pub weekend: u32,
    /// `outside_hours / commits`, 0.0..=1.0.
    pub outside_share: f64,
    /// `weekend / commits`, 0.0..=1.0.
    pub weekend_share: f64,
}

/// Counts commit instants per ISO week (oldest week first); weeks without
/// commits are left out.
pub fn weekly<Tz: TimeZone>(times: &[DateTime<Utc>], hours: &WorkHours<Tz>) -> Vec<GitWeek> {
    let mut weeks: BTreeMap<NaiveDate, (u32, u32, u32)> = BTreeMap::new();
    for at in times {
        let day = at.with_timezone(&hours.tz).date_naive();
        let entry = weeks.entry(iso_monday(day)).or_default();
        entry.0 += 1;
        match classify(*at, hours) {
            Slot::Inside => {}
            Slot::Outside => entry.1 += 1,
            Slot::Weekend => {
                entry.1 += 1;
                entry.2 += 1;
            }
        }
    }
    weeks
        .into_iter()
        .map(|(monday, (commits, outside, weekend))| GitWeek {
            week: iso_label(monday),
            week_start: monday,
            commits,
            outside_hours: outside,
            weekend,
            outside_share: ratio(outside, commits),
            weekend_share: ratio(weekend, commits),
        })
        .collect()
}

fn ratio(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        f64::from(part) / f64::from(whole)
    }
}

/// Parses `--since`: a date (`YYYY-MM-DD`), read as local midnight in `tz`.
pub fn parse_since<Tz: TimeZone>(raw: &str, tz: &Tz) -> Result<DateTime<Utc>, ValidationError> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        ValidationError::Other(format!(
            "\"{raw}\" is not a date I can read; use YYYY-MM-DD, e.g. 2026-01-31."
        ))
    })?;
    Ok(local_midnight(date, tz))
}

/// The first instant of a local date (the earliest valid time if midnight
/// is skipped by a daylight-saving change).
pub fn local_midnight<Tz: TimeZone>(date: NaiveDate, tz: &Tz) -> DateTime<Utc> {
    let mut t = date.and_time(NaiveTime::MIN);
    for _ in 0..4 {
        if let Some(dt) = tz.from_local_datetime(&t).earliest() {
            return dt.with_timezone(&Utc);
        }
        t += Duration::minutes(30);
    }
    date.and_time(NaiveTime::MIN).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(tz: &str) -> WorkHours<chrono_tz::Tz> {
        WorkHours::from_settings(&Settings::defaults(tz)).expect("defaults are valid")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("test instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn working_hours_bounds_and_weekend() {
        let h = hours("UTC");
        // 2026-11-23 is a Monday.
        assert_eq!(classify(utc("2026-11-23T09:00:00Z"), &h), Slot::Inside);
        assert_eq!(classify(utc("2026-11-23T08:59:59Z"), &h), Slot::Outside);
        assert_eq!(classify(utc("2026-11-23T17:59:59Z"), &h), Slot::Inside);
        assert_eq!(classify(utc("2026-11-23T18:00:00Z"), &h), Slot::Outside);
        assert_eq!(classify(utc("2026-11-28T11:00:00Z"), &h), Slot::Weekend);
        assert_eq!(classify(utc("2026-11-29T23:59:59Z"), &h), Slot::Weekend);
    }

    #[test]
    fn midnight_is_judged_in_the_persons_zone() {
        let h = hours("Europe/Berlin");
        // Friday 23:30 UTC is Saturday 00:30 in Berlin (winter, UTC+1).
        assert_eq!(classify(utc("2026-11-27T23:30:00Z"), &h), Slot::Weekend);
        // Sunday 23:30 UTC is Monday 00:30 in Berlin: a working day, late.
        assert_eq!(classify(utc("2026-11-29T23:30:00Z"), &h), Slot::Outside);
        // Monday 08:30 UTC is 09:30 in Berlin.
        assert_eq!(classify(utc("2026-11-30T08:30:00Z"), &h), Slot::Inside);
        let ny = hours("America/New_York");
        // Saturday 02:00 UTC is Friday 21:00 in New York: late on a work day.
        assert_eq!(classify(utc("2026-11-28T02:00:00Z"), &ny), Slot::Outside);
    }

    #[test]
    fn daylight_saving_moves_the_boundary() {
        let h = hours("Europe/Berlin");
        // 07:30 UTC: 08:30 local in winter (outside), 09:30 in summer (inside).
        assert_eq!(classify(utc("2026-03-27T07:30:00Z"), &h), Slot::Outside);
        assert_eq!(classify(utc("2026-03-30T07:30:00Z"), &h), Slot::Inside);
        // 16:30 UTC: 18:30 local in summer (outside), 17:30 in winter (inside).
        assert_eq!(classify(utc("2026-10-23T16:30:00Z"), &h), Slot::Outside);
        assert_eq!(classify(utc("2026-10-26T16:30:00Z"), &h), Slot::Inside);
        // Midnight on the night the clocks go forward still parses.
        let d = NaiveDate::from_ymd_opt(2026, 3, 29).expect("date");
        assert_eq!(local_midnight(d, &h.tz), utc("2026-03-28T23:00:00Z"));
    }

    #[test]
    fn custom_days_make_other_days_off() {
        let mut s = Settings::defaults("UTC");
        s.work_days = vec![
            "sun".into(),
            "mon".into(),
            "tue".into(),
            "wed".into(),
            "thu".into(),
        ];
        s.work_start = "08:00".into();
        s.work_end = "16:00".into();
        let h = WorkHours::from_settings(&s).expect("valid");
        assert_eq!(classify(utc("2026-11-29T10:00:00Z"), &h), Slot::Inside); // Sunday
        assert_eq!(classify(utc("2026-11-27T10:00:00Z"), &h), Slot::Weekend); // Friday
        assert_eq!(classify(utc("2026-11-23T16:30:00Z"), &h), Slot::Outside);
    }

    #[test]
    fn weeks_count_outside_and_weekend_separately() {
        let h = hours("UTC");
        let times = [
            utc("2026-11-23T10:00:00Z"), // Mon inside
            utc("2026-11-23T22:00:00Z"), // Mon late
            utc("2026-11-28T12:00:00Z"), // Sat
            utc("2026-11-30T10:00:00Z"), // next Mon inside
        ];
        let w = weekly(&times, &h);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].week, "2026-W48");
        assert_eq!((w[0].commits, w[0].outside_hours, w[0].weekend), (3, 2, 1));
        assert!((w[0].outside_share - 2.0 / 3.0).abs() < 1e-9);
        assert!((w[0].weekend_share - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!((w[1].commits, w[1].outside_hours), (1, 0));
        // A year boundary: 2026-12-31 is in ISO week 2026-W53.
        assert_eq!(
            iso_label(NaiveDate::from_ymd_opt(2027, 1, 1).expect("d")),
            "2026-W53"
        );
    }

    #[test]
    fn since_must_be_a_date_and_hashes_must_be_hex() {
        assert!(parse_since("2026-01-31", &chrono_tz::UTC).is_ok());
        let e = parse_since("last tuesday", &chrono_tz::UTC).expect_err("not a date");
        assert!(e.to_string().contains("YYYY-MM-DD"));
        let c = GitCommit {
            hash: "a".repeat(40),
            at: utc("2026-11-23T10:00:00Z"),
        };
        assert!(c.validate().is_ok());
        let bad = GitCommit {
            hash: "xyz".into(),
            ..c
        };
        assert!(bad.validate().is_err());
    }
}
