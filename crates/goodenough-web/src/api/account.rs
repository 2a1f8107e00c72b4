//! The signed-in person's own sign-in: where they are signed in (device and
//! last use; end one) and recovery codes for two-step sign-in (how many are
//! left; a fresh set, shown once). Touches the account, never a record, and
//! only the asker's own.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Extension, Json, Router};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiPath, ApiUser};
use crate::auth::CurrentSession;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/account/recovery-codes",
            get(recovery_codes_left).post(new_recovery_codes),
        )
        .route("/api/v1/account/sessions", get(list_sessions))
        .route("/api/v1/account/sessions/{id}", delete(end_session))
}

/// One place the person is signed in.
#[derive(Serialize, ToSchema)]
pub struct SessionInfo {
    /// What ends it (`DELETE /api/v1/account/sessions/{id}`).
    pub id: String,
    /// The browser and system it said it was ("Firefox on Linux"), or
    /// "Unknown device".
    pub device: String,
    pub signed_in_at: DateTime<Utc>,
    /// Last use, noted at most once a minute.
    pub last_used_at: DateTime<Utc>,
    /// Whether this request came with this session's cookie.
    pub current: bool,
}

/// Where you are signed in, least recently used first (the most recent
/// last, like every list of the API).
#[utoipa::path(
    get,
    path = "/api/v1/account/sessions",
    tag = "account",
    responses(
        (status = 200, description = "Your sessions, the most recently used last", body = Vec<SessionInfo>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_sessions(
    State(state): State<AppState>,
    Extension(session): Extension<CurrentSession>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<SessionInfo>, ApiError> {
    let current = session.0.map(|s| s.token_hash);
    let mut list = state.store.list_sessions(&user.person).await?;
    list.reverse();
    Ok(paging.page(
        list.into_iter()
            .map(|s| SessionInfo {
                current: current.as_deref() == Some(s.token_hash.as_str()),
                device: s.device.unwrap_or_else(|| "Unknown device".to_string()),
                id: s.token_hash,
                signed_in_at: s.created_at,
                last_used_at: s.last_seen_at,
            })
            .collect(),
    ))
}

/// Ends one of your sessions (that browser is signed out at once).
#[utoipa::path(
    delete,
    path = "/api/v1/account/sessions/{id}",
    tag = "account",
    params(("id" = String, Path, description = "The session's id, from the list")),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No session of yours with that id", body = ErrorBody),
    ),
)]
pub(crate) async fn end_session(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    // Only the asker's own sessions; any other id changes nothing.
    if state.store.delete_session(&user.person, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "There is no session of yours with that id; it may have ended already. GET /api/v1/account/sessions lists them.",
        ))
    }
}

/// How many recovery codes can still be used.
#[derive(Serialize, ToSchema)]
pub struct RecoveryCodesLeft {
    /// Whether two-step sign-in is on (without it there are no codes).
    pub two_step: bool,
    /// Codes not used yet.
    pub left: usize,
    /// How many a fresh set has.
    pub total: usize,
}

/// A fresh set of recovery codes.
#[derive(Serialize, ToSchema)]
pub struct NewRecoveryCodes {
    /// Ten codes, each usable once at sign-in in place of the app's code.
    /// Shown only this once: only their hashes are kept.
    pub codes: Vec<String>,
}

async fn two_step_on(state: &AppState, user: &ApiUser) -> Result<bool, ApiError> {
    Ok(state
        .store
        .account(&user.person)
        .await?
        .is_some_and(|a| a.totp_secret.is_some()))
}

/// How many of your recovery codes are left.
#[utoipa::path(
    get,
    path = "/api/v1/account/recovery-codes",
    tag = "account",
    responses(
        (status = 200, description = "How many codes are left", body = RecoveryCodesLeft),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn recovery_codes_left(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<RecoveryCodesLeft>, ApiError> {
    let two_step = two_step_on(&state, &user).await?;
    let left = if two_step {
        crate::recovery::left(&*state.store, &user.person).await?
    } else {
        0
    };
    Ok(Json(RecoveryCodesLeft {
        two_step,
        left,
        total: crate::recovery::CODES,
    }))
}

/// Makes a fresh set of recovery codes; every old code stops working.
#[utoipa::path(
    post,
    path = "/api/v1/account/recovery-codes",
    tag = "account",
    responses(
        (status = 201, description = "The new codes, shown only this once", body = NewRecoveryCodes),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 409, description = "Two-step sign-in is off", body = ErrorBody),
    ),
)]
pub(crate) async fn new_recovery_codes(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<(StatusCode, Json<NewRecoveryCodes>), ApiError> {
    if !two_step_on(&state, &user).await? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            crate::recovery::NEEDS_TWO_STEP,
        ));
    }
    let codes = crate::recovery::make_new(&*state.store, &user.person, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(NewRecoveryCodes { codes })))
}
