//! `/api/v1/critic`, `/api/v1/values`, `/api/v1/practices`,
//! `/api/v1/practice-logs`: the inner critic profile, values and roles beyond
//! work, the mindfulness practices (shipped and the data directory's own)
//! and the practice log.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_app::awareness;
use goodenough_core::awareness::{CriticProfile, LifeValue, Practice, PracticeLog};
use serde::Deserialize;
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/critic", get(get_critic).put(put_critic))
        .route("/api/v1/values", get(list_values).post(create_value))
        .route("/api/v1/practices", get(list_practices))
        .route("/api/v1/practice-logs", get(list_logs).post(create_log))
}

/// Your inner critic profile, or `null` when not described yet.
#[utoipa::path(
    get,
    path = "/api/v1/critic",
    tag = "awareness",
    responses(
        (status = 200, description = "The profile, or `null` when not described yet", body = CriticProfile),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn get_critic(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<Option<CriticProfile>>, ApiError> {
    Ok(Json(awareness::critic(&state.scope(&user.person)).await?))
}

/// The critic profile as sent.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCritic {
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub name: String,
    /// What it typically says; at least one phrase.
    #[schema(min_items = 1)]
    pub says: Vec<String>,
    #[serde(default)]
    pub learned: Option<String>,
    #[serde(default)]
    pub protects: Option<String>,
    #[serde(default)]
    pub kind_answer: Option<String>,
}

/// Describes (replaces) your inner critic profile.
#[utoipa::path(
    put,
    path = "/api/v1/critic",
    tag = "awareness",
    request_body = NewCritic,
    responses(
        (status = 200, description = "The saved profile", body = CriticProfile),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "A field is empty or too long", body = ErrorBody),
    ),
)]
pub(crate) async fn put_critic(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewCritic>,
) -> Result<Json<CriticProfile>, ApiError> {
    let new = awareness::NewCritic {
        name: body.name,
        says: body.says,
        learned: body.learned,
        protects: body.protects,
        kind_answer: body.kind_answer,
    };
    Ok(Json(
        awareness::set_critic(&state.scope(&user.person), new).await?,
    ))
}

/// Your values and roles beyond work, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/values",
    tag = "awareness",
    responses(
        (status = 200, description = "The values, oldest first", body = Vec<LifeValue>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_values(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<LifeValue>, ApiError> {
    Ok(paging.page(awareness::values(&state.scope(&user.person)).await?))
}

/// A value as posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewValue {
    /// The value or role ("friend", "painter").
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub name: String,
    /// What it looks like in practice.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub practice: String,
}

/// Adds a value or role beyond work.
#[utoipa::path(
    post,
    path = "/api/v1/values",
    tag = "awareness",
    request_body = NewValue,
    responses(
        (status = 201, description = "The saved value (with the help-now headers when the text matched the crisis-language rules)", body = LifeValue),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "A field is empty or too long", body = ErrorBody),
    ),
)]
pub(crate) async fn create_value(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewValue>,
) -> Result<Created<LifeValue>, ApiError> {
    let scope = state.scope(&user.person);
    let v = awareness::add_value(&scope, &body.name, &body.practice).await?;
    Ok(Created::new(v))
}

/// The mindfulness practices: scripts of timed cues.
#[utoipa::path(
    get,
    path = "/api/v1/practices",
    tag = "awareness",
    responses(
        (status = 200, description = "The practices, by id", body = Vec<Practice>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_practices(
    State(state): State<AppState>,
    _user: ApiUser,
    paging: Paging,
) -> Result<Paged<Practice>, ApiError> {
    Ok(paging.page(state.catalogues().practices().to_vec()))
}

/// Your practice log, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/practice-logs",
    tag = "awareness",
    responses(
        (status = 200, description = "The log, oldest first", body = Vec<PracticeLog>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_logs(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<PracticeLog>, ApiError> {
    Ok(paging.page(awareness::practice_logs(&state.scope(&user.person)).await?))
}

/// Minutes of practice as posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPracticeLog {
    /// The practice id (see `/api/v1/practices`).
    #[schema(min_length = 1)]
    pub practice: String,
    /// 1-600.
    #[schema(minimum = 1, maximum = 600)]
    pub minutes: i64,
    /// Defaults to today in your time zone.
    #[serde(default)]
    pub date: Option<chrono::NaiveDate>,
}

/// Logs minutes of a practice.
#[utoipa::path(
    post,
    path = "/api/v1/practice-logs",
    tag = "awareness",
    request_body = NewPracticeLog,
    responses(
        (status = 201, description = "The saved entry", body = PracticeLog),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "Unknown practice or minutes out of range", body = ErrorBody),
    ),
)]
pub(crate) async fn create_log(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewPracticeLog>,
) -> Result<Created<PracticeLog>, ApiError> {
    let all = state.catalogues().practices();
    let scope = state.scope(&user.person);
    let log = awareness::log_practice(&scope, all, &body.practice, body.minutes, body.date).await?;
    Ok(Created::new(log))
}
