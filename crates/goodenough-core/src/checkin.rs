//! The evening self-check-in: mood, energy, three appreciations of oneself
//! (each with a life area) and an optional note, one per local date.
//!
//! Consistency figures are shown kindly: they count days that happened and
//! never count or name the days that did not.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::area::LifeArea;
use crate::error::{check_range, ValidationError};
use crate::text;

/// One thing the person appreciates about themself today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appreciation {
    pub area: LifeArea,
    /// Not empty, and more than white space.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")
    )]
    pub text: String,
}

impl Appreciation {
    /// Parses the `AREA: TEXT` form used by `--appreciate`.
    pub fn parse(raw: &str) -> Result<Appreciation, ValidationError> {
        let (area, text) = raw
            .split_once(':')
            .ok_or_else(|| ValidationError::AppreciationFormat(raw.to_string()))?;
        let area: LifeArea = area.parse()?;
        let text = text::required("appreciation", text)?;
        Ok(Appreciation { area, text })
    }
}

/// A saved evening check-in. The JSON shape is shared by the CLI's `--json`,
/// the export and the API: `{id, date, mood, energy, appreciations, note}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckIn {
    pub id: String,
    pub date: NaiveDate,
    pub mood: u8,
    pub energy: u8,
    pub appreciations: Vec<Appreciation>,
    #[serde(default)]
    pub note: Option<String>,
}

/// How many appreciations a check-in holds.
pub const APPRECIATIONS: usize = 3;

impl CheckIn {
    /// Builds a validated check-in from raw values.
    pub fn new(
        id: String,
        date: NaiveDate,
        mood: i64,
        energy: i64,
        appreciations: Vec<Appreciation>,
        note: Option<&str>,
    ) -> Result<CheckIn, ValidationError> {
        let appreciations = appreciations
            .into_iter()
            .map(|a| {
                Ok(Appreciation {
                    area: a.area,
                    text: text::required("appreciation", &a.text)?,
                })
            })
            .collect::<Result<Vec<_>, ValidationError>>()?;
        let checkin = CheckIn {
            id,
            date,
            mood: to_scale("mood", mood, 10)?,
            energy: to_scale("energy", energy, 10)?,
            appreciations,
            note: text::optional("note", note)?,
        };
        checkin.validate()?;
        Ok(checkin)
    }

    /// Checks every rule of a check-in (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_range("mood", i64::from(self.mood), 0, 10)?;
        check_range("energy", i64::from(self.energy), 0, 10)?;
        if self.appreciations.len() != APPRECIATIONS {
            return Err(ValidationError::AppreciationCount(self.appreciations.len()));
        }
        for a in &self.appreciations {
            text::required("appreciation", &a.text)?;
        }
        if let Some(note) = &self.note {
            text::optional("note", Some(note))?;
        }
        Ok(())
    }

    /// True when every appreciation is about work: the app then gently asks
    /// for one that is not.
    pub fn all_work(&self) -> bool {
        all_work(&self.appreciations)
    }

    /// How many appreciations are about something other than work.
    pub fn non_work_count(&self) -> usize {
        self.appreciations
            .iter()
            .filter(|a| a.area != LifeArea::Work)
            .count()
    }
}

/// True when there are appreciations and all of them are about work.
pub fn all_work(appreciations: &[Appreciation]) -> bool {
    !appreciations.is_empty() && appreciations.iter().all(|a| a.area == LifeArea::Work)
}

/// The words shown when all three appreciations are about work.
pub const ALL_WORK_NUDGE: &str =
    "All three of today's appreciations are about work. Your work matters, \
and so do you outside it: your worth is more than your output. Is there one thing from the rest of \
your day (a kindness, a walk, a moment of rest, something you made) that you could appreciate too?";

fn to_scale(field: &'static str, value: i64, max: i64) -> Result<u8, ValidationError> {
    check_range(field, value, 0, max)?;
    u8::try_from(value).map_err(|_| ValidationError::OutOfRange {
        field,
        min: 0,
        max,
        value,
    })
}

/// Kind consistency figures: what happened, never what did not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consistency {
    /// Days with a check-in in the ISO week (Monday to Sunday) of `today`.
    pub days_this_week: u32,
    /// Days with a check-in in the calendar month of `today`.
    pub days_this_month: u32,
    /// The longest run of consecutive days with a check-in, ever.
    pub longest_run: u32,
    /// The run that includes today or yesterday (0 if neither has one yet;
    /// tonight is still open).
    pub current_run: u32,
    /// All days with a check-in.
    pub total_days: u32,
}

