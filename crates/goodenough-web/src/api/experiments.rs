//! `/api/v1/ladder`, `/api/v1/experiments` and `/api/v1/calibration`: the
//! exposure ladder, behavioural experiments and fear calibration as JSON.
//!
//! Recording an experiment (`POST /api/v1/experiments/{id}/record`) answers
//! 200 with the experiment; a second recording is a 409 and changes
//! nothing. Like every write, text that matches the crisis-language rules
//! is saved and the answer carries the help-now headers.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use goodenough_app::experiments::{self, Recording};
use goodenough_app::AppError;
use goodenough_core::calibration::CalibrationReport;
use goodenough_core::experiment::{Experiment, Gap, Rung};
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
        .route("/api/v1/ladder", get(ladder).post(add_rung))
        .route("/api/v1/ladder/gaps", get(gaps))
        .route("/api/v1/experiments", get(list).post(plan))
        .route("/api/v1/experiments/{id}/record", post(record))
        .route("/api/v1/calibration", get(calibration_report))
}

/// A 200 answer with the recorded experiment (the signpost middleware adds
/// the help-now headers when its text matched the crisis rules).
pub struct Recorded {
    body: Experiment,
}

impl IntoResponse for Recorded {
    fn into_response(self) -> Response {
        (StatusCode::OK, Json(self.body)).into_response()
    }
}

/// An API error shown on a page. Kept only for the pages that still call
/// API functions (programme, progress) until they call use cases.
impl From<ApiError> for crate::error::PageError {
    fn from(e: ApiError) -> Self {
        crate::error::PageError::new(e.status, e.message)
    }
}

/// Your ladder: its rungs from least to most distressing (ties: oldest
/// first), as `goodenough ladder --json` prints them.
#[utoipa::path(
    get,
    path = "/api/v1/ladder",
    tag = "experiments",
    responses(
        (status = 200, description = "Rungs, least distressing first", body = [Rung]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn ladder(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Rung>, ApiError> {
    Ok(paging.page(experiments::ladder(&state.scope(&user.person)).await?.rungs))
}

/// The jumps of more than 20 points between neighbouring rungs, in ladder
/// order, each with a suggestion, as `goodenough ladder gaps --json` prints
/// them.
#[utoipa::path(
    get,
    path = "/api/v1/ladder/gaps",
    tag = "experiments",
    responses(
        (status = 200, description = "Gaps of more than 20 points between neighbouring rungs, least distressing first", body = [Gap]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn gaps(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Gap>, ApiError> {
    Ok(paging.page(experiments::ladder(&state.scope(&user.person)).await?.gaps))
}

/// A rung as posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRung {
    /// What you will do.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub action: String,
    /// How distressing it feels, 0-100.
    #[schema(minimum = 0, maximum = 100)]
    pub distress: i64,
}

/// Adds a rung to your ladder.
#[utoipa::path(
    post,
    path = "/api/v1/ladder",
    tag = "experiments",
    request_body = NewRung,
    responses(
        (status = 201, description = "The saved rung (with the help-now headers when its text matched the crisis-language rules)", body = Rung),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "Distress outside 0-100, or an empty action", body = ErrorBody),
    ),
)]
pub(crate) async fn add_rung(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewRung>,
) -> Result<Created<Rung>, ApiError> {
    let r = experiments::add_rung(&state.scope(&user.person), &body.action, body.distress).await?;
    Ok(Created::new(r))
}

/// Your experiments, oldest first.
#[utoipa::path(
    get,
    operation_id = "list_experiments",
    path = "/api/v1/experiments",
    tag = "experiments",
    responses(
        (status = 200, description = "Every experiment, planned or recorded, oldest first", body = Vec<Experiment>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Experiment>, ApiError> {
    Ok(paging.page(experiments::list(&state.scope(&user.person), None).await?))
}

/// An experiment as planned (the "before" half).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewExperiment {
    /// The day it is planned; defaults to today in your time zone.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// The belief being tested.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub belief: String,
    /// What you fear will happen.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub prediction: String,
    /// How likely the feared outcome feels, 0-100.
    #[schema(minimum = 0, maximum = 100)]
    pub likelihood: i64,
    /// Anxiety now, 0-100.
    #[schema(minimum = 0, maximum = 100)]
    pub anxiety: i64,
    /// A rung of your ladder this climbs.
    #[serde(default)]
    pub rung_id: Option<String>,
    /// When you mean to do it.
    #[serde(default)]
    pub due: Option<NaiveDate>,
}

/// Plans a behavioural experiment.
#[utoipa::path(
    post,
    path = "/api/v1/experiments",
    tag = "experiments",
    request_body = NewExperiment,
    responses(
        (status = 201, description = "The planned experiment (with the help-now headers when its text matched the crisis-language rules)", body = Experiment),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "Likelihood or anxiety outside 0-100, an empty text, or a rung that is not yours", body = ErrorBody),
    ),
)]
pub(crate) async fn plan(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewExperiment>,
) -> Result<Created<Experiment>, ApiError> {
    let new = experiments::NewExperiment {
        date: body.date,
        belief: body.belief,
        prediction: body.prediction,
        likelihood: body.likelihood,
        anxiety: body.anxiety,
        rung_id: body.rung_id,
        due: body.due,
    };
    match experiments::plan(&state.scope(&user.person), new).await {
        Ok(e) => Ok(Created::new(e)),
        Err(AppError::NotFound { .. }) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            experiments::NOT_ON_LADDER,
        )),
        Err(e) => Err(e.into()),
    }
}

