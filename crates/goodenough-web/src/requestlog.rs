//! One log line per HTTP request, for an operator: the method, the route
//! *template* (`/api/v1/checkins/{id}`, as axum matched it), the status, the
//! latency in milliseconds and a request id. The id is made here for every
//! request and sent back in the `X-Request-Id` header, so a person who reports
//! a problem can quote it and the operator finds the one line (and any error
//! logged while the request ran, inside the `request` span that carries it).
//!
//! What this module must never log: the raw path (ids, a reset or calendar
//! token in a path), the query string (search words), a header (cookies, the
//! bearer token), a body, or anything a person wrote. It reads only the
//! method, the matched template and the status; a request that matched no
//! route is logged as [`UNMATCHED`], not by its path. An id that arrives in the
//! request's own `X-Request-Id` is ignored: it is text from outside.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument as _;

/// The response header that carries the request id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The route logged for a request that matched no route (a 404 page, an
/// asset that does not exist): the path itself could hold anything.
pub const UNMATCHED: &str = "(no route)";

/// A fresh request id: 128 random bits as 32 lowercase hex digits.
pub fn new_request_id() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// Middleware: times the request, logs its line and adds `X-Request-Id`.
/// Added with `Router::layer`, so axum has already matched the route and the
/// template is in the request's extensions.
pub async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let request_id = new_request_id();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| UNMATCHED.to_string(), |m| m.as_str().to_string());
    let span = tracing::info_span!("request", request_id = %request_id);
    let mut res = next.run(req).instrument(span).await;
    let latency_ms = (started.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    let status = res.status().as_u16();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        res.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    tracing::info!(
        target: "goodenough::request",
        method = %method,
        route = %route,
        status,
        latency_ms,
        request_id = %request_id,
        "request"
    );
    res
}
