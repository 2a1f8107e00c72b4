//! `/api/v1/noes`, `/api/v1/delegations`, `/api/v1/scripts` and
//! `/api/v1/mistakes`: the Boundaries area as JSON.
//!
//! Completing a record (`POST` or `PATCH /api/v1/noes/{id}`, same for
//! delegations) answers 200 with the updated record; like every write, a
//! text that matches the crisis-language rules is saved and the answer
//! carries the help-now headers.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use goodenough_app::{boundaries, AppError};
use goodenough_core::boundaries::{Delegation, MistakeReview, NoRecord};
use goodenough_core::scripts::{FilledScript, Script, ScriptError};
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
        .route("/api/v1/noes", get(list_noes).post(create_no))
        .route("/api/v1/noes/{id}", post(complete_no).patch(patch_no))
        .route(
            "/api/v1/delegations",
            get(list_delegations).post(create_delegation),
        )
        .route(
            "/api/v1/delegations/{id}",
            post(complete_delegation).patch(patch_delegation),
        )
        .route("/api/v1/scripts", get(list_scripts))
        .route("/api/v1/scripts/{id}", get(one_script))
        .route("/api/v1/scripts/{id}/fill", post(fill_script))
        .route("/api/v1/mistakes", get(list_mistakes).post(create_mistake))
}

/// A 200 answer with an updated record (the signpost middleware adds the
/// help-now headers when its text matched the crisis rules, as for
/// [`Created`]).
pub struct Updated<T> {
    body: T,
}

impl<T> Updated<T> {
    fn new(body: T) -> Updated<T> {
        Updated { body }
    }
}

impl<T: serde::Serialize> IntoResponse for Updated<T> {
    fn into_response(self) -> Response {
        (StatusCode::OK, Json(self.body)).into_response()
    }
}

/// Your noes, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/noes",
    tag = "boundaries",
    responses(
        (status = 200, description = "Every time you said no, oldest first", body = Vec<NoRecord>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_noes(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<NoRecord>, ApiError> {
    Ok(paging.page(boundaries::noes(&state.scope(&user.person)).await?))
}

/// A "no" as posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNo {
    /// Defaults to today in your time zone.
    pub date: Option<NaiveDate>,
    /// What was asked of you.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub request: String,
    /// What you answered.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub response: String,
    /// Guilt before answering, 0-10.
    #[schema(minimum = 0, maximum = 10)]
    pub guilt_before: i64,
    /// Guilt afterwards, 0-10.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10)]
    pub guilt_after: Option<i64>,
    /// What happened next.
    #[serde(default)]
    pub outcome: Option<String>,
}

/// Records a time you said no.
#[utoipa::path(
    post,
    path = "/api/v1/noes",
    tag = "boundaries",
    request_body = NewNo,
    responses(
        (status = 201, description = "The saved record (with the help-now headers when its text matched the crisis-language rules)", body = NoRecord),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "Guilt outside 0-10, or an empty text", body = ErrorBody),
    ),
)]
pub(crate) async fn create_no(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewNo>,
) -> Result<Created<NoRecord>, ApiError> {
    let new = boundaries::NewNo {
        date: body.date,
        request: body.request,
        response: body.response,
        guilt_before: body.guilt_before,
        guilt_after: body.guilt_after,
        outcome: body.outcome,
    };
    let n = boundaries::add_no(&state.scope(&user.person), new).await?;
    Ok(Created::new(n))
}

/// Completing a "no" later.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteNo {
    /// Guilt afterwards, 0-10.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10)]
    pub guilt_after: Option<i64>,
    /// What happened next.
    #[serde(default)]
    pub outcome: Option<String>,
}

/// Completes a "no": the guilt afterwards and what happened. `PATCH` works too.
#[utoipa::path(
    post,
    path = "/api/v1/noes/{id}",
    tag = "boundaries",
    params(("id" = String, Path, description = "The record's id")),
    request_body = CompleteNo,
    responses(
        (status = 200, description = "The updated record", body = NoRecord),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such record of yours", body = ErrorBody),
        (status = 422, description = "Nothing to update, or guilt outside 0-10", body = ErrorBody),
    ),
)]
pub(crate) async fn complete_no(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<CompleteNo>,
) -> Result<Updated<NoRecord>, ApiError> {
    let scope = state.scope(&user.person);
    let n = boundaries::complete_no(&scope, &id, body.guilt_after, body.outcome.as_deref()).await?;
    Ok(Updated::new(n))
}

