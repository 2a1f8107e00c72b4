//! A coach's own content in the API: upload a programme, script or
//! questionnaire as TOML (`POST /api/v1/content`), list (`GET`), read one
//! and remove it (`GET|DELETE /api/v1/content/{id}`). A client lists and
//! reads the scripts and questionnaires of their coaches the same way.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use goodenough_app::content::{self, Uploaded};
use goodenough_store::coach_content::ContentItem;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiPath, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/content", get(list).post(upload))
        .route("/api/v1/content/{id}", get(one).delete(remove))
}

/// A coach's uploaded file.
#[derive(Serialize, ToSchema)]
pub struct Content {
    /// Its own id (for GET and DELETE).
    pub id: String,
    /// programme, script or questionnaire.
    pub kind: String,
    /// The id inside the file (a script's name): what assignments name.
    pub content_id: String,
    pub title: String,
    /// The coach who uploaded it.
    pub coach_name: String,
    /// True when you uploaded it; false for your coach's.
    pub mine: bool,
    pub uploaded_at: DateTime<Utc>,
    /// The TOML text as uploaded (only when one file is asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toml: Option<String>,
}

impl Content {
    fn of(item: ContentItem, me: &str, with_text: bool) -> Content {
        Content {
            mine: item.coach_id == me,
            id: item.id,
            kind: item.kind.key().to_string(),
            content_id: item.content_id,
            title: item.title,
            coach_name: item.coach_name,
            uploaded_at: item.uploaded_at,
            toml: with_text.then_some(item.body),
        }
    }
}

/// A file to upload.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContent {
    /// programme, script or questionnaire.
    pub kind: String,
    /// The whole file, in the format of the shipped ones (at most 64 KiB).
    pub toml: String,
    /// Put it in place of your own file of the same kind and id.
    #[serde(default)]
    pub replace: bool,
}

/// One problem in a refused file.
#[derive(Serialize)]
pub struct Problem {
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
}

/// A refused upload: the sentence, and each problem by line and field
/// (documented as the error body, with `problems` beside `error`).
#[derive(Serialize)]
pub struct Refused {
    pub error: String,
    pub problems: Vec<Problem>,
}

/// Your own files (as a coach), then your coaches' scripts and
/// questionnaires, each by kind and id.
#[utoipa::path(
    get,
    path = "/api/v1/content",
    tag = "coaching",
    responses(
        (status = 200, description = "Your files, then your coaches'", body = Vec<Content>),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Content>, ApiError> {
    let scope = state.scope(&user.person);
    let mut all: Vec<Content> = content::mine(&scope)
        .await?
        .into_iter()
        .map(|c| Content::of(c, &user.person, false))
        .collect();
    all.extend(
        content::from_coaches(&scope)
            .await?
            .into_iter()
            .map(|c| Content::of(c, &user.person, false)),
    );
    Ok(paging.page(all))
}

/// Uploads a programme, script or questionnaire (coach accounts only).
/// Every problem is named by line and field, and nothing is kept while any
/// remains.
#[utoipa::path(
    post,
    path = "/api/v1/content",
    tag = "coaching",
    request_body = NewContent,
    responses(
        (status = 201, description = "Kept", body = Content),
        (status = 403, description = "Not a coach account", body = ErrorBody),
        (status = 409, description = "The id is already offered here, or is one of yours (without replace)", body = ErrorBody),
        (status = 422, description = "The file has problems: `error` names each by line and field, and `problems` lists each with its `line`, `field` and `message`", body = ErrorBody),
    ),
)]
pub(crate) async fn upload(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewContent>,
) -> Result<Response, ApiError> {
    let upload = content::Upload {
        kind: body.kind,
        text: body.toml,
        replace: body.replace,
    };
    match content::upload(&state.scope(&user.person), upload).await? {
        Uploaded::Kept(item) => {
            Ok(Created::new(Content::of(item, &user.person, true)).into_response())
        }
        Uploaded::Refused(problems) => {
            let error = goodenough_core::coach_content::summary(&problems);
            let problems = problems
                .into_iter()
                .map(|p| Problem {
                    line: p.line,
                    field: p.field,
                    message: p.message,
                })
                .collect();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(Refused { error, problems }),
            )
                .into_response())
        }
    }
}

/// One file with its text: yours, or a script or questionnaire of one of
/// your coaches.
#[utoipa::path(
    get,
    path = "/api/v1/content/{id}",
    tag = "coaching",
    params(("id" = String, Path, description = "The file's id")),
    responses(
        (status = 200, description = "The file", body = Content),
        (status = 404, description = "No file of yours or your coaches' with that id", body = ErrorBody),
    ),
)]
pub(crate) async fn one(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Content>, ApiError> {
    let item = content::get(&state.scope(&user.person), &id).await?;
    Ok(Json(Content::of(item, &user.person, true)))
}

/// Removes one of your files. Clients who started a programme from it keep
/// the copy they started.
#[utoipa::path(
    delete,
    path = "/api/v1/content/{id}",
    tag = "coaching",
    params(("id" = String, Path, description = "The file's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No file of yours with that id", body = ErrorBody),
    ),
)]
pub(crate) async fn remove(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    content::remove(&state.scope(&user.person), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
