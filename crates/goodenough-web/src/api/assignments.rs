//! Assignments in the API: a coach gives one of their clients a next step
//! (`/api/v1/clients/{id}/assignments`), the client lists theirs and marks
//! one done, not for them, or open again (`/api/v1/assignments`).

use axum::extract::State;
use axum::routing::{get, put};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_app::assignments::{self, AssignmentView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiPath, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/assignments", get(mine))
        .route("/api/v1/assignments/{id}/status", put(mark))
        .route("/api/v1/clients/{id}/assignments", get(given).post(assign))
}

/// How far along an open step of several things (evenings) is.
#[derive(Serialize, ToSchema)]
pub struct StepProgress {
    pub done: i64,
    pub needed: i64,
}

/// An assignment: a step a coach gave a client.
#[derive(Serialize, ToSchema)]
pub struct Assignment {
    pub id: String,
    pub coach_name: String,
    pub client_name: String,
    /// evenings, thought_record, experiment, ladder_rung, timebox, practice,
    /// personal_time, questionnaire, weekly_review, evidence, script or free.
    pub kind: String,
    /// What narrows the kind: a number of evenings, a name, or the step in
    /// the coach's words.
    pub detail: Option<String>,
    /// The step in words.
    pub title: String,
    pub note: String,
    pub due: NaiveDate,
    pub assigned_at: DateTime<Utc>,
    /// From this date on, what the client does counts towards it.
    pub assigned_on: NaiveDate,
    /// open, done or not_for_me.
    pub status: String,
    /// The client's reason for "not for me".
    pub reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    /// client (marked) or product (the matching thing was done).
    pub closed_by: Option<String>,
    pub progress: Option<StepProgress>,
}

impl From<AssignmentView> for Assignment {
    fn from(v: AssignmentView) -> Assignment {
        let a = v.assignment;
        Assignment {
            id: a.id,
            coach_name: a.coach_name,
            client_name: a.client_name,
            kind: a.kind.key().to_string(),
            detail: a.detail,
            title: v.title,
            note: a.note,
            due: a.due,
            assigned_at: a.assigned_at,
            assigned_on: a.assigned_on,
            status: a.status.key().to_string(),
            reason: a.reason,
            closed_at: a.closed_at,
            closed_by: a.closed_by,
            progress: v.progress.map(|p| StepProgress {
                done: p.done,
                needed: p.needed,
            }),
        }
    }
}

/// A step as a coach gives it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssignment {
    /// evenings, thought_record, experiment, ladder_rung, timebox, practice,
    /// personal_time, questionnaire, weekly_review, evidence, script or free.
    pub kind: String,
    /// evenings: how many (1-28); practice, questionnaire: which
    /// (optional); script: which; free: the step in your words.
    #[serde(default)]
    pub detail: Option<String>,
    /// Today or later.
    pub due: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
}

/// A client's answer to a step.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStatus {
    /// done, not_for_me or open.
    pub status: String,
    /// Why it is not for you (optional; your coach sees it).
    #[serde(default)]
    pub reason: Option<String>,
}

/// The steps your coaches gave you, oldest due date first. Steps whose
/// matching thing you did since they were given are marked done.
#[utoipa::path(
    get,
    path = "/api/v1/assignments",
    tag = "coaching",
    responses(
        (status = 200, description = "Your assignments, oldest due date first", body = Vec<Assignment>),
    ),
)]
pub(crate) async fn mine(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Assignment>, ApiError> {
    let list = assignments::mine(&state.scope(&user.person)).await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// Marks one of your assignments done, not for you (with an optional
/// reason) or open again.
#[utoipa::path(
    put,
    path = "/api/v1/assignments/{id}/status",
    tag = "coaching",
    params(("id" = String, Path, description = "The assignment's id")),
    request_body = NewStatus,
    responses(
        (status = 200, description = "The assignment as it is now", body = Assignment),
        (status = 404, description = "No assignment of yours with that id", body = ErrorBody),
        (status = 422, description = "An unknown status, or a reason too long", body = ErrorBody),
    ),
)]
pub(crate) async fn mark(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<NewStatus>,
) -> Result<Json<Assignment>, ApiError> {
    let a = assignments::mark(
        &state.scope(&user.person),
        &id,
        &body.status,
        body.reason.as_deref(),
    )
    .await?;
    Ok(Json(a.into()))
}

/// The steps you gave one client and their status (whatever they share),
/// oldest due date first. The client's access log gets a line.
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/assignments",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "Your assignments for them, oldest due date first", body = Vec<Assignment>),
        (status = 404, description = "Not your client", body = ErrorBody),
    ),
)]
pub(crate) async fn given(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    paging: Paging,
) -> Result<Paged<Assignment>, ApiError> {
    let scope = state
        .scope(&user.person)
        .for_target(format!("GET /api/v1/clients/{client}/assignments"));
    let list = assignments::given(&scope, &client).await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// Gives one of your clients a next step; it shows on their Today.
#[utoipa::path(
    post,
    path = "/api/v1/clients/{id}/assignments",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    request_body = NewAssignment,
    responses(
        (status = 201, description = "The assignment", body = Assignment),
        (status = 404, description = "Not your client, or the link has ended", body = ErrorBody),
        (status = 422, description = "An unknown kind, a detail that does not fit it, or a due date in the past", body = ErrorBody),
    ),
)]
pub(crate) async fn assign(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    ApiJson(body): ApiJson<NewAssignment>,
) -> Result<Created<Assignment>, ApiError> {
    let new = assignments::NewAssignment {
        kind: body.kind,
        detail: body.detail,
        due: body.due,
        note: body.note.unwrap_or_default(),
    };
    let scope = state
        .scope(&user.person)
        .for_target(format!("POST /api/v1/clients/{client}/assignments"));
    let a = assignments::assign(&scope, &client, new).await?;
    Ok(Created::new(a.into()))
}
