//! `/joy`: hobbies, weekly personal-time blocks with this week's
//! occurrences (kept / skipped buttons), the joy log, rest, and the three
//! summaries. Every form posts and redirects back (303); a skipped block is
//! answered kindly, never scolded.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use goodenough_app::{joy, AppError};
use goodenough_core::duration::{format_minutes, parse_minutes};
use goodenough_core::joy::{occurrence_message, parse_weekly, week_start, JoyLog, RestKind};
use goodenough_core::ValidationError;
use maud::{html, Markup};
use serde::Deserialize;

use super::answer::checked;
use super::help::help_block;
use super::layout::{csrf_field, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/joy", get(show))
        .route("/joy/hobbies", post(save_hobby))
        .route("/joy/blocks", post(save_block))
        .route("/joy/blocks/{id}/occurrences", post(save_occurrence))
        .route("/joy/log", post(save_log))
        .route("/joy/rests", post(save_rest))
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    saved: Option<String>,
    block: Option<String>,
    date: Option<String>,
}

#[derive(Deserialize, Default)]
struct HobbyForm {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize, Default)]
struct BlockForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
    #[serde(default)]
    hobby: String,
}

#[derive(Deserialize, Default)]
struct OccurrenceForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    kept: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize, Default)]
struct LogForm {
    #[serde(default)]
    hobby: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    date: String,
}

#[derive(Deserialize, Default)]
struct RestForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    guilt: String,
}

