//! The figures of a period, from every pillar: what a weekly review, the
//! month-by-month progress and the printable report are computed from.
//!
//! The store reduces each record of a date window to a small fact
//! ([`PeriodFacts`]: no text except wins and setbacks, which a review lists);
//! [`PeriodFigures::compute`] turns the facts of any window inside it into
//! figures. Pure: the same facts always give the same figures.
//!
//! A rate or a mean is `None` when nothing was recorded to compute it from
//! (a week without a finished timebox has no overrun rate, not 0 %), and a
//! minute total is `None` when nothing was logged. Nothing recorded is not
//! a result, so it is never shown as one.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::area::LifeArea;
use crate::calibration::{Calibration, Forecast};
use crate::checkin::CheckIn;
use crate::gitsignals::{classify, iso_label, iso_monday, Slot, WorkHours};
use crate::journal::{Setback, Win};

/// A check-in, reduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInFact {
    pub date: NaiveDate,
    pub mood: u8,
    pub energy: u8,
    /// How many appreciations it holds.
    pub appreciations: u8,
    /// How many of them are about something other than work.
    pub non_work: u8,
}

impl CheckInFact {
    /// Reduces a check-in.
    pub fn of(c: &CheckIn) -> CheckInFact {
        CheckInFact {
            date: c.date,
            mood: c.mood,
            energy: c.energy,
            appreciations: u8::try_from(c.appreciations.len()).unwrap_or(u8::MAX),
            non_work: u8::try_from(
                c.appreciations
                    .iter()
                    .filter(|a| a.area != LifeArea::Work)
                    .count(),
            )
            .unwrap_or(u8::MAX),
        }
    }
}

/// A finished timebox, reduced (the local date it started).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoxFact {
    pub date: NaiveDate,
    pub limit_minutes: u32,
    pub actual_minutes: i64,
    pub revisions: u32,
}

/// A "no", reduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoFact {
    pub date: NaiveDate,
    pub guilt_before: u8,
    pub guilt_after: Option<u8>,
}

/// A commit, reduced to its local date and whether it fell outside working
/// hours (days off included), as [`classify`] decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitFact {
    pub date: NaiveDate,
    pub after_hours: bool,
}

impl CommitFact {
    /// Reduces a commit's instant with the person's working hours.
    pub fn of<Tz: TimeZone>(at: DateTime<Utc>, hours: &WorkHours<Tz>) -> CommitFact {
        CommitFact {
            date: at.with_timezone(&hours.tz).date_naive(),
            after_hours: classify(at, hours) != Slot::Inside,
        }
    }
}

/// What an experiment's record says, once recorded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExperimentDone {
    /// The day it was done (recorded for).
    pub date: NaiveDate,
    /// 1 the feared outcome happened, 0.5 partly, 0 it did not.
    pub outcome: f64,
    /// Anxiety afterwards, 0-100.
    pub anxiety_after: u8,
}

/// An experiment, reduced.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentFact {
    /// The day it was planned.
    pub planned_on: NaiveDate,
    /// How likely the feared outcome felt, 0-100.
    pub likelihood: u8,
    /// Anxiety beforehand, 0-100.
    pub anxiety_before: u8,
    pub done: Option<ExperimentDone>,
}

/// One occurrence of a personal-time block, kept or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockFact {
    pub date: NaiveDate,
    pub kept: bool,
}

/// Minutes on a day (a practice or a hobby).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinutesFact {
    pub date: NaiveDate,
    pub minutes: u32,
}

/// A rest (vacation or rest days), both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestFact {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Every fact of a date window, from every pillar. The store fills it with
/// the records of `from..=to` only; [`PeriodFigures::compute`] may then be
/// asked for any window inside it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeriodFacts {
    pub checkins: Vec<CheckInFact>,
    /// Finished timeboxes only.
    pub boxes: Vec<BoxFact>,
    pub noes: Vec<NoFact>,
    /// The date of each delegation.
    pub delegations: Vec<NaiveDate>,
    pub commits: Vec<CommitFact>,
    /// Experiments planned or done in the window.
    pub experiments: Vec<ExperimentFact>,
    pub blocks: Vec<BlockFact>,
    pub practice: Vec<MinutesFact>,
    pub joy: Vec<MinutesFact>,
    /// Rests that overlap the window.
    pub rests: Vec<RestFact>,
    pub wins: Vec<Win>,
    pub setbacks: Vec<Setback>,
}

impl PeriodFacts {
    /// The facts of each of `windows` (sorted, not overlapping), in one pass
    /// over the records: computing many windows then costs what the records
    /// cost, not records × windows. A fact outside every window is dropped;
    /// an experiment goes to the window it was planned in and the one it was
    /// done in, a rest to every window it overlaps.
    pub fn split(&self, windows: &[Window]) -> Vec<PeriodFacts> {
        let mut parts = vec![PeriodFacts::default(); windows.len()];
        let at = |d: NaiveDate| -> Option<usize> {
            let i = windows.partition_point(|w| w.to < d);
            (i < windows.len() && windows[i].from <= d).then_some(i)
        };
        for c in &self.checkins {
            if let Some(i) = at(c.date) {
                parts[i].checkins.push(c.clone());
            }
        }
        for b in &self.boxes {
            if let Some(i) = at(b.date) {
                parts[i].boxes.push(b.clone());
            }
        }
        for n in &self.noes {
            if let Some(i) = at(n.date) {
                parts[i].noes.push(n.clone());
            }
        }
        for d in &self.delegations {
            if let Some(i) = at(*d) {
                parts[i].delegations.push(*d);
            }
        }
        for c in &self.commits {
            if let Some(i) = at(c.date) {
                parts[i].commits.push(*c);
            }
        }
        for e in &self.experiments {
            let planned = at(e.planned_on);
            let done = e.done.and_then(|d| at(d.date));
            if let Some(i) = planned {
                parts[i].experiments.push(e.clone());
            }
            if let Some(j) = done.filter(|j| Some(*j) != planned) {
                parts[j].experiments.push(e.clone());
            }
        }
        for b in &self.blocks {
            if let Some(i) = at(b.date) {
                parts[i].blocks.push(*b);
            }
        }
        for m in &self.practice {
            if let Some(i) = at(m.date) {
                parts[i].practice.push(*m);
            }
        }
        for m in &self.joy {
            if let Some(i) = at(m.date) {
                parts[i].joy.push(*m);
            }
        }
        for r in &self.rests {
            let first = windows.partition_point(|w| w.to < r.from);
            for (w, part) in windows.iter().zip(parts.iter_mut()).skip(first) {
                if w.from > r.to {
                    break;
                }
                part.rests.push(*r);
            }
        }
        for w in &self.wins {
            if let Some(i) = at(w.date) {
                parts[i].wins.push(w.clone());
            }
        }
        for s in &self.setbacks {
            if let Some(i) = at(s.date) {
                parts[i].setbacks.push(s.clone());
            }
        }
        parts
    }
}

