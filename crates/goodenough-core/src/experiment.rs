//! Exposure ladder and behavioural experiments.
//!
//! A ladder is a list of actions ("rungs"), each rated by how distressing it
//! feels (0-100); it is climbed from the least distressing up. A behavioural
//! experiment tests a belief: before, the person writes the feared prediction
//! and how likely it feels; after, what actually happened. Whether the feared
//! outcome came true is information for calibration, never a failure.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calibration::Forecast;
use crate::error::{check_range, ValidationError};
use crate::text;

/// Gaps larger than this (in distress points) between neighbouring rungs
/// get an "add an intermediate step" hint.
pub const GAP_POINTS: u8 = 20;

/// One step of the exposure ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rung {
    pub id: String,
    pub created_at: DateTime<Utc>,
    /// What the person will do.
    pub action: String,
    /// How distressing it feels, 0-100.
    pub distress: u8,
    /// The day it was climbed (an experiment on it was recorded, or it was
    /// marked done by hand).
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
}

impl Rung {
    /// Builds a validated rung.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        action: &str,
        distress: i64,
    ) -> Result<Rung, ValidationError> {
        check_range("distress", distress, 0, 100)?;
        Ok(Rung {
            id,
            created_at,
            action: text::required("action", action)?,
            distress: distress as u8,
            done_on: None,
        })
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("action", &self.action)?;
        check_range("distress", i64::from(self.distress), 0, 100)
    }
}

/// A large step between two neighbouring rungs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Gap {
    /// The easier rung's id.
    pub from: String,
    /// The harder rung's id.
    pub to: String,
    pub from_distress: u8,
    pub to_distress: u8,
    /// Distress points between them.
    pub points: u8,
    /// The plain suggestion for the person, in one sentence.
    pub hint: String,
}

impl Gap {
    /// A plain suggestion for the person.
    pub fn hint(&self) -> &str {
        &self.hint
    }
}

fn gap_hint(points: u8, from: u8, to: u8) -> String {
    format!(
        "There is a jump of {points} points between {from} and {to}; a step at about {} could make the climb gentler.",
        (u16::from(from) + u16::from(to)) / 2
    )
}

/// Orders rungs from least to most distressing (ties: oldest first).
pub fn sort_ladder(rungs: &mut [Rung]) {
    rungs.sort_by(|a, b| {
        a.distress
            .cmp(&b.distress)
            .then(a.created_at.cmp(&b.created_at))
            .then(a.id.cmp(&b.id))
    });
}

/// Gaps of more than [`GAP_POINTS`] between neighbouring rungs of a ladder
/// already in order (see [`sort_ladder`]).
pub fn ladder_gaps(sorted: &[Rung]) -> Vec<Gap> {
    sorted
        .windows(2)
        .filter_map(|w| {
            let points = w[1].distress.saturating_sub(w[0].distress);
            (points > GAP_POINTS).then(|| Gap {
                from: w[0].id.clone(),
                to: w[1].id.clone(),
                from_distress: w[0].distress,
                to_distress: w[1].distress,
                points,
                hint: gap_hint(points, w[0].distress, w[1].distress),
            })
        })
        .collect()
}

/// A ladder as shown: rungs from least to most distressing, and the large
/// steps between neighbours. As JSON, each is a list of its own: `ladder
/// --json` and `GET /api/v1/ladder` give the rungs, `ladder gaps --json` and
/// `GET /api/v1/ladder/gaps` the gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ladder {
    pub rungs: Vec<Rung>,
    pub gaps: Vec<Gap>,
}

impl Ladder {
    /// Orders the rungs and finds the gaps.
    pub fn new(mut rungs: Vec<Rung>) -> Ladder {
        sort_ladder(&mut rungs);
        let gaps = ladder_gaps(&rungs);
        Ladder { rungs, gaps }
    }

    /// How many rungs are climbed.
    pub fn done(&self) -> usize {
        self.rungs.iter().filter(|r| r.done_on.is_some()).count()
    }
}

/// Whether the feared outcome happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Happened {
    Yes,
    Partly,
    No,
}

impl Happened {
    /// 1 happened, 0.5 partly, 0 did not.
    pub fn outcome(self) -> f64 {
        match self {
            Happened::Yes => 1.0,
            Happened::Partly => 0.5,
            Happened::No => 0.0,
        }
    }

