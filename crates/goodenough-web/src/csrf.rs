//! CSRF protection on every state-changing request (anything but GET, HEAD
//! and OPTIONS), in one place so no handler can forget it.
//!
//! - Signed in: the synchronizer token stored with the session must come
//!   back in the form field `csrf` or the `X-CSRF-Token` header.
//! - Not signed in (sign-in and setup forms): double submit, the `ge_pre`
//!   cookie's value must come back in the `csrf` field.
//! - `/api/` requests with `Authorization: Bearer`: a browser cannot send
//!   that header cross-site, so no token is needed.
//! - `/api/` requests with no signed-in session: nothing a cross-site form
//!   could borrow, so they go on to the handler, whose [`crate::api::ApiUser`]
//!   answers 401 with the JSON error (no credentials is "sign in", not a
//!   CSRF problem).
//!
//! The body is read here once (up to the body limit, else 413) and handed on.
//! The limit is `body_limit`, except on the import form, which takes
//! `import_limit` ([`crate::WebConfig::body_limit_for`]).

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{cookie, same_secret, CurrentSession, PRE_COOKIE};
use crate::error::ApiError;
use crate::error::PageError;
use crate::AppState;

/// The form field that carries the token.
pub const FIELD: &str = "csrf";
/// The header that carries the token (JSON requests).
pub const HEADER: &str = "x-csrf-token";

/// The middleware.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let is_api = req.uri().path().starts_with("/api/");
    let limit = state.config.body_limit_for(req.uri().path());
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "));
    let signed_in = matches!(
        req.extensions().get::<CurrentSession>(),
        Some(CurrentSession(Some(user))) if !user.mfa_pending
    );
    if is_api && (bearer || !signed_in) {
        return limited(req, next, is_api, limit).await;
    }
    let expected = match req.extensions().get::<CurrentSession>() {
        Some(CurrentSession(Some(user))) => Some(user.csrf.clone()),
        _ => cookie(req.headers(), PRE_COOKIE),
    };
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => return too_large(limit, is_api),
    };
    let mut provided = parts
        .headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if provided.is_none() && is_form {
        provided = form_field(&bytes, FIELD);
    }
    let ok = match (expected, provided) {
        (Some(e), Some(p)) => same_secret(&e, &p),
        _ => false,
    };
    if !ok {
        let msg = "This form has expired or did not come from goodenough. Please reload the page and try again.";
        return if is_api {
            ApiError::new(
                StatusCode::FORBIDDEN,
                "A signed-in browser request needs the X-CSRF-Token header (or use a Bearer token).",
            )
            .into_response()
        } else {
            PageError::new(StatusCode::FORBIDDEN, msg).into_response()
        };
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The first value of the form field `name` in an urlencoded body. Only
/// that pair is decoded: the import form's body may be 32 MiB, and decoding
/// every field here would hold a second copy of it while the import runs.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    body.split(|b| *b == b'&')
        .filter(|pair| {
            pair.strip_prefix(name.as_bytes())
                .is_some_and(|rest| rest.first() == Some(&b'='))
        })
        .find_map(|pair| {
            serde_urlencoded::from_bytes::<Vec<(String, String)>>(pair)
                .ok()
                .and_then(|pairs| pairs.into_iter().next())
                .map(|(_, v)| v)
        })
}

async fn limited(req: Request, next: Next, is_api: bool, limit: usize) -> Response {
    let (parts, body) = req.into_parts();
    match to_bytes(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => too_large(limit, is_api),
    }
}

/// The 413 answer for a body over `limit` bytes (a page or the API's JSON).
pub fn too_large(limit: usize, is_api: bool) -> Response {
    let msg = format!(
        "The request is larger than {} KiB; please send less at once.",
        limit / 1024
    );
    if is_api {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, msg).into_response()
    } else {
        PageError::new(StatusCode::PAYLOAD_TOO_LARGE, msg).into_response()
    }
}

#[cfg(test)]
mod form_field_tests {
    use super::form_field;

    #[test]
    fn finds_the_token_wherever_it_is_and_decodes_only_its_value() {
        assert_eq!(
            form_field(b"csrf=a%2Bb&export=%7B%22x%22%3A1%7D", "csrf").as_deref(),
            Some("a+b")
        );
        assert_eq!(
            form_field(b"export=x&passphrase=&csrf=tok", "csrf").as_deref(),
            Some("tok")
        );
        assert_eq!(form_field(b"csrfx=1&xcsrf=2", "csrf"), None);
        assert_eq!(form_field(b"export=only", "csrf"), None);
        assert_eq!(form_field(b"csrf=", "csrf").as_deref(), Some(""));
    }
}
