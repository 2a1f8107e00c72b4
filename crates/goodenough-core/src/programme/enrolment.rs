//! A person's enrolment in a programme and where they stand in it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ValidationError;

use super::parse::is_slug;
use super::*;

/// A person's enrolment in a programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolment {
    pub id: String,
    pub programme_id: String,
    /// Week 1 starts on this day.
    pub started_on: NaiveDate,
    /// Set when stopped (or replaced by another programme).
    #[serde(default)]
    pub stopped_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

impl Enrolment {
    /// Whether it is still running.
    pub fn is_running(&self) -> bool {
        self.stopped_on.is_none()
    }

    /// Checks the fields.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if !is_slug(&self.programme_id) {
            return Err(ValidationError::Other(
                "the programme id uses only letters, digits, '-' and '_'.".into(),
            ));
        }
        if let Some(s) = self.stopped_on {
            if s < self.started_on {
                return Err(ValidationError::Other(format!(
                    "it stops on {s}, before it starts on {}.",
                    self.started_on
                )));
            }
        }
        Ok(())
    }
}

/// Where a person stands in their programme on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Standing {
    pub programme_id: String,
    pub title: String,
    pub started_on: NaiveDate,
    /// Last day of the last week.
    pub ends_on: NaiveDate,
    pub weeks: u32,
    /// Week of the programme (None before the start and in maintenance).
    pub week: Option<u32>,
    /// Week of maintenance after the end.
    pub maintenance_week: Option<u32>,
    pub phase: Option<String>,
    pub focus: Vec<Pillar>,
    pub goals: Vec<String>,
    pub next_milestone: Option<DatedMilestone>,
    /// One kind sentence.
    pub sentence: String,
}

impl Standing {
    /// Where `enrolment` stands on `date`.
    pub fn compute(programme: &Programme, enrolment: &Enrolment, date: NaiveDate) -> Standing {
        let start = enrolment.started_on;
        let pos = programme.position(start, date);
        let (week, maintenance_week) = match pos {
            Position::Before { .. } => (None, None),
            Position::Week { week, .. } => (Some(week), None),
            Position::Maintenance { week, .. } => (None, Some(week)),
        };
        let phase = week.and_then(|w| programme.phase_of(w));
        let sentence = match (pos, phase) {
            (Position::Before { starts_on }, _) => format!(
                "{} starts on {starts_on}; nothing is asked of you before then.",
                programme.title
            ),
            (Position::Week { week, .. }, Some(ph)) => format!(
                "Week {week} of {} in {}: {}.",
                programme.weeks, programme.title, ph.name
            ),
            (Position::Week { week, .. }, None) => {
                format!("Week {week} of {} in {}.", programme.weeks, programme.title)
            }
            (Position::Maintenance { .. }, _) => format!(
                "You finished the {} weeks of {}; now it is the maintenance rhythm, which keeps what you gained.",
                programme.weeks, programme.title
            ),
        };
        Standing {
            programme_id: programme.id.clone(),
            title: programme.title.clone(),
            started_on: start,
            ends_on: programme.end_date(start),
            weeks: programme.weeks,
            week,
            maintenance_week,
            phase: phase.map(|p| p.name.clone()),
            focus: phase.map(|p| p.focus.clone()).unwrap_or_default(),
            goals: phase.map(|p| p.goals.clone()).unwrap_or_default(),
            next_milestone: week.and_then(|_| programme.next_milestone(start, date)),
            sentence,
        }
    }
}

/// The running enrolment and where it stands (both `None` when nothing
/// runs): what `programme status --json` and `GET /api/v1/enrolment` return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolmentStatus {
    pub enrolment: Option<Enrolment>,
    pub standing: Option<Standing>,
}

impl EnrolmentStatus {
    /// The status in one line, as a coach's roster shows it: "Title: week
    /// 3 of 12", "Title: maintenance, week 2", "Title: starts DATE" or "no
    /// programme running".
    pub fn one_line(&self) -> String {
        match &self.standing {
            Some(s) => match (s.week, s.maintenance_week) {
                (Some(w), _) => format!("{}: week {w} of {}", s.title, s.weeks),
                (None, Some(m)) => format!("{}: maintenance, week {m}", s.title),
                _ => format!("{}: starts {}", s.title, s.started_on),
            },
            None => "no programme running".to_string(),
        }
    }

    /// The status on `date`; a running enrolment whose programme is not
    /// among `programmes` (a removed or broken file) has no standing.
    pub fn compute(
        enrolment: Option<Enrolment>,
        programmes: &[Programme],
        date: NaiveDate,
    ) -> EnrolmentStatus {
        let standing = enrolment.as_ref().and_then(|e| {
            programmes
                .iter()
                .find(|p| p.id == e.programme_id)
                .map(|p| Standing::compute(p, e, date))
        });
        EnrolmentStatus {
            enrolment,
            standing,
        }
    }
}
