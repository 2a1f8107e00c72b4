//! `/progress`: how mood, energy, appreciations and reframes have moved over
//! time, as charts drawn on the server (no JavaScript).
//!
//! Charts are SVG from `goodenough_core::chart` (plotters' SVG backend, no
//! fonts, no `style` attributes, so the Content-Security-Policy holds), drawn
//! narrow and wide with classes the stylesheet colours. Each chart gets
//! `role="img"`, a `<title>` and a `<desc>`, an HTML legend, a sentence under
//! it and the numbers in a table behind a disclosure, so nothing depends on
//! seeing the lines. Weeks sit on an even axis: a week without check-ins is
//! a gap; the week under way is drawn dashed. Colours are calm blues, teals
//! and greys: a low week is not drawn as a failure.

use axum::extract::State;
use axum::routing::get;
use goodenough_core::chart;
use goodenough_core::figures::Coverage;
use goodenough_core::progress::Period;
use maud::{html, Markup, PreEscaped};

use super::layout::page;
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new().route("/progress", get(show))
}

/// Weeks shown in the weekly charts.
pub const WEEKS_SHOWN: usize = 26;
/// Months shown in the reframe chart.
pub const MONTHS_SHOWN: usize = 12;

pub use goodenough_core::chart::{Axis, ChartText, Line, Step, Tone};

/// Draws a chart (narrow and wide drawings, see
/// [`goodenough_core::chart::chart_pair`]) with `role="img"`, `<title>` and
/// `<desc>`. Returns `None` if there is nothing to draw (the page then shows
/// the table only).
pub fn line_chart(
    text: &ChartText<'_>,
    axis: &Axis,
    lines: &[Line<'_>],
    y: (f64, f64),
) -> Option<String> {
    // Drawing is the dearest part of the page; the same figures always draw
    // the same SVG, so remember recent drawings (a cache of pure output: no
    // state that another server would need).
    let key = chart_key(text, axis, lines, y);
    if let Some(svg) = chart_cache().lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Some(svg);
    }
    let svg = chart::chart_pair(text, axis, lines, y, &|v: &f64| format!("{v:.0}"))?;
    if let Ok(mut cache) = chart_cache().lock() {
        if cache.len() >= CHART_CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, svg.clone());
    }
    Some(svg)
}

/// How many drawn charts are remembered (a few per active person).
const CHART_CACHE_ENTRIES: usize = 512;

fn chart_cache() -> &'static std::sync::Mutex<std::collections::HashMap<u64, String>> {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<u64, String>>> =
        std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn chart_key(text: &ChartText<'_>, axis: &Axis, lines: &[Line<'_>], y: (f64, f64)) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (text.id, text.title, text.desc).hash(&mut h);
    (
        axis.step.label(chrono::NaiveDate::MIN),
        &axis.starts,
        axis.so_far,
    )
        .hash(&mut h);
    (y.0.to_bits(), y.1.to_bits()).hash(&mut h);
    for line in lines {
        (line.name, line.tone).hash(&mut h);
        for v in &line.values {
            v.map(f64::to_bits).hash(&mut h);
        }
    }
    h.finish()
}

/// The legend of a chart, as HTML next to it: a swatch of each line's
/// colour (a short line, so it reads in print too) and its name, and how
/// the period under way is drawn when the chart has one.
pub fn legend(lines: &[(&str, Tone)], axis: &Axis) -> Markup {
    html! {
        ul.legend {
            @for (name, tone) in lines {
                li { span class={"swatch " (tone.class())} aria-hidden="true" {} (name) }
            }
            @if axis.so_far {
                li { span.swatch.swatch-so-far aria-hidden="true" {} "Dashed, open dot: " (axis.step.so_far_name()) }
            }
        }
    }
}

fn fmt(v: Option<f64>, digits: usize) -> String {
    match v {
        Some(v) => format!("{v:.digits$}"),
        None => "–".to_string(),
    }
}

fn pct(v: Option<f64>) -> Option<f64> {
    v.map(|s| (s * 100.0).round())
}

/// A period as written everywhere ("3 Dec", "Dec 2026"), with
/// " (so far: 3 of 7 days)" for the one still under way.
pub fn period_name(step: Step, start: chrono::NaiveDate, coverage: &Coverage) -> String {
    match coverage.so_far() {
        Some(note) => format!("{} ({note})", step.label(start)),
        None => step.label(start),
    }
}

/// " (so far: 3 of 7 days)" for the week or month still under way.
fn so_far(p: &Period) -> String {
    p.coverage
        .so_far()
        .map(|note| format!(" ({note})"))
        .unwrap_or_default()
}

