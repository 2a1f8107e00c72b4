//! The weekly review: the week's figures beside the person's reflection.
//!
//! Progress is not a straight line, so a review keeps breakthroughs and
//! setbacks side by side, plus one thing to celebrate. One review per person
//! per ISO week: saving again replaces the reflection (and refreshes the
//! figures snapshot), keeping when it was first written.
//!
//! [`compare`] sets a week's figures beside the mean of the weeks before it
//! and says, kindly, what moved. A quiet week is not a failure and is never
//! described as one.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::figures::{
    iso_week, mean_of, Coverage, Direction, Measure, PeriodFacts, PeriodFigures, Unit,
};
use crate::journal::{Setback, Win};
use crate::text;

/// How many reflection lines of each kind a review can hold.
pub const MAX_LINES: usize = 20;

/// A saved weekly review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyReview {
    pub id: String,
    /// ISO week, e.g. `2026-W07`.
    pub week: String,
    /// The Monday of that week.
    pub week_start: NaiveDate,
    /// The week's figures when the review was saved.
    pub figures: PeriodFigures,
    /// What went better than expected.
    #[serde(default)]
    pub breakthroughs: Vec<String>,
    /// What was hard; part of the path, not a verdict.
    #[serde(default)]
    pub setbacks: Vec<String>,
    /// One thing to celebrate.
    #[serde(default)]
    pub celebrate: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The reflection a person writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reflection {
    pub breakthroughs: Vec<String>,
    pub setbacks: Vec<String>,
    pub celebrate: Option<String>,
}

impl Reflection {
    /// Trims every line, drops blank ones and checks lengths. An empty
    /// reflection (nothing at all written) is refused: there is nothing to save.
    pub fn new(
        breakthroughs: &[String],
        setbacks: &[String],
        celebrate: Option<&str>,
    ) -> Result<Reflection, ValidationError> {
        let r = Reflection {
            breakthroughs: lines("breakthrough", breakthroughs)?,
            setbacks: lines("setback", setbacks)?,
            celebrate: text::optional("celebrate", celebrate)?,
        };
        if r.is_empty() {
            return Err(ValidationError::Other(
                "the reflection is empty; write at least one breakthrough, setback or thing to celebrate (for example \"I rested on Sunday\")."
                    .into(),
            ));
        }
        Ok(r)
    }

    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        self.breakthroughs.is_empty() && self.setbacks.is_empty() && self.celebrate.is_none()
    }

    /// Every text, for the safety check.
    pub fn texts(&self) -> Vec<&str> {
        self.breakthroughs
            .iter()
            .chain(&self.setbacks)
            .map(String::as_str)
            .chain(self.celebrate.as_deref())
            .collect()
    }
}

fn lines(field: &'static str, raw: &[String]) -> Result<Vec<String>, ValidationError> {
    let mut out = Vec::new();
    for line in raw {
        if let Some(t) = text::optional(field, Some(line))? {
            out.push(t);
        }
    }
    if out.len() > MAX_LINES {
        return Err(ValidationError::Other(format!(
            "a review holds at most {MAX_LINES} lines of each kind; you gave {} of {field}s.",
            out.len()
        )));
    }
    Ok(out)
}

impl WeeklyReview {
    /// A review of the ISO week holding `on`.
    pub fn new(
        id: String,
        now: DateTime<Utc>,
        on: NaiveDate,
        figures: PeriodFigures,
        reflection: Reflection,
    ) -> WeeklyReview {
        let w = iso_week(on);
        WeeklyReview {
            id,
            week: w.label,
            week_start: w.from,
            figures,
            breakthroughs: reflection.breakthroughs,
            setbacks: reflection.setbacks,
            celebrate: reflection.celebrate,
            created_at: crate::clock::round(now),
            updated_at: crate::clock::round(now),
        }
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        let w = iso_week(self.week_start);
        if w.from != self.week_start || w.label != self.week {
            return Err(ValidationError::Other(format!(
                "review week \"{}\" does not match its Monday {}; the week of {} is {}.",
                self.week, self.week_start, self.week_start, w.label
            )));
        }
        let r = Reflection::new(
            &self.breakthroughs,
            &self.setbacks,
            self.celebrate.as_deref(),
        )?;
        if r.breakthroughs != self.breakthroughs || r.setbacks != self.setbacks {
            return Err(ValidationError::Other(
                "a review line is blank or has spaces at its ends; trim it.".into(),
            ));
        }
        Ok(())
    }