/// What happened (the "after" half).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct RecordExperiment {
    /// The day you did it; defaults to today in your time zone.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Did the feared outcome happen: `yes`, `partly` or `no`.
    #[schema(value_type = goodenough_core::experiment::Happened)]
    pub happened: String,
    /// What actually happened.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub actual: String,
    /// Anxiety afterwards, 0-100.
    #[schema(minimum = 0, maximum = 100)]
    pub anxiety_after: i64,
    /// What it taught you.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub learned: String,
    /// How strongly you hold the belief now, 0-100.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100)]
    pub belief_after: Option<i64>,
}

/// Records what happened. Written once: a second recording is refused.
#[utoipa::path(
    post,
    path = "/api/v1/experiments/{id}/record",
    tag = "experiments",
    params(("id" = String, Path, description = "The experiment's id (or a unique prefix of 4+ characters)")),
    request_body = RecordExperiment,
    responses(
        (status = 200, description = "The recorded experiment (with the help-now headers when its text matched the crisis-language rules)", body = Experiment),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 404, description = "No such experiment of yours", body = ErrorBody),
        (status = 409, description = "Already recorded", body = ErrorBody),
        (status = 422, description = "An answer other than yes/partly/no, anxiety outside 0-100, or an empty text", body = ErrorBody),
    ),
)]
pub(crate) async fn record(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<RecordExperiment>,
) -> Result<Recorded, ApiError> {
    let new = experiments::NewResult {
        date: body.date,
        happened: body.happened,
        actual: body.actual,
        anxiety_after: body.anxiety_after,
        learned: body.learned,
        belief_after: body.belief_after,
    };
    let recording = experiments::record(&state.scope(&user.person), &id, new).await?;
    let e = match recording {
        Recording::Saved(e) => e,
        Recording::AlreadyRecorded { on, .. } => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                experiments::already_recorded(on),
            ))
        }
        Recording::RecordedMeanwhile(_) => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                experiments::RECORDED_MEANWHILE,
            ))
        }
    };
    Ok(Recorded { body: e })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct CalibrationQuery {
    /// Only experiments done on or after this date (`YYYY-MM-DD`).
    #[param(value_type = Option<String>, format = Date)]
    since: Option<String>,
}

/// Fear calibration: predicted likelihood against what happened, overall
/// and per month, with one plain sentence.
#[utoipa::path(
    get,
    path = "/api/v1/calibration",
    tag = "experiments",
    params(CalibrationQuery),
    responses(
        (status = 200, description = "The figures (reads only the window asked for)", body = CalibrationReport),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "`since` is not a date", body = ErrorBody),
    ),
)]
pub(crate) async fn calibration_report(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<CalibrationQuery>,
) -> Result<Json<CalibrationReport>, ApiError> {
    let since = q
        .since
        .as_deref()
        .map(goodenough_core::text::parse_date)
        .transpose()?;
    Ok(Json(
        experiments::calibration(&state.scope(&user.person), since).await?,
    ))
}
