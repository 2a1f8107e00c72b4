//! The export format: one versioned JSON document holding every record of a
//! person, one top-level array per record kind. The same document is what
//! `import` restores, so it is parsed strictly and validated record by record
//! before anything is written. Documented in `docs/export-format.md`.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::checkin::CheckIn;
use crate::journal::{Setback, Win};
use crate::settings::Settings;
use crate::thought::ThoughtRecord;

/// The marker in every export.
pub const FORMAT_MARKER: &str = "goodenough-export";
/// The newest format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A complete export of one person's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDoc {
    pub format: String,
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
        let doc: ExportDoc =
            serde_json::from_value(value).map_err(|e| ImportError::Malformed(e.to_string()))?;
        doc.validate()?;
        Ok(doc)
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
}
