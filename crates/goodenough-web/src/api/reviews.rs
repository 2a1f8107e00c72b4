//! `/api/v1/reviews`: weekly reviews (the week's figures beside the four
//! weeks before, and the reflection), and `/api/v1/progress/outcomes`: the
//! four outcomes month by month. A week view reads about five weeks of
//! records, however long the history.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use goodenough_core::figures::{parse_iso_week, OutcomeProgress, PeriodFacts};
use goodenough_core::review::{self, Reflection, WeekComparison, WeeklyReview};
use goodenough_core::settings::today_in;
use goodenough_store::Store;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiQuery, ApiUser, Created, WrittenText};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/reviews", get(list_reviews).post(save_review))
        .route("/api/v1/reviews/week", get(week))
        .route("/api/v1/progress/outcomes", get(outcomes))
}

impl WrittenText for WeeklyReview {
    fn written_text(&self) -> Vec<&str> {
        self.texts()
    }
}

/// The person's local date today.
pub(crate) async fn today(state: &AppState, person: &str) -> Result<NaiveDate, ApiError> {
    let settings = state.store.settings(person).await?;
    Ok(today_in(settings.tz(), state.clock.now()))
}

/// The day a week is asked for by: `on` (any day of it) or `week`
/// (`2026-W07`), else today; never in the future.
pub(crate) fn pick_day(
    on: Option<&str>,
    week: Option<&str>,
    today: NaiveDate,
) -> Result<NaiveDate, ApiError> {
    let on = on.map(str::trim).filter(|s| !s.is_empty());
    let week = week.map(str::trim).filter(|s| !s.is_empty());
    let day = match (on, week) {
        (Some(_), Some(_)) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "give either on (a date) or week (such as 2026-W07), not both.",
            ))
        }
        (Some(on), None) => goodenough_core::text::parse_date(on)?,
        (None, Some(w)) => parse_iso_week(w).map(|w| w.from).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("\"{w}\" is not an ISO week; write it as YYYY-Www, for example 2026-W07."),
            )
        })?,
        (None, None) => today,
    };
    review::check_review_date(day, today)?;
    Ok(day)
}

/// The week view of `on`, with the saved review if any; `today` tells
/// whether the week is over.
pub(crate) async fn week_view(
    store: &dyn Store,
    person: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<WeekComparison, ApiError> {
    let (from, to) = review::view_window(on);
    let facts = store.period_facts(person, from, to).await?;
    let mut view = review::week_view(&facts, on, today);
    view.review = store.review_for_week(person, view.week_start).await?;
    Ok(view)
}

/// The four outcomes month by month, from the first record to today.
pub(crate) async fn outcome_progress(
    store: &dyn Store,
    person: &str,
    today: NaiveDate,
) -> Result<OutcomeProgress, ApiError> {
    match store.first_record_date(person).await? {
        Some(from) if from <= today => {
            let facts = store.period_facts(person, from, today).await?;
            Ok(OutcomeProgress::compute(&facts, from, today))
        }
        _ => Ok(OutcomeProgress::compute(
            &PeriodFacts::default(),
            today + chrono::Duration::days(1),
            today,
        )),
    }
}

/// Saves the reflection for the week of `on` with the week's figures now
/// (shared with the page).
pub(crate) async fn save(
    state: &AppState,
    person: &str,
    on: NaiveDate,
    reflection: Reflection,
) -> Result<WeeklyReview, ApiError> {
    let today = today(state, person).await?;
    let view = week_view(state.store.as_ref(), person, on, today).await?;
    let review = WeeklyReview::new(
        goodenough_core::id::new_id(),
        state.clock.now(),
        view.week_start,
        view.figures,
        reflection,
    );
    Ok(state.store.put_review(person, &review).await?)
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
    Ok(paging.page(state.store.list_reviews(&user.person).await?))
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
    let today = today(&state, &user.person).await?;
    let on = pick_day(q.on.as_deref(), q.week.as_deref(), today)?;
    Ok(Json(
        week_view(state.store.as_ref(), &user.person, on, today).await?,
    ))
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
    let today = today(&state, &user.person).await?;
    let on_text = body.on.map(|d| d.to_string());
    let on = pick_day(on_text.as_deref(), body.week.as_deref(), today)?;
    let reflection = Reflection::new(
        &body.breakthroughs,
        &body.setbacks,
        body.celebrate.as_deref(),
    )?;
    let saved = save(&state, &user.person, on, reflection).await?;
    Ok(Created::new(&state, saved))
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
    let today = today(&state, &user.person).await?;
    Ok(Json(
        outcome_progress(state.store.as_ref(), &user.person, today).await?,
    ))
}
