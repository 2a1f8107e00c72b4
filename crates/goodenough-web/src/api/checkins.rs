//! `/api/v1/checkins`: list, create and read evening check-ins.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use goodenough_app::{checkins, AppError};
use goodenough_core::{Appreciation, CheckIn, ValidationError};
use goodenough_store::StoreError;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::openapi::ErrorBody;
use super::paging::Paging;
use super::ApiPath;
use super::{ApiError, ApiJson, ApiQuery, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/checkins", get(list).post(create))
        .route("/api/v1/checkins/{id}", get(one))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Only check-ins on or after this date (`YYYY-MM-DD`).
    #[param(value_type = Option<String>, format = Date)]
    since: Option<String>,
}

/// Your check-ins, oldest first.
#[utoipa::path(
    get,
    operation_id = "list_checkins",
    path = "/api/v1/checkins",
    tag = "check-ins",
    params(ListQuery),
    responses(
        (status = 200, description = "The check-ins, oldest first", body = Vec<CheckIn>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "`since` is not a date", body = ErrorBody),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    let since = q
        .since
        .as_deref()
        .map(goodenough_core::text::parse_date)
        .transpose()?;
    let scope = user.reading(&state);
    Ok(match since {
        // The whole list is kept (as JSON) while nothing changes; the
        // page's texts are joined.
        None => paging
            .page_json(&checkins::all_json(&scope).await?)
            .into_response(),
        Some(_) => paging
            .page(checkins::list(&scope, since).await?)
            .into_response(),
    })
}

/// One of your check-ins.
#[utoipa::path(
    get,
    operation_id = "get_checkin",
    path = "/api/v1/checkins/{id}",
    tag = "check-ins",
    params(("id" = String, Path, description = "The check-in's id")),
    responses(
        (status = 200, description = "The check-in", body = CheckIn),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such check-in of yours", body = ErrorBody),
    ),
)]
pub(crate) async fn one(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<CheckIn>, ApiError> {
    Ok(Json(checkins::get(&state.scope(&user.person), &id).await?))
}

/// A check-in as posted: the CLI's shape without `id`; `date` defaults to
/// today in the person's time zone.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCheckIn {
    /// Defaults to today in your time zone.
    pub date: Option<chrono::NaiveDate>,
    /// 0-10.
    #[schema(minimum = 0, maximum = 10)]
    pub mood: i64,
    /// 0-10.
    #[schema(minimum = 0, maximum = 10)]
    pub energy: i64,
    /// Exactly three.
    #[schema(min_items = 3, max_items = 3)]
    pub appreciations: Vec<Appreciation>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct CreateQuery {
    /// Replace the check-in of that date if there is one.
    #[serde(default)]
    replace: bool,
}

/// Saves a check-in.
#[utoipa::path(
    post,
    operation_id = "create_checkin",
    path = "/api/v1/checkins",
    tag = "check-ins",
    params(CreateQuery),
    request_body = NewCheckIn,
    responses(
        (status = 201, description = "The saved check-in. When any text in it matches the crisis-language rules, the record is still saved and the answer also carries `X-Goodenough-Help-Now: /help-now` and `Link: </help-now>; rel=\"help\"`: show the person where to get help now", body = CheckIn,
            headers(
                ("X-Goodenough-Help-Now" = String, description = "`/help-now`, present only when the text matched the crisis-language rules"),
                ("Link" = String, description = "`</help-now>; rel=\"help\"`, present only when the text matched the crisis-language rules"),
            )),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 409, description = "That date has a check-in already", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "A value is out of range or missing", body = ErrorBody),
    ),
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<CreateQuery>,
    ApiJson(body): ApiJson<NewCheckIn>,
) -> Result<Created<CheckIn>, ApiError> {
    let asked = body.date;
    let new = checkins::NewCheckIn {
        date: asked,
        mood: body.mood,
        energy: body.energy,
        appreciations: body.appreciations,
        note: body.note,
    };
    match checkins::record(&state.scope(&user.person), new, q.replace).await {
        Ok(recorded) => Ok(Created::new(recorded.checkin)),
        Err(AppError::Invalid(e @ ValidationError::AppreciationCount(_))) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "{e} Send three objects in \"appreciations\", each with \"area\" and \"text\"."
            ),
        )),
        Err(AppError::Store(StoreError::Conflict(_))) => {
            let date = match asked {
                Some(date) => date,
                None => goodenough_app::settings::today(&state.scope(&user.person)).await?,
            };
            Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("There is already a check-in for {date}; add ?replace=true to replace it."),
            ))
        }
        Err(e) => Err(e.into()),
    }
}
