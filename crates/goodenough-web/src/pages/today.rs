//! `/today`: tonight's check-in (done or still open), kind consistency
//! figures and recent wins.

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use goodenough_core::settings::today_in;
use goodenough_core::Consistency;
use maud::{html, Markup};

use super::layout::page;
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/today", get(today))
}

async fn today(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let store = &state.store;
    let settings = store.settings(&viewer.person).await?;
    let today = today_in(settings.tz(), state.clock.now());
    let checkin = store.checkin_on(&viewer.person, today).await?;
    let dates = store.checkin_dates(&viewer.person).await?;
    let consistency = Consistency::compute(&dates, today);
    let wins = store
        .list_wins(&viewer.person, Some(today - chrono::Duration::days(14)))
        .await?;
    Ok(page(
        &viewer,
        "Today",
        "/today",
        html! {
            h1 { "Hello, " (settings.display_name) }
            p.muted { (today.format("%A, %e %B %Y").to_string()) }
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
