//! `/api/v1/programmes`, `/api/v1/enrolment` and `/api/v1/today`: the
//! programmes (shipped plus the data directory's), the person's enrolment
//! and "today" (computed in core, the same as `goodenough today`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use goodenough_app::programme;
use goodenough_core::programme::{Enrolment, EnrolmentStatus, Programme, Today};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::ApiPath;
use super::{ApiError, ApiJson, ApiQuery, ApiUser};
use crate::programmes::{find, load, StartError};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/programmes", get(list))
        .route("/api/v1/programmes/{id}", get(one))
        .route("/api/v1/enrolment", get(status).post(start).delete(stop))
        .route("/api/v1/today", get(today))
}

impl From<StartError> for ApiError {
    fn from(e: StartError) -> Self {
        match e {
            StartError::Refused(status, message) => ApiError::new(status, message),
            StartError::App(e) => e.into(),
        }
    }
}

fn parse_date(raw: &str) -> Result<NaiveDate, ApiError> {
    goodenough_core::text::parse_date(raw).map_err(ApiError::from)
}

/// The programmes you can follow: the shipped ones, then your coach's.
#[utoipa::path(get, operation_id = "list_programmes", path = "/api/v1/programmes", tag = "programmes",
    responses(
        (status = 200, description = "The programmes", body = Vec<Programme>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(crate) async fn list(
    State(state): State<AppState>,
    _user: ApiUser,
    paging: Paging,
) -> Result<Paged<Programme>, ApiError> {
    Ok(paging.page(load(&state).0.to_vec()))
}

/// One programme.
#[utoipa::path(get, operation_id = "get_programme", path = "/api/v1/programmes/{id}", tag = "programmes",
    params(("id" = String, Path, description = "The programme id")),
    responses(
        (status = 200, description = "The programme", body = Programme),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
    ))]
pub(crate) async fn one(
    State(state): State<AppState>,
    _user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Programme>, ApiError> {
    Ok(Json(
        find(&state, &id)
            .map_err(|m| ApiError::new(StatusCode::NOT_FOUND, m))?
            .0,
    ))
}

/// Your running programme and where you stand (both null when none runs).
#[utoipa::path(get, path = "/api/v1/enrolment", tag = "programmes",
    responses(
        (status = 200, description = "The enrolment and standing", body = EnrolmentStatus),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(crate) async fn status(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<EnrolmentStatus>, ApiError> {
    let scope = state.scope(&user.person);
    Ok(Json(programme::status(&scope, load(&state).0).await?))
}

/// Starting a programme: `{programme_id, started_on?, replace?}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEnrolment {
    #[schema(min_length = 1)]
    pub programme_id: String,
    /// The first day of week 1 (YYYY-MM-DD; default today).
    pub started_on: Option<String>,
    /// Stop a running programme and start this one (default false).
    #[serde(default)]
    pub replace: bool,
}

/// Starts a programme. Refused (409) while another runs unless `replace`.
#[utoipa::path(post, operation_id = "start_enrolment", path = "/api/v1/enrolment", tag = "programmes", request_body = NewEnrolment,
    responses(
        (status = 201, description = "Started", body = EnrolmentStatus),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 409, description = "Another programme is running and replace is not set", body = ErrorBody),
        (status = 422, description = "The start date cannot be read", body = ErrorBody),
    ))]
pub(crate) async fn start(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewEnrolment>,
) -> Result<(StatusCode, Json<EnrolmentStatus>), ApiError> {
    let status = crate::programmes::start(
        &state,
        &user.person,
        &body.programme_id,
        body.started_on.as_deref(),
        body.replace,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(status)))
}

/// Stops your running programme (your records stay). Returns the stopped
/// enrolment, or null when none was running.
#[utoipa::path(delete, operation_id = "stop_enrolment", path = "/api/v1/enrolment", tag = "programmes",
    responses(
        (status = 200, description = "The stopped enrolment, or null", body = Option<Enrolment>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
    ))]
pub(crate) async fn stop(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<Option<Enrolment>>, ApiError> {
    Ok(Json(programme::stop(&state.scope(&user.person)).await?))
}

/// `?on=YYYY-MM-DD`.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TodayQuery {
    /// The day (default today in your time zone).
    #[param(value_type = Option<String>, format = Date)]
    pub on: Option<String>,
}

/// What today holds: the programme's week and phase, its suggestions, and
/// what is due (check-in, experiments, an assessment, personal time, the review).
#[utoipa::path(get, path = "/api/v1/today", tag = "programmes", params(TodayQuery),
    responses(
        (status = 200, description = "Today", body = Today),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "The date cannot be read", body = ErrorBody),
    ))]
pub(crate) async fn today(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<TodayQuery>,
) -> Result<Json<Today>, ApiError> {
    let on = match q.on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => Some(parse_date(raw)?),
        None => None,
    };
    let scope = user.reading(&state);
    Ok(Json(programme::today(&scope, load(&state).0, on).await?))
}
