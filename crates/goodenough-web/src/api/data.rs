//! `GET /api/v1/export`: every record of the person as one export document
//! (the JSON `goodenough export` writes and `goodenough import` reads).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_core::export::ExportDoc;

use super::{ApiError, ApiUser};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/export", get(export))
}

async fn export(State(state): State<AppState>, user: ApiUser) -> Result<Json<ExportDoc>, ApiError> {
    let store = &state.store;
    let person = &user.person;
    Ok(Json(ExportDoc::new(
        store.settings(person).await?,
        store.list_checkins(person, None).await?,
        store.list_thoughts(person, None).await?,
        store.list_wins(person, None).await?,
        store.list_setbacks(person, None).await?,
        state.clock.now(),
    )))
}
