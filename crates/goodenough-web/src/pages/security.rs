//! `/settings/security`: the person's sessions (device, last use; end one or
//! all others) and the
//! optional second factor (TOTP, RFC 6238: 6 digits, 30 s, SHA-1, which
//! every authenticator app understands). A code works once: the store keeps
//! the newest time step accepted per account
//! ([`goodenough_store::Accounts::accept_totp_step`]), and every place that
//! checks a code (turning the factor on here, the sign-in step in
//! `pages/auth.rs`) goes through [`totp_step`] and then that check. Turning
//! it on also makes ten recovery codes ([`crate::recovery`]), shown once;
//! the page says how many are left and makes a fresh set on request.
//!
//! Passkeys ([`crate::passkeys`]): the list with name, added and last use;
//! renaming and removing are plain forms. Adding one needs JavaScript (the
//! browser's WebAuthn call): `app.js` asks `POST
//! /api/v1/account/passkeys/register/start` for the options, calls
//! `navigator.credentials.create` and posts the answer to `…/finish`, then
//! comes back here with `?passkey=added`.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use chrono::{DateTime, Utc};
use maud::{html, Markup};
use serde::Deserialize;
use totp_rs::{Algorithm, Secret, TOTP};

use super::layout::{csrf_field, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/settings/security", get(show))
        .route("/settings/sessions/end", post(end_one))
        .route("/settings/sessions/end-others", post(end_others))
        .route("/settings/totp/start", post(totp_start))
        .route("/settings/totp/confirm", post(totp_confirm))
        .route("/settings/totp/disable", post(totp_disable))
        .route("/settings/recovery-codes", post(new_recovery_codes))
        .route("/settings/passkeys/rename", post(passkey_rename))
        .route("/settings/passkeys/remove", post(passkey_remove))
}

fn totp_for(secret_b32: &str, email: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_string()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some("goodenough".to_string()),
        email.to_string(),
    )
    .ok()
}

/// Seconds each code lasts.
pub const TOTP_STEP_SECS: u64 = 30;

/// The time step (Unix time / 30 s) whose code a typed code is, at an
/// instant: one step of drift either way is accepted. `None` when it is
/// none of the three. Codes are compared in constant time. The caller
/// still has to ask the store whether the step is newer than the last one
/// accepted ([`goodenough_store::Accounts::accept_totp_step`]), so that a
/// code works once.
pub fn totp_step(secret_b32: &str, email: &str, code: &str, now: DateTime<Utc>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = totp_for(secret_b32, email)?;
    let step = u64::try_from(now.timestamp()).ok()? / TOTP_STEP_SECS;
    [step.saturating_sub(1), step, step + 1]
        .into_iter()
        .find(|s| crate::auth::same_secret(&totp.generate(s * TOTP_STEP_SECS), &code))
        .and_then(|s| i64::try_from(s).ok())
}

/// The sentence for a code that matched but was used already.
pub const TOTP_REPLAYED: &str = "That code was already used, and each code works only once. Please wait for your app to show the next code (they change every 30 seconds) and enter that one.";

/// The current code for a secret (tests and the `testing` helpers).
pub fn totp_code(secret_b32: &str, now: DateTime<Utc>) -> Option<String> {
    let secs = u64::try_from(now.timestamp()).unwrap_or(0);
    totp_for(secret_b32, "x@example.org").map(|t| t.generate(secs))
}

/// New recovery codes, shown once.
fn fresh_codes_block(codes: &[String]) -> Markup {
    html! {
        div.notice.ok role="status" {
            p { strong { "Your recovery codes. Save them now: they are shown only this once." } }
            p { "Keep them somewhere other than your phone (a password manager, or printed in a drawer). Each one signs you in once when you cannot use your app." }
            ol.recovery-codes {
                @for c in codes { li { code.token { (c) } } }
            }
        }
    }
}

/// How many recovery codes are left, kindly, with a nudge when few are.
fn codes_left_text(left: usize) -> String {
    let total = crate::recovery::CODES;
    match left {
        0 => "All your recovery codes have been used. Making new ones takes a moment and keeps a way in if your phone is not at hand.".to_string(),
        1 => format!("You have 1 of {total} recovery codes left. Making a fresh set now means you will not run short."),
        n if n <= crate::recovery::FEW_LEFT => format!("You have {n} of {total} recovery codes left. Making a fresh set now means you will not run short."),
        n => format!("You have {n} of {total} recovery codes left."),
    }
}

