//! `/programme`: where you stand in your programme (with a stop button),
//! the programmes you can follow (shipped and your coach's), and one
//! programme in full with a form to start it on a date. Forms post and
//! redirect back (303); a refusal is one sentence on the page with a 4xx.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use goodenough_app::{programme, settings};
use goodenough_core::programme::{EnrolmentStatus, Programme, Standing};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{csrf_field, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::programmes::{find, load, StartError};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/programme", get(show))
        .route("/programme/start", post(start))
        .route("/programme/stop", post(stop))
        .route("/programme/{id}", get(one))
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    saved: Option<String>,
}

#[derive(Deserialize, Default)]
struct StartForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    replace: Option<String>,
}

/// The standing of a running programme, for this page and `/today`.
pub fn standing_block(s: &Standing) -> Markup {
    html! {
        p.standing { (s.sentence) }
        @if !s.focus.is_empty() {
            p.muted {
                "Focus: "
                (s.focus.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", "))
            }
        }
        @if !s.goals.is_empty() {
            ul.goals { @for g in &s.goals { li { (g) } } }
        }
        @if let Some(m) = &s.next_milestone {
            p {
                "Next milestone: " strong { (m.title) } " — end of week " (m.week)
                " (" time datetime=(m.date) { (m.date) } ")."
            }
        }
    }
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ShowQuery>,
) -> Result<Markup, PageError> {
    let (all, errors) = load(&state);
    let status = programme::status(&state.scope(&viewer.person), all).await?;
    let offered = goodenough_app::offers::mine(&state.scope_of_viewer(&viewer)).await?;
    let flash = match q.saved.as_deref() {
        Some("started") => Some("Started. Today's page shows what it suggests each day."),
        Some("stopped") => {
            Some("Stopped. Everything you recorded stays; you can start again any time.")
        }
        Some("none") => Some("No programme was running, so there was nothing to stop."),
        _ => None,
    };
    Ok(page(
        &viewer,
        "Programme",
        "/programme",
        html! {
            h1 { "Programme" }
            @if let Some(f) = flash { (notice("ok", f)) }
            section aria-labelledby="yours" {
                h2 #yours { "Yours" }
                (current(&viewer, &status, all))
            }
            (super::offers::today_line(&offered))
            section aria-labelledby="all" {
                h2 #all { "Programmes you can follow" }
                @for e in errors {
                    (notice("error", &format!("{e} (this file is left out; the others are fine).")))
                }
                ul.programmes {
                    @for p in all {
                        li {
                            a href={"/programme/" (p.id)} { (p.title) }
                            " — " (p.weeks) " weeks"
                            @if p.source != "shipped" { " (from " (p.source) ")" }
                            @if !p.summary.is_empty() { p.muted { (p.summary) } }
                        }
                    }
                }
            }
        },
    ))
}

fn current(viewer: &Viewer, status: &EnrolmentStatus, all: &[Programme]) -> Markup {
    let maintenance = status
        .standing
        .as_ref()
        .filter(|s| s.maintenance_week.is_some())
        .and_then(|s| all.iter().find(|p| p.id == s.programme_id))
        .and_then(|p| p.maintenance.as_ref());
    html! {
        @match (&status.enrolment, &status.standing) {
            (None, _) => {
                p { "No programme is running. Pick one below if you would like a path to follow; it is fine not to." }
            }
            (Some(e), None) => {
                p { "You are following \"" (e.programme_id) "\" since " (e.started_on) ", but its file cannot be found or read now." }
            }
            (Some(_), Some(s)) => { (standing_block(s)) }
        }
        @if let Some(m) = maintenance {
            p { "Check-up review: " (m.checkup.describe()) "." }
            @if !m.relapse_prevention.warning_signs.is_empty() {
                h3 { "Early warning signs to watch for" }
                ul { @for w in &m.relapse_prevention.warning_signs { li { (w) } } }
            }
            @if !m.relapse_prevention.what_to_do.is_empty() {
                h3 { "If they show up (that is normal, not a failure)" }
                ul { @for w in &m.relapse_prevention.what_to_do { li { (w) } } }
            }
        }
        @if status.enrolment.is_some() {
            form method="post" action="/programme/stop" {
                (csrf_field(&viewer.csrf))
                button type="submit" { "Stop this programme" }
            }
        }
    }
}

