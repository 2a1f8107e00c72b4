//! Passkeys (WebAuthn): adding one to an account, signing in with one
//! instead of a password, and using one as the second step of a sign-in in
//! place of the app's code. Shared by the pages, the sign-in routes and the
//! API, like [`crate::recovery`].
//!
//! - The checks are [webauthn-rs](https://docs.rs/webauthn-rs)'s (kanidm's
//!   relying-party library): challenge, origin, relying-party id, signature,
//!   user verification, signature counter. Nothing here parses a
//!   credential by hand.
//! - The relying party is the server's public address
//!   ([`crate::WebConfig::public_url`], `serve --public-url`); without one,
//!   `localhost` on any port, which browsers accept over plain HTTP.
//! - Each ceremony's state is kept in the database, under the hash of a
//!   random id the browser holds, for [`CEREMONY_MINUTES`]; finishing takes
//!   it (one statement deletes and returns it), so an answer is accepted
//!   once and any server on the same store can finish it.
//! - Every refusal is one sentence ([`PasskeyError`]); nothing is logged
//!   but the kind of refusal.

use chrono::{DateTime, Duration, Utc};
use goodenough_store::{Ceremony, PasskeyRow, StoreError};
use serde::Serialize;
use webauthn_rs::prelude::{
    CreationChallengeResponse, DiscoverableAuthentication, DiscoverableKey, Passkey,
    PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse, Url, Uuid, Webauthn, WebauthnBuilder,
};

use crate::auth::{hash_token, random_token};
use crate::AppState;

/// How long a started ceremony can be finished.
pub const CEREMONY_MINUTES: i64 = 5;
/// Longest passkey name kept.
pub const MAX_NAME_CHARS: usize = 60;

const REGISTER: &str = "register";
const SIGN_IN: &str = "signin";
const SECOND_STEP: &str = "second";

/// Why a passkey was not added or did not sign anyone in.
#[derive(Debug, thiserror::Error)]
pub enum PasskeyError {
    #[error("This passkey request has expired or was already used. Please start again: each request works once, within {CEREMONY_MINUTES} minutes.")]
    Expired,
    #[error("The passkey's answer could not be verified, so nothing changed and nobody was signed in. Please try again, or use your password.")]
    Refused,
    #[error("That passkey is not one of this account's passkeys. Please use a passkey you added on your Security page, or your password.")]
    NotThisAccount,
    #[error("That passkey is not known here. Please use a passkey you added on your Security page, or sign in with your password.")]
    Unknown,
    #[error("That passkey is already added (here or to another account); each passkey can be added once.")]
    Duplicate,
    #[error("Please give the passkey a name of 1 to {MAX_NAME_CHARS} characters, such as \"Laptop\" or \"Phone\".")]
    BadName,
    #[error("There is no passkey of yours with that id; it may have been removed already. Your passkeys are listed on the Security page.")]
    NotFound,
    #[error("Passkeys cannot be used on this server: its public address is not one browsers accept for passkeys. The operator can set serve --public-url to the address people open, such as https://coach.example.org.")]
    NotConfigured,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PasskeyError {
    /// The status a web or API answer gives this refusal.
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            PasskeyError::Expired | PasskeyError::BadName => StatusCode::UNPROCESSABLE_ENTITY,
            PasskeyError::Refused | PasskeyError::NotThisAccount | PasskeyError::Unknown => {
                StatusCode::UNAUTHORIZED
            }
            PasskeyError::Duplicate => StatusCode::CONFLICT,
            PasskeyError::NotFound => StatusCode::NOT_FOUND,
            PasskeyError::NotConfigured => StatusCode::SERVICE_UNAVAILABLE,
            PasskeyError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short word for the log (never the credential or the person).
    fn kind(&self) -> &'static str {
        match self {
            PasskeyError::Expired => "expired",
            PasskeyError::Refused => "refused",
            PasskeyError::NotThisAccount => "other account",
            PasskeyError::Unknown => "unknown",
            PasskeyError::Duplicate => "duplicate",
            PasskeyError::BadName => "bad name",
            PasskeyError::NotFound => "not found",
            PasskeyError::NotConfigured => "not configured",
            PasskeyError::Store(_) => "store",
        }
    }
}

