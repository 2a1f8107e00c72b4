//! `/delegations`: tasks handed on, completed later with how it went.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use goodenough_app::{boundaries, AppError};
use goodenough_core::boundaries::{Delegation, DELEGATION_SAVED};
use goodenough_core::ValidationError;
use maud::{html, Markup};
use serde::Deserialize;

use super::{
    flash_block, invalid_flash, optional_text, subnav, today, typed_date, with_status, Flash,
    SavedQuery, MENU_PATH,
};
use crate::error::PageError;
use crate::pages::answer::{checked, found};
use crate::pages::layout::{csrf_field, multiline, page};
use crate::pages::Viewer;
use crate::AppState;

/// The routes of delegations.
pub(super) fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/delegations", get(show).post(create))
        .route("/delegations/{id}", post(complete))
}

#[derive(Deserialize, Default, Clone)]
struct DelegationForm {
    #[serde(default)]
    task: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    fine: String,
    #[serde(default)]
    date: String,
}

#[derive(Deserialize, Default, Clone)]
struct CompleteDelegationForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    fine: String,
}

fn parse_fine(raw: &str) -> Result<Option<bool>, ValidationError> {
    match raw.trim() {
        "" => Ok(None),
        other => goodenough_core::boundaries::parse_yes_no("Turned out fine", other).map(Some),
    }
}

fn fine_select(id: &str, selected: &str) -> Markup {
    html! {
        select name="fine" id=(id) {
            option value="" selected[selected.is_empty()] { "Not known yet" }
            option value="yes" selected[selected == "yes"] { "Yes" }
            option value="no" selected[selected == "no"] { "No, it needed follow-up" }
        }
    }
}

async fn render_delegations(
    state: &AppState,
    viewer: &Viewer,
    form: &DelegationForm,
    flash: &Flash,
) -> Result<Markup, PageError> {
    let all = boundaries::delegations(&state.scope(&viewer.person)).await?;
    Ok(page(
        viewer,
        "Delegations",
        MENU_PATH,
        html! {
            (subnav("/delegations"))
            h1 { "Delegations" }
            (flash_block(state, flash))
            section aria-labelledby="new-delegation" {
                h2 #new-delegation { "Hand something on" }
                p.hint { "It does not have to be done your way to be done well. Later, note whether it turned out fine." }
                form.stack method="post" action="/delegations" {
                    (csrf_field(&viewer.csrf))
                    label for="d-task" { "Task" }
                    textarea #d-task name="task" rows="2" required { (form.task) }
                    label for="d-to" { "Handed to" }
                    input #d-to name="to" type="text" required value=(form.to);
                    label for="d-outcome" { "How it went (optional)" }
                    textarea #d-outcome name="outcome" rows="2" { (form.outcome) }
                    label for="d-fine" { "Did it turn out fine?" }
                    (fine_select("d-fine", &form.fine))
                    label for="d-date" { "Date" }
                    input #d-date name="date" type="date" value=(form.date);
                    button type="submit" { "Save" }
                }
            }
            section aria-labelledby="delegations-list" {
                h2 #delegations-list { "Your delegations" }
                @if all.is_empty() {
                    p { "Nothing handed on yet." }
                } @else {
                    p.muted { "Newest first." }
                    ul.records {
                        @for d in all.iter().rev() {
                            li {
                                time datetime=(d.date) { (d.date) } " — " (multiline(&d.task)) " → " (d.to)
                                @match d.fine {
                                    Some(true) => { br; span { "Turned out fine." } }
                                    Some(false) => { br; span { "Needed follow-up." } }
                                    None => {}
                                }
                                @if let Some(o) = &d.outcome { br; span { "How it went: " (multiline(o)) } }
                                @if d.fine.is_none() || d.outcome.is_none() {
                                    details {
                                        summary { "Add how it went" }
                                        form.stack method="post" action={"/delegations/" (d.id)} {
                                            (csrf_field(&viewer.csrf))
                                            label for={"do-" (d.id)} { "How it went" }
                                            textarea id={"do-" (d.id)} name="outcome" rows="2" {}
                                            label for={"df-" (d.id)} { "Did it turn out fine?" }
                                            (fine_select(&format!("df-{}", d.id), ""))
                                            button type="submit" { "Update" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

fn delegation_texts(d: &Delegation) -> Vec<&str> {
    let mut v = vec![d.task.as_str(), d.to.as_str()];
    v.extend(d.outcome.as_deref());
    v
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let mut flash = Flash::default();
    if let Some(id) = q.saved.as_deref() {
        if let Some(d) = found(boundaries::get_delegation(&scope, id).await)? {
            flash.saved = Some(DELEGATION_SAVED);
            flash.crisis = state.safety.matches(delegation_texts(&d));
        }
    }
    let form = DelegationForm {
        date: today(&scope).await?.to_string(),
        ..DelegationForm::default()
    };
    render_delegations(&state, &viewer, &form, &flash).await
}

async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<DelegationForm>,
) -> Result<Response, PageError> {
    let parsed = (|| {
        Ok(boundaries::NewDelegation {
            date: typed_date(&f.date)?,
            task: f.task.clone(),
            to: f.to.clone(),
            outcome: optional_text(&f.outcome).map(str::to_string),
            fine: parse_fine(&f.fine)?,
        })
    })();
    let saved = match parsed {
        Ok(new) => checked(boundaries::add_delegation(&state.scope(&viewer.person), new).await)?,
        Err(e) => Err(e),
    };
    match saved {
        Ok(d) => Ok(Redirect::to(&format!("/delegations?saved={}", d.id)).into_response()),
        Err(e) => {
            let body = render_delegations(&state, &viewer, &f, &invalid_flash(e)).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}

async fn complete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(f): Form<CompleteDelegationForm>,
) -> Result<Response, PageError> {
    const MISSING: &str = "There is no delegation with that id.";
    let scope = state.scope(&viewer.person);
    if found(boundaries::get_delegation(&scope, &id).await)?.is_none() {
        return Err(PageError::new(StatusCode::NOT_FOUND, MISSING));
    }
    let result = match parse_fine(&f.fine) {
        Ok(fine) => {
            let outcome = optional_text(&f.outcome);
            match boundaries::complete_delegation(&scope, &id, outcome, fine).await {
                Err(AppError::NotFound { .. }) => {
                    return Err(PageError::new(StatusCode::NOT_FOUND, MISSING))
                }
                other => checked(other)?,
            }
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(d) => Ok(Redirect::to(&format!("/delegations?saved={}", d.id)).into_response()),
        Err(e) => {
            let form = DelegationForm {
                date: today(&scope).await?.to_string(),
                ..DelegationForm::default()
            };
            let body = render_delegations(&state, &viewer, &form, &invalid_flash(e)).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}