/// Completes a "no", as `POST` on the same path does.
#[utoipa::path(
    patch,
    path = "/api/v1/noes/{id}",
    tag = "boundaries",
    params(("id" = String, Path, description = "The record's id")),
    request_body = CompleteNo,
    responses(
        (status = 200, description = "The updated record", body = NoRecord),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such record of yours", body = ErrorBody),
        (status = 422, description = "Nothing to update, or guilt outside 0-10", body = ErrorBody),
    ),
)]
pub(crate) async fn patch_no(
    state: State<AppState>,
    user: ApiUser,
    id: ApiPath<String>,
    body: ApiJson<CompleteNo>,
) -> Result<Updated<NoRecord>, ApiError> {
    complete_no(state, user, id, body).await
}

/// Your delegations, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/delegations",
    tag = "boundaries",
    responses(
        (status = 200, description = "Every delegation, oldest first", body = Vec<Delegation>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_delegations(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Delegation>, ApiError> {
    Ok(paging.page(boundaries::delegations(&state.scope(&user.person)).await?))
}

/// A delegation as posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDelegation {
    /// Defaults to today in your time zone.
    pub date: Option<NaiveDate>,
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub task: String,
    /// Who took it on.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub to: String,
    #[serde(default)]
    pub outcome: Option<String>,
    /// Whether it turned out fine.
    #[serde(default)]
    pub fine: Option<bool>,
}

/// Records a delegation.
#[utoipa::path(
    post,
    path = "/api/v1/delegations",
    tag = "boundaries",
    request_body = NewDelegation,
    responses(
        (status = 201, description = "The saved delegation (with the help-now headers when its text matched the crisis-language rules)", body = Delegation),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "An empty text", body = ErrorBody),
    ),
)]
pub(crate) async fn create_delegation(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewDelegation>,
) -> Result<Created<Delegation>, ApiError> {
    let new = boundaries::NewDelegation {
        date: body.date,
        task: body.task,
        to: body.to,
        outcome: body.outcome,
        fine: body.fine,
    };
    let d = boundaries::add_delegation(&state.scope(&user.person), new).await?;
    Ok(Created::new(d))
}

/// Completing a delegation later.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteDelegation {
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub fine: Option<bool>,
}

/// Completes a delegation: how it went. `PATCH` works too.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}",
    tag = "boundaries",
    params(("id" = String, Path, description = "The delegation's id")),
    request_body = CompleteDelegation,
    responses(
        (status = 200, description = "The updated delegation", body = Delegation),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such delegation of yours", body = ErrorBody),
        (status = 422, description = "Nothing to update", body = ErrorBody),
    ),
)]
pub(crate) async fn complete_delegation(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<CompleteDelegation>,
) -> Result<Updated<Delegation>, ApiError> {
    let scope = state.scope(&user.person);
    let d =
        boundaries::complete_delegation(&scope, &id, body.outcome.as_deref(), body.fine).await?;
    Ok(Updated::new(d))
}

/// Completes a delegation, as `POST` on the same path does.
#[utoipa::path(
    patch,
    path = "/api/v1/delegations/{id}",
    tag = "boundaries",
    params(("id" = String, Path, description = "The delegation's id")),
    request_body = CompleteDelegation,
    responses(
        (status = 200, description = "The updated delegation", body = Delegation),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such delegation of yours", body = ErrorBody),
        (status = 422, description = "Nothing to update", body = ErrorBody),
    ),
)]
pub(crate) async fn patch_delegation(
    state: State<AppState>,
    user: ApiUser,
    id: ApiPath<String>,
    body: ApiJson<CompleteDelegation>,
) -> Result<Updated<Delegation>, ApiError> {
    complete_delegation(state, user, id, body).await
}

