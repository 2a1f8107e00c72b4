//! `/api/v1/instruments` (the questionnaires) and `/api/v1/assessments`
//! (take one; a history with reliable change against the first result).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_app::assessments;
use goodenough_core::assessment::{AssessmentResult, HistoryEntry, Instrument};
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
        .route("/api/v1/instruments", get(list_instruments))
        .route("/api/v1/instruments/{id}", get(one_instrument))
        .route("/api/v1/assessments", get(list).post(create))
}

/// The questionnaires `person` can take: the server's and their coaches'.
async fn available(state: &AppState, person: &str) -> Result<Vec<Instrument>, ApiError> {
    Ok(assessments::available(&state.scope(person), state.catalogues().instruments()).await?)
}

/// The questionnaire `id` among those `person` can take.
async fn find(state: &AppState, person: &str, id: &str) -> Result<Instrument, ApiError> {
    available(state, person)
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| ApiError::not_found("questionnaire"))
}

/// Every questionnaire.
#[utoipa::path(
    get,
    path = "/api/v1/instruments",
    tag = "assessments",
    responses(
        (status = 200, description = "The questionnaires", body = Vec<Instrument>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_instruments(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Instrument>, ApiError> {
    Ok(paging.page(available(&state, &user.person).await?))
}

/// One questionnaire: instructions, items and the answer scale.
#[utoipa::path(
    get,
    path = "/api/v1/instruments/{id}",
    tag = "assessments",
    params(("id" = String, Path, description = "The questionnaire's id", example = "who-5")),
    responses(
        (status = 200, description = "The questionnaire", body = Instrument),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such questionnaire", body = ErrorBody),
    ),
)]
pub(crate) async fn one_instrument(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Instrument>, ApiError> {
    Ok(Json(find(&state, &user.person, &id).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct HistoryQuery {
    /// Only this questionnaire's results (default: every result).
    #[param(min_length = 1)]
    instrument: Option<String>,
}

/// Your results of one questionnaire, oldest first; with norms, each later
/// one carries its reliable change against the first.
#[utoipa::path(
    get,
    operation_id = "list_assessments",
    path = "/api/v1/assessments",
    tag = "assessments",
    params(HistoryQuery),
    responses(
        (status = 200, description = "The results, oldest first", body = Vec<HistoryEntry>),
                (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such questionnaire", body = ErrorBody),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
    ApiQuery(q): ApiQuery<HistoryQuery>,
) -> Result<Paged<HistoryEntry>, ApiError> {
    let scope = state.scope(&user.person);
    if let Some(id) = q.instrument.as_deref() {
        let i = find(&state, &user.person, id).await?;
        return Ok(paging.page(assessments::history_of(&scope, &i).await?));
    }
    let all = available(&state, &user.person).await?;
    Ok(paging.page(assessments::history_all(&scope, &all).await?))
}

/// A completed questionnaire as posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssessment {
    /// The questionnaire's id.
    #[schema(min_length = 1, example = "who-5")]
    pub instrument: String,
    /// One answer per item, in order.
    #[schema(example = json!([3, 4, 2, 3, 4]))]
    pub answers: Vec<i64>,
    /// Item id → your own words (optional).
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
    /// Defaults to today in your time zone.
    pub date: Option<chrono::NaiveDate>,
}

/// Saves a completed questionnaire.
#[utoipa::path(
    post,
    operation_id = "create_assessment",
    path = "/api/v1/assessments",
    tag = "assessments",
    request_body = NewAssessment,
    responses(
        (status = 201, description = "The saved result. When an answer is at or past an item's safety threshold, or a note matches the crisis-language rules, the answer also carries `X-Goodenough-Help-Now: /help-now` and `Link: </help-now>; rel=\"help\"`", body = AssessmentResult,
            headers(
                ("X-Goodenough-Help-Now" = String, description = "`/help-now`, present only when help should be shown now"),
                ("Link" = String, description = "`</help-now>; rel=\"help\"`, present only when help should be shown now"),
            )),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 404, description = "No such questionnaire", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "Wrong number of answers, or an answer off the scale", body = ErrorBody),
    ),
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewAssessment>,
) -> Result<Created<AssessmentResult>, ApiError> {
    let i = find(&state, &user.person, &body.instrument).await?;
    let new = assessments::NewAssessment {
        answers: body.answers,
        notes: body.notes,
        date: body.date,
    };
    let recorded = assessments::record(&state.scope(&user.person), &i, new).await?;
    let (result, scores) = (recorded.result, recorded.scores);
    let created = Created::new(result);
    // A safety item answered (not a text): the middleware cannot see it.
    Ok(if scores.help_now.is_empty() {
        created
    } else {
        created.with_help_now()
    })
}
