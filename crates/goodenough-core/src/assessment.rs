//! Questionnaires as data, their scoring, and the Reliable Change Index.
//!
//! An instrument is a TOML file (`content/instruments/*.toml`, plus the
//! person's own files in `<data-dir>/instruments/`): items, a response scale,
//! reverse-scored items, subscales, a scoring rule and, optionally, norms and
//! cut-offs. Loading checks the whole definition and names the file, the line
//! and the field of the first problem. Scores are for self-reflection over
//! time, never a diagnosis.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::content::ContentError;

/// The shipped instruments: (file name, contents).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "perfectionism-snapshot.toml",
        include_str!("../../../content/instruments/perfectionism-snapshot.toml"),
    ),
    (
        "impostor-snapshot.toml",
        include_str!("../../../content/instruments/impostor-snapshot.toml"),
    ),
    (
        "who-5.toml",
        include_str!("../../../content/instruments/who-5.toml"),
    ),
    (
        "cbi-personal.toml",
        include_str!("../../../content/instruments/cbi-personal.toml"),
    ),
];

/// The id of the shipped WHO-5 Well-Being Index.
pub const WHO5: &str = "who-5";

/// The id of the shipped Copenhagen Burnout Inventory personal burnout scale.
pub const CBI_PERSONAL: &str = "cbi-personal";

/// One shipped instrument by id, or None if it is not shipped (or, which a
/// test rules out, does not load).
pub fn shipped(id: &str) -> Option<Instrument> {
    SHIPPED
        .iter()
        .filter_map(|(file, src)| Instrument::parse(file, src, "shipped").ok())
        .find(|i| i.id == id)
}

/// The id of the shipped questionnaire that `intake` fills in.
pub const PERFECTIONISM_SNAPSHOT: &str = "perfectionism-snapshot";

/// |RCI| above this is a reliable change (95 % two-sided).
pub const RELIABLE: f64 = 1.96;

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Item {
    pub id: String,
    pub text: String,
    /// Scored as min + max − answer.
    #[serde(default)]
    pub reverse: bool,
    /// An answer at or above this shows the help-now message at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_threshold: Option<i64>,
}

/// The answers a person can give, each with its label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scale {
    pub values: Vec<i64>,
    pub labels: Vec<String>,
}

impl Scale {
    pub fn min(&self) -> i64 {
        self.values.iter().copied().min().unwrap_or(0)
    }
    pub fn max(&self) -> i64 {
        self.values.iter().copied().max().unwrap_or(0)
    }
}

/// Sum or mean of the (reverse-adjusted) answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    #[default]
    Sum,
    Mean,
}

/// How a score is computed: rule, then `a * x + b` when a transform is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scoring {
    #[serde(default)]
    pub rule: Rule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<Transform>,
}

/// A linear transform of a raw score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transform {
    pub a: f64,
    #[serde(default)]
    pub b: f64,
}

/// Population figures for the total score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Norms {
    pub mean: f64,
    pub sd: f64,
    /// Test-retest or internal-consistency reliability, 0 to 1.
    pub reliability: f64,
}

/// Where the clinical-significance cut-off comes from: the figures of a
/// functional and a dysfunctional group (Jacobson & Truax's c), of only one
/// of them (a or b), or a cut-off score published with the questionnaire.
/// `note` is shown, kindly, beside a result on the far side of the cut-off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cutoffs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_mean: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_sd: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dysfunctional_mean: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dysfunctional_sd: Option<f64>,
    /// A cut-off score published with the questionnaire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Shown beside a result on the far side of the cut-off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Which Jacobson & Truax criterion a cut-off follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum CutoffCriterion {
    /// Two SDs beyond the dysfunctional group's mean, towards function.
    A,
    /// Two SDs from the functional group's mean, towards dysfunction.
    B,
    /// Between the two groups' means, weighted by their SDs.
    C,
    /// A cut-off score published with the questionnaire.
    Published,
}

impl Cutoffs {
    /// The cut-off and the criterion it follows, or None when the table
    /// gives neither a score nor a group's mean and SD. With both groups:
    /// c = (sd_f·mean_d + sd_d·mean_f) / (sd_f + sd_d); with only the
    /// functional group: b = mean_f ∓ 2·sd_f; with only the dysfunctional
    /// group: a = mean_d ± 2·sd_d (signs towards the other group).
    pub fn criterion(&self, higher_is_better: bool) -> Option<(CutoffCriterion, f64)> {
        let towards_better = if higher_is_better { 1.0 } else { -1.0 };
        let functional = self.functional_mean.zip(self.functional_sd);
        let dysfunctional = self.dysfunctional_mean.zip(self.dysfunctional_sd);
        match (self.score, functional, dysfunctional) {
            (Some(s), _, _) => Some((CutoffCriterion::Published, s)),
            (None, Some((mf, sf)), Some((md, sd))) => {
                Some((CutoffCriterion::C, (sf * md + sd * mf) / (sf + sd)))
            }
            (None, Some((mf, sf)), None) => {
                Some((CutoffCriterion::B, mf - towards_better * 2.0 * sf))
            }
            (None, None, Some((md, sd))) => {
                Some((CutoffCriterion::A, md + towards_better * 2.0 * sd))
            }
            (None, None, None) => None,
        }
    }
}

/// Which side of the cut-off a score sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BandSide {
    /// Past the cut-off in the hoped-for direction.
    Typical,
    /// At the cut-off or on its other side.
    Beyond,
}

/// The clinical-significance band of one score: the side of the cut-off.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Band {
    pub side: BandSide,
    pub cutoff: f64,
    pub criterion: CutoffCriterion,
}

