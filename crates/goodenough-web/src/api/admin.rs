//! The operator's API (role admin only; anyone else gets 403): the accounts,
//! disabling and enabling one, and a one-time password-reset link. Nothing
//! here reads anyone's records.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use goodenough_store::{AccountSummary, Role};
use serde::Serialize;
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiPath, ApiUser};
use crate::AppState;
use goodenough_core::practice_settings::{CrisisResource, PracticeSettings};

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/admin/accounts", get(list_accounts))
        .route("/api/v1/admin/accounts/{id}/disable", post(disable))
        .route("/api/v1/admin/accounts/{id}/enable", post(enable))
        .route("/api/v1/admin/accounts/{id}/reset", post(reset))
        .route(
            "/api/v1/admin/practice",
            get(practice_settings).put(set_practice_settings),
        )
}

/// The practice's name and crisis resources, as the operator sets them.
#[derive(Serialize, serde::Deserialize, ToSchema)]
pub struct PracticeBody {
    /// The practice's name, shown in the page header; `null` or blank for none.
    #[serde(default)]
    pub name: Option<String>,
    /// Where to get help now in the practice's region, in the order shown
    /// (at most 10); an empty list shows only the shipped message.
    #[serde(default)]
    pub crisis_resources: Vec<CrisisResource>,
}

impl From<PracticeSettings> for PracticeBody {
    fn from(s: PracticeSettings) -> PracticeBody {
        PracticeBody {
            name: s.name,
            crisis_resources: s.crisis_resources,
        }
    }
}

/// An account as the operator sees it: never a password, never a record.
#[derive(Serialize, ToSchema)]
pub struct AccountInfo {
    /// The person's id (what disable, enable and reset name).
    pub id: String,
    pub email: String,
    /// client, coach or admin.
    pub role: String,
    pub display_name: String,
    pub created_at: DateTime<Utc>,
    /// When the account was disabled; `null` while it is active.
    pub disabled_at: Option<DateTime<Utc>>,
}

impl From<AccountSummary> for AccountInfo {
    fn from(a: AccountSummary) -> AccountInfo {
        AccountInfo {
            id: a.person_id,
            email: a.email,
            role: a.role.as_str().to_string(),
            display_name: a.display_name,
            created_at: a.created_at,
            disabled_at: a.disabled_at,
        }
    }
}

/// A new password-reset link.
#[derive(Serialize, ToSchema)]
pub struct ResetLink {
    /// `/reset/TOKEN`: put the server's address in front. Shown only once.
    pub path: String,
    pub expires_at: DateTime<Utc>,
}

/// The sentence anyone but the operator gets.
const NOT_OPERATOR: &str =
    "Only the operator of this goodenough (an admin account) can manage accounts and the practice settings.";

async fn operator_only(state: &AppState, user: &ApiUser) -> Result<(), ApiError> {
    match state.store.account(&user.person).await? {
        Some(a) if a.role == Role::Admin => Ok(()),
        _ => Err(ApiError::new(StatusCode::FORBIDDEN, NOT_OPERATOR)),
    }
}

/// The practice's name and crisis resources (operator only).
#[utoipa::path(
    get,
    path = "/api/v1/admin/practice",
    tag = "operator",
    responses(
        (status = 200, description = "The practice settings (empty when never set)", body = PracticeBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the operator", body = ErrorBody),
    ),
)]
pub(crate) async fn practice_settings(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<PracticeBody>, ApiError> {
    operator_only(&state, &user).await?;
    Ok(Json(state.app.practice_settings().await?.into()))
}

/// Replaces the practice's name and crisis resources (operator only).
/// Every resource needs a name and a phone or text number, or a web
/// address starting with https://; nothing is changed when one is refused.
#[utoipa::path(
    put,
    path = "/api/v1/admin/practice",
    tag = "operator",
    request_body = PracticeBody,
    responses(
        (status = 200, description = "Saved: the settings as kept", body = PracticeBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the operator", body = ErrorBody),
        (status = 422, description = "A name or resource that cannot be used; nothing was changed", body = ErrorBody),
    ),
)]
pub(crate) async fn set_practice_settings(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<PracticeBody>,
) -> Result<Json<PracticeBody>, ApiError> {
    operator_only(&state, &user).await?;
    let saved = state
        .app
        .set_practice_settings(
            body.name.as_deref(),
            &body.crisis_resources,
            state.clock.now(),
        )
        .await?;
    state.practice.replace(saved.clone());
    Ok(Json(saved.into()))
}