/// The periods with data that fall on an even axis of at most `most`
/// periods ending with the latest of them, and that axis (the last period
/// marked when it is still under way). `None` without such periods.
fn on_axis(
    periods: &[Period],
    step: Step,
    most: u32,
    has: impl Fn(&Period) -> bool,
) -> Option<(Axis, Vec<Period>)> {
    let with: Vec<&Period> = periods.iter().filter(|p| has(p)).collect();
    let last = with.last()?;
    let axis = Axis::spanning(
        step,
        with.iter().map(|p| p.start),
        !last.coverage.complete,
        most,
    )?;
    let first = *axis.starts.first()?;
    let shown = with
        .into_iter()
        .filter(|p| p.start >= first)
        .cloned()
        .collect();
    Some((axis, shown))
}

/// The period still under way, when it has data.
fn open_period(periods: &[Period], has: impl Fn(&Period) -> bool) -> Option<&Period> {
    periods.last().filter(|p| !p.coverage.complete && has(p))
}

/// The latest period that is over.
fn latest_whole(periods: &[Period]) -> Option<&Period> {
    periods.iter().rev().find(|p| p.coverage.complete)
}

fn mood_section(weeks: &[Period]) -> Markup {
    let shown = on_axis(weeks, Step::Week, WEEKS_SHOWN as u32, |p| p.checkins > 0);
    html! {
        section aria-labelledby="mood-h" {
            h2 #mood-h { "Mood and energy" }
            @if let Some(w) = open_period(weeks, |p| p.checkins > 0) {
                p.muted { "This week" (so_far(w)) ": mood " (fmt(w.mean_mood, 1)) ", energy " (fmt(w.mean_energy, 1)) ". Until the week is over it is drawn dashed and left out of the trend." }
            }
            @match shown.as_ref().filter(|(_, s)| s.len() >= 2) {
                None => {
                    p { "This chart appears once you have check-ins in two different weeks. Every evening you check in adds to it, whenever that is." }
                }
                Some((axis, with)) => {
                    @let first = &with[0];
                    @let latest = latest_whole(with).unwrap_or(first);
                    @let desc = format!(
                        "Weekly means from the week of {} to the week of {}. Latest whole week: mood {}, energy {} (0 to 10).",
                        Step::Week.label(first.start), Step::Week.label(with[with.len() - 1].start), fmt(latest.mean_mood, 1), fmt(latest.mean_energy, 1)
                    );
                    @let svg = line_chart(
                        &ChartText { id: "chart-mood", title: "Mood and energy, weekly means", desc: &desc },
                        axis,
                        &[
                            Line { name: "Mood", tone: Tone::Blue, values: axis.place(with.iter().map(|p| (p.start, p.mean_mood))) },
                            Line { name: "Energy", tone: Tone::Teal, values: axis.place(with.iter().map(|p| (p.start, p.mean_energy))) },
                        ],
                        (0.0, 10.0),
                    );
                    @if let Some(svg) = svg { figure { (PreEscaped(svg)) } }
                    (legend(&[("Mood", Tone::Blue), ("Energy", Tone::Teal)], axis))
                    p { (desc) " A week without check-ins is a gap in the line. Ups and downs are part of any stretch of weeks." }
                    details {
                        summary { "The numbers" }
                        div.table-scroll tabindex="0" {
                            table {
                                caption.visually-hidden { "Weekly mean mood and energy" }
                                thead { tr { th scope="col" { "Week of" } th scope="col" { "Check-ins" } th scope="col" { "Mood" } th scope="col" { "Energy" } } }
                                tbody {
                                    @for p in with {
                                        tr { th scope="row" { (Step::Week.label(p.start)) (so_far(p)) } td { (p.checkins) } td { (fmt(p.mean_mood, 1)) } td { (fmt(p.mean_energy, 1)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn share_section(weeks: &[Period]) -> Markup {
    let shown = on_axis(weeks, Step::Week, WEEKS_SHOWN as u32, |p| p.checkins > 0);
    html! {
        section aria-labelledby="share-h" {
            h2 #share-h { "Appreciations beyond work" }
            @if let Some(w) = open_period(weeks, |p| p.checkins > 0) {
                p.muted { "This week" (so_far(w)) ": " (fmt(pct(w.non_work_share), 0)) "%." }
            }
            @match shown.as_ref().filter(|(_, s)| s.len() >= 2) {
                None => {
                    p { "Once you have check-ins in two different weeks, this shows how many of your appreciations were about life outside work." }
                }
                Some((axis, with)) => {
                    @let latest = latest_whole(with).unwrap_or(&with[0]);
                    @let desc = format!(
                        "Share of appreciations about something other than work, per week, in percent. Latest whole week: {}%.",
                        fmt(pct(latest.non_work_share), 0)
                    );
                    @let svg = line_chart(
                        &ChartText { id: "chart-share", title: "Appreciations beyond work, weekly share", desc: &desc },
                        axis,
                        &[Line { name: "Beyond work (%)", tone: Tone::Violet, values: axis.place(with.iter().map(|p| (p.start, pct(p.non_work_share)))) }],
                        (0.0, 100.0),
                    );
                    @if let Some(svg) = svg { figure { (PreEscaped(svg)) } }
                    (legend(&[("Beyond work (%)", Tone::Violet)], axis))
                    p { (desc) " Rest, people and health are worth noticing as much as work." }
                    details {
                        summary { "The numbers" }
                        div.table-scroll tabindex="0" {
                            table {
                                caption.visually-hidden { "Weekly share of appreciations beyond work" }
                                thead { tr { th scope="col" { "Week of" } th scope="col" { "Beyond work" } } }
                                tbody {
                                    @for p in with {
                                        tr { th scope="row" { (Step::Week.label(p.start)) (so_far(p)) } td { (fmt(pct(p.non_work_share), 0)) "%" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn belief_section(months: &[Period]) -> Markup {
    let shown = on_axis(months, Step::Month, MONTHS_SHOWN as u32, |p| p.reframes > 0);
    html! {
        section aria-labelledby="belief-h" {
            h2 #belief-h { "Belief before and after reframing" }
            @if let Some(m) = open_period(months, |p| p.reframes > 0) {
                p.muted { (Step::Month.label(m.start)) (so_far(m)) ": " (fmt(m.mean_belief_before, 0)) " before, " (fmt(m.mean_belief_after, 0)) " after, over " (goodenough_core::text::count(u64::from(m.reframes), "reframe", "reframes")) "." }
            }
            @match &shown {
                None => {
                    p { "When you reframe a thought and rate how much you still believe it, this chart shows the change month by month. " a href="/thoughts" { "Thought records" } " are there whenever you want them." }
                }
                Some((axis, with)) => {
                    @let desc = match latest_whole(with) {
                        Some(latest) => format!(
                            "Monthly mean belief in the original thought (0 to 100), before and after reframing. Latest whole month ({}): {} before, {} after, over {}.",
                            Step::Month.label(latest.start), fmt(latest.mean_belief_before, 0), fmt(latest.mean_belief_after, 0),
                            goodenough_core::text::count(u64::from(latest.reframes), "reframe", "reframes")
                        ),
                        None => "Monthly mean belief in the original thought (0 to 100), before and after reframing; so far only this month has reframes.".to_string(),
                    };
                    @let svg = line_chart(
                        &ChartText { id: "chart-belief", title: "Belief before and after reframing, monthly means", desc: &desc },
                        axis,
                        &[
                            Line { name: "Before", tone: Tone::Grey, values: axis.place(with.iter().map(|p| (p.start, p.mean_belief_before))) },
                            Line { name: "After", tone: Tone::Teal, values: axis.place(with.iter().map(|p| (p.start, p.mean_belief_after))) },
                        ],
                        (0.0, 100.0),
                    );
                    @if let Some(svg) = svg { figure { (PreEscaped(svg)) } }
                    (legend(&[("Before reframing", Tone::Grey), ("After reframing", Tone::Teal)], axis))
                    p { (desc) }
                    details {
                        summary { "The numbers" }
                        div.table-scroll tabindex="0" {
                            table {
                                caption.visually-hidden { "Monthly mean belief before and after reframing" }
                                thead { tr { th scope="col" { "Month" } th scope="col" { "Reframes" } th scope="col" { "Before" } th scope="col" { "After" } } }
                                tbody {
                                    @for p in with {
                                        tr { th scope="row" { (Step::Month.label(p.start)) (so_far(p)) } td { (p.reframes) } td { (fmt(p.mean_belief_before, 0)) } td { (fmt(p.mean_belief_after, 0)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

async fn show(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let scope = state.scope_of_viewer(&viewer);
    let progress = goodenough_app::progress::series(&scope).await?;
    let weeks = &progress.weekly;
    let months = &progress.monthly;
    let outcomes = goodenough_app::progress::outcomes(&scope).await?;
    Ok(page(
        &viewer,
        "Progress",
        "/progress",
        html! {
            h1 { "Progress" }
            @if progress.is_empty() {
                p { "Nothing to chart yet, and that is fine. After a few evening check-ins, your weeks will start to show here." }
                p { a.button href="/checkin" { "Check in tonight" } }
            } @else {
                p { "Up to the last " (WEEKS_SHOWN) " weeks (reframes: the last " (MONTHS_SHOWN) " months). Gaps are simply weeks without a check-in; they are not counted against you. The week still under way is drawn dashed." }
                (mood_section(weeks))
                (share_section(weeks))
                (belief_section(months))
                p { "The same figures as JSON: " a href="/api/v1/progress" { code { "/api/v1/progress" } } "." }
            }
            (super::reviews::outcomes_section(&outcomes))
            (super::report::report_form())
        },
    ))
}
