//! `/scripts`: communication scripts with a fill form and a copy button;
//! the shipped ones and the person's coaches' own (marked "from your
//! coach" with the coach's name).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Form;
use goodenough_app::content;
use goodenough_core::scripts::{Script, ScriptError};
use maud::{html, Markup};

use super::{subnav, with_status, MENU_PATH};
use crate::error::PageError;
use crate::pages::layout::{csrf_field, multiline, notice, page};
use crate::pages::Viewer;
use crate::AppState;

/// The routes of the scripts.
pub(super) fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/scripts", get(list))
        .route("/scripts/{name}", get(one).post(fill))
}

/// A shipped script by name, or one of the person's coaches'.
async fn find(state: &AppState, viewer: &Viewer, name: &str) -> Result<Script, PageError> {
    if let Ok(s) = state.catalogues().scripts().get(name) {
        return Ok(s.clone());
    }
    content::coach_scripts(&state.scope(&viewer.person))
        .await?
        .into_iter()
        .map(|c| c.script)
        .find(|s| s.name == name)
        .ok_or_else(|| PageError::new(StatusCode::NOT_FOUND, "There is no script with that name."))
}

async fn list(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let lib = state.catalogues().scripts();
    let theirs = content::coach_scripts(&state.scope(&viewer.person)).await?;
    Ok(page(
        &viewer,
        "Scripts",
        MENU_PATH,
        html! {
            (subnav("/scripts"))
            h1 { "Communication scripts" }
            p.hint { "Short messages for the conversations that protect your time. Fill in the blanks, then adjust the words until they sound like you." }
            ul.records {
                @for s in lib.list() {
                    li {
                        a href={"/scripts/" (s.name)} { (s.title) }
                        br;
                        span.muted { (s.when) }
                    }
                }
                @for c in &theirs {
                    li {
                        a href={"/scripts/" (c.script.name)} { (c.script.title) }
                        br;
                        span.muted { (c.script.when) " · from your coach " (c.coach_name) }
                    }
                }
            }
        },
    ))
}

fn script_view(
    viewer: &Viewer,
    s: &Script,
    values: &BTreeMap<String, String>,
    filled: Option<&str>,
    error: Option<&str>,
) -> Markup {
    page(
        viewer,
        &s.title,
        MENU_PATH,
        html! {
            (subnav("/scripts"))
            h1 { (s.title) }
            p.hint { (s.when) }
            @if s.origin.starts_with("from your coach") { p.muted { (s.origin) } }
            @if let Some(e) = error { (notice("error", e)) }
            @if let Some(text) = filled {
                section aria-labelledby="filled" {
                    h2 #filled { "Your message" }
                    textarea #filled-text rows="6" readonly { (text) }
                    p {
                        button.secondary type="button" data-copy="filled-text" hidden { "Copy to clipboard" }
                        " "
                        span #filled-text_status role="status" {}
                    }
                }
            }
            section aria-labelledby="template" {
                h2 #template { "The script" }
                blockquote.template { (multiline(s.template.trim())) }
            }
            form.stack method="post" action={"/scripts/" (s.name)} {
                (csrf_field(&viewer.csrf))
                @for v in &s.variables {
                    label for={"var-" (v.name)} { (v.description) " " code { "{" (v.name) "}" } }
                    input id={"var-" (v.name)} name=(v.name) type="text" required
                        value=(values.get(&v.name).map(String::as_str).unwrap_or(""));
                }
                button type="submit" { "Fill in" }
            }
        },
    )
}

async fn one(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Markup, PageError> {
    let s = find(&state, &viewer, &name).await?;
    Ok(script_view(&viewer, &s, &BTreeMap::new(), None, None))
}

async fn fill(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Form(mut fields): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let s = find(&state, &viewer, &name).await?;
    let s = &s;
    fields.remove(crate::csrf::FIELD);
    // Blanks left empty are reported as missing; extra fields are ignored
    // (a browser only sends the form's own fields).
    let values: BTreeMap<String, String> = fields
        .into_iter()
        .filter(|(k, v)| s.variables.iter().any(|var| &var.name == k) && !v.trim().is_empty())
        .collect();
    match s.fill(&values) {
        Ok(text) => Ok(script_view(&viewer, s, &values, Some(&text), None).into_response()),
        Err(e) => {
            let msg = match e {
                ScriptError::MissingVariables { .. } => format!("{e} Fill in each blank below."),
                other => other.to_string(),
            };
            Ok(with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                script_view(&viewer, s, &values, None, Some(&msg)),
            ))
        }
    }
}
