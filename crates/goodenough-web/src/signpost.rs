//! The crisis-language check for everything a person sends the web app, in
//! one place so no page, API route or future field can miss it.
//!
//! Every state-changing request (POST, PUT, PATCH) is read here once: all the
//! text values of its form or JSON body — whatever the field is called, and
//! however deeply a JSON body nests it — pass through the one detector
//! ([`goodenough_core::safety::SafetyRules`]). On a match the request still
//! goes through unchanged (a crisis phrase is always saved, never refused), and
//! the answer signposts help:
//!
//! - every answer carries `X-Goodenough-Help-Now: /help-now` and
//!   `Link: </help-now>; rel="help"` (what API clients look for);
//! - an HTML page answer gets the "Help now" block at the top of its main
//!   content, unless the page already shows it;
//! - a redirect (the usual answer to a form) sets a short-lived `ge_help`
//!   cookie, and the next page shown gets the block and clears the cookie.
//!
//! When the request is a signed-in person's (a session, or an API token the
//! API's extractor found and named in the request's [`Witness`]), the
//! person's local date is kept as a date help was shown
//! (`goodenough_app::crisis::shown`): the date only. Their coach sees those
//! dates only where the person opted in to that.
//!
//! What it never does: keep or log the text, change the request, or claim
//! that anything was saved (the page or the API answer says what happened).
//! Passwords, one-time codes, tokens and the import file are not looked at:
//! they are not something the person wrote now.
//!
//! This module is part of the ground floor: it imports no page or API module.

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use std::sync::{Arc, OnceLock};

use crate::auth;
use crate::AppState;

/// The header that tells an API client to show where help is now.
pub const HELP_NOW_HEADER: &str = "x-goodenough-help-now";
/// Its value: the page with the help-now message.
pub const HELP_NOW_PATH: &str = "/help-now";
/// The cookie that carries "show help on the next page" across a redirect.
pub const HELP_COOKIE: &str = "ge_help";
/// The id of the block's heading; a page that has it already shows help.
const BLOCK_MARKER: &str = "id=\"help-heading\"";
/// Largest HTML page the block is added to (pages are far smaller).
const MAX_PAGE: usize = 8 * 1024 * 1024;

/// Field names whose values are never looked at.
fn is_secret_field(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name == crate::csrf::FIELD
        || name.contains("password")
        || name.contains("passphrase")
        || name.contains("token")
        || name == "code"
        || name == "totp"
        || name == "secret"
}

/// Paths whose bodies are not something the person wrote now.
fn is_skipped_path(path: &str) -> bool {
    path == "/data/import" || path.starts_with("/api/v1/import")
}

/// The practice's own crisis resources (set by the operator), as a list;
/// nothing when none are set. Help now shows them before the shipped
/// message.
pub fn practice_resources(state: &AppState) -> Markup {
    let settings = state.practice.current();
    html! {
        @if !settings.crisis_resources.is_empty() {
            div.practice-resources {
                p {
                    @match &settings.name {
                        Some(name) => { "Where to get help now, from " (name) ":" }
                        None => { "Where to get help now in this practice's region:" }
                    }
                }
                ul {
                    @for r in &settings.crisis_resources {
                        li {
                            strong { (r.name) } ": "
                            @match r.web_address() {
                                Some(url) => { a href=(url) rel="noopener" { (url) } }
                                None => { (r.contact) }
                            }
                            @if let Some(h) = &r.hours { " (" (h) ")" }
                        }
                    }
                }
            }
        }
    }
}

/// The "Help now" block: the practice's own resources first (if the
/// operator set any), then the calm message and where to get help.
pub fn help_block(state: &AppState) -> Markup {
    html! {
        section.help-block aria-labelledby="help-heading" {
            h2 #help-heading { "Help now" }
            (practice_resources(state))
            @for para in state.safety.help_message().split("\n\n") {
                p {
                    @for (i, line) in para.lines().enumerate() {
                        @if i > 0 { br; }
                        (line)
                    }
                }
            }
        }
    }
}

/// Who a state-changing request acts for, when the API found them by a
/// token (a session is known before this middleware runs): the API's
/// extractor names the person here, and the middleware reads it after the
/// answer to keep the date help was shown.
#[derive(Clone, Default)]
pub struct Witness(Arc<OnceLock<String>>);

impl Witness {
    /// The request acts for `person`.
    pub fn saw(&self, person: &str) {
        let _ = self.0.set(person.to_string());
    }
}

