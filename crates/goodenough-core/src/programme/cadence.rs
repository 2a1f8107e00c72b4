//! When things come round: an exercise's cadence and the programme's
//! schedule (which week and phase a date falls in, what is due on it, the
//! dated milestones).

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::joy::Day;

use super::*;

/// When an exercise comes round. Weeks are weeks of the programme (week 1 =
/// the first seven days from the start date); days are weekdays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Cadence {
    /// Every day.
    Daily,
    /// Every week on one weekday.
    Weekly { day: Day },
    /// Once, in one week (on its first day unless a weekday is given).
    Once { week: u32, day: Option<Day> },
    /// Every N weeks from a week (on that week's first day unless a weekday
    /// is given).
    Every {
        weeks: u32,
        from: u32,
        day: Option<Day>,
    },
}

impl Cadence {
    /// Reads `daily`, `weekly on sat`, `once in week 3 [on mon]`,
    /// `every 4 weeks [from week 2] [on sun]`.
    pub fn parse(raw: &str) -> Result<Cadence, String> {
        let lower = raw.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let number = |w: Option<&&str>, what: &str| -> Result<u32, String> {
            let w = w.ok_or_else(|| format!("\"{raw}\" is missing {what}"))?;
            w.parse::<u32>()
                .map_err(|_| format!("\"{w}\" in \"{raw}\" is not a whole number of weeks"))
        };
        let day = |w: Option<&&str>| -> Result<Day, String> {
            let w = w.ok_or_else(|| format!("\"{raw}\" ends after `on`; name a weekday"))?;
            Day::parse(w).map_err(|e| e.to_string())
        };
        // An optional `on DAY` at position i; anything else there is an error.
        let tail_day = |i: usize| -> Result<Option<Day>, String> {
            match words.get(i) {
                None => Ok(None),
                Some(&"on") if words.len() == i + 2 => day(words.get(i + 1)).map(Some),
                Some(_) => Err(format!(
                    "cannot read \"{raw}\"; write daily, weekly on DAY, once in week N or every N weeks (optionally `from week N` and `on DAY`)"
                )),
            }
        };
        let cadence = match words.as_slice() {
            ["daily"] => Cadence::Daily,
            ["weekly", "on", d] => Cadence::Weekly {
                day: day(Some(d))?,
            },
            ["weekly"] => {
                return Err(format!(
                    "\"{raw}\" needs a weekday: write weekly on mon (or tue, … sun)"
                ))
            }
            ["once", "in", "week", ..] => {
                let week = number(words.get(3), "a week number")?;
                if week == 0 {
                    return Err("weeks count from 1, so week 0 never comes; use once in week 1 for the first week".into());
                }
                Cadence::Once {
                    week,
                    day: tail_day(4)?,
                }
            }
            ["every", _, unit, ..] if unit.starts_with("week") => {
                let weeks = number(words.get(1), "a number of weeks")?;
                if weeks == 0 {
                    return Err("every 0 weeks never comes round; use every 1 weeks or more".into());
                }
                let (from, rest) = if words.get(3) == Some(&"from") {
                    if words.get(4) != Some(&"week") {
                        return Err(format!("\"{raw}\": write `from week N`"));
                    }
                    let from = number(words.get(5), "the first week")?;
                    if from == 0 {
                        return Err(
                            "weeks count from 1, so `from week 0` never comes; use from week 1"
                                .into(),
                        );
                    }
                    (from, 6)
                } else {
                    (1, 3)
                };
                Cadence::Every {
                    weeks,
                    from,
                    day: tail_day(rest)?,
                }
            }
            _ => {
                return Err(format!(
                    "cannot read \"{raw}\"; write daily, weekly on DAY, once in week N or every N weeks (optionally `from week N` and `on DAY`)"
                ))
            }
        };
        Ok(cadence)
    }

    /// The latest week this cadence names (to check it against the length).
    pub(super) fn named_week(&self) -> Option<u32> {
        match self {
            Cadence::Once { week, .. } => Some(*week),
            Cadence::Every { from, .. } => Some(*from),
            _ => None,
        }
    }

    /// Whether the cadence comes round in `week` (1-based) on a day with
    /// index `day_index` (0 = the week's first day) and weekday `weekday`.
    pub fn hits(&self, week: u32, day_index: u32, weekday: Day) -> bool {
        let on = |d: &Option<Day>| match d {
            Some(d) => *d == weekday,
            None => day_index == 0,
        };
        match self {
            Cadence::Daily => true,
            Cadence::Weekly { day } => *day == weekday,
            Cadence::Once { week: w, day } => week == *w && on(day),
            Cadence::Every { weeks, from, day } => {
                *weeks > 0 && week >= *from && (week - from).is_multiple_of(*weeks) && on(day)
            }
        }
    }

    /// Whether `week` is one the cadence comes round in (any day).
    fn hits_week(&self, week: u32) -> bool {
        match self {
            Cadence::Daily | Cadence::Weekly { .. } => true,
            Cadence::Once { week: w, .. } => week == *w,
            Cadence::Every { weeks, from, .. } => {
                *weeks > 0 && week >= *from && (week - from).is_multiple_of(*weeks)
            }
        }
    }