/// The figures of one window. Counts are plain numbers; rates, means and
/// minute totals are `null` when nothing was recorded to compute them from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodFigures {
    /// First day of the window.
    pub from: NaiveDate,
    /// Last day of the window (included).
    pub to: NaiveDate,
    /// Every record the window holds, all sources together.
    pub records: u32,
    pub checkins: u32,
    /// Mean mood of the check-ins, 0-10.
    pub mean_mood: Option<f64>,
    /// Mean energy of the check-ins, 0-10.
    pub mean_energy: Option<f64>,
    /// Share of appreciations about something other than work, 0-1.
    pub non_work_share: Option<f64>,
    /// Finished timeboxes started in the window.
    pub timeboxes: u32,
    /// Share of them that ran past their limit, 0-1.
    pub overrun_rate: Option<f64>,
    /// Mean revisions per box.
    pub revisions_per_box: Option<f64>,
    pub commits: u32,
    /// Share of commits outside working hours (days off included), 0-1.
    pub after_hours_share: Option<f64>,
    pub noes: u32,
    pub delegations: u32,
    /// Mean of guilt before minus guilt after, over noes with an after (0-10 scale).
    pub mean_guilt_drop: Option<f64>,
    /// Experiments planned in the window.
    pub experiments_planned: u32,
    /// Experiments done (recorded) in the window.
    pub experiments_done: u32,
    /// How likely the feared outcomes felt, on average, percent.
    pub feared_likelihood: Option<f64>,
    /// How often they happened (partly counts half), percent.
    pub feared_happened: Option<f64>,
    /// Brier score of those forecasts (0 perfect, 0.25 a coin toss).
    pub calibration_brier: Option<f64>,
    /// Mean anxiety before the experiments done, 0-100.
    pub mean_anxiety_before: Option<f64>,
    /// Mean anxiety after them, 0-100.
    pub mean_anxiety_after: Option<f64>,
    /// Personal-time block occurrences marked kept.
    pub blocks_kept: u32,
    /// Occurrences marked skipped.
    pub blocks_skipped: u32,
    /// Kept / marked, 0-1.
    pub personal_time_kept: Option<f64>,
    /// Minutes of practice logged.
    pub practice_minutes: Option<u32>,
    /// Minutes on hobbies logged.
    pub joy_minutes: Option<u32>,
    /// Days of rest (vacation or rest days) in the window.
    pub rest_days: u32,
    pub wins: u32,
    pub setbacks: u32,
}

impl PeriodFigures {
    /// The figures of `from..=to` from whatever facts fall in it.
    pub fn compute(facts: &PeriodFacts, from: NaiveDate, to: NaiveDate) -> PeriodFigures {
        let inside = |d: NaiveDate| d >= from && d <= to;

        let checkins: Vec<&CheckInFact> =
            facts.checkins.iter().filter(|c| inside(c.date)).collect();
        let appreciations: u32 = checkins.iter().map(|c| u32::from(c.appreciations)).sum();
        let non_work: u32 = checkins.iter().map(|c| u32::from(c.non_work)).sum();

        let boxes: Vec<&BoxFact> = facts.boxes.iter().filter(|b| inside(b.date)).collect();
        let overran = boxes
            .iter()
            .filter(|b| b.actual_minutes > i64::from(b.limit_minutes))
            .count();
        let revisions: u32 = boxes.iter().map(|b| b.revisions).sum();

        let commits: Vec<&CommitFact> = facts.commits.iter().filter(|c| inside(c.date)).collect();
        let after = commits.iter().filter(|c| c.after_hours).count();

        let noes: Vec<&NoFact> = facts.noes.iter().filter(|n| inside(n.date)).collect();
        let drops: Vec<f64> = noes
            .iter()
            .filter_map(|n| {
                n.guilt_after
                    .map(|a| f64::from(n.guilt_before) - f64::from(a))
            })
            .collect();
        let delegations = facts.delegations.iter().filter(|d| inside(**d)).count();

        let planned = facts
            .experiments
            .iter()
            .filter(|e| inside(e.planned_on))
            .count();
        let done: Vec<(&ExperimentFact, &ExperimentDone)> = facts
            .experiments
            .iter()
            .filter_map(|e| e.done.as_ref().map(|d| (e, d)))
            .filter(|(_, d)| inside(d.date))
            .collect();
        let forecasts: Vec<Forecast> = done
            .iter()
            .map(|(e, d)| Forecast {
                likelihood: e.likelihood,
                outcome: d.outcome,
            })
            .collect();
        let calibration = Calibration::compute(&forecasts);

        let blocks: Vec<&BlockFact> = facts.blocks.iter().filter(|b| inside(b.date)).collect();
        let kept = blocks.iter().filter(|b| b.kept).count();

        let minutes = |list: &[MinutesFact]| {
            let mut any = false;
            let mut sum = 0u32;
            for m in list.iter().filter(|m| inside(m.date)) {
                any = true;
                sum = sum.saturating_add(m.minutes);
            }
            any.then_some(sum)
        };
        let practice_minutes = minutes(&facts.practice);
        let joy_minutes = minutes(&facts.joy);

        let mut rest_days = BTreeSet::new();
        for r in &facts.rests {
            let mut d = r.from.max(from);
            let last = r.to.min(to);
            while d <= last {
                rest_days.insert(d);
                d += Duration::days(1);
            }
        }
        let wins = facts.wins.iter().filter(|w| inside(w.date)).count();
        let setbacks = facts.setbacks.iter().filter(|s| inside(s.date)).count();
        let resting = facts
            .rests
            .iter()
            .filter(|r| r.from <= to && r.to >= from)
            .count();
        let practice_logs = facts.practice.iter().filter(|m| inside(m.date)).count();
        let joy_logs = facts.joy.iter().filter(|m| inside(m.date)).count();
        let experiments_touched = facts
            .experiments
            .iter()
            .filter(|e| inside(e.planned_on) || e.done.is_some_and(|d| inside(d.date)))
            .count();

        let records = checkins.len()
            + boxes.len()
            + commits.len()
            + noes.len()
            + delegations
            + experiments_touched
            + blocks.len()
            + practice_logs
            + joy_logs
            + resting
            + wins
            + setbacks;

        PeriodFigures {
            from,
            to,
            records: count(records),
            checkins: count(checkins.len()),
            mean_mood: mean(checkins.iter().map(|c| f64::from(c.mood))),
            mean_energy: mean(checkins.iter().map(|c| f64::from(c.energy))),
            non_work_share: ratio(non_work, appreciations),
            timeboxes: count(boxes.len()),
            overrun_rate: ratio(count(overran), count(boxes.len())),
            revisions_per_box: ratio(revisions, count(boxes.len())).map(round2),
            commits: count(commits.len()),
            after_hours_share: ratio(count(after), count(commits.len())),
            noes: count(noes.len()),
            delegations: count(delegations),
            mean_guilt_drop: mean(drops.into_iter()),
            experiments_planned: count(planned),
            experiments_done: count(done.len()),
            feared_likelihood: calibration.as_ref().map(|c| c.mean_predicted),
            feared_happened: calibration.as_ref().map(|c| c.observed_rate),
            calibration_brier: calibration.as_ref().map(|c| c.brier),
            mean_anxiety_before: mean(done.iter().map(|(e, _)| f64::from(e.anxiety_before))),
            mean_anxiety_after: mean(done.iter().map(|(_, d)| f64::from(d.anxiety_after))),
            blocks_kept: count(kept),
            blocks_skipped: count(blocks.len() - kept),
            personal_time_kept: ratio(count(kept), count(blocks.len())),
            practice_minutes,
            joy_minutes,
            rest_days: count(rest_days.len()),
            wins: count(wins),
            setbacks: count(setbacks),
        }
    }