impl From<PasskeyError> for crate::error::ApiError {
    fn from(e: PasskeyError) -> Self {
        match e {
            PasskeyError::Store(s) => s.into(),
            other => crate::error::ApiError::new(other.status(), other.to_string()),
        }
    }
}

impl From<PasskeyError> for crate::error::PageError {
    fn from(e: PasskeyError) -> Self {
        match e {
            PasskeyError::Store(s) => s.into(),
            other => crate::error::PageError::new(other.status(), other.to_string()),
        }
    }
}

/// The relying party for the server's configuration.
pub fn relying_party(public_url: Option<&str>) -> Result<Webauthn, PasskeyError> {
    let built = match public_url {
        Some(u) => {
            let url = Url::parse(u).map_err(|_| PasskeyError::NotConfigured)?;
            let host = url.domain().ok_or(PasskeyError::NotConfigured)?.to_string();
            WebauthnBuilder::new(&host, &url).and_then(|b| b.rp_name("goodenough").build())
        }
        None => {
            let url = Url::parse("http://localhost").map_err(|_| PasskeyError::NotConfigured)?;
            WebauthnBuilder::new("localhost", &url)
                .and_then(|b| b.allow_any_port(true).rp_name("goodenough").build())
        }
    };
    built.map_err(|_| PasskeyError::NotConfigured)
}

fn webauthn(state: &AppState) -> Result<Webauthn, PasskeyError> {
    relying_party(state.config.public_url.as_deref())
}

/// The WebAuthn user handle of a person: their id when it is a UUID (every
/// id goodenough makes), else the first 16 bytes of its SHA-256.
pub fn user_handle(person: &str) -> Uuid {
    Uuid::parse_str(person).unwrap_or_else(|_| {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(person.as_bytes());
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        Uuid::from_bytes(bytes)
    })
}

/// A started ceremony: the id to send back with the answer, and the
/// options for `navigator.credentials.create` / `.get` (the JSON the
/// browser's WebAuthn API takes, binary fields base64url).
#[derive(Debug, Serialize)]
pub struct Started<T> {
    pub ceremony: String,
    pub options: T,
}

async fn keep(
    state: &AppState,
    kind: &str,
    person: Option<&str>,
    value: &impl Serialize,
    now: DateTime<Utc>,
) -> Result<String, PasskeyError> {
    let id = random_token();
    let json = serde_json::to_string(value).map_err(|_| PasskeyError::Refused)?;
    state
        .store
        .put_ceremony(
            &hash_token(&id),
            &Ceremony {
                kind: kind.to_string(),
                person: person.map(str::to_string),
                state: json,
                expires_at: now + Duration::minutes(CEREMONY_MINUTES),
            },
            now,
        )
        .await?;
    Ok(id)
}

async fn take(
    state: &AppState,
    id: &str,
    kind: &str,
    person: Option<&str>,
) -> Result<String, PasskeyError> {
    let c = state
        .store
        .take_ceremony(&hash_token(id), kind, state.clock.now())
        .await?
        .ok_or(PasskeyError::Expired)?;
    // A ceremony started by one person cannot be finished by another.
    if person.is_some() && c.person.as_deref() != person {
        return Err(PasskeyError::Expired);
    }
    Ok(c.state)
}

fn parse_passkey(row: &PasskeyRow) -> Option<Passkey> {
    serde_json::from_str(&row.passkey).ok()
}

fn credential_id_text(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A checked passkey name: trimmed, 1 to [`MAX_NAME_CHARS`] characters.
pub fn check_name(name: &str) -> Result<String, PasskeyError> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(PasskeyError::BadName);
    }
    Ok(name.to_string())
}

