//! `/api/v1/wins` and `/api/v1/setbacks`: list and log wins and setbacks.

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use goodenough_app::journal;
use goodenough_core::{Setback, Win};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiQuery, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/wins", get(list_wins).post(create_win))
        .route("/api/v1/setbacks", get(list_setbacks).post(create_setback))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Only entries on or after this date (`YYYY-MM-DD`).
    #[param(value_type = Option<String>, format = Date)]
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

/// Your wins, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/wins",
    tag = "wins and setbacks",
    params(ListQuery),
    responses(
        (status = 200, description = "The wins, oldest first", body = Vec<Win>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "`since` is not a date", body = ErrorBody),
    ),
)]
pub(crate) async fn list_wins(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Paged<Win>, ApiError> {
    let since = q.since()?;
    Ok(paging.page(journal::wins(&state.scope(&user.person), since).await?))
}

/// A win as posted: `{date?, text}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWin {
    /// Defaults to today in your time zone.
    pub date: Option<NaiveDate>,
    /// What went well.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub text: String,
}

/// Logs a win.
#[utoipa::path(
    post,
    path = "/api/v1/wins",
    tag = "wins and setbacks",
    request_body = NewWin,
    responses(
        (status = 201, description = "The saved win. When any text in it matches the crisis-language rules, the record is still saved and the answer also carries `X-Goodenough-Help-Now: /help-now` and `Link: </help-now>; rel=\"help\"`: show the person where to get help now", body = Win,
            headers(
                ("X-Goodenough-Help-Now" = String, description = "`/help-now`, present only when the text matched the crisis-language rules"),
                ("Link" = String, description = "`</help-now>; rel=\"help\"`, present only when the text matched the crisis-language rules"),
            )),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "The text is empty or too long", body = ErrorBody),
    ),
)]
pub(crate) async fn create_win(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewWin>,
) -> Result<Created<Win>, ApiError> {
    let win = journal::add_win(&state.scope(&user.person), body.date, &body.text).await?;
    Ok(Created::new(win))
}

/// Your setbacks, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/setbacks",
    tag = "wins and setbacks",
    params(ListQuery),
    responses(
        (status = 200, description = "The setbacks, oldest first", body = Vec<Setback>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "`since` is not a date", body = ErrorBody),
    ),
)]
pub(crate) async fn list_setbacks(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Paged<Setback>, ApiError> {
    let since = q.since()?;
    Ok(paging.page(journal::setbacks(&state.scope(&user.person), since).await?))
}

/// A setback as posted: `{date?, text, lesson?}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSetback {
    /// Defaults to today in your time zone.
    pub date: Option<NaiveDate>,
    /// What happened.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub text: String,
    /// What it taught you, if anything yet.
    #[serde(default)]
    pub lesson: Option<String>,
}

/// Logs a setback.
#[utoipa::path(
    post,
    path = "/api/v1/setbacks",
    tag = "wins and setbacks",
    request_body = NewSetback,
    responses(
        (status = 201, description = "The saved setback. When any text in it matches the crisis-language rules, the record is still saved and the answer also carries `X-Goodenough-Help-Now: /help-now` and `Link: </help-now>; rel=\"help\"`: show the person where to get help now", body = Setback,
            headers(
                ("X-Goodenough-Help-Now" = String, description = "`/help-now`, present only when the text matched the crisis-language rules"),
                ("Link" = String, description = "`</help-now>; rel=\"help\"`, present only when the text matched the crisis-language rules"),
            )),
        (status = 400, description = "Malformed JSON or a missing field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "The text is empty or too long", body = ErrorBody),
    ),
)]
pub(crate) async fn create_setback(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewSetback>,
) -> Result<Created<Setback>, ApiError> {
    let scope = state.scope(&user.person);
    let setback =
        journal::add_setback(&scope, body.date, &body.text, body.lesson.as_deref()).await?;
    Ok(Created::new(setback))
}
