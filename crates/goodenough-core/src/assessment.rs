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
];

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

/// Means and SDs of a functional and a dysfunctional group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cutoffs {
    pub functional_mean: f64,
    pub functional_sd: f64,
    pub dysfunctional_mean: f64,
    pub dysfunctional_sd: f64,
}

impl Cutoffs {
    /// Jacobson & Truax criterion c: the point between the two groups,
    /// weighted by their SDs: (sd_f·mean_d + sd_d·mean_f) / (sd_f + sd_d).
    pub fn c(&self) -> f64 {
        (self.functional_sd * self.dysfunctional_mean
            + self.dysfunctional_sd * self.functional_mean)
            / (self.functional_sd + self.dysfunctional_sd)
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
    cutoffs: Option<Cutoffs>,
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
        let raw: RawInstrument =
            toml::from_str(src).map_err(|e| ContentError::toml(file, src, &e))?;
        let id = raw.id.get_ref().trim().to_string();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(at(
                file,
                src,
                &raw.id,
                "id",
                "an instrument id uses only letters, digits, '-' and '_'".into(),
            ));
        }
        let Some(scale) = raw.scale else {
            return Err(ContentError::field(
                file,
                "scale",
                "the response scale is missing; add a [scale] table with `values` and `labels`"
                    .into(),
            ));
        };
        if scale.values.is_empty() {
            return Err(ContentError::field(
                file,
                "scale.values",
                "the scale needs at least one value".into(),
            ));
        }
        if scale.labels.len() != scale.values.len() {
            return Err(ContentError::field(
                file,
                "scale.labels",
                format!(
                    "there are {} labels for {} values; give one label per value (an empty string is fine)",
                    scale.labels.len(),
                    scale.values.len()
                ),
            ));
        }
        if raw.items.is_empty() {
            return Err(ContentError::field(
                file,
                "items",
                "the instrument has no items; add at least one [[items]] table".into(),
            ));
        }
        let mut seen = BTreeSet::new();
        for (i, item) in raw.items.iter().enumerate() {
            if !seen.insert(item.id.get_ref().clone()) {
                return Err(at(
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
            if let Some(t) = &item.safety_threshold {
                if *t.get_ref() < scale.min() || *t.get_ref() > scale.max() {
                    return Err(at(
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
                return Err(at(
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
                    return Err(at(
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
                if !(0.0..=1.0).contains(&r) || r.is_nan() {
                    return Err(at(
                        file,
                        src,
                        &n.reliability,
                        "norms.reliability",
                        format!("the reliability {r} is outside 0 to 1"),
                    ));
                }
                if r >= 1.0 {
                    // Perfect reliability would make every change "reliable".
                    return Err(at(
                        file,
                        src,
                        &n.reliability,
                        "norms.reliability",
                        "a reliability of 1 leaves no measurement error; give the published figure below 1".into(),
                    ));
                }
                let sd = *n.sd.get_ref();
                if sd <= 0.0 || sd.is_nan() {
                    return Err(at(
                        file,
                        src,
                        &n.sd,
                        "norms.sd",
                        "the standard deviation must be above 0".into(),
                    ));
                }
                Some(Norms {
                    mean: n.mean,
                    sd,
                    reliability: r,
                })
            }
        };
        if let Some(c) = &raw.cutoffs {
            if c.functional_sd <= 0.0 || c.dysfunctional_sd <= 0.0 {
                return Err(ContentError::field(
                    file,
                    "cutoffs",
                    "both standard deviations must be above 0".into(),
                ));
            }
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
            cutoffs: raw.cutoffs,
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
            self.cutoffs.map(|c| c.c()),
            self.higher_is_better,
        ))
    }
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
    /// A self-reflection sentence, never a diagnosis.
    pub fn sentence(&self) -> &'static str {
        match self {
            Classification::Recovered => "a change larger than measurement noise, and the score now sits on the side of the cut-off where most people without this difficulty score",
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
}

/// Results (oldest first) with each later one compared with the first.
pub fn history(instrument: &Instrument, results: Vec<AssessmentResult>) -> Vec<HistoryEntry> {
    let baseline = results.first().map(|r| r.total);
    results
        .into_iter()
        .enumerate()
        .map(|(i, result)| {
            let change = match (i, baseline) {
                (0, _) | (_, None) => None,
                (_, Some(b)) => instrument.change(b, result.total),
            };
            HistoryEntry { result, change }
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
        assert!(all.iter().any(|i| i.id == PERFECTIONISM_SNAPSHOT));
        assert!(all.iter().any(|i| i.id == "impostor-snapshot"));
        for i in &all {
            assert!(i.norms.is_none(), "shipped snapshots carry no norms");
            assert!(i.licence.contains("Not a validated clinical instrument"));
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
            functional_mean: 10.0,
            functional_sd: 5.0,
            dysfunctional_mean: 30.0,
            dysfunctional_sd: 10.0,
        };
        assert!((cut.c() - 16.666_667).abs() < 1e-5);
        // sd = 8, r = 0.75: S_E = 8·0.5 = 4, S_diff = 5.6569.
        // 28 → 15: RCI = −13/5.6569 = −2.298, reliable, and 15 < 16.67 from
        // 28 > 16.67 → recovered.
        let n = Norms {
            mean: 20.0,
            sd: 8.0,
            reliability: 0.75,
        };
        let c = reliable_change(28.0, 15.0, n, Some(cut.c()), false);
        assert!((c.rci - (-2.298_097)).abs() < 1e-5);
        assert_eq!(c.classification, Classification::Recovered);
        // 35 → 20: RCI = −15/5.6569 = −2.652, reliable but 20 > 16.67 → improved.
        let c = reliable_change(35.0, 20.0, n, Some(cut.c()), false);
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
