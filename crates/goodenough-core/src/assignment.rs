//! Assignments: the next small step a coach suggests between sessions.
//!
//! An assignment is one of the programme's exercise kinds (or a step in the
//! coach's own words), with a due date and a note. Most kinds complete
//! themselves when the client does the matching thing; any of them can be
//! marked done, or "not for me", by the client. Nothing here punishes: an
//! assignment past its date simply stays open until the client decides.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// The most evenings a check-in assignment may ask for.
pub const MAX_EVENINGS: u32 = 28;

/// What a coach may assign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentKind {
    /// Check in on N evenings (not necessarily in a row).
    Evenings,
    ThoughtRecord,
    /// Plan an experiment and record what happened.
    Experiment,
    /// Take a step of the exposure ladder.
    LadderRung,
    Timebox,
    /// Log a practice (optionally a named one).
    Practice,
    /// Keep a personal-time block.
    PersonalTime,
    /// Take a questionnaire (optionally a named one).
    Questionnaire,
    WeeklyReview,
    /// Add to the evidence file.
    Evidence,
    /// Read a script (named).
    Script,
    /// A step in the coach's own words.
    Free,
}

impl AssignmentKind {
    /// Every kind, in the order the coach's form lists them.
    pub const ALL: [AssignmentKind; 12] = [
        AssignmentKind::Evenings,
        AssignmentKind::ThoughtRecord,
        AssignmentKind::Experiment,
        AssignmentKind::LadderRung,
        AssignmentKind::Timebox,
        AssignmentKind::Practice,
        AssignmentKind::PersonalTime,
        AssignmentKind::Questionnaire,
        AssignmentKind::WeeklyReview,
        AssignmentKind::Evidence,
        AssignmentKind::Script,
        AssignmentKind::Free,
    ];

