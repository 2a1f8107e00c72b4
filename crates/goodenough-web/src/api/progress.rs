//! `GET /api/v1/progress`: weekly (ISO week) and monthly series of mean mood,
//! mean energy, share of appreciations beyond work, check-in counts and mean
//! belief before and after reframes (see `goodenough_core::progress`).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_core::progress::Progress;

use super::{ApiError, ApiUser};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/progress", get(progress))
}

async fn progress(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<Progress>, ApiError> {
    let checkins = state.store.list_checkins(&user.person, None).await?;
    let thoughts = state.store.list_thoughts(&user.person, None).await?;
    Ok(Json(Progress::compute(&checkins, &thoughts)))
}
