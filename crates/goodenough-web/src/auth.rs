//! Authentication: passwords, session and API tokens, the middleware that
//! resolves the session cookie, and sign-in throttling.
//!
//! - Passwords: argon2id with m=19456 KiB, t=2, p=1 (OWASP's minimum), hashed
//!   on the blocking pool so a sign-in never stalls other requests.
//! - Sessions: 32 random bytes in an HttpOnly, SameSite=Lax cookie; only
//!   their SHA-256 is stored. A new token at every sign-in (rotation), idle
//!   and absolute timeouts from [`WebConfig`](crate::WebConfig).
//! - API tokens: `ge_` + 32 random bytes, shown once, stored hashed.
//! - Nothing here logs a token, a password or an email.

use std::net::SocketAddr;
use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng as PhOsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use goodenough_app::Known;
use goodenough_store::{Role, SessionRow, StoreError};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "ge_session";
/// The cookie that carries the form token before sign-in (double submit).
pub const PRE_COOKIE: &str = "ge_pre";
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted (hashing cost stays bounded).
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// A fresh random token, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a token, hex. Tokens are random, so no salt is needed.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// How long a password-reset link works.
pub const RESET_LINK_HOURS: i64 = 24;

/// Makes a one-time password-reset link for a person, valid
/// [`RESET_LINK_HOURS`] from `now`, and returns its path (`/reset/TOKEN`).
/// Only the token's hash is stored; the path is shown once. The CLI, the
/// admin page and the admin API all make links here.
pub async fn make_reset_link(
    store: &dyn goodenough_store::Store,
    person: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, StoreError> {
    let token = random_token();
    store
        .create_password_reset(
            person,
            &hash_token(&token),
            now,
            now + chrono::TimeDelta::hours(RESET_LINK_HOURS),
        )
        .await?;
    Ok(format!("/reset/{token}"))
}

/// Constant-time comparison of two secrets.
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn argon2() -> Argon2<'static> {
    // 19456 KiB, 2 passes, 1 lane: valid constants, so the fallback is unreachable.
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks a new password against the rules; the error is a sentence.
pub fn check_new_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Please choose a password of at least {MIN_PASSWORD_CHARS} characters; a few words strung together work well."
        ));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(format!(
            "That password is longer than {MAX_PASSWORD_BYTES} bytes; please choose a shorter one."
        ));
    }
    Ok(())
}

/// Hashes a password with argon2id (blocking; see [`hash_password`]).
pub fn hash_password_blocking(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut PhOsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("could not hash the password: {e}"))
}

/// Hashes a password on the blocking pool.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_password_blocking(&password)).await?
}

/// Verifies a password against a stored hash on the blocking pool. With no
/// hash (unknown email) a dummy hash is checked, so timing does not tell
/// which emails have accounts.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    let result = tokio::task::spawn_blocking(move || {
        if password.len() > MAX_PASSWORD_BYTES {
            return false;
        }
        let stored = match &hash {
            Some(h) => h.clone(),
            None => dummy_hash().to_string(),
        };
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let ok = argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        ok && hash.is_some()
    })
    .await;
    result.unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_password_blocking("not a real password, only for timing").unwrap_or_default()
    })
}

/// The signed-in person, as resolved from the session cookie.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub person: String,
    pub email: String,
    pub role: Role,
    pub display_name: String,
    pub token_hash: String,
    pub csrf: String,
    /// Password checked, second factor still to come.
    pub mfa_pending: bool,
    /// The person's settings and data version as this request found them
    /// (see [`crate::AppState::scope_of_viewer`]).
    pub known: Known,
    /// The practice's name, shown in the page header (none set: `None`).
    pub practice_name: Option<String>,
}

/// The session found for a request (`None`: not signed in). Put in the
/// request's extensions by [`load_session`].
#[derive(Debug, Clone, Default)]
pub struct CurrentSession(pub Option<SessionUser>);

/// A cookie's value from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Whether the browser reached us over HTTPS (directly, or through a
/// trusted proxy that says so).
pub fn is_secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.tls
        || (state.config.behind_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.eq_ignore_ascii_case("https")))
}

/// A `Set-Cookie` value. `max_age` None clears the cookie.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> HeaderValue {
    let age = max_age.unwrap_or(0);
    let value = if max_age.is_some() { value } else { "" };
    let s = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={age}{}",
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The client's address: the socket peer, or the first `X-Forwarded-For`
/// entry when the proxy is trusted.
pub fn client_ip(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    if state.config.behind_proxy {
        if let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return first.trim().to_string();
        }
    }
    peer.map(|p| p.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Middleware: resolves the session cookie into [`CurrentSession`],
/// ending sessions past their idle or absolute timeout.
pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let current = match cookie(req.headers(), SESSION_COOKIE) {
        Some(token) => match resolve(&state, &token).await {
            Ok(user) => user,
            Err(e) => {
                tracing::error!(error = %e.for_log(), "could not read a session");
                None
            }
        },
        None => None,
    };
    req.extensions_mut().insert(CurrentSession(current));
    next.run(req).await
}

