//! `/critic`, `/values`, `/practices`: the inner critic profile, values and
//! roles beyond work, and mindfulness practices with a timer and a log. In
//! the Awareness area (sub-menu beside the assessments).
//!
//! The practice timer works without JavaScript as a list of cues with their
//! times; `/assets/app.js` runs the timer and highlights each cue as its
//! time comes. A form logs the minutes either way.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use goodenough_app::awareness;
use goodenough_core::awareness::{CriticProfile, LifeValue};
use maud::{html, Markup};
use serde::Deserialize;

use super::answer::{checked, found};
use super::help::help_block;
use super::layout::{csrf_field, multiline, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/critic", get(show_critic).post(save_critic))
        .route("/values", get(show_values).post(add_value))
        .route("/values/{id}/remove", post(remove_value))
        .route("/practices", get(show_practices).post(log_practice))
}

pub(crate) fn subnav(current: &str) -> Markup {
    let links = [
        ("/assessments", "Assessments"),
        ("/critic", "Inner critic"),
        ("/values", "Values"),
        ("/practices", "Practices"),
    ];
    html! {
        nav.subnav aria-label="Awareness" {
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

#[derive(Deserialize, Default)]
struct CriticForm {
    #[serde(default)]
    name: String,
    /// One phrase per line.
    #[serde(default)]
    says: String,
    #[serde(default)]
    learned: String,
    #[serde(default)]
    protects: String,
    #[serde(default)]
    kind_answer: String,
}

fn critic_page(
    state: &AppState,
    viewer: &Viewer,
    current: Option<&CriticProfile>,
    form: &CriticForm,
    error: Option<&str>,
    saved: bool,
) -> Markup {
    let crisis = saved
        && current.is_some_and(|c| {
            let mut t: Vec<&str> = c.says.iter().map(String::as_str).collect();
            t.extend(c.kind_answer.as_deref());
            state.safety.matches(t)
        });
    page(
        viewer,
        "Inner critic",
        "/assessments",
        html! {
            (subnav("/critic"))
            h1 { "Your inner critic" }
            @if crisis { (help_block(state)) }
            @if saved { (notice("ok", "Saved. Naming the critic makes it easier to notice when it is talking, and to answer it kindly.")) }
            @if let Some(c) = current {
                section aria-labelledby="critic-now" {
                    h2 #critic-now { (c.name) }
                    h3 { "What it typically says" }
                    ul { @for s in &c.says { li { "“" (s) "”" } } }
                    @if let Some(l) = &c.learned { h3 { "Where it learned that voice" } p { (multiline(l)) } }
                    @if let Some(p) = &c.protects { h3 { "What it is trying to protect" } p { (multiline(p)) } }
                    @if let Some(k) = &c.kind_answer { h3 { "How a kind voice answers" } p { (multiline(k)) } }
                    p.hint { "New thought records whose words match one of these phrases say so, with the words that matched." }
                }
            } @else {
                p { "Not described yet. Most critics mean well in a clumsy way; giving yours a name helps you notice it." }
            }
            section aria-labelledby="critic-form" {
                h2 #critic-form { "Describe it" }
                @if let Some(e) = error { (notice("error", e)) }
                form.stack method="post" action="/critic" {
                    (csrf_field(&viewer.csrf))
                    label for="critic-name" { "Its name" }
                    input type="text" #critic-name name="name" required value=(form.name);
                    label for="critic-says" { "What it typically says (one phrase per line)" }
                    textarea #critic-says name="says" rows="3" required { (form.says) }
                    label for="critic-learned" { "Where it learned that voice (optional)" }
                    textarea #critic-learned name="learned" rows="2" { (form.learned) }
                    label for="critic-protects" { "What it is trying to protect (optional)" }
                    textarea #critic-protects name="protects" rows="2" { (form.protects) }
                    label for="critic-kind" { "How a kind voice answers (optional)" }
                    textarea #critic-kind name="kind_answer" rows="2" { (form.kind_answer) }
                    button type="submit" { "Save" }
                }
            }
        },
    )
}

fn form_of(c: &CriticProfile) -> CriticForm {
    CriticForm {
        name: c.name.clone(),
        says: c.says.join("\n"),
        learned: c.learned.clone().unwrap_or_default(),
        protects: c.protects.clone().unwrap_or_default(),
        kind_answer: c.kind_answer.clone().unwrap_or_default(),
    }
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn show_critic(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let current = awareness::critic(&state.scope(&viewer.person)).await?;
    let form = current.as_ref().map(form_of).unwrap_or_default();
    Ok(critic_page(
        &state,
        &viewer,
        current.as_ref(),
        &form,
        None,
        q.saved.is_some(),
    ))
}

async fn save_critic(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<CriticForm>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    let new = awareness::NewCritic {
        name: f.name.clone(),
        says: f.says.lines().map(str::to_string).collect(),
        learned: Some(f.learned.clone()),
        protects: Some(f.protects.clone()),
        kind_answer: Some(f.kind_answer.clone()),
    };
    match checked(awareness::set_critic(&scope, new).await)? {
        Ok(_) => Ok(Redirect::to("/critic?saved=1").into_response()),
        Err(e) => {
            let current = awareness::critic(&scope).await?;
            let body = critic_page(
                &state,
                &viewer,
                current.as_ref(),
                &f,
                Some(&e.to_string()),
                false,
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
    }
}

#[derive(Deserialize, Default)]
struct ValueForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    practice: String,
}

fn values_page(
    state: &AppState,
    viewer: &Viewer,
    values: &[LifeValue],
    form: &ValueForm,
    error: Option<&str>,
    crisis: bool,
) -> Markup {
    page(
        viewer,
        "Values",
        "/assessments",
        html! {
            (subnav("/values"))
            h1 { "Values and roles beyond work" }
            @if crisis { (help_block(state)) }
            p.hint { "You are more than your output. Who are you when you are not working: a friend, a painter, a neighbour?" }
            @if values.is_empty() {
                p { "None yet." }
            } @else {
                ul.values {
                    @for v in values {
                        li {
                            strong { (v.name) } " — " (multiline(&v.practice))
                            form.inline method="post" action=(format!("/values/{}/remove", v.id)) {
                                (csrf_field(&viewer.csrf))
                                button type="submit" { "Remove" }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="value-form" {
                h2 #value-form { "Add one" }
                @if let Some(e) = error { (notice("error", e)) }
                form.stack method="post" action="/values" {
                    (csrf_field(&viewer.csrf))
                    label for="value-name" { "Value or role" }
                    input type="text" #value-name name="name" required value=(form.name);
                    label for="value-practice" { "What it looks like in practice" }
                    textarea #value-practice name="practice" rows="2" required { (form.practice) }
                    button type="submit" { "Add" }
                }
            }
        },
    )
}

async fn show_values(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let values = awareness::values(&state.scope(&viewer.person)).await?;
    let crisis = q.saved.as_deref().is_some_and(|id| {
        values
            .iter()
            .find(|v| v.id == id)
            .is_some_and(|v| state.safety.matches([v.name.as_str(), v.practice.as_str()]))
    });
    Ok(values_page(
        &state,
        &viewer,
        &values,
        &ValueForm::default(),
        None,
        crisis,
    ))
}

async fn add_value(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<ValueForm>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    match checked(awareness::add_value(&scope, &f.name, &f.practice).await)? {
        Ok(v) => Ok(Redirect::to(&format!("/values?saved={}", v.id)).into_response()),
        Err(e) => {
            let values = awareness::values(&scope).await?;
            let body = values_page(&state, &viewer, &values, &f, Some(&e.to_string()), false);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
    }
}

async fn remove_value(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if found(awareness::remove_value(&state.scope(&viewer.person), &id).await)?.is_none() {
        return Err(PageError::not_found());
    }
    Ok(Redirect::to("/values").into_response())
}

#[derive(Deserialize, Default)]
struct LogForm {
    #[serde(default)]
    practice: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    date: String,
}

async fn practices_page(
    state: &AppState,
    viewer: &Viewer,
    error: Option<&str>,
    saved: bool,
) -> Result<Markup, PageError> {
    let all = state.catalogues().practices();
    let logs = awareness::practice_logs(&state.scope(&viewer.person)).await?;
    Ok(page(
        viewer,
        "Practices",
        "/assessments",
        html! {
            (subnav("/practices"))
            h1 { "Mindfulness practices" }
            @if saved { (notice("ok", "Logged. Thank you for taking this time.")) }
            @if let Some(e) = error { (notice("error", e)) }
            p.hint { "Each practice is a short script of cues. Read them at your own pace, or press Start to have them appear at their time." }
            @for p in all {
                section.practice data-practice=(p.id) data-minutes=(p.default_minutes) aria-labelledby=(format!("p-{}", p.id)) {
                    h2 id=(format!("p-{}", p.id)) { (p.title) " (" (p.default_minutes) " min)" }
                    ol.cues {
                        @for c in &p.cues {
                            li data-at=(c.at_seconds) {
                                time { (format!("{}:{:02}", c.at_seconds / 60, c.at_seconds % 60)) } " " (c.text)
                            }
                        }
                    }
                    p.timer-status aria-live="polite" {}
                    form.stack method="post" action="/practices" {
                        (csrf_field(&viewer.csrf))
                        input type="hidden" name="practice" value=(p.id);
                        label for=(format!("m-{}", p.id)) { "Minutes done" }
                        input id=(format!("m-{}", p.id)) name="minutes" type="number" min="1" max="600" value=(p.default_minutes);
                        button type="submit" { "Log minutes" }
                    }
                }
            }
            section aria-labelledby="practice-log" {
                h2 #practice-log { "Your practice log" }
                @if logs.is_empty() {
                    p { "Nothing logged yet. Any pause counts, however short." }
                } @else {
                    p.muted { "Newest first." }
                    ul {
                        @for l in logs.iter().rev() {
                            li { time datetime=(l.date) { (l.date) } " — " (l.practice) ", " (l.minutes) " min" }
                        }
                    }
                }
            }
        },
    ))
}

async fn show_practices(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> Result<Markup, PageError> {
    practices_page(&state, &viewer, None, q.saved.is_some()).await
}

async fn log_practice(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<LogForm>,
) -> Result<Response, PageError> {
    let minutes: Option<i64> = f.minutes.trim().parse().ok();
    let date = if f.date.trim().is_empty() {
        Ok(None)
    } else {
        goodenough_core::text::parse_date(&f.date).map(Some)
    };
    let result = match (minutes, date) {
        (None, _) => Err("Minutes must be a whole number from 1 to 600.".to_string()),
        (_, Err(e)) => Err(e.to_string()),
        (Some(m), Ok(d)) => {
            let scope = state.scope(&viewer.person);
            let all = state.catalogues().practices();
            checked(awareness::log_practice(&scope, all, &f.practice, m, d).await)?
                .map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(_) => Ok(Redirect::to("/practices?saved=1").into_response()),
        Err(msg) => {
            let body = practices_page(&state, &viewer, Some(&msg), false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
    }
}
