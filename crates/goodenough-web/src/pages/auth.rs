//! Setup (the first account), sign-in (with the second-factor step, and
//! with a passkey instead of a password or in place of the app's code),
//! sign-out, and a one-time password-reset link (`/reset/{token}`, made by
//! the operator) that sets a new password and ends the old sessions.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form};
use goodenough_core::Settings;
use goodenough_store::{Role, StoreError};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{bare, csrf_field, notice};
use super::redirect_with_cookie;
use crate::auth::{self, CurrentSession};
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/", get(root))
        .route("/setup", get(setup_form).post(setup))
        .route("/login", get(login_form).post(login))
        .route("/login/totp", get(totp_form).post(totp))
        .route("/login/passkey/start", post(passkey_start))
        .route("/login/passkey/finish", post(passkey_finish))
        .route("/login/totp/passkey/start", post(second_passkey_start))
        .route("/login/totp/passkey/finish", post(second_passkey_finish))
        .route("/logout", post(logout))
        .route("/reset/{token}", get(reset_form).post(reset))
}

async fn root(Extension(session): Extension<CurrentSession>) -> Redirect {
    match session.0 {
        Some(u) if !u.mfa_pending => Redirect::to("/today"),
        _ => Redirect::to("/login"),
    }
}

/// The token for a form shown before sign-in: the session's when there is
/// one, else the `ge_pre` cookie's (set here when missing).
pub(super) fn form_token(
    state: &AppState,
    headers: &HeaderMap,
    session: &CurrentSession,
) -> (String, Option<HeaderValue>) {
    if let Some(u) = &session.0 {
        return (u.csrf.clone(), None);
    }
    if let Some(t) = auth::cookie(headers, auth::PRE_COOKIE) {
        return (t, None);
    }
    let t = auth::random_token();
    let c = auth::set_cookie(
        auth::PRE_COOKIE,
        &t,
        auth::is_secure(state, headers),
        Some(60 * 60 * 24),
    );
    (t, Some(c))
}

pub(super) fn with_cookie(
    status: StatusCode,
    markup: Markup,
    cookie: Option<HeaderValue>,
) -> Response {
    let mut res = (status, markup).into_response();
    if let Some(c) = cookie {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

fn setup_page(token: &str, email: &str, name: &str, error: Option<&str>) -> Markup {
    bare(
        "Welcome",
        html! {
            h1 { "Welcome to goodenough" }
            p { "Create the first account. If you already use the goodenough command line on this store, this account is you: it sees and adds to the same records." }
            @if let Some(e) = error { (notice("error", e)) }
            form.stack method="post" action="/setup" {
                (csrf_field(token))
                label for="name" { "Your name (what goodenough calls you)" }
                input #name name="display_name" type="text" autocomplete="name" value=(name);
                label for="email" { "Email" }
                input #email name="email" type="email" required autocomplete="username" value=(email);
                label for="password" { "Password (at least " (auth::MIN_PASSWORD_CHARS) " characters)" }
                input #password name="password" type="password" required autocomplete="new-password" minlength=(auth::MIN_PASSWORD_CHARS);
                button type="submit" { "Create account" }
            }
        },
    )
}

/// The setup page's answer when another setup finished first.
fn lost_race() -> Response {
    (
        StatusCode::CONFLICT,
        bare(
            "Welcome",
            html! {
                h1 { "Someone else finished setting up first" }
                (notice("error", "Another account was created a moment before yours, so yours was not created. Sign in with that account, or ask whoever set it up to add you."))
                p { a.button href="/login" { "Go to sign in" } }
            },
        ),
    )
        .into_response()
}

async fn setup_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
) -> Result<Response, PageError> {
    if state.store.account_count().await? > 0 {
        return Ok(Redirect::to("/login").into_response());
    }
    let (token, cookie) = form_token(&state, &headers, &session);
    Ok(with_cookie(
        StatusCode::OK,
        setup_page(&token, "", "", None),
        cookie,
    ))
}

#[derive(Deserialize)]
struct SetupForm {
    #[serde(default)]
    display_name: String,
    email: String,
    password: String,
}

async fn setup(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    Form(f): Form<SetupForm>,
) -> Result<Response, PageError> {
    if state.store.account_count().await? > 0 {
        return Err(PageError::new(
            StatusCode::FORBIDDEN,
            "This goodenough already has an account; sign in instead.",
        ));
    }
    let (token, _) = form_token(&state, &headers, &session);
    let again = |msg: &str| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            setup_page(&token, &f.email, &f.display_name, Some(msg)),
        )
            .into_response()
    };
    if !f.email.contains('@') || f.email.trim().len() < 3 {
        return Ok(again(
            "Please enter an email address, such as alex@example.org.",
        ));
    }
    if let Err(m) = auth::check_new_password(&f.password) {
        return Ok(again(&m));
    }
    let mut settings = Settings::defaults(&state.config.default_time_zone);
    if !f.display_name.trim().is_empty() {
        settings.display_name = f.display_name.trim().chars().take(100).collect();
    }
    let hash = auth::hash_password(f.password.clone()).await?;
    // The store checks "no account yet" again in the same transaction that
    // creates it: of two setup forms posted at once, only one gets here.
    let person = match state
        .store
        .create_first_account(&f.email, &hash, Role::Admin, &settings)
        .await
    {
        Ok(p) => p,
        Err(StoreError::Conflict(_)) if state.store.account_count().await? > 0 => {
            return Ok(lost_race());
        }
        Err(StoreError::Conflict(m)) => return Ok(again(&m)),
        Err(e) => return Err(e.into()),
    };
    if !f.display_name.trim().is_empty() {
        // The CLI's person keeps its settings but takes the name given here.
        let scope = state.scope(&person);
        let mut s = goodenough_app::settings::get(&scope).await?;
        s.display_name = settings.display_name;
        goodenough_app::settings::save(&scope, s).await?;
    }
    let cookie = auth::start_session(&state, &person, &headers, false, None).await?;
    Ok(redirect_with_cookie("/today", cookie))
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/today".to_string(),
    }
}

