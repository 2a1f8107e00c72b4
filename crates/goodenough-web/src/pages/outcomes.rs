//! `/boundaries/summary` (the outcome summary per ISO week) and `/git`
//! (commits per week outside working hours). Both only read.
//!
//! Scanning a repository is not offered here: the repository is on the
//! person's own machine, and the server cannot (and should not) read it.
//! The `/git` page shows the command to run instead.

use axum::extract::{Query, State};
use axum::routing::get;
use goodenough_app::{outcomes, settings};
use goodenough_core::outcomes::{decimal, percent};
use maud::{html, Markup};
use serde::Deserialize;

use super::boundaries::subnav;
use super::layout::{notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/boundaries/summary", get(summary_page))
        .route("/git", get(git_page))
}

/// `?weeks=N`.
#[derive(Debug, Deserialize)]
struct WeeksQuery {
    weeks: Option<u32>,
}

async fn summary_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<WeeksQuery>,
) -> Result<Markup, PageError> {
    let weeks = q.weeks.unwrap_or(outcomes::DEFAULT_WEEKS);
    let rows = outcomes::weekly(&state.scope(&viewer.person), weeks).await?;
    let body = html! {
        (subnav("/boundaries/summary"))
        h1 { "Outcomes, week by week" }
        p { "How the boundaries are going, one ISO week per row. A dash means nothing was recorded for that figure that week; it is not a score." }
        form.inline method="get" action="/boundaries/summary" {
            label for="weeks" { "Weeks" }
            input #weeks type="number" name="weeks" min="1" max="530" value=(weeks);
            button type="submit" { "Show" }
        }
        div.table-wrap {
            div.table-scroll tabindex="0" {
                table.summary {
                    caption { "Last " (weeks) " weeks" }
                    thead { tr {
                        th scope="col" { "Week" }
                        th scope="col" { "Timeboxes" }
                        th scope="col" { "Overrun rate" }
                        th scope="col" { "Median revisions" }
                        th scope="col" { "Noes" }
                        th scope="col" { "Mean guilt drop" }
                        th scope="col" { "Delegations" }
                        th scope="col" { "Commits" }
                        th scope="col" { "After hours" }
                        th scope="col" { "Weekend" }
                    } }
                    tbody {
                        @for w in &rows {
                            tr {
                                th scope="row" { (w.week) }
                                td { (w.timeboxes) }
                                td { (percent(w.overrun_rate)) }
                                td { (decimal(w.median_revisions)) }
                                td { (w.noes) }
                                td { (decimal(w.mean_guilt_drop)) }
                                td { (w.delegations) }
                                td { (w.commits) }
                                td { (percent(w.after_hours_share)) }
                                td { (percent(w.weekend_share)) }
                            }
                        }
                    }
                }
            }
        }
        p { "Overruns and guilt are information about the work and the request, not a verdict on you. Commit shares come from " a href="/git" { "your git history" } "." }
    };
    Ok(page(
        &viewer,
        "Outcomes",
        super::boundaries::MENU_PATH,
        body,
    ))
}

async fn git_page(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let settings = settings::get(&scope).await?;
    let weeks = outcomes::git_weeks(&scope, None).await?;
    let body = html! {
        (subnav("/git"))
        h1 { "Commits outside working hours" }
        p {
            "Your working hours: " (settings.work_start) "–" (settings.work_end) " on "
            (settings.work_days.join(", ")) " (" (settings.time_zone) "). Commits on other days count as outside working hours and are also shown on their own. "
            a href="/settings" { "Change working hours" } "."
        }
        h2 { "Adding commits" }
        p { "Your repositories are on your own computer, so scanning happens there, not on this server. Run, in a terminal:" }
        pre tabindex="0" { code { "goodenough git scan PATH/TO/REPOSITORY [--author EMAIL] [--since YYYY-MM-DD]" } }
        p { "Only each commit's id and time are kept; never messages or files. Scanning again adds nothing twice." }
        @if weeks.is_empty() {
            (notice("info", "No commits recorded yet."))
        } @else {
            div.table-wrap {
                div.table-scroll tabindex="0" {
                    table {
                        thead { tr {
                            th scope="col" { "Week" }
                            th scope="col" { "Commits" }
                            th scope="col" { "Outside hours" }
                            th scope="col" { "Share" }
                            th scope="col" { "Days off" }
                            th scope="col" { "Share" }
                        } }
                        tbody {
                            @for w in weeks.iter().rev() {
                                tr {
                                    th scope="row" { (w.week) }
                                    td { (w.commits) }
                                    td { (w.outside_hours) }
                                    td { (percent(Some(w.outside_share))) }
                                    td { (w.weekend) }
                                    td { (percent(Some(w.weekend_share))) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&viewer, "Git", super::boundaries::MENU_PATH, body))
}
