//! The signed-in person's passkeys: list, rename, remove, and the two calls
//! that add one (`register/start` gives the options for the browser's
//! `navigator.credentials.create`, `register/finish` takes its answer).
//! Adding a passkey needs the signed-in browser itself (its session cookie
//! and `X-CSRF-Token`): a personal access token can read and remove
//! passkeys but never add a way to sign in. The checks are in
//! [`crate::passkeys`].

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::{get, patch, post};
use axum::{Extension, Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiPath, ApiUser};
use crate::auth::CurrentSession;
use crate::passkeys::{self, log_refusal, PasskeyError};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/account/passkeys", get(list))
        .route(
            "/api/v1/account/passkeys/{id}",
            patch(rename).delete(remove),
        )
        .route("/api/v1/account/passkeys/register/start", post(start))
        .route("/api/v1/account/passkeys/register/finish", post(finish))
}

/// One of your passkeys.
#[derive(Serialize, ToSchema)]
pub struct PasskeyInfo {
    /// What renames or removes it.
    pub id: String,
    /// The name you gave it.
    pub name: String,
    pub created_at: DateTime<Utc>,
    /// The last sign-in with it; `null` before the first.
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<goodenough_store::PasskeyRow> for PasskeyInfo {
    fn from(r: goodenough_store::PasskeyRow) -> Self {
        PasskeyInfo {
            id: r.id,
            name: r.name,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
        }
    }
}

/// Your passkeys, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/account/passkeys",
    operation_id = "list_passkeys",
    tag = "account",
    responses(
        (status = 200, description = "Your passkeys, oldest first", body = Vec<PasskeyInfo>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<PasskeyInfo>, ApiError> {
    let rows = state.store.passkeys(&user.person).await?;
    Ok(paging.page(rows.into_iter().map(PasskeyInfo::from).collect()))
}

/// A new name for a passkey.
#[derive(Deserialize, ToSchema)]
pub struct PasskeyName {
    /// 1 to 60 characters, such as "Laptop".
    #[serde(default)]
    pub name: String,
}

/// Renames one of your passkeys.
#[utoipa::path(
    patch,
    path = "/api/v1/account/passkeys/{id}",
    operation_id = "passkeys_rename",
    tag = "account",
    params(("id" = String, Path, description = "The passkey's id, from the list")),
    request_body = PasskeyName,
    responses(
        (status = 200, description = "Renamed", body = PasskeyInfo),
        (status = 400, description = "The body is not JSON of this shape", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No passkey of yours with that id", body = ErrorBody),
        (status = 422, description = "The name is empty or too long", body = ErrorBody),
    ),
)]
pub(crate) async fn rename(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<PasskeyName>,
) -> Result<Json<PasskeyInfo>, ApiError> {
    let mine = state.store.passkeys(&user.person).await?;
    if !mine.iter().any(|k| k.id == id) {
        return Err(PasskeyError::NotFound.into());
    }
    let name = passkeys::check_name(&body.name)?;
    state.store.rename_passkey(&user.person, &id, &name).await?;
    let row = state
        .store
        .passkeys(&user.person)
        .await?
        .into_iter()
        .find(|k| k.id == id)
        .ok_or(PasskeyError::NotFound)?;
    Ok(Json(row.into()))
}

/// Removes one of your passkeys: it no longer signs you in.
#[utoipa::path(
    delete,
    path = "/api/v1/account/passkeys/{id}",
    operation_id = "passkeys_remove",
    tag = "account",
    params(("id" = String, Path, description = "The passkey's id, from the list")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No passkey of yours with that id", body = ErrorBody),
    ),
)]
pub(crate) async fn remove(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    if state.store.remove_passkey(&user.person, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(PasskeyError::NotFound.into())
    }
}

/// The options for the browser, and the id that goes back with its answer.
#[derive(Serialize, ToSchema)]
pub struct CeremonyStarted {
    /// Send this back with the answer, within 5 minutes; it works once.
    pub ceremony: String,
    /// `PublicKeyCredentialCreationOptions` or `…RequestOptions` for the
    /// browser's WebAuthn call, under `publicKey`, binary fields base64url.
    #[schema(value_type = Object)]
    pub options: serde_json::Value,
}

const NEEDS_BROWSER: &str = "Adding a passkey needs your signed-in browser: open Settings, Security and choose \"Add a passkey\". An access token cannot add one.";

/// The person, when the request comes from their signed-in browser (its
/// session cookie, no access token).
fn browser_only(
    headers: &HeaderMap,
    session: &CurrentSession,
    user: &ApiUser,
) -> Result<crate::auth::SessionUser, ApiError> {
    let bearer = headers.contains_key(header::AUTHORIZATION);
    match &session.0 {
        Some(s) if !bearer && !s.mfa_pending && s.person == user.person => Ok(s.clone()),
        _ => Err(ApiError::new(StatusCode::FORBIDDEN, NEEDS_BROWSER)),
    }
}

/// Starts adding a passkey: the options for `navigator.credentials.create`.
#[utoipa::path(
    post,
    path = "/api/v1/account/passkeys/register/start",
    operation_id = "passkeys_register_start",
    tag = "account",
    responses(
        (status = 200, description = "The options for the browser", body = CeremonyStarted),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not from a signed-in browser (an access token)", body = ErrorBody),
        (status = 503, description = "The server's public address does not allow passkeys", body = ErrorBody),
    ),
)]
pub(crate) async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    user: ApiUser,
) -> Result<Json<CeremonyStarted>, ApiError> {
    let s = browser_only(&headers, &session, &user)?;
    let started = passkeys::register_start(&state, &s.person, &s.email, &s.display_name)
        .await
        .map_err(log_refusal)?;
    Ok(Json(CeremonyStarted {
        ceremony: started.ceremony,
        options: started.options,
    }))
}

/// The browser's answer to `register/start`.
#[derive(Deserialize, ToSchema)]
pub struct NewPasskey {
    /// The `ceremony` from `register/start`.
    pub ceremony: String,
    /// What to call it, 1 to 60 characters.
    pub name: String,
    /// The `PublicKeyCredential` from `navigator.credentials.create`, as
    /// JSON (binary fields base64url).
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}

/// Finishes adding a passkey with the browser's answer.
#[utoipa::path(
    post,
    path = "/api/v1/account/passkeys/register/finish",
    operation_id = "passkeys_register_finish",
    tag = "account",
    request_body = NewPasskey,
    responses(
        (status = 201, description = "Added", body = PasskeyInfo),
        (status = 400, description = "The body is not JSON of this shape", body = ErrorBody),
        (status = 401, description = "Not signed in, or the answer could not be verified", body = ErrorBody),
        (status = 403, description = "Not from a signed-in browser (an access token)", body = ErrorBody),
        (status = 409, description = "That passkey is already added", body = ErrorBody),
        (status = 422, description = "The request expired or was used, or the name is empty or too long", body = ErrorBody),
        (status = 503, description = "The server's public address does not allow passkeys", body = ErrorBody),
    ),
)]
pub(crate) async fn finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewPasskey>,
) -> Result<(StatusCode, Json<PasskeyInfo>), ApiError> {
    let s = browser_only(&headers, &session, &user)?;
    let credential = passkeys::parse_answer(body.credential).map_err(log_refusal)?;
    let row = passkeys::register_finish(&state, &s.person, &body.ceremony, &body.name, &credential)
        .await
        .map_err(log_refusal)?;
    Ok((StatusCode::CREATED, Json(row.into())))
}
