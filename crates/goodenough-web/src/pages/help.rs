//! `/help-now`: where to get help now. Open to everyone, signed in or not.
//! `/offline`: what the service worker shows when the phone has no
//! connection; it keeps both pages (signed-out versions) for that.

use axum::extract::State;
use axum::routing::get;
use axum::Extension;
use maud::{html, Markup};

use super::layout::{bare, multiline, page};
use crate::auth::CurrentSession;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/help-now", get(help_now))
        .route("/offline", get(offline))
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
        (crate::signpost::practice_resources(&state))
        p { (multiline(state.safety.help_message())) }
        p { "goodenough is a self-help tool, not an emergency service. If you are in danger, please contact someone now." }
    };
    match session.0.filter(|u| !u.mfa_pending) {
        Some(u) => page(&u, "Help now", "/help-now", body),
        None => bare("Help now", body),
    }
}

/// The page the service worker shows instead of a page it could not fetch.
/// The same for everyone (it is kept on the device, so it holds nothing
/// private), and it links to Help now, which works offline too.
async fn offline() -> Markup {
    bare(
        "Offline",
        html! {
            h1 { "You are offline" }
            p { "This device cannot reach goodenough just now. That happens, and there is nothing you need to do about it." }
            p { "Nothing you typed is lost by this page: it does not send or delete anything. What you saved before is kept on the server. When the connection is back, go back to the page you were on, or reload this one." }
            p { "A check-in started on the check-in page can still be saved there without a connection: it is kept on this device only, until it is sent when the connection is back." }
            p { "If things feel like too much, " a href="/help-now" { "Help now" } " works without a connection too." }
        },
    )
}
