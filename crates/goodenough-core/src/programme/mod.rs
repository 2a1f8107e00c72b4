//! Programmes as data: a journey of some weeks written in TOML (phases with
//! their focus pillars and goals, exercises with a cadence that point at the
//! product's features, milestones, a review rhythm and a maintenance rhythm
//! after the end), the enrolment of a person in one, the schedule (which week,
//! which phase, what is due on a date) and "today": the one pure computation
//! the CLI and the web share. The format is documented in
//! `docs/programme-format.md`.
//!
//! Parsing keeps TOML spans so every problem names the file, the line and the
//! field, for example `perfectionism.toml line 42, exercises[3].cadence: …`.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

mod cadence;
mod enrolment;
mod parse;
mod today;

pub use cadence::{Cadence, Position};
pub use enrolment::*;
pub use parse::{load_all, load_all_with, Targets};
pub use today::*;

/// Shipped programmes: (file name, TOML).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "perfectionism.toml",
        include_str!("../../../../content/programmes/perfectionism.toml"),
    ),
    (
        "impostor.toml",
        include_str!("../../../../content/programmes/impostor.toml"),
    ),
];

/// The id of the shipped perfectionism programme.
pub const PERFECTIONISM: &str = "perfectionism";

/// One of the five pillars a phase can focus on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Pillar {
    Awareness,
    SelfCompassion,
    Boundaries,
    Failure,
    Joy,
}

impl Pillar {
    /// Every pillar, in the order of the journey.
    pub const ALL: [Pillar; 5] = [
        Pillar::Awareness,
        Pillar::SelfCompassion,
        Pillar::Boundaries,
        Pillar::Failure,
        Pillar::Joy,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Pillar::Awareness => "awareness",
            Pillar::SelfCompassion => "self-compassion",
            Pillar::Boundaries => "boundaries",
            Pillar::Failure => "failure",
            Pillar::Joy => "joy",
        }
    }

    fn parse(s: &str) -> Option<Pillar> {
        Pillar::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }
}

/// The product feature an exercise points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    Checkin,
    Reframe,
    Timebox,
    Experiment,
    Ladder,
    Practice,
    Block,
    Assessment,
    Review,
    Evidence,
}

impl Feature {
    /// Every feature.
    pub const ALL: [Feature; 10] = [
        Feature::Checkin,
        Feature::Reframe,
        Feature::Timebox,
        Feature::Experiment,
        Feature::Ladder,
        Feature::Practice,
        Feature::Block,
        Feature::Assessment,
        Feature::Review,
        Feature::Evidence,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Checkin => "checkin",
            Feature::Reframe => "reframe",
            Feature::Timebox => "timebox",
            Feature::Experiment => "experiment",
            Feature::Ladder => "ladder",
            Feature::Practice => "practice",
            Feature::Block => "block",
            Feature::Assessment => "assessment",
            Feature::Review => "review",
            Feature::Evidence => "evidence",
        }
    }

    fn parse(s: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.as_str() == s.trim())
    }

    /// The CLI command that does this, for hints.
    pub fn command(self, target: Option<&str>) -> String {
        let t = target.unwrap_or("");
        match self {
            Feature::Checkin => "goodenough checkin".into(),
            Feature::Reframe => "goodenough reframe".into(),
            Feature::Timebox => "goodenough timebox start".into(),
            Feature::Experiment => "goodenough experiment plan".into(),
            Feature::Ladder => "goodenough ladder".into(),
            Feature::Practice if t.is_empty() => "goodenough practice list".into(),
            Feature::Practice => format!("goodenough practice run {t}"),
            Feature::Block => "goodenough blocks".into(),
            Feature::Assessment if t.is_empty() => "goodenough assess list".into(),
            Feature::Assessment => format!("goodenough assess take {t}"),
            Feature::Review => "goodenough review week".into(),
            Feature::Evidence => "goodenough evidence add".into(),
        }
    }
}

/// A stretch of weeks with a focus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Phase {
    pub name: String,
    /// First week (1-based).
    pub first: u32,
    /// Last week (inclusive).
    pub last: u32,
    pub focus: Vec<Pillar>,
    pub goals: Vec<String>,
}

/// Something the programme asks for, with its rhythm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Exercise {
    pub id: String,
    pub title: String,
    pub feature: Feature,
    /// What the feature works on: an instrument id, a practice id …
    pub target: Option<String>,
    pub cadence: Cadence,
    /// Only in these weeks (first, last), when given.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<u32>>))]
    pub weeks: Option<(u32, u32)>,
    /// A short, kind line on how to do it.
    pub how: Option<String>,
}

impl Exercise {
    fn in_range(&self, week: u32) -> bool {
        self.weeks.is_none_or(|(a, b)| week >= a && week <= b)
    }
}

/// A point worth marking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Milestone {
    pub week: u32,
    pub title: String,
    /// What reaching it marks.
    pub marks: String,
}

/// A milestone with the date it falls on (the last day of its week).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DatedMilestone {
    pub week: u32,
    pub title: String,
    pub marks: String,
    pub date: NaiveDate,
}

/// Early warning signs and what to do about them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelapsePlan {
    pub warning_signs: Vec<String>,
    pub what_to_do: Vec<String>,
}

/// What happens after the last week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Maintenance {
    pub summary: String,
    /// The check-up review; weeks count from the first week after the end.
    pub checkup: Cadence,
    /// Exercises that carry on (weeks count from the end, too).
    pub exercises: Vec<Exercise>,
    pub relapse_prevention: RelapsePlan,
}

/// A validated programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Programme {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Length in weeks.
    pub weeks: u32,
    pub phases: Vec<Phase>,
    pub exercises: Vec<Exercise>,
    pub milestones: Vec<Milestone>,
    /// When the review comes round.
    pub review: Cadence,
    pub maintenance: Option<Maintenance>,
    /// Where it came from: "shipped" or the file in the data directory.
    pub source: String,
}

/// One problem in a programme file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}{}, {field}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
pub struct ProgrammeError {
    pub file: String,
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
}

/// Every problem found in one file (at least one).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct ProgrammeErrors(pub Vec<ProgrammeError>);

impl fmt::Display for ProgrammeErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

#[cfg(test)]
mod tests;
