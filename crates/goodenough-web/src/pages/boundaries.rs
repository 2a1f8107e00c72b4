//! The Boundaries area: `/noes` (saying no, completed later with the guilt
//! afterwards), `/delegations`, `/scripts` (communication scripts with a
//! fill form and a copy button) and `/mistakes` (blameless reviews).
//!
//! Every form posts and redirects back with `?saved=ID`, which shows the
//! kind sentence and, when the text matched the crisis-language rules, the
//! help message (the record is saved either way). Invalid input comes back
//! with 422, the sentence and the typed values.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use goodenough_core::boundaries::{
    mean_guilt_drop, Delegation, MistakeInput, MistakeReview, NoInput, NoRecord, DELEGATION_SAVED,
    MISTAKE_SAVED, NO_SAVED,
};
use goodenough_core::scripts::{Script, ScriptError};
use goodenough_core::settings::today_in;
use goodenough_core::ValidationError;
use maud::{html, Markup};
use serde::Deserialize;

use super::help::help_block;
use super::layout::{csrf_field, multiline, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The menu path every page of this area marks as current.
pub const MENU_PATH: &str = "/noes";

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/noes", get(noes_page).post(create_no))
        .route("/noes/{id}", post(complete_no))
        .route(
            "/delegations",
            get(delegations_page).post(create_delegation),
        )
        .route("/delegations/{id}", post(complete_delegation))
        .route("/scripts", get(scripts_page))
        .route("/scripts/{name}", get(script_page).post(fill_script))
        .route("/mistakes", get(mistakes_page).post(create_mistake))
}

