//! `/noes`: saying no, completed later with the guilt afterwards.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use goodenough_app::{boundaries, AppError};
use goodenough_core::boundaries::{mean_guilt_drop, NoRecord, NO_SAVED};
use maud::{html, Markup};
use serde::Deserialize;

use super::{
    flash_block, invalid_flash, optional_number, optional_text, required_number, subnav, today,
    typed_date, with_status, Flash, SavedQuery, MENU_PATH,
};
use crate::error::PageError;
use crate::pages::answer::{checked, found};
use crate::pages::layout::{csrf_field, multiline, page};
use crate::pages::Viewer;
use crate::AppState;

/// The routes of saying no.
pub(super) fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/noes", get(show).post(create))
        .route("/noes/{id}", post(complete))
}

#[derive(Deserialize, Default, Clone)]
struct NoForm {
    #[serde(default)]
    request: String,
    #[serde(default)]
    response: String,
    #[serde(default)]
    guilt_before: String,
    #[serde(default)]
    guilt_after: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    date: String,
}

#[derive(Deserialize, Default, Clone)]
struct CompleteNoForm {
    #[serde(default)]
    guilt_after: String,
    #[serde(default)]
    outcome: String,
}

fn no_texts(n: &NoRecord) -> Vec<&str> {
    let mut v = vec![n.request.as_str(), n.response.as_str()];
    v.extend(n.outcome.as_deref());
    v
}

async fn render_noes(
    state: &AppState,
    viewer: &Viewer,
    form: &NoForm,
    flash: &Flash,
) -> Result<Markup, PageError> {
    let noes = boundaries::noes(&state.scope(&viewer.person)).await?;
    Ok(page(
        viewer,
        "Saying no",
        MENU_PATH,
        html! {
            (subnav("/noes"))
            h1 { "Saying no" }
            (flash_block(state, flash))
            section aria-labelledby="new-no" {
                h2 #new-no { "Record a no" }
                p.hint { "Each no protects something you already said yes to. Rate the guilt before you answer; come back later to note how it felt afterwards and what actually happened." }
                form.stack method="post" action="/noes" {
                    (csrf_field(&viewer.csrf))
                    label for="no-request" { "What was asked of you?" }
                    textarea #no-request name="request" rows="2" required { (form.request) }
                    label for="no-response" { "What did you answer?" }
                    textarea #no-response name="response" rows="2" required { (form.response) }
                    label for="no-guilt-before" { "Guilt before answering (0-10)" }
                    input #no-guilt-before name="guilt_before" type="number" min="0" max="10" required value=(form.guilt_before);
                    label for="no-guilt-after" { "Guilt afterwards (0-10, optional; you can add it later)" }
                    input #no-guilt-after name="guilt_after" type="number" min="0" max="10" value=(form.guilt_after);
                    label for="no-outcome" { "What happened next (optional)" }
                    textarea #no-outcome name="outcome" rows="2" { (form.outcome) }
                    label for="no-date" { "Date" }
                    input #no-date name="date" type="date" value=(form.date);
                    button type="submit" { "Save" }
                }
            }
            section aria-labelledby="noes-list" {
                h2 #noes-list { "Your noes" }
                @if noes.is_empty() {
                    p { "Nothing recorded yet. The next time you turn something down, note it here." }
                } @else {
                    @if let Some(m) = mean_guilt_drop(&noes) {
                        p { "On average, guilt eased by " strong { (format!("{m:.1}")) } " points after saying no." }
                    }
                    p.muted { "Newest first." }
                    ul.records {
                        @for n in noes.iter().rev() {
                            li {
                                time datetime=(n.date) { (n.date) } " — " (multiline(&n.request))
                                br;
                                span { "Answer: " (multiline(&n.response)) }
                                br;
                                span { "Guilt " (n.guilt_before) " → "
                                    @if let Some(a) = n.guilt_after { (a) } @else { "not noted yet" } }
                                @if let Some(o) = &n.outcome { br; span { "What happened: " (multiline(o)) } }
                                @if n.guilt_after.is_none() || n.outcome.is_none() {
                                    details {
                                        summary { "Add how it went" }
                                        form.stack method="post" action={"/noes/" (n.id)} {
                                            (csrf_field(&viewer.csrf))
                                            label for={"ga-" (n.id)} { "Guilt afterwards (0-10)" }
                                            input id={"ga-" (n.id)} name="guilt_after" type="number" min="0" max="10";
                                            label for={"oc-" (n.id)} { "What happened" }
                                            textarea id={"oc-" (n.id)} name="outcome" rows="2" {}
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

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let mut flash = Flash::default();
    if let Some(id) = q.saved.as_deref() {
        if let Some(n) = found(boundaries::get_no(&scope, id).await)? {
            flash.saved = Some(NO_SAVED);
            flash.crisis = state.safety.matches(no_texts(&n));
        }
    }
    let form = NoForm {
        date: today(&scope).await?.to_string(),
        ..NoForm::default()
    };
    render_noes(&state, &viewer, &form, &flash).await
}

async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<NoForm>,
) -> Result<Response, PageError> {
    let parsed = (|| {
        Ok(boundaries::NewNo {
            date: typed_date(&f.date)?,
            request: f.request.clone(),
            response: f.response.clone(),
            guilt_before: required_number("Guilt before", &f.guilt_before)?,
            guilt_after: optional_number("Guilt after", &f.guilt_after)?,
            outcome: optional_text(&f.outcome).map(str::to_string),
        })
    })();
    let saved = match parsed {
        Ok(new) => checked(boundaries::add_no(&state.scope(&viewer.person), new).await)?,
        Err(e) => Err(e),
    };
    match saved {
        Ok(n) => Ok(Redirect::to(&format!("/noes?saved={}", n.id)).into_response()),
        Err(e) => {
            let body = render_noes(&state, &viewer, &f, &invalid_flash(e)).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}

async fn complete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(f): Form<CompleteNoForm>,
) -> Result<Response, PageError> {
    const MISSING: &str = "There is no record of saying no with that id.";
    let scope = state.scope(&viewer.person);
    if found(boundaries::get_no(&scope, &id).await)?.is_none() {
        return Err(PageError::new(StatusCode::NOT_FOUND, MISSING));
    }
    let result = match optional_number("Guilt after", &f.guilt_after) {
        Ok(g) => match boundaries::complete_no(&scope, &id, g, optional_text(&f.outcome)).await {
            Err(AppError::NotFound { .. }) => {
                return Err(PageError::new(StatusCode::NOT_FOUND, MISSING))
            }
            other => checked(other)?,
        },
        Err(e) => Err(e),
    };
    match result {
        Ok(n) => Ok(Redirect::to(&format!("/noes?saved={}", n.id)).into_response()),
        Err(e) => {
            let form = NoForm {
                date: today(&scope).await?.to_string(),
                ..NoForm::default()
            };
            let body = render_noes(&state, &viewer, &form, &invalid_flash(e)).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}