async fn resolve(state: &AppState, token: &str) -> Result<Option<SessionUser>, StoreError> {
    let hash = hash_token(token);
    let store = &state.store;
    // One query for the session and its account: this runs on every request.
    let Some(signed_in) = store.session_with_account(&hash).await? else {
        return Ok(None);
    };
    let (row, account) = (signed_in.session, signed_in.account);
    let now = state.clock.now();
    let cfg = &state.config;
    let expired = now - row.last_seen_at > cfg.idle_timeout
        || now - row.created_at > cfg.absolute_timeout
        || (row.mfa_pending && now - row.created_at > cfg.mfa_timeout);
    if expired {
        store.delete_session(&row.person_id, &hash).await?;
        return Ok(None);
    }
    // A read, not a write, for every request but one a minute.
    if now - row.last_seen_at >= goodenough_store::accounts::TOKEN_TOUCH_EVERY {
        store.touch_session(&hash, now).await?;
    }
    Ok(Some(SessionUser {
        person: row.person_id.clone(),
        email: account.email,
        role: account.role,
        display_name: account.display_name,
        token_hash: hash,
        csrf: row.csrf_token,
        mfa_pending: row.mfa_pending,
        known: Known {
            person: row.person_id,
            settings: signed_in.settings,
            data_version: signed_in.data_version,
            coach_links_version: Some(signed_in.coach_links_version),
        },
        practice_name: state.practice.name(),
    }))
}

/// Starts a session (a fresh token: rotation at every sign-in) and returns
/// the cookie value to set. Ends `previous` if given.
pub async fn start_session(
    state: &AppState,
    person: &str,
    headers: &HeaderMap,
    mfa_pending: bool,
    previous: Option<&str>,
) -> Result<HeaderValue, StoreError> {
    if let Some(prev) = previous {
        state.store.delete_session(person, prev).await?;
    }
    let token = random_token();
    let now = state.clock.now();
    // Only a short label is kept, never the header itself.
    let device = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(device_label);
    state
        .store
        .create_session(&SessionRow {
            token_hash: hash_token(&token),
            person_id: person.to_string(),
            csrf_token: random_token(),
            created_at: now,
            last_seen_at: now,
            device,
            mfa_pending,
        })
        .await?;
    let max_age = state.config.absolute_timeout.num_seconds();
    Ok(set_cookie(
        SESSION_COOKIE,
        &token,
        is_secure(state, headers),
        Some(max_age),
    ))
}

/// A short label of a browser and its system from a `User-Agent` header,
/// such as "Firefox on Linux" or "Chrome on Android": what the Security
/// page shows of a session. A small, readable classifier of the common
/// names (order matters: Edge and Opera also say "Chrome", Chrome also says
/// "Safari"); anything else is "A browser" or "A browser on …". The header
/// itself is never stored.
pub fn device_label(user_agent: &str) -> String {
    let ua = user_agent;
    let has = |needle: &str| ua.contains(needle);
    let browser = if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
        Some("Edge")
    } else if has("OPR/") || has("Opera") {
        Some("Opera")
    } else if has("SamsungBrowser/") {
        Some("Samsung Internet")
    } else if has("Firefox/") || has("FxiOS/") {
        Some("Firefox")
    } else if has("CriOS/") || has("Chrome/") {
        Some("Chrome")
    } else if has("Safari/") && has("Version/") {
        Some("Safari")
    } else if has("curl/") {
        Some("curl")
    } else {
        None
    };
    let system = if has("Android") {
        Some("Android")
    } else if has("iPhone") {
        Some("iPhone")
    } else if has("iPad") {
        Some("iPad")
    } else if has("CrOS") {
        Some("ChromeOS")
    } else if has("Windows") {
        Some("Windows")
    } else if has("Macintosh") || has("Mac OS X") {
        Some("macOS")
    } else if has("Linux") || has("X11") {
        Some("Linux")
    } else {
        None
    };
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} on {s}"),
        (Some(b), None) => b.to_string(),
        (None, Some(s)) => format!("A browser on {s}"),
        (None, None) => "A browser".to_string(),
    }
}

/// The throttling key for one email from one address (hashed: the table
/// holds no emails).
pub fn throttle_key(kind: &str, who: &str, ip: &str) -> String {
    hash_token(&format!("{kind}|{}|{ip}", who.trim().to_lowercase()))
}

/// `Err(seconds to wait)` while a key is throttled.
pub async fn throttle_check(state: &AppState, key: &str) -> Result<Result<(), i64>, StoreError> {
    let t = &state.config.throttle;
    let now = state.clock.now();
    let failures = state
        .store
        .login_failures_since(key, now - t.window)
        .await?;
    let n = u32::try_from(failures.len()).unwrap_or(u32::MAX);
    if n < t.max_failures {
        return Ok(Ok(()));
    }
    let doublings = (n - t.max_failures).min(16);
    let delay = (t.base_delay * 2i32.pow(doublings)).min(t.window);
    let Some(last) = failures.last() else {
        return Ok(Ok(()));
    };
    let until = *last + delay;
    if now < until {
        Ok(Err((until - now).num_seconds().max(1)))
    } else {
        Ok(Ok(()))
    }
}

/// Records a failed try under a key (and forgets old ones).
pub async fn throttle_fail(state: &AppState, key: &str) -> Result<(), StoreError> {
    let now = state.clock.now();
    state.store.record_login_failure(key, now).await?;
    state
        .store
        .prune_login_failures(now - state.config.throttle.window * 2)
        .await?;
    Ok(())
}

/// A "wait" sentence for a throttled sign-in.
pub fn throttled_message(wait_secs: i64) -> String {
    let wait = if wait_secs < 90 {
        format!("{wait_secs} seconds")
    } else {
        format!("{} minutes", (wait_secs + 59) / 60)
    };
    format!("Too many sign-in attempts for this account from here. Please wait {wait} and try again; the pause grows with each further miss but always ends.")
}

/// The peer address of a request, when served with connect info.
pub fn peer(req_ext: &axum::http::Extensions) -> Option<SocketAddr> {
    req_ext.get::<ConnectInfo<SocketAddr>>().map(|c| c.0)
}