    /// The key used in the store, the API and the CLI.
    pub fn key(self) -> &'static str {
        match self {
            AssignmentKind::Evenings => "evenings",
            AssignmentKind::ThoughtRecord => "thought_record",
            AssignmentKind::Experiment => "experiment",
            AssignmentKind::LadderRung => "ladder_rung",
            AssignmentKind::Timebox => "timebox",
            AssignmentKind::Practice => "practice",
            AssignmentKind::PersonalTime => "personal_time",
            AssignmentKind::Questionnaire => "questionnaire",
            AssignmentKind::WeeklyReview => "weekly_review",
            AssignmentKind::Evidence => "evidence",
            AssignmentKind::Script => "script",
            AssignmentKind::Free => "free",
        }
    }

    /// A kind by its key (`-` and `_` alike, any case).
    pub fn parse(key: &str) -> Result<AssignmentKind, ValidationError> {
        let wanted = key.trim().to_lowercase().replace('-', "_");
        AssignmentKind::ALL
            .into_iter()
            .find(|k| k.key() == wanted)
            .ok_or_else(|| {
                ValidationError::Other(format!(
                    "\"{}\" is not a kind of assignment. Use one of: {}.",
                    key.trim(),
                    AssignmentKind::ALL
                        .iter()
                        .map(|k| k.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    /// How the coach's form names the kind.
    pub fn label(self) -> &'static str {
        match self {
            AssignmentKind::Evenings => "Check in on some evenings",
            AssignmentKind::ThoughtRecord => "A thought record",
            AssignmentKind::Experiment => "An experiment",
            AssignmentKind::LadderRung => "A step on the ladder",
            AssignmentKind::Timebox => "A timebox",
            AssignmentKind::Practice => "A practice",
            AssignmentKind::PersonalTime => "A personal-time block",
            AssignmentKind::Questionnaire => "A questionnaire",
            AssignmentKind::WeeklyReview => "A weekly review",
            AssignmentKind::Evidence => "An evidence entry",
            AssignmentKind::Script => "A script to read",
            AssignmentKind::Free => "Something else (your own words)",
        }
    }

    /// What the detail means for this kind, for forms and errors; `None`
    /// when the kind takes no detail.
    pub fn detail_hint(self) -> Option<&'static str> {
        match self {
            AssignmentKind::Evenings => Some("how many evenings (1 to 28)"),
            AssignmentKind::Practice => Some("which practice (optional)"),
            AssignmentKind::Questionnaire => Some("which questionnaire (optional)"),
            AssignmentKind::Script => Some("which script"),
            AssignmentKind::Free => Some("the step, in your words"),
            _ => None,
        }
    }

    /// Whether doing the matching thing completes it on its own (reading a
    /// script or a step in the coach's words is marked by the client).
    pub fn completes_itself(self) -> bool {
        !matches!(self, AssignmentKind::Script | AssignmentKind::Free)
    }

    /// Checks and tidies the detail for this kind: a number of evenings,
    /// a name, or the free text; `None` where the kind takes none.
    pub fn check_detail(self, detail: Option<&str>) -> Result<Option<String>, ValidationError> {
        let given = detail.map(str::trim).filter(|d| !d.is_empty());
        match self {
            AssignmentKind::Evenings => {
                let raw = given.unwrap_or("1");
                let n: i64 = raw.parse().map_err(|_| {
                    ValidationError::Other(format!(
                        "\"{raw}\" is not a number of evenings; give a whole number from 1 to {MAX_EVENINGS}."
                    ))
                })?;
                if !(1..=i64::from(MAX_EVENINGS)).contains(&n) {
                    return Err(ValidationError::OutOfRange {
                        field: "the number of evenings",
                        min: 1,
                        max: i64::from(MAX_EVENINGS),
                        value: n,
                    });
                }
                Ok(Some(n.to_string()))
            }
            AssignmentKind::Practice | AssignmentKind::Questionnaire => match given {
                Some(name) => Ok(Some(crate::text::required("the name", name)?)),
                None => Ok(None),
            },
            AssignmentKind::Script => match given {
                Some(name) => Ok(Some(crate::text::required("the script's name", name)?)),
                None => Err(ValidationError::Other(
                    "Name the script to read (its name as the Scripts page lists it).".to_string(),
                )),
            },
            AssignmentKind::Free => match given {
                Some(text) => Ok(Some(crate::text::required("the step", text)?)),
                None => Err(ValidationError::Other(
                    "Write the step in a few words, for example \"Leave work by six on Thursday\"."
                        .to_string(),
                )),
            },
            _ => match given {
                None => Ok(None),
                Some(_) => Err(ValidationError::Other(format!(
                    "{} takes no detail; leave it empty and say more in the note.",
                    self.label()
                ))),
            },
        }
    }

    /// The step as the client reads it.
    pub fn title(self, detail: Option<&str>) -> String {
        match (self, detail) {
            (AssignmentKind::Evenings, Some("1")) | (AssignmentKind::Evenings, None) => {
                "Check in one evening".to_string()
            }
            (AssignmentKind::Evenings, Some(n)) => format!("Check in on {n} evenings"),
            (AssignmentKind::ThoughtRecord, _) => "Write a thought record".to_string(),
            (AssignmentKind::Experiment, _) => {
                "Try an experiment and record what happened".to_string()
            }
            (AssignmentKind::LadderRung, _) => "Take the next step on your ladder".to_string(),
            (AssignmentKind::Timebox, _) => "Work on something inside a timebox".to_string(),
            (AssignmentKind::Practice, Some(name)) => format!("Do the practice \"{name}\""),
            (AssignmentKind::Practice, None) => "Do one of your practices".to_string(),
            (AssignmentKind::PersonalTime, _) => "Keep one personal-time block".to_string(),
            (AssignmentKind::Questionnaire, Some(name)) => {
                format!("Take the questionnaire \"{name}\"")
            }
            (AssignmentKind::Questionnaire, None) => "Take a questionnaire".to_string(),
            (AssignmentKind::WeeklyReview, _) => "Write your weekly review".to_string(),
            (AssignmentKind::Evidence, _) => "Add an entry to your evidence file".to_string(),
            (AssignmentKind::Script, Some(name)) => format!("Read the script \"{name}\""),
            (AssignmentKind::Script, None) => "Read a script".to_string(),
            (AssignmentKind::Free, Some(text)) => text.to_string(),
            (AssignmentKind::Free, None) => "A step from your coach".to_string(),
        }
    }

    /// The number of matching things that complete it (evenings: their
    /// number; every other kind: one).
    pub fn needed(self, detail: Option<&str>) -> i64 {
        match self {
            AssignmentKind::Evenings => detail.and_then(|d| d.parse().ok()).unwrap_or(1),
            _ => 1,
        }
    }
}

impl fmt::Display for AssignmentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Where an assignment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    Open,
    Done,
    NotForMe,
}

impl AssignmentStatus {
    pub fn key(self) -> &'static str {
        match self {
            AssignmentStatus::Open => "open",
            AssignmentStatus::Done => "done",
            AssignmentStatus::NotForMe => "not_for_me",
        }
    }

    /// A status by its key (`-`, `_` and spaces alike, any case).
    pub fn parse(key: &str) -> Result<AssignmentStatus, ValidationError> {
        match key.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "open" | "to_do" | "todo" => Ok(AssignmentStatus::Open),
            "done" => Ok(AssignmentStatus::Done),
            "not_for_me" => Ok(AssignmentStatus::NotForMe),
            _ => Err(ValidationError::Other(format!(
                "\"{}\" is not a status an assignment can have. Use done, not_for_me or open.",
                key.trim()
            ))),
        }
    }

    /// How pages say it.
    pub fn label(self) -> &'static str {
        match self {
            AssignmentStatus::Open => "to do",
            AssignmentStatus::Done => "done",
            AssignmentStatus::NotForMe => "not for me",
        }
    }
}