    /// Every text, for the safety check.
    pub fn texts(&self) -> Vec<&str> {
        self.breakthroughs
            .iter()
            .chain(&self.setbacks)
            .map(String::as_str)
            .chain(self.celebrate.as_deref())
            .collect()
    }
}

/// One measure this week beside the recent weeks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Row {
    pub measure: Measure,
    pub label: String,
    pub this_week: Option<f64>,
    /// Mean of the previous weeks that have a value.
    pub recent: Option<f64>,
    /// A kind sentence when the two differ noticeably.
    pub sentence: Option<String>,
}

/// A week's figures beside the mean of the weeks before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekComparison {
    pub week: String,
    pub week_start: NaiveDate,
    pub week_end: NaiveDate,
    pub figures: PeriodFigures,
    /// How much of the week had happened by today: a week that is not over
    /// is shown "so far", and its counts are not set beside whole weeks.
    pub coverage: Coverage,
    /// How many earlier weeks `recent` is the mean of.
    pub recent_weeks: u32,
    pub rows: Vec<Row>,
    /// A sentence about the week as a whole.
    pub summary: String,
    /// The week's wins, oldest first.
    #[serde(default)]
    pub wins: Vec<Win>,
    /// The week's setbacks, oldest first.
    #[serde(default)]
    pub setbacks: Vec<Setback>,
    /// The saved review of this week, if there is one (filled by the caller).
    #[serde(default)]
    pub review: Option<WeeklyReview>,
}

/// How many weeks before a reviewed week its figures are set beside.
pub const RECENT_WEEKS: i64 = 4;

/// The dates a week view needs facts for: the four weeks before the week
/// of `on`, and that week.
pub fn view_window(on: NaiveDate) -> (NaiveDate, NaiveDate) {
    let w = iso_week(on);
    (w.from - Duration::weeks(RECENT_WEEKS), w.to)
}

/// A week can be reviewed once it has begun: `on` must not be after `today`.
pub fn check_review_date(on: NaiveDate, today: NaiveDate) -> Result<(), ValidationError> {
    if on > today {
        return Err(ValidationError::Other(format!(
            "{on} is in the future; a week can be reviewed once it has begun. Give a date up to today ({today})."
        )));
    }
    Ok(())
}

/// The week of `on` beside the mean of the four weeks before, with the
/// week's wins and setbacks, from facts covering [`view_window`]. `today`
/// tells whether the week is over.
pub fn week_view(facts: &PeriodFacts, on: NaiveDate, today: NaiveDate) -> WeekComparison {
    let w = iso_week(on);
    let week = PeriodFigures::compute(facts, w.from, w.to);
    let previous: Vec<PeriodFigures> = (1..=RECENT_WEEKS)
        .rev()
        .map(|k| {
            let from = w.from - Duration::weeks(k);
            PeriodFigures::compute(facts, from, from + Duration::days(6))
        })
        .collect();
    let mut view = compare(&week, &previous, w.coverage(today));
    let inside = |d: NaiveDate| d >= w.from && d <= w.to;
    view.wins = facts
        .wins
        .iter()
        .filter(|x| inside(x.date))
        .cloned()
        .collect();
    view.setbacks = facts
        .setbacks
        .iter()
        .filter(|x| inside(x.date))
        .cloned()
        .collect();
    view
}