impl Band {
    /// The band in kind, non-diagnostic words.
    pub fn words(&self, higher_is_better: bool) -> &'static str {
        match (self.criterion, self.side, higher_is_better) {
            (CutoffCriterion::Published, BandSide::Typical, true) => {
                "above the questionnaire's published cut-off"
            }
            (CutoffCriterion::Published, BandSide::Typical, false) => {
                "below the questionnaire's published cut-off"
            }
            (CutoffCriterion::Published, BandSide::Beyond, true) => {
                "at or below the questionnaire's published cut-off"
            }
            (CutoffCriterion::Published, BandSide::Beyond, false) => {
                "at or above the questionnaire's published cut-off"
            }
            (CutoffCriterion::A, BandSide::Typical, _) => {
                "outside the range where most people in the comparison group score"
            }
            (CutoffCriterion::A, BandSide::Beyond, _) => {
                "within the range where most people in the comparison group score"
            }
            (_, BandSide::Typical, _) => {
                "within the range where most people in the reference group score"
            }
            (_, BandSide::Beyond, true) => "lower than most people in the reference group",
            (_, BandSide::Beyond, false) => "higher than most people in the reference group",
        }
    }
}

/// A validated questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Instrument {
    pub id: String,
    pub title: String,
    pub licence: String,
    pub instructions: String,
    /// True when a higher score is the better one.
    pub higher_is_better: bool,
    pub scale: Scale,
    pub items: Vec<Item>,
    pub scoring: Scoring,
    /// Subscale name → item ids.
    pub subscales: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norms: Option<Norms>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoffs: Option<Cutoffs>,
    /// Where it came from: "shipped" or the file name in the data directory.
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    text: String,
    #[serde(default)]
    reverse: bool,
    #[serde(default)]
    safety_threshold: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    #[serde(default)]
    rule: Rule,
    #[serde(default)]
    reverse: Vec<Spanned<String>>,
    #[serde(default)]
    transform: Option<Transform>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNorms {
    mean: f64,
    sd: Spanned<f64>,
    reliability: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCutoffs {
    functional_mean: Option<f64>,
    functional_sd: Option<f64>,
    dysfunctional_mean: Option<f64>,
    dysfunctional_sd: Option<f64>,
    score: Option<f64>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstrument {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    instructions: String,
    #[serde(default)]
    higher_is_better: bool,
    scale: Option<Scale>,
    #[serde(default)]
    items: Vec<RawItem>,
    #[serde(default)]
    scoring: Option<RawScoring>,
    #[serde(default)]
    subscales: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    norms: Option<RawNorms>,
    #[serde(default)]
    cutoffs: Option<Spanned<RawCutoffs>>,
}

fn line_of(src: &str, start: usize) -> usize {
    src.get(..start)
        .map(|s| s.matches('\n').count() + 1)
        .unwrap_or(1)
}

fn at<T>(
    file: &str,
    src: &str,
    spanned: &Spanned<T>,
    field: &str,
    message: String,
) -> ContentError {
    let mut err = ContentError::field(file, field, message);
    err.line = Some(line_of(src, spanned.span().start));
    err
}

impl Instrument {
    /// Parses and checks a definition; `file` names it in errors, `source`
    /// is recorded on the instrument ("shipped" or the file name).
    pub fn parse(file: &str, src: &str, source: &str) -> Result<Instrument, ContentError> {
        Instrument::parse_all(file, src, source).map_err(|mut all| all.swap_remove(0))
    }

    /// As [`Instrument::parse`], with every problem found (at least one),
    /// each naming its line where the file has one.
    pub fn parse_all(file: &str, src: &str, source: &str) -> Result<Instrument, Vec<ContentError>> {
        let raw: RawInstrument =
            toml::from_str(src).map_err(|e| vec![ContentError::toml(file, src, &e)])?;
        let mut problems = Vec::new();
        let id = raw.id.get_ref().trim().to_string();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            problems.push(at(
                file,
                src,
                &raw.id,
                "id",
                "an instrument id uses only letters, digits, '-' and '_'".into(),
            ));
        }
        let scale = match raw.scale {
            None => {
                problems.push(ContentError::field(
                    file,
                    "scale",
                    "the response scale is missing; add a [scale] table with `values` and `labels`"
                        .into(),
                ));
                None
            }
            Some(scale) => {
                let line = src.find("[scale]").map(|at| line_of(src, at));
                let mut ok = true;
                if scale.values.is_empty() {
                    let mut e = ContentError::field(
                        file,
                        "scale.values",
                        "the scale needs at least one value".into(),
                    );
                    e.line = line;
                    problems.push(e);
                    ok = false;
                }
                if scale.labels.len() != scale.values.len() {
                    let mut e = ContentError::field(
                        file,
                        "scale.labels",
                        format!(
                            "there are {} labels for {} values; give one label per value (an empty string is fine)",
                            scale.labels.len(),
                            scale.values.len()
                        ),
                    );
                    e.line = line;
                    problems.push(e);
                }
                ok.then_some(scale)
            }
        };
        if raw.items.is_empty() {
            problems.push(ContentError::field(
                file,
                "items",
                "the instrument has no items; add at least one [[items]] table".into(),
            ));
        }
        let mut seen = BTreeSet::new();
        for (i, item) in raw.items.iter().enumerate() {
            if !seen.insert(item.id.get_ref().clone()) {
                problems.push(at(
                    file,
                    src,
                    &item.id,
                    &format!("items[{i}].id"),
                    format!(
                        "the item id \"{}\" is used twice; each item needs its own id",
                        item.id.get_ref()
                    ),
                ));
            }
            if let (Some(t), Some(scale)) = (&item.safety_threshold, &scale) {
                if *t.get_ref() < scale.min() || *t.get_ref() > scale.max() {
                    problems.push(at(
                        file,
                        src,
                        t,
                        &format!("items[{i}].safety_threshold"),
                        format!(
                            "the safety threshold {} is outside the scale ({} to {})",
                            t.get_ref(),
                            scale.min(),
                            scale.max()
                        ),
                    ));
                }
            }
        }
        let scoring = raw.scoring.unwrap_or(RawScoring {
            rule: Rule::Sum,
            reverse: Vec::new(),
            transform: None,
        });
        let mut reversed: BTreeSet<String> = raw
            .items
            .iter()
            .filter(|i| i.reverse)
            .map(|i| i.id.get_ref().clone())
            .collect();
        for (i, r) in scoring.reverse.iter().enumerate() {
            if !seen.contains(r.get_ref()) {
                problems.push(at(
                    file,
                    src,
                    r,
                    &format!("scoring.reverse[{i}]"),
                    format!(
                        "the reverse-scored item \"{}\" does not exist; use one of the item ids",
                        r.get_ref()
                    ),
                ));
            }
            reversed.insert(r.get_ref().clone());
        }
        let mut subscales = BTreeMap::new();
        for (name, ids) in &raw.subscales {
            for (i, r) in ids.iter().enumerate() {
                if !seen.contains(r.get_ref()) {
                    problems.push(at(
                        file,
                        src,
                        r,
                        &format!("subscales.{name}[{i}]"),
                        format!(
                            "the subscale \"{name}\" names the item \"{}\", which does not exist",
                            r.get_ref()
                        ),
                    ));
                }
            }
            subscales.insert(
                name.clone(),
                ids.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>(),
            );
        }
        let norms = match raw.norms {
            None => None,
            Some(n) => {
                let r = *n.reliability.get_ref();
                let sd = *n.sd.get_ref();
                let mut ok = true;
                if !(0.0..=1.0).contains(&r) || r.is_nan() {
                    problems.push(at(
                        file,
                        src,
                        &n.reliability,
                        "norms.reliability",
                        format!("the reliability {r} is outside 0 to 1"),
                    ));
                    ok = false;
                } else if r >= 1.0 {
                    // Perfect reliability would make every change "reliable".
                    problems.push(at(
                        file,
                        src,
                        &n.reliability,
                        "norms.reliability",
                        "a reliability of 1 leaves no measurement error; give the published figure below 1".into(),
                    ));
                    ok = false;
                }
                if sd <= 0.0 || sd.is_nan() {
                    problems.push(at(
                        file,
                        src,
                        &n.sd,
                        "norms.sd",
                        "the standard deviation must be above 0".into(),
                    ));
                    ok = false;
                }
                ok.then_some(Norms {
                    mean: n.mean,
                    sd,
                    reliability: r,
                })
            }
        };
        let cutoffs = match raw.cutoffs {
            None => None,
            Some(c) => match check_cutoffs(file, src, c) {
                Ok(c) => Some(c),
                Err(e) => {
                    problems.push(e);
                    None
                }
            },
        };
        let Some(scale) = scale else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let items = raw
            .items
            .into_iter()
            .map(|i| Item {
                reverse: reversed.contains(i.id.get_ref()),
                id: i.id.into_inner(),
                text: i.text,
                safety_threshold: i.safety_threshold.map(|t| t.into_inner()),
            })
            .collect();
        Ok(Instrument {
            id,
            title: raw.title,
            licence: raw.licence,
            instructions: raw.instructions,
            higher_is_better: raw.higher_is_better,
            scale,
            items,
            scoring: Scoring {
                rule: scoring.rule,
                transform: scoring.transform,
            },
            subscales,
            norms,
            cutoffs,
            source: source.to_string(),
        })
    }

    /// Checks the answers (one per item, each a scale value) and scores
    /// them. The error is a sentence naming the item.
    pub fn score(&self, answers: &[i64]) -> Result<Scores, String> {
        if answers.len() != self.items.len() {
            return Err(format!(
                "\"{}\" has {} items but {} answers were given; give one answer per item, in order.",
                self.title,
                self.items.len(),
                answers.len()
            ));
        }
        for (item, v) in self.items.iter().zip(answers) {
            if !self.scale.values.contains(v) {
                return Err(format!(
                    "The answer {v} to item \"{}\" is not on the scale; use one of {}.",
                    item.id,
                    self.scale
                        .values
                        .iter()
                        .map(|v| v.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        let (min, max) = (self.scale.min(), self.scale.max());
        let scored: BTreeMap<&str, f64> = self
            .items
            .iter()
            .zip(answers)
            .map(|(item, &v)| {
                let v = if item.reverse { min + max - v } else { v };
                (item.id.as_str(), v as f64)
            })
            .collect();
        let combine = |values: Vec<f64>| -> f64 {
            let raw = match self.scoring.rule {
                Rule::Sum => values.iter().sum(),
                Rule::Mean if values.is_empty() => 0.0,
                Rule::Mean => values.iter().sum::<f64>() / values.len() as f64,
            };
            match self.scoring.transform {
                Some(t) => t.a * raw + t.b,
                None => raw,
            }
        };
        let total = combine(scored.values().copied().collect());
        let subscales = self
            .subscales
            .iter()
            .map(|(name, ids)| {
                let vals = ids
                    .iter()
                    .filter_map(|id| scored.get(id.as_str()).copied())
                    .collect();
                (name.clone(), combine(vals))
            })
            .collect();
        let help_now = self
            .items
            .iter()
            .zip(answers)
            .filter(|(item, v)| item.safety_threshold.is_some_and(|t| **v >= t))
            .map(|(item, _)| item.id.clone())
            .collect();
        Ok(Scores {
            total,
            subscales,
            help_now,
        })
    }

    /// The Reliable Change Index and classification of `later` against
    /// `baseline`, or None without norms.
    pub fn change(&self, baseline: f64, later: f64) -> Option<Change> {
        let norms = self.norms?;
        Some(reliable_change(
            baseline,
            later,
            norms,
            self.cutoff(),
            self.higher_is_better,
        ))
    }

    /// The clinical-significance cut-off (criterion a, b, c or published).
    pub fn cutoff(&self) -> Option<f64> {
        self.criterion().map(|(_, c)| c)
    }

    fn criterion(&self) -> Option<(CutoffCriterion, f64)> {
        self.cutoffs
            .as_ref()
            .and_then(|c| c.criterion(self.higher_is_better))
    }

    /// Which side of the cut-off `total` sits on, or None without one.
    /// A score exactly at the cut-off counts as the far side.
    pub fn band(&self, total: f64) -> Option<Band> {
        let (criterion, cutoff) = self.criterion()?;
        let typical = if self.higher_is_better {
            total > cutoff
        } else {
            total < cutoff
        };
        Some(Band {
            side: if typical {
                BandSide::Typical
            } else {
                BandSide::Beyond
            },
            cutoff,
            criterion,
        })
    }

    /// The instrument's note for a score on the far side of its cut-off.
    pub fn note_for(&self, total: f64) -> Option<&str> {
        match self.band(total) {
            Some(b) if b.side == BandSide::Beyond => self.cutoffs.as_ref()?.note.as_deref(),
            _ => None,
        }
    }
}

/// Checks a `[cutoffs]` table: a mean needs its SD (above 0) and the other
/// way round, and a published score stands alone.
fn check_cutoffs(
    file: &str,
    src: &str,
    spanned: Spanned<RawCutoffs>,
) -> Result<Cutoffs, ContentError> {
    let fail = |field: &str, message: &str| at(file, src, &spanned, field, message.to_string());
    let c = spanned.get_ref();
    for (group, mean, sd) in [
        ("functional", c.functional_mean, c.functional_sd),
        ("dysfunctional", c.dysfunctional_mean, c.dysfunctional_sd),
    ] {
        match (mean, sd) {
            (Some(_), None) => {
                return Err(fail(
                    &format!("cutoffs.{group}_sd"),
                    &format!(
                        "the {group} group's mean needs its standard deviation; add {group}_sd"
                    ),
                ))
            }
            (None, Some(_)) => {
                return Err(fail(
                    &format!("cutoffs.{group}_mean"),
                    &format!(
                        "the {group} group's standard deviation needs its mean; add {group}_mean"
                    ),
                ))
            }
            (Some(m), Some(sd)) if !m.is_finite() || !sd.is_finite() || sd <= 0.0 => {
                return Err(fail(
                    &format!("cutoffs.{group}_sd"),
                    "a standard deviation must be a number above 0",
                ))
            }
            _ => {}
        }
    }
    let groups = c.functional_mean.is_some() || c.dysfunctional_mean.is_some();
    match c.score {
        Some(s) if !s.is_finite() => {
            return Err(fail("cutoffs.score", "the cut-off score must be a number"))
        }
        Some(_) if groups => {
            return Err(fail(
                "cutoffs.score",
                "give either a published cut-off score or the groups' means and SDs, not both",
            ))
        }
        None if !groups => {
            return Err(fail(
                "cutoffs",
                "the cut-offs table needs a published `score`, or the mean and SD of a functional and/or a dysfunctional group",
            ))
        }
        _ => {}
    }
    let c = spanned.into_inner();
    Ok(Cutoffs {
        functional_mean: c.functional_mean,
        functional_sd: c.functional_sd,
        dysfunctional_mean: c.dysfunctional_mean,
        dysfunctional_sd: c.dysfunctional_sd,
        score: c.score,
        note: c
            .note
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
    })
}

/// Parses "3,2,4" into answers; the error names the position.
pub fn parse_answers(text: &str) -> Result<Vec<i64>, String> {
    text.split(',')
        .enumerate()
        .map(|(i, s)| {
            s.trim().parse::<i64>().map_err(|_| {
                format!(
                    "Answer {} (\"{}\") is not a whole number; give answers like 3,2,4.",
                    i + 1,
                    s.trim()
                )
            })
        })
        .collect()
}

/// Scores of one set of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub total: f64,
    pub subscales: BTreeMap<String, f64>,
    /// Items answered at or above their safety threshold.
    pub help_now: Vec<String>,
}

/// The four kinds of change Jacobson & Truax name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Recovered,
    Improved,
    Unchanged,
    Deteriorated,
}

impl Classification {
    /// The classification in a few kind words.
    pub fn word(&self) -> &'static str {
        match self {
            Classification::Recovered => "reliably improved, across the cut-off",
            Classification::Improved => "reliably improved",
            Classification::Unchanged => "no reliable change",
            Classification::Deteriorated => "reliably worse",
        }
    }

    /// A self-reflection sentence, never a diagnosis.
    pub fn sentence(&self) -> &'static str {
        match self {
            Classification::Recovered => "a change larger than measurement noise, and the score is now on the hoped-for side of the cut-off",
            Classification::Improved => "a change in the hoped-for direction that is larger than measurement noise",
            Classification::Unchanged => "within measurement noise of the first result; small moves here are normal",
            Classification::Deteriorated => "a change the other way that is larger than measurement noise; worth noticing kindly, and maybe talking over with someone you trust",
        }
    }
}

/// Reliable change of one result against the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    pub rci: f64,
    pub reliable: bool,
    pub classification: Classification,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<f64>,
}

/// S_E = sd·√(1−r); S_diff = √2·S_E; RCI = (x2 − x1) / S_diff.
pub fn rci(x1: f64, x2: f64, norms: Norms) -> f64 {
    let se = norms.sd * (1.0 - norms.reliability).sqrt();
    let sdiff = std::f64::consts::SQRT_2 * se;
    (x2 - x1) / sdiff
}

/// Classifies a change: recovered (reliable improvement that crossed the
/// cut-off into the functional range), improved, unchanged or deteriorated.
pub fn reliable_change(
    x1: f64,
    x2: f64,
    norms: Norms,
    cutoff: Option<f64>,
    higher_is_better: bool,
) -> Change {
    let rci = rci(x1, x2, norms);
    let reliable = rci.abs() > RELIABLE;
    let better = if higher_is_better {
        rci > 0.0
    } else {
        rci < 0.0
    };
    let functional = |x: f64, c: f64| if higher_is_better { x > c } else { x < c };
    let classification = if !reliable {
        Classification::Unchanged
    } else if !better {
        Classification::Deteriorated
    } else if cutoff.is_some_and(|c| !functional(x1, c) && functional(x2, c)) {
        Classification::Recovered
    } else {
        Classification::Improved
    };
    Change {
        rci,
        reliable,
        classification,
        cutoff,
    }
}

/// One item's answer as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub item: String,
    pub value: i64,
}

