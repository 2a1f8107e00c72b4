//! Input both the journey's pages and its API read the same way (which
//! week, which report): shared here so neither imports the other.

use axum::http::StatusCode;
use chrono::NaiveDate;
use goodenough_core::figures::parse_iso_week;

/// A request that cannot be read: the status and a sentence to show.
pub(crate) type Unreadable = (StatusCode, String);

/// The day a week is asked for by: `on` (any day of it) or `week`
/// (`2026-W07`); `None` for this week. Whether it is in the future is the
/// use case's to say.
pub(crate) fn pick_day(
    on: Option<&str>,
    week: Option<&str>,
) -> Result<Option<NaiveDate>, Unreadable> {
    let on = on.map(str::trim).filter(|s| !s.is_empty());
    let week = week.map(str::trim).filter(|s| !s.is_empty());
    match (on, week) {
        (Some(_), Some(_)) => Err((
            StatusCode::BAD_REQUEST,
            "give either on (a date) or week (such as 2026-W07), not both.".into(),
        )),
        (Some(on), None) => goodenough_core::text::parse_date(on)
            .map(Some)
            .map_err(|e| (StatusCode::UNPROCESSABLE_ENTITY, e.to_string())),
        (None, Some(w)) => parse_iso_week(w).map(|w| Some(w.from)).ok_or_else(|| {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("\"{w}\" is not an ISO week; write it as YYYY-Www, for example 2026-W07."),
            )
        }),
        (None, None) => Ok(None),
    }
}
