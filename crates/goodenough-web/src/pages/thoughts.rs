//! `/thoughts`, `/thoughts/new`, `/thoughts/{id}` and `/traps`: the thought
//! reframing journal in the browser, mirroring `goodenough reframe`.
//!
//! The guided reframe works in two steps without JavaScript. Step 1 (the
//! situation, the thought, how strongly it is believed, emotions: ticked from
//! a list, each with an intensity slider, or typed as `name:intensity`) is posted
//! to `/thoughts/new`, which saves nothing: it answers with step 2, carrying
//! step 1 in hidden fields and showing the original thought, the thinking
//! traps its words suggest (with the exact words that matched), every trap as
//! a checkbox chip (suggested ones first, with their matched words), reframe
//! prompts, and the reframe and belief-after fields, with the original
//! thought repeated just above them and kept in view while scrolling there. Step 2 is posted to `/thoughts`, validated by core's
//! [`ThoughtRecord::new`] and saved; a rejected form comes back with the
//! sentence and everything that was typed.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Form;
use chrono::NaiveDate;
use goodenough_app::{awareness, day, thoughts, Category};
use goodenough_core::error::check_range;
use goodenough_core::thought::{Emotion, ThoughtRecord};
use goodenough_core::traps::{TrapCatalog, TrapSuggestion};
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
        .route("/thoughts", get(list).post(save))
        .route("/thoughts/new", get(step_one).post(step_two))
        .route("/thoughts/{id}", get(show))
        .route("/traps", get(traps_page))
}

/// A validation error as a sentence for the browser (core's sentences for
/// these two name command-line flags).
pub fn web_sentence(e: &ValidationError) -> String {
    match e {
        ValidationError::UnknownTrap(t) => format!(
            "\"{t}\" is not a known thinking trap; the Thinking traps page lists every one."
        ),
        ValidationError::BeliefAfterWithoutReframe => {
            "Belief after only makes sense with a reframe; write a reframe or leave belief after empty."
                .to_string()
        }
        other => other.to_string(),
    }
}

/// The texts of a record that pass through the crisis-language rules.
pub fn crisis_texts(r: &ThoughtRecord) -> Vec<&str> {
    let mut texts: Vec<&str> = vec![r.situation.as_str(), r.thought.as_str()];
    if let Some(x) = &r.reframe {
        texts.push(x);
    }
    texts.extend(r.emotions.iter().map(|e| e.name.as_str()));
    texts
}

