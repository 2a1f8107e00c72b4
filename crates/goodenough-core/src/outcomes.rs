//! Outcome summaries: the boundary figures of each ISO week side by side.
//!
//! Every source is optional. A week with no finished timebox has no overrun
//! rate (not 0 %), a week with no commits has no after-hours share, and so
//! on: `None` is shown as "—", because nothing recorded is not a result.
//! The store hands in only the facts of the window asked for, so the cost
//! follows the window, never the whole history.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::Serialize;

use crate::gitsignals::{classify, iso_label, iso_monday, Slot, WorkHours};

/// A finished timebox, reduced to what the summary needs.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxFact {
    pub started_at: DateTime<Utc>,
    pub limit_minutes: u32,
    pub actual_minutes: i64,
    pub revisions: u32,
}

/// A "no", reduced to what the summary needs.
#[derive(Debug, Clone, PartialEq)]
pub struct NoFact {
    pub date: NaiveDate,
    pub guilt_before: u8,
    pub guilt_after: Option<u8>,
}

/// Everything in the window, from every source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutcomeFacts {
    pub boxes: Vec<BoxFact>,
    pub noes: Vec<NoFact>,
    /// The date of each delegation.
    pub delegations: Vec<NaiveDate>,
    /// When each commit was authored.
    pub commits: Vec<DateTime<Utc>>,
}

/// One ISO week of outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekOutcome {
    /// ISO week, e.g. `2026-W07`.
    pub week: String,
    /// The Monday of that week.
    pub week_start: NaiveDate,
    /// Finished timeboxes started that week.
    pub timeboxes: u32,
    /// Share of those that ran past their original limit (0.0..=1.0).
    pub overrun_rate: Option<f64>,
    /// Median revisions per box.
    pub median_revisions: Option<f64>,
    /// Times of saying no.
    pub noes: u32,
    /// Mean of guilt before minus guilt after, over the noes with an after.
    pub mean_guilt_drop: Option<f64>,
    pub delegations: u32,
    /// Commits by the person that week.
    pub commits: u32,
    /// Share of commits outside working hours, days off included.
    pub after_hours_share: Option<f64>,
    /// Share of commits on days off.
    pub weekend_share: Option<f64>,
}

/// The first day of a window of `weeks` ISO weeks ending with the week of
/// `today` (so `weeks = 1` is this week only).
pub fn window_start(today: NaiveDate, weeks: u32) -> NaiveDate {
    iso_monday(today) - Duration::weeks(i64::from(weeks.max(1)) - 1)
}

#[derive(Default)]
struct Acc {
    boxes: u32,
    overran: u32,
    revisions: Vec<u32>,
    noes: u32,
    drops: Vec<i32>,
    delegations: u32,
    commits: u32,
    outside: u32,
    weekend: u32,
}