    /// Whether nothing at all was recorded in the window.
    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// The value of one measure; `None` when there is nothing to show (a
    /// count in a window where nothing at all was recorded is `None` too).
    pub fn value(&self, measure: Measure) -> Option<f64> {
        let n = |c: u32| (!self.is_empty()).then_some(f64::from(c));
        match measure {
            Measure::Checkins => n(self.checkins),
            Measure::MeanMood => self.mean_mood,
            Measure::NonWorkShare => self.non_work_share,
            Measure::OverrunRate => self.overrun_rate,
            Measure::RevisionsPerBox => self.revisions_per_box,
            Measure::AfterHoursShare => self.after_hours_share,
            Measure::Noes => n(self.noes),
            Measure::Delegations => n(self.delegations),
            Measure::GuiltDrop => self.mean_guilt_drop,
            Measure::RestDays => n(self.rest_days),
            Measure::ExperimentsDone => n(self.experiments_done),
            Measure::Calibration => self.calibration_brier,
            Measure::AnxietyBefore => self.mean_anxiety_before,
            Measure::AnxietyAfter => self.mean_anxiety_after,
            Measure::PersonalTimeKept => self.personal_time_kept,
            Measure::PracticeMinutes => self.practice_minutes.map(f64::from),
            Measure::JoyMinutes => self.joy_minutes.map(f64::from),
        }
    }
}

/// Which way a measure moves when things go well for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// How a measure's value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A whole number of things.
    Count,
    /// A share 0-1, shown as a percentage.
    Share,
    /// A mean on a scale, one decimal.
    Scale,
    /// Minutes.
    Minutes,
    /// A Brier score (0 perfect, lower is better), two decimals.
    Score,
}

/// One figure that reviews, progress and the report show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Checkins,
    MeanMood,
    NonWorkShare,
    OverrunRate,
    RevisionsPerBox,
    AfterHoursShare,
    Noes,
    Delegations,
    GuiltDrop,
    RestDays,
    ExperimentsDone,
    Calibration,
    AnxietyBefore,
    AnxietyAfter,
    PersonalTimeKept,
    PracticeMinutes,
    JoyMinutes,
}

impl Measure {
    /// Every measure in the order a weekly review shows them.
    pub const REVIEW: [Measure; 17] = [
        Measure::Checkins,
        Measure::MeanMood,
        Measure::NonWorkShare,
        Measure::OverrunRate,
        Measure::RevisionsPerBox,
        Measure::AfterHoursShare,
        Measure::Noes,
        Measure::Delegations,
        Measure::GuiltDrop,
        Measure::ExperimentsDone,
        Measure::Calibration,
        Measure::AnxietyBefore,
        Measure::AnxietyAfter,
        Measure::PersonalTimeKept,
        Measure::PracticeMinutes,
        Measure::JoyMinutes,
        Measure::RestDays,
    ];

