//! Security headers on every response. The content security policy allows
//! no inline script or style, so all JavaScript lives in /assets/*.js.
//!
//! `Strict-Transport-Security` is sent only on a request that came over
//! HTTPS ([`crate::auth::is_secure`]: the server's own TLS, or a trusted
//! proxy's `X-Forwarded-Proto: https` with `--behind-proxy`). Over plain
//! HTTP it would mean nothing to a browser, and a header a client can set
//! must not make a server that is not behind a TLS proxy promise HTTPS.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The content security policy of every page. `manifest-src` and
/// `worker-src` name what `default-src 'self'` already allows (the web app
/// manifest and the service worker `/sw.js`), so the policy says it plainly.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/// What browsers are told to remember: HTTPS only, for a year.
pub const HSTS: &str = "max-age=31536000";

/// Adds the security headers; private pages are never cached.
pub async fn security_headers(
    State(state): State<crate::AppState>,
    req: Request,
    next: Next,
) -> Response {
    let is_asset = req.uri().path().starts_with("/assets/");
    let secure = crate::auth::is_secure(&state, req.headers());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if is_asset {
                "public, max-age=3600"
            } else {
                "no-store"
            }),
        );
    }
    res
}
