//! "Today": the programme's place, its suggestions and what is due — the
//! one pure computation the CLI and the web share.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::assessment::AssessmentResult;
use crate::experiment::Experiment;
use crate::joy::{Block, Day};

use super::*;

/// What the programme suggests today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub exercise_id: String,
    pub title: String,
    pub feature: Feature,
    pub target: Option<String>,
    pub how: Option<String>,
    /// The command that does it.
    pub command: String,
}

/// The kind of a due item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DueKind {
    Checkin,
    Experiment,
    Assessment,
    Block,
    Review,
}

/// Something due today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DueItem {
    pub kind: DueKind,
    pub title: String,
    /// One kind sentence.
    pub detail: String,
    /// The record it is about (experiment, block) or the instrument.
    pub id: Option<String>,
    /// The command that does it.
    pub command: String,
}

/// "Today": the programme's place, its suggestions and what is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Today {
    pub date: NaiveDate,
    pub programme: Option<Standing>,
    pub suggestions: Vec<Suggestion>,
    pub due: Vec<DueItem>,
    /// A closing kind line.
    pub note: String,
}

/// What [`Today::compute`] reads.
pub struct TodayInput<'a> {
    pub date: NaiveDate,
    /// The running programme and its enrolment.
    pub programme: Option<(&'a Programme, &'a Enrolment)>,
    /// Whether tonight's check-in is done.
    pub checked_in: bool,
    /// Whether a weekly review is saved for the ISO week (Monday to Sunday)
    /// holding `date`: then the review is not listed as due again.
    pub review_done: bool,
    /// Experiments; only open ones planned for `date` or earlier matter, so
    /// this may hold just those.
    pub experiments: &'a [Experiment],
    pub blocks: &'a [Block],
    /// Results; only those in [`Today::assessment_windows`] matter.
    pub assessments: &'a [AssessmentResult],
}

impl Today {
    /// The assessment windows "today" checks on `date` for the running
    /// programme: (instrument, first day, last day) each. Only results of
    /// these instruments in these days can change the answer, so callers
    /// read just those (and [`TodayInput::assessments`] may hold only them).
    pub fn assessment_windows(
        programme: Option<(&Programme, &Enrolment)>,
        date: NaiveDate,
    ) -> Vec<(String, NaiveDate, NaiveDate)> {
        let Some((programme, enrolment)) = programme else {
            return Vec::new();
        };
        programme
            .assessment_windows(enrolment.started_on, date)
            .into_iter()
            .map(|(e, from, to)| (e.target.clone().unwrap_or_default(), from, to))
            .collect()
    }

    /// The one computation behind `goodenough today` and `/today`.
    pub fn compute(input: &TodayInput<'_>) -> Today {
        let date = input.date;
        let weekday = Day::from_weekday(date.weekday());
        let mut due = Vec::new();
        if !input.checked_in {
            due.push(DueItem {
                kind: DueKind::Checkin,
                title: "Tonight's check-in".into(),
                detail:
                    "Mood, energy and three things you appreciate about yourself; about a minute."
                        .into(),
                id: None,
                command: Feature::Checkin.command(None),
            });
        }
        for e in input.experiments.iter().filter(|e| e.result.is_none()) {
            let Some(d) = e.due else { continue };
            if d > date {
                continue;
            }
            let detail = if d == date {
                "Planned for today. However it goes, what you notice is the point.".to_string()
            } else {
                format!("Planned for {d}; still open. Doing it later counts just as much, or let it go and plan a new one.")
            };
            due.push(DueItem {
                kind: DueKind::Experiment,
                title: format!("Experiment: {}", e.belief),
                detail,
                id: Some(e.id.clone()),
                command: format!("goodenough experiment record {}", e.id),
            });
        }
        for b in input
            .blocks
            .iter()
            .filter(|b| b.active && b.weekday == weekday)
        {
            due.push(DueItem {
                kind: DueKind::Block,
                title: format!("Personal time: {}", b.title),
                detail: format!("{}-{}, yours and not negotiable.", b.start, b.end),
                id: Some(b.id.clone()),
                command: format!("goodenough block kept {}", b.id),
            });
        }
        let mut suggestions = Vec::new();
        let mut standing = None;
        if let Some((programme, enrolment)) = input.programme {
            let start = enrolment.started_on;
            for (e, from, to) in programme.assessment_windows(start, date) {
                let target = e.target.clone().unwrap_or_default();
                let taken = input
                    .assessments
                    .iter()
                    .any(|a| a.instrument == target && a.date >= from && a.date <= to);
                if !taken {
                    due.push(DueItem {
                        kind: DueKind::Assessment,
                        title: e.title.clone(),
                        detail: if from == to {
                            "Due today; a few minutes of honest answers, no right ones.".into()
                        } else {
                            format!("Due this week (by {to}); a few minutes of honest answers, no right ones.")
                        },
                        id: Some(target.clone()),
                        command: Feature::Assessment.command(Some(&target)),
                    });
                }
            }
            if programme.review_due(start, date) && !input.review_done {
                let maintenance = matches!(
                    programme.position(start, date),
                    Position::Maintenance { .. }
                );
                due.push(DueItem {
                    kind: DueKind::Review,
                    title: if maintenance {
                        "Monthly check-up review".into()
                    } else {
                        "Weekly review".into()
                    },
                    detail: "Look back at the week: what went well, what was hard, one thing to celebrate.".into(),
                    id: None,
                    command: Feature::Review.command(None),
                });
            }
            for e in programme.due_on(start, date) {
                if matches!(
                    e.feature,
                    Feature::Checkin | Feature::Assessment | Feature::Review
                ) {
                    continue;
                }
                suggestions.push(Suggestion {
                    exercise_id: e.id.clone(),
                    title: e.title.clone(),
                    feature: e.feature,
                    target: e.target.clone(),
                    how: e.how.clone(),
                    command: e.feature.command(e.target.as_deref()),
                });
            }
            standing = Some(Standing::compute(programme, enrolment, date));
        }
        let note = match (&standing, due.is_empty() && suggestions.is_empty()) {
            (None, true) => "Nothing is due today. Rest counts. If you would like a path to follow, `goodenough programme list` shows the programmes.".into(),
            (None, false) => "That is all for today; doing part of it is still doing something. If you would like a path to follow, `goodenough programme list` shows the programmes.".into(),
            (Some(_), true) => "Nothing is due today. Rest counts too.".into(),
            (Some(_), false) => "A suggestion, not a test: do what fits today, and a missed day is just a day.".into(),
        };
        Today {
            date,
            programme: standing,
            suggestions,
            due,
            note,
        }
    }
}