/// How long ago a last use was, in words ("3 minutes ago").
pub fn ago(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let minutes = (now - then).num_minutes();
    match minutes {
        m if m < 2 => "in the last minute or two".to_string(),
        m if m < 60 => format!("{m} minutes ago"),
        m if m < 120 => "an hour ago".to_string(),
        m if m < 60 * 24 => format!("{} hours ago", m / 60),
        m if m < 60 * 48 => "yesterday".to_string(),
        m => format!("{} days ago", m / (60 * 24)),
    }
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    message: Option<(&str, &str)>,
    enrolling: Option<&str>,
) -> Result<Markup, PageError> {
    render_with(state, viewer, message, enrolling, None).await
}

async fn render_with(
    state: &AppState,
    viewer: &Viewer,
    message: Option<(&str, &str)>,
    enrolling: Option<&str>,
    fresh_codes: Option<&[String]>,
) -> Result<Markup, PageError> {
    let sessions = state.store.list_sessions(&viewer.person).await?;
    let now = state.clock.now();
    let account = state.store.account(&viewer.person).await?;
    let totp_on = account.as_ref().is_some_and(|a| a.totp_secret.is_some());
    let passkeys = state.store.passkeys(&viewer.person).await?;
    let codes_left = if totp_on {
        crate::recovery::left(&*state.store, &viewer.person).await?
    } else {
        0
    };
    Ok(page(
        viewer,
        "Security",
        "/settings",
        html! {
            h1 { "Security" }
            @if let Some((kind, text)) = message { (notice(kind, text)) }
            section aria-labelledby="sessions" {
                h2 #sessions { "Where you are signed in" }
                p.hint { "Each place you signed in, by the browser and system it said it was, with when it was last used (noted at most once a minute). End any you do not recognise." }
                ul.sessions {
                    @for s in &sessions {
                        li {
                            p {
                                strong { (s.device.as_deref().unwrap_or("Unknown device")) }
                                @if s.token_hash == viewer.token_hash { " " span.this-one { "(this one)" } }
                            }
                            p.hint {
                                "Last used " (ago(now, s.last_seen_at)) " · signed in "
                                time datetime=(s.created_at.to_rfc3339()) { (s.created_at.format("%Y-%m-%d %H:%M UTC").to_string()) }
                            }
                            form method="post" action="/settings/sessions/end" {
                                (csrf_field(&viewer.csrf))
                                input type="hidden" name="id" value=(s.token_hash);
                                button type="submit" aria-label={ "End this session on " (s.device.as_deref().unwrap_or("Unknown device")) } { "End this session" }
                            }
                        }
                    }
                }
                form method="post" action="/settings/sessions/end-others" {
                    (csrf_field(&viewer.csrf))
                    button type="submit" { "Sign out everywhere else" }
                }
            }
            section aria-labelledby="passkeys" {
                h2 #passkeys { "Passkeys" }
                p { "A passkey signs you in with your device's fingerprint, face or PIN instead of a password, and can stand in for the app's code in two-step sign-in. Nobody can read it off a phishing page." }
                @if passkeys.is_empty() {
                    p #passkeys-none { "You have no passkeys yet." }
                } @else {
                    ul.passkeys {
                        @for k in &passkeys {
                            li {
                                p { strong.passkey-name { (k.name) } }
                                p.hint {
                                    "Added "
                                    time datetime=(k.created_at.to_rfc3339()) { (k.created_at.format("%Y-%m-%d").to_string()) }
                                    " · "
                                    @match k.last_used_at {
                                        Some(t) => { "last used " (ago(now, t)) }
                                        None => { "not used to sign in yet" }
                                    }
                                }
                                details {
                                    summary { "Rename or remove" }
                                    form.stack method="post" action="/settings/passkeys/rename" {
                                        (csrf_field(&viewer.csrf))
                                        input type="hidden" name="id" value=(k.id);
                                        label for={ "rename-" (k.id) } { "New name" }
                                        input id={ "rename-" (k.id) } name="name" type="text" required maxlength=(crate::passkeys::MAX_NAME_CHARS) value=(k.name);
                                        button type="submit" { "Rename" }
                                    }
                                    form method="post" action="/settings/passkeys/remove" {
                                        (csrf_field(&viewer.csrf))
                                        input type="hidden" name="id" value=(k.id);
                                        button type="submit" aria-label={ "Remove the passkey " (k.name) } { "Remove this passkey" }
                                    }
                                }
                            }
                        }
                    }
                }
                h3 { "Add a passkey" }
                p.hint #passkey-needs { "Adding a passkey needs a browser that supports passkeys, with JavaScript on; your device then asks for its fingerprint, face or PIN. If the button below does not appear, this browser cannot add one." }
                div.stack {
                    label for="passkey-name" { "Name for the new passkey" }
                    input #passkey-name type="text" maxlength=(crate::passkeys::MAX_NAME_CHARS) placeholder="Laptop, Phone…";
                    p.notice.error #passkey-error role="alert" hidden {}
                    button #passkey-add type="button" data-passkey="add" data-csrf=(viewer.csrf) hidden { "Add a passkey" }
                }
            }
            section aria-labelledby="twostep" {
                h2 #twostep { "Two-step sign-in" }
                @if let Some(secret) = enrolling {
                    @let url = totp_for(secret, &viewer.email).map(|t| t.get_url()).unwrap_or_default();
                    p { "Add this key to your authenticator app (type it in, or open the link on your phone), then enter the code it shows." }
                    p { "Key: " code.token { (secret) } }
                    p { a href=(url) { "Open in authenticator app" } }
                    form.stack method="post" action="/settings/totp/confirm" {
                        (csrf_field(&viewer.csrf))
                        input type="hidden" name="secret" value=(secret);
                        label for="code" { "Code from the app" }
                        input #code name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required;
                        button type="submit" { "Turn on two-step sign-in" }
                    }
                } @else if totp_on {
                    p { "Two-step sign-in is on: after your password you enter a code from your authenticator app." }
                    @if let Some(codes) = fresh_codes { (fresh_codes_block(codes)) }
                    h3 #recovery { "Recovery codes" }
                    p #codes-left { (codes_left_text(codes_left)) }
                    form.stack method="post" action="/settings/recovery-codes" {
                        (csrf_field(&viewer.csrf))
                        p.hint { "New codes replace all the old ones: codes you saved before stop working." }
                        button type="submit" { "Make new recovery codes" }
                    }
                    h3 { "Turning it off" }
                    form.stack method="post" action="/settings/totp/disable" {
                        (csrf_field(&viewer.csrf))
                        label for="password" { "Your password, to turn it off" }
                        input #password name="password" type="password" autocomplete="current-password" required;
                        button type="submit" { "Turn off two-step sign-in" }
                    }
                } @else {
                    p { "Two-step sign-in is off. With it on, a stolen password alone is not enough to sign in." }
                    form method="post" action="/settings/totp/start" {
                        (csrf_field(&viewer.csrf))
                        button type="submit" { "Set up two-step sign-in" }
                    }
                }
            }
        },
    ))
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    /// `used`: the person just signed in with a recovery code.
    recovery: Option<String>,
    /// `added`: a passkey was just added (by the page's script).
    passkey: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ShowQuery>,
) -> Result<Markup, PageError> {
    if q.passkey.as_deref() == Some("added") {
        return render(
            &state,
            &viewer,
            Some(("ok", "Your passkey is added. Next time, choose \"Sign in with a passkey\" on the sign-in page.")),
            None,
        )
        .await;
    }
    if q.recovery.as_deref() == Some("used") {
        let left = crate::recovery::left(&*state.store, &viewer.person).await?;
        let text = format!(
            "You are signed in with a recovery code; that code will not work again. {} If your phone is gone for good, turn two-step sign-in off and on again with the new one.",
            codes_left_text(left)
        );
        return render(&state, &viewer, Some(("ok", &text)), None).await;
    }
    render(&state, &viewer, None, None).await
}

