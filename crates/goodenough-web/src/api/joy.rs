//! `/api/v1/hobbies`, `/api/v1/blocks`, `/api/v1/joy`, `/api/v1/rests`:
//! hobbies, weekly personal-time blocks (kept or skipped), minutes of joy,
//! rest, and the three joy summaries.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use goodenough_app::joy;
use goodenough_core::joy::{
    parse_weekly, Block, Hobby, JoyLog, JoySummary, Occurrence, Rest, RestKind,
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::ApiPath;
use super::{ApiError, ApiJson, ApiQuery, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/hobbies", get(list_hobbies).post(create_hobby))
        .route("/api/v1/blocks", get(list_blocks).post(create_block))
        .route("/api/v1/blocks/{id}/occurrences", post(mark_occurrence))
        .route("/api/v1/joy", get(list_joy).post(create_joy))
        .route("/api/v1/joy/summary", get(summary))
        .route("/api/v1/rests", get(list_rests).post(create_rest))
}

/// Your hobbies, oldest first.
#[utoipa::path(get, path = "/api/v1/hobbies", tag = "joy",
    responses(
        (status = 200, description = "The hobbies, oldest first", body = Vec<Hobby>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(crate) async fn list_hobbies(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Hobby>, ApiError> {
    Ok(paging.page(joy::hobbies(&state.scope(&user.person)).await?))
}

/// A hobby as posted: `{name}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHobby {
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub name: String,
}

/// Adds a hobby (an existing one with the same name is returned as is).
#[utoipa::path(post, path = "/api/v1/hobbies", tag = "joy", request_body = NewHobby,
    responses(
        (status = 201, description = "The hobby", body = Hobby),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 422, description = "The name is empty or too long", body = ErrorBody),
    ))]
pub(crate) async fn create_hobby(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewHobby>,
) -> Result<Created<Hobby>, ApiError> {
    let named = joy::add_hobby(&state.scope(&user.person), &body.name).await?;
    Ok(Created::new(named.hobby))
}

/// Your personal-time blocks, oldest first.
#[utoipa::path(get, path = "/api/v1/blocks", tag = "joy",
    responses(
        (status = 200, description = "The blocks, oldest first", body = Vec<Block>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(crate) async fn list_blocks(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Block>, ApiError> {
    Ok(paging.page(joy::blocks(&state.scope(&user.person)).await?))
}

/// A block as posted: `{title, weekly: "sat 10:00-12:00", hobby?}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewBlock {
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub title: String,
    /// A day and a local time range, e.g. `sat 10:00-12:00`.
    #[schema(min_length = 1)]
    pub weekly: String,
    /// A hobby name (created when new).
    pub hobby: Option<String>,
}

/// Adds a weekly block of non-negotiable personal time.
#[utoipa::path(post, path = "/api/v1/blocks", tag = "joy", request_body = NewBlock,
    responses(
        (status = 201, description = "The block", body = Block),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 422, description = "An impossible day or time, or the end not after the start", body = ErrorBody),
    ))]
pub(crate) async fn create_block(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewBlock>,
) -> Result<Created<Block>, ApiError> {
    let weekly = parse_weekly(&body.weekly)?;
    let new = joy::NewBlock {
        title: body.title,
        weekly,
        hobby: body.hobby,
    };
    let added = joy::add_block(&state.scope(&user.person), new).await?;
    Ok(Created::new(added.block))
}

/// An occurrence as posted: `{date, kept, reason?}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOccurrence {
    /// One of the block's weekdays.
    pub date: NaiveDate,
    pub kept: bool,
    pub reason: Option<String>,
}

/// Marks one occurrence of a block kept or skipped (marking again replaces it).
#[utoipa::path(post, path = "/api/v1/blocks/{id}/occurrences", tag = "joy",
    params(("id" = String, Path, description = "The block id")),
    request_body = NewOccurrence,
    responses(
        (status = 201, description = "The occurrence", body = Occurrence),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 404, description = "No block of yours has that id", body = ErrorBody),
        (status = 422, description = "The date is not one of the block's weekdays", body = ErrorBody),
    ))]
