//! `/reviews`: the weekly review. This week's figures (or a past week's, via
//! `?week=2026-W07` or `?on=DATE`) beside the four weeks before, the week's
//! wins and setbacks, the reflection form (breakthroughs, setbacks, one thing
//! to celebrate) and the saved reviews. Also [`outcomes_section`], the four
//! outcomes month by month that `/progress` shows.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Form;
use chrono::NaiveDate;
use goodenough_app::{reviews, settings, AppError, Scope};
use goodenough_core::figures::{Measure, OutcomeProgress, Unit};
use goodenough_core::review::{Reflection, WeekComparison, WeeklyReview};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;

use super::help::help_block;
use super::layout::{csrf_field, multiline, notice, page};
use super::progress::{legend, line_chart, period_name, Axis, ChartText, Line, Step, Tone};
use super::Viewer;
use crate::error::PageError;
use crate::journey::{pick_day, Unreadable};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new().route("/reviews", get(show).post(post))
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    on: Option<String>,
    week: Option<String>,
    saved: Option<String>,
}

#[derive(Deserialize, Default)]
struct ReviewForm {
    #[serde(default)]
    week_start: String,
    #[serde(default)]
    breakthroughs: String,
    #[serde(default)]
    setbacks: String,
    #[serde(default)]
    celebrate: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

fn render(
    state: &AppState,
    viewer: &Viewer,
    view: &WeekComparison,
    reviews: &[WeeklyReview],
    form: &ReviewForm,
    (error, saved): (Option<&str>, bool),
    today: NaiveDate,
) -> Markup {
    let previous = view.week_start - chrono::Duration::days(7);
    let next = (view.week_end < today).then(|| view.week_end + chrono::Duration::days(1));
    let crisis = saved
        && view
            .review
            .as_ref()
            .is_some_and(|r| state.safety.matches(r.texts()));
    page(
        viewer,
        "Weekly review",
        "/reviews",
        html! {
            h1 { "Weekly review" }
            @if crisis { (help_block(state)) }
            @if saved { (notice("ok", "Saved your review. Breakthroughs and setbacks both belong on the path.")) }
            @if let Some(e) = error { (notice("error", e)) }
            section aria-labelledby="week-h" {
                h2 #week-h { "Week " (view.week) " (" (view.week_start) " to " (view.week_end) ")" }
                nav.week-nav aria-label="Other weeks" {
                    a href={"/reviews?on=" (previous)} rel="prev" { "← The week before" }
                    @if let Some(n) = next {
                        " · " a href={"/reviews?on=" (n)} rel="next" { "The week after →" }
                    }
                }
                p { (view.summary) }
                @let this_week = match view.coverage.so_far() {
                    Some(note) => format!("This week ({note})"),
                    None => "This week".to_string(),
                };
                div.table-scroll tabindex="0" {
                    table {
                        caption.visually-hidden { "This week's figures beside the mean of the four weeks before" }
                        thead { tr { th scope="col" { "Figure" } th scope="col" { (this_week) } th scope="col" { "Last " (view.recent_weeks) " weeks" } } }
                        tbody {
                            @for r in view.rows.iter().filter(|r| r.this_week.is_some() || r.recent.is_some()) {
                                tr { th scope="row" { (r.label) } td { (r.measure.format(r.this_week)) } td { (r.measure.format(r.recent)) } }
                            }
                        }
                    }
                }
                @let sentences: Vec<&str> = view.rows.iter().filter_map(|r| r.sentence.as_deref()).collect();
                @if !sentences.is_empty() {
                    ul.sentences { @for s in &sentences { li { (s) } } }
                }
                p.muted { "\"—\" means nothing was recorded for that figure; that is not a score." }
                h3 { "Wins" }
                @if view.wins.is_empty() {
                    p { "None logged this week. Small ones count: " a href="/wins" { "log a win" } "." }
                } @else {
                    ul.wins { @for w in &view.wins { li { time datetime=(w.date) { (w.date) } " — " (multiline(&w.text)) } } }
                }
                h3 { "Setbacks" }
                @if view.setbacks.is_empty() {
                    p { "None logged." }
                } @else {
                    ul.setbacks {
                        @for s in &view.setbacks {
                            li {
                                time datetime=(s.date) { (s.date) } " — " (multiline(&s.text))
                                @if let Some(l) = &s.lesson { br; span.lesson { "Lesson: " (multiline(l)) } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="reflect-h" {
                h2 #reflect-h { "Your reflection" }
                p.hint { "Progress is not a straight line: note what went better than you feared, what was hard, and one thing to celebrate. One line each; saving again replaces this week's reflection." }
                form.stack method="post" action="/reviews" {
                    (csrf_field(&viewer.csrf))
                    input type="hidden" name="week_start" value=(view.week_start);
                    label for="rv-break" { "Breakthroughs (one per line)" }
                    textarea #rv-break name="breakthroughs" rows="3" { (form.breakthroughs) }
                    label for="rv-setback" { "Setbacks (one per line)" }
                    textarea #rv-setback name="setbacks" rows="3" { (form.setbacks) }
                    label for="rv-celebrate" { "One thing to celebrate" }
                    input #rv-celebrate name="celebrate" type="text" value=(form.celebrate);
                    button type="submit" { "Save the review of " (view.week) }
                }
            }
            section aria-labelledby="saved-h" {
                h2 #saved-h { "Saved reviews" }
                @if reviews.is_empty() {
                    p { "No reviews saved yet. Missed weeks are fine: a review is there when it helps." }
                } @else {
                    p.muted { "Newest first." }
                    ul.reviews {
                        @for r in reviews.iter().rev() {
                            li {
                                a href={"/reviews?week=" (r.week)} { (r.week) }
                                " (" (r.week_start) ")"
                                @if let Some(c) = &r.celebrate { " — celebrate: " (c) }
                                @if !r.breakthroughs.is_empty() || !r.setbacks.is_empty() {
                                    " · " (r.breakthroughs.len()) " breakthrough(s), " (r.setbacks.len()) " setback(s)"
                                }
                            }
                        }
                    }
                }
                p { "As JSON: " a href="/api/v1/reviews" { code { "/api/v1/reviews" } } "." }
            }
        },
    )
}

fn form_of(view: &WeekComparison) -> ReviewForm {
    match &view.review {
        Some(r) => ReviewForm {
            week_start: r.week_start.to_string(),
            breakthroughs: r.breakthroughs.join("\n"),
            setbacks: r.setbacks.join("\n"),
            celebrate: r.celebrate.clone().unwrap_or_default(),
        },
        None => ReviewForm::default(),
    }
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ShowQuery>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    let today = settings::today(&scope).await?;
    let (view, error, status) =
        match week_of(&scope, pick_day(q.on.as_deref(), q.week.as_deref())).await? {
            Ok(view) => (view, None, StatusCode::OK),
            Err((status, message)) => (reviews::week(&scope, None).await?, Some(message), status),
        };
    let reviews = reviews::list(&scope).await?;
    let body = render(
        &state,
        &viewer,
        &view,
        &reviews,
        &form_of(&view),
        (error.as_deref(), q.saved.is_some()),
        today,
    );
    Ok((status, body).into_response())
}

/// The week of the day asked for, or why it cannot be shown (a day that
/// cannot be read, or one in the future).
async fn week_of(
    scope: &Scope,
    day: Result<Option<NaiveDate>, Unreadable>,
) -> Result<Result<WeekComparison, Unreadable>, PageError> {
    let on = match day {
        Ok(on) => on,
        Err(e) => return Ok(Err(e)),
    };
    match reviews::week(scope, on).await {
        Ok(view) => Ok(Ok(view)),
        Err(AppError::Invalid(e)) => Ok(Err((StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))),
        Err(e) => Err(e.into()),
    }
}

async fn post(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<ReviewForm>,
) -> Result<Response, PageError> {
    let scope = state.scope(&viewer.person);
    let today = settings::today(&scope).await?;
    let celebrate = Some(f.celebrate.as_str());
    let reflection = Reflection::new(&lines(&f.breakthroughs), &lines(&f.setbacks), celebrate);
    let on = pick_day(Some(&f.week_start), None);
    let (view, message) = match (on, reflection) {
        (Ok(on), Ok(reflection)) => match reviews::save(&scope, on, reflection).await {
            Ok(saved) => {
                return Ok(
                    Redirect::to(&format!("/reviews?week={}&saved=1", saved.week)).into_response(),
                )
            }
            Err(AppError::Invalid(e)) => (reviews::week(&scope, None).await?, e.to_string()),
            Err(e) => return Err(e.into()),
        },
        (Err((_, message)), _) => (reviews::week(&scope, None).await?, message),
        (Ok(on), Err(e)) => match week_of(&scope, Ok(on)).await? {
            Ok(view) => (view, e.to_string()),
            // The day is the first thing to put right.
            Err((_, message)) => (reviews::week(&scope, None).await?, message),
        },
    };
    let body = render(
        &state,
        &viewer,
        &view,
        &reviews::list(&scope).await?,
        &f,
        (Some(&message), false),
        today,
    );
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}

/// The chart of each outcome: which measures, on what scale.
fn chart_of(measures: &[Measure]) -> (Vec<Measure>, (f64, f64), &'static str) {
    use Measure as M;
    if measures.contains(&M::OverrunRate) {
        (
            vec![M::OverrunRate, M::AfterHoursShare],
            (0.0, 100.0),
            "percent",
        )
    } else if measures.contains(&M::Noes) {
        (vec![M::Noes, M::Delegations], (0.0, 0.0), "a month")
    } else if measures.contains(&M::AnxietyBefore) {
        (
            vec![M::AnxietyBefore, M::AnxietyAfter],
            (0.0, 100.0),
            "0 to 100",
        )
    } else {
        (vec![M::MeanMood], (0.0, 10.0), "0 to 10")
    }
}

fn shown(m: Measure, v: Option<f64>) -> Option<f64> {
    match m.unit() {
        Unit::Share => v.map(|s| (s * 100.0).round()),
        _ => v,
    }
}

/// The four outcomes month by month: a chart and a table for each.
pub fn outcomes_section(p: &OutcomeProgress) -> Markup {
    // Every month on an even axis; the month under way is drawn dashed.
    let axis = Axis {
        step: Step::Month,
        starts: p
            .months
            .iter()
            .map(|m| Step::Month.start_of(m.from))
            .collect(),
        so_far: p.unfinished().is_some(),
    };
    let labels = axis.labels();
    let month_name = |i: usize| match (p.months.get(i), p.coverage.get(i)) {
        (Some(m), Some(c)) => period_name(Step::Month, m.from, c),
        (Some(m), None) => Step::Month.label(m.from),
        _ => String::new(),
    };
    html! {
        section aria-labelledby="outcomes-h" {
            h2 #outcomes-h { "The four outcomes, month by month" }
            @if p.is_empty() {
                p { "Once you record check-ins, timeboxes, noes or experiments, the four outcomes appear here month by month." }
            } @else {
                p { "Each figure with its change from the first month. A month without records is a gap, not a zero; dips are part of the picture." }
                @if let Some((month, c)) = p.unfinished() {
                    p.muted { (Step::Month.label(month.from)) " is not over (" (c.days_so_far) " of " (c.days) " days): its figures are drawn dashed and are in the tables as they stand so far; the changes end with the last whole month." }
                }
                @for o in &p.outcomes {
                    @let all: Vec<Measure> = o.measures.iter().map(|m| m.measure).collect();
                    @let (drawn, range, scale) = chart_of(&all);
                    @let series: Vec<&goodenough_core::figures::MeasureSeries> = drawn.iter().filter_map(|d| o.measures.iter().find(|m| m.measure == *d)).collect();
                    @let top = series.iter().flat_map(|s| s.values.iter().flatten()).copied().fold(1.0f64, f64::max);
                    @let range = if range.1 > 0.0 { range } else { (0.0, top.ceil() + 1.0) };
                    @let id = format!("chart-{}", o.outcome.key());
                    @let desc = format!(
                        "{} per month ({}), from {} to {}.",
                        series.iter().map(|s| s.label.as_str()).collect::<Vec<_>>().join(" and "),
                        scale,
                        labels.first().map(String::as_str).unwrap_or(""),
                        labels.last().map(String::as_str).unwrap_or("")
                    );
                    section aria-labelledby={(id) "-h"} {
                        h3 id={(id) "-h"} { (o.title) }
                        @let lines: Vec<Line<'_>> = series.iter().enumerate().map(|(i, s)| Line {
                            name: s.label.as_str(),
                            tone: if i == 0 { Tone::Blue } else { Tone::Teal },
                            values: s.values.iter().map(|v| shown(s.measure, *v)).collect(),
                        }).collect();
                        @if let Some(svg) = line_chart(&ChartText { id: &id, title: o.title.as_str(), desc: &desc }, &axis, &lines, range) {
                            figure { (PreEscaped(svg)) }
                        }
                        @let names: Vec<(&str, Tone)> = lines.iter().map(|l| (l.name, l.tone)).collect();
                        (legend(&names, &axis))
                        p.muted { (desc) }
                        ul.changes {
                            @for m in &o.measures {
                                li {
                                    (m.label) ": " (m.measure.format(m.first)) " → " (m.measure.format(m.latest)) " (" (m.change_sentence()) ")"
                                    @if let (Some(v), Some((month, _))) = (m.so_far, p.unfinished()) { "; " (Step::Month.label(month.from)) " so far: " (m.measure.format(Some(v))) }
                                }
                            }
                        }
                        details {
                            summary { "The numbers" }
                            div.table-scroll tabindex="0" {
                                table {
                                    caption.visually-hidden { (o.title) ", month by month" }
                                    thead { tr { th scope="col" { "Month" } @for m in &o.measures { th scope="col" { (m.label) } } } }
                                    tbody {
                                        @for i in 0..p.months.len() {
                                            tr {
                                                th scope="row" { (month_name(i)) }
                                                @for m in &o.measures { td { (m.measure.format(m.values.get(i).copied().flatten())) } }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                p { "The same figures as JSON: " a href="/api/v1/progress/outcomes" { code { "/api/v1/progress/outcomes" } } "." }
            }
        }
    }
}
