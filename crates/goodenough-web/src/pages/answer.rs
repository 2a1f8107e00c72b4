//! How a page reads a use case's answer: a refused input is shown on the
//! page (the inner error), a missing record may be no error at all, and
//! anything else is the page's error.

use goodenough_app::AppError;
use goodenough_core::ValidationError;

use crate::error::PageError;

/// The value, or the input's refusal to show on the form.
pub fn checked<T>(r: goodenough_app::Result<T>) -> Result<Result<T, ValidationError>, PageError> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(AppError::Invalid(e)) => Ok(Err(e)),
        Err(e) => Err(e.into()),
    }
}

/// The record, or none when there is no such record.
pub fn found<T>(r: goodenough_app::Result<T>) -> Result<Option<T>, PageError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(AppError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
