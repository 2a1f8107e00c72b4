//! The signed-in person's own sign-in: recovery codes for two-step sign-in
//! (how many are left; a fresh set, shown once). Touches the account, never
//! a record, and only the asker's own.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::{ApiError, ApiUser};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/api/v1/account/recovery-codes",
        get(recovery_codes_left).post(new_recovery_codes),
    )
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
