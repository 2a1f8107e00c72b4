//! Demo evidence: accomplishments and praise with their attribution.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::id::id_from_rng;

/// About eight months, the length of the reference programme.
use super::*;

const ACCOMPLISHMENTS: &[&str] = &[
    "Shipped the search fix the same day it was found",
    "Ran the sprint review without rewriting the slides the night before",
    "Mentored the new hire through their first deploy",
    "Wrote the design note in one sitting and sent it",
    "Untangled the flaky integration test everyone had given up on",
    "Gave a clear estimate and kept to it",
    "Closed the quarter's on-call week with no escalations",
    "Finished the refactor in the timebox, not a week later",
    "Explained the outage calmly to the customer",
    "Said what I thought in the architecture meeting",
];

const PRAISE: &[(&str, &str)] = &[
    (
        "Your walkthrough made the migration easy to follow",
        "Priya",
    ),
    ("Thanks for unblocking us so quickly", "Jonas"),
    ("That review caught something important", "Mei"),
    ("You explained it better than the docs do", "the new hire"),
    ("Solid work on the release, really", "my manager"),
    ("Glad you were on this one", "Sam"),
    ("The customer asked for you by name", "support"),
    ("Your notes saved me a day", "Jonas"),
];

/// The evidence log: one or two entries a week (fewer in the crunch).
/// Early on success is mostly put down to luck or to others' help; the
/// share credited to own effort and ability grows over the months, slips
/// back in the crunch, and settles later.
pub(super) fn evidence_records(
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
) -> Vec<crate::evidence::EvidenceEntry> {
    use crate::evidence::{Attribution, EvidenceEntry, EvidenceKind};
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0e1d_e9ce_0e1d_e9ce);
    let evening = NaiveTime::from_hms_opt(18, 45, 0).unwrap_or(NaiveTime::MIN);
    let mut out = Vec::new();
    for day in 0..days {
        let crunch = in_crunch(day, programme);
        let p = progress(day, programme);
        if !rng.gen_bool(if crunch { 0.12 } else { 0.2 }) {
            continue;
        }
        let date = start + Duration::days(i64::from(day));
        // Weights shift from luck/help towards effort/ability with progress.
        let luck = 0.55 - 0.42 * p + if crunch { 0.15 } else { 0.0 };
        let help = 0.25 - 0.07 * p;
        let effort = 0.15 + 0.27 * p;
        let ability = 0.05 + 0.22 * p;
        let roll = rng.gen_range(0.0..(luck + help + effort + ability));
        let attribution = if roll < luck {
            Attribution::Luck
        } else if roll < luck + help {
            Attribution::Help
        } else if roll < luck + help + effort {
            Attribution::Effort
        } else {
            Attribution::Ability
        };
        let (kind, text, source) = if rng.gen_bool(0.4) {
            let (t, who) = PRAISE[rng.gen_range(0..PRAISE.len())];
            (EvidenceKind::Praise, t, Some(who.to_string()))
        } else {
            let t = ACCOMPLISHMENTS[rng.gen_range(0..ACCOMPLISHMENTS.len())];
            (EvidenceKind::Accomplishment, t, None)
        };
        out.push(EvidenceEntry {
            id: id_from_rng(&mut rng),
            kind,
            text: text.to_string(),
            date,
            source,
            attribution,
            logged_at: Utc.from_utc_datetime(&date.and_time(evening)),
        });
    }
    out
}
