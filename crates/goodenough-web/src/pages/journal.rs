//! `/wins`: wins and setbacks on one page, with a small form for each.
//! Saving redirects back with `?win=ID` or `?setback=ID`, which shows the
//! celebration (or the non-linear-path framing for a setback) and, when the
//! text matched the crisis-language rules, the help message (the entry is
//! saved either way). Both lists are month cards, newest first, 30 at first
//! with "Show more" (`?limit=`), and one search box (`?q=`) looks through
//! both (see [`super::listing`]).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Form;
use chrono::NaiveDate;
use goodenough_app::{day, journal, Category, Scope};
use goodenough_core::journal::{SETBACK_FRAMING, WIN_CELEBRATION};
use goodenough_core::ValidationError;
use maud::{html, Markup};
use serde::Deserialize;

use super::answer::{checked, found};
use super::help::help_block;
use super::layout::{csrf_field, multiline, notice, page};
use super::listing::{by_month, human_date, search_form, search_result, show_more, Listing};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/wins", get(show).post(save_win))
        .route("/setbacks", get(to_wins).post(save_setback))
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    win: Option<String>,
    setback: Option<String>,
    q: Option<String>,
    limit: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
struct WinForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize, Default, Clone)]
struct SetbackForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    lesson: String,
}

/// What the page shows above the lists.
#[derive(Default)]
struct Flash {
    win_error: Option<String>,
    setback_error: Option<String>,
    saved: Option<&'static str>,
    crisis: bool,
    /// The search and how many of each list to show.
    listing: Option<Listing>,
}

async fn today(scope: &Scope) -> Result<NaiveDate, PageError> {
    Ok(day::today(scope, Category::WinsAndSetbacks).await?)
}

/// A date typed in a form; blank is none (the use case takes today).
fn typed_date(raw: &str) -> Result<Option<NaiveDate>, ValidationError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        goodenough_core::text::parse_date(raw).map(Some)
    }
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    win: &WinForm,
    setback: &SetbackForm,
    flash: &Flash,
) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let listing = flash
        .listing
        .clone()
        .unwrap_or_else(|| Listing::new(None, None));
    let mut wins = journal::wins(&scope, None).await?;
    let mut setbacks = journal::setbacks(&scope, None).await?;
    // Newest first.
    wins.sort_by_key(|w| std::cmp::Reverse((w.date, w.created_at)));
    setbacks.sort_by_key(|s| std::cmp::Reverse((s.date, s.created_at)));
    let (all_wins, all_setbacks) = (wins.len(), setbacks.len());
    wins.retain(|w| listing.matches([w.text.as_str()]));
    setbacks.retain(|s| {
        listing.matches(
            [Some(s.text.as_str()), s.lesson.as_deref()]
                .into_iter()
                .flatten(),
        )
    });
    let (found_wins, found_setbacks) = (wins.len(), setbacks.len());
    wins.truncate(listing.limit);
    setbacks.truncate(listing.limit);
    let win_months = by_month(&wins, |w| w.date);
    let setback_months = by_month(&setbacks, |s| s.date);
    let anything = all_wins + all_setbacks > 0;
    Ok(page(
        viewer,
        "Wins and setbacks",
        "/wins",
        html! {
            h1 { "Wins and setbacks" }
            p.hint { "Praise you received, or something you did, and what you put it down to: " a href="/evidence" { "the evidence log" } "." }
            @if flash.crisis { (help_block(state)) }
            @if let Some(s) = flash.saved { (notice("ok", s)) }
            section aria-labelledby="log-win" {
                h2 #log-win { "Log a win" }
                p.hint { "Small ones count: a hard email sent, a walk taken, a task left good enough." }
                @if let Some(e) = &flash.win_error { (notice("error", e)) }
                form.stack method="post" action="/wins" {
                    (csrf_field(&viewer.csrf))
                    label for="win-text" { "What went well?" }
                    textarea #win-text name="text" rows="2" required { (win.text) }
                    label for="win-date" { "Date" }
                    input #win-date name="date" type="date" value=(win.date);
                    button type="submit" { "Save win" }
                }
            }
            @if anything {
                section.look-back aria-labelledby="look-back" {
                    h2 #look-back { "Look back" }
                    (search_form("/wins#look-back", "q", "Search your wins and setbacks", &listing))
                }
            }
            section aria-labelledby="wins-list" {
                h2 #wins-list { "Wins" }
                @if all_wins == 0 {
                    p { "No wins logged yet. The first small one is waiting to be noticed." }
                } @else {
                    (search_result(&listing, found_wins, all_wins, "wins", "/wins#wins-list"))
                    @for (month, items) in &win_months {
                        h3.month { (month) }
                        ul.cards.wins {
                            @for (n, w) in items {
                                li.card id={"win-" (n)} {
                                    time.card-date datetime=(w.date) { (human_date(w.date)) }
                                    p { (multiline(&w.text)) }
                                }
                            }
                        }
                    }
                    (show_more(&listing, wins.len(), found_wins, "/wins", "win"))
                }
            }
            section aria-labelledby="log-setback" {
                h2 #log-setback { "Log a setback" }
                p.hint { "Progress rarely runs in a straight line. A setback is part of the path, and writing it down is a way of looking after yourself." }
                @if let Some(e) = &flash.setback_error { (notice("error", e)) }
                form.stack method="post" action="/setbacks" {
                    (csrf_field(&viewer.csrf))
                    label for="setback-text" { "What happened?" }
                    textarea #setback-text name="text" rows="2" required { (setback.text) }
                    label for="setback-lesson" { "What it taught you, if anything yet (optional)" }
                    textarea #setback-lesson name="lesson" rows="2" { (setback.lesson) }
                    label for="setback-date" { "Date" }
                    input #setback-date name="date" type="date" value=(setback.date);
                    button type="submit" { "Save setback" }
                }
            }
            section aria-labelledby="setbacks-list" {
                h2 #setbacks-list { "Setbacks" }
                @if all_setbacks == 0 {
                    p { "No setbacks logged. When one comes, it is part of the path, not the end of it." }
                } @else {
                    (search_result(&listing, found_setbacks, all_setbacks, "setbacks", "/wins#setbacks-list"))
                    @for (month, items) in &setback_months {
                        h3.month { (month) }
                        ul.cards.setbacks {
                            @for (n, s) in items {
                                li.card id={"setback-" (n)} {
                                    time.card-date datetime=(s.date) { (human_date(s.date)) }
                                    p { (multiline(&s.text)) }
                                    @if let Some(l) = &s.lesson {
                                        p.lesson { span.label { "Lesson: " } (multiline(l)) }
                                    }
                                }
                            }
                        }
                    }
                    (show_more(&listing, setbacks.len(), found_setbacks, "/wins", "setback"))
                }
            }
        },
    ))
}

