//! `/api/v1/timeboxes`: start, read and change timeboxes.
//!
//! One running box per person (409 on a second start). Changes go to
//! `/api/v1/timeboxes/current/{stop|revise|recheck|extend}`; revise and
//! recheck apply to the running box, or to the most recently finished one
//! when none is running (re-checking finished work is what they count).
//! Every answer is a box with its figures (`TimeboxView`). Changing the
//! current box when there is none is a 422 with a sentence.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use goodenough_app::timeboxes::{self, When};
use goodenough_app::AppError;
use goodenough_core::timebox::{Outcome, TimeboxView};
use serde::Deserialize;
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::ApiPath;
use super::{ApiError, ApiJson, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/timeboxes", get(list).post(start))
        .route("/api/v1/timeboxes/current", get(current))
        .route("/api/v1/timeboxes/current/stop", post(stop))
        .route("/api/v1/timeboxes/current/revise", post(revise))
        .route("/api/v1/timeboxes/current/recheck", post(recheck))
        .route("/api/v1/timeboxes/current/extend", post(extend))
        .route("/api/v1/timeboxes/{id}", get(one))
}

const NONE_RUNNING: &str = "No timebox is running; start one with POST /api/v1/timeboxes.";

/// A use case's answer, with this API's sentence when there was no box to
/// change (`none`).
fn or_none<T>(r: goodenough_app::Result<T>, none: &str) -> Result<T, ApiError> {
    match r {
        Err(AppError::NotFound { .. }) => {
            Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, none))
        }
        other => Ok(other?),
    }
}

const NO_BOX_YET: &str = "There is no timebox yet; start one with POST /api/v1/timeboxes.";

/// Your timeboxes with their figures, oldest first.
#[utoipa::path(
    get,
    operation_id = "list_timeboxes",
    path = "/api/v1/timeboxes",
    tag = "timeboxes",
    responses(
        (status = 200, description = "The boxes, oldest first, each with actual minutes, overrun against the original limit, and remaining time", body = Vec<TimeboxView>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<TimeboxView>, ApiError> {
    let scope = state.scope(&user.person);
    let boxes = timeboxes::list(&scope).await?;
    let now = scope.now();
    Ok(paging.page(boxes).map(|b| b.view(now)))
}

/// A box as started: `{title, limit, started_at?}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTimebox {
    /// What the box is for.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub title: String,
    /// The limit as typed: `90m`, `1h30m`, `2h`.
    #[schema(min_length = 1)]
    pub limit: String,
    /// When it started (default now): RFC 3339 or `YYYY-MM-DD HH:MM` in your time zone.
    pub started_at: Option<String>,
}

/// Starts a box.
#[utoipa::path(
    post,
    operation_id = "start_timebox",
    path = "/api/v1/timeboxes",
    tag = "timeboxes",
    request_body = NewTimebox,
    responses(
        (status = 201, description = "The running box. When its text matches the crisis-language rules, the answer also carries `X-Goodenough-Help-Now: /help-now` and `Link: </help-now>; rel=\"help\"`", body = TimeboxView),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 409, description = "A box is already running", body = ErrorBody),
        (status = 422, description = "An empty title, a limit that is zero, negative or unreadable, or an unreadable start time", body = ErrorBody),
    ),
)]
pub(crate) async fn start(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewTimebox>,
) -> Result<Created<TimeboxView>, ApiError> {
    let scope = state.scope(&user.person);
    let new = timeboxes::NewTimebox {
        title: &body.title,
        limit: &body.limit,
        started: When::typed_or_now(body.started_at.as_deref()),
    };
    let b = timeboxes::start(&scope, new).await?;
    Ok(Created::new(b.view(scope.now())))
}

