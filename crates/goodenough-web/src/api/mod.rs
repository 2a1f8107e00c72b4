//! The JSON API under `/api/v1`.
//!
//! - Authentication: `Authorization: Bearer <personal access token>`, or the
//!   session cookie (then unsafe methods need `X-CSRF-Token`, checked by
//!   [`crate::csrf`]). Otherwise 401.
//! - Bodies have the CLI's `--json` shapes; lists are arrays, oldest first,
//!   one page at a time ([`paging`]: `?limit=` and `?before=`, the next
//!   page in a `Link: <…>; rel="next"` header).
//! - Errors are `{"error": "one sentence"}` with a 4xx status; another
//!   person's record is a 404, never a 403.
//! - Crisis language: a POST whose text matches the crisis rules is still
//!   saved (201, same body) and answered with [`Created`], which adds the
//!   `X-Goodenough-Help-Now: /help-now` and `Link: </help-now>; rel="help"`
//!   headers, so a client can show where help is.
//!
//! To add a group: a file here with `pub fn routes() -> Router<AppState>`,
//! merged in [`routes`] below; handlers take [`ApiUser`] and [`ApiJson`].
//! Document every handler with `#[utoipa::path]` and list it in
//! [`openapi::ApiDoc`] (served at `/api/v1/openapi.json`).

pub mod account;
pub mod admin;
pub mod assessments;
pub mod assignments;
pub mod awareness;
pub mod boundaries;
pub mod checkins;
pub mod content;
pub mod data;
pub mod evidence;
pub mod experiments;
pub mod help;
pub mod journal;
pub mod joy;
pub mod offers;
pub mod openapi;
pub mod outcomes;
pub mod paging;
pub mod passkeys;
pub mod practice;
pub mod programmes;
pub mod progress;
pub mod push;
pub mod rejection;
pub mod report;
pub mod reviews;
pub mod thoughts;
pub mod timeboxes;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::de::DeserializeOwned;

use crate::auth::{hash_token, CurrentSession};
use crate::AppState;

/// Every API route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1", get(index))
        .merge(checkins::routes())
        .merge(awareness::routes())
        .merge(evidence::routes())
        .merge(report::routes())
        .merge(assessments::routes())
        .merge(progress::routes())
        .merge(reviews::routes())
        .merge(data::routes())
        .merge(thoughts::routes())
        .merge(journal::routes())
        .merge(boundaries::routes())
        .merge(experiments::routes())
        .merge(outcomes::routes())
        .merge(timeboxes::routes())
        .merge(joy::routes())
        .merge(programmes::routes())
        .merge(practice::routes())
        .merge(assignments::routes())
        .merge(offers::routes())
        .merge(content::routes())
        .merge(admin::routes())
        .merge(help::routes())
        .merge(account::routes())
        .merge(passkeys::routes())
        .merge(push::routes())
        .merge(openapi::routes())
}

/// The endpoints, read from the OpenAPI document so the list never drifts.
async fn index() -> Json<serde_json::Value> {
    use utoipa::OpenApi;
    let doc = openapi::ApiDoc::openapi();
    let mut endpoints = Vec::new();
    for (path, item) in &doc.paths.paths {
        for (method, op) in [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ] {
            if op.is_some() {
                endpoints.push(format!("{method} {path}"));
            }
        }
    }
    Json(serde_json::json!({
        "endpoints": endpoints,
        "openapi": "/api/v1/openapi.json",
    }))
}

pub use crate::error::ApiError;
pub use crate::signpost::{HELP_NOW_HEADER, HELP_NOW_PATH};

/// A 201 answer with the saved record. When any text of the request matched
/// the crisis-language rules, the signpost middleware (`crate::signpost`),
/// which sees every request body, adds the help-now headers: one place for
/// every POST, PUT and PATCH, so the signal is the same everywhere.
pub struct Created<T> {
    body: T,
    help_now: bool,
}

impl<T> Created<T> {
    /// The saved record.
    pub fn new(body: T) -> Created<T> {
        Created {
            body,
            help_now: false,
        }
    }

    /// Adds the help-now headers for a signal that is not in the request's
    /// text (a questionnaire's safety item answered).
    pub fn with_help_now(mut self) -> Created<T> {
        self.help_now = true;
        self
    }
}

impl<T: serde::Serialize> IntoResponse for Created<T> {
    fn into_response(self) -> Response {
        let mut res = (StatusCode::CREATED, Json(self.body)).into_response();
        if self.help_now {
            crate::signpost::add_help_headers(&mut res);
        }
        res
    }
}