/// Matched words as `"a", "b"`.
fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\u{201c}{w}\u{201d}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Emotions as `a:1, b:2` (the parser accepts commas and line breaks).
fn emotions_one_line(raw: &str) -> String {
    raw.split(['\n', ','])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The emotions step 1 offers as a list, each ticked with an intensity
/// slider (`emotion` = name, `intensity-NAME` = 0–100). Any other emotion
/// goes in the text field as `name:intensity`, which also works alone.
const EMOTIONS: [&str; 10] = [
    "anxious",
    "worried",
    "ashamed",
    "guilty",
    "embarrassed",
    "sad",
    "disappointed",
    "frustrated",
    "angry",
    "overwhelmed",
];

/// The intensity a listed emotion's slider starts at.
const DEFAULT_INTENSITY: u8 = 50;

/// Splits the emotions text into the listed ones (ticked, with their
/// intensity) and the rest (one per line, for the text field).
fn split_emotions(raw: &str) -> (Vec<(&'static str, u8)>, String) {
    let mut listed = Vec::new();
    let mut rest = Vec::new();
    for part in raw
        .split(['\n', ','])
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let known = part.rsplit_once(':').and_then(|(name, n)| {
            let name = name.trim().to_lowercase();
            let known = EMOTIONS.iter().find(|e| **e == name)?;
            let n = n.trim().parse::<u8>().ok().filter(|n| *n <= 100)?;
            (!listed.iter().any(|(e, _)| e == known)).then_some((*known, n))
        });
        match known {
            Some(pair) => listed.push(pair),
            None => rest.push(part),
        }
    }
    (listed, rest.join("\n"))
}

/// What the two steps carry (raw strings, so a rejected form keeps its input).
#[derive(Default, Clone, Debug)]
struct ThoughtForm {
    date: String,
    situation: String,
    thought: String,
    belief: String,
    emotions: String,
    traps: Vec<String>,
    reframe: String,
    belief_after: String,
    action: String,
}

/// Step 1, checked.
struct StepOne {
    date: NaiveDate,
    situation: String,
    thought: String,
    belief: i64,
    emotions: Vec<Emotion>,
}

fn number(field: &'static str, raw: &str) -> Result<i64, ValidationError> {
    let v = raw.trim().parse::<i64>().map_err(|_| {
        ValidationError::Other(format!(
            "{field} must be a whole number from 0 to 100; you gave \"{}\".",
            raw.trim()
        ))
    })?;
    check_range(field, v, 0, 100)?;
    Ok(v)
}

impl ThoughtForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> ThoughtForm {
        let mut f = ThoughtForm::default();
        let mut picked: Vec<String> = Vec::new();
        let mut intensities: Vec<(String, String)> = Vec::new();
        for (k, v) in pairs {
            if let Some(name) = k.strip_prefix("intensity-") {
                intensities.push((name.to_string(), v));
                continue;
            }
            match k.as_str() {
                "emotion" => picked.push(v),
                "date" => f.date = v,
                "situation" => f.situation = v,
                "thought" => f.thought = v,
                "belief" => f.belief = v,
                "emotions" => f.emotions = v,
                "trap" => f.traps.push(v),
                "reframe" => f.reframe = v,
                "belief_after" => f.belief_after = v,
                "action" => f.action = v,
                _ => {}
            }
        }
        // Ticked emotions first, as `name:intensity` lines (a slider left
        // alone sends its starting value), then what was typed.
        let mut lines: Vec<String> = picked
            .iter()
            .map(|name| {
                let n = intensities.iter().find(|(k, _)| k == name).map_or_else(
                    || DEFAULT_INTENSITY.to_string(),
                    |(_, v)| v.trim().to_string(),
                );
                format!("{}:{n}", name.trim())
            })
            .collect();
        if !f.emotions.trim().is_empty() {
            lines.push(f.emotions.trim().to_string());
        }
        f.emotions = lines.join("\n");
        f
    }

    /// Emotions, one `name:intensity` per line or separated by commas.
    fn parse_emotions(&self) -> Result<Vec<Emotion>, ValidationError> {
        self.emotions
            .split(['\n', ','])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(Emotion::parse)
            .collect()
    }

    fn step_one(&self, today: NaiveDate) -> Result<StepOne, ValidationError> {
        let date = if self.date.trim().is_empty() {
            today
        } else {
            goodenough_core::text::parse_date(&self.date)?
        };
        goodenough_core::clock::check_happened("a thought record", date, today)?;
        let situation = goodenough_core::text::required("situation", &self.situation)?;
        let thought = goodenough_core::text::required("thought", &self.thought)?;
        let belief = number("belief", &self.belief)?;
        let emotions = self.parse_emotions()?;
        Ok(StepOne {
            date,
            situation,
            thought,
            belief,
            emotions,
        })
    }

    fn record(&self, one: StepOne) -> Result<thoughts::NewThought, ValidationError> {
        let belief_after = if self.belief_after.trim().is_empty() {
            None
        } else {
            Some(number("belief after", &self.belief_after)?)
        };
        Ok(thoughts::NewThought {
            date: Some(one.date),
            situation: one.situation,
            thought: one.thought,
            belief: one.belief,
            emotions: one.emotions,
            traps: self.traps.clone(),
            reframe: Some(self.reframe.clone()),
            belief_after,
        })
    }
}

async fn today(state: &AppState, person: &str) -> Result<NaiveDate, PageError> {
    Ok(day::today(&state.scope(person), Category::Thoughts).await?)
}

fn unprocessable(viewer: &Viewer, title: &str, body: Markup) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        page(viewer, title, "/thoughts", body),
    )
        .into_response()
}

// ---------- step 1 ----------

