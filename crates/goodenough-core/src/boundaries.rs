//! Boundaries: saying no, delegating, and blameless mistake reviews.
//!
//! Guilt after saying no is recorded as information, never as a verdict:
//! the drop from before to after is what tends to change with practice.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{check_range, ValidationError};
use crate::text;

/// The highest guilt on the 0-10 scale.
pub const GUILT_MAX: u8 = 10;

/// A time a person said no (or not now) to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoRecord {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    /// What was asked.
    pub request: String,
    /// What the person answered.
    pub response: String,
    /// Guilt felt before answering, 0-10.
    pub guilt_before: u8,
    /// Guilt felt afterwards, 0-10, once known.
    #[serde(default)]
    pub guilt_after: Option<u8>,
    /// What actually happened next.
    #[serde(default)]
    pub outcome: Option<String>,
}

/// What a person typed for a new "no".
#[derive(Debug, Clone, Default)]
pub struct NoInput<'a> {
    pub request: &'a str,
    pub response: &'a str,
    pub guilt_before: i64,
    pub guilt_after: Option<i64>,
    pub outcome: Option<&'a str>,
}

fn guilt(field: &'static str, value: i64) -> Result<u8, ValidationError> {
    check_range(field, value, 0, i64::from(GUILT_MAX))?;
    u8::try_from(value).map_err(|_| ValidationError::OutOfRange {
        field,
        min: 0,
        max: i64::from(GUILT_MAX),
        value,
    })
}

impl NoRecord {
    /// Builds a validated record.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        date: NaiveDate,
        input: &NoInput<'_>,
    ) -> Result<NoRecord, ValidationError> {
        Ok(NoRecord {
            id,
            created_at,
            date,
            request: text::required("request", input.request)?,
            response: text::required("response", input.response)?,
            guilt_before: guilt("guilt before", input.guilt_before)?,
            guilt_after: input
                .guilt_after
                .map(|g| guilt("guilt after", g))
                .transpose()?,
            outcome: text::optional("outcome", input.outcome)?,
        })
    }

    /// Completes the record later: only the given fields change.
    pub fn complete(
        &mut self,
        guilt_after: Option<i64>,
        outcome: Option<&str>,
    ) -> Result<(), ValidationError> {
        if guilt_after.is_none() && outcome.is_none() {
            return Err(ValidationError::Other(
                "Nothing to update; give the guilt after (0-10) or the outcome.".into(),
            ));
        }
        if let Some(g) = guilt_after {
            self.guilt_after = Some(guilt("guilt after", g)?);
        }
        if let Some(o) = outcome {
            self.outcome = text::optional("outcome", Some(o))?;
        }
        Ok(())
    }

    /// How much the guilt dropped (negative when it rose), once known.
    pub fn guilt_drop(&self) -> Option<i16> {
        self.guilt_after
            .map(|after| i16::from(self.guilt_before) - i16::from(after))
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("request", &self.request)?;
        text::required("response", &self.response)?;
        guilt("guilt before", i64::from(self.guilt_before))?;
        if let Some(g) = self.guilt_after {
            guilt("guilt after", i64::from(g))?;
        }
        text::optional("outcome", self.outcome.as_deref()).map(|_| ())
    }
}

/// Mean guilt drop over the records that have a guilt-after, if any.
pub fn mean_guilt_drop(noes: &[NoRecord]) -> Option<f64> {
    let drops: Vec<f64> = noes
        .iter()
        .filter_map(NoRecord::guilt_drop)
        .map(f64::from)
        .collect();
    if drops.is_empty() {
        None
    } else {
        Some(drops.iter().sum::<f64>() / drops.len() as f64)
    }
}

/// A task handed to someone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delegation {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub task: String,
    /// Who took it on.
    pub to: String,
    /// How it went.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Whether it turned out fine without the person doing it themselves.
    #[serde(default)]
    pub fine: Option<bool>,
}