/// The account as it is now.
async fn info(state: &AppState, id: &str) -> Result<Json<AccountInfo>, ApiError> {
    let found = state
        .store
        .list_accounts()
        .await?
        .into_iter()
        .find(|a| a.person_id == id);
    match found {
        Some(a) => Ok(Json(a.into())),
        None => Err(ApiError::not_found("account")),
    }
}

/// Another person's account (404 when there is none, 409 for your own).
async fn target(state: &AppState, user: &ApiUser, id: &str) -> Result<(), ApiError> {
    operator_only(state, user).await?;
    if state.store.account(id).await?.is_none() {
        return Err(ApiError::not_found("account"));
    }
    if id == user.person {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "This is your own account; another operator, or the command line, can change it.",
        ));
    }
    Ok(())
}

/// Every account, oldest first (operator only).
#[utoipa::path(
    get,
    path = "/api/v1/admin/accounts",
    tag = "operator",
    responses(
        (status = 200, description = "The accounts, oldest first", body = Vec<AccountInfo>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the operator", body = ErrorBody),
    ),
)]
pub(crate) async fn list_accounts(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<AccountInfo>, ApiError> {
    operator_only(&state, &user).await?;
    let list = state.store.list_accounts().await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// Disables an account: its sessions and access tokens end at once; its
/// records are kept (operator only).
#[utoipa::path(
    post,
    path = "/api/v1/admin/accounts/{id}/disable",
    tag = "operator",
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "Disabled: the account as it is now", body = AccountInfo),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the operator", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 409, description = "Your own account", body = ErrorBody),
    ),
)]
pub(crate) async fn disable(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<AccountInfo>, ApiError> {
    target(&state, &user, &id).await?;
    state.store.disable_account(&id, state.clock.now()).await?;
    info(&state, &id).await
}

/// Lets a disabled account sign in again (operator only).
#[utoipa::path(
    post,
    path = "/api/v1/admin/accounts/{id}/enable",
    tag = "operator",
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "Enabled: the account as it is now", body = AccountInfo),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the operator", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 409, description = "Your own account", body = ErrorBody),
    ),
)]
pub(crate) async fn enable(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<AccountInfo>, ApiError> {
    target(&state, &user, &id).await?;
    state.store.enable_account(&id).await?;
    info(&state, &id).await
}

/// Makes a one-time password-reset link, valid 24 hours (operator only).
#[utoipa::path(
    post,
    path = "/api/v1/admin/accounts/{id}/reset",
    tag = "operator",
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 201, description = "The link, shown only this once", body = ResetLink),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the operator", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 409, description = "Your own account, or a disabled one", body = ErrorBody),
    ),
)]
pub(crate) async fn reset(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<(StatusCode, Json<ResetLink>), ApiError> {
    target(&state, &user, &id).await?;
    if state
        .store
        .account(&id)
        .await?
        .is_some_and(|a| a.disabled_at.is_some())
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "That account is disabled; enable it first, then make a reset link.",
        ));
    }
    let now = state.clock.now();
    let path = crate::auth::make_reset_link(state.store.as_ref(), &id, now).await?;
    Ok((
        StatusCode::CREATED,
        Json(ResetLink {
            path,
            expires_at: now + chrono::TimeDelta::hours(crate::auth::RESET_LINK_HOURS),
        }),
    ))
}
