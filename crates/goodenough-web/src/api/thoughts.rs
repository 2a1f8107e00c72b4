//! `/api/v1/thoughts` and `/api/v1/traps`: thought records (list, create,
//! read) and the thinking-trap catalogue with its explainer.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_app::{thoughts, AppError};
use goodenough_core::thought::{Emotion, ThoughtRecord};
use goodenough_core::traps::{Trap, TrapSuggestion};
use goodenough_core::ValidationError;
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
        .route("/api/v1/thoughts", get(list).post(create))
        .route("/api/v1/thoughts/{id}", get(one))
        .route("/api/v1/traps", get(traps))
        .route("/api/v1/traps/explain", get(explain))
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
    #[param(value_type = Option<String>, format = Date)]
    since: Option<String>,
}

/// Your thought records, oldest first.
#[utoipa::path(
    get,
    operation_id = "list_thoughts",
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
    paging: Paging,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Paged<ThoughtRecord>, ApiError> {
    let since = q
        .since
        .as_deref()
        .map(goodenough_core::text::parse_date)
        .transpose()?;
    Ok(paging.page(thoughts::list(&state.scope(&user.person), since).await?))
}

/// One of your thought records.
#[utoipa::path(
    get,
    operation_id = "get_thought",
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
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ThoughtRecord>, ApiError> {
    Ok(Json(thoughts::get(&state.scope(&user.person), &id).await?))
}

/// An emotion as posted (intensity checked as 0-100 with a sentence).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEmotion {
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
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
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub situation: String,
    /// The self-critical thought, in your own words.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
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
    operation_id = "create_thought",
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
    let catalog = state.catalogues().traps();
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
        Ok(record) => Ok(Created::new(record)),
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
pub(crate) async fn traps(
    State(state): State<AppState>,
    _user: ApiUser,
    paging: Paging,
) -> Result<Paged<Trap>, ApiError> {
    Ok(paging.page(state.catalogues().traps().traps().to_vec()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ExplainQuery {
    /// The text to look at, for example a thought you had today.
    #[param(min_length = 1)]
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
    State(state): State<AppState>,
    _user: ApiUser,
    paging: Paging,
    ApiQuery(q): ApiQuery<ExplainQuery>,
) -> Result<Paged<TrapSuggestion>, ApiError> {
    let text = goodenough_core::text::required("text", q.text.as_deref().unwrap_or(""))
        .map_err(invalid)?;
    Ok(paging.page(state.catalogues().traps().suggest(&text)))
}
