//! `/api/v1/thoughts` and `/api/v1/traps`: thought records (list, create,
//! read) and the thinking-trap catalogue with its explainer.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_app::{thoughts, AppError};
use goodenough_core::thought::{Emotion, ThoughtRecord};
use goodenough_core::traps::{Trap, TrapCatalog, TrapSuggestion};
use goodenough_core::ValidationError;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::openapi::ErrorBody;
use super::{ApiError, ApiJson, ApiQuery, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/thoughts", get(list).post(create))
        .route("/api/v1/thoughts/{id}", get(one))
        .route("/api/v1/traps", get(traps))
        .route("/api/v1/traps/explain", get(explain))
}

fn catalog() -> Result<&'static TrapCatalog, ApiError> {
    crate::pages::thoughts::trap_catalog()
        .map_err(|m| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, m))
}

/// A validation error as a sentence for API clients.
fn invalid(e: ValidationError) -> ApiError {
    let message = match &e {
        ValidationError::UnknownTrap(t) => format!(
            "\"{t}\" is not a known thinking trap; GET /api/v1/traps lists every slug."
        ),
        ValidationError::BeliefAfterWithoutReframe => {
            "belief_after only makes sense with a reframe; add \"reframe\" or leave belief_after out."
                .to_string()
        }
        other => other.to_string(),
    };
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Only thought records on or after this date (`YYYY-MM-DD`).
    since: Option<String>,
}

/// Your thought records, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/thoughts",
    tag = "thoughts",
    params(ListQuery),
    responses(
        (status = 200, description = "The thought records, oldest first", body = Vec<ThoughtRecord>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "`since` is not a date", body = ErrorBody),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<ThoughtRecord>>, ApiError> {
    let since = q
        .since
        .as_deref()
        .map(goodenough_core::text::parse_date)
        .transpose()?;
    Ok(Json(
        thoughts::list(&state.scope(&user.person), since).await?,
    ))
}

/// One of your thought records.
#[utoipa::path(
    get,
    path = "/api/v1/thoughts/{id}",
    tag = "thoughts",
    params(("id" = String, Path, description = "The thought record's id")),
    responses(
        (status = 200, description = "The thought record", body = ThoughtRecord),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such thought record of yours", body = ErrorBody),
    ),
)]
pub(crate) async fn one(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Json<ThoughtRecord>, ApiError> {
    Ok(Json(thoughts::get(&state.scope(&user.person), &id).await?))
}

/// An emotion as posted (intensity checked as 0-100 with a sentence).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEmotion {
    pub name: String,
    /// 0-100.
    #[schema(minimum = 0, maximum = 100)]
    pub intensity: i64,
}

/// A thought record as posted: the CLI's shape without `id` and
/// `created_at`; `date` defaults to today in the person's time zone.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewThought {
    /// Defaults to today in your time zone.
    pub date: Option<chrono::NaiveDate>,
    /// What happened.
    pub situation: String,
    /// The self-critical thought, in your own words.
    pub thought: String,
    /// How strongly you believe the thought, 0-100.
    #[schema(minimum = 0, maximum = 100)]
    pub belief: i64,
    #[serde(default)]
    pub emotions: Vec<NewEmotion>,
    /// Thinking-trap slugs (see `GET /api/v1/traps`).
    #[serde(default)]
    pub traps: Vec<String>,
    /// A kinder, still honest way to see it.
    #[serde(default)]
    pub reframe: Option<String>,
    /// Belief in the original thought after the reframe, 0-100; needs `reframe`.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100)]
    pub belief_after: Option<i64>,
}

/// Saves a thought record.
#[utoipa::path(
    post,
    path = "/api/v1/thoughts",
    tag = "thoughts",
    request_body = NewThought,
    responses(
        (status = 201, description = "The saved thought record. When any text in it matches the crisis-language rules, the record is still saved and the answer also carries `X-Goodenough-Help-Now: /help-now` and `Link: </help-now>; rel=\"help\"`: show the person where to get help now", body = ThoughtRecord,
            headers(
                ("X-Goodenough-Help-Now" = String, description = "`/help-now`, present only when the text matched the crisis-language rules"),
                ("Link" = String, description = "`</help-now>; rel=\"help\"`, present only when the text matched the crisis-language rules"),
            )),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "A value is out of range, empty, or an unknown trap", body = ErrorBody),
    ),
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewThought>,
) -> Result<Created<ThoughtRecord>, ApiError> {
    let catalog = catalog()?;
    let emotions = body
        .emotions
        .iter()
        .map(|e| Emotion::new(&e.name, e.intensity))
        .collect::<Result<Vec<_>, _>>()
        .map_err(invalid)?;
    let new = thoughts::NewThought {
        date: body.date,
        situation: body.situation,
        thought: body.thought,
        belief: body.belief,
        emotions,
        traps: body.traps,
        reframe: body.reframe,
        belief_after: body.belief_after,
    };
    match thoughts::add(&state.scope(&user.person), catalog, new).await {
        Ok(record) => Ok(Created::new(&state, record)),
        Err(AppError::Invalid(e)) => Err(invalid(e)),
        Err(e) => Err(e.into()),
    }
}

/// The thinking traps, with their definitions and the rules that suggest them.
#[utoipa::path(
    get,
    path = "/api/v1/traps",
    tag = "thoughts",
    responses(
        (status = 200, description = "Every thinking trap, in catalogue order", body = Vec<Trap>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn traps(_user: ApiUser) -> Result<Json<Vec<Trap>>, ApiError> {
    Ok(Json(catalog()?.traps().to_vec()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ExplainQuery {
    /// The text to look at, for example a thought you had today.
    text: Option<String>,
}

/// Which thinking traps a text suggests, with the exact words that matched.
#[utoipa::path(
    get,
    path = "/api/v1/traps/explain",
    tag = "thoughts",
    params(ExplainQuery),
    responses(
        (status = 200, description = "The suggested traps (an empty array when none)", body = Vec<TrapSuggestion>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "`text` is missing or empty", body = ErrorBody),
    ),
)]
pub(crate) async fn explain(
    _user: ApiUser,
    ApiQuery(q): ApiQuery<ExplainQuery>,
) -> Result<Json<Vec<TrapSuggestion>>, ApiError> {
    let text = goodenough_core::text::required("text", q.text.as_deref().unwrap_or(""))
        .map_err(invalid)?;
    Ok(Json(catalog()?.suggest(&text)))
}
