//! Errors of HTML pages: a kind page with one sentence and a status code.
//! Store failures are logged (never with entry text) and shown as a
//! generic sentence.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use goodenough_core::ValidationError;
use goodenough_store::StoreError;
use maud::html;

/// An error page.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub message: String,
}

impl PageError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> PageError {
        PageError {
            status,
            message: message.into(),
        }
    }

    pub fn not_found() -> PageError {
        PageError::new(
            StatusCode::NOT_FOUND,
            "There is no page here. Today is one link away.",
        )
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => PageError::new(StatusCode::NOT_FOUND, m),
            StoreError::Conflict(m) => PageError::new(StatusCode::CONFLICT, m),
            other => {
                tracing::error!(error = %other.for_log(), "store error");
                PageError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong on the server; nothing you did caused it. Please try again in a moment.",
                )
            }
        }
    }
}

impl From<goodenough_app::AppError> for PageError {
    fn from(e: goodenough_app::AppError) -> Self {
        use goodenough_app::AppError;
        match e {
            AppError::Denied(d) if d.reason == goodenough_app::Reason::NotShared => {
                PageError::new(StatusCode::NOT_FOUND, sentence(&d.to_string()))
            }
            AppError::Denied(d) => PageError::new(StatusCode::FORBIDDEN, sentence(&d.to_string())),
            AppError::Refused(m) => PageError::new(StatusCode::FORBIDDEN, sentence(&m)),
            AppError::NotFound { what } => PageError::new(
                StatusCode::NOT_FOUND,
                format!("There is no {what} with that id. The list of them is one click away in the menu."),
            ),
            AppError::Invalid(v) => v.into(),
            AppError::Import(i) => PageError::new(StatusCode::UNPROCESSABLE_ENTITY, i.to_string()),
            AppError::Store(s) => s.into(),
        }
    }
}

/// A use case's message as a sentence on its own: a capital first letter.
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl From<ValidationError> for PageError {
    fn from(e: ValidationError) -> Self {
        PageError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
    }
}

impl From<anyhow::Error> for PageError {
    fn from(e: anyhow::Error) -> Self {
        tracing::error!(error = %e, "server error");
        PageError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on the server; nothing you did caused it. Please try again in a moment.",
        )
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = crate::layout::bare(
            "Something needs attention",
            html! {
                h1 { "Something needs attention" }
                p role="alert" { (self.message) }
                p { a href="/today" { "Back to Today" } }
            },
        );
        (self.status, body).into_response()
    }
}

/// The fallback for unknown paths: JSON under /api, a page elsewhere (with
/// the menu for someone signed in, so the way on is one tap away).
pub async fn not_found(
    uri: axum::http::Uri,
    session: Option<axum::Extension<crate::auth::CurrentSession>>,
) -> Response {
    if uri.path().starts_with("/api/") {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "There is no such API endpoint; see /api/v1 for the list.",
        )
        .into_response();
    }
    let user = session
        .and_then(|axum::Extension(s)| s.0)
        .filter(|u| !u.mfa_pending);
    match user {
        Some(user) => {
            let body = crate::layout::page(
                &user,
                "Not found",
                "",
                html! {
                    h1 { "Not found" }
                    p role="alert" { "There is no page here. The menu leads to every part of goodenough." }
                    p { a href="/today" { "Back to Today" } }
                },
            );
            (StatusCode::NOT_FOUND, body).into_response()
        }
        None => PageError::not_found().into_response(),
    }
}

/// An API error: a status and one sentence.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("There is no {what} with that id."),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => ApiError::new(StatusCode::NOT_FOUND, m),
            StoreError::Conflict(m) => ApiError::new(StatusCode::CONFLICT, m),
            other => {
                tracing::error!(error = %other.for_log(), "store error");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong on the server; please try again in a moment.",
                )
            }
        }
    }
}

impl From<goodenough_app::AppError> for ApiError {
    fn from(e: goodenough_app::AppError) -> Self {
        use goodenough_app::AppError;
        match e {
            // A category a client does not share answers as if there were
            // nothing there.
            AppError::Denied(d) if d.reason == goodenough_app::Reason::NotShared => ApiError::new(
                StatusCode::NOT_FOUND,
                crate::error::sentence(&d.to_string()),
            ),
            AppError::Denied(d) => ApiError::new(
                StatusCode::FORBIDDEN,
                crate::error::sentence(&d.to_string()),
            ),
            AppError::Refused(m) => {
                ApiError::new(StatusCode::FORBIDDEN, crate::error::sentence(&m))
            }
            AppError::NotFound { what } => ApiError::not_found(what),
            AppError::Invalid(v) => v.into(),
            AppError::Import(i) => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, i.to_string()),
            AppError::Store(s) => s.into(),
        }
    }
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
    }
}