pub(crate) async fn mark_occurrence(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<NewOccurrence>,
) -> Result<Created<Occurrence>, ApiError> {
    let scope = state.scope(&user.person);
    let marked = joy::mark(
        &scope,
        &id,
        Some(body.date),
        body.kept,
        body.reason.as_deref(),
    )
    .await?;
    Ok(Created::new(marked.occurrence))
}

/// Your joy log, oldest first.
#[utoipa::path(get, path = "/api/v1/joy", tag = "joy",
    responses(
        (status = 200, description = "Minutes of joy, oldest first", body = Vec<JoyLog>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(crate) async fn list_joy(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<JoyLog>, ApiError> {
    Ok(paging.page(joy::logs(&state.scope(&user.person)).await?))
}

/// Minutes of joy as posted: `{hobby, minutes: "45m", date?}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewJoy {
    /// A hobby name (created when new).
    #[schema(min_length = 1)]
    pub hobby: String,
    /// A duration like `45m` or `1h30m`.
    #[schema(min_length = 1)]
    pub minutes: String,
    /// Defaults to today in your time zone.
    pub date: Option<NaiveDate>,
}

/// Logs time spent on a hobby.
#[utoipa::path(post, path = "/api/v1/joy", tag = "joy", request_body = NewJoy,
    responses(
        (status = 201, description = "The log entry", body = JoyLog),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 422, description = "The duration cannot be read", body = ErrorBody),
    ))]
pub(crate) async fn create_joy(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewJoy>,
) -> Result<Created<JoyLog>, ApiError> {
    let minutes = goodenough_core::duration::parse_minutes("minutes", &body.minutes)?;
    goodenough_core::text::required("hobby", &body.hobby)?;
    let new = joy::NewJoyLog {
        hobby: body.hobby,
        minutes,
        date: body.date,
    };
    let logged = joy::log(&state.scope(&user.person), new).await?;
    Ok(Created::new(logged.log))
}

/// Your rests, oldest first.
#[utoipa::path(get, path = "/api/v1/rests", tag = "joy",
    responses(
        (status = 200, description = "Vacations and rest days, oldest first", body = Vec<Rest>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(crate) async fn list_rests(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Rest>, ApiError> {
    Ok(paging.page(joy::rests(&state.scope(&user.person)).await?))
}

/// A rest as posted: `{from, to, kind: "vacation"|"rest-day", guilt?}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[schema(value_type = goodenough_core::joy::RestKind)]
    pub kind: String,
    /// 0-10.
    #[schema(minimum = 0, maximum = 10)]
    pub guilt: Option<i64>,
}

/// Records a vacation or rest day(s).
#[utoipa::path(post, path = "/api/v1/rests", tag = "joy", request_body = NewRest,
    responses(
        (status = 201, description = "The rest", body = Rest),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 422, description = "`to` before `from`, an unknown kind, or guilt outside 0-10", body = ErrorBody),
    ))]
pub(crate) async fn create_rest(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewRest>,
) -> Result<Created<Rest>, ApiError> {
    let kind = RestKind::parse(&body.kind)?;
    let new = joy::NewRest {
        from: body.from,
        to: body.to,
        kind,
        guilt: body.guilt,
    };
    let r = joy::add_rest(&state.scope(&user.person), new).await?;
    Ok(Created::new(r))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SummaryQuery {
    /// How many ISO weeks, ending with this one (default 8, at most 520).
    #[param(minimum = 1, maximum = 520)]
    weeks: Option<u32>,
}

/// Blocks kept per week, minutes per hobby per week, days of rest per month.
#[utoipa::path(get, operation_id = "joy_summary", path = "/api/v1/joy/summary", tag = "joy", params(SummaryQuery),
    responses(
        (status = 200, description = "The three summaries", body = JoySummary),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "`weeks` outside 1-520", body = ErrorBody),
    ))]
pub(crate) async fn summary(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<SummaryQuery>,
) -> Result<Json<JoySummary>, ApiError> {
    let weeks = q.weeks.unwrap_or(8);
    if weeks == 0 || weeks > 520 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("weeks must be from 1 to 520; you gave {weeks}."),
        ));
    }
    Ok(Json(joy::summary(&state.scope(&user.person), weeks).await?))
}
