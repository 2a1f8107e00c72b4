//! The facts of a period read from full records (an export document or the
//! demo): the same reduction the store makes with its range queries. Kept
//! beside the export format so `figures` does not depend on `export`.

use chrono::{DateTime, NaiveDate, Utc};

use super::ExportDoc;
use crate::figures::{
    BlockFact, BoxFact, CheckInFact, CommitFact, ExperimentDone, ExperimentFact, MinutesFact,
    NoFact, PeriodFacts, RestFact,
};
use crate::gitsignals::WorkHours;

impl PeriodFacts {
    /// The facts of `from..=to` from full records (an export, or the demo):
    /// the same reduction the store makes with its range queries.
    pub fn from_export(doc: &ExportDoc, from: NaiveDate, to: NaiveDate) -> PeriodFacts {
        let inside = |d: NaiveDate| d >= from && d <= to;
        let tz = doc.settings.tz();
        let hours = WorkHours::from_settings(&doc.settings).ok();
        let local = |at: DateTime<Utc>| at.with_timezone(&tz).date_naive();
        PeriodFacts {
            checkins: doc
                .checkins
                .iter()
                .filter(|c| inside(c.date))
                .map(CheckInFact::of)
                .collect(),
            boxes: doc
                .timeboxes
                .iter()
                .filter(|b| inside(local(b.started_at)))
                .filter_map(|b| {
                    b.ended_at.map(|end| BoxFact {
                        date: local(b.started_at),
                        limit_minutes: b.limit_minutes,
                        actual_minutes: (end - b.started_at).num_seconds().div_euclid(60),
                        revisions: u32::try_from(b.revisions.len()).unwrap_or(u32::MAX),
                    })
                })
                .collect(),
            noes: doc
                .noes
                .iter()
                .filter(|n| inside(n.date))
                .map(|n| NoFact {
                    date: n.date,
                    guilt_before: n.guilt_before,
                    guilt_after: n.guilt_after,
                })
                .collect(),
            delegations: doc
                .delegations
                .iter()
                .map(|d| d.date)
                .filter(|d| inside(*d))
                .collect(),
            commits: hours.as_ref().map_or_else(Vec::new, |h| {
                doc.git_commits
                    .iter()
                    .map(|c| CommitFact::of(c.at, h))
                    .filter(|c| inside(c.date))
                    .collect()
            }),
            experiments: doc
                .experiments
                .iter()
                .map(|e| ExperimentFact {
                    planned_on: e.date,
                    likelihood: e.likelihood,
                    anxiety_before: e.anxiety,
                    done: e.result.as_ref().map(|r| ExperimentDone {
                        date: r.date,
                        outcome: r.happened.outcome(),
                        anxiety_after: r.anxiety_after,
                    }),
                })
                .filter(|e| inside(e.planned_on) || e.done.is_some_and(|d| inside(d.date)))
                .collect(),
            blocks: doc
                .block_occurrences
                .iter()
                .filter(|o| inside(o.date))
                .map(|o| BlockFact {
                    date: o.date,
                    kept: o.kept,
                })
                .collect(),
            practice: doc
                .practice_logs
                .iter()
                .filter(|l| inside(l.date))
                .map(|l| MinutesFact {
                    date: l.date,
                    minutes: l.minutes,
                })
                .collect(),
            joy: doc
                .joy_logs
                .iter()
                .filter(|l| inside(l.date))
                .map(|l| MinutesFact {
                    date: l.date,
                    minutes: l.minutes,
                })
                .collect(),
            rests: doc
                .rests
                .iter()
                .filter(|r| r.from <= to && r.to >= from)
                .map(|r| RestFact {
                    from: r.from,
                    to: r.to,
                })
                .collect(),
            wins: doc
                .wins
                .iter()
                .filter(|w| inside(w.date))
                .cloned()
                .collect(),
            setbacks: doc
                .setbacks
                .iter()
                .filter(|s| inside(s.date))
                .cloned()
                .collect(),
        }
    }
}