    /// The lowercase name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Happened::Yes => "yes",
            Happened::Partly => "partly",
            Happened::No => "no",
        }
    }
}

impl fmt::Display for Happened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Happened {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "yes" => Ok(Happened::Yes),
            "partly" => Ok(Happened::Partly),
            "no" => Ok(Happened::No),
            other => Err(ValidationError::Other(format!(
                "\"{other}\" is not an answer to whether it happened; use yes, partly or no."
            ))),
        }
    }
}

/// A behavioural experiment: planned first, recorded afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Experiment {
    pub id: String,
    pub created_at: DateTime<Utc>,
    /// The day it was planned.
    pub date: NaiveDate,
    /// The belief being tested.
    pub belief: String,
    /// What the person fears will happen.
    pub prediction: String,
    /// How likely the feared outcome feels, 0-100.
    pub likelihood: u8,
    /// Anxiety before, 0-100.
    pub anxiety: u8,
    #[serde(default)]
    pub rung_id: Option<String>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// Filled in when the experiment is recorded.
    #[serde(default)]
    pub result: Option<ExperimentResult>,
}

/// What happened, recorded after the experiment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExperimentResult {
    pub recorded_at: DateTime<Utc>,
    /// The day it was done (calibration groups by this date).
    pub date: NaiveDate,
    pub happened: Happened,
    /// What actually happened.
    pub actual: String,
    /// Anxiety afterwards, 0-100.
    pub anxiety_after: u8,
    /// What it taught.
    pub learned: String,
    /// How strongly the belief is held now, 0-100.
    #[serde(default)]
    pub belief_after: Option<u8>,
}

/// The "before" half, as typed.
#[derive(Debug, Clone, Default)]
pub struct PlanInput<'a> {
    pub belief: &'a str,
    pub prediction: &'a str,
    pub likelihood: i64,
    pub anxiety: i64,
    pub rung_id: Option<String>,
    pub due: Option<NaiveDate>,
}

/// The "after" half, as typed.
#[derive(Debug, Clone)]
pub struct RecordInput<'a> {
    pub happened: &'a str,
    pub actual: &'a str,
    pub anxiety_after: i64,
    pub learned: &'a str,
    pub belief_after: Option<i64>,
    pub date: NaiveDate,
}

impl Experiment {
    /// Builds a validated plan.
    pub fn plan(
        id: String,
        created_at: DateTime<Utc>,
        date: NaiveDate,
        input: PlanInput<'_>,
    ) -> Result<Experiment, ValidationError> {
        check_range("likelihood", input.likelihood, 0, 100)?;
        check_range("anxiety", input.anxiety, 0, 100)?;
        crate::clock::check_date(date)?;
        if let Some(due) = input.due {
            crate::clock::check_date(due)?;
        }
        Ok(Experiment {
            id,
            created_at,
            date,
            belief: text::required("belief", input.belief)?,
            prediction: text::required("prediction", input.prediction)?,
            likelihood: input.likelihood as u8,
            anxiety: input.anxiety as u8,
            rung_id: input.rung_id,
            due: input.due,
            result: None,
        })
    }

    /// Whether the "after" half is filled in.
    pub fn is_recorded(&self) -> bool {
        self.result.is_some()
    }

    /// The forecast this experiment gives calibration, once recorded.
    pub fn forecast(&self) -> Option<(NaiveDate, Forecast)> {
        self.result.as_ref().map(|r| {
            (
                r.date,
                Forecast {
                    likelihood: self.likelihood,
                    outcome: r.happened.outcome(),
                },
            )
        })
    }

    /// The texts to run the crisis-language check on.
    pub fn texts(&self) -> Vec<&str> {
        let mut t = vec![self.belief.as_str(), self.prediction.as_str()];
        if let Some(r) = &self.result {
            t.push(&r.actual);
            t.push(&r.learned);
        }
        t
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("belief", &self.belief)?;
        text::required("prediction", &self.prediction)?;
        check_range("likelihood", i64::from(self.likelihood), 0, 100)?;
        check_range("anxiety", i64::from(self.anxiety), 0, 100)?;
        if let Some(r) = &self.result {
            r.validate()?;
        }
        Ok(())
    }
}