/// Every ISO week from the week of `from` to the week of `to` (inclusive),
/// oldest first, each with the figures of whatever was recorded in it.
pub fn summarize<Tz: TimeZone>(
    facts: &OutcomeFacts,
    hours: &WorkHours<Tz>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<WeekOutcome> {
    let first = iso_monday(from);
    let last = iso_monday(to);
    let mut weeks: BTreeMap<NaiveDate, Acc> = BTreeMap::new();
    let mut w = first;
    while w <= last {
        weeks.insert(w, Acc::default());
        w += Duration::weeks(1);
    }
    let local = |at: &DateTime<Utc>| at.with_timezone(&hours.tz).date_naive();
    for b in &facts.boxes {
        if let Some(a) = weeks.get_mut(&iso_monday(local(&b.started_at))) {
            a.boxes += 1;
            a.overran += u32::from(b.actual_minutes > i64::from(b.limit_minutes));
            a.revisions.push(b.revisions);
        }
    }
    for n in &facts.noes {
        if let Some(a) = weeks.get_mut(&iso_monday(n.date)) {
            a.noes += 1;
            if let Some(after) = n.guilt_after {
                a.drops.push(i32::from(n.guilt_before) - i32::from(after));
            }
        }
    }
    for d in &facts.delegations {
        if let Some(a) = weeks.get_mut(&iso_monday(*d)) {
            a.delegations += 1;
        }
    }
    for at in &facts.commits {
        if let Some(a) = weeks.get_mut(&iso_monday(local(at))) {
            a.commits += 1;
            match classify(*at, hours) {
                Slot::Inside => {}
                Slot::Outside => a.outside += 1,
                Slot::Weekend => {
                    a.outside += 1;
                    a.weekend += 1;
                }
            }
        }
    }
    weeks
        .into_iter()
        .map(|(monday, a)| WeekOutcome {
            week: iso_label(monday),
            week_start: monday,
            timeboxes: a.boxes,
            overrun_rate: share(a.overran, a.boxes),
            median_revisions: median(a.revisions),
            noes: a.noes,
            mean_guilt_drop: mean(&a.drops),
            delegations: a.delegations,
            commits: a.commits,
            after_hours_share: share(a.outside, a.commits),
            weekend_share: share(a.weekend, a.commits),
        })
        .collect()
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

fn mean(values: &[i32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let n = i32::try_from(values.len()).unwrap_or(i32::MAX);
    Some(f64::from(values.iter().sum::<i32>()) / f64::from(n))
}

fn median(mut values: Vec<u32>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        f64::from(values[mid])
    } else {
        (f64::from(values[mid - 1]) + f64::from(values[mid])) / 2.0
    })
}

/// A percentage for display, or "—" when there is nothing to measure.
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// A number with one decimal for display, or "—".
pub fn decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn each_source_is_optional_and_weeks_without_data_show_none() {
        let hours = WorkHours::from_settings(&Settings::defaults("UTC")).expect("valid");
        let facts = OutcomeFacts {
            boxes: vec![
                BoxFact {
                    started_at: utc("2026-11-16T10:00:00Z"),
                    limit_minutes: 60,
                    actual_minutes: 75,
                    revisions: 3,
                },
                BoxFact {
                    started_at: utc("2026-11-17T10:00:00Z"),
                    limit_minutes: 60,
                    actual_minutes: 50,
                    revisions: 1,
                },
            ],
            noes: vec![
                NoFact {
                    date: d("2026-11-18"),
                    guilt_before: 8,
                    guilt_after: Some(3),
                },
                NoFact {
                    date: d("2026-11-19"),
                    guilt_before: 6,
                    guilt_after: None,
                },
            ],
            delegations: vec![d("2026-11-24")],
            commits: vec![
                utc("2026-11-24T10:00:00Z"),
                utc("2026-11-24T21:00:00Z"),
                utc("2026-11-28T10:00:00Z"),
                utc("2026-11-29T10:00:00Z"),
                // Before the window: ignored.
                utc("2026-10-01T10:00:00Z"),
            ],
        };
        let weeks = summarize(
            &facts,
            &hours,
            window_start(d("2026-11-25"), 3),
            d("2026-11-25"),
        );
        assert_eq!(weeks.len(), 3);
        assert_eq!(weeks[0].week, "2026-W46");
        assert_eq!(weeks[0].overrun_rate, None);
        assert_eq!(weeks[0].commits, 0);
        assert_eq!(weeks[0].after_hours_share, None);
        let w47 = &weeks[1];
        assert_eq!(w47.timeboxes, 2);
        assert_eq!(w47.overrun_rate, Some(0.5));
        assert_eq!(w47.median_revisions, Some(2.0));
        assert_eq!(w47.noes, 2);
        assert_eq!(w47.mean_guilt_drop, Some(5.0));
        assert_eq!(w47.after_hours_share, None);
        let w48 = &weeks[2];
        assert_eq!(w48.delegations, 1);
        assert_eq!(w48.commits, 4);
        assert_eq!(w48.after_hours_share, Some(0.75));
        assert_eq!(w48.weekend_share, Some(0.5));
        assert_eq!(w48.overrun_rate, None);
        assert_eq!(percent(w48.after_hours_share), "75%");
        assert_eq!(percent(None), "—");
    }

    #[test]
    fn window_counts_whole_weeks() {
        assert_eq!(window_start(d("2026-11-25"), 1), d("2026-11-23"));
        assert_eq!(window_start(d("2026-11-25"), 12), d("2026-09-07"));
        assert_eq!(window_start(d("2026-11-25"), 0), d("2026-11-23"));
    }
}
