//! `/api/v1/wins` and `/api/v1/setbacks`: list and log wins and setbacks.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use goodenough_core::settings::today_in;
use goodenough_core::{Setback, Win};
use serde::Deserialize;

use super::{ApiError, ApiJson, ApiUser};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/wins", get(list_wins).post(create_win))
        .route("/api/v1/setbacks", get(list_setbacks).post(create_setback))
}

#[derive(Deserialize)]
struct ListQuery {
    since: Option<String>,
}

impl ListQuery {
    fn since(&self) -> Result<Option<NaiveDate>, ApiError> {
        Ok(self
            .since
            .as_deref()
            .map(goodenough_core::text::parse_date)
            .transpose()?)
    }
}

async fn date_or_today(
    state: &AppState,
    person: &str,
    date: Option<NaiveDate>,
) -> Result<NaiveDate, ApiError> {
    match date {
        Some(d) => Ok(d),
        None => {
            let settings = state.store.settings(person).await?;
            Ok(today_in(settings.tz(), state.clock.now()))
        }
    }
}

async fn list_wins(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<Win>>, ApiError> {
    Ok(Json(state.store.list_wins(&user.person, q.since()?).await?))
}

/// A win as posted: `{date?, text}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewWin {
    pub date: Option<NaiveDate>,
    pub text: String,
}

async fn create_win(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewWin>,
) -> Result<(StatusCode, Json<Win>), ApiError> {
    let date = date_or_today(&state, &user.person, body.date).await?;
    let win = Win::new(
        goodenough_core::id::new_id(),
        state.clock.now(),
        date,
        &body.text,
    )?;
    state.store.add_win(&user.person, &win).await?;
    Ok((StatusCode::CREATED, Json(win)))
}

async fn list_setbacks(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<Setback>>, ApiError> {
    Ok(Json(
        state.store.list_setbacks(&user.person, q.since()?).await?,
    ))
}

/// A setback as posted: `{date?, text, lesson?}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSetback {
    pub date: Option<NaiveDate>,
    pub text: String,
    #[serde(default)]
    pub lesson: Option<String>,
}

async fn create_setback(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewSetback>,
) -> Result<(StatusCode, Json<Setback>), ApiError> {
    let date = date_or_today(&state, &user.person, body.date).await?;
    let setback = Setback::new(
        goodenough_core::id::new_id(),
        state.clock.now(),
        date,
        &body.text,
        body.lesson.as_deref(),
    )?;
    state.store.add_setback(&user.person, &setback).await?;
    Ok((StatusCode::CREATED, Json(setback)))
}
