//! `/help-now`: where to get help now. Open to everyone, signed in or not.

use axum::extract::State;
use axum::routing::get;
use axum::{Extension, Router};
use maud::{html, Markup};

use super::layout::{bare, multiline, page};
use crate::auth::CurrentSession;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/help-now", get(help_now))
}

/// The help message as a block (also shown after an entry that matched the
/// crisis-language rules).
pub fn help_block(state: &AppState) -> Markup {
    crate::signpost::help_block(state)
}

async fn help_now(
    State(state): State<AppState>,
    Extension(session): Extension<CurrentSession>,
) -> Markup {
    let body = html! {
        h1 { "Help now" }
        p { (multiline(state.safety.help_message())) }
        p { "goodenough is a self-help tool, not an emergency service. If you are in danger, please contact someone now." }
    };
    match session.0.filter(|u| !u.mfa_pending) {
        Some(u) => page(&u, "Help now", "/help-now", body),
        None => bare("Help now", body),
    }
}
