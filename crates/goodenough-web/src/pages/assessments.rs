//! `/assessments` (the questionnaires and your results over time),
//! `/assessments/{id}` (take one; its history with, where it has norms, the
//! reliable-change classification worded for self-reflection) and `/intake`
//! (the four problem areas with your own examples).
//!
//! Forms post and redirect back with `?saved=ID`; an answer at or past an
//! item's safety threshold, or an example matching the crisis rules, shows
//! the help-now block at once on that page. Invalid input comes back with
//! 422 and the sentence.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Form;
use goodenough_app::assessments::{self, NewAssessment};
use goodenough_app::AppError;
use goodenough_core::assessment::{
    AssessmentResult, HistoryEntry, Instrument, PERFECTIONISM_SNAPSHOT,
};
use maud::{html, Markup};
use serde::Deserialize;

use super::help::help_block;
use super::layout::{csrf_field, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The menu path these pages mark as current.
pub const MENU_PATH: &str = "/assessments";

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/assessments", get(list_page))
        .route("/assessments/{id}", get(instrument_page).post(take))
        .route("/intake", get(intake_page).post(intake))
}

/// The questionnaire `id` (shipped or the data directory's own).
fn find<'a>(state: &'a AppState, id: &str) -> Result<&'a Instrument, PageError> {
    state
        .catalogues()
        .instruments()
        .iter()
        .find(|i| i.id == id)
        .ok_or_else(PageError::not_found)
}

/// The questionnaire `id` among those `person` can take (the server's and
/// their coaches').
async fn find_for(state: &AppState, person: &str, id: &str) -> Result<Instrument, PageError> {
    assessments::available(&state.scope(person), state.catalogues().instruments())
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(PageError::not_found)
}

