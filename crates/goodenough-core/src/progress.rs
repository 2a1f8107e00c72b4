//! Progress over time: per-week (ISO week) and per-month series computed
//! from check-ins and thought records. Pure: the same records always give
//! the same series. These are the shapes of `GET /api/v1/progress`.
//!
//! For each period that has at least one check-in or one reframed thought:
//! - `checkins`: how many check-ins fall in it;
//! - `mean_mood`, `mean_energy`: means over those check-ins (0–10);
//! - `non_work_share`: appreciations in an area other than work, divided by
//!   all appreciations (0–1);
//! - `reframes`: thought records with a reframe and a belief after it;
//! - `mean_belief_before`, `mean_belief_after`: means over those (0–100).
//!
//! A mean is `null` when there is nothing to average. Means and shares are
//! rounded to two decimals so the JSON stays readable. The week and the
//! month holding today are not over: their `coverage` says how many of
//! their days have passed, and they are shown "so far", never as the latest
//! whole week or month.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::area::LifeArea;
use crate::checkin::CheckIn;
use crate::figures::Coverage;
use crate::thought::ThoughtRecord;

/// One week or one month of progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    /// `2024-W05` for an ISO week, `2024-02` for a month.
    pub period: String,
    /// The first day of the period (a Monday for weeks).
    pub start: NaiveDate,
    /// How many check-ins fall in the period.
    pub checkins: u32,
    /// Mean mood of those check-ins (0-10), `null` without check-ins.
    pub mean_mood: Option<f64>,
    /// Mean energy of those check-ins (0-10), `null` without check-ins.
    pub mean_energy: Option<f64>,
    /// Share of appreciations in an area other than work (0-1).
    pub non_work_share: Option<f64>,
    /// Thought records with a reframe and a belief after it.
    pub reframes: u32,
    /// Mean belief before those reframes (0-100).
    pub mean_belief_before: Option<f64>,
    /// Mean belief after those reframes (0-100).
    pub mean_belief_after: Option<f64>,
    /// How much of the period had passed by today (`complete` is false for
    /// the week or month still under way).
    pub coverage: Coverage,
}

/// Weekly and monthly series, each oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    /// One entry per ISO week with data, oldest first.
    pub weekly: Vec<Period>,
    /// One entry per month with data, oldest first.
    pub monthly: Vec<Period>,
}

impl Progress {
    /// Computes both series; `today` (the person's local date) tells which
    /// week and month are not over yet.
    pub fn compute(checkins: &[CheckIn], thoughts: &[ThoughtRecord], today: NaiveDate) -> Progress {
        Progress {
            weekly: series(checkins, thoughts, Grain::Week, today),
            monthly: series(checkins, thoughts, Grain::Month, today),
        }
    }

    /// The whole periods of `periods`: those that are over.
    pub fn whole(periods: &[Period]) -> impl Iterator<Item = &Period> {
        periods.iter().filter(|p| p.coverage.complete)
    }

    /// Whether there is nothing to show at all.
    pub fn is_empty(&self) -> bool {
        self.weekly.is_empty()
    }
}

#[derive(Debug, Clone, Copy)]
enum Grain {
    Week,
    Month,
}

impl Grain {
    /// The first day of the period holding `date`, and its label.
    fn key(self, date: NaiveDate) -> (NaiveDate, String) {
        match self {
            Grain::Week => {
                let w = date.iso_week();
                let start =
                    NaiveDate::from_isoywd_opt(w.year(), w.week(), Weekday::Mon).unwrap_or(date);
                (start, format!("{}-W{:02}", w.year(), w.week()))
            }
            Grain::Month => {
                let start = date.with_day(1).unwrap_or(date);
                (start, format!("{}-{:02}", date.year(), date.month()))
            }
        }
    }
}

#[derive(Default)]
struct Acc {
    label: String,
    checkins: u32,
    mood: u64,
    energy: u64,
    appreciations: u64,
    non_work: u64,
    reframes: u32,
    before: u64,
    after: u64,
}

