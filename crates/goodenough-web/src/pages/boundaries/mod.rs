//! The Boundaries area: `/noes` (saying no, completed later with the guilt
//! afterwards), `/delegations`, `/scripts` (communication scripts with a
//! fill form and a copy button) and `/mistakes` (blameless reviews), one
//! file each; this file holds the routes and what they share.
//!
//! Every form posts and redirects back with `?saved=ID`, which shows the
//! kind sentence and, when the text matched the crisis-language rules, the
//! help message (the record is saved either way). Invalid input comes back
//! with 422, the sentence and the typed values.

mod delegations;
mod mistakes;
mod noes;
mod scripts;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use goodenough_app::{day, Category, Scope};
use goodenough_core::ValidationError;
use maud::{html, Markup};
use serde::Deserialize;

use super::help::help_block;
use super::layout::notice;
use crate::error::PageError;
use crate::AppState;

/// The menu path every page of this area marks as current.
pub const MENU_PATH: &str = "/noes";

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .merge(noes::routes())
        .merge(delegations::routes())
        .merge(scripts::routes())
        .merge(mistakes::routes())
}

pub(crate) fn subnav(current: &str) -> Markup {
    let links = [
        ("/noes", "Saying no"),
        ("/delegations", "Delegations"),
        ("/scripts", "Scripts"),
        ("/mistakes", "Mistake reviews"),
        ("/timeboxes", "Timeboxes"),
        ("/boundaries/summary", "Summary"),
        ("/git", "Git"),
    ];
    html! {
        nav.subnav aria-label="Boundaries" {
            ul {
                @for (path, label) in links {
                    li {
                        @if path == current {
                            a href=(path) aria-current="page" { (label) }
                        } @else {
                            a href=(path) { (label) }
                        }
                    }
                }
            }
        }
    }
}

/// The person's today, the date field's default.
pub(super) async fn today(scope: &Scope) -> Result<NaiveDate, PageError> {
    Ok(day::today(scope, Category::Boundaries).await?)
}

/// A date typed in a form; blank is none (the use case takes today).
pub(super) fn typed_date(raw: &str) -> Result<Option<NaiveDate>, ValidationError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        goodenough_core::text::parse_date(raw).map(Some)
    }
}

/// An optional whole number typed in a form ("" is none).
pub(super) fn optional_number(field: &str, raw: &str) -> Result<Option<i64>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse().map(Some).map_err(|_| {
        ValidationError::Other(format!(
            "{field} must be a whole number from 0 to 10; you gave \"{raw}\"."
        ))
    })
}

pub(super) fn required_number(field: &str, raw: &str) -> Result<i64, ValidationError> {
    optional_number(field, raw)?.ok_or_else(|| {
        ValidationError::Other(format!("{field} is missing; give a number from 0 to 10."))
    })
}

pub(super) fn optional_text(raw: &str) -> Option<&str> {
    Some(raw).filter(|s| !s.trim().is_empty())
}

#[derive(Deserialize, Default)]
pub(super) struct SavedQuery {
    pub(super) saved: Option<String>,
}

/// What the page shows above its lists.
#[derive(Default)]
pub(super) struct Flash {
    pub(super) error: Option<String>,
    pub(super) saved: Option<&'static str>,
    pub(super) crisis: bool,
}

pub(super) fn flash_block(state: &AppState, flash: &Flash) -> Markup {
    html! {
        @if flash.crisis { (help_block(state)) }
        @if let Some(s) = flash.saved { (notice("ok", s)) }
        @if let Some(e) = &flash.error { (notice("error", e)) }
    }
}

pub(super) fn with_status(status: StatusCode, body: Markup) -> Response {
    (status, body).into_response()
}

/// A 422 page: the form again with the sentence.
pub(super) fn invalid_flash(e: impl ToString) -> Flash {
    Flash {
        error: Some(e.to_string()),
        ..Flash::default()
    }
}
