//! The calendar feed: `GET /calendar/{token}.ics`, an iCalendar file with a
//! daily evening check-in reminder at the person's reminder time in their
//! time zone, with an alert (VALARM), weekly personal-time blocks, the
//! running timebox and due experiments: the same calendar as the CLI's
//! `goodenough calendar --out`.
//!
//! No session is needed: the random token in the address is the credential.
//! Only its SHA-256 is stored (like session and API tokens), so the address
//! is shown once, when it is made (on `/data`); making a new one replaces the
//! stored hash, and the old address answers 404 from then on.
//!
//! Anyone with the address can read the feed, so it holds no text the person
//! wrote: blocks are "Personal time", the timebox and experiments are named
//! by kind only. [`FEED_HOLDS`] says so on the Data page, word for word.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use goodenough_app::calendar;

use crate::auth::{hash_token, random_token};
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new().route("/calendar/{file}", get(feed))
}

/// Makes a new feed token for a person (replacing any old one) and returns
/// it; only its hash is stored.
pub async fn new_feed_token(state: &AppState, person: &str) -> Result<String, PageError> {
    let token = random_token();
    state
        .store
        .set_calendar_token(person, Some(&hash_token(&token)))
        .await?;
    Ok(token)
}

/// What the feed holds, as the Data page and docs/web.md say it.
pub const FEED_HOLDS: &str = "Anyone with the address can read the feed, so keep it to yourself. It holds the daily check-in reminder, your weekly personal-time blocks as \"Personal time\" (without the titles you gave them), the planned end of a running timebox and the due dates of experiments you have not recorded yet, each named only by its kind. Nothing you wrote is in it: no titles, beliefs, predictions or notes.";

async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let Some(token) = file.strip_suffix(".ics") else {
        return Err(PageError::not_found());
    };
    if token.is_empty() {
        return Err(PageError::not_found());
    }
    let Some(person) = state
        .store
        .person_by_calendar_token(&hash_token(token))
        .await?
    else {
        return Err(PageError::not_found());
    };
    // The token is the person's own credential: they read their own feed.
    let body = calendar::ics(&state.scope(&person), false).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"goodenough.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}