fn login_page(token: &str, email: &str, next: &str, error: Option<&str>) -> Markup {
    bare(
        "Sign in",
        html! {
            h1 { "Sign in" }
            @if let Some(e) = error { (notice("error", e)) }
            form.stack method="post" action="/login" {
                (csrf_field(token))
                input type="hidden" name="next" value=(next);
                label for="email" { "Email" }
                input #email name="email" type="email" required autocomplete="username" value=(email);
                label for="password" { "Password" }
                input #password name="password" type="password" required autocomplete="current-password";
                button type="submit" { "Sign in" }
            }
            section.passkey-signin aria-labelledby="passkey-heading" {
                h2 #passkey-heading { "Or sign in with a passkey" }
                p.hint { "A passkey you added on your Security page signs you in without your email or password, with your device's fingerprint, face or PIN. It needs a browser that supports passkeys, with JavaScript on." }
                p.notice.error #passkey-error role="alert" hidden {}
                button #passkey-signin type="button" data-passkey="signin" data-csrf=(token) data-next=(next) hidden { "Sign in with a passkey" }
            }
        },
    )
}

async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    Query(q): Query<NextQuery>,
) -> Result<Response, PageError> {
    if matches!(&session.0, Some(u) if !u.mfa_pending) {
        return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
    }
    if state.store.account_count().await? == 0 {
        return Ok(Redirect::to("/setup").into_response());
    }
    let (token, cookie) = form_token(&state, &headers, &session);
    let next = safe_next(q.next.as_deref());
    Ok(with_cookie(
        StatusCode::OK,
        login_page(&token, "", &next, None),
        cookie,
    ))
}

#[derive(Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    req_ext: axum::http::Extensions,
    Form(f): Form<LoginForm>,
) -> Result<Response, PageError> {
    let (token, _) = form_token(&state, &headers, &session);
    let next = safe_next(f.next.as_deref());
    let ip = auth::client_ip(&state, &headers, auth::peer(&req_ext));
    let key = auth::throttle_key("login", &f.email, &ip);
    if let Err(wait) = auth::throttle_check(&state, &key).await? {
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            login_page(
                &token,
                &f.email,
                &next,
                Some(&auth::throttled_message(wait)),
            ),
        )
            .into_response());
    }
    let account = state.store.account_by_email(&f.email).await?;
    let ok = auth::verify_password(
        f.password.clone(),
        account.as_ref().map(|a| a.password_hash.clone()),
    )
    .await;
    // A disabled account gets the same sentence as a wrong password: the
    // page never says whether an account exists.
    let Some(account) = account.filter(|a| ok && a.disabled_at.is_none()) else {
        auth::throttle_fail(&state, &key).await?;
        return Ok((
            StatusCode::UNAUTHORIZED,
            login_page(
                &token,
                &f.email,
                &next,
                Some("That email and password do not match an account. Please check both and try again."),
            ),
        )
            .into_response());
    };
    state.store.clear_login_failures(&key).await?;
    let previous = session.0.as_ref().map(|u| u.token_hash.clone());
    let pending = account.totp_secret.is_some();
    if let Some(prev) = &previous {
        // Rotation: whatever session this browser had ends here.
        if let Some(u) = &session.0 {
            state.store.delete_session(&u.person, prev).await?;
        }
    }
    let cookie = auth::start_session(&state, &account.person_id, &headers, pending, None).await?;
    let to = if pending {
        format!("/login/totp?next={next}")
    } else {
        next
    };
    Ok(redirect_with_cookie(&to, cookie))
}

