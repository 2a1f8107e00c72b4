//! Demo timeboxes, some extended.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::id::id_from_rng;

/// About eight months, the length of the reference programme.
use super::*;

const TIMEBOX_TITLES: &[&str] = &[
    "Write the design doc for the sync service",
    "Review the open pull requests",
    "Draft the quarterly update",
    "Fix the flaky integration test",
    "Prepare slides for the team demo",
    "Answer the backlog of support questions",
    "Refactor the config loader",
    "Write release notes",
    "Plan next sprint's tickets",
    "Sketch the onboarding guide",
];

const EXTENSION_REASONS: &[&str] = &[
    "found an edge case I had not planned for",
    "wanted one more pass over the wording",
    "a meeting cut into the box",
    "the review asked for a diagram",
];

/// Timeboxes on many workdays, with their own random stream (so the other
/// kinds stay exactly as they were for a seed). Early on boxes often run
/// over with many revisions and re-checks; the crunch makes it worse; later
/// most work ships within its box.
pub(super) fn timeboxes(
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
) -> Vec<crate::timebox::Timebox> {
    use crate::timebox::{Extension, Outcome, Revision, Timebox};
    use chrono::Datelike;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7157_b0c5_7157_b0c5);
    let mut out = Vec::new();
    let morning = NaiveTime::from_hms_opt(9, 30, 0).unwrap_or(NaiveTime::MIN);
    for day in 0..days {
        let date = start + Duration::days(i64::from(day));
        if date.weekday().number_from_monday() > 5 || !rng.gen_bool(0.6) {
            continue;
        }
        let p = progress(day, programme);
        let crunch = in_crunch(day, programme);
        let limit: u32 = [30, 45, 60, 90, 120][rng.gen_range(0..5)];
        let over_chance = if crunch {
            0.85
        } else {
            (0.75 - 0.6 * p).clamp(0.1, 0.9)
        };
        let overran = rng.gen_bool(over_chance);
        let actual = if overran {
            let factor = rng.gen_range(1.15..if crunch { 2.2 } else { 1.8 });
            ((f64::from(limit) * factor).round() as u32).max(limit + 5)
        } else {
            ((f64::from(limit) * rng.gen_range(0.6..1.0)).round() as u32).max(10)
        };
        let started_at = Utc.from_utc_datetime(&date.and_time(morning))
            + Duration::minutes(rng.gen_range(0..6) * 15);
        let ended_at = started_at + Duration::minutes(i64::from(actual));
        let max_rev = if crunch { 7.0 } else { 6.0 - 5.0 * p };
        let revisions = rng.gen_range(0.0..=max_rev.max(1.0)).round() as u32;
        let rechecks = rng.gen_range(0.0..=(max_rev * 0.7).max(0.5)).round() as u32;
        let mut extensions = Vec::new();
        if overran && rng.gen_bool(0.5) {
            extensions.push(Extension {
                minutes: [15, 30][rng.gen_range(0..2)],
                reason: EXTENSION_REASONS[rng.gen_range(0..EXTENSION_REASONS.len())].to_string(),
                at: started_at + Duration::minutes(i64::from(limit)),
            });
        }
        let outcome = if rng.gen_bool(0.04) {
            Outcome::Dropped
        } else if !extensions.is_empty() {
            Outcome::Extended
        } else {
            Outcome::Shipped
        };
        out.push(Timebox {
            id: id_from_rng(&mut rng),
            title: TIMEBOX_TITLES[rng.gen_range(0..TIMEBOX_TITLES.len())].to_string(),
            limit_minutes: limit,
            started_at,
            ended_at: Some(ended_at),
            extensions,
            revisions: (0..revisions)
                .map(|i| Revision {
                    at: started_at
                        + Duration::minutes(
                            i64::from(actual) * i64::from(i + 1) / i64::from(revisions + 1),
                        ),
                    note: None,
                })
                .collect(),
            rechecks,
            outcome: Some(outcome),
        });
    }
    out
}