/// Every communication script.
#[utoipa::path(
    get,
    path = "/api/v1/scripts",
    tag = "boundaries",
    responses(
        (status = 200, description = "The shipped scripts by name, then your coaches' own", body = Vec<Script>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_scripts(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Script>, ApiError> {
    let mut all: Vec<Script> = state
        .catalogues()
        .scripts()
        .list()
        .into_iter()
        .cloned()
        .collect();
    all.extend(
        goodenough_app::content::coach_scripts(&state.scope(&user.person))
            .await?
            .into_iter()
            .map(|c| c.script),
    );
    Ok(paging.page(all))
}

/// A shipped script by name, or one of the person's coaches' own.
async fn find_script(state: &AppState, person: &str, id: &str) -> Result<Script, ApiError> {
    if let Ok(s) = state.catalogues().scripts().get(id) {
        return Ok(s.clone());
    }
    goodenough_app::content::coach_scripts(&state.scope(person))
        .await?
        .into_iter()
        .map(|c| c.script)
        .find(|s| s.name == id)
        .ok_or_else(|| ApiError::not_found("script"))
}

/// One script, with its blanks and template.
#[utoipa::path(
    get,
    path = "/api/v1/scripts/{id}",
    tag = "boundaries",
    params(("id" = String, Path, description = "The script's name, for example `scope`", example = "scope")),
    responses(
        (status = 200, description = "The script", body = Script),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No script of that name", body = ErrorBody),
    ),
)]
pub(crate) async fn one_script(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Script>, ApiError> {
    Ok(Json(find_script(&state, &user.person, &id).await?))
}

/// The values for a script's blanks.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FillScript {
    /// One value per blank, by the blank's name.
    pub vars: BTreeMap<String, String>,
}

/// Fills a script's blanks.
#[utoipa::path(
    post,
    path = "/api/v1/scripts/{id}/fill",
    tag = "boundaries",
    params(("id" = String, Path, description = "The script's name", example = "scope")),
    request_body = FillScript,
    responses(
        (status = 200, description = "The filled message", body = FilledScript),
        (status = 400, description = "Malformed JSON or `vars` missing", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No script of that name", body = ErrorBody),
        (status = 422, description = "A blank is missing, or a value names no blank of the script", body = ErrorBody),
    ),
)]
pub(crate) async fn fill_script(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<FillScript>,
) -> Result<Json<FilledScript>, ApiError> {
    let s = find_script(&state, &user.person, &id).await?;
    let text = s.fill(&body.vars).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            match e {
                ScriptError::MissingVariables { .. } => format!("{e} Give each in `vars`."),
                other => other.to_string(),
            },
        )
    })?;
    Ok(Json(FilledScript {
        name: s.name.clone(),
        text,
    }))
}

/// Your mistake reviews, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/mistakes",
    tag = "boundaries",
    responses(
        (status = 200, description = "Every mistake review, oldest first", body = Vec<MistakeReview>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_mistakes(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<MistakeReview>, ApiError> {
    Ok(paging.page(boundaries::mistakes(&state.scope(&user.person)).await?))
}

/// A mistake review as posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMistake {
    /// Defaults to today in your time zone.
    pub date: Option<NaiveDate>,
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub what: String,
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub cost: String,
    #[serde(default)]
    pub factors: Option<String>,
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub taught: String,
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub friend: String,
    /// The id of one of your thought records.
    #[serde(default)]
    pub thought_id: Option<String>,
}

/// Records a blameless mistake review.
#[utoipa::path(
    post,
    path = "/api/v1/mistakes",
    tag = "boundaries",
    request_body = NewMistake,
    responses(
        (status = 201, description = "The saved review (with the help-now headers when its text matched the crisis-language rules)", body = MistakeReview),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "An empty text, or a thought record that is not yours", body = ErrorBody),
    ),
)]
pub(crate) async fn create_mistake(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewMistake>,
) -> Result<Created<MistakeReview>, ApiError> {
    let thought_id = body
        .thought_id
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let new = boundaries::NewMistake {
        date: body.date,
        what: body.what,
        cost: body.cost,
        factors: body.factors,
        taught: body.taught,
        friend: body.friend,
        thought_id: thought_id.map(str::to_string),
    };
    match boundaries::add_mistake(&state.scope(&user.person), new).await {
        Ok(m) => Ok(Created::new(m)),
        Err(AppError::NotFound { .. }) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "thought_id names no thought record of yours; leave it out or use an id from GET /api/v1/thoughts.",
        )),
        Err(e) => Err(e.into()),
    }
}
