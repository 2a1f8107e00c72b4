//! `/evidence`: the evidence log of accomplishments and praise, the form to
//! add one, and the attribution summary (how much of the credit goes to the
//! person's own effort or ability, month by month).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Form;
use goodenough_app::evidence;
use goodenough_core::evidence::{
    summarize, Attribution, EvidenceEntry, EvidenceKind, EvidenceSummary,
};
use goodenough_core::ValidationError;
use maud::{html, Markup};
use serde::Deserialize;

use super::answer::checked;
use super::help::help_block;
use super::layout::{csrf_field, multiline, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new().route("/evidence", get(show).post(add))
}

#[derive(Deserialize, Default)]
struct EvidenceForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    attribution: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    date: String,
}

#[derive(Deserialize)]
struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn summary_table(s: &EvidenceSummary) -> Markup {
    html! {
        p { (s.message) }
        @if !s.months.is_empty() {
            div.table-scroll tabindex="0" {
                table.evidence-summary {
                    caption { "What you put your evidence down to, month by month" }
                    thead {
                        tr {
                            th scope="col" { "Month" }
                            th scope="col" { "Entries" }
                            @for a in Attribution::ALL { th scope="col" { (a.as_str()) } }
                            th scope="col" { "Own effort or ability" }
                        }
                    }
                    tbody {
                        @for m in &s.months {
                            tr {
                                th scope="row" { (m.month) }
                                td { (m.total) }
                                @for a in Attribution::ALL { td { (m.counts.get(a)) } }
                                td { (pct(m.own_share)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn evidence_page(
    state: &AppState,
    viewer: &Viewer,
    entries: &[EvidenceEntry],
    form: &EvidenceForm,
    error: Option<&str>,
    crisis: bool,
) -> Markup {
    let summary = summarize(entries);
    let kind = if form.kind.is_empty() {
        "accomplishment"
    } else {
        form.kind.as_str()
    };
    let attribution = if form.attribution.is_empty() {
        "effort"
    } else {
        form.attribution.as_str()
    };
    page(
        viewer,
        "Evidence",
        "/wins",
        html! {
            h1 { "Evidence log" }
            @if crisis { (help_block(state)) }
            p.hint { "Things you did and kind words you heard, with what you put each one down to. Over the months the pattern says more than any single entry." }
            section aria-labelledby="evidence-form" {
                h2 #evidence-form { "Add evidence" }
                @if let Some(e) = error { (notice("error", e)) }
                form.stack method="post" action="/evidence" {
                    (csrf_field(&viewer.csrf))
                    fieldset {
                        legend { "Kind" }
                        @for (value, label) in [("accomplishment", "Something I did"), ("praise", "Something someone said")] {
                            label {
                                input type="radio" name="kind" value=(value) checked[kind == value];
                                " " (label)
                            }
                        }
                    }
                    label for="evidence-text" { "What happened" }
                    textarea #evidence-text name="text" rows="2" required { (form.text) }
                    label for="evidence-source" { "Who said it or helped (optional)" }
                    input type="text" #evidence-source name="source" value=(form.source);
                    fieldset {
                        legend { "What do you put it down to?" }
                        @for a in Attribution::ALL {
                            label {
                                input type="radio" name="attribution" value=(a.as_str()) checked[attribution == a.as_str()];
                                " " (a.as_str())
                            }
                        }
                    }
                    label for="evidence-date" { "Date (empty: today)" }
                    input #evidence-date name="date" type="date" value=(form.date);
                    button type="submit" { "Add" }
                }
            }
            section aria-labelledby="evidence-summary" {
                h2 #evidence-summary { "Attribution summary" }
                (summary_table(&summary))
            }
            section aria-labelledby="evidence-list" {
                h2 #evidence-list { "Your evidence" }
                @if entries.is_empty() {
                    p { "Nothing yet. The first entry can be small." }
                } @else {
                    ul.evidence {
                        @for e in entries.iter().rev() {
                            li {
                                time datetime=(e.date) { (e.date) } " · "
                                strong { (e.kind.as_str()) } " · "
                                (multiline(&e.text))
                                @if let Some(s) = &e.source { " — " (s) }
                                " · put down to " em { (e.attribution.as_str()) }
                            }
                        }
                    }
                }
            }
        },
    )
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let entries = evidence::list(&state.scope(&viewer.person)).await?;
    let crisis = q.saved.as_deref().is_some_and(|id| {
        entries.iter().find(|e| e.id == id).is_some_and(|e| {
            let mut texts = vec![e.text.as_str()];
            texts.extend(e.source.as_deref());
            state.safety.matches(texts)
        })
    });
    Ok(evidence_page(
        &state,
        &viewer,
        &entries,
        &EvidenceForm::default(),
        None,
        crisis,
    ))
}

async fn add(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<EvidenceForm>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    let parsed = (|| {
        let date = match f.date.trim() {
            "" => None,
            d => Some(goodenough_core::text::parse_date(d)?),
        };
        Ok(evidence::NewEvidence {
            kind: EvidenceKind::parse(&f.kind)?,
            attribution: Attribution::parse(&f.attribution)?,
            text: f.text.clone(),
            source: Some(f.source.clone()),
            date,
        })
    })();
    let result = match parsed {
        Ok(new) => checked(evidence::add(&scope, new).await)?,
        Err(e) => Err(e),
    }
    .map_err(|e: ValidationError| e.to_string());
    match result {
        Ok(entry) => Ok(Redirect::to(&format!("/evidence?saved={}", entry.id)).into_response()),
        Err(message) => {
            let entries = evidence::list(&scope).await?;
            let body = evidence_page(&state, &viewer, &entries, &f, Some(&message), false);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
    }
}
