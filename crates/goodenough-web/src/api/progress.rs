//! `GET /api/v1/progress`: weekly (ISO week) and monthly series of mean mood,
//! mean energy, share of appreciations beyond work, check-in counts and mean
//! belief before and after reframes (see `goodenough_core::progress`).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_app::progress;
use goodenough_core::progress::Progress;

use super::openapi::ErrorBody;
use super::{ApiError, ApiUser};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/progress", get(progress))
}

/// Weekly and monthly series of your mood, energy, appreciations beyond
/// work and belief before and after reframes.
#[utoipa::path(
    get,
    path = "/api/v1/progress",
    tag = "progress and data",
    responses(
        (status = 200, description = "Weekly (ISO week) and monthly series, each oldest first; only periods with data appear; `coverage.complete` is false for the week and month still under way", body = Progress),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn progress(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<Progress>, ApiError> {
    Ok(Json(progress::series(&user.reading(&state)).await?))
}