fn step_one_form(viewer: &Viewer, f: &ThoughtForm, error: Option<&str>) -> Markup {
    let (listed, rest) = split_emotions(&f.emotions);
    html! {
        h1 { "A new thought record" }
        p { "Write down what happened and the thought that came with it. There are no wrong answers; nothing is saved until the last step." }
        @if let Some(e) = error { (notice("error", e)) }
        form.stack method="post" action="/thoughts/new" {
            (csrf_field(&viewer.csrf))
            label for="date" { "Date" }
            input #date name="date" type="date" value=(f.date);
            label for="situation" { "What happened? (the situation)" }
            textarea #situation name="situation" rows="3" required { (f.situation) }
            label for="thought" { "What did you tell yourself? (the thought)" }
            textarea #thought name="thought" rows="3" required { (f.thought) }
            label for="belief" { "How strongly do you believe it right now? (0–100)" }
            input #belief name="belief" type="number" inputmode="numeric" min="0" max="100" step="1" required value=(f.belief);
            fieldset.emotions {
                legend { "Emotions (optional)" }
                p.hint { "Tick what you feel, and set how strong it is: 0 is barely, 100 is as strong as it gets." }
                ul.emotion-list {
                    @for name in EMOTIONS {
                        @let chosen = listed.iter().find(|(e, _)| *e == name);
                        @let value = chosen.map_or(DEFAULT_INTENSITY, |(_, n)| *n);
                        li.emotion {
                            div.check {
                                input type="checkbox" id={"emotion-" (name)} name="emotion" value=(name) checked[chosen.is_some()];
                                label.inline for={"emotion-" (name)} { (name) }
                            }
                            div.intensity {
                                label.visually-hidden for={"intensity-" (name)} { "How strong: " (name) " (0–100)" }
                                input type="range" id={"intensity-" (name)} name={"intensity-" (name)} min="0" max="100" step="5" value=(value);
                                output for={"intensity-" (name)} { (value) }
                            }
                        }
                    }
                }
                label for="emotions" { "Other emotions" }
                p.hint #emotions-hint { "One per line as name:intensity 0–100, for example lonely:60." }
                textarea #emotions name="emotions" rows="2" aria-describedby="emotions-hint" { (rest) }
            }
            button type="submit" { "Next: look at the thought" }
        }
        p { a href="/thoughts" { "Back to thought records" } }
    }
}

async fn step_one(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let f = ThoughtForm {
        date: today(&state, &viewer.person).await?.to_string(),
        belief: "70".into(),
        ..ThoughtForm::default()
    };
    Ok(page(
        &viewer,
        "New thought record",
        "/thoughts",
        step_one_form(&viewer, &f, None),
    ))
}

// ---------- step 2 ----------