    /// The snake_case key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Measure::Checkins => "checkins",
            Measure::MeanMood => "mean_mood",
            Measure::NonWorkShare => "non_work_share",
            Measure::OverrunRate => "overrun_rate",
            Measure::RevisionsPerBox => "revisions_per_box",
            Measure::AfterHoursShare => "after_hours_share",
            Measure::Noes => "noes",
            Measure::Delegations => "delegations",
            Measure::GuiltDrop => "guilt_drop",
            Measure::RestDays => "rest_days",
            Measure::ExperimentsDone => "experiments_done",
            Measure::Calibration => "calibration",
            Measure::AnxietyBefore => "anxiety_before",
            Measure::AnxietyAfter => "anxiety_after",
            Measure::PersonalTimeKept => "personal_time_kept",
            Measure::PracticeMinutes => "practice_minutes",
            Measure::JoyMinutes => "joy_minutes",
        }
    }

    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Measure::Checkins => "Check-ins",
            Measure::MeanMood => "Mood (0-10)",
            Measure::NonWorkShare => "Appreciations beyond work",
            Measure::OverrunRate => "Timeboxes overrun",
            Measure::RevisionsPerBox => "Revisions per timebox",
            Measure::AfterHoursShare => "Commits after hours",
            Measure::Noes => "Times you said no",
            Measure::Delegations => "Delegations",
            Measure::GuiltDrop => "Guilt drop after a no",
            Measure::RestDays => "Rest days",
            Measure::ExperimentsDone => "Experiments done",
            Measure::Calibration => "Fear calibration (Brier)",
            Measure::AnxietyBefore => "Anxiety before (0-100)",
            Measure::AnxietyAfter => "Anxiety after (0-100)",
            Measure::PersonalTimeKept => "Personal time kept",
            Measure::PracticeMinutes => "Practice minutes",
            Measure::JoyMinutes => "Joy minutes",
        }
    }

    /// How it is shown.
    pub fn unit(self) -> Unit {
        match self {
            Measure::Checkins
            | Measure::Noes
            | Measure::Delegations
            | Measure::RestDays
            | Measure::ExperimentsDone => Unit::Count,
            Measure::NonWorkShare
            | Measure::OverrunRate
            | Measure::AfterHoursShare
            | Measure::PersonalTimeKept => Unit::Share,
            Measure::MeanMood
            | Measure::RevisionsPerBox
            | Measure::GuiltDrop
            | Measure::AnxietyBefore
            | Measure::AnxietyAfter => Unit::Scale,
            Measure::PracticeMinutes | Measure::JoyMinutes => Unit::Minutes,
            Measure::Calibration => Unit::Score,
        }
    }

    /// Which way is good for the person.
    pub fn good(self) -> Direction {
        match self {
            Measure::OverrunRate
            | Measure::RevisionsPerBox
            | Measure::AfterHoursShare
            | Measure::Calibration
            | Measure::AnxietyBefore
            | Measure::AnxietyAfter => Direction::Down,
            _ => Direction::Up,
        }
    }

    /// A value formatted for display ("—" for `None`).
    pub fn format(self, value: Option<f64>) -> String {
        let Some(v) = value else {
            return "—".to_string();
        };
        match self.unit() {
            Unit::Count | Unit::Minutes => {
                if (v - v.round()).abs() < 1e-9 {
                    format!("{v:.0}")
                } else {
                    format!("{v:.1}")
                }
            }
            Unit::Share => format!("{:.0}%", v * 100.0),
            Unit::Scale => format!("{v:.1}"),
            Unit::Score => format!("{v:.2}"),
        }
    }
}

/// The four outcomes the programme aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Named apart in the OpenAPI document: two types are called `Outcome`.
#[cfg_attr(feature = "openapi", schema(as = ProgressOutcome))]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Overwork,
    Boundaries,
    Imperfection,
    Happiness,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Overwork,
        Outcome::Boundaries,
        Outcome::Imperfection,
        Outcome::Happiness,
    ];

    /// A heading.
    pub fn title(self) -> &'static str {
        match self {
            Outcome::Overwork => "Less overwork",
            Outcome::Boundaries => "Healthier boundaries",
            Outcome::Imperfection => "More room for imperfection",
            Outcome::Happiness => "More joy",
        }
    }

    /// The lowercase key.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Overwork => "overwork",
            Outcome::Boundaries => "boundaries",
            Outcome::Imperfection => "imperfection",
            Outcome::Happiness => "happiness",
        }
    }

    /// The measures that show it.
    pub fn measures(self) -> &'static [Measure] {
        match self {
            Outcome::Overwork => &[
                Measure::OverrunRate,
                Measure::RevisionsPerBox,
                Measure::AfterHoursShare,
            ],
            Outcome::Boundaries => &[
                Measure::Noes,
                Measure::Delegations,
                Measure::GuiltDrop,
                Measure::RestDays,
            ],
            Outcome::Imperfection => &[
                Measure::ExperimentsDone,
                Measure::Calibration,
                Measure::AnxietyBefore,
                Measure::AnxietyAfter,
            ],
            Outcome::Happiness => &[
                Measure::MeanMood,
                Measure::NonWorkShare,
                Measure::PersonalTimeKept,
                Measure::JoyMinutes,
            ],
        }
    }
}

/// A labelled window: an ISO week or a calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Window {
    /// `2026-W07` or `2026-02`.
    pub label: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day (included).
    pub to: NaiveDate,
}

/// How much of a window has happened by the last day figures are read for
/// (today, or the end of a report's range). A window that is not over is
/// shown as "so far", never set beside whole windows as if it were one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coverage {
    /// Whether the window is over: its last day is on or before that day.
    pub complete: bool,
    /// Days of the window up to and including that day (all of them when
    /// complete, 0 when it has not begun).
    pub days_so_far: u32,
    /// Days in the window.
    pub days: u32,
}

impl Coverage {
    /// The coverage of `from..=to` by the end of `through`.
    pub fn of(from: NaiveDate, to: NaiveDate, through: NaiveDate) -> Coverage {
        let days = count_days(from, to);
        let days_so_far = if through >= to {
            days
        } else {
            count_days(from, through)
        };
        Coverage {
            complete: through >= to,
            days_so_far,
            days,
        }
    }

    /// "so far: 3 of 31 days" for a window that is not over; `None` when
    /// it is complete.
    pub fn so_far(&self) -> Option<String> {
        (!self.complete).then(|| {
            format!(
                "so far: {} of {}",
                self.days_so_far,
                crate::text::count(u64::from(self.days), "day", "days")
            )
        })
    }
}

fn count_days(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days() + 1).unwrap_or(0)
}