/// Keeps today (the person's local date) as a date help was shown to them.
/// A failure is logged (never with any text the person wrote) and the
/// answer goes out as it is: the help itself matters more.
pub async fn keep_date(state: &AppState, person: &str) {
    match goodenough_app::crisis::shown(&state.scope(person)).await {
        Ok(_) => {}
        Err(goodenough_app::AppError::Store(e)) => {
            tracing::warn!(error = %e.for_log(), "could not keep the date help was shown");
        }
        Err(_) => tracing::warn!("could not keep the date help was shown"),
    }
}

/// The middleware.
pub async fn signpost(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let writes = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH);
    if !writes || is_skipped_path(&path) {
        let pending = req.method() == Method::GET
            && auth::cookie(req.headers(), HELP_COOKIE).is_some_and(|v| !v.is_empty());
        let secure = auth::is_secure(&state, req.headers());
        let res = next.run(req).await;
        return if pending && is_html(res.headers()) && res.status() == StatusCode::OK {
            let mut res = with_block(&state, res).await;
            res.headers_mut().append(
                header::SET_COOKIE,
                auth::set_cookie(HELP_COOKIE, "", secure, None),
            );
            res
        } else {
            res
        };
    }
    let limit = state.config.body_limit_for(&path);
    let (mut parts, body) = req.into_parts();
    let witness = Witness::default();
    parts.extensions.insert(witness.clone());
    let session_person = match parts.extensions.get::<auth::CurrentSession>() {
        Some(auth::CurrentSession(Some(user))) if !user.mfa_pending => Some(user.person.clone()),
        _ => None,
    };
    let bytes = match to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => return crate::csrf::too_large(limit, path.starts_with("/api/")),
    };
    let hit = {
        let texts = written_texts(&parts.headers, &bytes);
        state.safety.matches(texts.iter().map(String::as_str))
    };
    let secure = auth::is_secure(&state, &parts.headers);
    let res = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    // Help is shown for words of crisis, or where the answer itself says
    // so (a questionnaire's safety item answered through the API).
    if hit || res.headers().contains_key(HELP_NOW_HEADER) {
        if let Some(person) = witness.0.get().cloned().or(session_person) {
            keep_date(&state, &person).await;
        }
    }
    if !hit {
        return res;
    }
    let mut res = if is_html(res.headers()) {
        with_block(&state, res).await
    } else {
        res
    };
    add_help_headers(&mut res);
    if res.status().is_redirection() {
        res.headers_mut().append(
            header::SET_COOKIE,
            auth::set_cookie(HELP_COOKIE, "1", secure, Some(600)),
        );
    }
    res
}

/// Every text value in a form or JSON body, secrets left out.
fn written_texts(headers: &HeaderMap, body: &Bytes) -> Vec<String> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut texts = Vec::new();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        if let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body) {
            texts.extend(
                pairs
                    .into_iter()
                    .filter(|(k, _)| !is_secret_field(k))
                    .map(|(_, v)| v),
            );
        }
    } else if content_type.contains("json") || content_type.is_empty() {
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
            collect_json(&value, &mut texts);
        }
    }
    texts
}

fn collect_json(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_json(v, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if !is_secret_field(k) {
                    collect_json(v, out);
                }
            }
        }
        _ => {}
    }
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// The page with the help block at the top of its main content (once).
async fn with_block(state: &AppState, res: Response) -> Response {
    let (mut parts, body) = res.into_parts();
    let bytes = match to_bytes(body, MAX_PAGE).await {
        Ok(b) => b,
        Err(_) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The page was too large to show.",
            )
                .into_response()
        }
    };
    let Ok(page) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if page.contains(BLOCK_MARKER) {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let block = help_block(state).into_string();
    let out = match page
        .find("<main")
        .and_then(|start| page[start..].find('>').map(|end| start + end + 1))
    {
        Some(at) => format!("{}{}{}", &page[..at], block, &page[at..]),
        None => return Response::from_parts(parts, Body::from(bytes)),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(out))
}

/// The help-now signal of an answer: `X-Goodenough-Help-Now` and a `Link`
/// with `rel="help"`, both pointing at the help page.
pub fn add_help_headers(res: &mut Response) {
    let h = res.headers_mut();
    h.insert(HELP_NOW_HEADER, HeaderValue::from_static(HELP_NOW_PATH));
    h.insert(
        header::LINK,
        HeaderValue::from_static("</help-now>; rel=\"help\""),
    );
}
