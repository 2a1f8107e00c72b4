//! `/mistakes`: blameless mistake reviews, each maybe linked to the thought
//! record it set off.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Form;
use goodenough_app::{boundaries, thoughts, AppError};
use goodenough_core::boundaries::MISTAKE_SAVED;
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

/// The routes of mistake reviews.
pub(super) fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new().route("/mistakes", get(show).post(create))
}

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
    let scope = state.scope(&viewer.person);
    let all = boundaries::mistakes(&scope).await?;
    let thoughts = thoughts::list(&scope, None).await?;
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

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let mut flash = Flash::default();
    if let Some(id) = q.saved.as_deref() {
        if let Some(m) = found(boundaries::get_mistake(&scope, id).await)? {
            flash.saved = Some(MISTAKE_SAVED);
            flash.crisis = state.safety.matches(m.texts());
        }
    }
    let form = MistakeForm {
        date: today(&scope).await?.to_string(),
        ..MistakeForm::default()
    };
    render_mistakes(&state, &viewer, &form, &flash).await
}

async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<MistakeForm>,
) -> Result<Response, PageError> {
    let thought_id = optional_text(&f.thought_id).map(str::trim);
    let saved = match typed_date(&f.date) {
        Ok(date) => {
            let new = boundaries::NewMistake {
                date,
                what: f.what.clone(),
                cost: f.cost.clone(),
                factors: optional_text(&f.factors).map(str::to_string),
                taught: f.taught.clone(),
                friend: f.friend.clone(),
                thought_id: thought_id.map(str::to_string),
            };
            match boundaries::add_mistake(&state.scope(&viewer.person), new).await {
                Err(AppError::NotFound { .. }) => Err(ValidationError::Other(
                    "That thought record was not found; choose one from the list or none.".into(),
                )),
                other => checked(other)?,
            }
        }
        Err(e) => Err(e),
    };
    match saved {
        Ok(m) => Ok(Redirect::to(&format!("/mistakes?saved={}", m.id)).into_response()),
        Err(e) => {
            let body = render_mistakes(&state, &viewer, &f, &invalid_flash(e)).await?;
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
    }
}