async fn render_one(
    state: &AppState,
    viewer: &Viewer,
    p: &Programme,
    error: Option<&str>,
) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let today = settings::today(&scope).await?;
    let running = programme::running(&scope).await?;
    Ok(page(
        viewer,
        &p.title,
        "/programme",
        html! {
            h1 { (p.title) }
            p.muted { (p.weeks) " weeks" }
            @if let Some(e) = error { (notice("error", e)) }
            @if !p.summary.is_empty() { p { (p.summary) } }
            section aria-labelledby="start" {
                h2 #start { "Start it" }
                form method="post" action="/programme/start" {
                    (csrf_field(&viewer.csrf))
                    input type="hidden" name="id" value=(p.id);
                    label { "Week 1 starts on " input type="date" name="on" value=(today); }
                    @if let Some(r) = &running {
                        label {
                            input type="checkbox" name="replace" value="yes";
                            " Replace the programme I follow now (" (r.programme_id) ", since " (r.started_on) ")"
                        }
                    }
                    button type="submit" { "Start" }
                }
            }
            section aria-labelledby="phases" {
                h2 #phases { "Phases" }
                ol {
                    @for ph in &p.phases {
                        li {
                            strong { (ph.name) } " — weeks " (ph.first) "–" (ph.last)
                            " (" (ph.focus.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")) ")"
                            @if !ph.goals.is_empty() { ul { @for g in &ph.goals { li { (g) } } } }
                        }
                    }
                }
            }
            section aria-labelledby="exercises" {
                h2 #exercises { "Exercises" }
                ul {
                    @for e in &p.exercises {
                        li {
                            (e.title) " — " (e.cadence.describe())
                            @if let Some((a, b)) = e.weeks { ", weeks " (a) "–" (b) }
                            @if let Some(how) = &e.how { br; span.muted { (how) } }
                        }
                    }
                }
                p { "Review: " (p.review.describe()) "." }
            }
            @if !p.milestones.is_empty() {
                section aria-labelledby="milestones" {
                    h2 #milestones { "Milestones" }
                    ul { @for m in &p.milestones { li { "Week " (m.week) ": " strong { (m.title) } " — " (m.marks) } } }
                }
            }
            @if let Some(m) = &p.maintenance {
                section aria-labelledby="after" {
                    h2 #after { "After the last week" }
                    p { (m.summary) }
                    p { "Check-up review: " (m.checkup.describe()) "." }
                    @if !m.relapse_prevention.warning_signs.is_empty() {
                        h3 { "Early warning signs" }
                        ul { @for s in &m.relapse_prevention.warning_signs { li { (s) } } }
                    }
                    @if !m.relapse_prevention.what_to_do.is_empty() {
                        h3 { "What to do then" }
                        ul { @for s in &m.relapse_prevention.what_to_do { li { (s) } } }
                    }
                }
            }
        },
    ))
}

async fn one(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let (p, _) = find(&state, &id).map_err(|m| PageError::new(StatusCode::NOT_FOUND, m))?;
    render_one(&state, &viewer, &p, None).await
}

async fn start(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<StartForm>,
) -> Result<Response, PageError> {
    let replace = f.replace.is_some_and(|r| !r.is_empty());
    match crate::programmes::start(&state, &viewer.person, &f.id, Some(&f.on), replace).await {
        Ok(_) => Ok(Redirect::to("/programme?saved=started").into_response()),
        Err(StartError::Refused(status, message)) if status == StatusCode::NOT_FOUND => {
            Err(PageError::new(status, message))
        }
        Err(StartError::Refused(status, message)) => {
            let (p, _) =
                find(&state, &f.id).map_err(|m| PageError::new(StatusCode::NOT_FOUND, m))?;
            let body = render_one(&state, &viewer, &p, Some(&message)).await?;
            Ok((status, body).into_response())
        }
        Err(StartError::App(e)) => Err(e.into()),
    }
}

async fn stop(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    let stopped = programme::stop(&state.scope(&viewer.person)).await?;
    let to = if stopped.is_some() {
        "/programme?saved=stopped"
    } else {
        "/programme?saved=none"
    };
    Ok(Redirect::to(to).into_response())
}
