//! The Experiments area: `/ladder` (the exposure ladder, with an add form
//! and the large steps pointed out) and `/experiments` (fear calibration
//! first, then the plan form and every experiment, with a record form on
//! the ones still waiting for their result). Saving redirects back with
//! `?saved=ID`, which shows a kind note and, when the text matched the
//! crisis-language rules, the help message (the entry is saved either way).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use chrono::NaiveDate;
use goodenough_app::experiments::{self, Recording};
use goodenough_app::AppError;
use goodenough_core::calibration::CalibrationReport;
use goodenough_core::experiment::{Experiment, Happened, Rung};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;

use super::help::help_block;
use super::layout::{csrf_field, multiline, notice, page};
use super::progress::{legend, line_chart, Axis, ChartText, Line, Step, Tone};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/ladder", get(show_ladder).post(add_rung))
        .route("/ladder/{id}/done", post(rung_done))
        .route("/experiments", get(show_experiments).post(plan))
        .route("/experiments/{id}/record", post(record))
}

/// A use case's refusal in the words this page has always used (those of
/// the API: "There is no rung with that id.").
fn refused(e: AppError) -> PageError {
    match e {
        AppError::NotFound { what } => PageError::new(
            StatusCode::NOT_FOUND,
            format!("There is no {what} with that id."),
        ),
        other => other.into(),
    }
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
struct RungForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    distress: String,
}

#[derive(Deserialize, Default, Clone)]
struct PlanForm {
    #[serde(default)]
    belief: String,
    #[serde(default)]
    prediction: String,
    #[serde(default)]
    likelihood: String,
    #[serde(default)]
    anxiety: String,
    #[serde(default)]
    rung_id: String,
    #[serde(default)]
    due: String,
}

#[derive(Deserialize, Default, Clone)]
struct RecordForm {
    #[serde(default)]
    happened: String,
    #[serde(default)]
    actual: String,
    #[serde(default)]
    anxiety_after: String,
    #[serde(default)]
    learned: String,
    #[serde(default)]
    belief_after: String,
    #[serde(default)]
    date: String,
}

fn number(field: &str, raw: &str) -> Result<i64, PageError> {
    raw.trim().parse().map_err(|_| {
        PageError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{field} must be a whole number from 0 to 100."),
        )
    })
}

fn optional_number(field: &str, raw: &str) -> Result<Option<i64>, PageError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        number(field, raw).map(Some)
    }
}

fn optional_date(raw: &str) -> Result<Option<NaiveDate>, PageError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Ok(Some(goodenough_core::text::parse_date(raw)?))
    }
}

// ---------------------------------------------------------------- ladder