/// Compares `week` with `previous` (any order) measure by measure. While
/// the week is not over (`coverage`), counts and minutes, which grow as the
/// week goes on, are not compared, and the rest is said "so far".
pub fn compare(
    week: &PeriodFigures,
    previous: &[PeriodFigures],
    coverage: Coverage,
) -> WeekComparison {
    let w = iso_week(week.from);
    let partial = !coverage.complete;
    let rows: Vec<Row> = Measure::REVIEW
        .iter()
        .map(|&m| {
            let this_week = week.value(m);
            let recent = mean_of(previous, m);
            let grows = matches!(m.unit(), Unit::Count | Unit::Minutes);
            let sentence = if partial && grows {
                None
            } else if partial {
                sentence(m, this_week, recent).map(|s| so_far(&s))
            } else {
                sentence(m, this_week, recent)
            };
            Row {
                measure: m,
                label: m.label().to_string(),
                this_week,
                recent,
                sentence,
            }
        })
        .collect();
    let days = format!(
        "{} of {}",
        coverage.days_so_far,
        crate::text::count(u64::from(coverage.days), "day", "days")
    );
    let summary = if partial && week.is_empty() {
        format!(
            "A quiet week so far ({days}): nothing recorded yet, and that is fine; the week is not over."
        )
    } else if partial {
        let moving = rows
            .iter()
            .filter(|r| {
                r.sentence.is_some() && moved(r.measure, r.this_week, r.recent) == Some(true)
            })
            .count();
        let said = if moving == 0 {
            "nothing stands out from your recent weeks yet.".to_string()
        } else if moving == 1 {
            "one figure is moving the way you are working towards.".to_string()
        } else {
            format!("{moving} figures are moving the way you are working towards.")
        };
        format!(
            "This week so far ({days}): {said} Counts are set beside your recent weeks once the week is over."
        )
    } else if week.is_empty() {
        "A quiet week: nothing was recorded, and that is fine. Rest and life count too; the next week starts fresh.".to_string()
    } else if previous.iter().all(PeriodFigures::is_empty) {
        "Your first recorded week in a while: these figures are the baseline later weeks will be set beside.".to_string()
    } else {
        let better = rows
            .iter()
            .filter(|r| moved(r.measure, r.this_week, r.recent) == Some(true))
            .count();
        if better == 0 {
            "Much like your recent weeks. Steady counts: not every week has to move.".to_string()
        } else if better == 1 {
            "One figure moved the way you are working towards.".to_string()
        } else {
            format!("{better} figures moved the way you are working towards.")
        }
    };
    WeekComparison {
        week: w.label,
        week_start: w.from,
        week_end: w.to,
        figures: week.clone(),
        coverage,
        recent_weeks: u32::try_from(previous.len()).unwrap_or(u32::MAX),
        rows,
        summary,
        wins: Vec::new(),
        setbacks: Vec::new(),
        review: None,
    }
}

/// Whether a value differs noticeably from the recent mean, and if so
/// whether in the good direction.
fn moved(m: Measure, now: Option<f64>, recent: Option<f64>) -> Option<bool> {
    let (now, recent) = (now?, recent?);
    let threshold = match m.unit() {
        Unit::Count => 0.5_f64.max(recent.abs() * 0.15),
        Unit::Share => 0.1,
        Unit::Scale => match m {
            Measure::AnxietyBefore | Measure::AnxietyAfter => 5.0,
            _ => 0.5,
        },
        Unit::Minutes => 10.0_f64.max(recent.abs() * 0.15),
        Unit::Score => 0.05,
    };
    if (now - recent).abs() < threshold {
        return None;
    }
    let up = now > recent;
    Some(match m.good() {
        Direction::Up => up,
        Direction::Down => !up,
    })
}

/// "So far, …" in front of a comparison sentence.
fn so_far(s: &str) -> String {
    let mut chars = s.chars();
    let first = chars.next().map(|c| c.to_lowercase().to_string());
    format!("So far, {}{}", first.unwrap_or_default(), chars.as_str())
}

