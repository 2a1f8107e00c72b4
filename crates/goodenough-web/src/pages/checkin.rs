//! `/checkin`: the evening check-in as a fast phone form: mood and energy
//! are 0–10 scales of large steps and each appreciation's life area is a row
//! of chips, all plain radio groups (no JavaScript), none chosen for a new
//! check-in; a missing choice gets one sentence and keeps what was typed.
//! Saving redirects back here with `?saved=DATE`, which shows what was saved
//! (mood, energy, the appreciations, the note), one kind sentence, the gentle
//! all-work nudge and, when the text matched the crisis-language rules, the
//! help message (the entry is saved either way).
//!
//! With JavaScript, a check-in saved while the device is offline is kept on
//! the device (localStorage, by `assets/app.js`) and posted here when the
//! connection is back; the form carries `data-offline-queue` for that and an
//! empty status line (`#checkin-queue`) for what the script says.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Form;
use goodenough_app::{checkins, AppError};
use goodenough_core::checkin::ALL_WORK_NUDGE;
use goodenough_core::{Appreciation, CheckIn, LifeArea, ValidationError};
use goodenough_store::StoreError;
use maud::{html, Markup};
use serde::Deserialize;

use super::help::help_block;
use super::layout::{csrf_field, notice, page};
use super::listing::human_date;
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new().route("/checkin", get(show).post(save))
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    date: Option<String>,
    saved: Option<String>,
}

/// What the form shows (raw strings, so a rejected form keeps its input).
#[derive(Deserialize, Default, Clone)]
pub struct CheckinForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    mood: String,
    #[serde(default)]
    energy: String,
    #[serde(default)]
    area1: String,
    #[serde(default)]
    text1: String,
    #[serde(default)]
    area2: String,
    #[serde(default)]
    text2: String,
    #[serde(default)]
    area3: String,
    #[serde(default)]
    text3: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    replace: Option<String>,
}

impl CheckinForm {
    fn from_checkin(c: &CheckIn) -> CheckinForm {
        let a = |i: usize| c.appreciations.get(i);
        let area = |i: usize| {
            a(i).map(|x| x.area.as_str().to_string())
                .unwrap_or_default()
        };
        let text = |i: usize| a(i).map(|x| x.text.clone()).unwrap_or_default();
        CheckinForm {
            date: c.date.to_string(),
            mood: c.mood.to_string(),
            energy: c.energy.to_string(),
            area1: area(0),
            text1: text(0),
            area2: area(1),
            text2: text(1),
            area3: area(2),
            text3: text(2),
            note: c.note.clone().unwrap_or_default(),
            replace: Some("1".into()),
        }
    }

    /// What is still to choose (mood, energy, an area), as one kind
    /// sentence; `None` when every choice is made.
    fn missing(&self) -> Option<String> {
        let mut missing = Vec::new();
        if self.mood.trim().is_empty() {
            missing.push("your mood (a number from 0 to 10)".to_string());
        }
        if self.energy.trim().is_empty() {
            missing.push("your energy (a number from 0 to 10)".to_string());
        }
        for (n, area) in [("1", &self.area1), ("2", &self.area2), ("3", &self.area3)] {
            if area.trim().is_empty() {
                missing.push(format!("a life area for appreciation {n}"));
            }
        }
        let last = missing.pop()?;
        let list = if missing.is_empty() {
            last
        } else {
            format!("{} and {last}", missing.join(", "))
        };
        Some(format!(
            "Almost there: please choose {list}. Everything you typed is kept."
        ))
    }