pub(crate) fn subnav(current: &str) -> Markup {
    let links = [
        ("/noes", "Saying no"),
        ("/delegations", "Delegations"),
        ("/scripts", "Scripts"),
        ("/mistakes", "Mistake reviews"),
        ("/timeboxes", "Timeboxes"),
        ("/boundaries/summary", "Summary"),
        ("/git", "Git"),
    ];
    html! {
        nav.subnav aria-label="Boundaries" {
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

async fn today(state: &AppState, person: &str) -> Result<NaiveDate, PageError> {
    let settings = state.store.settings(person).await?;
    Ok(today_in(settings.tz(), state.clock.now()))
}

/// The date typed (or today when blank) of something that happened: not
/// after today nor before 1970 (core's `clock::check_happened`).
fn date_or_today(
    raw: &str,
    today: NaiveDate,
    what: &'static str,
) -> Result<NaiveDate, ValidationError> {
    let date = if raw.trim().is_empty() {
        today
    } else {
        goodenough_core::text::parse_date(raw)?
    };
    goodenough_core::clock::check_happened(what, date, today)?;
    Ok(date)
}

/// An optional whole number typed in a form ("" is none).
fn optional_number(field: &str, raw: &str) -> Result<Option<i64>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse().map(Some).map_err(|_| {
        ValidationError::Other(format!(
            "{field} must be a whole number from 0 to 10; you gave \"{raw}\"."
        ))
    })
}

fn required_number(field: &str, raw: &str) -> Result<i64, ValidationError> {
    optional_number(field, raw)?.ok_or_else(|| {
        ValidationError::Other(format!("{field} is missing; give a number from 0 to 10."))
    })
}

fn optional_text(raw: &str) -> Option<&str> {
    Some(raw).filter(|s| !s.trim().is_empty())
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

/// What the page shows above its lists.
#[derive(Default)]
struct Flash {
    error: Option<String>,
    saved: Option<&'static str>,
    crisis: bool,
}

fn flash_block(state: &AppState, flash: &Flash) -> Markup {
    html! {
        @if flash.crisis { (help_block(state)) }
        @if let Some(s) = flash.saved { (notice("ok", s)) }
        @if let Some(e) = &flash.error { (notice("error", e)) }
    }
}

fn with_status(status: StatusCode, body: Markup) -> Response {
    (status, body).into_response()
}

// ---------------------------------------------------------------- saying no

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
    let noes = state.store.list_noes(&viewer.person).await?;
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

async fn noes_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let mut flash = Flash::default();
    if let Some(id) = q.saved.as_deref() {
        let noes = state.store.list_noes(&viewer.person).await?;
        if let Some(n) = noes.iter().find(|n| n.id == id) {
            flash.saved = Some(NO_SAVED);
            flash.crisis = state.safety.matches(no_texts(n));
        }
    }
    let form = NoForm {
        date: today(&state, &viewer.person).await?.to_string(),
        ..NoForm::default()
    };
    render_noes(&state, &viewer, &form, &flash).await
}

async fn create_no(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<NoForm>,
) -> Result<Response, PageError> {
    let today = today(&state, &viewer.person).await?;
    let built = (|| {
        let date = date_or_today(&f.date, today, "a no")?;
        NoRecord::new(
            goodenough_core::id::new_id(),
            state.clock.now(),
            date,
            &NoInput {
                request: &f.request,
                response: &f.response,
                guilt_before: required_number("Guilt before", &f.guilt_before)?,
                guilt_after: optional_number("Guilt after", &f.guilt_after)?,
                outcome: optional_text(&f.outcome),
            },
        )
    })();
    match built {
        Ok(n) => {
            state.store.add_no(&viewer.person, &n).await?;
            Ok(Redirect::to(&format!("/noes?saved={}", n.id)).into_response())
        }
        Err(e) => {
            let flash = Flash {
                error: Some(e.to_string()),
                ..Flash::default()
            };
            let body = render_noes(&state, &viewer, &f, &flash).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}

async fn complete_no(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(f): Form<CompleteNoForm>,
) -> Result<Response, PageError> {
    let noes = state.store.list_noes(&viewer.person).await?;
    let Some(mut n) = noes.into_iter().find(|n| n.id == id) else {
        return Err(PageError::new(
            StatusCode::NOT_FOUND,
            "There is no record of saying no with that id.",
        ));
    };
    let result = optional_number("Guilt after", &f.guilt_after)
        .and_then(|g| n.complete(g, optional_text(&f.outcome)));
    match result {
        Ok(()) => {
            state.store.update_no(&viewer.person, &n).await?;
            Ok(Redirect::to(&format!("/noes?saved={}", n.id)).into_response())
        }
        Err(e) => {
            let form = NoForm {
                date: today(&state, &viewer.person).await?.to_string(),
                ..NoForm::default()
            };
            let flash = Flash {
                error: Some(e.to_string()),
                ..Flash::default()
            };
            let body = render_noes(&state, &viewer, &form, &flash).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}

// -------------------------------------------------------------- delegations

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
    let all = state.store.list_delegations(&viewer.person).await?;
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

async fn delegations_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let mut flash = Flash::default();
    if let Some(id) = q.saved.as_deref() {
        let all = state.store.list_delegations(&viewer.person).await?;
        if let Some(d) = all.iter().find(|d| d.id == id) {
            flash.saved = Some(DELEGATION_SAVED);
            flash.crisis = state.safety.matches(delegation_texts(d));
        }
    }
    let form = DelegationForm {
        date: today(&state, &viewer.person).await?.to_string(),
        ..DelegationForm::default()
    };
    render_delegations(&state, &viewer, &form, &flash).await
}

async fn create_delegation(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<DelegationForm>,
) -> Result<Response, PageError> {
    let today = today(&state, &viewer.person).await?;
    let built = (|| {
        let date = date_or_today(&f.date, today, "a delegation")?;
        Delegation::new(
            goodenough_core::id::new_id(),
            state.clock.now(),
            date,
            &f.task,
            &f.to,
            optional_text(&f.outcome),
            parse_fine(&f.fine)?,
        )
    })();
    match built {
        Ok(d) => {
            state.store.add_delegation(&viewer.person, &d).await?;
            Ok(Redirect::to(&format!("/delegations?saved={}", d.id)).into_response())
        }
        Err(e) => {
            let flash = Flash {
                error: Some(e.to_string()),
                ..Flash::default()
            };
            let body = render_delegations(&state, &viewer, &f, &flash).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}

async fn complete_delegation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(f): Form<CompleteDelegationForm>,
) -> Result<Response, PageError> {
    let all = state.store.list_delegations(&viewer.person).await?;
    let Some(mut d) = all.into_iter().find(|d| d.id == id) else {
        return Err(PageError::new(
            StatusCode::NOT_FOUND,
            "There is no delegation with that id.",
        ));
    };
    let result = parse_fine(&f.fine).and_then(|fine| d.complete(optional_text(&f.outcome), fine));
    match result {
        Ok(()) => {
            state.store.update_delegation(&viewer.person, &d).await?;
            Ok(Redirect::to(&format!("/delegations?saved={}", d.id)).into_response())
        }
        Err(e) => {
            let form = DelegationForm {
                date: today(&state, &viewer.person).await?.to_string(),
                ..DelegationForm::default()
            };
            let flash = Flash {
                error: Some(e.to_string()),
                ..Flash::default()
            };
            let body = render_delegations(&state, &viewer, &form, &flash).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}

// ------------------------------------------------------------------ scripts

async fn scripts_page(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let lib = state.catalogues().scripts();
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

async fn script_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Markup, PageError> {
    let lib = state.catalogues().scripts();
    let s = lib
        .get(&name)
        .map_err(|_| PageError::new(StatusCode::NOT_FOUND, "There is no script with that name."))?;
    Ok(script_view(&viewer, s, &BTreeMap::new(), None, None))
}

async fn fill_script(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Form(mut fields): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let lib = state.catalogues().scripts();
    let s = lib
        .get(&name)
        .map_err(|_| PageError::new(StatusCode::NOT_FOUND, "There is no script with that name."))?;
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

// ----------------------------------------------------------------- mistakes

#[derive(Deserialize, Default, Clone)]
struct MistakeForm {
    #[serde(default)]
    what: String,
    #[serde(default)]
    cost: String,
    #[serde(default)]
    factors: String,
    #[serde(default)]
    taught: String,
    #[serde(default)]
    friend: String,
    #[serde(default)]
    thought_id: String,
    #[serde(default)]
    date: String,
}

async fn render_mistakes(
    state: &AppState,
    viewer: &Viewer,
    form: &MistakeForm,
    flash: &Flash,
) -> Result<Markup, PageError> {
    let all = state.store.list_mistakes(&viewer.person).await?;
    let thoughts = state.store.list_thoughts(&viewer.person, None).await?;
    Ok(page(
        viewer,
        "Mistake reviews",
        MENU_PATH,
        html! {
            (subnav("/mistakes"))
            h1 { "Mistake reviews" }
            (flash_block(state, flash))
            section aria-labelledby="new-mistake" {
                h2 #new-mistake { "Review a mistake, without blame" }
                p.hint { "Like an incident review: what happened, what it really cost, what made it likely, and what it taught. Then what you would say to a friend who had made it." }
                form.stack method="post" action="/mistakes" {
                    (csrf_field(&viewer.csrf))
                    label for="m-what" { "What happened?" }
                    textarea #m-what name="what" rows="2" required { (form.what) }
                    label for="m-cost" { "What did it actually cost?" }
                    textarea #m-cost name="cost" rows="2" required { (form.cost) }
                    label for="m-factors" { "Contributing factors (context, systems; optional)" }
                    textarea #m-factors name="factors" rows="2" { (form.factors) }
                    label for="m-taught" { "What did it teach you?" }
                    textarea #m-taught name="taught" rows="2" required { (form.taught) }
                    label for="m-friend" { "What would you tell a friend who made it?" }
                    textarea #m-friend name="friend" rows="2" required { (form.friend) }
                    label for="m-thought" { "The thought record it set off (optional)" }
                    select #m-thought name="thought_id" {
                        option value="" selected[form.thought_id.is_empty()] { "None" }
                        @for t in thoughts.iter().rev() {
                            option value=(t.id) selected[form.thought_id == t.id] {
                                (t.date) " — " (t.thought.chars().take(60).collect::<String>())
                            }
                        }
                    }
                    label for="m-date" { "Date" }
                    input #m-date name="date" type="date" value=(form.date);
                    button type="submit" { "Save review" }
                }
            }
            section aria-labelledby="mistakes-list" {
                h2 #mistakes-list { "Your reviews" }
                @if all.is_empty() {
                    p { "No reviews yet. A mistake looked at calmly often turns into the most useful lesson of the month." }
                } @else {
                    p.muted { "Newest first." }
                    ul.records {
                        @for m in all.iter().rev() {
                            li {
                                time datetime=(m.date) { (m.date) } " — " (multiline(&m.what))
                                br; span { "Cost: " (multiline(&m.cost)) }
                                @if let Some(f) = &m.factors { br; span { "Factors: " (multiline(f)) } }
                                br; span { "Taught: " (multiline(&m.taught)) }
                                br; span { "To a friend: " (multiline(&m.friend)) }
                                @if let Some(t) = &m.thought_id { br; a href={"/thoughts/" (t)} { "The thought record it set off" } }
                            }
                        }
                    }
                }
            }
        },
    ))
}

async fn mistakes_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let mut flash = Flash::default();
    if let Some(id) = q.saved.as_deref() {
        let all = state.store.list_mistakes(&viewer.person).await?;
        if let Some(m) = all.iter().find(|m| m.id == id) {
            flash.saved = Some(MISTAKE_SAVED);
            flash.crisis = state.safety.matches(m.texts());
        }
    }
    let form = MistakeForm {
        date: today(&state, &viewer.person).await?.to_string(),
        ..MistakeForm::default()
    };
    render_mistakes(&state, &viewer, &form, &flash).await
}

async fn create_mistake(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<MistakeForm>,
) -> Result<Response, PageError> {
    let today = today(&state, &viewer.person).await?;
    let thought_id = optional_text(&f.thought_id).map(str::trim);
    let link_ok = match thought_id {
        Some(t) => state.store.get_thought(&viewer.person, t).await?.is_some(),
        None => true,
    };
    let built = (|| {
        if !link_ok {
            return Err(ValidationError::Other(
                "That thought record was not found; choose one from the list or none.".into(),
            ));
        }
        let date = date_or_today(&f.date, today, "a mistake review")?;
        MistakeReview::new(
            goodenough_core::id::new_id(),
            state.clock.now(),
            date,
            &MistakeInput {
                what: &f.what,
                cost: &f.cost,
                factors: optional_text(&f.factors),
                taught: &f.taught,
                friend: &f.friend,
                thought_id: thought_id.map(str::to_string),
            },
        )
    })();
    match built {
        Ok(m) => {
            state.store.add_mistake(&viewer.person, &m).await?;
            Ok(Redirect::to(&format!("/mistakes?saved={}", m.id)).into_response())
        }
        Err(e) => {
            let flash = Flash {
                error: Some(e.to_string()),
                ..Flash::default()
            };
            let body = render_mistakes(&state, &viewer, &f, &flash).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}
