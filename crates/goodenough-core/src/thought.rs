//! The thought reframing journal (a CBT-style thought record): situation,
//! the self-critical thought, how strongly it is believed, emotions, thinking
//! traps, a compassionate reframe and the belief afterwards.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{check_range, ValidationError};
use crate::text;

/// An emotion felt in the situation, with its intensity 0-100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Emotion {
    pub name: String,
    pub intensity: u8,
}

impl Emotion {
    /// Parses the `NAME:N` form used by `--emotion`.
    pub fn parse(raw: &str) -> Result<Emotion, ValidationError> {
        let (name, n) = raw
            .rsplit_once(':')
            .ok_or_else(|| ValidationError::EmotionFormat(raw.to_string()))?;
        let n: i64 = n
            .trim()
            .parse()
            .map_err(|_| ValidationError::EmotionFormat(raw.to_string()))?;
        Emotion::new(name, n)
    }

    /// Builds a validated emotion.
    pub fn new(name: &str, intensity: i64) -> Result<Emotion, ValidationError> {
        let name = text::required("emotion name", name)?;
        check_range("emotion intensity", intensity, 0, 100)?;
        Ok(Emotion {
            name,
            intensity: u8::try_from(intensity).unwrap_or(100),
        })
    }
}

/// A saved thought record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThoughtRecord {
    pub id: String,
    /// When it was written (UTC).
    pub created_at: DateTime<Utc>,
    /// The person's local date it belongs to.
    pub date: NaiveDate,
    pub situation: String,
    pub thought: String,
    /// How strongly the thought was believed, 0-100.
    pub belief: u8,
    #[serde(default)]
    pub emotions: Vec<Emotion>,
    /// Thinking-trap slugs the person chose.
    #[serde(default)]
    pub traps: Vec<String>,
    #[serde(default)]
    pub reframe: Option<String>,
    /// Belief in the original thought after the reframe, 0-100.
    #[serde(default)]
    pub belief_after: Option<u8>,
}

/// The raw input of a thought record, before validation.
#[derive(Debug, Clone, Default)]
pub struct ThoughtInput {
    pub situation: String,
    pub thought: String,
    pub belief: i64,
    pub emotions: Vec<Emotion>,
    pub traps: Vec<String>,
    pub reframe: Option<String>,
    pub belief_after: Option<i64>,
}

impl ThoughtRecord {
    /// Validates input into a record. `known_trap` says whether a slug exists.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        date: NaiveDate,
        input: ThoughtInput,
        known_trap: impl Fn(&str) -> bool,
    ) -> Result<ThoughtRecord, ValidationError> {
        let situation = text::required("situation", &input.situation)?;
        let thought = text::required("thought", &input.thought)?;
        check_range("belief", input.belief, 0, 100)?;
        let mut traps: Vec<String> = Vec::new();
        for t in input.traps {
            let slug = t.trim().to_lowercase();
            if !known_trap(&slug) {
                return Err(ValidationError::UnknownTrap(t));
            }
            if !traps.contains(&slug) {
                traps.push(slug);
            }
        }
        let reframe = text::optional("reframe", input.reframe.as_deref())?;
        let belief_after = match input.belief_after {
            None => None,
            Some(b) => {
                if reframe.is_none() {
                    return Err(ValidationError::BeliefAfterWithoutReframe);
                }
                check_range("belief after", b, 0, 100)?;
                Some(u8::try_from(b).unwrap_or(100))
            }
        };
        let record = ThoughtRecord {
            id,
            created_at,
            date,
            situation,
            thought,
            belief: u8::try_from(input.belief).unwrap_or(100),
            emotions: input.emotions,
            traps,
            reframe,
            belief_after,
        };
        record.validate()?;
        Ok(record)
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("situation", &self.situation)?;
        text::required("thought", &self.thought)?;
        check_range("belief", i64::from(self.belief), 0, 100)?;
        if let Some(b) = self.belief_after {
            check_range("belief after", i64::from(b), 0, 100)?;
        }
        for e in &self.emotions {
            text::required("emotion name", &e.name)?;
            check_range("emotion intensity", i64::from(e.intensity), 0, 100)?;
        }
        if let Some(r) = &self.reframe {
            text::optional("reframe", Some(r))?;
        }
        Ok(())
    }

    /// Belief drop in points (positive when the reframe helped).
    pub fn belief_shift(&self) -> Option<i64> {
        self.belief_after
            .map(|after| i64::from(self.belief) - i64::from(after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ThoughtInput {
        ThoughtInput {
            situation: "Code review".into(),
            thought: "I always get this wrong".into(),
            belief: 80,
            emotions: vec![Emotion::parse("ashamed:70").expect("valid")],
            traps: vec!["overgeneralisation".into()],
            reframe: Some("One comment is not always.".into()),
            belief_after: Some(40),
        }
    }

    fn new(i: ThoughtInput) -> Result<ThoughtRecord, ValidationError> {
        let date = crate::text::parse_date("2026-02-01").expect("date");
        ThoughtRecord::new("x".into(), Utc::now(), date, i, |s| {
            s == "overgeneralisation"
        })
    }

    #[test]
    fn valid_record_and_shift() {
        let r = new(input()).expect("valid");
        assert_eq!(r.belief_shift(), Some(40));
    }

    #[test]
    fn bad_inputs_are_named() {
        let mut i = input();
        i.thought = "  ".into();
        assert!(matches!(
            new(i),
            Err(ValidationError::Empty { field: "thought" })
        ));
        let mut i = input();
        i.belief = 101;
        assert!(matches!(
            new(i),
            Err(ValidationError::OutOfRange {
                field: "belief",
                ..
            })
        ));
        let mut i = input();
        i.traps = vec!["nope".into()];
        assert!(matches!(new(i), Err(ValidationError::UnknownTrap(_))));
        let mut i = input();
        i.reframe = None;
        assert_eq!(new(i), Err(ValidationError::BeliefAfterWithoutReframe));
        assert!(Emotion::parse("sad").is_err());
        assert!(Emotion::parse("sad:101").is_err());
        assert_eq!(Emotion::parse("a bit: sad:30").map(|e| e.intensity), Ok(30));
    }
}