async fn render_ladder(
    state: &AppState,
    viewer: &Viewer,
    form: &RungForm,
    error: Option<&str>,
    saved: Option<&Rung>,
) -> Result<Markup, PageError> {
    let ladder = experiments::ladder(&state.scope(&viewer.person)).await?;
    Ok(page(
        viewer,
        "Exposure ladder",
        "/experiments",
        html! {
            h1 { "Exposure ladder" }
            p.hint { "Steps from least to most uncomfortable. Climb one at a time, at your pace; each rung is practice, whatever happens on it. " a href="/experiments" { "Experiments and calibration" } }
            @if let Some(r) = saved {
                @if state.safety.matches([r.action.as_str()]) { (help_block(state)) }
                (notice("ok", "Rung added."))
            }
            section aria-labelledby="ladder-h" {
                h2 #ladder-h { "Your ladder" }
                @if ladder.rungs.is_empty() {
                    p { "Your ladder is empty. Start with a small step that feels only a little uncomfortable." }
                } @else {
                    p { (ladder.done()) " of " (ladder.rungs.len()) " rungs climbed." }
                    ol.ladder {
                        @for r in &ladder.rungs {
                            li {
                                @if let Some(d) = r.done_on {
                                    span.done { "✓ Climbed " time datetime=(d) { (d) } " — " }
                                }
                                strong { (r.distress) } " / 100 — " (r.action)
                                @if r.done_on.is_none() {
                                    form.inline method="post" action=(format!("/ladder/{}/done", r.id)) {
                                        (csrf_field(&viewer.csrf))
                                        button type="submit" { "Mark climbed" }
                                    }
                                }
                                @if let Some(g) = ladder.gaps.iter().find(|g| g.from == r.id) {
                                    p.gap role="note" { (g.hint()) }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="add-rung" {
                h2 #add-rung { "Add a rung" }
                @if let Some(e) = error { (notice("error", e)) }
                form.stack method="post" action="/ladder" {
                    (csrf_field(&viewer.csrf))
                    label for="rung-action" { "What will you do?" }
                    input #rung-action name="action" type="text" required value=(form.action);
                    label for="rung-distress" { "How distressing does it feel? (0-100)" }
                    input #rung-distress name="distress" type="number" min="0" max="100" required value=(form.distress);
                    button type="submit" { "Add rung" }
                }
            }
        },
    ))
}

async fn show_ladder(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let saved = match q.saved.as_deref() {
        Some(id) => experiments::get_rung(&state.scope(&viewer.person), id)
            .await
            .ok(),
        None => None,
    };
    render_ladder(&state, &viewer, &RungForm::default(), None, saved.as_ref()).await
}

async fn add_rung(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<RungForm>,
) -> Result<Response, PageError> {
    let built = match number("distress", &f.distress) {
        Ok(d) => experiments::add_rung(&state.scope(&viewer.person), &f.action, d)
            .await
            .map_err(refused),
        Err(e) => Err(e),
    };
    match built {
        Ok(r) => Ok(Redirect::to(&format!("/ladder?saved={}", r.id)).into_response()),
        Err(e) => {
            let body = render_ladder(&state, &viewer, &f, Some(&e.message), None).await?;
            Ok((e.status, body).into_response())
        }
    }
}

async fn rung_done(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    experiments::rung_done(&state.scope(&viewer.person), &id, None)
        .await
        .map_err(refused)?;
    Ok(Redirect::to("/ladder").into_response())
}

// ----------------------------------------------------------- experiments

fn pct(v: f64) -> String {
    format!("{v:.0}%")
}

/// The fear calibration per month; the month of `today`, still under way,
/// is drawn dashed and named "so far" in the table.
fn calibration_section(report: &CalibrationReport, today: chrono::NaiveDate) -> Markup {
    let this_month = Step::Month.start_of(today);
    html! {
        section aria-labelledby="calibration-h" {
            h2 #calibration-h { "Fear calibration" }
            p.headline { strong { (report.sentence) } }
            @if let Some(o) = &report.overall {
                dl.figures {
                    dt { "Recorded experiments" } dd { (o.experiments) }
                    dt { "Mean predicted likelihood" } dd { (pct(o.mean_predicted)) }
                    dt { "Observed rate (partly counts half)" } dd { (pct(o.observed_rate)) }
                    dt { "Brier score (0 is perfect, 0.25 a coin toss)" } dd { (format!("{:.3}", o.brier)) }
                }
                @let dated: Vec<(chrono::NaiveDate, &goodenough_core::calibration::MonthCalibration)> = report.months.iter().filter_map(|m| Some((Step::month_of_key(&m.month)?, m))).collect();
                @let so_far = dated.last().is_some_and(|(d, _)| *d == this_month);
                @if let Some(axis) = Axis::spanning(Step::Month, dated.iter().map(|(d, _)| *d), so_far, 120).filter(|_| dated.len() >= 2) {
                    @let labels = axis.labels();
                    @let desc = format!(
                        "Per month from {} to {}: how likely the feared outcome felt on average, against how often it happened.",
                        labels[0], labels[labels.len() - 1]
                    );
                    @let svg = line_chart(
                        &ChartText { id: "chart-calibration", title: "Predicted against observed, per month", desc: &desc },
                        &axis,
                        &[
                            Line { name: "Predicted", tone: Tone::Grey, values: axis.place(dated.iter().map(|(d, m)| (*d, Some(m.figures.mean_predicted)))) },
                            Line { name: "Observed", tone: Tone::Teal, values: axis.place(dated.iter().map(|(d, m)| (*d, Some(m.figures.observed_rate)))) },
                        ],
                        (0.0, 100.0),
                    );
                    @if let Some(svg) = svg { figure { (PreEscaped(svg)) } }
                    (legend(&[("Predicted", Tone::Grey), ("Observed", Tone::Teal)], &axis))
                    p { (desc) " A month without experiments is a gap." }
                }
                details {
                    summary { "The numbers per month" }
                    div.table-scroll tabindex="0" {
                        table {
                            caption.visually-hidden { "Fear calibration per month" }
                            thead { tr { th scope="col" { "Month" } th scope="col" { "Experiments" } th scope="col" { "Predicted" } th scope="col" { "Observed" } th scope="col" { "Brier" } } }
                            tbody {
                                @for m in &report.months {
                                    tr {
                                        th scope="row" {
                                            (Step::month_of_key(&m.month).map_or_else(|| m.month.clone(), |d| Step::Month.label(d)))
                                            @if Step::month_of_key(&m.month) == Some(this_month) { " (so far)" }
                                        }
                                        td { (m.figures.experiments) }
                                        td { (pct(m.figures.mean_predicted)) }
                                        td { (pct(m.figures.observed_rate)) }
                                        td { (format!("{:.3}", m.figures.brier)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn happened_label(h: Happened) -> &'static str {
    match h {
        Happened::Yes => "it happened",
        Happened::Partly => "it partly happened",
        Happened::No => "it did not happen",
    }
}

fn experiment_item(viewer: &Viewer, e: &Experiment, today: NaiveDate) -> Markup {
    html! {
        li id=(format!("e-{}", e.id)) {
            p {
                time datetime=(e.date) { (e.date) } " — "
                strong { "Belief: " } (multiline(&e.belief)) br;
                strong { "Feared: " } (multiline(&e.prediction)) " (" (e.likelihood) "% likely, anxiety " (e.anxiety) ")"
                @if let Some(d) = e.due { br; "Due " time datetime=(d) { (d) } }
            }
            @if let Some(r) = &e.result {
                p {
                    strong { "After (" time datetime=(r.date) { (r.date) } "): " } (happened_label(r.happened)) ". "
                    (multiline(&r.actual)) br;
                    "Anxiety " (e.anxiety) " → " (r.anxiety_after)
                    @if let Some(b) = r.belief_after { "; belief now " (b) "/100" }
                    br; strong { "Learned: " } (multiline(&r.learned))
                }
            } @else {
                details {
                    summary { "Record what happened" }
                    form.stack method="post" action=(format!("/experiments/{}/record", e.id)) {
                        (csrf_field(&viewer.csrf))
                        fieldset {
                            legend { "Did the feared outcome happen?" }
                            @for (value, label) in [("no", "No"), ("partly", "Partly"), ("yes", "Yes")] {
                                label { input type="radio" name="happened" value=(value) required; " " (label) }
                            }
                        }
                        label for=(format!("actual-{}", e.id)) { "What actually happened?" }
                        textarea id=(format!("actual-{}", e.id)) name="actual" rows="2" required {}
                        label for=(format!("after-{}", e.id)) { "Anxiety now (0-100)" }
                        input id=(format!("after-{}", e.id)) name="anxiety_after" type="number" min="0" max="100" required;
                        label for=(format!("learned-{}", e.id)) { "What did it teach you?" }
                        textarea id=(format!("learned-{}", e.id)) name="learned" rows="2" required {}
                        label for=(format!("belief-{}", e.id)) { "How strongly do you hold the belief now? (0-100, optional)" }
                        input id=(format!("belief-{}", e.id)) name="belief_after" type="number" min="0" max="100";
                        label for=(format!("date-{}", e.id)) { "Date" }
                        input id=(format!("date-{}", e.id)) name="date" type="date" value=(today);
                        button type="submit" { "Save result" }
                    }
                }
            }
        }
    }
}

async fn render_experiments(
    state: &AppState,
    viewer: &Viewer,
    form: &PlanForm,
    error: Option<&str>,
    saved: Option<&Experiment>,
) -> Result<Markup, PageError> {
    let experiments::Overview {
        today,
        experiments: list,
        calibration: report,
        ladder,
    } = experiments::overview(&state.scope(&viewer.person)).await?;
    Ok(page(
        viewer,
        "Experiments",
        "/experiments",
        html! {
            h1 { "Experiments" }
            p.hint { "Test a belief: write down what you fear and how likely it feels, try it, then note what actually happened. Whatever happens is information, never a failure. " a href="/ladder" { "Your exposure ladder" } }
            @if let Some(e) = saved {
                @if state.safety.matches(e.texts()) { (help_block(state)) }
                (notice("ok", if e.result.is_some() { "Result saved. Whatever happened, you learned something real." } else { "Experiment planned. Come back afterwards to note what actually happened." }))
            }
            (calibration_section(&report, today))
            section aria-labelledby="plan-h" {
                h2 #plan-h { "Plan an experiment" }
                @if let Some(e) = error { (notice("error", e)) }
                form.stack method="post" action="/experiments" {
                    (csrf_field(&viewer.csrf))
                    label for="plan-belief" { "Which belief are you testing?" }
                    textarea #plan-belief name="belief" rows="2" required { (form.belief) }
                    label for="plan-prediction" { "What do you fear will happen?" }
                    textarea #plan-prediction name="prediction" rows="2" required { (form.prediction) }
                    label for="plan-likelihood" { "How likely does that feel? (0-100)" }
                    input #plan-likelihood name="likelihood" type="number" min="0" max="100" required value=(form.likelihood);
                    label for="plan-anxiety" { "How anxious are you now? (0-100)" }
                    input #plan-anxiety name="anxiety" type="number" min="0" max="100" required value=(form.anxiety);
                    @if !ladder.rungs.is_empty() {
                        label for="plan-rung" { "Rung of your ladder (optional)" }
                        select #plan-rung name="rung_id" {
                            option value="" { "None" }
                            @for r in &ladder.rungs {
                                option value=(r.id) selected[form.rung_id == r.id] { (r.distress) " — " (r.action) }
                            }
                        }
                    }
                    label for="plan-due" { "When will you try it? (optional)" }
                    input #plan-due name="due" type="date" value=(form.due);
                    button type="submit" { "Plan experiment" }
                }
            }
            section aria-labelledby="list-h" {
                h2 #list-h { "Your experiments" }
                @if list.is_empty() {
                    p { "No experiments yet. A small one is a fine start." }
                } @else {
                    p.muted { "Newest first." }
                    ul.experiments {
                        @for e in list.iter().rev() { (experiment_item(viewer, e, today)) }
                    }
                }
            }
        },
    ))
}

async fn show_experiments(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let saved = match q.saved.as_deref() {
        Some(id) => experiments::get_experiment(&state.scope(&viewer.person), id)
            .await
            .ok(),
        None => None,
    };
    render_experiments(&state, &viewer, &PlanForm::default(), None, saved.as_ref()).await
}

async fn plan(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<PlanForm>,
) -> Result<Response, PageError> {
    let built: Result<experiments::NewExperiment, PageError> = (|| {
        Ok(experiments::NewExperiment {
            date: None,
            belief: f.belief.clone(),
            prediction: f.prediction.clone(),
            likelihood: number("likelihood", &f.likelihood)?,
            anxiety: number("anxiety", &f.anxiety)?,
            rung_id: Some(f.rung_id.clone()),
            due: optional_date(&f.due)?,
        })
    })();
    let saved = match built {
        Ok(new) => match experiments::plan(&state.scope(&viewer.person), new).await {
            Err(AppError::NotFound { .. }) => Err(PageError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                experiments::NOT_ON_LADDER,
            )),
            other => other.map_err(refused),
        },
        Err(e) => Err(e),
    };
    match saved {
        Ok(e) => Ok(Redirect::to(&format!("/experiments?saved={}", e.id)).into_response()),
        Err(e) if e.status.is_client_error() => {
            let body = render_experiments(&state, &viewer, &f, Some(&e.message), None).await?;
            Ok((e.status, body).into_response())
        }
        Err(e) => Err(e),
    }
}

async fn record(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(f): Form<RecordForm>,
) -> Result<Response, PageError> {
    // Not yours (or not there): a plain 404, before looking at the form.
    let scope = state.scope(&viewer.person);
    let existing = experiments::get_experiment(&scope, &id)
        .await
        .map_err(refused)?;
    let built: Result<experiments::NewResult, PageError> = (|| {
        Ok(experiments::NewResult {
            date: optional_date(&f.date)?,
            happened: f.happened.clone(),
            actual: f.actual.clone(),
            anxiety_after: number("anxiety after", &f.anxiety_after)?,
            learned: f.learned.clone(),
            belief_after: optional_number("belief after", &f.belief_after)?,
        })
    })();
    let saved = match built {
        Ok(new) => match experiments::record(&scope, &existing.id, new).await {
            Ok(Recording::Saved(e)) => Ok(e),
            Ok(Recording::AlreadyRecorded { on, .. }) => Err(PageError::new(
                StatusCode::CONFLICT,
                experiments::already_recorded(on),
            )),
            Ok(Recording::RecordedMeanwhile(_)) => Err(PageError::new(
                StatusCode::CONFLICT,
                experiments::RECORDED_MEANWHILE,
            )),
            Err(e) => Err(refused(e)),
        },
        Err(e) => Err(e),
    };
    match saved {
        Ok(e) => {
            Ok(Redirect::to(&format!("/experiments?saved={}#e-{}", e.id, e.id)).into_response())
        }
        Err(e) if e.status.is_client_error() => {
            let body = render_experiments(
                &state,
                &viewer,
                &PlanForm::default(),
                Some(&e.message),
                None,
            )
            .await?;
            Ok((e.status, body).into_response())
        }
        Err(e) => Err(e),
    }
}
