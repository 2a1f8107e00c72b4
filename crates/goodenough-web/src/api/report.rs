//! `GET /api/v1/report?from=&to=&format=`: the printable progress report
//! (the same document as `goodenough report` and the `/report` page), as a
//! download for the signed-in person.

use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use goodenough_app::report;

use super::openapi::ErrorBody;
use super::{ApiError, ApiQuery, ApiUser};
use crate::journey::{attachment, ReportQuery};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/report", get(download))
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
    let request = q.request()?;
    let catalogues = state.catalogues();
    let scope = state.scope(&user.person);
    let report = report::build(
        &scope,
        request,
        catalogues.instruments(),
        &catalogues.programmes().list,
    )
    .await?;
    Ok(attachment(report))
}