impl Consistency {
    /// Computes the figures from the dates that have a check-in.
    pub fn compute(dates: &[NaiveDate], today: NaiveDate) -> Consistency {
        let mut sorted: Vec<NaiveDate> = dates.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let week_start =
            today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let week_end = week_start + chrono::Duration::days(6);
        let days_this_week = sorted
            .iter()
            .filter(|d| **d >= week_start && **d <= week_end)
            .count();
        let days_this_month = sorted
            .iter()
            .filter(|d| d.year() == today.year() && d.month() == today.month())
            .count();
        let mut longest = 0u32;
        let mut run = 0u32;
        let mut prev: Option<NaiveDate> = None;
        for d in &sorted {
            run = match prev {
                Some(p) if p.succ_opt() == Some(*d) => run + 1,
                _ => 1,
            };
            longest = longest.max(run);
            prev = Some(*d);
        }
        // The current run ends today, or yesterday if tonight's check-in is still to come.
        let mut current = 0u32;
        let anchor = if sorted.binary_search(&today).is_ok() {
            Some(today)
        } else {
            today.pred_opt().filter(|y| sorted.binary_search(y).is_ok())
        };
        if let Some(mut day) = anchor {
            while sorted.binary_search(&day).is_ok() {
                current += 1;
                match day.pred_opt() {
                    Some(p) => day = p,
                    None => break,
                }
            }
        }
        Consistency {
            days_this_week: u32::try_from(days_this_week).unwrap_or(u32::MAX),
            days_this_month: u32::try_from(days_this_month).unwrap_or(u32::MAX),
            longest_run: longest,
            current_run: current,
            total_days: u32::try_from(sorted.len()).unwrap_or(u32::MAX),
        }
    }

    /// A short kind line for right after a check-in (week and month only).
    pub fn short_sentence(&self) -> String {
        format!(
            "{} this week, {} this month. Every check-in counts.",
            plural(self.days_this_week, "evening", "evenings"),
            self.days_this_month
        )
    }

    /// One kind sentence about the figures; it never mentions missed days.
    pub fn sentence(&self) -> String {
        if self.total_days == 0 {
            return "No check-ins yet. Whenever you are ready, tonight is a fine first evening."
                .to_string();
        }
        let mut s = format!(
            "{} this week, {} this month, {} in all. Your longest run so far: {} {}.",
            plural(self.days_this_week, "evening", "evenings"),
            self.days_this_month,
            plural(self.total_days, "evening", "evenings"),
            self.longest_run,
            if self.longest_run == 1 { "day" } else { "days" }
        );
        if self.current_run > 1 {
            s.push_str(&format!(" You are on a run of {} days.", self.current_run));
        }
        s.push_str(" Every check-in counts; any day is a good day to come back.");
        s
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::text::parse_date(s).expect("test date")
    }

    fn apps(areas: [&str; 3]) -> Vec<Appreciation> {
        areas
            .iter()
            .map(|a| Appreciation::parse(&format!("{a}: something")).expect("valid"))
            .collect()
    }

    #[test]
    fn parses_appreciation_flag() {
        let a = Appreciation::parse("Relationships: called my sister: twice").expect("valid");
        assert_eq!(a.area, LifeArea::Relationships);
        assert_eq!(a.text, "called my sister: twice");
        assert!(matches!(
            Appreciation::parse("hobby: x"),
            Err(ValidationError::UnknownArea(_))
        ));
        assert!(matches!(
            Appreciation::parse("no colon"),
            Err(ValidationError::AppreciationFormat(_))
        ));
        assert!(matches!(
            Appreciation::parse("work:   "),
            Err(ValidationError::Empty { .. })
        ));
    }

    #[test]
    fn mood_energy_and_count_are_checked() {
        let ok = CheckIn::new(
            "a".into(),
            d("2026-01-01"),
            6,
            5,
            apps(["work", "rest", "health"]),
            None,
        );
        assert!(ok.is_ok());
        for (m, e) in [(11, 5), (-1, 5), (5, 11), (5, -1)] {
            let r = CheckIn::new(
                "a".into(),
                d("2026-01-01"),
                m,
                e,
                apps(["work", "rest", "health"]),
                None,
            );
            assert!(
                matches!(r, Err(ValidationError::OutOfRange { .. })),
                "{m} {e}"
            );
        }
        let mut two = apps(["work", "rest", "health"]);
        two.pop();
        assert_eq!(
            CheckIn::new("a".into(), d("2026-01-01"), 5, 5, two, None),
            Err(ValidationError::AppreciationCount(2))
        );
    }

    #[test]
    fn all_work_is_noticed() {
        assert!(all_work(&apps(["work", "work", "work"])));
        assert!(!all_work(&apps(["work", "work", "rest"])));
    }

    #[test]
    fn consistency_counts_runs_kindly() {
        let dates = [
            d("2026-03-02"),
            d("2026-03-03"),
            d("2026-03-04"),
            d("2026-03-06"),
            d("2026-03-09"),
            d("2026-03-10"),
        ];
        // 2026-03-10 is a Tuesday; its ISO week starts Monday 03-09.
        let c = Consistency::compute(&dates, d("2026-03-10"));
        assert_eq!(c.days_this_week, 2);
        assert_eq!(c.days_this_month, 6);
        assert_eq!(c.longest_run, 3);
        assert_eq!(c.current_run, 2);
        assert_eq!(c.total_days, 6);
        // Tonight not yet checked in: the run through yesterday still stands.
        let c = Consistency::compute(&dates, d("2026-03-11"));
        assert_eq!(c.current_run, 2);
        let s = c.sentence().to_lowercase();
        for harsh in ["missed", "broke", "fail", "lost"] {
            assert!(!s.contains(harsh), "{s}");
        }
    }
}