impl Window {
    /// How much of this window has happened by the end of `through`.
    pub fn coverage(&self, through: NaiveDate) -> Coverage {
        Coverage::of(self.from, self.to, through)
    }
}

/// The ISO week holding `date`.
pub fn iso_week(date: NaiveDate) -> Window {
    let monday = iso_monday(date);
    Window {
        label: iso_label(monday),
        from: monday,
        to: monday + Duration::days(6),
    }
}

/// The calendar month holding `date`.
pub fn month(date: NaiveDate) -> Window {
    let first = date.with_day(1).unwrap_or(date);
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    let last = next.map_or(first, |n| n - Duration::days(1));
    Window {
        label: format!("{:04}-{:02}", first.year(), first.month()),
        from: first,
        to: last,
    }
}

/// Every ISO week touching `from..=to`, oldest first (whole weeks).
pub fn iso_weeks(from: NaiveDate, to: NaiveDate) -> Vec<Window> {
    let mut out = Vec::new();
    let mut d = iso_monday(from);
    while d <= to {
        out.push(iso_week(d));
        d += Duration::weeks(1);
    }
    out
}

/// Every calendar month touching `from..=to`, oldest first (whole months).
pub fn months(from: NaiveDate, to: NaiveDate) -> Vec<Window> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        let m = month(d);
        d = m.to + Duration::days(1);
        out.push(m);
    }
    out
}

/// Parses an ISO week label such as `2026-W07` into its window.
pub fn parse_iso_week(raw: &str) -> Option<Window> {
    let (year, week) = raw.trim().split_once(['W', 'w'])?;
    let year: i32 = year.trim_end_matches('-').parse().ok()?;
    let week: u32 = week.parse().ok()?;
    let monday = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
    Some(iso_week(monday))
}

/// The mean of each measure over several windows, counting only windows
/// where the measure has a value (`None` when none has).
pub fn mean_of(figures: &[PeriodFigures], measure: Measure) -> Option<f64> {
    mean(figures.iter().filter_map(|f| f.value(measure)))
}

/// One measure month by month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureSeries {
    pub measure: Measure,
    pub label: String,
    /// Which way is good for the person.
    pub good: Direction,
    /// One value per month of [`OutcomeProgress::months`]; `null` where
    /// nothing was recorded.
    pub values: Vec<Option<f64>>,
    /// The first whole month with a value.
    pub first: Option<f64>,
    /// The latest whole month with a value.
    pub latest: Option<f64>,
    /// `latest - first`, when both exist.
    pub change: Option<f64>,
    /// The value of the month that is not over yet, if the last month is
    /// one; it is left out of `first`, `latest`, `change` and the sparkline's
    /// scale, because part of a month is not comparable with whole ones.
    #[serde(default)]
    pub so_far: Option<f64>,
    /// ▁▂▃▄▅▆▇█ per whole month, a space for a month without data, `·` for
    /// the month that is not over yet.
    pub sparkline: String,
}

/// One outcome's measures month by month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeSeries {
    pub outcome: Outcome,
    pub title: String,
    pub measures: Vec<MeasureSeries>,
}

/// The four outcomes month by month: what `progress` and the report show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeProgress {
    /// Calendar months, oldest first.
    pub months: Vec<Window>,
    /// The full figures of each month, in the same order.
    pub figures: Vec<PeriodFigures>,
    /// How much of each month (same order) had happened by the last day
    /// read: only the last month can be incomplete.
    #[serde(default)]
    pub coverage: Vec<Coverage>,
    pub outcomes: Vec<OutcomeSeries>,
}

impl OutcomeProgress {
    /// Every month of `from..=to`, from facts covering it; `to` is the last
    /// day read (today, or a report's end), so a month running past it is
    /// marked as not over.
    pub fn compute(facts: &PeriodFacts, from: NaiveDate, to: NaiveDate) -> OutcomeProgress {
        let months = if from <= to {
            months(from, to)
        } else {
            Vec::new()
        };
        let parts = facts.split(&months);
        let figures: Vec<PeriodFigures> = months
            .iter()
            .zip(&parts)
            .map(|(m, part)| PeriodFigures::compute(part, m.from, m.to))
            .collect();
        let coverage: Vec<Coverage> = months.iter().map(|m| m.coverage(to)).collect();
        let complete: Vec<bool> = coverage.iter().map(|c| c.complete).collect();
        let outcomes = Outcome::ALL
            .iter()
            .map(|&o| OutcomeSeries {
                outcome: o,
                title: o.title().to_string(),
                measures: o
                    .measures()
                    .iter()
                    .map(|&m| {
                        MeasureSeries::with_months(
                            m,
                            figures.iter().map(|f| f.value(m)).collect(),
                            &complete,
                        )
                    })
                    .collect(),
            })
            .collect();
        OutcomeProgress {
            months,
            figures,
            coverage,
            outcomes,
        }
    }

    /// The month that is not over yet (the last one, if it is not), with
    /// how much of it has happened.
    pub fn unfinished(&self) -> Option<(&Window, Coverage)> {
        let c = *self.coverage.last()?;
        (!c.complete).then_some((self.months.last()?, c))
    }

    /// `values` (one per month) with the month that is not over left out
    /// (`None`): what a trend, a chart or a month-to-month comparison uses.
    pub fn whole_months(&self, values: &[Option<f64>]) -> Vec<Option<f64>> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| match self.coverage.get(i) {
                Some(c) if !c.complete => None,
                _ => *v,
            })
            .collect()
    }

    /// A month's label, with "(so far: 3 of 31 days)" when it is not over.
    pub fn month_label(&self, i: usize) -> String {
        let label = self.months.get(i).map_or("", |m| m.label.as_str());
        match self.coverage.get(i).and_then(Coverage::so_far) {
            Some(note) => format!("{label} ({note})"),
            None => label.to_string(),
        }
    }

    /// Whether no month holds anything.
    pub fn is_empty(&self) -> bool {
        self.figures.iter().all(PeriodFigures::is_empty)
    }
}

