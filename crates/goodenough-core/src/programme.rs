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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use toml::Spanned;

use crate::assessment::AssessmentResult;
use crate::experiment::Experiment;
use crate::joy::{Block, Day};
use crate::ValidationError;

/// Shipped programmes: (file name, TOML).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "perfectionism.toml",
        include_str!("../../../content/programmes/perfectionism.toml"),
    ),
    (
        "impostor.toml",
        include_str!("../../../content/programmes/impostor.toml"),
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

/// When an exercise comes round. Weeks are weeks of the programme (week 1 =
/// the first seven days from the start date); days are weekdays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Cadence {
    /// Every day.
    Daily,
    /// Every week on one weekday.
    Weekly { day: Day },
    /// Once, in one week (on its first day unless a weekday is given).
    Once { week: u32, day: Option<Day> },
    /// Every N weeks from a week (on that week's first day unless a weekday
    /// is given).
    Every {
        weeks: u32,
        from: u32,
        day: Option<Day>,
    },
}

impl Cadence {
    /// Reads `daily`, `weekly on sat`, `once in week 3 [on mon]`,
    /// `every 4 weeks [from week 2] [on sun]`.
    pub fn parse(raw: &str) -> Result<Cadence, String> {
        let lower = raw.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let number = |w: Option<&&str>, what: &str| -> Result<u32, String> {
            let w = w.ok_or_else(|| format!("\"{raw}\" is missing {what}"))?;
            w.parse::<u32>()
                .map_err(|_| format!("\"{w}\" in \"{raw}\" is not a whole number of weeks"))
        };
        let day = |w: Option<&&str>| -> Result<Day, String> {
            let w = w.ok_or_else(|| format!("\"{raw}\" ends after `on`; name a weekday"))?;
            Day::parse(w).map_err(|e| e.to_string())
        };
        // An optional `on DAY` at position i; anything else there is an error.
        let tail_day = |i: usize| -> Result<Option<Day>, String> {
            match words.get(i) {
                None => Ok(None),
                Some(&"on") if words.len() == i + 2 => day(words.get(i + 1)).map(Some),
                Some(_) => Err(format!(
                    "cannot read \"{raw}\"; write daily, weekly on DAY, once in week N or every N weeks (optionally `from week N` and `on DAY`)"
                )),
            }
        };
        let cadence = match words.as_slice() {
            ["daily"] => Cadence::Daily,
            ["weekly", "on", d] => Cadence::Weekly {
                day: day(Some(d))?,
            },
            ["weekly"] => {
                return Err(format!(
                    "\"{raw}\" needs a weekday: write weekly on mon (or tue, … sun)"
                ))
            }
            ["once", "in", "week", ..] => {
                let week = number(words.get(3), "a week number")?;
                if week == 0 {
                    return Err("weeks count from 1, so week 0 never comes; use once in week 1 for the first week".into());
                }
                Cadence::Once {
                    week,
                    day: tail_day(4)?,
                }
            }
            ["every", _, unit, ..] if unit.starts_with("week") => {
                let weeks = number(words.get(1), "a number of weeks")?;
                if weeks == 0 {
                    return Err("every 0 weeks never comes round; use every 1 weeks or more".into());
                }
                let (from, rest) = if words.get(3) == Some(&"from") {
                    if words.get(4) != Some(&"week") {
                        return Err(format!("\"{raw}\": write `from week N`"));
                    }
                    let from = number(words.get(5), "the first week")?;
                    if from == 0 {
                        return Err(
                            "weeks count from 1, so `from week 0` never comes; use from week 1"
                                .into(),
                        );
                    }
                    (from, 6)
                } else {
                    (1, 3)
                };
                Cadence::Every {
                    weeks,
                    from,
                    day: tail_day(rest)?,
                }
            }
            _ => {
                return Err(format!(
                    "cannot read \"{raw}\"; write daily, weekly on DAY, once in week N or every N weeks (optionally `from week N` and `on DAY`)"
                ))
            }
        };
        Ok(cadence)
    }

    /// The latest week this cadence names (to check it against the length).
    fn named_week(&self) -> Option<u32> {
        match self {
            Cadence::Once { week, .. } => Some(*week),
            Cadence::Every { from, .. } => Some(*from),
            _ => None,
        }
    }

    /// Whether the cadence comes round in `week` (1-based) on a day with
    /// index `day_index` (0 = the week's first day) and weekday `weekday`.
    pub fn hits(&self, week: u32, day_index: u32, weekday: Day) -> bool {
        let on = |d: &Option<Day>| match d {
            Some(d) => *d == weekday,
            None => day_index == 0,
        };
        match self {
            Cadence::Daily => true,
            Cadence::Weekly { day } => *day == weekday,
            Cadence::Once { week: w, day } => week == *w && on(day),
            Cadence::Every { weeks, from, day } => {
                *weeks > 0 && week >= *from && (week - from).is_multiple_of(*weeks) && on(day)
            }
        }
    }

    /// Whether `week` is one the cadence comes round in (any day).
    fn hits_week(&self, week: u32) -> bool {
        match self {
            Cadence::Daily | Cadence::Weekly { .. } => true,
            Cadence::Once { week: w, .. } => week == *w,
            Cadence::Every { weeks, from, .. } => {
                *weeks > 0 && week >= *from && (week - from).is_multiple_of(*weeks)
            }
        }
    }

