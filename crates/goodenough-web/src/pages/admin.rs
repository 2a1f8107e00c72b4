//! `/admin`: the operator's page (role admin only; anyone else gets a kind
//! 403). The accounts of this goodenough, oldest first, each with Disable or
//! Enable, and "Make a reset link" (the link shown once).
//!
//! It must never show anything of anyone's records: it reads only the
//! account list (email, role, name, dates), nothing through a use case.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
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
        },
    ))
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

async fn accounts(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    operator_only(&viewer)?;
    accounts_page(&state, &viewer, html! {}).await
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
