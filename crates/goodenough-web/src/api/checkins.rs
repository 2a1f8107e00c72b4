//! `/api/v1/checkins`: list, create and read evening check-ins.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_core::settings::today_in;
use goodenough_core::{Appreciation, CheckIn};
use goodenough_store::StoreError;
use serde::Deserialize;

use super::{ApiError, ApiJson, ApiUser};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/checkins", get(list).post(create))
        .route("/api/v1/checkins/{id}", get(one))
}

#[derive(Deserialize)]
struct ListQuery {
    since: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<CheckIn>>, ApiError> {
    let since = q
        .since
        .as_deref()
        .map(goodenough_core::text::parse_date)
        .transpose()?;
    Ok(Json(state.store.list_checkins(&user.person, since).await?))
}

async fn one(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Json<CheckIn>, ApiError> {
    state
        .store
        .get_checkin(&user.person, &id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("check-in"))
}

/// A check-in as posted: the CLI's shape without `id`; `date` defaults to
/// today in the person's time zone.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCheckIn {
    pub date: Option<chrono::NaiveDate>,
    pub mood: i64,
    pub energy: i64,
    pub appreciations: Vec<Appreciation>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Deserialize)]
struct CreateQuery {
    #[serde(default)]
    replace: bool,
}

async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<CreateQuery>,
    ApiJson(body): ApiJson<NewCheckIn>,
) -> Result<(StatusCode, Json<CheckIn>), ApiError> {
    let date = match body.date {
        Some(d) => d,
        None => {
            let settings = state.store.settings(&user.person).await?;
            today_in(settings.tz(), state.clock.now())
        }
    };
    let checkin = CheckIn::new(
        goodenough_core::id::new_id(),
        date,
        body.mood,
        body.energy,
        body.appreciations,
        body.note.as_deref(),
    )?;
    match state
        .store
        .put_checkin(&user.person, &checkin, q.replace)
        .await
    {
        Ok(()) => Ok((StatusCode::CREATED, Json(checkin))),
        Err(StoreError::Conflict(_)) => Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("There is already a check-in for {date}; add ?replace=true to replace it."),
        )),
        Err(e) => Err(e.into()),
    }
}
