//! The export format: one versioned JSON document holding every record of a
//! person, one top-level array per record kind. The same document is what
//! `import` restores, so it is parsed strictly and validated record by record
//! before anything is written. Documented in `docs/export-format.md`.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::checkin::CheckIn;
use crate::journal::{Setback, Win};
use crate::settings::Settings;
use crate::thought::ThoughtRecord;

pub mod csv;
mod facts;
pub mod kinds;

/// The marker in every export.
pub const FORMAT_MARKER: &str = "goodenough-export";
/// The newest format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A complete export of one person's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExportDoc {
    /// Always `goodenough-export`.
    pub format: String,
    /// The format version (1).
    pub format_version: u32,
    pub exported_at: DateTime<Utc>,
    pub settings: Settings,
    #[serde(default)]
    pub checkins: Vec<CheckIn>,
    #[serde(default)]
    pub thoughts: Vec<ThoughtRecord>,
    #[serde(default)]
    pub wins: Vec<Win>,
    #[serde(default)]
    pub setbacks: Vec<Setback>,
    /// Times of saying no.
    #[serde(default)]
    pub noes: Vec<crate::boundaries::NoRecord>,
    /// Delegations.
    #[serde(default)]
    pub delegations: Vec<crate::boundaries::Delegation>,
    /// Blameless mistake reviews.
    #[serde(default)]
    pub mistakes: Vec<crate::boundaries::MistakeReview>,
    /// Commits from git scans: hash and authoring instant only.
    #[serde(default)]
    pub git_commits: Vec<crate::gitsignals::GitCommit>,
    /// Exposure ladder rungs.
    #[serde(default)]
    pub rungs: Vec<crate::experiment::Rung>,
    /// Behavioural experiments (planned and recorded).
    #[serde(default)]
    pub experiments: Vec<crate::experiment::Experiment>,
    #[serde(default)]
    pub timeboxes: Vec<crate::timebox::Timebox>,
    /// Completed questionnaires (assessments), oldest first.
    #[serde(default)]
    pub assessments: Vec<crate::assessment::AssessmentResult>,
    /// Hobbies.
    #[serde(default)]
    pub hobbies: Vec<crate::joy::Hobby>,
    /// Recurring personal-time blocks.
    #[serde(default)]
    pub blocks: Vec<crate::joy::Block>,
    /// Whether each block occurrence was kept.
    #[serde(default)]
    pub block_occurrences: Vec<crate::joy::Occurrence>,
    /// Minutes of joy.
    #[serde(default)]
    pub joy_logs: Vec<crate::joy::JoyLog>,
    /// Vacations and rest days.
    #[serde(default)]
    pub rests: Vec<crate::joy::Rest>,
    /// The inner critic profile, if described.
    #[serde(default)]
    pub critic: Option<crate::awareness::CriticProfile>,
    /// Values and roles beyond work.
    #[serde(default)]
    pub values: Vec<crate::awareness::LifeValue>,
    /// Minutes of mindfulness practice.
    #[serde(default)]
    pub practice_logs: Vec<crate::awareness::PracticeLog>,
    /// Weekly reviews: the week's figures beside the reflection.
    #[serde(default)]
    pub reviews: Vec<crate::review::WeeklyReview>,
    /// Programme enrolments (at most one running).
    #[serde(default)]
    pub enrolments: Vec<crate::programme::Enrolment>,
    /// The evidence log: accomplishments and praise with their attribution.
    #[serde(default)]
    pub evidence: Vec<crate::evidence::EvidenceEntry>,
    /// The local dates on which the product showed the person crisis help
    /// (Help now), the date only and never what was written; oldest first.
    /// Left out when there is none. An import keeps them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub help_shown_on: Vec<NaiveDate>,
    /// The person's coaches, every version of what they shared with each,
    /// and the access log of every coach read. Left out when there is none.
    /// For the person to keep: an import reads it but recreates nothing
    /// (a link involves a second person, on another server).
    #[serde(default, skip_serializing_if = "Coaching::is_empty")]
    pub coaching: Coaching,
}