impl Delegation {
    /// Builds a validated delegation.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        date: NaiveDate,
        task: &str,
        to: &str,
        outcome: Option<&str>,
        fine: Option<bool>,
    ) -> Result<Delegation, ValidationError> {
        Ok(Delegation {
            id,
            created_at,
            date,
            task: text::required("task", task)?,
            to: text::required("to", to)?,
            outcome: text::optional("outcome", outcome)?,
            fine,
        })
    }

    /// Completes the record later: only the given fields change.
    pub fn complete(
        &mut self,
        outcome: Option<&str>,
        fine: Option<bool>,
    ) -> Result<(), ValidationError> {
        if outcome.is_none() && fine.is_none() {
            return Err(ValidationError::Other(
                "Nothing to update; give the outcome or whether it turned out fine (yes or no)."
                    .into(),
            ));
        }
        if let Some(o) = outcome {
            self.outcome = text::optional("outcome", Some(o))?;
        }
        if fine.is_some() {
            self.fine = fine;
        }
        Ok(())
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("task", &self.task)?;
        text::required("to", &self.to)?;
        text::optional("outcome", self.outcome.as_deref()).map(|_| ())
    }
}

/// Reads `yes`/`no` (also `true`/`false`, `y`/`n`).
pub fn parse_yes_no(field: &str, value: &str) -> Result<bool, ValidationError> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        other => Err(ValidationError::Other(format!(
            "{field} must be yes or no; you gave \"{other}\"."
        ))),
    }
}

/// A blameless review of a mistake, like an incident review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MistakeReview {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    /// What happened.
    pub what: String,
    /// What it actually cost.
    pub cost: String,
    /// Contributing factors (systems, context), not blame.
    #[serde(default)]
    pub factors: Option<String>,
    /// What it taught.
    pub taught: String,
    /// What you would tell a friend who made it.
    pub friend: String,
    /// The thought record it set off, if any.
    #[serde(default)]
    pub thought_id: Option<String>,
}

/// What a person typed for a mistake review.
#[derive(Debug, Clone, Default)]
pub struct MistakeInput<'a> {
    pub what: &'a str,
    pub cost: &'a str,
    pub factors: Option<&'a str>,
    pub taught: &'a str,
    pub friend: &'a str,
    pub thought_id: Option<String>,
}

impl MistakeReview {
    /// Builds a validated review (the caller checks the thought link exists).
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        date: NaiveDate,
        input: &MistakeInput<'_>,
    ) -> Result<MistakeReview, ValidationError> {
        Ok(MistakeReview {
            id,
            created_at,
            date,
            what: text::required("what happened", input.what)?,
            cost: text::required("cost", input.cost)?,
            factors: text::optional("contributing factors", input.factors)?,
            taught: text::required("what it taught", input.taught)?,
            friend: text::required("what you would tell a friend", input.friend)?,
            thought_id: input
                .thought_id
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        })
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("what happened", &self.what)?;
        text::required("cost", &self.cost)?;
        text::optional("contributing factors", self.factors.as_deref())?;
        text::required("what it taught", &self.taught)?;
        text::required("what you would tell a friend", &self.friend).map(|_| ())
    }

    /// Every free-text field, for the crisis-language check.
    pub fn texts(&self) -> Vec<&str> {
        let mut v = vec![
            self.what.as_str(),
            self.cost.as_str(),
            self.taught.as_str(),
            self.friend.as_str(),
        ];
        if let Some(f) = &self.factors {
            v.push(f);
        }
        v
    }
}

/// Said after a "no" is saved.
pub const NO_SAVED: &str = "Saved. Saying no protects the yeses that matter; \
any guilt you feel is information, not a verdict.";

/// Said after a delegation is saved.
pub const DELEGATION_SAVED: &str =
    "Saved. Handing work on is a skill; it does not need to be done your way to be done well.";