/// The running box, or `null` when none is running.
#[utoipa::path(
    get,
    path = "/api/v1/timeboxes/current",
    tag = "timeboxes",
    responses(
        (status = 200, description = "The running box, or null when none is running", body = Option<TimeboxView>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn current(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<Option<TimeboxView>>, ApiError> {
    let scope = state.scope(&user.person);
    let b = timeboxes::running(&scope).await?;
    Ok(Json(b.map(|b| b.view(scope.now()))))
}

/// One box by id.
#[utoipa::path(
    get,
    operation_id = "get_timebox",
    path = "/api/v1/timeboxes/{id}",
    tag = "timeboxes",
    params(("id" = String, Path, description = "The box's id")),
    responses(
        (status = 200, description = "The box", body = TimeboxView),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No box of yours has that id", body = ErrorBody),
    ),
)]
pub(crate) async fn one(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<TimeboxView>, ApiError> {
    let scope = state.scope(&user.person);
    let b = timeboxes::get(&scope, &id).await?;
    Ok(Json(b.view(scope.now())))
}

/// Ending the running box: `{outcome?, at?}`.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct StopTimebox {
    /// `shipped` (default), `extended` or `dropped`.
    #[schema(value_type = Option<goodenough_core::timebox::Outcome>)]
    pub outcome: Option<String>,
    /// When it ended (default now).
    pub at: Option<String>,
}

/// Ends the running box.
#[utoipa::path(
    post,
    operation_id = "stop_timebox",
    path = "/api/v1/timeboxes/current/stop",
    tag = "timeboxes",
    request_body = StopTimebox,
    responses(
        (status = 200, description = "The finished box with its figures", body = TimeboxView),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 422, description = "No box is running", body = ErrorBody),
        (status = 422, description = "An unknown outcome, or a time that cannot be read or is before the start", body = ErrorBody),
    ),
)]
pub(crate) async fn stop(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<StopTimebox>,
) -> Result<Json<TimeboxView>, ApiError> {
    let outcome: Outcome = body.outcome.as_deref().unwrap_or("shipped").parse()?;
    let scope = state.scope(&user.person);
    let at = When::typed_or_now(body.at.as_deref());
    let b = or_none(timeboxes::stop(&scope, outcome, at).await, NONE_RUNNING)?;
    Ok(Json(b.view(scope.now())))
}

/// A revision: `{note?, at?}`.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ReviseTimebox {
    /// What changed in this pass.
    pub note: Option<String>,
    /// When (default now).
    pub at: Option<String>,
}

/// Counts a revision of the running box (or of the last finished one).
#[utoipa::path(
    post,
    path = "/api/v1/timeboxes/current/revise",
    tag = "timeboxes",
    request_body = ReviseTimebox,
    responses(
        (status = 200, description = "The box with the revision counted", body = TimeboxView),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 422, description = "There is no box yet", body = ErrorBody),
        (status = 422, description = "A time that cannot be read or is before the start", body = ErrorBody),
    ),
)]
pub(crate) async fn revise(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<ReviseTimebox>,
) -> Result<Json<TimeboxView>, ApiError> {
    let scope = state.scope(&user.person);
    let at = When::typed_or_now(body.at.as_deref());
    let revised = timeboxes::revise(&scope, at, body.note.as_deref()).await;
    let b = or_none(revised, NO_BOX_YET)?;
    Ok(Json(b.view(scope.now())))
}

/// Counts a re-check of the running box (or of the last finished one). No body.
#[utoipa::path(
    post,
    path = "/api/v1/timeboxes/current/recheck",
    tag = "timeboxes",
    responses(
        (status = 200, description = "The box with the re-check counted", body = TimeboxView),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 422, description = "There is no box yet", body = ErrorBody),
    ),
)]
pub(crate) async fn recheck(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<TimeboxView>, ApiError> {
    let scope = state.scope(&user.person);
    let b = or_none(timeboxes::recheck(&scope).await, NO_BOX_YET)?;
    Ok(Json(b.view(scope.now())))
}

/// More time for the running box: `{minutes, reason}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtendTimebox {
    /// How much more, as typed: `15m`, `1h`.
    #[schema(min_length = 1)]
    pub minutes: String,
    /// Why it needs more time.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub reason: String,
}

/// Extends the running box (overrun still counts against the original limit).
#[utoipa::path(
    post,
    path = "/api/v1/timeboxes/current/extend",
    tag = "timeboxes",
    request_body = ExtendTimebox,
    responses(
        (status = 200, description = "The box with the extension", body = TimeboxView),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 422, description = "No box is running", body = ErrorBody),
        (status = 422, description = "A duration that is zero, negative or unreadable, or an empty reason", body = ErrorBody),
    ),
)]
pub(crate) async fn extend(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<ExtendTimebox>,
) -> Result<Json<TimeboxView>, ApiError> {
    let scope = state.scope(&user.person);
    let extended = timeboxes::extend(&scope, &body.minutes, &body.reason, When::Now).await;
    let b = or_none(extended, NONE_RUNNING)?;
    Ok(Json(b.view(scope.now())))
}