/// The coaching practice's records about the person, in an export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Coaching {
    /// Every coach the person was linked with, oldest first.
    #[serde(default)]
    pub coaches: Vec<CoachRecord>,
    /// Every read or write a coach made or tried, oldest first.
    #[serde(default)]
    pub access_log: Vec<AccessRecord>,
    /// The session notes coaches shared with the person, oldest first
    /// (private notes are the coach's and are not in it).
    #[serde(default)]
    pub session_notes: Vec<NoteRecord>,
    /// The steps coaches gave the person, by due date, oldest first.
    #[serde(default)]
    pub assignments: Vec<AssignmentRecord>,
    /// The programmes coaches offered the person, with their answer and
    /// the copy of each programme as offered, oldest first.
    #[serde(default)]
    pub programme_offers: Vec<OfferRecord>,
}

impl Coaching {
    /// Nothing to say: no coach, no log, no note.
    pub fn is_empty(&self) -> bool {
        self.coaches.is_empty()
            && self.access_log.is_empty()
            && self.session_notes.is_empty()
            && self.assignments.is_empty()
            && self.programme_offers.is_empty()
    }
}

/// A programme a coach offered a client: the same shape in the export,
/// the API and `--json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferRecord {
    pub id: String,
    pub coach_name: String,
    pub client_name: String,
    /// The id inside the programme's file.
    pub programme_id: String,
    pub title: String,
    /// The programme's summary, while its copy reads on this server.
    #[serde(default)]
    pub summary: Option<String>,
    /// Its length in weeks, while its copy reads on this server.
    #[serde(default)]
    pub weeks: Option<u32>,
    /// The coach's note (may be empty).
    pub note: String,
    pub offered_at: DateTime<Utc>,
    /// offered (waiting for the client), accepted or declined.
    pub status: String,
    /// The client's reason for declining.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub decided_at: Option<DateTime<Utc>>,
    /// The programme's TOML as it was offered (an accepted one is the
    /// client's copy, which their enrolment runs).
    pub body: String,
}

/// A session note a coach shared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoteRecord {
    pub coach_name: String,
    pub session_date: NaiveDate,
    pub agenda: String,
    pub notes: String,
    pub created_at: DateTime<Utc>,
}

/// A step a coach gave the person, with where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignmentRecord {
    pub coach_name: String,
    /// The kind's key (see `goodenough assignments`).
    pub kind: String,
    /// The step in words.
    pub title: String,
    pub note: String,
    pub due: NaiveDate,
    pub assigned_at: DateTime<Utc>,
    /// open, done or not_for_me.
    pub status: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
}

/// One coaching link, with every version of the consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CoachRecord {
    pub coach_name: String,
    pub started_at: DateTime<Utc>,
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
    /// Oldest first; the last one was in force.
    pub consent: Vec<ConsentRecord>,
}

/// One version of what was shared with a coach: category key -> the first
/// date shared (`null`: every date).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsentRecord {
    pub version: i64,
    pub changed_at: DateTime<Utc>,
    pub shared: std::collections::BTreeMap<String, Option<NaiveDate>>,
}

/// One line of the access log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccessRecord {
    pub at: DateTime<Utc>,
    pub coach_name: String,
    pub category: String,
    pub action: String,
    pub target: String,
    pub allowed: bool,
}

/// Why a file cannot be imported. Nothing is written when this is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("The file is not valid JSON ({0}). It may be truncated or not a goodenough export; nothing was imported.")]
    NotJson(String),
    #[error("The file is JSON but not a goodenough export (no \"format\": \"goodenough-export\"); nothing was imported.")]
    Foreign,
    #[error("The export has format version {0}, newer than this goodenough understands ({FORMAT_VERSION}). Update goodenough and try again; nothing was imported.")]
    TooNew(u32),
    #[error("The export is malformed: {0}. Nothing was imported.")]
    Malformed(String),
    #[error("The export has an invalid record at {at}: {message} Nothing was imported.")]
    Invalid { at: String, message: String },
}