    fn parse(&self) -> Result<checkins::NewCheckIn, ValidationError> {
        if let Some(sentence) = self.missing() {
            return Err(ValidationError::Other(sentence));
        }
        let date = goodenough_core::text::parse_date(&self.date)?;
        let number = |field: &'static str, raw: &str| -> Result<i64, ValidationError> {
            raw.trim().parse::<i64>().map_err(|_| {
                ValidationError::Other(format!(
                    "{field} must be a whole number from 0 to 10; you gave \"{}\".",
                    raw.trim()
                ))
            })
        };
        let mood = number("mood", &self.mood)?;
        let energy = number("energy", &self.energy)?;
        let mut apps = Vec::new();
        for (area, text) in [
            (&self.area1, &self.text1),
            (&self.area2, &self.text2),
            (&self.area3, &self.text3),
        ] {
            apps.push(Appreciation {
                area: area.parse::<LifeArea>()?,
                text: goodenough_core::text::required("appreciation", text)?,
            });
        }
        Ok(checkins::NewCheckIn {
            date: Some(date),
            mood,
            energy,
            appreciations: apps,
            note: Some(self.note.clone()),
        })
    }
}

/// The words at the two ends of the mood scale (shown under 0 and 10).
const MOOD_ENDS: (&str, &str) = ("very low", "very good");