impl MeasureSeries {
    /// A series from its values, every month whole.
    pub fn new(measure: Measure, values: Vec<Option<f64>>) -> MeasureSeries {
        let complete = vec![true; values.len()];
        MeasureSeries::with_months(measure, values, &complete)
    }

    /// A series from its values and whether each month is over: a month
    /// that is not over is kept in `values` and `so_far` but never counts
    /// as the first or latest value of the trend.
    pub fn with_months(
        measure: Measure,
        values: Vec<Option<f64>>,
        complete: &[bool],
    ) -> MeasureSeries {
        let whole = |i: usize| complete.get(i).copied().unwrap_or(true);
        let settled: Vec<Option<f64>> = values
            .iter()
            .enumerate()
            .map(|(i, v)| v.filter(|_| whole(i)))
            .collect();
        let first = settled.iter().flatten().next().copied();
        let latest = settled.iter().rev().flatten().next().copied();
        let change = match (first, latest) {
            (Some(a), Some(b)) => Some(round4(b - a)),
            _ => None,
        };
        let so_far = values
            .iter()
            .enumerate()
            .rev()
            .find(|(i, _)| !whole(*i))
            .and_then(|(_, v)| *v);
        let sparkline = sparkline(&settled)
            .chars()
            .enumerate()
            .map(|(i, c)| if whole(i) { c } else { '·' })
            .collect();
        MeasureSeries {
            measure,
            label: measure.label().to_string(),
            good: measure.good(),
            sparkline,
            values,
            first,
            latest,
            change,
            so_far,
        }
    }

    /// The change from the first month, in words (kind, never a verdict).
    pub fn change_sentence(&self) -> String {
        let Some(change) = self.change else {
            return "not enough whole months recorded to compare yet".to_string();
        };
        let unit = self.measure.unit();
        let shown = match unit {
            Unit::Share => format!("{:+.0} points", change * 100.0),
            Unit::Count | Unit::Minutes => format!("{change:+.0}"),
            Unit::Scale => format!("{change:+.1}"),
            Unit::Score => format!("{change:+.2}"),
        };
        let tiny = match unit {
            Unit::Share => change.abs() < 0.005,
            Unit::Score => change.abs() < 0.005,
            _ => change.abs() < 0.05,
        };
        if tiny {
            return "about where it started".to_string();
        }
        let better = match self.good {
            Direction::Up => change > 0.0,
            Direction::Down => change < 0.0,
        };
        if better {
            format!("{shown} since the first month, the way you are working towards")
        } else {
            format!("{shown} since the first month")
        }
    }
}

