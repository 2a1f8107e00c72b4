//! `/admin`: the operator's page (role admin only; anyone else gets a kind
//! 403). The accounts of this goodenough, oldest first, each with Disable or
//! Enable, and "Make a reset link" (the link shown once).
//!
//! It also sets the practice's name and the crisis resources of its region
//! ("Your practice"), which everyone sees first on Help now.
//!
//! It must never show anything of anyone's records: it reads only the
//! account list (email, role, name, dates) and the practice's settings.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use chrono::{DateTime, Utc};
use goodenough_store::{AccountSummary, Role};
use maud::{html, Markup};

use super::layout::{csrf_field, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/admin", get(accounts))
        .route("/admin/{person}/disable", post(disable))
        .route("/admin/{person}/enable", post(enable))
        .route("/admin/{person}/reset", post(reset))
        .route("/admin/practice", post(set_practice))
}

/// What the practice form shows: the values typed (after a refusal) or
/// the ones kept, and a message above it.
struct PracticeForm {
    name: String,
    lines: String,
    message: Markup,
}

/// The sentence anyone but the operator gets (403).
pub const NOT_OPERATOR: &str =
    "This page is for the person who runs this goodenough. Everything else works for you as usual.";

fn operator_only(viewer: &Viewer) -> Result<(), PageError> {
    if viewer.role == Role::Admin {
        Ok(())
    } else {
        Err(PageError::new(StatusCode::FORBIDDEN, NOT_OPERATOR))
    }
}

fn day(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

async fn accounts_page(
    state: &AppState,
    viewer: &Viewer,
    extra: Markup,
) -> Result<Markup, PageError> {
    let kept = state.app.practice_settings().await?;
    let form = PracticeForm {
        name: kept.name.clone().unwrap_or_default(),
        lines: kept.resource_lines(),
        message: html! {},
    };
    admin_page(state, viewer, extra, form).await
}

async fn admin_page(
    state: &AppState,
    viewer: &Viewer,
    extra: Markup,
    form: PracticeForm,
) -> Result<Markup, PageError> {
    let list = state.store.list_accounts().await?;
    Ok(page(
        viewer,
        "Accounts",
        "/admin",
        html! {
            h1 { "Accounts" }
            (extra)
            p.muted { "Here you manage who can sign in. You do not see anyone's entries: those belong to each person and to whoever they share them with." }
            div.table-scroll tabindex="0" {
                table {
                    thead {
                        tr {
                            th scope="col" { "Name" }
                            th scope="col" { "Email" }
                            th scope="col" { "Role" }
                            th scope="col" { "Since" }
                            th scope="col" { "State" }
                            th scope="col" { "Actions" }
                        }
                    }
                    tbody {
                        @for a in &list {
                            (row(viewer, a))
                        }
                    }
                }
            }
            p.muted { "Disabling an account signs it out everywhere at once and keeps its records. A reset link works once, for 24 hours." }
            (practice_section(viewer, &form))
        },
    ))
}

fn practice_section(viewer: &Viewer, form: &PracticeForm) -> Markup {
    html! {
        section.card #practice aria-labelledby="practice-heading" {
            h2 #practice-heading { "Your practice" }
            (form.message)
            p { "The practice's name appears in the page header. The crisis resources are for your region: everyone sees them first on Help now and wherever goodenough shows where to get help, before the general message that ships with goodenough." }
            form method="post" action="/admin/practice" {
                (csrf_field(&viewer.csrf))
                label for="practice-name" { "Practice name (optional)" }
                input #practice-name type="text" name="name" maxlength="80" value=(form.name);
                label for="practice-crisis" { "Crisis resources, one a line" }
                p.muted #practice-crisis-hint { "Write each as: name | phone or text number, or web address | when available. For example: Samaritans | 116 123 | any time, day or night. Leave it empty to show only the general message." }
                textarea #practice-crisis name="crisis" rows="5" aria-describedby="practice-crisis-hint" { (form.lines) }
                button type="submit" { "Save the practice settings" }
            }
        }
    }
}

/// The practice form's fields.
#[derive(serde::Deserialize)]
struct PracticeFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    crisis: String,
}