fn totp_page(token: &str, next: &str, error: Option<&str>, passkey: bool) -> Markup {
    bare(
        "Sign in: code",
        html! {
            h1 { "One more step" }
            p { "Enter the 6-digit code from your authenticator app." }
            @if let Some(e) = error { (notice("error", e)) }
            form.stack method="post" action="/login/totp" {
                (csrf_field(token))
                input type="hidden" name="next" value=(next);
                label for="code" { "Code" }
                input #code name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" required;
                button type="submit" { "Continue" }
            }
            @if passkey {
                section.passkey-signin aria-labelledby="passkey-heading" {
                    h2 #passkey-heading { "Or use a passkey" }
                    p.hint { "One of this account's passkeys works in place of the code. It needs a browser that supports passkeys, with JavaScript on." }
                    p.notice.error #passkey-error role="alert" hidden {}
                    button #passkey-second type="button" data-passkey="second" data-csrf=(token) data-next=(next) hidden { "Use a passkey" }
                }
            }
            details {
                summary { "No access to your app? Use a recovery code" }
                p { "Each of the recovery codes you saved when you turned on two-step sign-in works once, in place of the app's code." }
                form.stack method="post" action="/login/totp" {
                    (csrf_field(token))
                    input type="hidden" name="next" value=(next);
                    label for="recovery" { "Recovery code" }
                    input #recovery name="code" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" placeholder="xxxx-xxxx-xxxx-xxxx" required;
                    button type="submit" { "Sign in with a recovery code" }
                }
            }
        },
    )
}

async fn totp_form(
    State(state): State<AppState>,
    Extension(session): Extension<CurrentSession>,
    Query(q): Query<NextQuery>,
) -> Result<Response, PageError> {
    Ok(match &session.0 {
        Some(u) if u.mfa_pending => {
            let passkey = crate::passkeys::has_passkey(&state, &u.person).await?;
            totp_page(&u.csrf, &safe_next(q.next.as_deref()), None, passkey).into_response()
        }
        Some(_) => Redirect::to("/today").into_response(),
        None => Redirect::to("/login").into_response(),
    })
}

#[derive(Deserialize)]
struct TotpForm {
    code: String,
    next: Option<String>,
}

async fn totp(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    req_ext: axum::http::Extensions,
    Form(f): Form<TotpForm>,
) -> Result<Response, PageError> {
    let Some(user) = session.0.filter(|u| u.mfa_pending) else {
        return Ok(Redirect::to("/login").into_response());
    };
    let next = safe_next(f.next.as_deref());
    let passkey = crate::passkeys::has_passkey(&state, &user.person).await?;
    let totp_page =
        |token: &str, next: &str, error: Option<&str>| totp_page(token, next, error, passkey);
    let ip = auth::client_ip(&state, &headers, auth::peer(&req_ext));
    let key = auth::throttle_key("totp", &user.person, &ip);
    if let Err(wait) = auth::throttle_check(&state, &key).await? {
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            totp_page(&user.csrf, &next, Some(&auth::throttled_message(wait))),
        )
            .into_response());
    }
    if !crate::recovery::is_app_code(&f.code) {
        // Not only digits: one of the person's recovery codes, or nothing.
        let redeemed =
            crate::recovery::redeem(&*state.store, &user.person, &f.code, state.clock.now())
                .await?;
        if let Some(refusal) = redeemed.refusal() {
            auth::throttle_fail(&state, &key).await?;
            return Ok((
                StatusCode::UNAUTHORIZED,
                totp_page(&user.csrf, &next, Some(refusal)),
            )
                .into_response());
        }
        state.store.clear_login_failures(&key).await?;
        let cookie = auth::start_session(
            &state,
            &user.person,
            &headers,
            false,
            Some(&user.token_hash),
        )
        .await?;
        // The Security page says how many are left, and what to do next.
        return Ok(redirect_with_cookie(
            "/settings/security?recovery=used",
            cookie,
        ));
    }
    let secret = state
        .store
        .account(&user.person)
        .await?
        .and_then(|a| a.totp_secret);
    let step = secret
        .and_then(|s| super::security::totp_step(&s, &user.email, &f.code, state.clock.now()));
    let Some(step) = step else {
        auth::throttle_fail(&state, &key).await?;
        return Ok((
            StatusCode::UNAUTHORIZED,
            totp_page(
                &user.csrf,
                &next,
                Some("That code did not match. Codes change every 30 seconds; please try the current one."),
            ),
        )
            .into_response());
    };
    // A code works once: the same code again (from this browser or another
    // one within its 30 seconds) is refused.
    if !state.store.accept_totp_step(&user.person, step).await? {
        return Ok((
            StatusCode::UNAUTHORIZED,
            totp_page(&user.csrf, &next, Some(super::security::TOTP_REPLAYED)),
        )
            .into_response());
    }
    state.store.clear_login_failures(&key).await?;
    let cookie = auth::start_session(
        &state,
        &user.person,
        &headers,
        false,
        Some(&user.token_hash),
    )
    .await?;
    Ok(redirect_with_cookie(&next, cookie))
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
) -> Result<Response, PageError> {
    if let Some(u) = &session.0 {
        state.store.delete_session(&u.person, &u.token_hash).await?;
    }
    let clear = auth::set_cookie(
        auth::SESSION_COOKIE,
        "",
        auth::is_secure(&state, &headers),
        None,
    );
    Ok(redirect_with_cookie("/login", clear))
}