fn blank(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    flash: Option<(&str, String)>,
    crisis: bool,
) -> Result<Markup, PageError> {
    let joy::Overview {
        today,
        hobbies,
        blocks,
        occurrences: occs,
        logs,
        rests,
        summary,
    } = joy::overview(&state.scope(&viewer.person), 8).await?;
    let monday = week_start(today);
    let recent_logs: Vec<&JoyLog> = logs.iter().rev().take(10).collect();
    Ok(page(
        viewer,
        "Joy",
        "/joy",
        html! {
            h1 { "Joy, personal time and rest" }
            @if crisis { (help_block(state)) }
            @if let Some((kind, text)) = &flash { (notice(kind, text)) }
            section aria-labelledby="blocks" {
                h2 #blocks { "Personal time this week" }
                p.hint { "Non-negotiable time for yourself. Keeping it is the practice; skipping one is information, and the next one is already on the calendar." }
                @if blocks.is_empty() {
                    p { "No blocks yet. Add one below." }
                } @else {
                    ul.blocks {
                        @for b in &blocks {
                            @let day = b.next_on_or_after(monday);
                            @let occ = occs.iter().find(|o| o.block_id == b.id && o.date == day);
                            li {
                                strong { (b.title) } " — " (b.weekday.full_name()) " " (b.start) "–" (b.end)
                                " · " time datetime=(day) { (day) }
                                @match occ {
                                    Some(o) if o.kept => { " · kept" }
                                    Some(_) => { " · skipped — life happens" }
                                    None => {}
                                }
                                @if day <= today {
                                    form.inline method="post" action=(format!("/joy/blocks/{}/occurrences", b.id)) {
                                        (csrf_field(&viewer.csrf))
                                        input type="hidden" name="date" value=(day);
                                        button type="submit" name="kept" value="yes" { "Kept" }
                                        label for=(format!("reason-{}", b.id)) { "Reason (optional)" }
                                        input id=(format!("reason-{}", b.id)) name="reason" type="text";
                                        button type="submit" name="kept" value="no" { "Skipped" }
                                    }
                                } @else {
                                    " · still ahead"
                                }
                            }
                        }
                    }
                }
                h3 { "Add a weekly block" }
                form.stack method="post" action="/joy/blocks" {
                    (csrf_field(&viewer.csrf))
                    label for="block-title" { "What is it for?" }
                    input #block-title name="title" type="text" required;
                    label for="block-day" { "Day" }
                    select #block-day name="day" {
                        @for (v, l) in [("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"), ("thu", "Thursday"), ("fri", "Friday"), ("sat", "Saturday"), ("sun", "Sunday")] {
                            option value=(v) { (l) }
                        }
                    }
                    label for="block-start" { "From" }
                    input #block-start name="start" type="time" required;
                    label for="block-end" { "To" }
                    input #block-end name="end" type="time" required;
                    label for="block-hobby" { "Hobby (optional)" }
                    input #block-hobby name="hobby" type="text";
                    button type="submit" { "Add block" }
                }
            }
            section aria-labelledby="log" {
                h2 #log { "Log time for joy" }
                form.stack method="post" action="/joy/log" {
                    (csrf_field(&viewer.csrf))
                    label for="log-hobby" { "Hobby (new ones are added)" }
                    input #log-hobby name="hobby" type="text" list="hobby-names" required;
                    datalist #hobby-names { @for h in &hobbies { option value=(h.name) {} } }
                    label for="log-minutes" { "How long (e.g. 45m, 1h30m)" }
                    input #log-minutes name="minutes" type="text" required;
                    label for="log-date" { "Date" }
                    input #log-date name="date" type="date" value=(today);
                    button type="submit" { "Log" }
                }
                @if !recent_logs.is_empty() {
                    h3 { "Recently" }
                    ul { @for l in &recent_logs { li { (l.date) " — " (l.hobby) ", " (format_minutes(i64::from(l.minutes))) } } }
                }
                h3 { "Hobbies" }
                @if hobbies.is_empty() { p { "None yet." } }
                ul { @for h in &hobbies { li { (h.name) } } }
                form.inline method="post" action="/joy/hobbies" {
                    (csrf_field(&viewer.csrf))
                    label for="hobby-name" { "New hobby" }
                    input #hobby-name name="name" type="text" required;
                    button type="submit" { "Add hobby" }
                }
            }
            section aria-labelledby="rest" {
                h2 #rest { "Rest and vacations" }
                p.hint { "Rest is part of the work, not a reward for it. Guilt, if you note it, is information." }
                form.stack method="post" action="/joy/rests" {
                    (csrf_field(&viewer.csrf))
                    label for="rest-from" { "From" }
                    input #rest-from name="from" type="date" required;
                    label for="rest-to" { "To" }
                    input #rest-to name="to" type="date" required;
                    label for="rest-kind" { "Kind" }
                    select #rest-kind name="kind" {
                        option value="vacation" { "Vacation" }
                        option value="rest-day" { "Rest day" }
                    }
                    label for="rest-guilt" { "Guilt about it, 0-10 (optional)" }
                    input #rest-guilt name="guilt" type="number" min="0" max="10";
                    button type="submit" { "Save rest" }
                }
                ul {
                    @for r in rests.iter().rev() {
                        li { (r.from) " to " (r.to) " · " (r.kind.as_str()) " · " (r.days()) " day(s)"
                            @if let Some(g) = r.guilt { " · guilt " (g) }
                            @if r.without_guilt { " · without guilt" }
                        }
                    }
                }
            }
            section aria-labelledby="summary" {
                h2 #summary { "The last eight weeks" }
                div.table-scroll tabindex="0" {
                    table {
                        caption { "Personal-time blocks kept per week" }
                        thead { tr { th scope="col" { "Week" } th scope="col" { "Kept" } th scope="col" { "Scheduled" } } }
                        tbody { @for w in &summary.blocks { tr { td { (w.week) } td { (w.kept) } td { (w.scheduled) } } } }
                    }
                }
                div.table-scroll tabindex="0" {
                    table {
                        caption { "Minutes per hobby per week" }
                        thead { tr { th scope="col" { "Week" } th scope="col" { "Hobby" } th scope="col" { "Time" } } }
                        tbody { @for h in &summary.hobbies { tr { td { (h.week) } td { (h.hobby) } td { (format_minutes(i64::from(h.minutes))) } } } }
                    }
                }
                div.table-scroll tabindex="0" {
                    table {
                        caption { "Days of rest per month" }
                        thead { tr { th scope="col" { "Month" } th scope="col" { "Days" } th scope="col" { "Without guilt" } } }
                        tbody { @for m in &summary.rest { tr { td { (m.month) } td { (m.days) } td { (m.days_without_guilt) } } } }
                    }
                }
            }
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ShowQuery>,
) -> Result<Markup, PageError> {
    let mut crisis = false;
    let flash = match q.saved.as_deref() {
        Some("occurrence") => {
            let date = q
                .date
                .as_deref()
                .and_then(|d| goodenough_core::text::parse_date(d).ok());
            match (q.block.as_deref(), date) {
                (Some(b), Some(d)) => joy::occurrence(&state.scope(&viewer.person), b, d)
                    .await?
                    .map(|m| {
                        crisis = state.safety.matches(m.occurrence.reason.as_deref());
                        ("ok", occurrence_message(&m.block, &m.occurrence))
                    }),
                _ => None,
            }
        }
        Some("block") => Some(("ok", "Block added. That time is yours.".to_string())),
        Some("hobby") => Some(("ok", "Hobby saved.".to_string())),
        Some("log") => Some(("ok", "Logged. Time for joy counts.".to_string())),
        Some("rest") => Some((
            "ok",
            "Rest saved. Rest is part of the work, not a reward for it.".to_string(),
        )),
        _ => None,
    };
    render(&state, &viewer, flash, crisis).await
}

async fn invalid(
    state: &AppState,
    viewer: &Viewer,
    e: ValidationError,
) -> Result<Response, PageError> {
    let body = render(state, viewer, Some(("error", e.to_string())), false).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}

fn back(saved: &str) -> Response {
    Redirect::to(&format!("/joy?saved={saved}")).into_response()
}

async fn save_hobby(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<HobbyForm>,
) -> Result<Response, PageError> {
    if let Err(e) = goodenough_core::text::required("hobby name", &f.name) {
        return invalid(&state, &viewer, e).await;
    }
    match checked(joy::add_hobby(&state.scope(&viewer.person), &f.name).await)? {
        Ok(_) => Ok(back("hobby")),
        Err(e) => invalid(&state, &viewer, e).await,
    }
}

async fn save_block(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<BlockForm>,
) -> Result<Response, PageError> {
    let built = parse_weekly(&format!("{} {}-{}", f.day, f.start, f.end)).and_then(|w| {
        goodenough_core::text::required("block title", &f.title)?;
        Ok(w)
    });
    let w = match built {
        Ok(w) => w,
        Err(e) => return invalid(&state, &viewer, e).await,
    };
    let new = joy::NewBlock {
        title: f.title.clone(),
        weekly: w,
        hobby: blank(&f.hobby).map(str::to_string),
    };
    match checked(joy::add_block(&state.scope(&viewer.person), new).await)? {
        Ok(_) => Ok(back("block")),
        Err(e) => invalid(&state, &viewer, e).await,
    }
}

async fn save_occurrence(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(f): Form<OccurrenceForm>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    // An unknown block is "not found" before anything about the form.
    let block = match joy::get_block(&scope, &id).await {
        Err(AppError::NotFound { .. }) => return Err(PageError::not_found()),
        other => other?,
    };
    let kept = match f.kept.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            let e = ValidationError::Other("choose Kept or Skipped.".into());
            return invalid(&state, &viewer, e).await;
        }
    };
    let date = match goodenough_core::text::parse_date(&f.date) {
        Ok(d) => d,
        Err(e) => return invalid(&state, &viewer, e).await,
    };
    let marked = joy::mark(&scope, &block.id, Some(date), kept, blank(&f.reason)).await;
    match checked(marked)? {
        Ok(m) => Ok(Redirect::to(&format!(
            "/joy?saved=occurrence&block={}&date={}",
            m.block.id, m.occurrence.date
        ))
        .into_response()),
        Err(e) => invalid(&state, &viewer, e).await,
    }
}