async fn set_practice(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<PracticeFields>,
) -> Result<Response, PageError> {
    operator_only(&viewer)?;
    let saved = match goodenough_core::practice_settings::parse_lines(&f.crisis) {
        Ok(resources) => {
            state
                .app
                .set_practice_settings(Some(&f.name), &resources, state.clock.now())
                .await
        }
        Err(e) => Err(e.into()),
    };
    match saved {
        Ok(settings) => {
            state.practice.replace(settings);
            Ok(Redirect::to("/admin?practice=saved#practice").into_response())
        }
        Err(goodenough_app::AppError::Invalid(e)) => {
            let form = PracticeForm {
                name: f.name,
                lines: f.crisis,
                message: notice("error", &format!("{e} Nothing was changed.")),
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                admin_page(&state, &viewer, html! {}, form).await?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn row(viewer: &Viewer, a: &AccountSummary) -> Markup {
    let me = a.person_id == viewer.person;
    html! {
        tr {
            td { (a.display_name) }
            td { (a.email) }
            td { (a.role) }
            td { (day(a.created_at)) }
            td {
                @match a.disabled_at {
                    Some(d) => { "disabled since " (day(d)) }
                    None => { "active" }
                }
            }
            td {
                @if me {
                    span.muted { "you" }
                } @else {
                    @if a.disabled_at.is_some() {
                        form method="post" action={ "/admin/" (a.person_id) "/enable" } {
                            (csrf_field(&viewer.csrf))
                            button type="submit" { "Enable" }
                        }
                    } @else {
                        form method="post" action={ "/admin/" (a.person_id) "/disable" } {
                            (csrf_field(&viewer.csrf))
                            button type="submit" { "Disable" }
                        }
                        form method="post" action={ "/admin/" (a.person_id) "/reset" } {
                            (csrf_field(&viewer.csrf))
                            button.secondary type="submit" { "Make a reset link" }
                        }
                    }
                }
            }
        }
    }
}

/// `?practice=saved` after the practice form was saved.
#[derive(serde::Deserialize)]
struct Shown {
    practice: Option<String>,
}

async fn accounts(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(shown): Query<Shown>,
) -> Result<Markup, PageError> {
    operator_only(&viewer)?;
    let extra = if shown.practice.as_deref() == Some("saved") {
        notice(
            "ok",
            "The practice settings are saved; Help now shows them.",
        )
    } else {
        html! {}
    };
    accounts_page(&state, &viewer, extra).await
}

/// The account the operator acts on: another person's (404 when there is
/// none; the operator's own account is not disabled from here).
async fn target(state: &AppState, viewer: &Viewer, person: &str) -> Result<(), PageError> {
    operator_only(viewer)?;
    if state.store.account(person).await?.is_none() {
        return Err(PageError::not_found());
    }
    if person == viewer.person {
        return Err(PageError::new(
            StatusCode::CONFLICT,
            "This is your own account; it stays as it is here. Another operator, or the command line, can change it.",
        ));
    }
    Ok(())
}

async fn disable(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(person): Path<String>,
) -> Result<Response, PageError> {
    target(&state, &viewer, &person).await?;
    state
        .store
        .disable_account(&person, state.clock.now())
        .await?;
    Ok(Redirect::to("/admin").into_response())
}

async fn enable(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(person): Path<String>,
) -> Result<Response, PageError> {
    target(&state, &viewer, &person).await?;
    state.store.enable_account(&person).await?;
    Ok(Redirect::to("/admin").into_response())
}

async fn reset(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(person): Path<String>,
) -> Result<Response, PageError> {
    target(&state, &viewer, &person).await?;
    let account = state.store.account(&person).await?;
    if account.as_ref().is_some_and(|a| a.disabled_at.is_some()) {
        let extra = notice(
            "error",
            "That account is disabled; enable it first, then make a reset link.",
        );
        return Ok((
            StatusCode::CONFLICT,
            accounts_page(&state, &viewer, extra).await?,
        )
            .into_response());
    }
    let email = account.map(|a| a.email).unwrap_or_default();
    let path =
        crate::auth::make_reset_link(state.store.as_ref(), &person, state.clock.now()).await?;
    let extra = html! {
        div.card role="status" {
            p { "Here is the reset link for " (email) ". It is shown only this once; give it to them yourself. It works once, for 24 hours." }
            p { code.invite-link { (path) } }
            p.muted { "Put this server's address in front of it, for example https://coaching.example.org/reset/…" }
        }
    };
    Ok(accounts_page(&state, &viewer, extra).await?.into_response())
}