    /// In words, for people.
    pub fn describe(&self) -> String {
        let on = |d: &Option<Day>| {
            d.map(|d| format!(" on {}", d.full_name()))
                .unwrap_or_default()
        };
        match self {
            Cadence::Daily => "every day".into(),
            Cadence::Weekly { day } => format!("every {}", day.full_name()),
            Cadence::Once { week, day } => format!("once, in week {week}{}", on(day)),
            Cadence::Every {
                weeks: 1,
                from,
                day,
            } if *from <= 1 => {
                format!("every week{}", on(day))
            }
            Cadence::Every { weeks, from, day } if *from <= 1 => {
                format!("every {weeks} weeks{}", on(day))
            }
            Cadence::Every { weeks, from, day } => {
                format!("every {weeks} weeks from week {from}{}", on(day))
            }
        }
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    name: Spanned<String>,
    weeks: Spanned<Vec<i64>>,
    #[serde(default)]
    focus: Vec<Spanned<String>>,
    #[serde(default)]
    goals: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    id: Spanned<String>,
    title: Spanned<String>,
    feature: Spanned<String>,
    #[serde(default)]
    target: Option<Spanned<String>>,
    cadence: Spanned<String>,
    #[serde(default)]
    weeks: Option<Spanned<Vec<i64>>>,
    #[serde(default)]
    how: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    week: Spanned<i64>,
    title: Spanned<String>,
    #[serde(default)]
    marks: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    cadence: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMaintenance {
    #[serde(default)]
    summary: String,
    checkup: Spanned<String>,
    #[serde(default)]
    exercises: Vec<RawExercise>,
    #[serde(default)]
    relapse_prevention: RelapsePlan,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramme {
    id: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    summary: String,
    weeks: Spanned<i64>,
    #[serde(default)]
    phases: Vec<RawPhase>,
    #[serde(default)]
    exercises: Vec<RawExercise>,
    #[serde(default)]
    milestones: Vec<RawMilestone>,
    review: Option<RawReview>,
    maintenance: Option<RawMaintenance>,
}

struct Problems<'a> {
    file: &'a str,
    src: &'a str,
    list: Vec<ProgrammeError>,
    known: Option<&'a Targets>,
}

/// The questionnaire and practice ids exercises may target. Without it
/// ([`Programme::parse`]), targets are not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    pub instruments: Vec<String>,
    pub practices: Vec<String>,
}

impl Targets {
    /// The shipped questionnaires and practices.
    pub fn shipped() -> Targets {
        Targets {
            instruments: crate::assessment::load_all(&[])
                .map(|all| all.into_iter().map(|i| i.id).collect())
                .unwrap_or_default(),
            practices: crate::awareness::practice_catalog(&[])
                .map(|all| all.into_iter().map(|p| p.id).collect())
                .unwrap_or_default(),
        }
    }
}

impl Problems<'_> {
    fn line(&self, start: usize) -> usize {
        self.src
            .get(..start)
            .map(|s| s.matches('\n').count() + 1)
            .unwrap_or(1)
    }

    fn at<T>(
        &mut self,
        spanned: &Spanned<T>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        let line = Some(self.line(spanned.span().start));
        self.list.push(ProgrammeError {
            file: self.file.to_string(),
            line,
            field: field.into(),
            message: message.into(),
        });
    }

