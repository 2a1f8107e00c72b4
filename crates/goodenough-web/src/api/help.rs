//! Where to get help now, for API clients: open to everyone, signed in or
//! not, like the Help now page. Nothing here reads anyone's records.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_core::practice_settings::CrisisResource;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/help-now", get(help_now))
}

/// Where to get help now: the practice's resources first, then the
/// message that ships with goodenough (or the operator's own).
#[derive(Serialize, ToSchema)]
pub struct HelpNow {
    /// The practice's name, if one is set.
    pub practice_name: Option<String>,
    /// The practice's crisis resources, shown first.
    pub crisis_resources: Vec<CrisisResource>,
    /// The general message.
    pub message: String,
}

/// Where to get help now (open to everyone, signed in or not).
#[utoipa::path(
    get,
    path = "/api/v1/help-now",
    tag = "help",
    security(()),
    responses(
        (status = 200, description = "The practice's crisis resources first, then the general message", body = HelpNow),
    ),
)]
pub(crate) async fn help_now(State(state): State<AppState>) -> Json<HelpNow> {
    let practice = state.practice.current();
    Json(HelpNow {
        practice_name: practice.name.clone(),
        crisis_resources: practice.crisis_resources.clone(),
        message: state.safety.help_message().to_string(),
    })
}