/// One completed questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentResult {
    pub id: String,
    pub instrument: String,
    pub taken_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub answers: Vec<Answer>,
    pub total: f64,
    #[serde(default)]
    pub subscales: BTreeMap<String, f64>,
    /// Item id → the person's own words (intake examples).
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
}

impl AssessmentResult {
    /// Scores `answers` and builds a result; the error is a sentence.
    pub fn new(
        instrument: &Instrument,
        answers: &[i64],
        notes: BTreeMap<String, String>,
        taken_at: DateTime<Utc>,
        date: NaiveDate,
    ) -> Result<(AssessmentResult, Scores), String> {
        let scores = instrument.score(answers)?;
        let mut clean = BTreeMap::new();
        for (k, v) in notes {
            if !instrument.items.iter().any(|i| i.id == k) {
                return Err(format!(
                    "There is no item \"{k}\" in \"{}\" to attach a note to.",
                    instrument.title
                ));
            }
            if let Some(v) = crate::text::optional("a note", Some(&v)).map_err(|e| e.to_string())? {
                clean.insert(k, v);
            }
        }
        Ok((
            AssessmentResult {
                id: crate::id::new_id(),
                instrument: instrument.id.clone(),
                taken_at: crate::clock::round(taken_at),
                date,
                answers: instrument
                    .items
                    .iter()
                    .zip(answers)
                    .map(|(i, &v)| Answer {
                        item: i.id.clone(),
                        value: v,
                    })
                    .collect(),
                total: scores.total,
                subscales: scores.subscales.clone(),
                notes: clean,
            },
            scores,
        ))
    }
}

