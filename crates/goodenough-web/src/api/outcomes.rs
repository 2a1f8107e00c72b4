//! `/api/v1/boundaries` (the outcome summary per ISO week) and
//! `/api/v1/git/weeks` (commits per week outside working hours).
//!
//! Both only read. The summary reads the window asked for (`?weeks=N`,
//! default 12), never the whole history. Git scans happen on the command
//! line (`goodenough git scan PATH`): the repository is on the person's own
//! machine, not on the server.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use goodenough_core::gitsignals::{self, local_midnight, GitWeek, WorkHours};
use goodenough_core::outcomes::{self, WeekOutcome};
use goodenough_core::settings::today_in;
use serde::Deserialize;
use utoipa::IntoParams;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiQuery, ApiUser};
use crate::AppState;

/// The default window, in ISO weeks.
pub const DEFAULT_WEEKS: u32 = 12;
/// The longest window (about ten years).
pub const MAX_WEEKS: u32 = 530;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/boundaries", get(summary))
        .route("/api/v1/git/weeks", get(git_weeks))
}

/// Why a window cannot be used, or `None` when it can.
pub fn check_weeks(weeks: u32) -> Option<String> {
    (weeks == 0 || weeks > MAX_WEEKS)
        .then(|| format!("weeks must be between 1 and {MAX_WEEKS}; you gave {weeks}."))
}

/// The summary of the `weeks` ISO weeks ending with the person's today.
pub async fn weekly_outcomes(
    state: &AppState,
    person: &str,
    weeks: u32,
) -> Result<Vec<WeekOutcome>, ApiError> {
    if let Some(m) = check_weeks(weeks) {
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m));
    }
    let settings = state.store.settings(person).await?;
    let hours = WorkHours::from_settings(&settings)?;
    let today: NaiveDate = today_in(hours.tz, state.clock.now());
    let from = outcomes::window_start(today, weeks);
    let facts = state
        .store
        .outcome_facts(person, local_midnight(from, &hours.tz), from)
        .await?;
    Ok(outcomes::summarize(&facts, &hours, from, today))
}

/// Every week with commits, oldest first.
pub async fn git_weekly(state: &AppState, person: &str) -> Result<Vec<GitWeek>, ApiError> {
    let settings = state.store.settings(person).await?;
    let hours = WorkHours::from_settings(&settings)?;
    let times = state.store.git_commit_times(person, None).await?;
    Ok(gitsignals::weekly(&times, &hours))
}

/// `?weeks=N`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WeeksQuery {
    /// How many ISO weeks, ending with this one (1-530, default 12).
    #[param(minimum = 1, maximum = 530)]
    pub weeks: Option<u32>,
}

/// The outcome summary: per ISO week, timebox overrun rate, median
/// revisions, noes, mean guilt drop, delegations, after-hours and weekend
/// commit shares (`null` when nothing was recorded for that figure).
#[utoipa::path(
    get,
    operation_id = "boundaries_summary",
    path = "/api/v1/boundaries",
    tag = "boundaries",
    params(WeeksQuery),
    responses(
        (status = 200, description = "One entry per ISO week of the window, oldest first", body = Vec<WeekOutcome>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "weeks out of range", body = ErrorBody),
    ),
)]
pub(crate) async fn summary(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
    ApiQuery(q): ApiQuery<WeeksQuery>,
) -> Result<Paged<WeekOutcome>, ApiError> {
    let weeks = q.weeks.unwrap_or(DEFAULT_WEEKS);
    Ok(paging.page(weekly_outcomes(&state, &user.person, weeks).await?))
}

/// Commits per ISO week from `goodenough git scan`: how many were outside
/// working hours (days off included) and how many on days off.
#[utoipa::path(
    get,
    path = "/api/v1/git/weeks",
    tag = "boundaries",
    responses(
        (status = 200, description = "Weeks with commits, oldest first", body = Vec<GitWeek>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn git_weeks(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<GitWeek>, ApiError> {
    Ok(paging.page(git_weekly(&state, &user.person).await?))
}
