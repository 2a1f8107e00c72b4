//! `GET /api/v1/export`: every record of the person as one export document
//! (the JSON `goodenough export` writes and `goodenough import` reads).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_app::data;
use goodenough_core::export::ExportDoc;

use super::openapi::ErrorBody;
use super::{ApiError, ApiUser};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/export", get(export))
}

/// Everything you keep, as one export document (what `goodenough import`
/// and the Data page's import read back).
#[utoipa::path(
    get,
    path = "/api/v1/export",
    tag = "progress and data",
    responses(
        (status = 200, description = "The export document: settings and every record, each list oldest first", body = ExportDoc),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn export(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<ExportDoc>, ApiError> {
    Ok(Json(data::export(&state.scope(&user.person)).await?))
}
