//! `GET /api/v1/report?from=&to=&format=`: the printable progress report
//! (the same document as `goodenough report` and the `/report` page), as a
//! download for the signed-in person.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use goodenough_core::report::{self, Format};
use goodenough_core::settings::today_in;
use serde::Deserialize;
use utoipa::IntoParams;

use super::openapi::ErrorBody;
use super::{ApiError, ApiQuery, ApiUser};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/report", get(download))
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

fn date(raw: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => Ok(Some(goodenough_core::text::parse_date(d)?)),
    }
}

/// Builds the report document for `person`: the file name and the body.
pub(crate) async fn build(
    state: &AppState,
    person: &str,
    q: &ReportQuery,
) -> Result<(Format, String, String), ApiError> {
    let format = match q.format.as_deref().map(str::trim) {
        None | Some("") => Format::Html,
        Some(f) => Format::parse(f)?,
    };
    let from = date(q.from.as_deref())?;
    let to = date(q.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to) {
        report::check_range(f, t)?;
    }
    let settings = state.store.settings(person).await?;
    let today = today_in(settings.tz(), state.clock.now());
    let to = to.unwrap_or(today);
    let from = match from {
        Some(f) => f,
        None => goodenough_store::report::first_date(state.store.as_ref(), person)
            .await?
            .unwrap_or(to)
            .min(to),
    };
    report::check_range(from, to)?;
    let instruments = state.catalogues().instruments();
    let programmes = &state.catalogues().programmes().list;
    let name = if settings.display_name.trim().is_empty() {
        "You".to_string()
    } else {
        settings.display_name.clone()
    };
    let input = goodenough_store::report::report_input(
        state.store.as_ref(),
        person,
        &name,
        from,
        to,
        today,
        instruments,
        programmes,
    )
    .await?;
    let file = format!("goodenough-report-{from}-to-{to}.{}", format.extension());
    Ok((format, file, report::render(&input, format)))
}

/// The document as a download.
pub(crate) fn attachment(format: Format, file: &str, body: String) -> Response {
    let mut res = (StatusCode::OK, body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// Your progress report (HTML or Markdown) as a download.
#[utoipa::path(
    get,
    path = "/api/v1/report",
    tag = "progress and data",
    params(ReportQuery),
    responses(
        (status = 200, description = "The report: a self-contained HTML page (inline CSS and SVG charts, no scripts, nothing loaded from the network) or Markdown, as an attachment (`format=md`: Markdown)",
            content((String = "text/html"), (String = "text/markdown"))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "A date that does not exist, from after to, or an unknown format", body = ErrorBody),
    ),
)]
pub(crate) async fn download(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Result<Response, ApiError> {
    let (format, file, body) = build(&state, &user.person, &q).await?;
    Ok(attachment(format, &file, body))
}