/// Starts adding a passkey to `person`'s account. The options ask for a
/// discoverable credential (one that can sign in without an email) and
/// exclude the passkeys the person already has.
pub async fn register_start(
    state: &AppState,
    person: &str,
    email: &str,
    display_name: &str,
) -> Result<Started<serde_json::Value>, PasskeyError> {
    let wa = webauthn(state)?;
    let existing: Vec<_> = state
        .store
        .passkeys(person)
        .await?
        .iter()
        .filter_map(parse_passkey)
        .map(|k| k.cred_id().clone())
        .collect();
    let (options, reg): (CreationChallengeResponse, PasskeyRegistration) = wa
        .start_passkey_registration(user_handle(person), email, display_name, Some(existing))
        .map_err(|_| PasskeyError::Refused)?;
    let mut options = serde_json::to_value(options).map_err(|_| PasskeyError::Refused)?;
    // A passkey is a discoverable credential: ask the authenticator to keep
    // it, so "Sign in with a passkey" can find it without an email.
    if let Some(sel) = options
        .pointer_mut("/publicKey/authenticatorSelection")
        .and_then(|v| v.as_object_mut())
    {
        sel.insert("residentKey".into(), "required".into());
        sel.insert("requireResidentKey".into(), true.into());
    }
    let ceremony = keep(state, REGISTER, Some(person), &reg, state.clock.now()).await?;
    Ok(Started { ceremony, options })
}

/// Finishes adding a passkey: checks the authenticator's answer against the
/// kept challenge and stores the passkey under `name`.
pub async fn register_finish(
    state: &AppState,
    person: &str,
    ceremony: &str,
    name: &str,
    credential: &RegisterPublicKeyCredential,
) -> Result<PasskeyRow, PasskeyError> {
    let name = check_name(name)?;
    let kept = take(state, ceremony, REGISTER, Some(person)).await?;
    let reg: PasskeyRegistration =
        serde_json::from_str(&kept).map_err(|_| PasskeyError::Expired)?;
    let wa = webauthn(state)?;
    let passkey = wa
        .finish_passkey_registration(credential, &reg)
        .map_err(|e| refused("register", e))?;
    let now = state.clock.now();
    let row = PasskeyRow {
        id: goodenough_core::id::new_id(),
        person_id: person.to_string(),
        credential_id: credential_id_text(passkey.cred_id().as_ref()),
        name,
        passkey: serde_json::to_string(&passkey).map_err(|_| PasskeyError::Refused)?,
        created_at: now,
        last_used_at: None,
    };
    match state.store.add_passkey(&row).await {
        Ok(()) => Ok(row),
        Err(StoreError::Conflict(_)) => Err(PasskeyError::Duplicate),
        Err(e) => Err(e.into()),
    }
}

fn refused(what: &'static str, e: webauthn_rs::prelude::WebauthnError) -> PasskeyError {
    // The library's error names the failed check; it holds no secret.
    tracing::info!(ceremony = what, check = %e, "a passkey answer was refused");
    PasskeyError::Refused
}

/// Starts a sign-in with a passkey instead of a password: the browser lets
/// the person choose any passkey they have for this site.
pub async fn sign_in_start(state: &AppState) -> Result<Started<serde_json::Value>, PasskeyError> {
    let wa = webauthn(state)?;
    let (options, auth): (RequestChallengeResponse, DiscoverableAuthentication) = wa
        .start_discoverable_authentication()
        .map_err(|_| PasskeyError::Refused)?;
    let mut options = serde_json::to_value(options).map_err(|_| PasskeyError::Refused)?;
    // A button press, not the browser's autofill: no "conditional" mediation.
    if let Some(o) = options.as_object_mut() {
        o.remove("mediation");
    }
    let ceremony = keep(state, SIGN_IN, None, &auth, state.clock.now()).await?;
    Ok(Started { ceremony, options })
}

