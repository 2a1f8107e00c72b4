//! `/content`, "Your content": a coach uploads their own programmes,
//! communication scripts and questionnaires (TOML, the format of the
//! shipped ones), sees them listed, reads one, replaces or removes it. The
//! upload form has a text box (works without JavaScript and on a phone);
//! with JavaScript, a file picker fills it. Every problem in a refused file
//! is listed by line and field, and nothing is kept. A client sees their
//! coaches' scripts and questionnaires here too.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use goodenough_app::content::{self, Uploaded};
use goodenough_app::AppError;
use goodenough_core::coach_content::{ContentKind, ContentProblem};
use goodenough_store::coach_content::ContentItem;
use goodenough_store::{Role, StoreError};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{csrf_field, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/content", get(list).post(upload))
        .route("/content/{id}", get(one))
        .route("/content/{id}/remove", post(remove))
}

#[derive(Deserialize, Default)]
struct Flash {
    saved: Option<String>,
    removed: Option<String>,
}

/// What the upload form shows again after a refusal.
#[derive(Default)]
struct Again {
    kind: Option<ContentKind>,
    text: String,
    replace: bool,
    error: Option<String>,
    problems: Vec<ContentProblem>,
}

fn kind_words(kind: ContentKind) -> &'static str {
    match kind {
        ContentKind::Programme => "Programme",
        ContentKind::Script => "Communication script",
        ContentKind::Questionnaire => "Questionnaire",
    }
}

fn item_list(items: &[ContentItem], from_coach: bool) -> Markup {
    html! {
        ul.content-list {
            @for c in items {
                li {
                    a href={"/content/" (c.id)} { (c.title) }
                    " "
                    span.muted {
                        (kind_words(c.kind)) " · id " code { (c.content_id) }
                        @if from_coach { " · from your coach " (c.coach_name) }
                    }
                }
            }
        }
    }
}

fn upload_form(viewer: &Viewer, again: &Again) -> Markup {
    html! {
        section aria-labelledby="upload-h" {
            h2 #upload-h { "Upload" }
            p { "A programme, communication script or questionnaire in the same TOML format as the shipped ones (see docs/programme-format.md and docs/practice.md). Everything is checked first; if anything is wrong, each problem is listed by line and field and nothing is kept." }
            @if let Some(e) = &again.error { (notice("error", e)) }
            @if !again.problems.is_empty() {
                div.notice.error role="alert" {
                    p { "The file was not kept. Fix these and upload it again:" }
                    ul { @for p in &again.problems { li { (p.to_string()) } } }
                }
            }
            form.stack method="post" action="/content" {
                (csrf_field(&viewer.csrf))
                label for="kind" { "What it is" }
                select #kind name="kind" {
                    @for k in ContentKind::ALL {
                        option value=(k.key()) selected[again.kind == Some(k)] { (kind_words(k)) }
                    }
                }
                // Shown by app.js, which reads the chosen file into the
                // text field below; without JavaScript, paste instead.
                div.file-pick hidden {
                    label for="toml_file" { "File" }
                    input #toml_file type="file" accept=".toml,text/plain" data-fills="toml";
                    p.hint #toml_file_status role="status" {}
                }
                label for="toml" { "File contents (TOML)" }
                textarea #toml name="toml" rows="12" required spellcheck="false" { (again.text) }
                label.check {
                    input type="checkbox" name="replace" value="on" checked[again.replace];
                    " Replace my own file with the same id"
                }
                button type="submit" { "Upload" }
            }
        }
    }
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    flash: &Flash,
    again: &Again,
) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let coach = viewer.role == Role::Coach;
    let mine = if coach {
        content::mine(&scope).await?
    } else {
        Vec::new()
    };
    let theirs = content::from_coaches(&scope).await?;
    Ok(page(
        viewer,
        "Your content",
        "/content",
        html! {
            h1 { "Your content" }
            @if flash.saved.is_some() { (notice("success", "Kept. Your clients can use it now.")) }
            @if flash.removed.is_some() { (notice("success", "Removed. Anyone who started a programme from it keeps their copy.")) }
            @if coach {
                p.muted { "Your own programmes, scripts and questionnaires. Your clients see your scripts and questionnaires beside the shipped ones, and you can name them in assignments." }
                @if mine.is_empty() {
                    p { "You have not uploaded anything yet." }
                } @else {
                    (item_list(&mine, false))
                }
                (upload_form(viewer, again))
            }
            @if !theirs.is_empty() || !coach {
                section aria-labelledby="coaches-h" {
                    h2 #coaches-h { "From your coach" }
                    @if theirs.is_empty() {
                        p { "Your coach has not shared any scripts or questionnaires of their own." }
                    } @else {
                        (item_list(&theirs, true))
                    }
                }
            }
        },
    ))
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(flash): Query<Flash>,
) -> Result<Markup, PageError> {
    render(&state, &viewer, &flash, &Again::default()).await
}

#[derive(Deserialize)]
struct UploadForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    toml: String,
    #[serde(default)]
    replace: Option<String>,
}

async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<UploadForm>,
) -> Result<Response, PageError> {
    let mut again = Again {
        kind: ContentKind::parse(&form.kind).ok(),
        text: form.toml.clone(),
        replace: form.replace.is_some(),
        ..Again::default()
    };
    let asked = content::Upload {
        kind: form.kind,
        text: form.toml,
        replace: again.replace,
    };
    match content::upload(&state.scope(&viewer.person), asked).await {
        Ok(Uploaded::Kept(_)) => Ok(Redirect::to("/content?saved=1").into_response()),
        Ok(Uploaded::Refused(problems)) => {
            again.problems = problems;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&state, &viewer, &Flash::default(), &again).await?,
            )
                .into_response())
        }
        Err(AppError::Store(StoreError::Conflict(m))) => {
            again.error = Some(m);
            Ok((
                StatusCode::CONFLICT,
                render(&state, &viewer, &Flash::default(), &again).await?,
            )
                .into_response())
        }
        Err(AppError::Invalid(e)) => {
            again.error = Some(e.to_string());
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&state, &viewer, &Flash::default(), &again).await?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn one(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let item = content::get(&state.scope(&viewer.person), &id).await?;
    let mine = item.coach_id == viewer.person;
    let again = Again {
        kind: Some(item.kind),
        text: item.body.clone(),
        replace: true,
        ..Again::default()
    };
    Ok(page(
        &viewer,
        &item.title,
        "/content",
        html! {
            p { a href="/content" { "Your content" } }
            h1 { (item.title) }
            p.muted {
                (kind_words(item.kind)) " · id " code { (item.content_id) }
                @if !mine { " · from your coach " (item.coach_name) }
                " · uploaded " (item.uploaded_at.date_naive())
            }
            pre.toml { code { (item.body) } }
            @if mine {
                form.inline method="post" action={"/content/" (item.id) "/remove"} {
                    (csrf_field(&viewer.csrf))
                    button.secondary type="submit" { "Remove" }
                }
                p.muted { "To replace it, change the text below and upload it; \"Replace\" is already ticked." }
                (upload_form(&viewer, &again))
            }
        },
    ))
}

async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Redirect, PageError> {
    content::remove(&state.scope(&viewer.person), &id).await?;
    Ok(Redirect::to("/content?removed=1"))
}
