//! `/api/v1/boundaries` (the outcome summary per ISO week) and
//! `/api/v1/git/weeks` (commits per week outside working hours).
//!
//! Both only read. The summary reads the window asked for (`?weeks=N`,
//! default 12), never the whole history. Git scans happen on the command
//! line (`goodenough git scan PATH`): the repository is on the person's own
//! machine, not on the server.

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use goodenough_app::outcomes;
use goodenough_core::gitsignals::GitWeek;
use goodenough_core::outcomes::WeekOutcome;
use serde::Deserialize;
use utoipa::IntoParams;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiQuery, ApiUser};
use crate::AppState;

/// The default window, in ISO weeks.
pub const DEFAULT_WEEKS: u32 = outcomes::DEFAULT_WEEKS;
/// The longest window (about ten years).
pub const MAX_WEEKS: u32 = outcomes::MAX_WEEKS;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/boundaries", get(summary))
        .route("/api/v1/git/weeks", get(git_weeks))
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
    Ok(paging.page(outcomes::weekly(&state.scope(&user.person), weeks).await?))
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
    Ok(paging.page(outcomes::git_weeks(&state.scope(&user.person), None).await?))
}
