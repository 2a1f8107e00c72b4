//! Wins and setbacks: small wins are logged and celebrated; setbacks are part
//! of a path that is never a straight line, and can carry a lesson.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::text;

/// A small (or large) win.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Win {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub text: String,
}

impl Win {
    /// Builds a validated win.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        date: NaiveDate,
        text: &str,
    ) -> Result<Win, ValidationError> {
        Ok(Win {
            id,
            created_at,
            date,
            text: text::required("win", text)?,
        })
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("win", &self.text).map(|_| ())
    }
}

/// A setback, with an optional lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Setback {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub text: String,
    #[serde(default)]
    pub lesson: Option<String>,
}

impl Setback {
    /// Builds a validated setback.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        date: NaiveDate,
        text: &str,
        lesson: Option<&str>,
    ) -> Result<Setback, ValidationError> {
        Ok(Setback {
            id,
            created_at,
            date,
            text: text::required("setback", text)?,
            lesson: text::optional("lesson", lesson)?,
        })
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("setback", &self.text)?;
        text::optional("lesson", self.lesson.as_deref()).map(|_| ())
    }
}

/// Said after a win is saved.
pub const WIN_CELEBRATION: &str =
    "Saved. That counts: take a moment to let it land before moving on.";

/// Said after a setback is saved.
pub const SETBACK_FRAMING: &str =
    "Saved. Progress is not a straight line; setbacks are part of the \
path, and noticing one is itself a skill. Be as kind to yourself as you would be to a friend.";