impl fmt::Display for AssignmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_key() {
        for kind in AssignmentKind::ALL {
            assert_eq!(AssignmentKind::parse(kind.key()).ok(), Some(kind));
        }
        assert_eq!(
            AssignmentKind::parse(" Thought-Record ").ok(),
            Some(AssignmentKind::ThoughtRecord)
        );
        let err = AssignmentKind::parse("homework")
            .expect_err("refused")
            .to_string();
        assert!(err.contains("\"homework\" is not a kind"), "{err}");
        assert!(err.contains("thought_record"), "{err}");
    }

    #[test]
    fn evenings_take_a_number_within_reason() {
        let k = AssignmentKind::Evenings;
        assert_eq!(
            k.check_detail(Some(" 5 ")).ok().flatten().as_deref(),
            Some("5")
        );
        assert_eq!(k.check_detail(None).ok().flatten().as_deref(), Some("1"));
        assert!(k.check_detail(Some("0")).is_err());
        assert!(k.check_detail(Some("29")).is_err());
        assert!(k
            .check_detail(Some("five"))
            .expect_err("refused")
            .to_string()
            .contains("\"five\""));
        assert_eq!(k.needed(Some("5")), 5);
        assert_eq!(k.title(Some("5")), "Check in on 5 evenings");
    }

    #[test]
    fn details_are_asked_only_where_they_mean_something() {
        assert!(AssignmentKind::Script.check_detail(None).is_err());
        assert!(AssignmentKind::Free.check_detail(Some("  ")).is_err());
        assert_eq!(
            AssignmentKind::Free
                .check_detail(Some("Leave at six"))
                .ok()
                .flatten()
                .as_deref(),
            Some("Leave at six")
        );
        assert!(AssignmentKind::ThoughtRecord
            .check_detail(Some("x"))
            .is_err());
        assert_eq!(
            AssignmentKind::ThoughtRecord.check_detail(Some(" ")).ok(),
            Some(None)
        );
        assert!(!AssignmentKind::Free.completes_itself());
        assert!(AssignmentKind::Experiment.completes_itself());
    }

    #[test]
    fn statuses_read_kindly() {
        assert_eq!(
            AssignmentStatus::parse("Not for me").ok(),
            Some(AssignmentStatus::NotForMe)
        );
        assert_eq!(
            AssignmentStatus::parse("done").ok(),
            Some(AssignmentStatus::Done)
        );
        assert!(AssignmentStatus::parse("failed").is_err());
        assert_eq!(AssignmentStatus::Open.label(), "to do");
    }
}
