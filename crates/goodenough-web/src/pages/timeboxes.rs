//! `/timeboxes`: start a box, see the running one (remaining time as text
//! and a `<progress>` bar, so it works without JavaScript; `assets/app.js`
//! may tick it down), revise, re-check, extend or stop it, and the list of
//! past boxes with their overrun and revisions.
//!
//! Every change is a POST that redirects back with `?done=…`; a bad input
//! re-renders the page with the sentence and a 422.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use chrono::{DateTime, Utc};
use goodenough_app::timeboxes::{self, When};
use goodenough_app::AppError;
use goodenough_core::duration::format_minutes;
use goodenough_core::timebox::{Outcome, Timebox};
use maud::{html, Markup};
use serde::Deserialize;

use super::help::help_block;
use super::layout::{csrf_field, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/timeboxes", get(show).post(start))
        .route("/timeboxes/stop", post(stop))
        .route("/timeboxes/revise", post(revise))
        .route("/timeboxes/recheck", post(recheck))
        .route("/timeboxes/extend", post(extend))
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    done: Option<String>,
}

#[derive(Deserialize, Default)]
struct StartForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    limit: String,
    #[serde(default)]
    at: String,
}

#[derive(Deserialize, Default)]
struct StopForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    at: String,
}

#[derive(Deserialize, Default)]
struct ReviseForm {
    #[serde(default)]
    note: String,
}

#[derive(Deserialize, Default)]
struct ExtendForm {
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    reason: String,
}