fn sentence(m: Measure, now: Option<f64>, recent: Option<f64>) -> Option<String> {
    moved(m, now, recent)?;
    let up = now? > recent?;
    let s = match (m, up) {
        (Measure::Checkins, true) => "More check-ins than your recent weeks.",
        (Measure::Checkins, false) => {
            "Fewer check-ins than your recent weeks; a quiet week is not a failure."
        }
        (Measure::MeanMood, true) => "Your mood was brighter than in recent weeks.",
        (Measure::MeanMood, false) => {
            "Your mood was lower than in recent weeks; hard weeks happen, be gentle with yourself."
        }
        (Measure::NonWorkShare, true) => {
            "More of what you appreciated was about life beyond work."
        }
        (Measure::NonWorkShare, false) => {
            "More of what you appreciated was about work this week; the rest of life is still there."
        }
        (Measure::OverrunRate, false) => "Fewer timeboxes ran over than in recent weeks.",
        (Measure::OverrunRate, true) => {
            "More timeboxes ran over than in recent weeks; worth a look, not a verdict."
        }
        (Measure::RevisionsPerBox, false) => "Fewer revisions per task than in recent weeks.",
        (Measure::RevisionsPerBox, true) => "More revisions per task than in recent weeks.",
        (Measure::AfterHoursShare, false) => {
            "Less of your work spilled past working hours."
        }
        (Measure::AfterHoursShare, true) => {
            "More work happened after hours than in recent weeks; notice it kindly."
        }
        (Measure::Noes, true) => "You said no more often than in recent weeks.",
        (Measure::Noes, false) => "Fewer noes than in recent weeks.",
        (Measure::Delegations, true) => "You handed more over than in recent weeks.",
        (Measure::Delegations, false) => "Fewer delegations than in recent weeks.",
        (Measure::GuiltDrop, true) => "Guilt after saying no eased more than it used to.",
        (Measure::GuiltDrop, false) => "Guilt after saying no lingered a little longer.",
        (Measure::ExperimentsDone, true) => "More experiments done than in recent weeks.",
        (Measure::ExperimentsDone, false) => "Fewer experiments than in recent weeks.",
        (Measure::Calibration, false) => "Your fears were closer to what actually happened.",
        (Measure::Calibration, true) => {
            "Your fears were further from what happened; each experiment still teaches."
        }
        (Measure::AnxietyBefore, false) => "Experiments felt less frightening beforehand.",
        (Measure::AnxietyBefore, true) => {
            "Experiments felt more frightening beforehand: perhaps you took a bigger step."
        }
        (Measure::AnxietyAfter, false) => "Anxiety after experiments was lower.",
        (Measure::AnxietyAfter, true) => "Anxiety after experiments was higher this week.",
        (Measure::PersonalTimeKept, true) => "You kept more of your personal time.",
        (Measure::PersonalTimeKept, false) => {
            "Less personal time was kept than in recent weeks; the next block is a fresh chance."
        }
        (Measure::PracticeMinutes, true) => "More minutes of practice than in recent weeks.",
        (Measure::PracticeMinutes, false) => "Fewer minutes of practice than in recent weeks.",
        (Measure::JoyMinutes, true) => "More time for what you enjoy.",
        (Measure::JoyMinutes, false) => "Less time for what you enjoy than in recent weeks.",
        (Measure::RestDays, true) => "More rest than in recent weeks.",
        (Measure::RestDays, false) => "Fewer rest days than in recent weeks.",
    };
    Some(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{CheckInFact, PeriodFacts};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn checkin(date: &str, mood: u8) -> CheckInFact {
        CheckInFact {
            date: d(date),
            mood,
            energy: 5,
            appreciations: 3,
            non_work: 1,
        }
    }

    #[test]
    fn the_demo_reviews_most_weeks_and_tells_a_non_linear_story() {
        let end = d("2026-11-29");
        let data = crate::demo::generate(42, end, crate::demo::DEFAULT_DAYS);
        let mut doc = crate::export::ExportDoc::new(
            crate::settings::Settings::defaults("UTC"),
            data.checkins,
            vec![],
            data.wins,
            data.setbacks,
            DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z")
                .expect("instant")
                .with_timezone(&Utc),
        );
        doc.timeboxes = data.timeboxes;
        doc.rungs = data.rungs;
        doc.experiments = data.experiments;
        doc.noes = data.noes;
        doc.rests = data.rests;
        let reviews = crate::demo::weekly_reviews(&doc, 42);
        assert_eq!(
            reviews,
            crate::demo::weekly_reviews(&doc, 42),
            "reproducible"
        );
        // 240 days: 34 whole weeks; most, not all, are reviewed.
        assert!(
            reviews.len() >= 20 && reviews.len() < 34,
            "{}",
            reviews.len()
        );
        for r in &reviews {
            r.validate().expect("valid");
            let w = iso_week(r.week_start);
            let facts = PeriodFacts::from_export(&doc, w.from, w.to);
            assert_eq!(r.figures, PeriodFigures::compute(&facts, w.from, w.to));
        }
        doc.reviews = reviews.clone();
        doc.validate().expect("the export with reviews is valid");
        // The crunch (40-55% through) carries more setbacks per review than
        // the last quarter.
        let start = d("2026-04-04");
        let setbacks_between = |a: f64, b: f64| {
            let rs: Vec<&WeeklyReview> = reviews
                .iter()
                .filter(|r| {
                    let t = (r.week_start - start).num_days() as f64 / 240.0;
                    t >= a && t < b
                })
                .collect();
            rs.iter().map(|r| r.setbacks.len()).sum::<usize>() as f64 / rs.len().max(1) as f64
        };
        assert!(setbacks_between(0.38, 0.56) > setbacks_between(0.75, 1.01));
        // Every crunch review names something hard.
        assert!(reviews
            .iter()
            .filter(|r| {
                let t = (r.week_start - start).num_days() as f64 / 240.0;
                (0.4..0.54).contains(&t)
            })
            .all(|r| !r.setbacks.is_empty()));
    }

    #[test]
    fn reflection_rules() {
        let r = Reflection::new(&["  Shipped at 80%  ".into(), "   ".into()], &[], Some(" "))
            .expect("valid");
        assert_eq!(r.breakthroughs, ["Shipped at 80%"]);
        assert_eq!(r.celebrate, None);
        let err = Reflection::new(&["".into()], &[" ".into()], Some("")).expect_err("empty");
        assert!(err.to_string().contains("reflection is empty"), "{err}");
        let many: Vec<String> = (0..21).map(|i| format!("line {i}")).collect();
        assert!(Reflection::new(&many, &[], None).is_err());
    }

    #[test]
    fn review_keeps_its_week_and_validates() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T19:00:00Z")
            .expect("instant")
            .with_timezone(&Utc);
        let figures =
            PeriodFigures::compute(&PeriodFacts::default(), d("2026-11-16"), d("2026-11-22"));
        let r = WeeklyReview::new(
            "r1".into(),
            now,
            d("2026-11-19"),
            figures,
            Reflection::new(&[], &[], Some("A whole Sunday off")).expect("valid"),
        );
        assert_eq!(r.week, "2026-W47");
        assert_eq!(r.week_start, d("2026-11-16"));
        r.validate().expect("valid");
        let mut bad = r.clone();
        bad.week = "2026-W40".into();
        assert!(bad.validate().is_err());
        let mut empty = r;
        empty.celebrate = None;
        assert!(empty.validate().is_err());
    }

    #[test]
    fn comparison_is_kind_and_quiet_weeks_are_fine() {
        let facts = PeriodFacts {
            checkins: vec![
                checkin("2026-11-02", 5),
                checkin("2026-11-09", 5),
                checkin("2026-11-16", 7),
                checkin("2026-11-17", 7),
                checkin("2026-11-18", 8),
            ],
            ..PeriodFacts::default()
        };
        let week = PeriodFigures::compute(&facts, d("2026-11-16"), d("2026-11-22"));
        let prev: Vec<PeriodFigures> = crate::figures::iso_weeks(d("2026-10-19"), d("2026-11-15"))
            .iter()
            .map(|w| PeriodFigures::compute(&facts, w.from, w.to))
            .collect();
        assert_eq!(prev.len(), 4);
        let whole = Coverage::of(d("2026-11-16"), d("2026-11-22"), d("2026-11-23"));
        let c = compare(&week, &prev, whole);
        let row = |m: Measure| c.rows.iter().find(|r| r.measure == m).expect("row");
        // Only two of the four earlier weeks have anything: mean of 1 and 1.
        assert_eq!(row(Measure::Checkins).recent, Some(1.0));
        assert_eq!(row(Measure::Checkins).this_week, Some(3.0));
        assert_eq!(
            row(Measure::Checkins).sentence.as_deref(),
            Some("More check-ins than your recent weeks.")
        );
        assert_eq!(row(Measure::MeanMood).recent, Some(5.0));
        assert!(row(Measure::OverrunRate).sentence.is_none());
        assert_eq!(
            c.summary,
            "2 figures moved the way you are working towards."
        );

        let quiet = PeriodFigures::compute(&facts, d("2026-11-23"), d("2026-11-29"));
        let c = compare(&quiet, &prev, whole);
        assert!(c.summary.starts_with("A quiet week"));
        assert!(c.rows.iter().all(|r| r.sentence.is_none()));
        assert!(!c.summary.to_lowercase().contains("fail"));
    }

    #[test]
    fn a_week_that_is_not_over_is_said_so_far_and_counts_wait() {
        let facts = PeriodFacts {
            checkins: vec![
                checkin("2026-10-26", 5),
                checkin("2026-10-27", 5),
                checkin("2026-11-02", 5),
                checkin("2026-11-03", 5),
                checkin("2026-11-09", 5),
                checkin("2026-11-10", 5),
                checkin("2026-11-11", 5),
                // Wednesday of this week: one check-in, a brighter mood.
                checkin("2026-11-18", 8),
            ],
            ..PeriodFacts::default()
        };
        let view = week_view(&facts, d("2026-11-18"), d("2026-11-18"));
        assert!(!view.coverage.complete);
        assert_eq!((view.coverage.days_so_far, view.coverage.days), (3, 7));
        let row = |m: Measure| view.rows.iter().find(|r| r.measure == m).expect("row");
        // One check-in by Wednesday against a mean of about two a week: not
        // "fewer than your recent weeks", the week is not over.
        assert_eq!(row(Measure::Checkins).this_week, Some(1.0));
        assert_eq!(row(Measure::Checkins).sentence, None);
        assert_eq!(
            row(Measure::MeanMood).sentence.as_deref(),
            Some("So far, your mood was brighter than in recent weeks.")
        );
        assert_eq!(
            view.summary,
            "This week so far (3 of 7 days): one figure is moving the way you are working towards. Counts are set beside your recent weeks once the week is over."
        );
        // The same week once it is over is compared as a whole.
        let later = week_view(&facts, d("2026-11-18"), d("2026-11-23"));
        assert!(later.coverage.complete);
        assert_eq!(
            row_sentence(&later, Measure::Checkins),
            Some("Fewer check-ins than your recent weeks; a quiet week is not a failure.")
        );
        assert!(!later.summary.contains("so far"));
    }

    fn row_sentence(view: &WeekComparison, m: Measure) -> Option<&str> {
        view.rows
            .iter()
            .find(|r| r.measure == m)
            .and_then(|r| r.sentence.as_deref())
    }
}