    /// In words, for people.
    pub fn describe(&self) -> String {
        let on = |d: &Option<Day>| {
            d.map(|d| format!(" on {}", d.full_name()))
                .unwrap_or_default()
        };
        match self {
            Cadence::Daily => "every day".into(),
            Cadence::Weekly { day } => format!("every {}", day.full_name()),
            Cadence::Once { week, day } => format!("once, in week {week}{}", on(day)),
            Cadence::Every {
                weeks: 1,
                from,
                day,
            } if *from <= 1 => {
                format!("every week{}", on(day))
            }
            Cadence::Every { weeks, from, day } if *from <= 1 => {
                format!("every {weeks} weeks{}", on(day))
            }
            Cadence::Every { weeks, from, day } => {
                format!("every {weeks} weeks from week {from}{}", on(day))
            }
        }
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Where a date falls in a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Position {
    /// The programme starts later.
    Before { starts_on: NaiveDate },
    /// In week `week` (1-based), day `day` (0-6) of that week.
    Week { week: u32, day: u32 },
    /// After the end: week `week` of maintenance (1-based).
    Maintenance { week: u32, day: u32 },
}

impl Programme {
    /// The first day of a week of the programme.
    pub fn week_start(start: NaiveDate, week: u32) -> NaiveDate {
        start + Duration::weeks(i64::from(week.max(1)) - 1)
    }

    /// The last day of the programme.
    pub fn end_date(&self, start: NaiveDate) -> NaiveDate {
        start + Duration::weeks(i64::from(self.weeks)) - Duration::days(1)
    }

    /// Where a date falls for a programme started on `start`.
    pub fn position(&self, start: NaiveDate, date: NaiveDate) -> Position {
        let days = (date - start).num_days();
        if days < 0 {
            return Position::Before { starts_on: start };
        }
        let week = u32::try_from(days / 7 + 1).unwrap_or(u32::MAX);
        let day = u32::try_from(days % 7).unwrap_or(0);
        if week <= self.weeks {
            Position::Week { week, day }
        } else {
            Position::Maintenance {
                week: week - self.weeks,
                day,
            }
        }
    }

    /// The phase of a week.
    pub fn phase_of(&self, week: u32) -> Option<&Phase> {
        self.phases
            .iter()
            .find(|p| week >= p.first && week <= p.last)
    }

    /// Exercises whose cadence comes round on `date` (maintenance exercises
    /// after the end).
    pub fn due_on(&self, start: NaiveDate, date: NaiveDate) -> Vec<&Exercise> {
        let weekday = Day::from_weekday(date.weekday());
        match self.position(start, date) {
            Position::Before { .. } => Vec::new(),
            Position::Week { week, day } => self
                .exercises
                .iter()
                .filter(|e| e.in_range(week) && e.cadence.hits(week, day, weekday))
                .collect(),
            Position::Maintenance { week, day } => self
                .maintenance
                .iter()
                .flat_map(|m| m.exercises.iter())
                .filter(|e| e.in_range(week) && e.cadence.hits(week, day, weekday))
                .collect(),
        }
    }

    /// Whether the review (or, after the end, the check-up) comes round on `date`.
    pub fn review_due(&self, start: NaiveDate, date: NaiveDate) -> bool {
        let weekday = Day::from_weekday(date.weekday());
        match self.position(start, date) {
            Position::Before { .. } => false,
            Position::Week { week, day } => self.review.hits(week, day, weekday),
            Position::Maintenance { week, day } => self
                .maintenance
                .as_ref()
                .is_some_and(|m| m.checkup.hits(week, day, weekday)),
        }
    }

    /// Assessment exercises whose window is open on `date`: (exercise,
    /// window first day, window last day). A once / every-N-weeks assessment
    /// stays open from its day to the end of that week; a daily or weekly
    /// one only on its day.
    pub fn assessment_windows(
        &self,
        start: NaiveDate,
        date: NaiveDate,
    ) -> Vec<(&Exercise, NaiveDate, NaiveDate)> {
        let weekday = Day::from_weekday(date.weekday());
        let (week, day, list): (u32, u32, &[Exercise]) = match self.position(start, date) {
            Position::Before { .. } => return Vec::new(),
            Position::Week { week, day } => (week, day, &self.exercises),
            Position::Maintenance { week, day } => (
                week,
                day,
                self.maintenance
                    .as_ref()
                    .map(|m| m.exercises.as_slice())
                    .unwrap_or(&[]),
            ),
        };
        let week_first = date - Duration::days(i64::from(day));
        let week_last = week_first + Duration::days(6);
        list.iter()
            .filter(|e| e.feature == Feature::Assessment && e.in_range(week))
            .filter_map(|e| match e.cadence {
                Cadence::Daily | Cadence::Weekly { .. } => e
                    .cadence
                    .hits(week, day, weekday)
                    .then_some((e, date, date)),
                Cadence::Once { day: d, .. } | Cadence::Every { day: d, .. } => {
                    if !e.cadence.hits_week(week) {
                        return None;
                    }
                    let opens = match d {
                        None => week_first,
                        Some(d) => (0..7)
                            .map(|i| week_first + Duration::days(i))
                            .find(|x| Day::from_weekday(x.weekday()) == d)
                            .unwrap_or(week_first),
                    };
                    (date >= opens).then_some((e, week_first, week_last))
                }
            })
            .collect()
    }

    /// Milestones with their dates (the last day of their week).
    pub fn milestones_dated(&self, start: NaiveDate) -> Vec<DatedMilestone> {
        self.milestones
            .iter()
            .map(|m| DatedMilestone {
                week: m.week,
                title: m.title.clone(),
                marks: m.marks.clone(),
                date: Programme::week_start(start, m.week) + Duration::days(6),
            })
            .collect()
    }

    /// The first milestone on or after `date`.
    pub fn next_milestone(&self, start: NaiveDate, date: NaiveDate) -> Option<DatedMilestone> {
        self.milestones_dated(start)
            .into_iter()
            .find(|m| m.date >= date)
    }
}