/// The person an API request acts for.
#[derive(Debug, Clone)]
pub struct ApiUser {
    pub person: String,
    /// The person's settings and data version, read with the token or the
    /// session (see [`ApiUser::reading`]).
    pub known: goodenough_app::Known,
}

impl ApiUser {
    /// The person's scope for an API request that only reads (a `GET`):
    /// their settings and data version as the token's or the session's
    /// query read them (see [`goodenough_app::Scope::knowing`]).
    pub fn reading(&self, state: &AppState) -> goodenough_app::Scope {
        state.scope(&self.person).knowing(self.known.clone())
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let auth = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        if let Some(value) = auth {
            let Some(token) = value.strip_prefix("Bearer ") else {
                return Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "Use \"Authorization: Bearer TOKEN\" with a personal access token.",
                ));
            };
            return match state
                .store
                .use_api_token_known(&hash_token(token.trim()), state.clock.now())
                .await?
            {
                Some(used) => {
                    if let Some(witness) = parts.extensions.get::<crate::signpost::Witness>() {
                        witness.saw(&used.person);
                    }
                    Ok(ApiUser {
                    person: used.person.clone(),
                    known: goodenough_app::Known {
                        person: used.person,
                        settings: used.settings,
                        data_version: used.data_version,
                        coach_links_version: None,
                    },
                })
                }
                None => Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "That access token is not valid (it may have been revoked); create a new one in Settings.",
                )),
            };
        }
        match parts.extensions.get::<CurrentSession>() {
            Some(CurrentSession(Some(user))) if !user.mfa_pending => Ok(ApiUser {
                person: user.person.clone(),
                known: user.known.clone(),
            }),
            _ => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "Sign in first, or send \"Authorization: Bearer TOKEN\" with a personal access token.",
            )),
        }
    }
}

/// A JSON body with errors as [`ApiError`]: 400 for malformed JSON (with
/// the reason), 415 for another content type. The size limit is enforced
/// before (413).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send the body as JSON with \"Content-Type: application/json\".",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "The request is larger than {} KiB; please send less at once.",
                    state.config.body_limit / 1024
                ),
            )
        })?;
        decode_body(&bytes)
            .map(ApiJson)
            .map_err(|sentence| ApiError::new(StatusCode::BAD_REQUEST, sentence))
    }
}

/// Reads a JSON body into a body type, or the sentence of a 400: the one
/// path every API body takes (`ApiJson`), public so the parser property
/// tests drive exactly it.
pub fn decode_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut value: serde_json::Value =
        serde_path_to_error::deserialize(&mut de).map_err(|e| rejection::body_sentence(&e))?;
    // Nothing but white space may follow the value.
    de.end().map_err(|e| {
        format!(
            "The body has more after the JSON value (line {}, column {}); send one JSON value.",
            e.line(),
            e.column()
        )
    })?;
    // Every body is an object (serde would also read a struct from a
    // list of its fields in order, which the document does not offer).
    if !value.is_object() {
        return Err(
            "The body should be a JSON object in curly braces, with the fields named (see /api/v1/openapi.json)."
                .into(),
        );
    }
    // JSON Schema counts 3.0 as an integer, so a client may send it so.
    whole_numbers(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| rejection::body_sentence(&e))
}

/// Turns every number with a zero fraction (`3.0`) into the integer it is,
/// so integer fields take it; fractional numbers are left for serde to
/// refuse with its sentence.
fn whole_numbers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64() {
                // Exactly representable whole numbers only (|f| < 2^53).
                if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
                    *value = serde_json::Value::from(f as i64);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// Path parameters with errors as [`ApiError`]: a segment that cannot be
/// read (for example percent-encoded bytes that are not UTF-8) is a JSON
/// 400, never axum's plain-text answer.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| ApiPath(v))
            .map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "The path cannot be read (an id must be text in UTF-8); check the link you followed.",
                )
            })
    }
}

/// Query parameters with errors as [`ApiError`]: 400 with a sentence that
/// names the parameter and what it takes (never serde's type names).
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        // `?on=` is neither a date nor "leave it out": say so.
        if let Some((k, _)) = form_urlencoded::parse(query.as_bytes()).find(|(_, v)| v.is_empty()) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!(
                    "The query parameter \"{}\" is empty; give it a value or leave it out.",
                    k.chars().take(80).collect::<String>()
                ),
            ));
        }
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    rejection::sentence(
                        rejection::Place::Query,
                        &e.path().to_string(),
                        &e.inner().to_string(),
                    ),
                )
            })
    }
}
