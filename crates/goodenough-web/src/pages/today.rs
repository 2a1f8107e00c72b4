//! `/today`: the programme's week and phase with today's suggestions and
//! what is due (the same computation as `goodenough today`), tonight's
//! check-in (done or still open), kind consistency figures and recent wins.

use axum::extract::State;
use axum::routing::get;
use goodenough_app::today::{overview, Overview};
use maud::{html, Markup};

use super::layout::page;
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new().route("/today", get(today))
}

async fn today(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let Overview {
        settings,
        plan,
        checkin,
        consistency,
        wins,
    } = overview(&state.scope_of_viewer(&viewer)).await?;
    // Kept with the overview under the session's data version: when nothing
    // changed, the page reads no more than the session's row.
    let steps = goodenough_app::assignments::mine(&state.scope_of_viewer(&viewer)).await?;
    let offered = goodenough_app::offers::mine(&state.scope_of_viewer(&viewer)).await?;
    let today = plan.date;
    Ok(page(
        &viewer,
        "Today",
        "/today",
        html! {
            h1 { "Hello, " (settings.display_name) }
            p.muted { (today.format("%A, %e %B %Y").to_string()) }
            (plan_block(&plan))
            (super::assignments::today_section(&viewer, &steps))
            (super::offers::today_line(&offered))
            section aria-labelledby="tonight" {
                h2 #tonight { "Tonight's check-in" }
                @if let Some(c) = &checkin {
                    p { "Done for today: mood " (c.mood) ", energy " (c.energy) "." }
                    ul.appreciations {
                        @for a in &c.appreciations {
                            li { span.area { (a.area.as_str()) } " " (a.text) }
                        }
                    }
                    p { a href={"/checkin?date=" (today)} { "Change it" } }
                } @else {
                    p { "Not yet today. It takes about a minute." }
                    p { a.button href="/checkin" { "Check in now" } }
                }
                p { (consistency.sentence()) }
            }
            section aria-labelledby="wins" {
                h2 #wins { "Recent wins" }
                @if wins.is_empty() {
                    p { "No wins logged in the last two weeks. Small ones count too." }
                } @else {
                    ul {
                        @for w in wins.iter().rev().take(5) {
                            li { time datetime=(w.date) { (w.date) } " — " (w.text) }
                        }
                    }
                }
            }
        },
    ))
}

/// The programme's place, what is due and what it suggests.
fn plan_block(t: &goodenough_core::programme::Today) -> Markup {
    html! {
        section aria-labelledby="plan" {
            h2 #plan { "Today's plan" }
            @if let Some(s) = &t.programme {
                (super::programme::standing_block(s))
            }
            @if !t.due.is_empty() {
                h3 { "Due today" }
                ul.due {
                    @for d in &t.due {
                        li { a href=(due_link(d)) { strong { (d.title) } } " — " (d.detail) }
                    }
                }
            }
            @if !t.suggestions.is_empty() {
                h3 { "Suggested today" }
                ul.suggestions {
                    @for s in &t.suggestions {
                        li {
                            a href=(feature_link(s.feature, s.target.as_deref())) { strong { (s.title) } }
                            @if let Some(how) = &s.how { " — " (how) }
                        }
                    }
                }
            }
            p.muted {
                @if t.programme.is_none() {
                    "Nothing here is required. If you would like a path to follow, "
                    a href="/programme" { "the programmes" } " are one place to start."
                } @else {
                    "A suggestion, not a test: do what fits today, and a missed day is just a day."
                }
            }
        }
    }
}

/// Where the web app does what a due item asks.
fn due_link(d: &goodenough_core::programme::DueItem) -> String {
    use goodenough_core::programme::{DueKind, Feature};
    match d.kind {
        DueKind::Checkin => feature_link(Feature::Checkin, None),
        DueKind::Experiment => feature_link(Feature::Experiment, None),
        DueKind::Assessment => feature_link(Feature::Assessment, d.id.as_deref()),
        DueKind::Block => feature_link(Feature::Block, None),
        DueKind::Review => feature_link(Feature::Review, None),
    }
}

/// The page for a feature (and its target, for a questionnaire).
fn feature_link(f: goodenough_core::programme::Feature, target: Option<&str>) -> String {
    use goodenough_core::programme::Feature;
    match (f, target) {
        (Feature::Checkin, _) => "/checkin".into(),
        (Feature::Reframe, _) => "/thoughts/new".into(),
        (Feature::Timebox, _) => "/timeboxes".into(),
        (Feature::Experiment, _) => "/experiments".into(),
        (Feature::Ladder, _) => "/ladder".into(),
        (Feature::Practice, _) => "/practices".into(),
        (Feature::Block, _) => "/joy".into(),
        (Feature::Assessment, Some(id)) => format!("/assessments/{id}"),
        (Feature::Assessment, None) => "/assessments".into(),
        (Feature::Review, _) => "/reviews".into(),
        (Feature::Evidence, _) => "/evidence".into(),
    }
}