fn step_two_form(
    viewer: &Viewer,
    f: &ThoughtForm,
    catalog: &TrapCatalog,
    error: Option<&str>,
) -> Markup {
    let suggestions: Vec<TrapSuggestion> = catalog.suggest(&f.thought);
    // Suggested traps first, then the rest, in catalogue order.
    let mut slugs: Vec<&str> = suggestions.iter().map(|s| s.slug.as_str()).collect();
    for t in catalog.traps() {
        if !slugs.contains(&t.slug.as_str()) {
            slugs.push(&t.slug);
        }
    }
    let chosen: Vec<String> = f.traps.iter().map(|t| t.trim().to_lowercase()).collect();
    let mut prompt_traps: Vec<String> = suggestions.iter().map(|s| s.slug.clone()).collect();
    prompt_traps.extend(chosen.iter().cloned());
    let prompts = catalog.prompts_for(&prompt_traps);
    html! {
        h1 { "Look at the thought again" }
        @if let Some(e) = error { (notice("error", e)) }
        section.original-thought aria-labelledby="original" {
            h2 #original { "Your thought" }
            blockquote { p { (multiline(f.thought.trim())) } }
            p.muted { "Belief: " (f.belief.trim()) " out of 100. Situation: " (f.situation.trim()) }
        }
        section aria-labelledby="suggested" {
            h2 #suggested { "Thinking traps the words might point to" }
            @if suggestions.is_empty() {
                p { "No thinking traps stand out from the words alone. Pick any that fit below, or none." }
            } @else {
                p.hint { "Only a hint from simple word rules; you know best." }
                ul.suggestions {
                    @for s in &suggestions {
                        li {
                            strong { (s.name) }
                            " — because of "
                            @for (i, w) in s.matched.iter().enumerate() {
                                @if i > 0 { ", " }
                                mark { (w) }
                            }
                            @if let Some(t) = catalog.get(&s.slug) {
                                br;
                                span.hint { (t.definition) }
                            }
                        }
                    }
                }
            }
        }
        form.stack method="post" action="/thoughts" {
            (csrf_field(&viewer.csrf))
            input type="hidden" name="date" value=(f.date);
            input type="hidden" name="situation" value=(f.situation);
            input type="hidden" name="thought" value=(f.thought);
            input type="hidden" name="belief" value=(f.belief);
            // One line, so no browser can drop the line breaks.
            input type="hidden" name="emotions" value=(emotions_one_line(&f.emotions));
            fieldset.trap-chips {
                legend { "Which thinking traps do you recognise?" }
                p.hint { "Suggested ones come first, with the words that matched; none is ticked for you. " a href="/traps" { "What each trap means" } }
                div.chip-row {
                    @for slug in &slugs {
                        @if let Some(t) = catalog.get(slug) {
                            @let id = format!("trap-{slug}");
                            @let suggested = suggestions.iter().find(|s| s.slug == *slug);
                            div.chip.suggested[suggested.is_some()] {
                                input type="checkbox" id=(id) name="trap" value=(slug) checked[chosen.iter().any(|c| c == slug)];
                                label for=(id) {
                                    span.trap-name { (t.name) }
                                    @if let Some(s) = suggested {
                                        span.matched { "suggested: " (quoted(&s.matched)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !prompts.is_empty() {
                section aria-labelledby="prompts" {
                    h2 #prompts { "Some questions that may help" }
                    ul { @for p in prompts.iter().take(5) { li { (p.text) } } }
                }
            }
            p.original-again { "Your thought was: " q { (f.thought.trim()) } }
            label for="reframe" { "A kinder, still honest way to see it (optional)" }
            textarea #reframe name="reframe" rows="4" { (f.reframe) }
            label for="belief_after" { "How strongly do you believe the original thought now? (0–100, optional)" }
            input #belief_after name="belief_after" type="number" inputmode="numeric" min="0" max="100" step="1" value=(f.belief_after);
            button type="submit" name="action" value="save" { "Save thought record" }
            button.secondary type="submit" name="action" value="back" { "Change what I wrote first" }
        }
    }
}

/// Step 1 posted: check it and show step 2 (nothing is saved).
async fn step_two(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let f = ThoughtForm::from_pairs(pairs);
    let catalog = state.catalogues().traps();
    let today = today(&state, &viewer.person).await?;
    if let Err(e) = f.step_one(today) {
        let body = step_one_form(&viewer, &f, Some(&web_sentence(&e)));
        return Ok(unprocessable(&viewer, "New thought record", body));
    }
    Ok(page(
        &viewer,
        "New thought record",
        "/thoughts",
        step_two_form(&viewer, &f, catalog, None),
    )
    .into_response())
}

/// Step 2 posted: validate and save, then show the record.
async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let f = ThoughtForm::from_pairs(pairs);
    let catalog = state.catalogues().traps();
    if f.action == "back" {
        return Ok(page(
            &viewer,
            "New thought record",
            "/thoughts",
            step_one_form(&viewer, &f, None),
        )
        .into_response());
    }
    let today = today(&state, &viewer.person).await?;
    let one = match f.step_one(today) {
        Ok(one) => one,
        Err(e) => {
            let body = step_one_form(&viewer, &f, Some(&web_sentence(&e)));
            return Ok(unprocessable(&viewer, "New thought record", body));
        }
    };
    let saved = match f.record(one) {
        Ok(new) => checked(thoughts::add(&state.scope(&viewer.person), catalog, new).await)?,
        Err(e) => Err(e),
    };
    let record = match saved {
        Ok(r) => r,
        Err(e) => {
            let body = step_two_form(&viewer, &f, catalog, Some(&web_sentence(&e)));
            return Ok(unprocessable(&viewer, "New thought record", body));
        }
    };
    Ok(Redirect::to(&format!("/thoughts/{}?saved=1", record.id)).into_response())
}

// ---------- list and one record ----------

fn trap_names(catalog: &TrapCatalog, slugs: &[String]) -> String {
    slugs
        .iter()
        .map(|s| catalog.get(s).map_or(s.clone(), |t| t.name.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn record_view(r: &ThoughtRecord, catalog: &TrapCatalog, link: bool) -> Markup {
    record_article(r, catalog, link, &r.date.to_string(), None)
}

/// One record as a card of a list: the human date, a link to open it.
fn record_card(r: &ThoughtRecord, catalog: &TrapCatalog, n: usize) -> Markup {
    let id = format!("thought-{n}");
    record_article(r, catalog, true, &human_date(r.date), Some(&id))
}

fn record_article(
    r: &ThoughtRecord,
    catalog: &TrapCatalog,
    link: bool,
    date: &str,
    id: Option<&str>,
) -> Markup {
    html! {
        article.thought.card id=[id] {
            p.muted {
                time datetime=(r.date) { (date) }
                @if link { " · " a href={"/thoughts/" (r.id)} { "Open" } }
            }
            dl {
                dt { "Situation" } dd { (multiline(&r.situation)) }
                dt { "Thought" } dd { (multiline(&r.thought)) }
                dt { "Belief" }
                dd {
                    (r.belief)
                    @if let Some(after) = r.belief_after { " → " (after) }
                }
                @if !r.emotions.is_empty() {
                    dt { "Emotions" }
                    dd {
                        @for (i, e) in r.emotions.iter().enumerate() {
                            @if i > 0 { ", " }
                            (e.name) " " (e.intensity)
                        }
                    }
                }
                @if !r.traps.is_empty() {
                    dt { "Thinking traps" } dd { (trap_names(catalog, &r.traps)) }
                }
                @if let Some(x) = &r.reframe {
                    dt { "Reframe" } dd { (multiline(x)) }
                }
            }
        }
    }
}

#[derive(Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    limit: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Markup, PageError> {
    let catalog = state.catalogues().traps();
    let listing = Listing::new(q.q.as_deref(), q.limit.as_deref());
    let mut thoughts = thoughts::list(&state.scope(&viewer.person), None).await?;
    // Newest first.
    thoughts.sort_by_key(|r| std::cmp::Reverse((r.date, r.created_at)));
    let total = thoughts.len();
    thoughts.retain(|r| {
        let mut texts = vec![r.situation.as_str(), r.thought.as_str()];
        texts.extend(r.reframe.as_deref());
        texts.extend(r.emotions.iter().map(|e| e.name.as_str()));
        listing.matches(texts)
    });
    let found = thoughts.len();
    thoughts.truncate(listing.limit);
    let months = by_month(&thoughts, |r| r.date);
    Ok(page(
        &viewer,
        "Thoughts",
        "/thoughts",
        html! {
            h1 { "Thought records" }
            p.actions { a.button href="/thoughts/new" { "Write a thought record" } " " a href="/traps" { "Thinking traps" } }
            @if total == 0 {
                p { "No thought records yet. When a harsh thought shows up, writing it down here helps you look at it." }
            } @else {
                (search_form("/thoughts", "q", "Search your thought records", &listing))
                (search_result(&listing, found, total, "thought records", "/thoughts"))
                @for (month, items) in &months {
                    section.month aria-label=(month) {
                        h2.month { (month) }
                        @for (n, r) in items { (record_card(r, catalog, *n)) }
                    }
                }
                (show_more(&listing, thoughts.len(), found, "/thoughts", "thought"))
            }
        },
    ))
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    saved: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Markup, PageError> {
    let catalog = state.catalogues().traps();
    let scope = state.scope(&viewer.person);
    let Some(r) = found(thoughts::get(&scope, &id).await)? else {
        return Err(PageError::new(
            StatusCode::NOT_FOUND,
            "There is no thought record with that id. Your records are listed under Thoughts.",
        ));
    };
    let saved = q.saved.is_some();
    let crisis = saved && state.safety.matches(crisis_texts(&r));
    // Which phrase of the person's inner critic the thought resembles.
    let critic = awareness::critic(&scope).await?;
    let critic_hint = critic.as_ref().and_then(|c| {
        goodenough_core::awareness::critic_match(c, &r.thought).map(|m| (c.name.clone(), m))
    });
    let suggestions = if saved && r.traps.is_empty() {
        catalog.suggest(&r.thought)
    } else {
        Vec::new()
    };
    Ok(page(
        &viewer,
        "Thought record",
        "/thoughts",
        html! {
            h1 { "Thought record" }
            @if crisis { (help_block(&state)) }
            @if let Some((name, m)) = &critic_hint {
                p.critic-hint {
                    "This sounds like " (name) ": matched " (quoted(&m.matched_words)) " (its phrase “" (m.phrase) "”). "
                    a href="/critic" { "Your inner critic" }
                }
            }
            @if saved {
                (notice("ok", &format!("Saved your thought record for {}. Writing it down is already a step.", r.date)))
                @if let Some(shift) = r.belief_shift() {
                    p {
                        "Belief " (r.belief) " → " (r.belief_after.unwrap_or(r.belief)) ": "
                        @if shift > 0 { "the thought has loosened its grip a little." }
                        @else { "some thoughts take more than one look, and that is fine." }
                    }
                }
                @if !suggestions.is_empty() {
                    p { "The words might point to these thinking traps (only a hint; you know best):" }
                    ul {
                        @for s in &suggestions { li { (s.name) ": " (quoted(&s.matched)) } }
                    }
                }
            }
            (record_view(&r, catalog, false))
            p { a href="/thoughts" { "All thought records" } " · " a href="/thoughts/new" { "Write another" } }
        },
    ))
}

// ---------- traps ----------

#[derive(Deserialize, Default)]
struct TrapsQuery {
    text: Option<String>,
}

async fn traps_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<TrapsQuery>,
) -> Result<Markup, PageError> {
    let catalog = state.catalogues().traps();
    let text = q.text.unwrap_or_default();
    let asked = !text.trim().is_empty();
    let suggestions = if asked {
        catalog.suggest(&text)
    } else {
        Vec::new()
    };
    let crisis = asked && state.safety.matches([text.as_str()]);
    Ok(page(
        &viewer,
        "Thinking traps",
        "/thoughts",
        html! {
            h1 { "Thinking traps" }
            p { "Common ways a harsh thought bends the facts. Each trap has plain word rules (matched without regard to case); a suggestion always shows the words that matched, so you can see why and disagree." }
            section aria-labelledby="explain" {
                h2 #explain { "Which traps does a text suggest?" }
                form.stack method="get" action="/traps" {
                    label for="text" { "A thought, in your own words" }
                    textarea #text name="text" rows="3" { (text) }
                    button type="submit" { "Explain" }
                }
                @if crisis { (help_block(&state)) }
                @if asked {
                    @if suggestions.is_empty() {
                        p.result { "No thinking traps are suggested by the words in that text. The rules only look at words, so if one still feels familiar, trust yourself over them." }
                    } @else {
                        p.result { "The words in that text suggest:" }
                        ul.suggestions {
                            @for s in &suggestions {
                                li {
                                    strong { (s.name) } " — matched "
                                    @for (i, w) in s.matched.iter().enumerate() {
                                        @if i > 0 { ", " }
                                        mark { (w) }
                                    }
                                }
                            }
                        }
                        p.hint { "These are hints from simple word rules, not verdicts; you know best." }
                    }
                }
            }
            section aria-labelledby="all-traps" {
                h2 #all-traps { "All thinking traps" }
                @for t in catalog.traps() {
                    article.trap id=(t.slug) {
                        h3 { (t.name) " " code { (t.slug) } }
                        p { (t.definition) }
                        details {
                            summary { "Rules" }
                            ul { @for p in &t.patterns { li { code { (p) } } } }
                        }
                    }
                }
            }
        },
    ))
}