impl ExperimentResult {
    /// Builds a validated result.
    pub fn new(
        recorded_at: DateTime<Utc>,
        input: RecordInput<'_>,
    ) -> Result<ExperimentResult, ValidationError> {
        let happened: Happened = input.happened.parse()?;
        check_range("anxiety after", input.anxiety_after, 0, 100)?;
        if let Some(b) = input.belief_after {
            check_range("belief after", b, 0, 100)?;
        }
        Ok(ExperimentResult {
            recorded_at,
            date: input.date,
            happened,
            actual: text::required("actual", input.actual)?,
            anxiety_after: input.anxiety_after as u8,
            learned: text::required("learned", input.learned)?,
            belief_after: input.belief_after.map(|b| b as u8),
        })
    }

    /// Checks every rule.
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("actual", &self.actual)?;
        text::required("learned", &self.learned)?;
        check_range("anxiety after", i64::from(self.anxiety_after), 0, 100)?;
        if let Some(b) = self.belief_after {
            check_range("belief after", i64::from(b), 0, 100)?;
        }
        Ok(())
    }
}

/// Checks an id or id prefix typed by the person: at least 4 characters of
/// a UUID (hex digits and dashes).
pub fn check_id_prefix(kind: &'static str, value: &str) -> Result<String, ValidationError> {
    let v = value.trim().to_lowercase();
    if v.len() < 4 || v.len() > 64 || !v.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(ValidationError::Other(format!(
            "\"{value}\" is not a {kind} id; give the full id or at least its first 4 characters, as shown in the list."
        )));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn rung(id: &str, distress: u8, secs: i64) -> Rung {
        Rung {
            id: id.into(),
            created_at: Utc.timestamp_opt(secs, 0).single().expect("time"),
            action: format!("action {id}"),
            distress,
            done_on: None,
        }
    }

    #[test]
    fn ladder_sorts_and_finds_gaps_over_twenty() {
        let mut l = vec![
            rung("c", 70, 1),
            rung("a", 10, 2),
            rung("b", 30, 3),
            rung("d", 95, 4),
            rung("b2", 30, 0),
        ];
        sort_ladder(&mut l);
        let order: Vec<&str> = l.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(order, ["a", "b2", "b", "c", "d"]);
        let gaps = ladder_gaps(&l);
        // 10→30 is exactly 20: no gap; 30→70 is 40; 70→95 is 25.
        assert_eq!(gaps.len(), 2);
        assert_eq!((gaps[0].from.as_str(), gaps[0].to.as_str()), ("b", "c"));
        assert_eq!(gaps[0].points, 40);
        assert!(gaps[0].hint().contains("about 50"));
        assert_eq!(gaps[1].points, 25);
        assert!(ladder_gaps(&l[..1]).is_empty());
        assert!(ladder_gaps(&[]).is_empty());
    }

    #[test]
    fn plan_and_record_validate_ranges_and_answers() {
        let at = Utc.timestamp_opt(0, 0).single().expect("time");
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let input = |likelihood| PlanInput {
            belief: "If I ship a draft they will think less of me",
            prediction: "Someone says it is sloppy",
            likelihood,
            anxiety: 60,
            ..PlanInput::default()
        };
        let e = Experiment::plan("x".into(), at, day, input(150));
        assert!(matches!(
            e,
            Err(ValidationError::OutOfRange {
                field: "likelihood",
                value: 150,
                ..
            })
        ));
        let mut e = Experiment::plan("x".into(), at, day, input(80)).expect("valid");
        assert!(e.forecast().is_none());
        let rec = |happened, anxiety_after| {
            ExperimentResult::new(
                at,
                RecordInput {
                    happened,
                    actual: "One question, no criticism",
                    anxiety_after,
                    learned: "Drafts invite help",
                    belief_after: Some(30),
                    date: day,
                },
            )
        };
        assert!(rec("maybe", 20).is_err());
        assert!(rec("no", 101).is_err());
        e.result = Some(rec("Partly", 20).expect("valid"));
        let (d, f) = e.forecast().expect("recorded");
        assert_eq!((d, f.likelihood, f.outcome), (day, 80, 0.5));
        assert!(e.validate().is_ok());
    }

    #[test]
    fn id_prefixes() {
        assert!(check_id_prefix("experiment", "abc").is_err());
        assert!(check_id_prefix("experiment", "zzzz").is_err());
        assert_eq!(
            check_id_prefix("experiment", " 0190ABCD ").ok().as_deref(),
            Some("0190abcd")
        );
    }
}