/// One result in a history, with its reliable change against the first
/// result (the baseline) when the instrument has norms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    #[serde(flatten)]
    pub result: AssessmentResult,
    /// None for the baseline itself and for instruments without norms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    /// The side of the cut-off, for instruments with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
}

/// Results by date, oldest first, with each later one compared with the
/// first: the earliest-dated result is the baseline, whatever order the
/// results were entered in (a result entered for an earlier day comes first;
/// on the same day, the one entered first).
pub fn history(instrument: &Instrument, mut results: Vec<AssessmentResult>) -> Vec<HistoryEntry> {
    results.sort_by(|a, b| (a.date, a.taken_at, &a.id).cmp(&(b.date, b.taken_at, &b.id)));
    let baseline = results.first().map(|r| r.total);
    results
        .into_iter()
        .enumerate()
        .map(|(i, result)| {
            let change = match (i, baseline) {
                (0, _) | (_, None) => None,
                (_, Some(b)) => instrument.change(b, result.total),
            };
            let band = instrument.band(result.total);
            HistoryEntry {
                result,
                change,
                band,
            }
        })
        .collect()
}

/// Shipped instruments, then the person's own (`(file name, contents)`),
/// which override shipped ones with the same id. Any invalid file is an error.
pub fn load_all(own: &[(String, String)]) -> Result<Vec<Instrument>, ContentError> {
    let mut by_id: BTreeMap<String, Instrument> = BTreeMap::new();
    for (file, src) in SHIPPED {
        let i = Instrument::parse(file, src, "shipped")?;
        by_id.insert(i.id.clone(), i);
    }
    for (file, src) in own {
        let i = Instrument::parse(file, src, file)?;
        by_id.insert(i.id.clone(), i);
    }
    Ok(by_id.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
id = "t"
title = "Test"
[scale]
values = [0, 1, 2, 3]
labels = ["a", "b", "c", "d"]
[[items]]
id = "a"
text = "A"
[[items]]
id = "b"
text = "B"
"#;

    #[test]
    fn shipped_instruments_load() {
        let all = load_all(&[]).expect("shipped");
        assert_eq!(all.len(), SHIPPED.len(), "every shipped file loads");
        for id in [PERFECTIONISM_SNAPSHOT, "impostor-snapshot"] {
            let i = all.iter().find(|i| i.id == id).expect(id);
            assert!(i.norms.is_none(), "the snapshots carry no norms");
            assert!(i.licence.contains("Not a validated clinical instrument"));
        }
        // The published questionnaires carry norms, a cut-off, their source
        // and the reminder that a score is no diagnosis.
        for (id, source) in [(WHO5, "Topp"), (CBI_PERSONAL, "Kristensen")] {
            let i = shipped(id).expect(id);
            assert!(i.norms.is_some() && i.cutoff().is_some(), "{id}");
            assert!(i.licence.contains(source), "{id}");
            assert!(i.licence.contains("never a diagnosis"), "{id}");
        }
        assert!(shipped("nope").is_none());
    }

    #[test]
    fn who5_scores_raw_times_four() {
        let w = shipped(WHO5).expect("who-5");
        assert_eq!(w.items.len(), 5);
        assert!(w.higher_is_better);
        // 3+2+2+1+4 = 12 raw → 48.
        assert_eq!(w.score(&[3, 2, 2, 1, 4]).expect("scores").total, 48.0);
        assert_eq!(w.score(&[5, 5, 5, 5, 5]).expect("scores").total, 100.0);
        assert_eq!(w.score(&[0, 0, 0, 0, 0]).expect("scores").total, 0.0);
        assert!(
            w.score(&[6, 0, 0, 0, 0]).is_err(),
            "6 is not on the 0-5 scale"
        );
        // Norms: raw 14.32 (SD 5.26) × 4; S_E = 21.04·√0.13 = 7.5861,
        // S_diff = √2·7.5861 = 10.7284. 32 → 56: RCI = 24/10.7284 = 2.2371.
        let c = w.change(32.0, 56.0).expect("norms");
        assert!((c.rci - 2.237_05).abs() < 1e-4, "{}", c.rci);
        // Published cut-off 50: from 32 (at or below) to 56 (above) → across it.
        assert_eq!(c.classification, Classification::Recovered);
        assert_eq!(c.cutoff, Some(50.0));
        // 32 → 52: RCI = 20/10.7284 = 1.864, within measurement noise.
        let c = w.change(32.0, 52.0).expect("norms");
        assert_eq!(c.classification, Classification::Unchanged);
        // The band: 50 itself sits at the cut-off, with the kind note.
        let b = w.band(50.0).expect("cut-off");
        assert_eq!(
            (b.side, b.criterion),
            (BandSide::Beyond, CutoffCriterion::Published)
        );
        assert_eq!(
            b.words(true),
            "at or below the questionnaire's published cut-off"
        );
        assert!(w
            .note_for(48.0)
            .expect("note")
            .contains("talking with your doctor"));
        assert_eq!(w.band(52.0).expect("cut-off").side, BandSide::Typical);
        assert!(w.note_for(52.0).is_none());
    }

    #[test]
    fn cbi_personal_maps_answers_to_0_25_50_75_100_and_takes_the_mean() {
        let b = shipped(CBI_PERSONAL).expect("cbi");
        assert_eq!(b.items.len(), 6);
        assert!(!b.higher_is_better);
        // always, often, sometimes, seldom, never, often = 100, 75, 50, 25,
        // 0, 75 → mean 325/6 = 54.1667.
        let s = b.score(&[4, 3, 2, 1, 0, 3]).expect("scores");
        assert!((s.total - 54.166_667).abs() < 1e-5, "{}", s.total);
        assert_eq!(b.score(&[4; 6]).expect("scores").total, 100.0);
        assert_eq!(b.score(&[0; 6]).expect("scores").total, 0.0);
        // "I can't take it anymore" answered "always" shows help-now at once.
        assert_eq!(
            b.score(&[0, 0, 0, 4, 0, 0]).expect("scores").help_now,
            vec!["cant_take_it".to_string()]
        );
        // Norms 35.9 / 16.4 / 0.87: S_E = 16.4·√0.13 = 5.9131, S_diff =
        // 8.3624. 75 → 50: RCI = −25/8.3624 = −2.9896 (lower is better).
        let c = b.change(75.0, 50.0).expect("norms");
        assert!((c.rci - (-2.989_6)).abs() < 1e-4, "{}", c.rci);
        // Criterion b (only PUMA known): 35.9 + 2·16.4 = 68.7; 75 → 50
        // crosses it.
        assert!((c.cutoff.expect("b") - 68.7).abs() < 1e-9);
        assert_eq!(c.classification, Classification::Recovered);
        let band = b.band(75.0).expect("b");
        assert_eq!(
            (band.side, band.criterion),
            (BandSide::Beyond, CutoffCriterion::B)
        );
        assert_eq!(
            band.words(false),
            "higher than most people in the reference group"
        );
        assert_eq!(b.band(50.0).expect("b").side, BandSide::Typical);
    }

    #[test]
    fn criteria_a_b_c_and_a_published_score() {
        let both = Cutoffs {
            functional_mean: Some(10.0),
            functional_sd: Some(5.0),
            dysfunctional_mean: Some(30.0),
            dysfunctional_sd: Some(10.0),
            ..Cutoffs::default()
        };
        // c does not depend on the direction: (5·30 + 10·10)/15 = 16.6667.
        for dir in [true, false] {
            let (k, c) = both.criterion(dir).expect("c");
            assert_eq!(k, CutoffCriterion::C);
            assert!((c - 16.666_667).abs() < 1e-5);
        }
        let functional = Cutoffs {
            dysfunctional_mean: None,
            dysfunctional_sd: None,
            ..both.clone()
        };
        // b: two SDs from the functional mean towards the other group.
        assert_eq!(
            functional.criterion(false),
            Some((CutoffCriterion::B, 20.0))
        );
        assert_eq!(functional.criterion(true), Some((CutoffCriterion::B, 0.0)));
        let dysfunctional = Cutoffs {
            functional_mean: None,
            functional_sd: None,
            ..both.clone()
        };
        // a: two SDs from the dysfunctional mean towards function.
        assert_eq!(
            dysfunctional.criterion(false),
            Some((CutoffCriterion::A, 10.0))
        );
        assert_eq!(
            dysfunctional.criterion(true),
            Some((CutoffCriterion::A, 50.0))
        );
        let published = Cutoffs {
            score: Some(12.0),
            ..Cutoffs::default()
        };
        assert_eq!(
            published.criterion(true),
            Some((CutoffCriterion::Published, 12.0))
        );
        assert_eq!(Cutoffs::default().criterion(true), None);
    }

    #[test]
    fn history_marks_each_result_with_its_band() {
        let src = format!(
            "{BASE}[norms]\nmean = 3.0\nsd = 1.0\nreliability = 0.8\n[cutoffs]\nfunctional_mean = 1.0\nfunctional_sd = 1.0\n"
        );
        // Lower is better (the default); b = 1 + 2 = 3.
        let i = Instrument::parse("t.toml", &src, "shipped").expect("valid");
        let at = |d: u32| {
            let date = NaiveDate::from_ymd_opt(2026, 1, d).expect("date");
            let (r, _) = AssessmentResult::new(
                &i,
                &[if d == 1 { 3 } else { 0 }, if d == 1 { 2 } else { 1 }],
                BTreeMap::new(),
                DateTime::parse_from_rfc3339("2026-01-02T20:00:00Z")
                    .expect("instant")
                    .with_timezone(&Utc),
                date,
            )
            .expect("valid");
            r
        };
        let h = history(&i, vec![at(1), at(2)]);
        // 5 → 1: past b (3) on the far side, then back within it.
        assert_eq!(h[0].band.expect("band").side, BandSide::Beyond);
        assert!(h[0].change.is_none());
        assert_eq!(h[1].band.expect("band").side, BandSide::Typical);
        let json = serde_json::to_value(&h[1]).expect("json");
        assert_eq!(json["band"]["side"], "typical");
        assert_eq!(json["band"]["criterion"], "b");
        assert_eq!(json["band"]["cutoff"], 3.0);
    }

    #[test]
    fn cutoff_tables_that_cannot_work_are_refused() {
        for (table, needle) in [
            ("functional_mean = 2.0\n", "cutoffs.functional_sd"),
            ("dysfunctional_sd = 2.0\n", "cutoffs.dysfunctional_mean"),
            ("functional_mean = 2.0\nfunctional_sd = 0.0\n", "above 0"),
            (
                "score = 2.0\nfunctional_mean = 2.0\nfunctional_sd = 1.0\n",
                "not both",
            ),
            ("note = \"hello\"\n", "needs a published `score`"),
            ("scor = 2.0\n", "unknown field"),
        ] {
            let src = format!("{BASE}[cutoffs]\n{table}");
            let e = Instrument::parse("k.toml", &src, "x").expect_err(table);
            assert!(e.to_string().contains("k.toml"), "{e}");
            assert!(e.to_string().contains(needle), "{table}: {e}");
        }
    }

    #[test]
    fn rci_hand_computed() {
        // sd = 10, r = 0.84: S_E = 10·√0.16 = 4; S_diff = √2·4 = 5.6569.
        // x1 = 30, x2 = 20: RCI = −10 / 5.6569 = −1.7678 → not reliable.
        let n = Norms {
            mean: 25.0,
            sd: 10.0,
            reliability: 0.84,
        };
        let r = rci(30.0, 20.0, n);
        assert!((r - (-1.767_767)).abs() < 1e-5, "{r}");
        let c = reliable_change(30.0, 20.0, n, None, false);
        assert_eq!(c.classification, Classification::Unchanged);
        // x1 = 30, x2 = 18: RCI = −12 / 5.6569 = −2.1213 → reliable improvement
        // (lower is better); no cut-off → improved.
        let c = reliable_change(30.0, 18.0, n, None, false);
        assert!((c.rci - (-2.121_320)).abs() < 1e-5);
        assert_eq!(c.classification, Classification::Improved);
        // Same change upward with lower-is-better: deteriorated.
        let c = reliable_change(18.0, 30.0, n, None, false);
        assert_eq!(c.classification, Classification::Deteriorated);
        // Higher is better flips it: improved.
        let c = reliable_change(18.0, 30.0, n, None, true);
        assert_eq!(c.classification, Classification::Improved);
    }

    #[test]
    fn cutoff_and_recovery() {
        // c = (sd_f·mean_d + sd_d·mean_f)/(sd_f+sd_d)
        //   = (5·30 + 10·10)/(5+10) = (150 + 100)/15 = 16.6667.
        let cut = Cutoffs {
            functional_mean: Some(10.0),
            functional_sd: Some(5.0),
            dysfunctional_mean: Some(30.0),
            dysfunctional_sd: Some(10.0),
            ..Cutoffs::default()
        };
        let (_, c) = cut.criterion(false).expect("c");
        assert!((c - 16.666_667).abs() < 1e-5);
        // sd = 8, r = 0.75: S_E = 8·0.5 = 4, S_diff = 5.6569.
        // 28 → 15: RCI = −13/5.6569 = −2.298, reliable, and 15 < 16.67 from
        // 28 > 16.67 → recovered.
        let n = Norms {
            mean: 20.0,
            sd: 8.0,
            reliability: 0.75,
        };
        let c = reliable_change(28.0, 15.0, n, Some(c), false);
        assert!((c.rci - (-2.298_097)).abs() < 1e-5);
        assert_eq!(c.classification, Classification::Recovered);
        // 35 → 20: RCI = −15/5.6569 = −2.652, reliable but 20 > 16.67 → improved.
        let c = reliable_change(35.0, 20.0, n, cut.criterion(false).map(|(_, c)| c), false);
        assert_eq!(c.classification, Classification::Improved);
    }

    #[test]
    fn scoring_with_reverse_mean_and_transform() {
        let src = format!(
            "{BASE}[scoring]\nrule = \"mean\"\nreverse = [\"b\"]\ntransform = {{ a = 10.0, b = 1.0 }}\n[subscales]\nonly_b = [\"b\"]\n"
        );
        let i = Instrument::parse("t.toml", &src, "shipped").expect("valid");
        // a = 1; b = 0 reversed = 0 + 3 − 0 = 3; mean = 2; 10·2 + 1 = 21.
        let s = i.score(&[1, 0]).expect("scores");
        assert_eq!(s.total, 21.0);
        // only_b: mean of 3 = 3; 10·3 + 1 = 31.
        assert_eq!(s.subscales["only_b"], 31.0);
    }

    #[test]
    fn wrong_answers_name_the_item() {
        let i = Instrument::parse("t.toml", BASE, "shipped").expect("valid");
        let e = i.score(&[1]).expect_err("refused");
        assert!(e.contains("2 items but 1 answers"), "{e}");
        let e = i.score(&[1, 7]).expect_err("refused");
        assert!(e.contains("item \"b\""), "{e}");
        assert!(parse_answers("1,x")
            .expect_err("refused")
            .contains("Answer 2"));
    }

    #[test]
    fn safety_threshold_flags_help_now() {
        let src = BASE.replace("text = \"B\"", "text = \"B\"\nsafety_threshold = 2");
        let i = Instrument::parse("t.toml", &src, "shipped").expect("valid");
        assert_eq!(
            i.score(&[3, 2]).expect("ok").help_now,
            vec!["b".to_string()]
        );
        assert!(i.score(&[3, 1]).expect("ok").help_now.is_empty());
    }

    #[test]
    fn validation_errors_name_file_line_and_field() {
        let missing = BASE.replace(
            "[scale]\nvalues = [0, 1, 2, 3]\nlabels = [\"a\", \"b\", \"c\", \"d\"]\n",
            "",
        );
        let e = Instrument::parse("m.toml", &missing, "x").expect_err("refused");
        assert!(
            e.to_string().contains("m.toml") && e.message.contains("`scale`"),
            "{e}"
        );

        let dup = BASE.replace("id = \"b\"", "id = \"a\"");
        let e = Instrument::parse("d.toml", &dup, "x").expect_err("refused");
        assert_eq!(e.line, Some(11), "{e}");
        assert!(
            e.message.contains("items[1].id") && e.message.contains("twice"),
            "{e}"
        );

        let rev = format!("{BASE}[scoring]\nreverse = [\"zz\"]\n");
        let e = Instrument::parse("r.toml", &rev, "x").expect_err("refused");
        assert_eq!(e.line, Some(14), "{e}");
        assert!(
            e.message.contains("scoring.reverse[0]") && e.message.contains("zz"),
            "{e}"
        );

        let rel = format!("{BASE}[norms]\nmean = 1.0\nsd = 1.0\nreliability = 1.5\n");
        let e = Instrument::parse("n.toml", &rel, "x").expect_err("refused");
        assert_eq!(e.line, Some(16), "{e}");
        assert!(
            e.message.contains("norms.reliability") && e.message.contains("1.5"),
            "{e}"
        );

        let sub = format!("{BASE}[subscales]\ns = [\"a\", \"q\"]\n");
        let e = Instrument::parse("s.toml", &sub, "x").expect_err("refused");
        assert!(
            e.message.contains("subscales.s[1]") && e.message.contains("\"q\""),
            "{e}"
        );

        let bad = "id = \"t\"\ntitle = 3\n";
        let e = Instrument::parse("p.toml", bad, "x").expect_err("refused");
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn history_is_by_date_and_the_earliest_result_is_the_baseline() {
        let src = format!("{BASE}[norms]\nmean = 3.0\nsd = 1.0\nreliability = 0.8\n");
        let i = Instrument::parse("t.toml", &src, "test").expect("valid");
        let at = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .expect("instant")
                .with_timezone(&Utc)
        };
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        // Entered first, dated later.
        let (later, _) = AssessmentResult::new(
            &i,
            &[3, 3],
            BTreeMap::new(),
            at("2026-05-01T20:00:00Z"),
            day("2026-04-30"),
        )
        .expect("valid");
        // Entered afterwards for an earlier day.
        let (earlier, _) = AssessmentResult::new(
            &i,
            &[0, 1],
            BTreeMap::new(),
            at("2026-05-02T20:00:00Z"),
            day("2026-03-01"),
        )
        .expect("valid");
        let h = history(&i, vec![later.clone(), earlier.clone()]);
        let dates: Vec<NaiveDate> = h.iter().map(|e| e.result.date).collect();
        assert_eq!(dates, [day("2026-03-01"), day("2026-04-30")]);
        assert_eq!(h[0].result.id, earlier.id);
        assert!(h[0].change.is_none(), "the earliest is the baseline");
        let c = h[1].change.expect("compared with the baseline");
        assert_eq!(c, i.change(earlier.total, later.total).expect("norms"));
    }
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    #[test]
    fn worked_example_in_the_docs_loads_and_scores_as_written() {
        let doc = include_str!("../../../docs/instrument-format.md");
        let start = doc.find("```toml\n").expect("toml block") + "```toml\n".len();
        let end = start + doc[start..].find("```").expect("block end");
        let i = Instrument::parse("instrument-format.md", &doc[start..end], "doc").expect("valid");
        assert_eq!(i.id, "example-evening-calm");
        let first = i.score(&[2, 4, 2, 1]).expect("scores");
        let later = i.score(&[4, 2, 4, 1]).expect("scores");
        assert_eq!((first.total, later.total), (7.0, 13.0));
        let c = i.change(first.total, later.total).expect("norms");
        // 6 / (√2 · 3 · √0.2) = 6 / 1.8974 = 3.162
        assert!((c.rci - 3.162_278).abs() < 1e-5, "{}", c.rci);
        assert!((c.cutoff.expect("cutoff") - 12.272_727).abs() < 1e-5);
        assert_eq!(c.classification, Classification::Recovered);
        assert_eq!(
            i.score(&[1, 1, 1, 5]).expect("ok").help_now,
            vec!["hopeless"]
        );
    }
}
