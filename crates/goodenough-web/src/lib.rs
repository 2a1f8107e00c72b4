//! goodenough-web: the web app behind `goodenough serve`.
//!
//! Server-rendered HTML that works without JavaScript, plus a JSON API under
//! `/api/v1`, on the same [`Store`](goodenough_store::Store) as the CLI.
//!
//! Layout of the crate (one file per page group / API group; each has a
//! `routes()` that its `mod.rs` merges):
//! - [`state`]: [`AppState`] (store, configuration, clock, safety rules).
//! - [`auth`]: passwords (argon2id), session and API tokens (random, stored
//!   hashed), the session-loading middleware, sign-in throttling.
//! - [`csrf`]: the synchronizer-token check on every state-changing request.
//! - [`headers`]: security headers on every response.
//! - [`recovery`]: one-time recovery codes for two-step sign-in (shared by
//!   the pages and the API).
//! - [`passkeys`]: passkeys (WebAuthn, through webauthn-rs): adding one,
//!   signing in with one, and one as the second step; ceremony state in the
//!   database (shared by the pages and the API).
//! - [`requestlog`]: one log line per request (route template, status,
//!   latency, request id), never a path, query, header or body.
//! - [`practice_view`]: the practice's name and crisis resources as this
//!   server shows them (read again every few seconds).
//! - [`signpost`]: the crisis-language check of everything a person sends,
//!   and the "Help now" signposting of the answer.
//! - [`pages`]: HTML pages; [`pages::layout`] is the shared layout.
//! - [`api`]: the JSON API, its error shape and body extractor.
//!
//! Templates are [maud](https://maud.lambda.xyz): HTML written in Rust, checked
//! at compile time and escaped by default, so text a person typed can never
//! become markup, and there is no template directory to keep in sync.

// No unsafe code in the project (also the workspace lint `unsafe_code =
// "forbid"`); `.ci/run` checks every crate root says so.
#![forbid(unsafe_code)]

pub mod api;
pub mod assets;
pub mod auth;
pub mod csrf;
pub mod error;
pub mod headers;
mod journey;
pub mod layout;
pub mod pages;
pub mod passkeys;
pub mod practice_view;
mod programmes;
pub mod push;
pub mod recovery;
pub mod requestlog;
mod sealing;
pub mod signpost;
pub mod state;
#[cfg(feature = "testing")]
pub mod testing;

use std::net::SocketAddr;

use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;

pub use state::{AppState, Clock, Throttle, WebConfig};

/// The whole app: pages, API, assets and middleware.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(assets::routes())
        .merge(pages::routes())
        .merge(api::routes())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::guard,
        ))
        // Outside the CSRF check: even a form that has expired signposts help.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            signpost::signpost,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::load_session,
        ))
        // Before the session: the header shows the practice's name.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            practice_view::refresh,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::security_headers,
        ))
        // Text answers (pages, CSS, JS, JSON) go out gzip-compressed when the
        // browser accepts it: the phone pages stay within their weight budget.
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(axum::middleware::from_fn(plain_for_queries))
        // Outermost: the log line's status and latency are the answer's own.
        .layer(axum::middleware::from_fn(requestlog::log_request))
        .with_state(state)
}

/// A page that answers a query string may echo text a third party chose
/// (a search box) next to the session's CSRF token; compressed, its size
/// could leak that token byte by byte (BREACH). Such answers go out
/// uncompressed; the stylesheet, the script and query-free pages stay
/// compressed. (Cross-site forms do not carry the SameSite=Lax session.)
async fn plain_for_queries(
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if req.uri().query().is_some() && !req.uri().path().starts_with("/assets/") {
        req.headers_mut()
            .remove(axum::http::header::ACCEPT_ENCODING);
    }
    next.run(req).await
}

/// Serves the app on a bound listener until `shutdown` completes.
pub async fn serve_with_shutdown(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Serves the app on a bound listener (forever).
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    serve_with_shutdown(listener, state, std::future::pending()).await
}