/// Cleans every string of an imported file as typed text is cleaned
/// ([`crate::text::clean`]), so an old export or a hand-made file brings no
/// control characters in.
fn clean_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if s.chars().any(char::is_control) => {
            *s = crate::text::clean(s);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(clean_strings),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(clean_strings),
        _ => {}
    }
}

impl ExportDoc {
    /// A new document for the given records.
    pub fn new(
        settings: Settings,
        checkins: Vec<CheckIn>,
        thoughts: Vec<ThoughtRecord>,
        wins: Vec<Win>,
        setbacks: Vec<Setback>,
        exported_at: DateTime<Utc>,
    ) -> ExportDoc {
        ExportDoc {
            format: FORMAT_MARKER.to_string(),
            format_version: FORMAT_VERSION,
            exported_at,
            settings,
            checkins,
            thoughts,
            wins,
            setbacks,
            noes: Vec::new(),
            delegations: Vec::new(),
            mistakes: Vec::new(),
            git_commits: Vec::new(),
            rungs: Vec::new(),
            experiments: Vec::new(),
            timeboxes: Vec::new(),
            assessments: Vec::new(),
            hobbies: Vec::new(),
            blocks: Vec::new(),
            block_occurrences: Vec::new(),
            joy_logs: Vec::new(),
            rests: Vec::new(),
            critic: None,
            values: Vec::new(),
            practice_logs: Vec::new(),
            reviews: Vec::new(),
            enrolments: Vec::new(),
            evidence: Vec::new(),
            help_shown_on: Vec::new(),
            coaching: Coaching::default(),
        }
    }

