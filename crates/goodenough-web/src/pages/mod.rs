//! Server-rendered HTML pages.
//!
//! To add a page group: a file here with `pub fn routes() -> Pages`, merged
//! in [`groups`] (a [`Pages`] keeps the paths it serves, so the tests can walk
//! every page the router has: [`paths`]); handlers take [`Viewer`] (signed in, else a redirect
//! to the sign-in page), render with [`layout::page`], and put
//! [`layout::csrf_field`] in every POST form (the check itself is global, in
//! [`crate::csrf`]). After a successful POST, redirect (303) to a GET page.
//! Remove the route from [`placeholders`] when a real page takes it over.

pub mod admin;
pub mod answer;
pub mod assessments;
pub mod assignments;
pub mod auth;
pub mod awareness;
pub mod boundaries;
pub mod calendar;
pub mod checkin;
pub mod coaching;
pub mod content;
pub mod data;
pub mod evidence;
pub mod experiments;
pub mod help;
pub mod journal;
pub mod joy;
pub mod listing;
pub use crate::layout;
pub mod more;
pub mod offers;
pub mod outcomes;
pub mod placeholders;
pub mod programme;
pub mod progress;
pub mod report;
pub mod reviews;
pub mod security;
pub mod settings;
pub mod thoughts;
pub mod timeboxes;
pub mod today;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Router;

use crate::auth::{CurrentSession, SessionUser};
use crate::AppState;

/// A page group's routes and the paths they serve. Built like an axum
/// [`Router`] (`Pages::new().route(path, handler)…`); every path is kept so
/// that [`paths`] lists what the router serves, from the router's own
/// construction rather than a list kept by hand.
#[derive(Default)]
pub struct Pages {
    router: Router<AppState>,
    paths: Vec<&'static str>,
}

impl Pages {
    pub fn new() -> Pages {
        Pages::default()
    }

    /// Serves `path` with `handler`, as [`Router::route`] does.
    pub fn route(
        mut self,
        path: &'static str,
        handler: axum::routing::MethodRouter<AppState>,
    ) -> Pages {
        self.router = self.router.route(path, handler);
        self.paths.push(path);
        self
    }

    /// Adds another group's routes.
    pub fn merge(mut self, other: Pages) -> Pages {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }
}

/// Every page group.
fn groups() -> Pages {
    Pages::new()
        .merge(auth::routes())
        .merge(assessments::routes())
        .merge(today::routes())
        .merge(checkin::routes())
        .merge(settings::routes())
        .merge(security::routes())
        .merge(help::routes())
        .merge(more::routes())
        .merge(thoughts::routes())
        .merge(journal::routes())
        .merge(boundaries::routes())
        .merge(timeboxes::routes())
        .merge(experiments::routes())
        .merge(outcomes::routes())
        .merge(progress::routes())
        .merge(reviews::routes())
        .merge(data::routes())
        .merge(calendar::routes())
        .merge(awareness::routes())
        .merge(joy::routes())
        .merge(programme::routes())
        .merge(evidence::routes())
        .merge(report::routes())
        .merge(coaching::routes())
        .merge(offers::routes())
        .merge(assignments::routes())
        .merge(content::routes())
        .merge(admin::routes())
        .merge(placeholders::routes())
}

/// Every page route.
pub fn routes() -> Router<AppState> {
    groups().router
}

/// Every path a page route serves (templates such as `/thoughts/{id}`
/// included, every method), in the order the groups add them: what the
/// browser tests walk.
pub fn paths() -> Vec<&'static str> {
    groups().paths
}

/// The signed-in person viewing a page.
#[derive(Debug, Clone)]
pub struct Viewer(pub SessionUser);

impl std::ops::Deref for Viewer {
    type Target = SessionUser;

    fn deref(&self) -> &SessionUser {
        &self.0
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Response> {
        match parts.extensions.get::<CurrentSession>() {
            Some(CurrentSession(Some(user))) if !user.mfa_pending => Ok(Viewer(user.clone())),
            _ => {
                let next = parts.uri.path();
                let target = if next == "/" || next.starts_with("/login") {
                    "/login".to_string()
                } else {
                    format!("/login?next={next}")
                };
                Err(Redirect::to(&target).into_response())
            }
        }
    }
}

/// Whether the request has a session of any kind (for sign-in pages).
pub fn current(parts_ext: &axum::http::Extensions) -> Option<SessionUser> {
    parts_ext.get::<CurrentSession>().and_then(|c| c.0.clone())
}

/// A 303 redirect that also sets a cookie.
pub fn redirect_with_cookie(to: &str, cookie: HeaderValue) -> Response {
    let mut res = Redirect::to(to).into_response();
    res.headers_mut()
        .append(axum::http::header::SET_COOKIE, cookie);
    res
}