async fn to_wins() -> Redirect {
    Redirect::to("/wins#setbacks-list")
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ShowQuery>,
) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let mut flash = Flash {
        listing: Some(Listing::new(q.q.as_deref(), q.limit.as_deref())),
        ..Flash::default()
    };
    if let Some(id) = q.win.as_deref() {
        if let Some(w) = found(journal::get_win(&scope, id).await)? {
            flash.saved = Some(WIN_CELEBRATION);
            flash.crisis = state.safety.matches([w.text.as_str()]);
        }
    } else if let Some(id) = q.setback.as_deref() {
        if let Some(s) = found(journal::get_setback(&scope, id).await)? {
            flash.saved = Some(SETBACK_FRAMING);
            let mut texts = vec![s.text.as_str()];
            if let Some(l) = &s.lesson {
                texts.push(l);
            }
            flash.crisis = state.safety.matches(texts);
        }
    }
    let date = today(&scope).await?.to_string();
    let win = WinForm {
        date: date.clone(),
        ..WinForm::default()
    };
    let setback = SetbackForm {
        date,
        ..SetbackForm::default()
    };
    render(&state, &viewer, &win, &setback, &flash).await
}

async fn save_win(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<WinForm>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    let built = match typed_date(&f.date) {
        Ok(d) => checked(journal::add_win(&scope, d, &f.text).await)?,
        Err(e) => Err(e),
    };
    match built {
        Ok(w) => Ok(Redirect::to(&format!("/wins?win={}", w.id)).into_response()),
        Err(e) => {
            let setback = SetbackForm {
                date: today(&scope).await?.to_string(),
                ..SetbackForm::default()
            };
            let flash = Flash {
                win_error: Some(e.to_string()),
                ..Flash::default()
            };
            let body = render(&state, &viewer, &f, &setback, &flash).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
    }
}

async fn save_setback(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<SetbackForm>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    let built = match typed_date(&f.date) {
        Ok(d) => {
            let lesson = Some(f.lesson.as_str());
            checked(journal::add_setback(&scope, d, &f.text, lesson).await)?
        }
        Err(e) => Err(e),
    };
    match built {
        Ok(s) => Ok(Redirect::to(&format!("/wins?setback={}", s.id)).into_response()),
        Err(e) => {
            let win = WinForm {
                date: today(&scope).await?.to_string(),
                ..WinForm::default()
            };
            let flash = Flash {
                setback_error: Some(e.to_string()),
                ..Flash::default()
            };
            let body = render(&state, &viewer, &win, &f, &flash).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
    }
}