/// ▁▂▃▄▅▆▇█ for each value between the series' lowest and highest; a space
/// where there is no value. A flat series sits in the middle.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if hi - lo < 1e-12 => BARS[3],
            Some(v) => {
                let i = ((v - lo) / (hi - lo) * 7.0).round();
                BARS[(i.clamp(0.0, 7.0)) as usize]
            }
        })
        .collect()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn ratio(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| round4(f64::from(part) / f64::from(whole)))
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut n = 0u32;
    let mut sum = 0.0;
    for v in values {
        n += 1;
        sum += v;
    }
    (n > 0).then(|| round2(sum / f64::from(n)))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn sample() -> PeriodFacts {
        let created = DateTime::parse_from_rfc3339("2026-11-20T20:00:00Z")
            .expect("instant")
            .with_timezone(&Utc);
        PeriodFacts {
            checkins: vec![
                CheckInFact {
                    date: d("2026-11-16"),
                    mood: 6,
                    energy: 5,
                    appreciations: 3,
                    non_work: 1,
                },
                CheckInFact {
                    date: d("2026-11-18"),
                    mood: 8,
                    energy: 7,
                    appreciations: 3,
                    non_work: 2,
                },
                // The week before: outside a week window.
                CheckInFact {
                    date: d("2026-11-15"),
                    mood: 1,
                    energy: 1,
                    appreciations: 3,
                    non_work: 0,
                },
            ],
            boxes: vec![
                BoxFact {
                    date: d("2026-11-17"),
                    limit_minutes: 60,
                    actual_minutes: 75,
                    revisions: 3,
                },
                BoxFact {
                    date: d("2026-11-19"),
                    limit_minutes: 60,
                    actual_minutes: 60,
                    revisions: 0,
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
                    guilt_after: Some(5),
                },
                NoFact {
                    date: d("2026-11-20"),
                    guilt_before: 6,
                    guilt_after: None,
                },
            ],
            delegations: vec![d("2026-11-21")],
            commits: vec![
                CommitFact {
                    date: d("2026-11-17"),
                    after_hours: false,
                },
                CommitFact {
                    date: d("2026-11-17"),
                    after_hours: true,
                },
                CommitFact {
                    date: d("2026-11-22"),
                    after_hours: true,
                },
                CommitFact {
                    date: d("2026-11-18"),
                    after_hours: false,
                },
            ],
            experiments: vec![
                ExperimentFact {
                    planned_on: d("2026-11-10"),
                    likelihood: 80,
                    anxiety_before: 70,
                    done: Some(ExperimentDone {
                        date: d("2026-11-17"),
                        outcome: 0.0,
                        anxiety_after: 30,
                    }),
                },
                ExperimentFact {
                    planned_on: d("2026-11-18"),
                    likelihood: 60,
                    anxiety_before: 50,
                    done: Some(ExperimentDone {
                        date: d("2026-11-19"),
                        outcome: 0.5,
                        anxiety_after: 20,
                    }),
                },
                ExperimentFact {
                    planned_on: d("2026-11-20"),
                    likelihood: 90,
                    anxiety_before: 90,
                    done: None,
                },
            ],
            blocks: vec![
                BlockFact {
                    date: d("2026-11-17"),
                    kept: true,
                },
                BlockFact {
                    date: d("2026-11-19"),
                    kept: true,
                },
                BlockFact {
                    date: d("2026-11-21"),
                    kept: false,
                },
            ],
            practice: vec![
                MinutesFact {
                    date: d("2026-11-16"),
                    minutes: 10,
                },
                MinutesFact {
                    date: d("2026-11-20"),
                    minutes: 15,
                },
            ],
            joy: vec![],
            rests: vec![RestFact {
                from: d("2026-11-21"),
                to: d("2026-11-25"),
            }],
            wins: vec![Win {
                id: "w1".into(),
                created_at: created,
                date: d("2026-11-20"),
                text: "Sent the draft as it was".into(),
            }],
            setbacks: vec![],
        }
    }

    #[test]
    fn a_week_against_hand_computed_figures() {
        let w = iso_week(d("2026-11-18"));
        assert_eq!(w.label, "2026-W47");
        let f = PeriodFigures::compute(&sample(), w.from, w.to);
        assert_eq!(f.checkins, 2);
        assert_eq!(f.mean_mood, Some(7.0));
        assert_eq!(f.mean_energy, Some(6.0));
        // 3 non-work of 6 appreciations.
        assert_eq!(f.non_work_share, Some(0.5));
        assert_eq!(f.timeboxes, 2);
        // 75 > 60 overran; 60 = 60 did not.
        assert_eq!(f.overrun_rate, Some(0.5));
        assert_eq!(f.revisions_per_box, Some(1.5));
        assert_eq!(f.commits, 4);
        assert_eq!(f.after_hours_share, Some(0.5));
        assert_eq!(f.noes, 3);
        // (5 + 1) / 2; the no without an after does not count.
        assert_eq!(f.mean_guilt_drop, Some(3.0));
        assert_eq!(f.delegations, 1);
        // Planned in the week: the second and third; done: the first two.
        assert_eq!(f.experiments_planned, 2);
        assert_eq!(f.experiments_done, 2);
        assert_eq!(f.feared_likelihood, Some(70.0));
        assert_eq!(f.feared_happened, Some(25.0));
        // ((0.8-0)^2 + (0.6-0.5)^2) / 2 = (0.64 + 0.01) / 2 = 0.325
        assert_eq!(f.calibration_brier, Some(0.325));
        assert_eq!(f.mean_anxiety_before, Some(60.0));
        assert_eq!(f.mean_anxiety_after, Some(25.0));
        assert_eq!((f.blocks_kept, f.blocks_skipped), (2, 1));
        assert_eq!(f.personal_time_kept, Some(0.6667));
        assert_eq!(f.practice_minutes, Some(25));
        // No joy logged: None, not 0.
        assert_eq!(f.joy_minutes, None);
        // The rest runs 21-25: the 21st and 22nd fall in this week.
        assert_eq!(f.rest_days, 2);
        assert_eq!(f.wins, 1);
        assert_eq!(f.setbacks, 0);
        assert!(!f.is_empty());
        assert_eq!(f.value(Measure::Noes), Some(3.0));
        assert_eq!(
            Measure::PersonalTimeKept.format(f.personal_time_kept),
            "67%"
        );
        assert_eq!(Measure::Calibration.format(f.calibration_brier), "0.33");
    }

    #[test]
    fn nothing_recorded_is_none_not_zero() {
        let f = PeriodFigures::compute(&sample(), d("2025-01-01"), d("2025-01-31"));
        assert!(f.is_empty());
        assert_eq!(f.checkins, 0);
        assert_eq!(f.mean_mood, None);
        assert_eq!(f.overrun_rate, None);
        assert_eq!(f.after_hours_share, None);
        assert_eq!(f.mean_guilt_drop, None);
        assert_eq!(f.calibration_brier, None);
        assert_eq!(f.personal_time_kept, None);
        assert_eq!(f.practice_minutes, None);
        for m in Measure::REVIEW {
            assert_eq!(f.value(m), None, "{m:?}");
        }
        assert_eq!(Measure::Checkins.format(None), "—");
    }

    #[test]
    fn weeks_and_months_cover_the_range() {
        let weeks = iso_weeks(d("2026-12-30"), d("2027-01-12"));
        let labels: Vec<&str> = weeks.iter().map(|w| w.label.as_str()).collect();
        assert_eq!(labels, ["2026-W53", "2027-W01", "2027-W02"]);
        assert_eq!(weeks[0].from, d("2026-12-28"));
        assert_eq!(weeks[2].to, d("2027-01-17"));
        let ms = months(d("2026-11-20"), d("2027-02-01"));
        let labels: Vec<&str> = ms.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["2026-11", "2026-12", "2027-01", "2027-02"]);
        assert_eq!(ms[0].from, d("2026-11-01"));
        assert_eq!(ms[1].to, d("2026-12-31"));
        assert_eq!(ms[3].to, d("2027-02-28"));
        assert_eq!(month(d("2024-02-10")).to, d("2024-02-29"));
        assert_eq!(parse_iso_week("2026-W47"), Some(iso_week(d("2026-11-16"))));
        assert_eq!(parse_iso_week("2026-W99"), None);
        assert_eq!(parse_iso_week("soon"), None);
    }

    #[test]
    fn split_gives_the_same_figures_as_the_whole() {
        let facts = sample();
        for windows in [
            iso_weeks(d("2026-11-01"), d("2026-11-30")),
            months(d("2026-10-01"), d("2026-12-31")),
        ] {
            let parts = facts.split(&windows);
            assert_eq!(parts.len(), windows.len());
            for (w, part) in windows.iter().zip(&parts) {
                assert_eq!(
                    PeriodFigures::compute(part, w.from, w.to),
                    PeriodFigures::compute(&facts, w.from, w.to),
                    "{}",
                    w.label
                );
            }
        }
    }

    #[test]
    fn mean_of_skips_windows_without_a_value() {
        let facts = sample();
        let a = PeriodFigures::compute(&facts, d("2026-11-16"), d("2026-11-22"));
        let empty = PeriodFigures::compute(&facts, d("2026-10-01"), d("2026-10-07"));
        assert_eq!(
            mean_of(&[a.clone(), empty.clone()], Measure::MeanMood),
            Some(7.0)
        );
        assert_eq!(mean_of(&[a, empty.clone()], Measure::Checkins), Some(2.0));
        assert_eq!(mean_of(&[empty], Measure::Checkins), None);
    }

    #[test]
    fn progress_by_month_with_sparklines_and_change() {
        let facts = PeriodFacts {
            checkins: vec![
                CheckInFact {
                    date: d("2026-01-10"),
                    mood: 4,
                    energy: 5,
                    appreciations: 3,
                    non_work: 0,
                },
                CheckInFact {
                    date: d("2026-03-10"),
                    mood: 8,
                    energy: 5,
                    appreciations: 3,
                    non_work: 3,
                },
            ],
            ..PeriodFacts::default()
        };
        let p = OutcomeProgress::compute(&facts, d("2026-01-05"), d("2026-03-31"));
        assert_eq!(p.months.len(), 3);
        let happy = &p.outcomes[3];
        assert_eq!(happy.outcome, Outcome::Happiness);
        let mood = &happy.measures[0];
        assert_eq!(mood.measure, Measure::MeanMood);
        assert_eq!(mood.values, [Some(4.0), None, Some(8.0)]);
        assert_eq!(mood.sparkline, "▁ █");
        assert_eq!(mood.change, Some(4.0));
        assert!(mood
            .change_sentence()
            .starts_with("+4.0 since the first month, the way"));
        let share = &happy.measures[1];
        assert_eq!(share.change, Some(1.0));
        assert_eq!(
            share.change_sentence(),
            "+100 points since the first month, the way you are working towards"
        );
        // Overwork has nothing recorded: gaps only, no change.
        let over = &p.outcomes[0].measures[0];
        assert_eq!(over.sparkline, "   ");
        assert_eq!(over.change, None);
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "▄▄");
        assert_eq!(sparkline(&[Some(0.0), Some(1.0), Some(0.5)]), "▁█▅");
        assert!(!p.is_empty());
        assert!(
            OutcomeProgress::compute(&facts, d("2026-03-21"), d("2026-03-01"))
                .months
                .is_empty()
        );
    }

    #[test]
    fn a_month_that_is_not_over_is_never_the_latest_value() {
        let facts = PeriodFacts {
            checkins: vec![
                CheckInFact {
                    date: d("2026-10-10"),
                    mood: 4,
                    energy: 5,
                    appreciations: 3,
                    non_work: 0,
                },
                CheckInFact {
                    date: d("2026-11-10"),
                    mood: 6,
                    energy: 5,
                    appreciations: 3,
                    non_work: 3,
                },
                CheckInFact {
                    date: d("2026-12-02"),
                    mood: 2,
                    energy: 5,
                    appreciations: 3,
                    non_work: 0,
                },
            ],
            ..PeriodFacts::default()
        };
        // Today is 3 December: December has 3 of its 31 days behind it.
        let p = OutcomeProgress::compute(&facts, d("2026-10-10"), d("2026-12-03"));
        assert_eq!(p.coverage.len(), 3);
        assert!(p.coverage[0].complete && p.coverage[1].complete);
        let (month, c) = p.unfinished().expect("December is not over");
        assert_eq!(month.label, "2026-12");
        assert_eq!((c.days_so_far, c.days), (3, 31));
        assert_eq!(c.so_far().as_deref(), Some("so far: 3 of 31 days"));
        assert_eq!(p.month_label(2), "2026-12 (so far: 3 of 31 days)");
        assert_eq!(p.month_label(1), "2026-11");
        let mood = &p.outcomes[3].measures[0];
        assert_eq!(mood.values, [Some(4.0), Some(6.0), Some(2.0)]);
        // The trend ends with November, the last whole month.
        assert_eq!(mood.latest, Some(6.0));
        assert_eq!(mood.change, Some(2.0));
        assert_eq!(mood.so_far, Some(2.0));
        assert_eq!(mood.sparkline, "▁█·");
        assert_eq!(p.whole_months(&mood.values), [Some(4.0), Some(6.0), None]);
        // On the last day of December the month is whole.
        let later = OutcomeProgress::compute(&facts, d("2026-10-10"), d("2026-12-31"));
        assert!(later.unfinished().is_none());
        assert_eq!(later.outcomes[3].measures[0].latest, Some(2.0));
        assert_eq!(later.outcomes[3].measures[0].so_far, None);
        // Only the month that is not over: nothing to compare yet.
        let only = OutcomeProgress::compute(&facts, d("2026-12-01"), d("2026-12-03"));
        let m = &only.outcomes[3].measures[0];
        assert_eq!((m.first, m.latest, m.change), (None, None, None));
        assert_eq!(m.sparkline, "·");
        assert_eq!(
            m.change_sentence(),
            "not enough whole months recorded to compare yet"
        );
        let json = serde_json::to_value(&p).expect("json");
        assert_eq!(json["coverage"][2]["complete"], false);
        assert_eq!(json["coverage"][2]["days_so_far"], 3);
        assert_eq!(json["coverage"][2]["days"], 31);
    }

    #[test]
    fn window_coverage_counts_days() {
        let w = iso_week(d("2026-12-03"));
        let c = w.coverage(d("2026-12-03"));
        assert_eq!((c.complete, c.days_so_far, c.days), (false, 4, 7));
        assert_eq!(c.so_far().as_deref(), Some("so far: 4 of 7 days"));
        let c = w.coverage(d("2026-12-06"));
        assert_eq!((c.complete, c.days_so_far, c.so_far()), (true, 7, None));
        let c = w.coverage(d("2026-11-20"));
        assert_eq!((c.complete, c.days_so_far), (false, 0));
    }

    #[test]
    fn commits_are_classified_by_working_hours() {
        let hours = WorkHours::from_settings(&Settings::defaults("UTC")).expect("valid");
        let at = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .expect("instant")
                .with_timezone(&Utc)
        };
        // Tuesday 10:00 inside, Tuesday 21:00 outside, Saturday 10:00 a day off.
        assert!(!CommitFact::of(at("2026-11-24T10:00:00Z"), &hours).after_hours);
        assert!(CommitFact::of(at("2026-11-24T21:00:00Z"), &hours).after_hours);
        let sat = CommitFact::of(at("2026-11-28T10:00:00Z"), &hours);
        assert!(sat.after_hours);
        assert_eq!(sat.date, d("2026-11-28"));
    }
}