    /// Parses and validates an export. Every record is checked before the
    /// caller writes anything.
    pub fn parse(src: &str) -> Result<ExportDoc, ImportError> {
        let value: serde_json::Value =
            serde_json::from_str(src).map_err(|e| ImportError::NotJson(e.to_string()))?;
        let obj = value.as_object().ok_or(ImportError::Foreign)?;
        if obj.get("format").and_then(|f| f.as_str()) != Some(FORMAT_MARKER) {
            return Err(ImportError::Foreign);
        }
        let version = obj
            .get("format_version")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| {
                ImportError::Malformed("format_version is missing or not a number".into())
            })?;
        let version = u32::try_from(version).map_err(|_| ImportError::TooNew(u32::MAX))?;
        if version > FORMAT_VERSION {
            return Err(ImportError::TooNew(version));
        }
        let mut value = value;
        clean_strings(&mut value);
        let doc: ExportDoc = serde_json::from_value(value).map_err(|e| {
            let mut msg = crate::content::plain_words(&e.to_string());
            if msg.contains("unknown field") {
                // A newer goodenough may have added a kind of record; refusing
                // beats silently dropping those records.
                msg.push_str(" (the file may come from a newer goodenough; updating may help)");
            }
            ImportError::Malformed(msg)
        })?;
        doc.validate()?;
        Ok(doc)
    }

    /// Checks every date against the dates a person could mean
    /// ([`crate::clock`]): no date before 1970, and nothing that happened
    /// (check-ins, thought records, wins, setbacks, noes, delegations, mistake
    /// reviews, climbed rungs, experiment results, questionnaires, kept or
    /// skipped blocks, joy and practice logs, the start of a rest, reviewed
    /// weeks, evidence) dated after `today`, the person's local date. Planned
    /// dates (an experiment's due date, a programme's start) may be later.
    /// Separate from [`ExportDoc::parse`] because it needs the person's today.
    pub fn check_dates(&self, today: NaiveDate) -> Result<(), ImportError> {
        use crate::clock::check_date as planned;
        let happened = |what: &'static str| move |d| crate::clock::check_happened(what, d, today);
        let dates =
            |kind: &str,
             dates: Vec<(usize, NaiveDate)>,
             check: &dyn Fn(NaiveDate) -> Result<(), crate::ValidationError>| {
                dates.into_iter().try_for_each(|(i, d)| {
                    check(d).map_err(|e| ImportError::Invalid {
                        at: format!("{kind}[{i}]"),
                        message: e.to_string(),
                    })
                })
            };
        fn all<T>(items: &[T], date: impl Fn(&T) -> Option<NaiveDate>) -> Vec<(usize, NaiveDate)> {
            items
                .iter()
                .enumerate()
                .filter_map(|(i, t)| Some((i, date(t)?)))
                .collect()
        }
        dates(
            "checkins",
            all(&self.checkins, |c| Some(c.date)),
            &happened("a check-in"),
        )?;
        dates(
            "thoughts",
            all(&self.thoughts, |t| Some(t.date)),
            &happened("a thought record"),
        )?;
        dates(
            "wins",
            all(&self.wins, |w| Some(w.date)),
            &happened("a win"),
        )?;
        dates(
            "setbacks",
            all(&self.setbacks, |s| Some(s.date)),
            &happened("a setback"),
        )?;
        dates("noes", all(&self.noes, |n| Some(n.date)), &happened("a no"))?;
        dates(
            "delegations",
            all(&self.delegations, |d| Some(d.date)),
            &happened("a delegation"),
        )?;
        dates(
            "mistakes",
            all(&self.mistakes, |m| Some(m.date)),
            &happened("a mistake review"),
        )?;
        dates(
            "rungs",
            all(&self.rungs, |r| r.done_on),
            &happened("a climbed rung"),
        )?;
        dates(
            "experiments",
            all(&self.experiments, |e| Some(e.date)),
            &planned,
        )?;
        dates("experiments", all(&self.experiments, |e| e.due), &planned)?;
        let outcome = |e: &crate::experiment::Experiment| e.result.as_ref().map(|r| r.date);
        dates(
            "experiments",
            all(&self.experiments, outcome),
            &happened("an experiment's outcome"),
        )?;
        dates(
            "assessments",
            all(&self.assessments, |a| Some(a.date)),
            &happened("a questionnaire"),
        )?;
        let occurrences = all(&self.block_occurrences, |o| Some(o.date));
        dates(
            "block_occurrences",
            occurrences,
            &happened("a kept or skipped block"),
        )?;
        dates(
            "joy_logs",
            all(&self.joy_logs, |l| Some(l.date)),
            &happened("a joy log"),
        )?;
        dates(
            "rests",
            all(&self.rests, |r| Some(r.from)),
            &happened("a rest"),
        )?;
        dates("rests", all(&self.rests, |r| Some(r.to)), &planned)?;
        let practice = all(&self.practice_logs, |l| Some(l.date));
        dates("practice_logs", practice, &happened("a practice log"))?;
        dates(
            "reviews",
            all(&self.reviews, |r| Some(r.week_start)),
            &happened("a weekly review"),
        )?;
        dates(
            "evidence",
            all(&self.evidence, |e| Some(e.date)),
            &happened("an evidence entry"),
        )?;
        dates(
            "enrolments",
            all(&self.enrolments, |e| Some(e.started_on)),
            &planned,
        )?;
        dates(
            "enrolments",
            all(&self.enrolments, |e| e.stopped_on),
            &planned,
        )?;
        Ok(())
    }

    /// Validates every record and the uniqueness of ids and check-in dates.
    pub fn validate(&self) -> Result<(), ImportError> {
        let invalid = |at: String, e: crate::ValidationError| ImportError::Invalid {
            at,
            message: e.to_string(),
        };
        self.settings
            .validate()
            .map_err(|e| invalid("settings".into(), e))?;
        let mut ids = HashSet::new();
        let mut dates = HashSet::new();
        let mut check_id = |kind: &str, i: usize, id: &str| -> Result<(), ImportError> {
            if id.trim().is_empty() || id.len() > 64 {
                return Err(ImportError::Invalid {
                    at: format!("{kind}[{i}]"),
                    message: "the id is empty or longer than 64 characters.".into(),
                });
            }
            if !ids.insert(id.to_string()) {
                return Err(ImportError::Invalid {
                    at: format!("{kind}[{i}]"),
                    message: format!("the id {id} appears twice."),
                });
            }
            Ok(())
        };
        for (i, c) in self.checkins.iter().enumerate() {
            check_id("checkins", i, &c.id)?;
            c.validate()
                .map_err(|e| invalid(format!("checkins[{i}]"), e))?;
            if !dates.insert(c.date) {
                return Err(ImportError::Invalid {
                    at: format!("checkins[{i}]"),
                    message: format!("there are two check-ins for {}.", c.date),
                });
            }
        }
        for (i, a) in self.assessments.iter().enumerate() {
            check_id("assessments", i, &a.id)?;
            if a.instrument.trim().is_empty() || !a.total.is_finite() {
                return Err(ImportError::Invalid {
                    at: format!("assessments[{i}]"),
                    message: "the instrument id is empty or the total is not a number.".into(),
                });
            }
        }
        for (i, t) in self.thoughts.iter().enumerate() {
            check_id("thoughts", i, &t.id)?;
            t.validate()
                .map_err(|e| invalid(format!("thoughts[{i}]"), e))?;
        }
        for (i, w) in self.wins.iter().enumerate() {
            check_id("wins", i, &w.id)?;
            w.validate().map_err(|e| invalid(format!("wins[{i}]"), e))?;
        }
        for (i, s) in self.setbacks.iter().enumerate() {
            check_id("setbacks", i, &s.id)?;
            s.validate()
                .map_err(|e| invalid(format!("setbacks[{i}]"), e))?;
        }
        if let Some(c) = &self.critic {
            c.validate().map_err(|e| invalid("critic".into(), e))?;
        }
        for (i, v) in self.values.iter().enumerate() {
            check_id("values", i, &v.id)?;
            v.validate()
                .map_err(|e| invalid(format!("values[{i}]"), e))?;
        }
        for (i, l) in self.practice_logs.iter().enumerate() {
            check_id("practice_logs", i, &l.id)?;
            l.validate()
                .map_err(|e| invalid(format!("practice_logs[{i}]"), e))?;
        }
        for (i, r) in self.reviews.iter().enumerate() {
            check_id("reviews", i, &r.id)?;
            r.validate()
                .map_err(|e| invalid(format!("reviews[{i}]"), e))?;
        }
        for (i, e) in self.evidence.iter().enumerate() {
            check_id("evidence", i, &e.id)?;
            e.validate()
                .map_err(|e| invalid(format!("evidence[{i}]"), e))?;
        }
        let mut running_enrolments = 0;
        for (i, e) in self.enrolments.iter().enumerate() {
            check_id("enrolments", i, &e.id)?;
            e.validate()
                .map_err(|err| invalid(format!("enrolments[{i}]"), err))?;
            running_enrolments += usize::from(e.is_running());
            if running_enrolments > 1 {
                return Err(ImportError::Invalid {
                    at: format!("enrolments[{i}]"),
                    message: "only one programme can be running at a time; this is the second."
                        .into(),
                });
            }
        }
        for (i, n) in self.noes.iter().enumerate() {
            check_id("noes", i, &n.id)?;
            n.validate().map_err(|e| invalid(format!("noes[{i}]"), e))?;
        }
        for (i, d) in self.delegations.iter().enumerate() {
            check_id("delegations", i, &d.id)?;
            d.validate()
                .map_err(|e| invalid(format!("delegations[{i}]"), e))?;
        }
        for (i, m) in self.mistakes.iter().enumerate() {
            check_id("mistakes", i, &m.id)?;
            m.validate()
                .map_err(|e| invalid(format!("mistakes[{i}]"), e))?;
            if let Some(t) = &m.thought_id {
                if !self.thoughts.iter().any(|th| &th.id == t) {
                    return Err(ImportError::Invalid {
                        at: format!("mistakes[{i}]"),
                        message: format!(
                            "it refers to thought record {t}, which is not in the file."
                        ),
                    });
                }
            }
        }
        for (i, c) in self.git_commits.iter().enumerate() {
            c.validate()
                .map_err(|e| invalid(format!("git_commits[{i}]"), e))?;
        }
        let mut rung_ids = HashSet::new();
        for (i, r) in self.rungs.iter().enumerate() {
            check_id("rungs", i, &r.id)?;
            r.validate()
                .map_err(|e| invalid(format!("rungs[{i}]"), e))?;
            rung_ids.insert(r.id.as_str());
        }
        for (i, e) in self.experiments.iter().enumerate() {
            check_id("experiments", i, &e.id)?;
            e.validate()
                .map_err(|err| invalid(format!("experiments[{i}]"), err))?;
            if let Some(r) = &e.rung_id {
                if !rung_ids.contains(r.as_str()) {
                    return Err(ImportError::Invalid {
                        at: format!("experiments[{i}]"),
                        message: format!("it refers to rung {r}, which is not in the file."),
                    });
                }
            }
        }
        let mut running = 0;
        for (i, b) in self.timeboxes.iter().enumerate() {
            check_id("timeboxes", i, &b.id)?;
            b.validate()
                .map_err(|e| invalid(format!("timeboxes[{i}]"), e))?;
            running += usize::from(b.is_running());
            if running > 1 {
                return Err(ImportError::Invalid {
                    at: format!("timeboxes[{i}]"),
                    message: "only one timebox can be running at a time; this is the second."
                        .into(),
                });
            }
        }
        for (i, h) in self.hobbies.iter().enumerate() {
            check_id("hobbies", i, &h.id)?;
            crate::text::required("hobby name", &h.name)
                .map_err(|e| invalid(format!("hobbies[{i}]"), e))?;
        }
        let mut block_days = std::collections::HashMap::new();
        for (i, b) in self.blocks.iter().enumerate() {
            check_id("blocks", i, &b.id)?;
            b.validate()
                .map_err(|e| invalid(format!("blocks[{i}]"), e))?;
            block_days.insert(b.id.as_str(), b);
        }
        let mut seen = HashSet::new();
        for (i, o) in self.block_occurrences.iter().enumerate() {
            let at = format!("block_occurrences[{i}]");
            let Some(b) = block_days.get(o.block_id.as_str()) else {
                return Err(ImportError::Invalid {
                    at,
                    message: format!(
                        "it refers to block {}, which is not in the file.",
                        o.block_id
                    ),
                });
            };
            b.check_date(o.date).map_err(|e| invalid(at.clone(), e))?;
            if !seen.insert((o.block_id.clone(), o.date)) {
                return Err(ImportError::Invalid {
                    at,
                    message: "this block already has an occurrence on that date.".into(),
                });
            }
        }
        for (i, l) in self.joy_logs.iter().enumerate() {
            check_id("joy_logs", i, &l.id)?;
            crate::error::check_range("minutes", i64::from(l.minutes), 1, 24 * 60)
                .map_err(|e| invalid(format!("joy_logs[{i}]"), e))?;
        }
        for (i, r) in self.rests.iter().enumerate() {
            check_id("rests", i, &r.id)?;
            crate::joy::Rest::new(
                r.id.clone(),
                r.created_at,
                r.from,
                r.to,
                r.kind,
                r.guilt.map(i64::from),
            )
            .map_err(|e| invalid(format!("rests[{i}]"), e))?;
        }
        for (i, d) in self.help_shown_on.iter().enumerate() {
            crate::clock::check_date(*d).map_err(|e| invalid(format!("help_shown_on[{i}]"), e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_foreign_truncated_and_future_files() {
        assert!(matches!(
            ExportDoc::parse("{\"format\": \"goodenough-exp"),
            Err(ImportError::NotJson(_))
        ));
        assert_eq!(ExportDoc::parse("[1,2,3]"), Err(ImportError::Foreign));
        assert_eq!(
            ExportDoc::parse("{\"entries\": []}"),
            Err(ImportError::Foreign)
        );
        assert_eq!(
            ExportDoc::parse("{\"format\": \"goodenough-export\", \"format_version\": 99}"),
            Err(ImportError::TooNew(99))
        );
    }

    #[test]
    fn imported_text_loses_control_characters_and_dates_are_checked() {
        let src = r#"{"format": "goodenough-export", "format_version": 1,
            "exported_at": "2024-06-01T20:00:00Z",
            "settings": {"display_name": "friend", "time_zone": "UTC", "work_start": "09:00",
                "work_end": "17:00", "work_days": ["mon"], "reminder_time": "21:00"},
            "wins": [{"id": "w1", "created_at": "2024-06-01T20:00:00Z", "date": "2024-06-01",
                "text": "rang\u0007 the bell\u001b[0m\r\nand\tstopped"}]}"#;
        let doc = ExportDoc::parse(src).expect("valid");
        assert_eq!(
            doc.wins.first().map(|w| w.text.as_str()),
            Some("rang the bell[0m\nand\tstopped")
        );
        let day = |s: &str| crate::text::parse_date(s).expect("date");
        assert_eq!(doc.check_dates(day("2024-06-01")), Ok(()));
        assert!(matches!(
            doc.check_dates(day("2024-05-31")),
            Err(ImportError::Invalid { at, message })
                if at == "wins[0]" && message.starts_with("A win can't be dated 2024-06-01")
        ));
    }

    #[test]
    fn unknown_arrays_are_refused_not_dropped() {
        let src = r#"{"format": "goodenough-export", "format_version": 1,
            "exported_at": "2024-06-01T20:00:00Z",
            "settings": {"display_name": "friend", "time_zone": "UTC", "work_start": "09:00",
                "work_end": "17:00", "work_days": ["mon"], "reminder_time": "21:00"},
            "moods": [{"id": "m1"}]}"#;
        match ExportDoc::parse(src) {
            Err(ImportError::Malformed(m)) => {
                assert!(m.contains("moods"), "{m}");
                assert!(m.contains("newer goodenough"), "{m}");
            }
            other => panic!("expected Malformed, got {other:?}"),
        }
        // Missing kind arrays default to empty.
        let old = src.replace(",\n            \"moods\": [{\"id\": \"m1\"}]", "");
        let doc = ExportDoc::parse(&old).expect("parses without the extra array");
        assert!(doc.checkins.is_empty() && doc.wins.is_empty());
    }

    mod roundtrip {
        use super::super::*;
        use crate::area::LifeArea;
        use crate::checkin::Appreciation;
        use crate::thought::Emotion;
        use chrono::{Duration, NaiveDate, TimeZone};
        use proptest::prelude::*;

        type ThoughtParts = (String, String, u8, Vec<Emotion>, Option<String>, Option<u8>);

        fn text() -> impl Strategy<Value = String> {
            // Non-blank, with quotes, commas, accents and newlines inside.
            "[a-zA-Z0-9 ,;:.'!?é\"\\\\\n]{0,30}[a-zé]"
        }

        fn area() -> impl Strategy<Value = LifeArea> {
            proptest::sample::select(LifeArea::ALL.to_vec())
        }

        prop_compose! {
            fn checkin_parts()(mood in 0u8..=10, energy in 0u8..=10,
                apps in proptest::collection::vec((area(), text()), 3),
                note in proptest::option::of(text())) -> (u8, u8, Vec<Appreciation>, Option<String>) {
                let apps = apps.into_iter().map(|(area, text)| Appreciation { area, text }).collect();
                (mood, energy, apps, note)
            }
        }

        prop_compose! {
            fn thought_parts()(situation in text(), thought in text(), belief in 0u8..=100,
                emotions in proptest::collection::vec((text(), 0u8..=100), 0..3),
                reframe in proptest::option::of(text()), after in 0u8..=100)
                -> ThoughtParts {
                let emotions = emotions.into_iter().map(|(name, intensity)| Emotion { name, intensity }).collect();
                let after = reframe.as_ref().map(|_| after);
                (situation, thought, belief, emotions, reframe, after)
            }
        }

        fn doc(
            checkins: Vec<(u8, u8, Vec<Appreciation>, Option<String>)>,
            thoughts: Vec<ThoughtParts>,
            wins: Vec<String>,
            setbacks: Vec<(String, Option<String>)>,
        ) -> ExportDoc {
            let base = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
            let at = Utc
                .with_ymd_and_hms(2024, 6, 1, 20, 0, 0)
                .single()
                .expect("valid instant");
            let day = |i: usize| base + Duration::days(i64::try_from(i).unwrap_or(0));
            ExportDoc::new(
                Settings::defaults("Europe/Berlin"),
                checkins
                    .into_iter()
                    .enumerate()
                    .map(|(i, (mood, energy, appreciations, note))| CheckIn {
                        id: format!("c{i}"),
                        date: day(i),
                        mood,
                        energy,
                        appreciations,
                        note,
                    })
                    .collect(),
                thoughts
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (situation, thought, belief, emotions, reframe, belief_after))| {
                            ThoughtRecord {
                                id: format!("t{i}"),
                                created_at: at,
                                date: day(i),
                                situation,
                                thought,
                                belief,
                                emotions,
                                traps: vec!["all-or-nothing".into()],
                                reframe,
                                belief_after,
                            }
                        },
                    )
                    .collect(),
                wins.into_iter()
                    .enumerate()
                    .map(|(i, text)| Win {
                        id: format!("w{i}"),
                        created_at: at,
                        date: day(i),
                        text,
                    })
                    .collect(),
                setbacks
                    .into_iter()
                    .enumerate()
                    .map(|(i, (text, lesson))| Setback {
                        id: format!("s{i}"),
                        created_at: at,
                        date: day(i),
                        text,
                        lesson,
                    })
                    .collect(),
                at,
            )
        }

        proptest! {
            #[test]
            fn export_then_parse_gives_the_same_document(
                checkins in proptest::collection::vec(checkin_parts(), 0..4),
                thoughts in proptest::collection::vec(thought_parts(), 0..3),
                wins in proptest::collection::vec(text(), 0..3),
                setbacks in proptest::collection::vec((text(), proptest::option::of(text())), 0..3),
            ) {
                let d = doc(checkins, thoughts, wins, setbacks);
                let json = serde_json::to_string_pretty(&d).expect("serialises");
                prop_assert_eq!(ExportDoc::parse(&json), Ok(d.clone()));
                let compact = serde_json::to_string(&d).expect("serialises");
                prop_assert_eq!(ExportDoc::parse(&compact), Ok(d));
            }

            #[test]
            fn any_out_of_range_mood_rejects_the_whole_file(
                checkins in proptest::collection::vec(checkin_parts(), 1..4),
                pick in any::<proptest::sample::Index>(),
                mood in 11u8..=255,
            ) {
                let mut d = doc(checkins, vec![], vec![], vec![]);
                let i = pick.index(d.checkins.len());
                d.checkins[i].mood = mood;
                let json = serde_json::to_string(&d).expect("serialises");
                let err = ExportDoc::parse(&json);
                prop_assert!(
                    matches!(&err, Err(ImportError::Invalid { at, .. }) if *at == format!("checkins[{i}]")),
                    "got {:?}", err
                );
            }

            #[test]
            fn any_cut_of_an_export_is_rejected(
                checkins in proptest::collection::vec(checkin_parts(), 1..3),
                cut in any::<proptest::sample::Index>(),
            ) {
                let d = doc(checkins, vec![], vec![], vec![]);
                let json = serde_json::to_string(&d).expect("serialises");
                // Cut on a character boundary, strictly inside the document.
                let bounds: Vec<usize> = json.char_indices().map(|(i, _)| i).filter(|&i| i > 0).collect();
                let at = bounds[cut.index(bounds.len())];
                prop_assert!(ExportDoc::parse(&json[..at]).is_err());
            }
        }
    }
}