fn reset_page(csrf: &str, token: &str, error: Option<&str>) -> Markup {
    bare(
        "Choose a new password",
        html! {
            h1 { "Choose a new password" }
            p { "This link works once. After you save, you are signed out everywhere, and you sign in with the new password." }
            @if let Some(e) = error { (notice("error", e)) }
            form.stack method="post" action={ "/reset/" (token) } {
                (csrf_field(csrf))
                label for="password" { "New password (at least " (auth::MIN_PASSWORD_CHARS) " characters)" }
                input #password name="password" type="password" required autocomplete="new-password" minlength=(auth::MIN_PASSWORD_CHARS);
                button type="submit" { "Save the new password" }
            }
        },
    )
}

/// The answer to a used, expired or made-up reset link.
fn reset_gone() -> PageError {
    PageError::new(
        StatusCode::NOT_FOUND,
        "This reset link cannot be used: it was used already, it has expired, or it is not complete. Please ask the person who runs this goodenough for a new one.",
    )
}

async fn reset_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Result<Response, PageError> {
    let hash = auth::hash_token(&token);
    if state
        .store
        .password_reset_person(&hash, state.clock.now())
        .await?
        .is_none()
    {
        return Err(reset_gone());
    }
    let (csrf, cookie) = form_token(&state, &headers, &session);
    Ok(with_cookie(
        StatusCode::OK,
        reset_page(&csrf, &token, None),
        cookie,
    ))
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    password: String,
}

async fn reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    axum::extract::Path(token): axum::extract::Path<String>,
    Form(f): Form<ResetForm>,
) -> Result<Response, PageError> {
    let hash = auth::hash_token(&token);
    let now = state.clock.now();
    if state
        .store
        .password_reset_person(&hash, now)
        .await?
        .is_none()
    {
        return Err(reset_gone());
    }
    if let Err(m) = auth::check_new_password(&f.password) {
        let (csrf, _) = form_token(&state, &headers, &session);
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            reset_page(&csrf, &token, Some(&m)),
        )
            .into_response());
    }
    let password_hash = auth::hash_password(f.password.clone()).await?;
    // Checked again, marked used, the password set and the sessions ended
    // in one transaction: of two posts of one link, one wins.
    if state
        .store
        .use_password_reset(&hash, &password_hash, now)
        .await?
        .is_none()
    {
        return Err(reset_gone());
    }
    Ok((
        StatusCode::OK,
        bare(
            "Password saved",
            html! {
                h1 { "Your new password is saved" }
                (notice("success", "You are signed out everywhere. Sign in with your new password."))
                p { a.button href="/login" { "Go to sign in" } }
            },
        ),
    )
        .into_response())
}

/// A JSON answer of the passkey sign-in calls: `{"error": sentence}`.
fn json_error(e: crate::passkeys::PasskeyError) -> Response {
    crate::error::ApiError::from(crate::passkeys::log_refusal(e)).into_response()
}

/// The body of a passkey sign-in's finish: the ceremony id, the browser's
/// answer and where to go after.
#[derive(Deserialize)]
struct PasskeyAnswer {
    ceremony: String,
    credential: serde_json::Value,
    next: Option<String>,
}