pub(crate) fn fmt_score(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

/// Whether a saved result needs the help-now block: an item at or past its
/// safety threshold, or crisis language in the person's own words.
pub fn needs_help(state: &AppState, i: &Instrument, r: &AssessmentResult) -> bool {
    let past = r.answers.iter().any(|a| {
        i.items
            .iter()
            .any(|it| it.id == a.item && it.safety_threshold.is_some_and(|t| a.value >= t))
    });
    past || state
        .safety
        .matches(r.notes.values().map(String::as_str).collect::<Vec<_>>())
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

async fn list_page(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let all = &assessments::available(
        &state.scope(&viewer.person),
        state.catalogues().instruments(),
    )
    .await?;
    let results = assessments::list(&state.scope(&viewer.person), None).await?;
    Ok(page(
        &viewer,
        "Questionnaires",
        MENU_PATH,
        html! {
            (super::awareness::subnav("/assessments"))
            h1 { "Questionnaires" }
            p { "Short questionnaires to notice patterns over time. The scores are for your own reflection, never a diagnosis." }
            p { a href="/intake" { "Intake: rate the four problem areas" } }
            ul.records {
                @for i in all {
                    @let mine: Vec<&AssessmentResult> = results.iter().filter(|r| r.instrument == i.id).collect();
                    li {
                        a href={"/assessments/" (i.id)} { (i.title) }
                        " — " (i.items.len()) " items"
                        @if i.source.starts_with("from your coach") { " (" (i.source) ")" }
                        @if let Some(last) = mine.last() {
                            br;
                            span { (mine.len()) " result(s); latest " (last.date) ": " (fmt_score(last.total)) }
                        }
                    }
                }
            }
        },
    ))
}

fn history_block(i: &Instrument, entries: &[HistoryEntry]) -> Markup {
    html! {
        section aria-labelledby="history" {
            h2 #history { "Your results" }
            @if entries.is_empty() {
                p { "No results yet. Your first one becomes the baseline later ones are compared with." }
            } @else {
                @let cutoff = i.cutoff();
                div.table-scroll tabindex="0" {
                    table {
                        thead { tr {
                            th { "Date" } th { "Score" } th { "Compared with your first result" }
                            @if let Some(c) = cutoff { th { "Side of the cut-off (" (fmt_score(c)) ")" } }
                        } }
                        tbody {
                            @for (n, e) in entries.iter().enumerate() {
                                tr {
                                    td { (e.result.date) }
                                    td { (fmt_score(e.result.total)) }
                                    td {
                                        @if n == 0 { "baseline" }
                                        @else if let Some(c) = &e.change {
                                            (c.classification.word())
                                            " (RCI " (format!("{:+.2}", c.rci)) "): " (c.classification.sentence())
                                        }
                                    }
                                    @if cutoff.is_some() {
                                        td { @if let Some(b) = &e.band { (b.words(i.higher_is_better)) } }
                                    }
                                }
                            }
                        }
                    }
                }
                @if let Some(note) = entries.last().and_then(|e| i.note_for(e.result.total)) {
                    p.note { (note) }
                }
                @if i.norms.is_none() {
                    p.muted { "This questionnaire has no norms, so there is no reliable-change figure; the trend is yours to read." }
                }
            }
        }
    }
}

async fn render_instrument(
    state: &AppState,
    viewer: &Viewer,
    i: &Instrument,
    error: Option<&str>,
    crisis: bool,
    saved: bool,
) -> Result<Markup, PageError> {
    let entries = assessments::history_of(&state.scope(&viewer.person), i).await?;
    Ok(page(
        viewer,
        &i.title,
        MENU_PATH,
        html! {
            h1 { (i.title) }
            @if crisis { (help_block(state)) }
            @if saved { (notice("ok", "Saved. Scores are for reflection, not a verdict.")) }
            @if let Some(e) = error { (notice("error", e)) }
            p { (i.instructions) }
            p.muted { (i.licence) }
            // On a phone with JavaScript, app.js shows one item at a time
            // (data-one-by-one); without it, the whole form as here.
            form.stack.questionnaire method="post" action={"/assessments/" (i.id)} data-one-by-one {
                (csrf_field(&viewer.csrf))
                @for item in &i.items {
                    fieldset.item {
                        legend { (item.text) }
                        div.options {
                            @for (v, l) in i.scale.values.iter().zip(&i.scale.labels) {
                                label.option {
                                    input type="radio" name=(item.id) value=(v) required;
                                    span { (v) @if !l.is_empty() { " (" (l) ")" } }
                                }
                            }
                        }
                    }
                }
                button type="submit" { "Save" }
            }
            (history_block(i, &entries))
        },
    ))
}

async fn instrument_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let i = &find_for(&state, &viewer.person, &id).await?;
    let mut crisis = false;
    let mut saved = false;
    if let Some(rid) = q.saved.as_deref() {
        match assessments::get(&state.scope(&viewer.person), rid).await {
            Ok(r) if r.instrument == i.id => {
                saved = true;
                crisis = needs_help(&state, i, &r);
            }
            Ok(_) | Err(AppError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    render_instrument(&state, &viewer, i, None, crisis, saved).await
}

async fn save(
    state: &AppState,
    viewer: &Viewer,
    i: &Instrument,
    form: &BTreeMap<String, String>,
    notes: BTreeMap<String, String>,
) -> Result<Result<AssessmentResult, String>, PageError> {
    let mut answers = Vec::new();
    for item in &i.items {
        let raw = form.get(&item.id).map(|s| s.trim()).unwrap_or("");
        if raw.is_empty() {
            return Ok(Err(format!("Please answer \"{}\".", item.text)));
        }
        match raw.parse::<i64>() {
            Ok(v) => answers.push(v),
            Err(_) => {
                return Ok(Err(format!(
                    "The answer to \"{}\" is not a number on the scale.",
                    item.text
                )))
            }
        }
    }
    let new = NewAssessment {
        answers,
        notes,
        date: None,
    };
    match assessments::record(&state.scope(&viewer.person), i, new).await {
        Ok(recorded) => {
            if needs_help(state, i, &recorded.result) {
                // Help is on the page that follows: keep the date (only).
                crate::signpost::keep_date(state, &viewer.person).await;
            }
            Ok(Ok(recorded.result))
        }
        Err(AppError::Invalid(e)) => Ok(Err(e.to_string())),
        Err(e) => Err(e.into()),
    }
}

async fn take(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let i = &find_for(&state, &viewer.person, &id).await?;
    match save(&state, &viewer, i, &form, BTreeMap::new()).await? {
        Ok(r) => Ok(Redirect::to(&format!("/assessments/{}?saved={}", i.id, r.id)).into_response()),
        Err(e) => {
            let body = render_instrument(&state, &viewer, i, Some(&e), false, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
    }
}

fn render_intake(
    state: &AppState,
    viewer: &Viewer,
    i: &Instrument,
    error: Option<&str>,
    crisis: bool,
    saved: bool,
    first: bool,
) -> Markup {
    page(
        viewer,
        "Intake",
        MENU_PATH,
        html! {
            h1 { "Intake" }
            @if crisis { (help_block(state)) }
            @if saved { (notice("ok", "Saved. Coming back to this about once a month shows how things move.")) }
            @if let Some(e) = error { (notice("error", e)) }
            p { (i.instructions) }
            @if first { p { "Your first intake becomes your baseline." } }
            p.muted { (i.licence) }
            form.stack method="post" action="/intake" {
                (csrf_field(&viewer.csrf))
                @for item in &i.items {
                    label for={"r-" (item.id)} { (item.text) " (0-10)" }
                    input id={"r-" (item.id)} name=(item.id) type="number" min="0" max="10" required;
                    label for={"e-" (item.id)} { "An example, in your own words (optional)" }
                    textarea id={"e-" (item.id)} name={"example_" (item.id)} rows="2" {}
                }
                button type="submit" { "Save" }
            }
            p { a href={"/assessments/" (PERFECTIONISM_SNAPSHOT)} { "Your results over time" } }
        },
    )
}

async fn intake_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let i = find(&state, PERFECTIONISM_SNAPSHOT)?;
    let results = assessments::list(&state.scope(&viewer.person), Some(&i.id)).await?;
    let saved = q
        .saved
        .as_deref()
        .and_then(|rid| results.iter().find(|r| r.id == rid));
    let crisis = saved.is_some_and(|r| needs_help(&state, i, r));
    Ok(render_intake(
        &state,
        &viewer,
        i,
        None,
        crisis,
        saved.is_some(),
        results.is_empty(),
    ))
}

async fn intake(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let i = find(&state, PERFECTIONISM_SNAPSHOT)?;
    let notes = i
        .items
        .iter()
        .filter_map(|it| {
            form.get(&format!("example_{}", it.id))
                .map(|e| (it.id.clone(), e.clone()))
        })
        .collect();
    match save(&state, &viewer, i, &form, notes).await? {
        Ok(r) => Ok(Redirect::to(&format!("/intake?saved={}", r.id)).into_response()),
        Err(e) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render_intake(&state, &viewer, i, Some(&e), false, false, false),
        )
            .into_response()),
    }
}