/// A 0–10 scale as one radio group: eleven large steps, none chosen unless
/// `chosen` holds a value. The number is always shown, so nothing depends on
/// colour.
fn scale(name: &str, legend: &str, hint: &str, chosen: &str, ends: Option<(&str, &str)>) -> Markup {
    let chosen = chosen.trim();
    html! {
        fieldset.scale id={(name) "-scale"} aria-describedby={(name) "-hint"} {
            legend { (legend) }
            p.hint id={(name) "-hint"} { (hint) }
            div.steps {
                @for n in 0..=10u8 {
                    @let id = format!("{name}-{n}");
                    @let value = n.to_string();
                    div.step {
                        input type="radio" id=(id) name=(name) value=(value) checked[chosen == value];
                        label for=(id) {
                            span.num { (n) }
                            @if let Some((low, high)) = ends {
                                @if n == 0 { span.word { (low) } }
                                @if n == 10 { span.word { (high) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The life areas as a row of chips (one radio group), none chosen unless
/// `chosen` names one.
fn area_chips(n: &str, chosen: &str) -> Markup {
    let name = format!("area{n}");
    let chosen = chosen.trim().to_lowercase();
    html! {
        fieldset.chips {
            legend { "Life area" span.visually-hidden { " of appreciation " (n) } }
            div.chip-row {
                @for a in LifeArea::ALL {
                    @let id = format!("{name}-{}", a.as_str());
                    div.chip {
                        input type="radio" id=(id) name=(name) value=(a.as_str()) checked[a.as_str() == chosen];
                        label for=(id) { (a.as_str()) }
                    }
                }
            }
        }
    }
}

fn form(viewer: &Viewer, f: &CheckinForm, existing: bool, error: Option<&str>) -> Markup {
    let rows = [
        ("1", &f.area1, &f.text1),
        ("2", &f.area2, &f.text2),
        ("3", &f.area3, &f.text3),
    ];
    html! {
        h1 { "Evening check-in" }
        @if let Some(e) = error { (notice("error", e)) }
        @if existing {
            (notice("info", &format!("You already checked in for {}. Saving replaces that check-in.", f.date)))
        }
        // Filled in by the page script when a check-in is kept on this
        // device while offline, and when it is sent.
        p.notice #checkin-queue role="status" aria-live="polite" hidden {}
        form.stack.checkin method="post" action="/checkin" data-offline-queue {
            (csrf_field(&viewer.csrf))
            @if existing { input type="hidden" name="replace" value="1"; }
            label for="date" { "Date" }
            input #date name="date" type="date" required value=(f.date);
            (scale("mood", "Mood tonight", "Choose a number: 0 is very low, 10 is very good.", &f.mood, Some(MOOD_ENDS)))
            (scale("energy", "Energy tonight", "Choose a number: 0 is empty, 10 is full of energy.", &f.energy, None))
            fieldset.appreciate {
                legend { "Three things you appreciate about yourself today" }
                p.hint { "Not only work: rest, people, health and small kindnesses count." }
                @for (n, area, text) in rows {
                    div.appreciation {
                        label for={"text" (n)} { (n) ". I appreciate that I…" }
                        input id={"text" (n)} name={"text" (n)} type="text" required value=(text);
                        (area_chips(n, area))
                    }
                }
            }
            label for="note" { "Note (optional)" }
            textarea #note name="note" rows="3" { (f.note) }
            button type="submit" { "Save check-in" }
        }
    }
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ShowQuery>,
) -> Result<Markup, PageError> {
    if let Some(saved) = q.saved.as_deref() {
        let date = goodenough_core::text::parse_date(saved)?;
        if let Some(c) = checkins::on(&state.scope(&viewer.person), date).await? {
            return saved_page(&state, &viewer, &c).await;
        }
    }
    let date = match q.date.as_deref() {
        Some(d) => goodenough_core::text::parse_date(d)?,
        None => goodenough_app::settings::today(&state.scope(&viewer.person)).await?,
    };
    let existing = checkins::on(&state.scope(&viewer.person), date).await?;
    let f = match &existing {
        Some(c) => CheckinForm::from_checkin(c),
        None => CheckinForm {
            date: date.to_string(),
            ..CheckinForm::default()
        },
    };
    Ok(page(
        &viewer,
        "Check-in",
        "/checkin",
        form(&viewer, &f, existing.is_some(), None),
    ))
}

async fn saved_page(state: &AppState, viewer: &Viewer, c: &CheckIn) -> Result<Markup, PageError> {
    let mut texts: Vec<&str> = c.appreciations.iter().map(|a| a.text.as_str()).collect();
    if let Some(n) = &c.note {
        texts.push(n);
    }
    let crisis = state.safety.matches(texts);
    let consistency = checkins::consistency(&state.scope(&viewer.person)).await?;
    Ok(page(
        viewer,
        "Check-in saved",
        "/checkin",
        html! {
            h1 { "Check-in saved" }
            @if crisis { (help_block(state)) }
            (notice("ok", &format!("Saved your check-in for {}.", human_date(c.date))))
            dl.saved-figures {
                div { dt { "Mood" } dd { (c.mood) " of 10" } }
                div { dt { "Energy" } dd { (c.energy) " of 10" } }
            }
            ul.appreciations {
                @for a in &c.appreciations {
                    li { span.area { (a.area.as_str()) } " " (a.text) }
                }
            }
            @if let Some(n) = &c.note { p.note { (n) } }
            @if c.all_work() {
                section.nudge aria-labelledby="nudge" {
                    h2 #nudge { "A gentle thought" }
                    p { (ALL_WORK_NUDGE) }
                    p { a href={"/checkin?date=" (c.date)} { "Change one appreciation" } " — or leave it as it is; there is always tomorrow evening." }
                }
            }
            p.kind { (consistency.short_sentence()) }
            p { a href="/today" { "Back to Today" } }
        },
    ))
}

async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<CheckinForm>,
) -> Result<Response, PageError> {
    let replacing = f.replace.as_deref().is_some_and(|v| !v.is_empty());
    let invalid = |e: &dyn std::fmt::Display| {
        let body = form(&viewer, &f, replacing, Some(&e.to_string()));
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&viewer, "Check-in", "/checkin", body),
        )
            .into_response()
    };
    let new = match f.parse() {
        Ok(new) => new,
        Err(e) => return Ok(invalid(&e)),
    };
    let date = new.date;
    match checkins::record(&state.scope(&viewer.person), new, replacing).await {
        Ok(r) => Ok(Redirect::to(&format!("/checkin?saved={}", r.checkin.date)).into_response()),
        Err(AppError::Invalid(e)) => Ok(invalid(&e)),
        Err(AppError::Store(StoreError::Conflict(_))) => {
            let msg = format!(
                "There is already a check-in for {}. Saving this form again replaces it.",
                date.map_or_else(String::new, |d| d.to_string())
            );
            let body = form(&viewer, &f, true, Some(&msg));
            Ok((
                StatusCode::CONFLICT,
                page(&viewer, "Check-in", "/checkin", body),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