/// Finishes a passkey sign-in: which account it is comes from the passkey
/// (its credential id, and the user handle it was made for). Returns the
/// person.
pub async fn sign_in_finish(
    state: &AppState,
    ceremony: &str,
    credential: &PublicKeyCredential,
) -> Result<String, PasskeyError> {
    let kept = take(state, ceremony, SIGN_IN, None).await?;
    let auth: DiscoverableAuthentication =
        serde_json::from_str(&kept).map_err(|_| PasskeyError::Expired)?;
    let wa = webauthn(state)?;
    let (handle, cred_id) = wa
        .identify_discoverable_authentication(credential)
        .map_err(|e| refused("sign-in", e))?;
    let row = state
        .store
        .passkey_by_credential(&credential_id_text(cred_id))
        .await?
        .ok_or(PasskeyError::Unknown)?;
    if user_handle(&row.person_id) != handle {
        return Err(PasskeyError::Unknown);
    }
    let mut passkey = parse_passkey(&row).ok_or(PasskeyError::Unknown)?;
    let key = DiscoverableKey::from(&passkey);
    let result = wa
        .finish_discoverable_authentication_v2(credential, auth, &key)
        .map_err(|e| refused("sign-in", e))?;
    record_use(state, &row, &mut passkey, &result).await?;
    Ok(row.person_id)
}

async fn record_use(
    state: &AppState,
    row: &PasskeyRow,
    passkey: &mut Passkey,
    result: &webauthn_rs::prelude::AuthenticationResult,
) -> Result<(), PasskeyError> {
    passkey.update_credential(result);
    let json = serde_json::to_string(&*passkey).map_err(|_| PasskeyError::Refused)?;
    state
        .store
        .use_passkey(&row.person_id, &row.id, &json, state.clock.now())
        .await?;
    Ok(())
}

/// Whether a person has a passkey (the code step then offers one).
pub async fn has_passkey(state: &AppState, person: &str) -> Result<bool, PasskeyError> {
    Ok(!state.store.passkeys(person).await?.is_empty())
}

/// Starts the second step of a sign-in with a passkey: only `person`'s own
/// passkeys are allowed.
pub async fn second_step_start(
    state: &AppState,
    person: &str,
) -> Result<Started<serde_json::Value>, PasskeyError> {
    let wa = webauthn(state)?;
    let keys: Vec<Passkey> = state
        .store
        .passkeys(person)
        .await?
        .iter()
        .filter_map(parse_passkey)
        .collect();
    if keys.is_empty() {
        return Err(PasskeyError::NotThisAccount);
    }
    let (options, auth): (RequestChallengeResponse, PasskeyAuthentication) = wa
        .start_passkey_authentication(&keys)
        .map_err(|_| PasskeyError::Refused)?;
    let options = serde_json::to_value(options).map_err(|_| PasskeyError::Refused)?;
    let ceremony = keep(state, SECOND_STEP, Some(person), &auth, state.clock.now()).await?;
    Ok(Started { ceremony, options })
}

/// Finishes the second step: the passkey must be one of `person`'s.
pub async fn second_step_finish(
    state: &AppState,
    person: &str,
    ceremony: &str,
    credential: &PublicKeyCredential,
) -> Result<(), PasskeyError> {
    let kept = take(state, ceremony, SECOND_STEP, Some(person)).await?;
    let auth: PasskeyAuthentication =
        serde_json::from_str(&kept).map_err(|_| PasskeyError::Expired)?;
    let row = state
        .store
        .passkey_by_credential(&credential_id_text(credential.get_credential_id()))
        .await?
        .filter(|r| r.person_id == person)
        .ok_or(PasskeyError::NotThisAccount)?;
    let mut passkey = parse_passkey(&row).ok_or(PasskeyError::NotThisAccount)?;
    let wa = webauthn(state)?;
    let result = wa
        .finish_passkey_authentication(credential, &auth)
        .map_err(|e| refused("second step", e))?;
    record_use(state, &row, &mut passkey, &result).await?;
    Ok(())
}

/// Logs a refusal (its kind only) and hands it on.
pub fn log_refusal(e: PasskeyError) -> PasskeyError {
    if !matches!(e, PasskeyError::Store(_)) {
        tracing::info!(refusal = e.kind(), "passkey refused");
    }
    e
}

/// Parses a browser's answer (JSON) to a create or get call; a body that is
/// not one is [`PasskeyError::Refused`].
pub fn parse_answer<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, PasskeyError> {
    serde_json::from_value(value).map_err(|_| PasskeyError::Refused)
}
