//! What a use case can answer instead of a result.

use goodenough_core::export::ImportError;
use goodenough_core::ValidationError;
use goodenough_store::StoreError;

use crate::access::Denied;

/// Why a use case gave no result. Every message is a sentence a person can
/// act on; none contains record text.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The access check refused.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such record of this person (`what` names the kind: "check-in").
    #[error("there is no {what} with that id; list them to see the ids.")]
    NotFound { what: &'static str },
    /// The input breaks one of core's rules.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// An export file that cannot be imported (nothing was written).
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A rule of the coaching practice said no (a sentence naming it).
    #[error("{0}")]
    Refused(String),
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppError {
    /// No such record.
    pub fn not_found(what: &'static str) -> AppError {
        AppError::NotFound { what }
    }
}
