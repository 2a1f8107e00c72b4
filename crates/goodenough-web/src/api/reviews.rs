//! `/api/v1/reviews`: weekly reviews (the week's figures beside the four
//! weeks before, and the reflection), and `/api/v1/progress/outcomes`: the
//! four outcomes month by month. A week view reads about five weeks of
//! records, however long the history.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use goodenough_app::{progress, reviews};
use goodenough_core::figures::OutcomeProgress;
use goodenough_core::review::{Reflection, WeekComparison, WeeklyReview};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiQuery, ApiUser, Created};
use crate::journey::pick_day;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/reviews", get(list_reviews).post(save_review))
        .route("/api/v1/reviews/week", get(week))
        .route("/api/v1/progress/outcomes", get(outcomes))
}

/// The day asked for by `on` or `week`, as a 400/422 when unreadable.
fn day(on: Option<&str>, week: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    pick_day(on, week).map_err(|(status, message)| ApiError::new(status, message))
}

/// Your saved weekly reviews, oldest week first.
#[utoipa::path(
    get,
    path = "/api/v1/reviews",
    tag = "reviews and progress",
    responses(
        (status = 200, description = "The reviews, oldest week first", body = Vec<WeeklyReview>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_reviews(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<WeeklyReview>, ApiError> {
    Ok(paging.page(reviews::list(&state.scope(&user.person)).await?))
}

/// Which week.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct WeekQuery {
    /// Any day of the week (YYYY-MM-DD); today by default.
    #[param(value_type = Option<String>, format = Date)]
    on: Option<String>,
    /// The ISO week, e.g. `2026-W07` (instead of `on`).
    #[param(pattern = r"^[0-9]{4}-W[0-9]{2}$")]
    week: Option<String>,
}

/// A week's figures from every pillar beside the mean of the four weeks
/// before, with kind sentences, the week's wins and setbacks, and the saved
/// review if there is one.
#[utoipa::path(
    get,
    path = "/api/v1/reviews/week",
    tag = "reviews and progress",
    params(WeekQuery),
    responses(
        (status = 200, description = "The week view", body = WeekComparison),
        (status = 400, description = "Both on and week given", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "A date or week that does not exist, or in the future", body = ErrorBody),
    ),
)]
pub(crate) async fn week(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<WeekQuery>,
) -> Result<Json<WeekComparison>, ApiError> {
    let on = day(q.on.as_deref(), q.week.as_deref())?;
    Ok(Json(reviews::week(&state.scope(&user.person), on).await?))
}

/// A reflection as posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReview {
    /// Any day of the week reviewed; today by default.
    #[serde(default)]
    pub on: Option<NaiveDate>,
    /// The ISO week reviewed, e.g. `2026-W07` (instead of `on`).
    #[serde(default)]
    pub week: Option<String>,
    /// What went better than feared.
    #[serde(default)]
    pub breakthroughs: Vec<String>,
    /// What was hard.
    #[serde(default)]
    pub setbacks: Vec<String>,
    /// One thing to celebrate.
    #[serde(default)]
    pub celebrate: Option<String>,
}

/// Saves the reflection of a week with the week's figures; saving the same
/// week again replaces the reflection (the id and `created_at` stay).
#[utoipa::path(
    post,
    path = "/api/v1/reviews",
    tag = "reviews and progress",
    request_body = NewReview,
    responses(
        (status = 201, description = "The saved review (with the help-now headers when the text matched the crisis-language rules)", body = WeeklyReview),
        (status = 400, description = "Malformed JSON, or both on and week", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "An empty reflection, a week that does not exist or one in the future", body = ErrorBody),
    ),
)]
pub(crate) async fn save_review(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewReview>,
) -> Result<Created<WeeklyReview>, ApiError> {
    let on_text = body.on.map(|d| d.to_string());
    let on = day(on_text.as_deref(), body.week.as_deref())?;
    let scope = state.scope(&user.person);
    let reflection = match Reflection::new(
        &body.breakthroughs,
        &body.setbacks,
        body.celebrate.as_deref(),
    ) {
        Ok(r) => r,
        Err(e) => {
            // A day in the future is the first thing to put right.
            if on.is_some() {
                reviews::week(&scope, on).await?;
            }
            return Err(e.into());
        }
    };
    let saved = reviews::save(&scope, on, reflection).await?;
    Ok(Created::new(saved))
}

/// The four outcomes month by month (overwork, boundaries, imperfection,
/// happiness), each measure with its change from the first month.
#[utoipa::path(
    get,
    path = "/api/v1/progress/outcomes",
    tag = "reviews and progress",
    responses(
        (status = 200, description = "Months oldest first; a value is null for a month with nothing recorded", body = OutcomeProgress),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn outcomes(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<OutcomeProgress>, ApiError> {
    Ok(Json(progress::outcomes(&user.reading(&state)).await?))
}