fn flash_text(done: &str) -> Option<&'static str> {
    Some(match done {
        "started" => "Started. When the box ends, ask: is this good enough to ship?",
        "stopped" => "Stopped. However it went, the figures are information for next time.",
        "revised" => "Revision counted. Does this pass change what the reader gets?",
        "rechecked" => "Re-check counted. Noticing the urge is the first step.",
        "extended" => {
            "Extended. The original limit stays the yardstick, so you can see how work grows."
        }
        _ => return None,
    })
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    flash: Option<&str>,
    error: Option<&str>,
    form: &StartForm,
) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let now = scope.now();
    let timeboxes::Listing {
        boxes,
        weeks,
        settings,
    } = timeboxes::listing(&scope).await?;
    let tz = settings.tz();
    let running = boxes.iter().find(|b| b.is_running());
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let crisis = flash.is_some()
        && state.safety.matches(
            boxes
                .iter()
                .rev()
                .take(1)
                .flat_map(|b| {
                    std::iter::once(b.title.as_str())
                        .chain(b.extensions.iter().map(|e| e.reason.as_str()))
                        .chain(b.revisions.iter().filter_map(|r| r.note.as_deref()))
                })
                .collect::<Vec<_>>(),
        );
    Ok(page(
        viewer,
        "Timeboxes",
        "/noes",
        html! {
            (super::boundaries::subnav("/timeboxes"))
            h1 { "Timeboxes" }
            p.hint { "Give a piece of work a limit up front. When the box ends, the question is whether it is good enough to ship, not whether it is perfect. Running over is information about how work grows, never a failure." }
            @if crisis { (help_block(state)) }
            @if let Some(f) = flash { (notice("ok", f)) }
            @if let Some(e) = error { (notice("error", e)) }
            @if let Some(b) = running {
                (running_box(viewer, b, now, &local))
            } @else {
                section aria-labelledby="start-h" {
                    h2 #start-h { "Start a box" }
                    form.stack method="post" action="/timeboxes" {
                        (csrf_field(&viewer.csrf))
                        label for="tb-title" { "What are you working on?" }
                        input type="text" #tb-title name="title" required value=(form.title);
                        label for="tb-limit" { "Limit (for example 45m, 90m or 1h30m)" }
                        input type="text" #tb-limit name="limit" required value=(form.limit) placeholder="90m";
                        label for="tb-at" { "Started at (optional, to catch up: YYYY-MM-DD HH:MM)" }
                        input type="text" #tb-at name="at" value=(form.at);
                        button type="submit" { "Start" }
                    }
                    @if boxes.last().is_some() {
                        p.hint { "Went back to finished work? Count it on the last box:" }
                        form.inline method="post" action="/timeboxes/revise" {
                            (csrf_field(&viewer.csrf))
                            input type="text" name="note" aria-label="What changed (optional)" placeholder="what changed (optional)";
                            button type="submit" { "Count a revision" }
                        }
                        form.inline method="post" action="/timeboxes/recheck" {
                            (csrf_field(&viewer.csrf))
                            button type="submit" { "Count a re-check" }
                        }
                    }
                }
            }
            section aria-labelledby="past-h" {
                h2 #past-h { "Past boxes" }
                @let past: Vec<&Timebox> = boxes.iter().filter(|b| !b.is_running()).collect();
                @if past.is_empty() {
                    p { "No finished boxes yet." }
                } @else {
                    p.muted { "Newest first. Overrun is measured against the original limit." }
                    div.table-scroll tabindex="0" {
                        table.timeboxes {
                            thead { tr {
                                th scope="col" { "Started" } th scope="col" { "Title" } th scope="col" { "Limit" }
                                th scope="col" { "Actual" } th scope="col" { "Overrun" } th scope="col" { "Revisions" }
                                th scope="col" { "Re-checks" } th scope="col" { "Outcome" }
                            } }
                            tbody {
                                @for b in past.iter().rev().take(200) {
                                    @let end = b.ended_at.unwrap_or(b.started_at);
                                    @let over = b.overrun_minutes(end);
                                    tr {
                                        td { (local(b.started_at)) }
                                        td { (b.title) }
                                        td { (format_minutes(i64::from(b.limit_minutes))) }
                                        td { (format_minutes(b.actual_minutes(end))) }
                                        td { @if over > 0 { "+" (format_minutes(over)) } @else { "within" } }
                                        td { (b.revisions.len()) }
                                        td { (b.rechecks) }
                                        td { (b.outcome.map(Outcome::as_str).unwrap_or("")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !weeks.is_empty() {
                section aria-labelledby="weeks-h" {
                    h2 #weeks-h { "By week" }
                    ul {
                        @for w in weeks.iter().rev().take(8) {
                            li { "Week of " (w.week_start) ": " (w.boxes) " boxes, "
                                (format!("{:.0}", w.overrun_rate * 100.0)) "% ran over, median "
                                (w.median_revisions) " revisions, " (w.rechecks) " re-checks" }
                        }
                    }
                }
            }
        },
    ))
}

fn running_box(
    viewer: &Viewer,
    b: &Timebox,
    now: DateTime<Utc>,
    local: &dyn Fn(DateTime<Utc>) -> String,
) -> Markup {
    let total = i64::from(b.total_limit_minutes()) * 60;
    let elapsed = b.elapsed(now).num_seconds().min(total);
    html! {
        section aria-labelledby="running-h" data-timebox-ends=(b.ends_at().to_rfc3339()) {
            h2 #running-h { "Running: " (b.title) }
            p.status role="status" { (b.status_sentence(now)) }
            progress #tb-progress max=(total) value=(elapsed) {
                (elapsed / 60) " of " (total / 60) " minutes"
            }
            p.muted { "Started " (local(b.started_at)) ", ends " (local(b.ends_at())) ". "
                (b.revisions.len()) " revisions, " (b.rechecks) " re-checks so far." }
            form.stack method="post" action="/timeboxes/stop" {
                (csrf_field(&viewer.csrf))
                label for="tb-outcome" { "How did it end?" }
                select #tb-outcome name="outcome" {
                    option value="shipped" selected { "Shipped: good enough" }
                    option value="extended" { "Extended: it needed more" }
                    option value="dropped" { "Dropped: set aside on purpose" }
                }
                label for="tb-stop-at" { "Ended at (optional: YYYY-MM-DD HH:MM)" }
                input type="text" #tb-stop-at name="at";
                button type="submit" { "Stop the box" }
            }
            form.inline method="post" action="/timeboxes/revise" {
                (csrf_field(&viewer.csrf))
                input type="text" name="note" aria-label="What changed (optional)" placeholder="what changed (optional)";
                button type="submit" { "Count a revision" }
            }
            form.inline method="post" action="/timeboxes/recheck" {
                (csrf_field(&viewer.csrf))
                button type="submit" { "Count a re-check" }
            }
            form.inline method="post" action="/timeboxes/extend" {
                (csrf_field(&viewer.csrf))
                input type="text" name="minutes" aria-label="How much more" placeholder="15m" required;
                input type="text" name="reason" aria-label="Why" placeholder="why it needs more time" required;
                button type="submit" { "Extend" }
            }
        }
    }
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ShowQuery>,
) -> Result<Markup, PageError> {
    let flash = q.done.as_deref().and_then(flash_text);
    render(&state, &viewer, flash, None, &StartForm::default()).await
}

async fn refuse(
    state: &AppState,
    viewer: &Viewer,
    message: &str,
    form: &StartForm,
    status: StatusCode,
) -> Result<Response, PageError> {
    let body = render(state, viewer, None, Some(message), form).await?;
    Ok((status, body).into_response())
}

/// A time typed in a form; blank is now.
fn typed_or_now(raw: &str) -> When<'_> {
    if raw.trim().is_empty() {
        When::Now
    } else {
        When::Typed(raw)
    }
}

fn done(what: &str) -> Response {
    Redirect::to(&format!("/timeboxes?done={what}")).into_response()
}

const NONE_RUNNING: &str = "No timebox is running; start one first.";

async fn start(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<StartForm>,
) -> Result<Response, PageError> {
    let new = timeboxes::NewTimebox {
        title: &f.title,
        limit: &f.limit,
        started: typed_or_now(&f.at),
    };
    match timeboxes::start(&state.scope(&viewer.person), new).await {
        Ok(_) => Ok(done("started")),
        Err(AppError::Invalid(e)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            refuse(&state, &viewer, &e.to_string(), &f, status).await
        }
        Err(AppError::Store(goodenough_store::StoreError::Conflict(m))) => {
            refuse(&state, &viewer, &m, &f, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn stop(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<StopForm>,
) -> Result<Response, PageError> {
    let form = StartForm::default();
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let raw = if f.outcome.trim().is_empty() {
        "shipped"
    } else {
        f.outcome.as_str()
    };
    let outcome: Outcome = match raw.parse() {
        Ok(o) => o,
        Err(e) => return refuse(&state, &viewer, &e.to_string(), &form, unprocessable).await,
    };
    let scope = state.scope(&viewer.person);
    let stopped = timeboxes::stop(&scope, outcome, typed_or_now(&f.at)).await;
    changed(&state, &viewer, stopped, NONE_RUNNING, "stopped").await
}

const NO_BOX_YET: &str = "There is no timebox yet; start one first.";

/// After a change: back to the page, or the page again with why not
/// (`none` when there was no box to change).
async fn changed(
    state: &AppState,
    viewer: &Viewer,
    r: goodenough_app::Result<Timebox>,
    none: &str,
    what: &str,
) -> Result<Response, PageError> {
    let form = StartForm::default();
    match r {
        Ok(_) => Ok(done(what)),
        Err(AppError::NotFound { .. }) => {
            refuse(state, viewer, none, &form, StatusCode::NOT_FOUND).await
        }
        Err(AppError::Invalid(e)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            refuse(state, viewer, &e.to_string(), &form, status).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn revise(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<ReviseForm>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    let revised = timeboxes::revise(&scope, When::Now, Some(f.note.as_str())).await;
    changed(&state, &viewer, revised, NO_BOX_YET, "revised").await
}

async fn recheck(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    let rechecked = timeboxes::recheck(&state.scope(&viewer.person)).await;
    changed(&state, &viewer, rechecked, NO_BOX_YET, "rechecked").await
}

async fn extend(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<ExtendForm>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    let extended = timeboxes::extend(&scope, &f.minutes, &f.reason, When::Now).await;
    changed(&state, &viewer, extended, NONE_RUNNING, "extended").await
}