async fn save_log(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<LogForm>,
) -> Result<Response, PageError> {
    let parsed = parse_minutes("minutes", &f.minutes).and_then(|m| {
        goodenough_core::text::required("hobby", &f.hobby)?;
        let d = blank(&f.date)
            .map(goodenough_core::text::parse_date)
            .transpose()?;
        Ok((m, d))
    });
    let (minutes, date) = match parsed {
        Ok(v) => v,
        Err(e) => return invalid(&state, &viewer, e).await,
    };
    let new = joy::NewJoyLog {
        hobby: f.hobby.clone(),
        minutes,
        date,
    };
    match checked(joy::log(&state.scope(&viewer.person), new).await)? {
        Ok(_) => Ok(back("log")),
        Err(e) => invalid(&state, &viewer, e).await,
    }
}

async fn save_rest(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<RestForm>,
) -> Result<Response, PageError> {
    let parsed = (|| {
        let from = goodenough_core::text::parse_date(&f.from)?;
        let to = goodenough_core::text::parse_date(&f.to)?;
        let kind = RestKind::parse(&f.kind)?;
        let guilt = match blank(&f.guilt) {
            Some(g) => Some(g.parse::<i64>().map_err(|_| {
                ValidationError::Other(format!("guilt \"{g}\" is not a whole number from 0 to 10."))
            })?),
            None => None,
        };
        Ok(joy::NewRest {
            from,
            to,
            kind,
            guilt,
        })
    })();
    let new = match parsed {
        Ok(new) => new,
        Err(e) => return invalid(&state, &viewer, e).await,
    };
    match checked(joy::add_rest(&state.scope(&viewer.person), new).await)? {
        Ok(_) => Ok(back("rest")),
        Err(e) => invalid(&state, &viewer, e).await,
    }
}
