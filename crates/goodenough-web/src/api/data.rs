//! `GET /api/v1/export`: every record of the person as one export document
//! (the JSON `goodenough export` writes and `goodenough import` reads).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
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
    let store = &state.store;
    let person = &user.person;
    let mut doc = ExportDoc::new(
        store.settings(person).await?,
        store.list_checkins(person, None).await?,
        store.list_thoughts(person, None).await?,
        store.list_wins(person, None).await?,
        store.list_setbacks(person, None).await?,
        state.clock.now(),
    );
    doc.timeboxes = store.list_timeboxes(person, None).await?;
    doc.git_commits = store.list_git_commits(person).await?;
    doc.hobbies = store.list_hobbies(person).await?;
    doc.blocks = store.list_blocks(person).await?;
    doc.block_occurrences = store.list_occurrences(person).await?;
    doc.joy_logs = store.list_joy_logs(person).await?;
    doc.rests = store.list_rests(person).await?;
    doc.critic = store.critic(person).await?;
    doc.values = store.list_values(person).await?;
    doc.practice_logs = store.list_practice_logs(person, None).await?;
    doc.reviews = store.list_reviews(person).await?;
    doc.enrolments = store.list_enrolments(person).await?;
    doc.evidence = store.list_evidence(person, None, None).await?;
    doc.assessments = store.list_assessments(person, None).await?;
    doc.noes = store.list_noes(person).await?;
    doc.delegations = store.list_delegations(person).await?;
    doc.mistakes = store.list_mistakes(person).await?;
    doc.rungs = store.list_rungs(person).await?;
    doc.experiments = store.list_experiments(person, None).await?;
    Ok(Json(doc))
}
