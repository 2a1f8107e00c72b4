//! Reading a programme file: TOML with spans, so every problem names the
//! file, the line and the field; and loading the shipped and own files.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use toml::Spanned;

use crate::joy::Day;

use super::*;

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
            message: one_line(message.into()),
        });
    }

    fn whole(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.list.push(ProgrammeError {
            file: self.file.to_string(),
            line: None,
            field: field.into(),
            message: one_line(message.into()),
        });
    }
}

pub(super) fn is_slug(s: &str) -> bool {
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
                message: crate::content::plain_words(e.message().trim()),
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

/// A problem's message on one line: a value quoted from the file may hold a
/// line break or a tab (a string cut short by an edit), and the problems are
/// listed one per line, so each control character is shown as a space.
fn one_line(message: String) -> String {
    if message.chars().any(char::is_control) {
        message
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    } else {
        message
    }
}