async fn new_recovery_codes(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let on = state
        .store
        .account(&viewer.person)
        .await?
        .is_some_and(|a| a.totp_secret.is_some());
    if !on {
        let body = render(
            &state,
            &viewer,
            Some(("error", crate::recovery::NEEDS_TWO_STEP)),
            None,
        )
        .await?;
        return Ok((StatusCode::CONFLICT, body).into_response());
    }
    let codes = crate::recovery::make_new(&*state.store, &viewer.person, state.clock.now()).await?;
    Ok(render_with(
        &state,
        &viewer,
        Some((
            "ok",
            "New recovery codes are made; the old ones no longer work.",
        )),
        None,
        Some(&codes),
    )
    .await?
    .into_response())
}

#[derive(Deserialize)]
struct EndOne {
    id: String,
}

async fn end_one(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<EndOne>,
) -> Result<Response, PageError> {
    // Only the person's own sessions can be ended; any other id (another
    // account's session, or one already gone) is a 404, and nothing changes.
    if !state.store.delete_session(&viewer.person, &f.id).await? {
        return Err(PageError::new(
            StatusCode::NOT_FOUND,
            "There is no session of yours with that id; it may have ended already. Your sessions are listed under Settings, Security.",
        ));
    }
    let to = if f.id == viewer.token_hash {
        "/login"
    } else {
        "/settings/security"
    };
    Ok(Redirect::to(to).into_response())
}

