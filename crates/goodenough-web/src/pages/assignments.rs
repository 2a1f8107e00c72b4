//! `/assignments`: the steps a person's coaches gave them, with a way to
//! mark each done, "not for me" (with an optional reason) or back to do.
//! Today shows the open ones too ([`today_section`]).

use axum::extract::{Path, Query, State};
use axum::response::Redirect;
use axum::routing::{get, post};
use axum::Form;
use goodenough_app::assignments::{self, AssignmentView};
use goodenough_core::assignment::AssignmentStatus;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{csrf_field, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/assignments", get(list))
        .route("/assignments/{id}", post(mark))
}

/// "Tue 8 Dec".
fn day(d: chrono::NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

fn state_words(a: &AssignmentView) -> String {
    match a.assignment.status {
        AssignmentStatus::Open => match a.progress {
            Some(p) => format!(
                "by {}; {} of {} so far",
                day(a.assignment.due),
                p.done,
                p.needed
            ),
            None => format!("by {}", day(a.assignment.due)),
        },
        AssignmentStatus::Done if a.assignment.closed_by.as_deref() == Some("product") => {
            "done (you did the matching thing)".to_string()
        }
        s => s.label().to_string(),
    }
}

/// The buttons that change one step, returning to `back`.
fn mark_forms(viewer: &Viewer, a: &AssignmentView, back: &str) -> Markup {
    let action = format!("/assignments/{}", a.assignment.id);
    html! {
        @if a.open() {
            div.actions {
                form.inline method="post" action=(action) {
                    (csrf_field(&viewer.csrf))
                    input type="hidden" name="back" value=(back);
                    input type="hidden" name="status" value="done";
                    button type="submit" aria-label={"Mark done: " (a.title)} { "Done" }
                }
                details.not-for-me {
                    summary { "Not for me" }
                    form.stack method="post" action=(action) {
                        (csrf_field(&viewer.csrf))
                        input type="hidden" name="back" value=(back);
                        input type="hidden" name="status" value="not_for_me";
                        label for={"reason-" (a.assignment.id)} { "Why, if you like (your coach sees this)" }
                        input id={"reason-" (a.assignment.id)} type="text" name="reason";
                        button.secondary type="submit" { "Not for me" }
                    }
                }
            }
        } @else {
            form.inline method="post" action=(action) {
                (csrf_field(&viewer.csrf))
                input type="hidden" name="back" value=(back);
                input type="hidden" name="status" value="open";
                button.secondary type="submit" aria-label={"Put back on my list: " (a.title)} { "Put back on my list" }
            }
        }
    }
}

fn card(viewer: &Viewer, a: &AssignmentView, back: &str) -> Markup {
    html! {
        article.card.assignment {
            h3 { (a.title) }
            p.muted { "From " (a.assignment.coach_name) " · " (state_words(a)) }
            @if !a.assignment.note.is_empty() { p { (a.assignment.note) } }
            @if let Some(r) = &a.assignment.reason { p.muted { "Your reason: " (r) } }
            (mark_forms(viewer, a, back))
        }
    }
}

/// The open steps for Today, or nothing when there are none.
pub fn today_section(viewer: &Viewer, list: &[AssignmentView]) -> Markup {
    let open: Vec<&AssignmentView> = list.iter().filter(|a| a.open()).collect();
    html! {
        @if !open.is_empty() {
            section aria-labelledby="from-coach" {
                h2 #from-coach { "From your coach" }
                @for a in open { (card(viewer, a, "/today")) }
                p { a href="/assignments" { "All your assignments" } }
            }
        }
    }
}

#[derive(Deserialize, Default)]
struct Saved {
    saved: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<Saved>,
) -> Result<Markup, PageError> {
    let list = assignments::mine(&state.scope_of_viewer(&viewer)).await?;
    let (open, closed): (Vec<&AssignmentView>, Vec<&AssignmentView>) =
        list.iter().partition(|a| a.open());
    Ok(page(
        &viewer,
        "Assignments",
        "/assignments",
        html! {
            h1 { "Assignments" }
            p.muted { "Small steps your coach suggested. Most tick themselves off when you do the matching thing; you can also mark one done, or say it is not for you. A date that passes is just a date." }
            @if q.saved.is_some() { (notice("success", "Saved.")) }
            @if list.is_empty() {
                p { "No coach has given you a step yet. When one does, it shows here and on Today." }
            }
            @if !open.is_empty() {
                h2 { "To do" }
                @for a in &open { (card(&viewer, a, "/assignments")) }
            }
            @if !closed.is_empty() {
                h2 { "Done or set aside" }
                @for a in closed.iter().rev() { (card(&viewer, a, "/assignments")) }
            }
        },
    ))
}

#[derive(Deserialize)]
struct MarkForm {
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}

async fn mark(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<MarkForm>,
) -> Result<Redirect, PageError> {
    let reason = Some(form.reason.as_str()).filter(|r| !r.trim().is_empty());
    assignments::mark(&state.scope(&viewer.person), &id, &form.status, reason).await?;
    // Only the two pages that show these forms; anything else goes home.
    let back = if form.back == "/today" {
        "/today"
    } else {
        "/assignments?saved=1"
    };
    Ok(Redirect::to(back))
}
