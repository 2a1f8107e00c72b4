//! Input both the journey's pages and its API read the same way (which
//! week, which report): shared here so neither imports the other.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use goodenough_app::report::{Report, ReportRequest};
use goodenough_core::figures::parse_iso_week;
use goodenough_core::report::{self, Format};
use goodenough_core::ValidationError;
use serde::Deserialize;
use utoipa::IntoParams;

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
            StatusCode::UNPROCESSABLE_ENTITY,
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

/// Which report: the range (default: all of your data) and the format.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The first day, YYYY-MM-DD (default: your first record).
    #[serde(default)]
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<String>,
    /// The last day, YYYY-MM-DD (default: today).
    #[serde(default)]
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<String>,
    /// `html` (default) or `md`.
    #[serde(default)]
    #[param(pattern = "^(html|md)$")]
    pub format: Option<String>,
}

fn date(raw: Option<&str>) -> Result<Option<NaiveDate>, ValidationError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => Ok(Some(goodenough_core::text::parse_date(d)?)),
    }
}

impl ReportQuery {
    /// The request it makes, or why it cannot be read.
    pub(crate) fn request(&self) -> Result<ReportRequest, ValidationError> {
        let format = match self.format.as_deref().map(str::trim) {
            None | Some("") => Format::Html,
            Some(f) => Format::parse(f)?,
        };
        let from = date(self.from.as_deref())?;
        let to = date(self.to.as_deref())?;
        if let (Some(f), Some(t)) = (from, to) {
            report::check_range(f, t)?;
        }
        Ok(ReportRequest { from, to, format })
    }
}

/// The report as a download.
pub(crate) fn attachment(report: Report) -> Response {
    let mut res = (StatusCode::OK, report.body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(report.format.content_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", report.file_name))
    {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}