async fn end_others(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    state
        .store
        .delete_sessions_except(&viewer.person, Some(&viewer.token_hash))
        .await?;
    Ok(Redirect::to("/settings/security").into_response())
}

async fn totp_start(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let secret = Secret::generate_secret().to_encoded().to_string();
    render(&state, &viewer, None, Some(&secret)).await
}

#[derive(Deserialize)]
struct Confirm {
    secret: String,
    code: String,
}

async fn totp_confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<Confirm>,
) -> Result<Response, PageError> {
    let Some(step) = totp_step(&f.secret, &viewer.email, &f.code, state.clock.now()) else {
        let body = render(
            &state,
            &viewer,
            Some((
                "error",
                "That code did not match. Check the key in your app and try the current code.",
            )),
            Some(&f.secret),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response());
    };
    state
        .store
        .set_totp_secret(&viewer.person, Some(&f.secret))
        .await?;
    // The code that turned it on is used: it cannot sign anyone in.
    state.store.accept_totp_step(&viewer.person, step).await?;
    let codes = crate::recovery::make_new(&*state.store, &viewer.person, state.clock.now()).await?;
    Ok(render_with(
        &state,
        &viewer,
        Some(("ok", "Two-step sign-in is on.")),
        None,
        Some(&codes),
    )
    .await?
    .into_response())
}

#[derive(Deserialize)]
struct Disable {
    password: String,
}

async fn totp_disable(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<Disable>,
) -> Result<Response, PageError> {
    let hash = state
        .store
        .account(&viewer.person)
        .await?
        .map(|a| a.password_hash);
    if !crate::auth::verify_password(f.password, hash).await {
        let body = render(
            &state,
            &viewer,
            Some((
                "error",
                "That password is not right; two-step sign-in stays on.",
            )),
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response());
    }
    state.store.set_totp_secret(&viewer.person, None).await?;
    Ok(render(
        &state,
        &viewer,
        Some(("ok", "Two-step sign-in is off.")),
        None,
    )
    .await?
    .into_response())
}

#[derive(Deserialize)]
struct PasskeyRename {
    id: String,
    #[serde(default)]
    name: String,
}

async fn passkey_rename(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<PasskeyRename>,
) -> Result<Response, PageError> {
    let name = match crate::passkeys::check_name(&f.name) {
        Ok(n) => n,
        Err(e) => {
            let body = render(&state, &viewer, Some(("error", &e.to_string())), None).await?;
            return Ok((e.status(), body).into_response());
        }
    };
    if !state
        .store
        .rename_passkey(&viewer.person, &f.id, &name)
        .await?
    {
        return Err(crate::passkeys::PasskeyError::NotFound.into());
    }
    Ok(render(
        &state,
        &viewer,
        Some(("ok", "The passkey is renamed.")),
        None,
    )
    .await?
    .into_response())
}

#[derive(Deserialize)]
struct PasskeyRemove {
    id: String,
}

async fn passkey_remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<PasskeyRemove>,
) -> Result<Response, PageError> {
    // Only the person's own; another account's id is a 404, nothing changes.
    if !state.store.remove_passkey(&viewer.person, &f.id).await? {
        return Err(crate::passkeys::PasskeyError::NotFound.into());
    }
    Ok(render(
        &state,
        &viewer,
        Some(("ok", "The passkey is removed; it no longer signs you in.")),
        None,
    )
    .await?
    .into_response())
}
