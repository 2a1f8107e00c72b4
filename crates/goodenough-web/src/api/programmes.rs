//! `/api/v1/programmes`, `/api/v1/enrolment` and `/api/v1/today`: the
//! programmes (shipped plus the data directory's), the person's enrolment
//! and "today" (computed in core, the same as `goodenough today`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{Datelike, NaiveDate};
use goodenough_core::programme::{
    Enrolment, EnrolmentStatus, Programme, ProgrammeErrors, Today, TodayInput,
};
use goodenough_store::StoreError;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::joy::today as local_today;
use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::ApiPath;
use super::{ApiError, ApiJson, ApiQuery, ApiUser};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/programmes", get(list))
        .route("/api/v1/programmes/{id}", get(one))
        .route("/api/v1/enrolment", get(status).post(start).delete(stop))
        .route("/api/v1/today", get(today))
}

/// The programmes (shipped plus the data directory's, loaded at start) and
/// the problems of files that cannot be used (they hide nothing else).
pub(crate) fn load(state: &AppState) -> (&[Programme], &[ProgrammeErrors]) {
    let loaded = state.catalogues().programmes();
    (&loaded.list, &loaded.errors)
}

/// The programme `id`, or a 404 sentence (naming any broken files).
pub(crate) fn find(state: &AppState, id: &str) -> Result<(Programme, Vec<Programme>), ApiError> {
    let (all, errors) = load(state);
    match all.iter().find(|p| p.id == id.trim()) {
        Some(p) => Ok((p.clone(), all.to_vec())),
        None => {
            let mut msg = format!("There is no programme with that id ({id}).");
            if !errors.is_empty() {
                msg.push_str(" Some programme files could not be used: ");
                msg.push_str(
                    &errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                );
            }
            Err(ApiError::new(StatusCode::NOT_FOUND, msg))
        }
    }
}

/// "Today" for `person` on `date`: the one computation behind `/today`,
/// `/api/v1/today` and `goodenough today`.
pub(crate) async fn today_for(
    state: &AppState,
    person: &str,
    date: NaiveDate,
) -> Result<Today, StoreError> {
    let store = &state.store;
    let running = store.running_enrolment(person).await?;
    let programmes: &[Programme] = if running.is_some() {
        load(state).0
    } else {
        &[]
    };
    let programme = running.as_ref().and_then(|e| {
        programmes
            .iter()
            .find(|p| p.id == e.programme_id)
            .map(|p| (p, e))
    });
    let monday = date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()));
    let review_done = store.review_for_week(person, monday).await?.is_some();
    let checked_in = store.checkin_on(person, date).await?.is_some();
    // Only what the day needs: open experiments planned for it or earlier,
    // and results inside today's assessment windows (range-bounded reads).
    let experiments = store.open_experiments_due_by(person, date).await?;
    let blocks = store.list_blocks(person).await?;
    let mut assessments = Vec::new();
    for (instrument, from, to) in Today::assessment_windows(programme, date) {
        assessments.extend(
            store
                .assessments_dated(person, &instrument, from, to)
                .await?,
        );
    }
    Ok(Today::compute(&TodayInput {
        date,
        programme,
        checked_in,
        review_done,
        experiments: &experiments,
        blocks: &blocks,
        assessments: &assessments,
    }))
}

/// The running enrolment and where it stands today.
pub(crate) async fn status_for(
    state: &AppState,
    person: &str,
) -> Result<EnrolmentStatus, ApiError> {
    let date = local_today(state, person).await?;
    let running = state.store.running_enrolment(person).await?;
    let all: &[Programme] = if running.is_some() {
        load(state).0
    } else {
        &[]
    };
    Ok(EnrolmentStatus::compute(running, all, date))
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
    Ok(Json(find(&state, &id)?.0))
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
    Ok(Json(status_for(&state, &user.person).await?))
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
    let status = start_for(
        &state,
        &user.person,
        &body.programme_id,
        body.started_on.as_deref(),
        body.replace,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(status)))
}

/// Starts `id` for `person` (shared by the page and the API).
pub(crate) async fn start_for(
    state: &AppState,
    person: &str,
    id: &str,
    started_on: Option<&str>,
    replace: bool,
) -> Result<EnrolmentStatus, ApiError> {
    let today = local_today(state, person).await?;
    let started_on = match started_on.map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => parse_date(raw)?,
        None => today,
    };
    let (p, all) = find(state, id)?;
    let enrolment = Enrolment {
        id: goodenough_core::id::new_id(),
        programme_id: p.id.clone(),
        started_on,
        stopped_on: None,
        created_at: state.clock.now(),
    };
    match state
        .store
        .start_enrolment(person, &enrolment, replace.then_some(today))
        .await
    {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => {
            let running = state.store.running_enrolment(person).await?;
            let title = running
                .as_ref()
                .and_then(|r| all.iter().find(|x| x.id == r.programme_id))
                .map(|x| x.title.clone())
                .or_else(|| running.map(|r| r.programme_id))
                .unwrap_or_else(|| "another programme".into());
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("You are already following \"{title}\"; only one programme runs at a time. Send replace: true (or tick \"Replace\") to switch, or stop it first. Nothing was changed."),
            ));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(EnrolmentStatus::compute(Some(enrolment), &all, today))
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
    let today = local_today(&state, &user.person).await?;
    Ok(Json(state.store.stop_enrolment(&user.person, today).await?))
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
    let date = match q.on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => parse_date(raw)?,
        None => local_today(&state, &user.person).await?,
    };
    Ok(Json(today_for(&state, &user.person, date).await?))
}