fn mean(sum: u64, n: u64) -> Option<f64> {
    if n == 0 {
        None
    } else {
        Some(round2(sum as f64 / n as f64))
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn series(
    checkins: &[CheckIn],
    thoughts: &[ThoughtRecord],
    grain: Grain,
    today: NaiveDate,
) -> Vec<Period> {
    let mut map: BTreeMap<NaiveDate, Acc> = BTreeMap::new();
    for c in checkins {
        let (start, label) = grain.key(c.date);
        let acc = map.entry(start).or_default();
        acc.label = label;
        acc.checkins += 1;
        acc.mood += u64::from(c.mood);
        acc.energy += u64::from(c.energy);
        acc.appreciations += c.appreciations.len() as u64;
        acc.non_work += c
            .appreciations
            .iter()
            .filter(|a| a.area != LifeArea::Work)
            .count() as u64;
    }
    for t in thoughts {
        let (Some(_), Some(after)) = (&t.reframe, t.belief_after) else {
            continue;
        };
        let (start, label) = grain.key(t.date);
        let acc = map.entry(start).or_default();
        acc.label = label;
        acc.reframes += 1;
        acc.before += u64::from(t.belief);
        acc.after += u64::from(after);
    }
    map.into_iter()
        .map(|(start, a)| Period {
            period: a.label,
            start,
            checkins: a.checkins,
            mean_mood: mean(a.mood, u64::from(a.checkins)),
            mean_energy: mean(a.energy, u64::from(a.checkins)),
            non_work_share: mean(a.non_work, a.appreciations),
            reframes: a.reframes,
            mean_belief_before: mean(a.before, u64::from(a.reframes)),
            mean_belief_after: mean(a.after, u64::from(a.reframes)),
            coverage: match grain {
                Grain::Week => crate::figures::iso_week(start).coverage(today),
                Grain::Month => crate::figures::month(start).coverage(today),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::Appreciation;
    use chrono::{TimeZone, Utc};

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn checkin(date: &str, mood: u8, energy: u8, areas: [LifeArea; 3]) -> CheckIn {
        CheckIn {
            id: format!("c-{date}"),
            date: d(date),
            mood,
            energy,
            appreciations: areas
                .iter()
                .map(|a| Appreciation {
                    area: *a,
                    text: "something".into(),
                })
                .collect(),
            note: None,
        }
    }

    fn thought(date: &str, before: u8, after: Option<u8>) -> ThoughtRecord {
        ThoughtRecord {
            id: format!("t-{date}-{before}"),
            created_at: Utc
                .with_ymd_and_hms(2024, 1, 1, 12, 0, 0)
                .single()
                .expect("instant"),
            date: d(date),
            situation: "s".into(),
            thought: "t".into(),
            belief: before,
            emotions: vec![],
            traps: vec![],
            reframe: after.map(|_| "kinder view".into()),
            belief_after: after,
        }
    }

    use LifeArea::{Relationships as R, Rest as S, Work as W};

    #[test]
    fn empty_records_give_empty_series() {
        let p = Progress::compute(&[], &[], d("2024-12-31"));
        assert!(p.is_empty());
        assert!(p.monthly.is_empty());
    }

    #[test]
    fn weekly_means_and_shares_by_hand() {
        // 2024-01-29 (Mon) and 2024-02-04 (Sun) are ISO week 5; 2024-02-05 is week 6.
        let checkins = vec![
            checkin("2024-01-29", 4, 6, [W, W, W]),
            checkin("2024-02-04", 7, 3, [W, R, S]),
            checkin("2024-02-05", 5, 5, [R, R, S]),
        ];
        let thoughts = vec![
            thought("2024-01-30", 80, Some(50)),
            thought("2024-01-31", 90, Some(40)),
            thought("2024-02-01", 70, None), // not reframed: left out
        ];
        let p = Progress::compute(&checkins, &thoughts, d("2024-12-31"));
        assert_eq!(p.weekly.len(), 2);
        let w5 = &p.weekly[0];
        assert_eq!(w5.period, "2024-W05");
        assert_eq!(w5.start, d("2024-01-29"));
        assert_eq!(w5.checkins, 2);
        assert_eq!(w5.mean_mood, Some(5.5));
        assert_eq!(w5.mean_energy, Some(4.5));
        // 2 of 6 appreciations are not work.
        assert_eq!(w5.non_work_share, Some(0.33));
        assert_eq!(w5.reframes, 2);
        assert_eq!(w5.mean_belief_before, Some(85.0));
        assert_eq!(w5.mean_belief_after, Some(45.0));
        let w6 = &p.weekly[1];
        assert_eq!(w6.period, "2024-W06");
        assert_eq!(w6.non_work_share, Some(1.0));
        assert_eq!(w6.reframes, 0);
        assert_eq!(w6.mean_belief_before, None);

        // Months: January has one check-in and both reframes; February two check-ins.
        assert_eq!(p.monthly.len(), 2);
        let jan = &p.monthly[0];
        assert_eq!(jan.period, "2024-01");
        assert_eq!(jan.start, d("2024-01-01"));
        assert_eq!(jan.checkins, 1);
        assert_eq!(jan.non_work_share, Some(0.0));
        assert_eq!(jan.reframes, 2);
        let feb = &p.monthly[1];
        assert_eq!(feb.period, "2024-02");
        assert_eq!(feb.checkins, 2);
        assert_eq!(feb.mean_mood, Some(6.0));
        assert_eq!(feb.mean_energy, Some(4.0));
        // 5 of 6 not work.
        assert_eq!(feb.non_work_share, Some(0.83));
        assert_eq!(feb.reframes, 0);
    }

    #[test]
    fn iso_week_across_the_year_boundary() {
        // 2024-12-30 (Mon) belongs to ISO week 1 of 2025.
        let p = Progress::compute(
            &[checkin("2024-12-30", 6, 6, [W, R, S])],
            &[],
            d("2025-06-01"),
        );
        assert_eq!(p.weekly[0].period, "2025-W01");
        assert_eq!(p.weekly[0].start, d("2024-12-30"));
        assert_eq!(p.monthly[0].period, "2024-12");
    }

    #[test]
    fn a_week_with_only_reframes_has_no_mood() {
        let p = Progress::compute(&[], &[thought("2024-03-05", 60, Some(30))], d("2024-12-31"));
        let w = &p.weekly[0];
        assert_eq!(w.checkins, 0);
        assert_eq!(w.mean_mood, None);
        assert_eq!(w.non_work_share, None);
        assert_eq!(w.mean_belief_after, Some(30.0));
        let json = serde_json::to_value(&p).expect("json");
        assert_eq!(json["weekly"][0]["period"], "2024-W10");
        assert_eq!(json["weekly"][0]["mean_mood"], serde_json::Value::Null);
        assert_eq!(json["weekly"][0]["start"], "2024-03-04");
        assert_eq!(json["weekly"][0]["coverage"]["complete"], true);
    }

    #[test]
    fn the_week_and_month_under_way_are_marked_so_far() {
        let checkins = vec![
            checkin("2024-02-20", 5, 5, [W, R, S]),
            checkin("2024-03-05", 7, 6, [W, R, S]),
        ];
        // Tuesday 5 March 2024: day 2 of ISO week 10, day 5 of March.
        let p = Progress::compute(&checkins, &[], d("2024-03-05"));
        let week = p.weekly.last().expect("this week");
        assert_eq!(week.period, "2024-W10");
        assert!(!week.coverage.complete);
        assert_eq!((week.coverage.days_so_far, week.coverage.days), (2, 7));
        let month = p.monthly.last().expect("this month");
        assert_eq!(month.period, "2024-03");
        assert_eq!(
            month.coverage.so_far().as_deref(),
            Some("so far: 5 of 31 days")
        );
        assert!(p.monthly[0].coverage.complete);
        assert_eq!(p.monthly[0].coverage.days, 29);
        let whole: Vec<&str> = Progress::whole(&p.weekly)
            .map(|w| w.period.as_str())
            .collect();
        assert_eq!(whole, ["2024-W08"]);
        let json = serde_json::to_value(&p).expect("json");
        assert_eq!(json["monthly"][1]["coverage"]["complete"], false);
        assert_eq!(json["monthly"][1]["coverage"]["days_so_far"], 5);
        assert_eq!(json["monthly"][1]["coverage"]["days"], 31);
    }
}