    fn whole(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.list.push(ProgrammeError {
            file: self.file.to_string(),
            line: None,
            field: field.into(),
            message: message.into(),
        });
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A `[first, last]` week range.
fn week_range(
    p: &mut Problems<'_>,
    raw: &Spanned<Vec<i64>>,
    field: &str,
    weeks: Option<u32>,
) -> Option<(u32, u32)> {
    let v = raw.get_ref();
    let [a, b] = v.as_slice() else {
        p.at(
            raw,
            field,
            "write a week range as [first, last], for example [1, 6]",
        );
        return None;
    };
    if *a < 1 || b < a {
        p.at(
            raw,
            field,
            format!("[{a}, {b}] is not a week range; weeks count from 1 and the last is not before the first"),
        );
        return None;
    }
    let (a, b) = (u32::try_from(*a).ok()?, u32::try_from(*b).ok()?);
    if let Some(n) = weeks {
        if b > n {
            p.at(
                raw,
                field,
                format!("week {b} is past the end of the programme (it has {n} weeks); end the range by week {n} or make `weeks` longer"),
            );
            return None;
        }
    }
    Some((a, b))
}

fn exercise(
    p: &mut Problems<'_>,
    raw: &RawExercise,
    field: &str,
    weeks: Option<u32>,
    ids: &mut BTreeSet<String>,
) -> Option<Exercise> {
    let mut ok = true;
    let id = raw.id.get_ref().trim().to_string();
    if !is_slug(&id) {
        p.at(
            &raw.id,
            format!("{field}.id"),
            "an exercise id uses only letters, digits, '-' and '_' (at most 64)",
        );
        ok = false;
    } else if !ids.insert(id.clone()) {
        p.at(
            &raw.id,
            format!("{field}.id"),
            format!("the exercise id \"{id}\" is used twice; give each exercise its own id"),
        );
        ok = false;
    }
    if raw.title.get_ref().trim().is_empty() {
        p.at(
            &raw.title,
            format!("{field}.title"),
            "the title is empty; name the exercise in a few words",
        );
        ok = false;
    }
    let feature = Feature::parse(raw.feature.get_ref());
    if feature.is_none() {
        p.at(
            &raw.feature,
            format!("{field}.feature"),
            format!(
                "\"{}\" is not a feature of goodenough; use one of {}",
                raw.feature.get_ref(),
                Feature::ALL.map(Feature::as_str).join(", ")
            ),
        );
        ok = false;
    }
    let target = raw
        .target
        .as_ref()
        .map(|t| t.get_ref().trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    if let (Some(known), Some(t), Some(rt)) = (p.known, &target, &raw.target) {
        let (list, what, how) = match feature {
            Some(Feature::Assessment) => (
                &known.instruments,
                "questionnaire",
                "goodenough assess list",
            ),
            Some(Feature::Practice) => (&known.practices, "practice", "goodenough practice list"),
            _ => (&Vec::new(), "", ""),
        };
        if !what.is_empty() && !list.iter().any(|k| k == t) {
            p.at(
                rt,
                format!("{field}.target"),
                format!(
                    "there is no {what} \"{t}\"; use one of {} (`{how}` shows them)",
                    list.join(", ")
                ),
            );
            ok = false;
        }
    }
    if feature == Some(Feature::Assessment) && target.is_none() {
        p.at(
            &raw.feature,
            format!("{field}.target"),
            "an assessment exercise needs a target: the questionnaire id, for example target = \"perfectionism-snapshot\"",
        );
        ok = false;
    }
    let cadence = match Cadence::parse(raw.cadence.get_ref()) {
        Ok(c) => {
            if let (Some(w), Some(n)) = (c.named_week(), weeks) {
                if w > n {
                    p.at(
                        &raw.cadence,
                        format!("{field}.cadence"),
                        format!("week {w} is past the end of the programme (it has {n} weeks); pick a week from 1 to {n}"),
                    );
                    ok = false;
                }
            }
            Some(c)
        }
        Err(e) => {
            p.at(&raw.cadence, format!("{field}.cadence"), e);
            ok = false;
            None
        }
    };
    let range = match &raw.weeks {
        Some(r) => {
            let got = week_range(p, r, &format!("{field}.weeks"), weeks);
            ok &= got.is_some();
            got
        }
        None => None,
    };
    if !ok {
        return None;
    }
    Some(Exercise {
        id,
        title: raw.title.get_ref().trim().to_string(),
        feature: feature?,
        target,
        cadence: cadence?,
        weeks: range,
        how: raw.how.clone().filter(|h| !h.trim().is_empty()),
    })
}

impl Programme {
    /// Parses and checks a programme; `file` names it in errors and
    /// `source` is recorded ("shipped" or the file). Every problem found is
    /// returned, each with its line and field.
    pub fn parse(file: &str, src: &str, source: &str) -> Result<Programme, ProgrammeErrors> {
        Programme::parse_checked(file, src, source, None)
    }

    /// As [`Programme::parse`], also checking that an assessment or practice
    /// exercise names a questionnaire or practice in `known`.
    pub fn parse_checked(
        file: &str,
        src: &str,
        source: &str,
        known: Option<&Targets>,
    ) -> Result<Programme, ProgrammeErrors> {
        let raw: RawProgramme = toml::from_str(src).map_err(|e| {
            let line = e.span().map(|s| {
                src.get(..s.start)
                    .map(|x| x.matches('\n').count() + 1)
                    .unwrap_or(1)
            });
            ProgrammeErrors(vec![ProgrammeError {
                file: file.to_string(),
                line,
                field: "toml".into(),
                message: e.message().trim().to_string(),
            }])
        })?;
        let mut p = Problems {
            file,
            src,
            list: Vec::new(),
            known,
        };
        let id = raw.id.get_ref().trim().to_string();
        if !is_slug(&id) {
            p.at(
                &raw.id,
                "id",
                "a programme id uses only letters, digits, '-' and '_' (at most 64)",
            );
        }
        if raw.title.get_ref().trim().is_empty() {
            p.at(
                &raw.title,
                "title",
                "the title is empty; give the programme a name",
            );
        }
        let weeks = match u32::try_from(*raw.weeks.get_ref()) {
            Ok(n) if (1..=520).contains(&n) => Some(n),
            _ => {
                p.at(
                    &raw.weeks,
                    "weeks",
                    format!(
                        "{} is not a length; give the number of weeks, from 1 to 520",
                        raw.weeks.get_ref()
                    ),
                );
                None
            }
        };

        // Phases: in order, no overlap, no gap, within the length.
        if raw.phases.is_empty() {
            p.whole("phases", "the programme has no phases; add at least one [[phases]] table with a name and weeks = [first, last]");
        }
        let mut phases = Vec::new();
        let mut names = BTreeSet::new();
        for (i, rp) in raw.phases.iter().enumerate() {
            let field = format!("phases[{i}]");
            let name = rp.name.get_ref().trim().to_string();
            if name.is_empty() {
                p.at(&rp.name, format!("{field}.name"), "the phase has no name");
            } else if !names.insert(name.to_lowercase()) {
                p.at(
                    &rp.name,
                    format!("{field}.name"),
                    format!(
                        "the phase name \"{name}\" is used twice; give each phase its own name"
                    ),
                );
            }
            let mut focus = Vec::new();
            for (j, f) in rp.focus.iter().enumerate() {
                match Pillar::parse(f.get_ref()) {
                    Some(pl) => focus.push(pl),
                    None => p.at(
                        f,
                        format!("{field}.focus[{j}]"),
                        format!(
                            "\"{}\" is not a pillar; use one of {}",
                            f.get_ref(),
                            Pillar::ALL.map(Pillar::as_str).join(", ")
                        ),
                    ),
                }
            }
            let Some((first, last)) =
                week_range(&mut p, &rp.weeks, &format!("{field}.weeks"), weeks)
            else {
                continue;
            };
            phases.push((
                &rp.weeks,
                Phase {
                    name,
                    first,
                    last,
                    focus,
                    goals: rp
                        .goals
                        .iter()
                        .map(|g| g.trim().to_string())
                        .filter(|g| !g.is_empty())
                        .collect(),
                },
            ));
        }
        let mut sorted: Vec<usize> = (0..phases.len()).collect();
        sorted.sort_by_key(|&i| phases[i].1.first);
        let mut next = 1;
        let mut prev: Option<usize> = None;
        for &i in &sorted {
            let (span, ph) = &phases[i];
            if let Some(j) = prev {
                let other = &phases[j].1;
                if ph.first <= other.last {
                    p.at(
                        *span,
                        format!("phases[{}].weeks", raw_index(&raw.phases, span)),
                        format!(
                            "\"{}\" (weeks {}-{}) overlaps \"{}\" (weeks {}-{}); a week belongs to one phase, so start it after week {}",
                            ph.name, ph.first, ph.last, other.name, other.first, other.last, other.last
                        ),
                    );
                    continue;
                }
            }
            if ph.first > next {
                p.at(
                    *span,
                    format!("phases[{}].weeks", raw_index(&raw.phases, span)),
                    format!(
                        "weeks {}-{} belong to no phase; start \"{}\" in week {next} or add a phase for those weeks",
                        next,
                        ph.first - 1,
                        ph.name
                    ),
                );
            }
            next = ph.last + 1;
            prev = Some(i);
        }
        if let Some(n) = weeks {
            if !phases.is_empty() && next <= n && p.list.is_empty() {
                p.whole(
                    "phases",
                    format!("weeks {next}-{n} belong to no phase; extend the last phase to week {n} or add one"),
                );
            }
        }
        let mut phases: Vec<Phase> = phases.into_iter().map(|(_, ph)| ph).collect();
        phases.sort_by_key(|ph| ph.first);

        let mut ids = BTreeSet::new();
        let mut exercises = Vec::new();
        for (i, re) in raw.exercises.iter().enumerate() {
            if let Some(e) = exercise(&mut p, re, &format!("exercises[{i}]"), weeks, &mut ids) {
                exercises.push(e);
            }
        }

        let mut milestones = Vec::new();
        for (i, m) in raw.milestones.iter().enumerate() {
            let field = format!("milestones[{i}]");
            let w = *m.week.get_ref();
            match (u32::try_from(w), weeks) {
                (Ok(wk), Some(n)) if wk > n => p.at(
                    &m.week,
                    format!("{field}.week"),
                    format!("week {wk} is past the end of the programme (it has {n} weeks); pick a week from 1 to {n}"),
                ),
                (Ok(wk), _) if wk >= 1 => {
                    if m.title.get_ref().trim().is_empty() {
                        p.at(&m.title, format!("{field}.title"), "the milestone has no title");
                    } else {
                        milestones.push(Milestone {
                            week: wk,
                            title: m.title.get_ref().trim().to_string(),
                            marks: m.marks.trim().to_string(),
                        });
                    }
                }
                _ => p.at(&m.week, format!("{field}.week"), format!("{w} is not a week; weeks count from 1")),
            }
        }
        milestones.sort_by_key(|m| m.week);

        let review = match &raw.review {
            None => Cadence::Weekly { day: Day::Sun },
            Some(r) => review_cadence(&mut p, &r.cadence, "review.cadence", weeks)
                .unwrap_or(Cadence::Daily),
        };

        let maintenance = raw.maintenance.as_ref().and_then(|m| {
            let checkup = review_cadence(&mut p, &m.checkup, "maintenance.checkup", None);
            let mut exercises = Vec::new();
            for (i, re) in m.exercises.iter().enumerate() {
                if let Some(e) = exercise(
                    &mut p,
                    re,
                    &format!("maintenance.exercises[{i}]"),
                    None,
                    &mut ids,
                ) {
                    exercises.push(e);
                }
            }
            Some(Maintenance {
                summary: m.summary.trim().to_string(),
                checkup: checkup?,
                exercises,
                relapse_prevention: RelapsePlan {
                    warning_signs: clean(&m.relapse_prevention.warning_signs),
                    what_to_do: clean(&m.relapse_prevention.what_to_do),
                },
            })
        });

        if !p.list.is_empty() {
            p.list.sort_by_key(|e| e.line.unwrap_or(usize::MAX));
            return Err(ProgrammeErrors(p.list));
        }
        Ok(Programme {
            id,
            title: raw.title.get_ref().trim().to_string(),
            summary: raw.summary.trim().to_string(),
            weeks: weeks.unwrap_or(1),
            phases,
            exercises,
            milestones,
            review,
            maintenance,
            source: source.to_string(),
        })
    }

    /// The first day of a week of the programme.
    pub fn week_start(start: NaiveDate, week: u32) -> NaiveDate {
        start + Duration::weeks(i64::from(week.max(1)) - 1)
    }

    /// The last day of the programme.
    pub fn end_date(&self, start: NaiveDate) -> NaiveDate {
        start + Duration::weeks(i64::from(self.weeks)) - Duration::days(1)
    }

    /// Where a date falls for a programme started on `start`.
    pub fn position(&self, start: NaiveDate, date: NaiveDate) -> Position {
        let days = (date - start).num_days();
        if days < 0 {
            return Position::Before { starts_on: start };
        }
        let week = u32::try_from(days / 7 + 1).unwrap_or(u32::MAX);
        let day = u32::try_from(days % 7).unwrap_or(0);
        if week <= self.weeks {
            Position::Week { week, day }
        } else {
            Position::Maintenance {
                week: week - self.weeks,
                day,
            }
        }
    }

    /// The phase of a week.
    pub fn phase_of(&self, week: u32) -> Option<&Phase> {
        self.phases
            .iter()
            .find(|p| week >= p.first && week <= p.last)
    }

    /// Exercises whose cadence comes round on `date` (maintenance exercises
    /// after the end).
    pub fn due_on(&self, start: NaiveDate, date: NaiveDate) -> Vec<&Exercise> {
        let weekday = Day::from_weekday(date.weekday());
        match self.position(start, date) {
            Position::Before { .. } => Vec::new(),
            Position::Week { week, day } => self
                .exercises
                .iter()
                .filter(|e| e.in_range(week) && e.cadence.hits(week, day, weekday))
                .collect(),
            Position::Maintenance { week, day } => self
                .maintenance
                .iter()
                .flat_map(|m| m.exercises.iter())
                .filter(|e| e.in_range(week) && e.cadence.hits(week, day, weekday))
                .collect(),
        }
    }

    /// Whether the review (or, after the end, the check-up) comes round on `date`.
    pub fn review_due(&self, start: NaiveDate, date: NaiveDate) -> bool {
        let weekday = Day::from_weekday(date.weekday());
        match self.position(start, date) {
            Position::Before { .. } => false,
            Position::Week { week, day } => self.review.hits(week, day, weekday),
            Position::Maintenance { week, day } => self
                .maintenance
                .as_ref()
                .is_some_and(|m| m.checkup.hits(week, day, weekday)),
        }
    }

    /// Assessment exercises whose window is open on `date`: (exercise,
    /// window first day, window last day). A once / every-N-weeks assessment
    /// stays open from its day to the end of that week; a daily or weekly
    /// one only on its day.
    pub fn assessment_windows(
        &self,
        start: NaiveDate,
        date: NaiveDate,
    ) -> Vec<(&Exercise, NaiveDate, NaiveDate)> {
        let weekday = Day::from_weekday(date.weekday());
        let (week, day, list): (u32, u32, &[Exercise]) = match self.position(start, date) {
            Position::Before { .. } => return Vec::new(),
            Position::Week { week, day } => (week, day, &self.exercises),
            Position::Maintenance { week, day } => (
                week,
                day,
                self.maintenance
                    .as_ref()
                    .map(|m| m.exercises.as_slice())
                    .unwrap_or(&[]),
            ),
        };
        let week_first = date - Duration::days(i64::from(day));
        let week_last = week_first + Duration::days(6);
        list.iter()
            .filter(|e| e.feature == Feature::Assessment && e.in_range(week))
            .filter_map(|e| match e.cadence {
                Cadence::Daily | Cadence::Weekly { .. } => e
                    .cadence
                    .hits(week, day, weekday)
                    .then_some((e, date, date)),
                Cadence::Once { day: d, .. } | Cadence::Every { day: d, .. } => {
                    if !e.cadence.hits_week(week) {
                        return None;
                    }
                    let opens = match d {
                        None => week_first,
                        Some(d) => (0..7)
                            .map(|i| week_first + Duration::days(i))
                            .find(|x| Day::from_weekday(x.weekday()) == d)
                            .unwrap_or(week_first),
                    };
                    (date >= opens).then_some((e, week_first, week_last))
                }
            })
            .collect()
    }

    /// Milestones with their dates (the last day of their week).
    pub fn milestones_dated(&self, start: NaiveDate) -> Vec<DatedMilestone> {
        self.milestones
            .iter()
            .map(|m| DatedMilestone {
                week: m.week,
                title: m.title.clone(),
                marks: m.marks.clone(),
                date: Programme::week_start(start, m.week) + Duration::days(6),
            })
            .collect()
    }

    /// The first milestone on or after `date`.
    pub fn next_milestone(&self, start: NaiveDate, date: NaiveDate) -> Option<DatedMilestone> {
        self.milestones_dated(start)
            .into_iter()
            .find(|m| m.date >= date)
    }
}

fn raw_index(phases: &[RawPhase], span: &Spanned<Vec<i64>>) -> usize {
    phases
        .iter()
        .position(|r| r.weeks.span() == span.span())
        .unwrap_or(0)
}

fn clean(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn review_cadence(
    p: &mut Problems<'_>,
    raw: &Spanned<String>,
    field: &str,
    weeks: Option<u32>,
) -> Option<Cadence> {
    match Cadence::parse(raw.get_ref()) {
        Ok(c @ (Cadence::Weekly { .. } | Cadence::Every { .. })) => {
            if let (Some(w), Some(n)) = (c.named_week(), weeks) {
                if w > n {
                    p.at(
                        raw,
                        field,
                        format!("week {w} is past the end of the programme (it has {n} weeks)"),
                    );
                    return None;
                }
            }
            Some(c)
        }
        Ok(_) => {
            p.at(
                raw,
                field,
                "a review comes round regularly: write weekly on DAY or every N weeks [on DAY]",
            );
            None
        }
        Err(e) => {
            p.at(raw, field, e);
            None
        }
    }
}

/// Where a date falls in a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Position {
    /// The programme starts later.
    Before { starts_on: NaiveDate },
    /// In week `week` (1-based), day `day` (0-6) of that week.
    Week { week: u32, day: u32 },
    /// After the end: week `week` of maintenance (1-based).
    Maintenance { week: u32, day: u32 },
}

/// Shipped programmes and the person's own (`(file, contents)`), each
/// checked on its own (targets against the shipped questionnaires and
/// practices): a broken file gives its errors and hides nothing else. An id
/// used twice is an error for the later file.
pub fn load_all(own: &[(String, String)]) -> (Vec<Programme>, Vec<ProgrammeErrors>) {
    load_all_with(own, &Targets::shipped())
}

/// As [`load_all`], with the questionnaires and practices that exist
/// (shipped plus the person's own).
pub fn load_all_with(
    own: &[(String, String)],
    known: &Targets,
) -> (Vec<Programme>, Vec<ProgrammeErrors>) {
    let mut by_id: BTreeMap<String, Programme> = BTreeMap::new();
    let mut errors = Vec::new();
    let shipped = SHIPPED
        .iter()
        .map(|(f, s)| (f.to_string(), s.to_string(), "shipped"));
    let own = own.iter().map(|(f, s)| (f.clone(), s.clone(), ""));
    for (file, src, source) in shipped.chain(own) {
        let source = if source.is_empty() {
            file.as_str()
        } else {
            source
        };
        match Programme::parse_checked(&file, &src, source, Some(known)) {
            Ok(p) => {
                if let Some(other) = by_id.get(&p.id) {
                    errors.push(ProgrammeErrors(vec![ProgrammeError {
                        file: file.clone(),
                        line: None,
                        field: "id".into(),
                        message: format!(
                            "the id \"{}\" is already used by {}; give this programme its own id",
                            p.id,
                            if other.source == "shipped" {
                                "a shipped programme".to_string()
                            } else {
                                other.source.clone()
                            }
                        ),
                    }]));
                } else {
                    by_id.insert(p.id.clone(), p);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    // Shipped first, then the person's own, each by title.
    let mut list: Vec<Programme> = by_id.into_values().collect();
    list.sort_by(|a, b| (a.source != "shipped", &a.title).cmp(&(b.source != "shipped", &b.title)));
    (list, errors)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
id = "t"
title = "Test"
weeks = 8

[review]
cadence = "weekly on sun"

[[phases]]
name = "One"
weeks = [1, 4]
focus = ["awareness"]

[[phases]]
name = "Two"
weeks = [5, 8]
focus = ["joy", "self-compassion"]

[[exercises]]
id = "checkin"
title = "Check in"
feature = "checkin"
cadence = "daily"

[[exercises]]
id = "snap"
title = "Snapshot"
feature = "assessment"
target = "perfectionism-snapshot"
cadence = "every 4 weeks"

[[exercises]]
id = "rung"
title = "Climb"
feature = "ladder"
cadence = "weekly on wed"
weeks = [5, 8]

[[milestones]]
week = 4
title = "Halfway"
marks = "the first half"

[maintenance]
summary = "keep going"
checkup = "every 4 weeks on sun"
[maintenance.relapse_prevention]
warning_signs = ["late nights"]
what_to_do = ["rest"]
"#;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn errors(src: &str) -> String {
        Programme::parse("t.toml", src, "t.toml")
            .expect_err("should fail")
            .to_string()
    }

    #[test]
    fn shipped_programmes_load() {
        let (list, errs) = load_all(&[]);
        assert!(errs.is_empty(), "{errs:?}");
        let p = list
            .iter()
            .find(|p| p.id == PERFECTIONISM)
            .expect("perfectionism");
        assert!((30..=38).contains(&p.weeks));
        let pillars: BTreeSet<Pillar> = p.phases.iter().flat_map(|ph| ph.focus.clone()).collect();
        assert_eq!(pillars.len(), 5, "every pillar has a phase");
        assert!(p
            .maintenance
            .as_ref()
            .is_some_and(|m| !m.relapse_prevention.warning_signs.is_empty()));
        let imp = list.iter().find(|p| p.id == "impostor").expect("impostor");
        assert!((12..=16).contains(&imp.weeks));
        assert!(imp.exercises.iter().any(|e| e.feature == Feature::Evidence));
        assert!(imp
            .exercises
            .iter()
            .any(|e| e.target.as_deref() == Some("impostor-snapshot")));
    }

    #[test]
    fn parses_the_base() {
        let p = Programme::parse("t.toml", BASE, "x").expect("valid");
        assert_eq!(p.phases.len(), 2);
        assert_eq!(
            p.exercises[1].cadence,
            Cadence::Every {
                weeks: 4,
                from: 1,
                day: None
            }
        );
        assert_eq!(p.exercises[2].weeks, Some((5, 8)));
    }

    #[test]
    fn overlapping_phases_are_refused_with_line_and_field() {
        let src = BASE.replace(
            "weeks = [5, 8]\nfocus = [\"joy\"",
            "weeks = [4, 8]\nfocus = [\"joy\"",
        );
        let e = errors(&src);
        assert!(
            e.contains("t.toml line 16, phases[1].weeks: \"Two\" (weeks 4-8) overlaps \"One\""),
            "{e}"
        );
    }

    #[test]
    fn gaps_between_phases_are_refused() {
        let src = BASE.replace(
            "weeks = [5, 8]\nfocus = [\"joy\"",
            "weeks = [6, 8]\nfocus = [\"joy\"",
        );
        let e = errors(&src);
        assert!(
            e.contains("phases[1].weeks: weeks 5-5 belong to no phase"),
            "{e}"
        );
        let src = BASE.replace(
            "weeks = [5, 8]\nfocus = [\"joy\"",
            "weeks = [5, 7]\nfocus = [\"joy\"",
        );
        assert!(errors(&src).contains("phases: weeks 8-8 belong to no phase"));
    }

    #[test]
    fn unknown_feature_is_named() {
        let src = BASE.replace("feature = \"ladder\"", "feature = \"meditation\"");
        let e = errors(&src);
        assert!(
            e.contains("t.toml line 35, exercises[2].feature: \"meditation\" is not a feature"),
            "{e}"
        );
        assert!(e.contains("checkin, reframe"));
    }

    #[test]
    fn unschedulable_cadences_are_refused() {
        for (bad, says) in [
            ("every 0 weeks", "every 0 weeks never comes round"),
            ("weekly on funday", "\"funday\" is not a day of the week"),
            ("once in week 0", "week 0 never comes"),
            ("fortnightly", "cannot read \"fortnightly\""),
            ("weekly", "needs a weekday"),
            ("every 2 weeks from week 0", "from week 0"),
        ] {
            let src = BASE.replace(
                "cadence = \"every 4 weeks\"",
                &format!("cadence = \"{bad}\""),
            );
            let e = errors(&src);
            assert!(e.contains("exercises[1].cadence: "), "{bad}: {e}");
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn weeks_past_the_end_are_refused() {
        let e = errors(&BASE.replace(
            "weeks = [5, 8]\nfocus = [\"joy\"",
            "weeks = [5, 9]\nfocus = [\"joy\"",
        ));
        assert!(e.contains("phases[1].weeks: week 9 is past the end"), "{e}");
        let e = errors(&BASE.replace(
            "cadence = \"every 4 weeks\"",
            "cadence = \"once in week 12\"",
        ));
        assert!(
            e.contains("exercises[1].cadence: week 12 is past the end"),
            "{e}"
        );
        let e = errors(&BASE.replace(
            "weeks = [5, 8]\n\n[[milestones]]",
            "weeks = [5, 10]\n\n[[milestones]]",
        ));
        assert!(
            e.contains("exercises[2].weeks: week 10 is past the end"),
            "{e}"
        );
        let e = errors(&BASE.replace("week = 4\n", "week = 9\n"));
        assert!(
            e.contains("milestones[0].week: week 9 is past the end"),
            "{e}"
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let e = errors(&BASE.replace("id = \"rung\"", "id = \"snap\""));
        assert!(
            e.contains("exercises[2].id: the exercise id \"snap\" is used twice"),
            "{e}"
        );
        let own = vec![(
            "own/perf.toml".to_string(),
            BASE.replace("id = \"t\"", "id = \"perfectionism\""),
        )];
        let (list, errs) = load_all(&own);
        assert_eq!(list.iter().filter(|p| p.id == PERFECTIONISM).count(), 1);
        assert!(errs[0].to_string().contains(
            "own/perf.toml, id: the id \"perfectionism\" is already used by a shipped programme"
        ));
    }

    #[test]
    fn unknown_targets_are_named_when_checked() {
        let src = BASE.replace(
            "target = \"perfectionism-snapshot\"",
            "target = \"perfectionsm-snapshot\"",
        );
        assert!(Programme::parse("t.toml", &src, "x").is_ok(), "unchecked");
        let e = Programme::parse_checked("t.toml", &src, "x", Some(&Targets::shipped()))
            .expect_err("unknown questionnaire")
            .to_string();
        assert!(
            e.contains("t.toml line 29, exercises[1].target: there is no questionnaire \"perfectionsm-snapshot\""),
            "{e}"
        );
        let mut known = Targets::shipped();
        known.instruments.push("perfectionsm-snapshot".into());
        assert!(Programme::parse_checked("t.toml", &src, "x", Some(&known)).is_ok());
    }

    #[test]
    fn a_broken_file_hides_nothing_else() {
        let own = vec![
            (
                "a.toml".to_string(),
                "id = \"a\"\ntitle = \"A\"\nweeks = oops".to_string(),
            ),
            (
                "b.toml".to_string(),
                BASE.replace("id = \"t\"", "id = \"b\""),
            ),
        ];
        let (list, errs) = load_all(&own);
        assert!(list.iter().any(|p| p.id == "b"));
        assert_eq!(list.len(), 3);
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].to_string().starts_with("a.toml line 3, toml: "),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn missing_fields_and_unknown_pillars_are_named() {
        let e = errors("id = \"x\"\ntitle = \"X\"\n");
        assert!(e.contains("missing field `weeks`"), "{e}");
        let e = errors(&BASE.replace("\"awareness\"]", "\"kindness\"]"));
        assert!(
            e.contains("phases[0].focus[0]: \"kindness\" is not a pillar"),
            "{e}"
        );
        let e = errors(&BASE.replace("target = \"perfectionism-snapshot\"\n", ""));
        assert!(
            e.contains("exercises[1].target: an assessment exercise needs a target"),
            "{e}"
        );
    }

    #[test]
    fn schedule_weeks_phases_and_due() {
        let p = Programme::parse("t.toml", BASE, "x").expect("valid");
        let start = d("2026-03-02"); // a Monday
        assert_eq!(
            p.position(start, d("2026-03-01")),
            Position::Before { starts_on: start }
        );
        assert_eq!(
            p.position(start, d("2026-03-02")),
            Position::Week { week: 1, day: 0 }
        );
        assert_eq!(
            p.position(start, d("2026-03-08")),
            Position::Week { week: 1, day: 6 }
        );
        assert_eq!(
            p.position(start, d("2026-03-09")),
            Position::Week { week: 2, day: 0 }
        );
        assert_eq!(
            p.position(start, d("2026-04-26")),
            Position::Week { week: 8, day: 6 }
        );
        assert_eq!(
            p.position(start, d("2026-04-27")),
            Position::Maintenance { week: 1, day: 0 }
        );
        assert_eq!(p.phase_of(4).map(|ph| ph.name.as_str()), Some("One"));
        assert_eq!(p.phase_of(5).map(|ph| ph.name.as_str()), Some("Two"));
        assert_eq!(p.end_date(start), d("2026-04-26"));
        let ids = |date: &str| -> Vec<String> {
            p.due_on(start, d(date))
                .iter()
                .map(|e| e.id.clone())
                .collect()
        };
        assert_eq!(ids("2026-03-02"), vec!["checkin", "snap"]);
        assert_eq!(ids("2026-03-03"), vec!["checkin"]);
        assert_eq!(
            ids("2026-03-04"),
            vec!["checkin"],
            "ladder only from week 5"
        );
        assert_eq!(
            ids("2026-04-01"),
            vec!["checkin", "rung"],
            "a Wednesday in week 5"
        );
        assert_eq!(
            ids("2026-03-30"),
            vec!["checkin", "snap"],
            "week 5 day 1: every 4 weeks"
        );
        assert!(ids("2026-04-27").is_empty(), "no maintenance exercises");
        assert!(p.review_due(start, d("2026-03-08")));
        assert!(!p.review_due(start, d("2026-03-07")));
        assert!(
            p.review_due(start, d("2026-05-03")),
            "maintenance week 1 sunday"
        );
        assert!(!p.review_due(start, d("2026-05-10")), "maintenance week 2");
        let ms = p.milestones_dated(start);
        assert_eq!(ms[0].date, d("2026-03-29"));
        assert_eq!(
            p.next_milestone(start, d("2026-03-29")).map(|m| m.week),
            Some(4)
        );
        assert_eq!(p.next_milestone(start, d("2026-03-30")), None);
    }

    fn enrolment(start: &str) -> Enrolment {
        Enrolment {
            id: "e1".into(),
            programme_id: "t".into(),
            started_on: d(start),
            stopped_on: None,
            created_at: DateTime::<Utc>::default(),
        }
    }

    #[test]
    fn today_with_a_programme() {
        let p = Programme::parse("t.toml", BASE, "x").expect("valid");
        let e = enrolment("2026-03-02");
        let day = d("2026-03-04");
        let today = Today::compute(&TodayInput {
            date: day,
            programme: Some((&p, &e)),
            checked_in: false,
            review_done: false,
            experiments: &[],
            blocks: &[],
            assessments: &[],
        });
        let kinds: Vec<DueKind> = today.due.iter().map(|x| x.kind).collect();
        assert_eq!(
            kinds,
            vec![DueKind::Checkin, DueKind::Assessment],
            "assessment still open in week 1"
        );
        let st = today.programme.expect("standing");
        assert_eq!(st.week, Some(1));
        assert_eq!(st.phase.as_deref(), Some("One"));
        assert!(st.sentence.contains("Week 1 of 8"));
        let taken = AssessmentResult {
            id: "a".into(),
            instrument: "perfectionism-snapshot".into(),
            taken_at: DateTime::<Utc>::default(),
            date: d("2026-03-03"),
            answers: Vec::new(),
            total: 10.0,
            subscales: BTreeMap::new(),
            notes: BTreeMap::new(),
        };
        let today = Today::compute(&TodayInput {
            date: day,
            programme: Some((&p, &e)),
            checked_in: true,
            review_done: false,
            experiments: &[],
            blocks: &[],
            assessments: std::slice::from_ref(&taken),
        });
        assert!(today.due.is_empty(), "{:?}", today.due);
        assert!(today.note.contains("Rest counts"));
    }

    #[test]
    fn today_without_a_programme_is_still_useful() {
        let today = Today::compute(&TodayInput {
            date: d("2026-03-04"),
            programme: None,
            checked_in: false,
            review_done: false,
            experiments: &[],
            blocks: &[],
            assessments: &[],
        });
        assert_eq!(today.due[0].kind, DueKind::Checkin);
        assert!(today.programme.is_none());
        assert!(today.note.contains("programme list"));
    }

    #[test]
    fn enrolment_validation() {
        let mut e = enrolment("2026-03-02");
        assert!(e.validate().is_ok());
        e.stopped_on = Some(d("2026-03-01"));
        assert!(e.validate().is_err());
    }

    #[test]
    fn docs_example_is_valid() {
        let doc = include_str!("../../../docs/programme-format.md");
        let start = doc.find("```toml").expect("an example") + "```toml".len();
        let end = doc[start..].find("```").expect("closed") + start;
        Programme::parse("example.toml", &doc[start..end], "x")
            .expect("the documented example parses");
    }
}