fn parse_answer(body: &[u8]) -> Result<PasskeyAnswer, crate::error::ApiError> {
    serde_json::from_slice(body).map_err(|_| {
        crate::error::ApiError::new(
            StatusCode::BAD_REQUEST,
            "Send the passkey's answer as JSON with \"ceremony\" and \"credential\".",
        )
    })
}

/// Where to go after a passkey sign-in, with the new session's cookie.
fn signed_in_json(next: &str, cookie: HeaderValue) -> Response {
    let mut res = axum::Json(serde_json::json!({ "redirect": next })).into_response();
    res.headers_mut().append(header::SET_COOKIE, cookie);
    res
}

/// Starts a sign-in with a passkey instead of a password (JSON: the
/// ceremony id and the options for `navigator.credentials.get`).
async fn passkey_start(State(state): State<AppState>) -> Response {
    match crate::passkeys::sign_in_start(&state).await {
        Ok(started) => axum::Json(started).into_response(),
        Err(e) => json_error(e),
    }
}

/// Finishes a passkey sign-in: a new session for the passkey's account
/// (whatever session this browser had ends), with no second step: the
/// passkey is something the person has, unlocked by something they know or
/// are.
async fn passkey_finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    req_ext: axum::http::Extensions,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let answer = match parse_answer(&body) {
        Ok(a) => a,
        Err(e) => return Ok(e.into_response()),
    };
    let ip = auth::client_ip(&state, &headers, auth::peer(&req_ext));
    let key = auth::throttle_key("passkey", "", &ip);
    if let Err(wait) = auth::throttle_check(&state, &key).await? {
        return Ok(crate::error::ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            auth::throttled_message(wait),
        )
        .into_response());
    }
    let credential = match crate::passkeys::parse_answer(answer.credential) {
        Ok(c) => c,
        Err(e) => return Ok(json_error(e)),
    };
    let person = match crate::passkeys::sign_in_finish(&state, &answer.ceremony, &credential).await
    {
        Ok(p) => p,
        Err(e) => {
            auth::throttle_fail(&state, &key).await?;
            return Ok(json_error(e));
        }
    };
    if let Some(u) = &session.0 {
        state.store.delete_session(&u.person, &u.token_hash).await?;
    }
    let cookie = auth::start_session(&state, &person, &headers, false, None).await?;
    Ok(signed_in_json(&safe_next(answer.next.as_deref()), cookie))
}

/// Starts the second step with a passkey (after the password, in place of
/// the app's code): only this account's passkeys are offered.
async fn second_passkey_start(
    State(state): State<AppState>,
    Extension(session): Extension<CurrentSession>,
) -> Response {
    let Some(user) = session.0.filter(|u| u.mfa_pending) else {
        return crate::error::ApiError::new(
            StatusCode::UNAUTHORIZED,
            "Please sign in with your password first; this step comes after it.",
        )
        .into_response();
    };
    match crate::passkeys::second_step_start(&state, &user.person).await {
        Ok(started) => axum::Json(started).into_response(),
        Err(e) => json_error(e),
    }
}

/// Finishes the second step with a passkey: it must be one of this
/// account's. The session is rotated into a full one.
async fn second_passkey_finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    req_ext: axum::http::Extensions,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let Some(user) = session.0.filter(|u| u.mfa_pending) else {
        return Ok(crate::error::ApiError::new(
            StatusCode::UNAUTHORIZED,
            "Please sign in with your password first; this step comes after it.",
        )
        .into_response());
    };
    let answer = match parse_answer(&body) {
        Ok(a) => a,
        Err(e) => return Ok(e.into_response()),
    };
    let ip = auth::client_ip(&state, &headers, auth::peer(&req_ext));
    let key = auth::throttle_key("totp", &user.person, &ip);
    if let Err(wait) = auth::throttle_check(&state, &key).await? {
        return Ok(crate::error::ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            auth::throttled_message(wait),
        )
        .into_response());
    }
    let credential = match crate::passkeys::parse_answer(answer.credential) {
        Ok(c) => c,
        Err(e) => return Ok(json_error(e)),
    };
    if let Err(e) =
        crate::passkeys::second_step_finish(&state, &user.person, &answer.ceremony, &credential)
            .await
    {
        auth::throttle_fail(&state, &key).await?;
        return Ok(json_error(e));
    }
    state.store.clear_login_failures(&key).await?;
    let cookie = auth::start_session(
        &state,
        &user.person,
        &headers,
        false,
        Some(&user.token_hash),
    )
    .await?;
    Ok(signed_in_json(&safe_next(answer.next.as_deref()), cookie))
}