/// Said after a mistake review is saved.
pub const MISTAKE_SAVED: &str = "Saved. Looking at a mistake without blame is how \
it turns into something useful. You would offer a friend the same patience.";

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> (DateTime<Utc>, NaiveDate) {
        (
            DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default(),
        )
    }

    fn no(before: i64, after: Option<i64>) -> Result<NoRecord, ValidationError> {
        let (c, d) = at();
        NoRecord::new(
            "id1".into(),
            c,
            d,
            &NoInput {
                request: "Take on the migration",
                response: "Not this sprint",
                guilt_before: before,
                guilt_after: after,
                outcome: None,
            },
        )
    }

    #[test]
    fn guilt_drop_is_before_minus_after() {
        assert_eq!(no(8, Some(3)).expect("valid").guilt_drop(), Some(5));
        assert_eq!(no(2, Some(4)).expect("valid").guilt_drop(), Some(-2));
        assert_eq!(no(5, None).expect("valid").guilt_drop(), None);
        let list = vec![
            no(8, Some(4)).expect("valid"),
            no(6, Some(4)).expect("valid"),
            no(5, None).expect("valid"),
        ];
        assert_eq!(mean_guilt_drop(&list), Some(3.0));
        assert_eq!(mean_guilt_drop(&[]), None);
    }

    #[test]
    fn guilt_out_of_range_is_refused() {
        let err = no(11, None).expect_err("11 is out of range");
        assert!(err.to_string().contains("0 to 10"), "{err}");
        assert!(no(5, Some(-1)).is_err());
        let mut ok = no(5, None).expect("valid");
        assert!(ok.complete(Some(12), None).is_err());
        assert!(ok.complete(None, None).is_err());
        ok.complete(Some(1), Some("They understood")).expect("ok");
        assert_eq!(ok.guilt_drop(), Some(4));
        assert_eq!(ok.outcome.as_deref(), Some("They understood"));
    }

    #[test]
    fn empty_request_is_refused() {
        let (c, d) = at();
        let err = NoRecord::new(
            "x".into(),
            c,
            d,
            &NoInput {
                request: "  ",
                response: "no",
                guilt_before: 3,
                ..Default::default()
            },
        )
        .expect_err("empty");
        assert!(err.to_string().contains("request"));
    }

    #[test]
    fn yes_no_parses() {
        assert!(parse_yes_no("fine", "Yes").expect("yes"));
        assert!(!parse_yes_no("fine", "no").expect("no"));
        assert!(parse_yes_no("fine", "maybe").is_err());
    }

    #[test]
    fn demo_noes_grow_more_frequent_and_guilt_eases_unevenly() {
        let end = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
        let a = crate::demo::generate(7, end, 240);
        let b = crate::demo::generate(7, end, 240);
        assert_eq!(a.noes, b.noes, "same seed, same noes");
        assert_eq!(a.delegations, b.delegations);
        assert_eq!(a.mistakes, b.mistakes);
        let start = end - chrono::Duration::days(239);
        let third = |n: &NoRecord| ((n.date - start).num_days() * 3 / 240) as usize;
        let mut per_third = [Vec::new(), Vec::new(), Vec::new()];
        for n in &a.noes {
            n.validate().expect("valid demo no");
            per_third[third(n).min(2)].push(n.clone());
        }
        assert!(
            per_third[2].len() > 2 * per_third[0].len(),
            "noes become more frequent: {:?}",
            per_third.iter().map(Vec::len).collect::<Vec<_>>()
        );
        let early = mean_guilt_drop(&per_third[0]).expect("early drops");
        let late = mean_guilt_drop(&per_third[2]).expect("late drops");
        assert!(
            late > early + 1.0,
            "guilt eases more later: {early} → {late}"
        );
        // Unevenly: some later noes still ease less than the early mean.
        assert!(a
            .noes
            .iter()
            .any(|n| n.guilt_drop().is_some_and(|d| d <= 0)));
        // The last few days' noes are not completed yet; older ones are.
        for n in &a.noes {
            let recent = (end - n.date).num_days() < 4;
            assert_eq!(n.guilt_after.is_none(), recent, "{}", n.date);
        }
        assert!(!a.delegations.is_empty() && !a.mistakes.is_empty());
        for m in &a.mistakes {
            m.validate().expect("valid demo mistake");
            if let Some(t) = &m.thought_id {
                assert!(
                    a.thoughts.iter().any(|th| &th.id == t),
                    "link points at a demo thought"
                );
            }
        }
    }
}
