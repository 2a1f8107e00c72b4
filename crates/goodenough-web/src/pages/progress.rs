//! `/progress`: how mood, energy, appreciations and reframes have moved over
//! time, as charts drawn on the server (no JavaScript).
//!
//! Charts are SVG from [plotters](https://docs.rs/plotters) with only its
//! `svg_backend` and `line_series` features: no font libraries are needed
//! (axis labels are written as SVG `<text>` and laid out by the browser).
//! Plotters writes presentation attributes (`stroke`, `fill`), never `style`,
//! so the inline SVG passes the Content-Security-Policy. Each chart gets
//! `role="img"`, a `<title>` and a `<desc>`, a sentence under it and the
//! numbers in a table, so nothing depends on seeing the lines. Colours are
//! calm blues, teals and greys: a low week is not drawn as a failure.

use axum::extract::State;
use axum::routing::get;
use goodenough_core::chart;
use goodenough_core::progress::Period;
use maud::{html, Markup, PreEscaped};
use plotters::prelude::*;

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

pub use goodenough_core::chart::{ChartText, Line};

const MOOD: RGBColor = RGBColor(0x2f, 0x5d, 0x8c);
const ENERGY: RGBColor = RGBColor(0x2a, 0x9d, 0x8f);
const SHARE: RGBColor = RGBColor(0x5b, 0x6c, 0xb0);
const BEFORE: RGBColor = RGBColor(0x8a, 0x8f, 0x98);
const AFTER: RGBColor = RGBColor(0x2a, 0x9d, 0x8f);

/// Draws a line chart as an SVG string, with `role="img"`, `<title>` and
/// `<desc>`. `labels` name the x positions; `y` is the value range.
/// Returns `None` if plotters reports an error (the page then shows the
/// table only).
pub fn line_chart(
    text: &ChartText<'_>,
    labels: &[String],
    lines: &[Line<'_>],
    y: (f64, f64),
) -> Option<String> {
    // Drawing is the dearest part of the page; the same figures always draw
    // the same SVG, so remember recent drawings (a cache of pure output: no
    // state that another server would need).
    let key = chart_key(text, labels, lines, y);
    if let Some(svg) = chart_cache().lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Some(svg);
    }
    let svg = draw_line_chart(text, labels, lines, y)?;
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

fn chart_key(text: &ChartText<'_>, labels: &[String], lines: &[Line<'_>], y: (f64, f64)) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (text.id, text.title, text.desc, labels).hash(&mut h);
    (y.0.to_bits(), y.1.to_bits()).hash(&mut h);
    for line in lines {
        (line.name, line.colour.0, line.colour.1, line.colour.2).hash(&mut h);
        for v in &line.values {
            v.map(f64::to_bits).hash(&mut h);
        }
    }
    h.finish()
}

fn draw_line_chart(
    text: &ChartText<'_>,
    labels: &[String],
    lines: &[Line<'_>],
    y: (f64, f64),
) -> Option<String> {
    goodenough_core::chart::line_chart(text, labels, lines, y, &chart::PAGE, &|v: &f64| {
        format!("{v:.0}")
    })
}

fn legend(lines: &[(&str, RGBColor)]) -> Markup {
    html! {
        ul.legend {
            @for (name, c) in lines {
                li {
                    svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false" {
                        rect width="14" height="14" rx="3" fill=(format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)) {}
                    }
                    " " (name)
                }
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

fn last<T: Clone>(items: &[T], n: usize) -> Vec<T> {
    items[items.len().saturating_sub(n)..].to_vec()
}

fn week_label(p: &Period) -> String {
    p.start.format("%d %b").to_string()
}

/// " (so far: 3 of 7 days)" for the week or month still under way.
fn so_far(p: &Period) -> String {
    p.coverage
        .so_far()
        .map(|note| format!(" ({note})"))
        .unwrap_or_default()
}

/// The periods with data that are over (what a chart's trend and its
/// "latest" use) and the one still under way, if it has data.
fn split_whole(periods: Vec<Period>) -> (Vec<Period>, Option<Period>) {
    let (whole, open): (Vec<Period>, Vec<Period>) =
        periods.into_iter().partition(|p| p.coverage.complete);
    (whole, open.into_iter().last())
}

fn mood_section(weeks: &[Period]) -> Markup {
    let with_checkins: Vec<Period> = weeks.iter().filter(|p| p.checkins > 0).cloned().collect();
    let (whole, open) = split_whole(with_checkins.clone());
    html! {
        section aria-labelledby="mood-h" {
            h2 #mood-h { "Mood and energy" }
            @if whole.len() < 2 {
                p { "This chart appears once you have check-ins in two different weeks that are over. Every evening you check in adds to it, whenever that is." }
            } @else {
                @let labels: Vec<String> = whole.iter().map(week_label).collect();
                @let first = &whole[0];
                @let latest = &whole[whole.len() - 1];
                @let desc = format!(
                    "Weekly means from the week of {} to the week of {}. Latest whole week: mood {}, energy {} (0 to 10).",
                    first.start, latest.start, fmt(latest.mean_mood, 1), fmt(latest.mean_energy, 1)
                );
                @let svg = line_chart(
                    &ChartText { id: "chart-mood", title: "Mood and energy, weekly means", desc: &desc },
                    &labels,
                    &[
                        Line { name: "Mood", colour: MOOD, values: whole.iter().map(|p| p.mean_mood).collect() },
                        Line { name: "Energy", colour: ENERGY, values: whole.iter().map(|p| p.mean_energy).collect() },
                    ],
                    (0.0, 10.0),
                );
                @if let Some(svg) = svg { figure { (PreEscaped(svg)) } }
                (legend(&[("Mood", MOOD), ("Energy", ENERGY)]))
                p { (desc) " Ups and downs are part of any stretch of weeks." }
                details {
                    summary { "The numbers" }
                    div.table-scroll tabindex="0" {
                        table {
                            caption.visually-hidden { "Weekly mean mood and energy" }
                            thead { tr { th scope="col" { "Week of" } th scope="col" { "Check-ins" } th scope="col" { "Mood" } th scope="col" { "Energy" } } }
                            tbody {
                                @for p in &with_checkins {
                                    tr { th scope="row" { (p.start) (so_far(p)) } td { (p.checkins) } td { (fmt(p.mean_mood, 1)) } td { (fmt(p.mean_energy, 1)) } }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(w) = &open {
                p.muted { "This week" (so_far(w)) ": mood " (fmt(w.mean_mood, 1)) ", energy " (fmt(w.mean_energy, 1)) ". It joins the chart once the week is over." }
            }
        }
    }
}

fn share_section(weeks: &[Period]) -> Markup {
    let with_checkins: Vec<Period> = weeks.iter().filter(|p| p.checkins > 0).cloned().collect();
    let (whole, open) = split_whole(with_checkins.clone());
    html! {
        section aria-labelledby="share-h" {
            h2 #share-h { "Appreciations beyond work" }
            @if whole.len() < 2 {
                p { "Once you have check-ins in two different weeks that are over, this shows how many of your appreciations were about life outside work." }
            } @else {
                @let labels: Vec<String> = whole.iter().map(week_label).collect();
                @let latest = &whole[whole.len() - 1];
                @let desc = format!(
                    "Share of appreciations about something other than work, per week, in percent. Latest whole week: {}%.",
                    fmt(pct(latest.non_work_share), 0)
                );
                @let svg = line_chart(
                    &ChartText { id: "chart-share", title: "Appreciations beyond work, weekly share", desc: &desc },
                    &labels,
                    &[Line { name: "Beyond work (%)", colour: SHARE, values: whole.iter().map(|p| pct(p.non_work_share)).collect() }],
                    (0.0, 100.0),
                );
                @if let Some(svg) = svg { figure { (PreEscaped(svg)) } }
                p { (desc) " Rest, people and health are worth noticing as much as work." }
                details {
                    summary { "The numbers" }
                    div.table-scroll tabindex="0" {
                        table {
                            caption.visually-hidden { "Weekly share of appreciations beyond work" }
                            thead { tr { th scope="col" { "Week of" } th scope="col" { "Beyond work" } } }
                            tbody {
                                @for p in &with_checkins {
                                    tr { th scope="row" { (p.start) (so_far(p)) } td { (fmt(pct(p.non_work_share), 0)) "%" } }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(w) = &open {
                p.muted { "This week" (so_far(w)) ": " (fmt(pct(w.non_work_share), 0)) "%." }
            }
        }
    }
}

fn belief_section(months: &[Period]) -> Markup {
    let with_reframes: Vec<Period> = months.iter().filter(|p| p.reframes > 0).cloned().collect();
    let (whole, open) = split_whole(with_reframes.clone());
    html! {
        section aria-labelledby="belief-h" {
            h2 #belief-h { "Belief before and after reframing" }
            @if with_reframes.is_empty() {
                p { "When you reframe a thought and rate how much you still believe it, this chart shows the change month by month. " a href="/thoughts" { "Thought records" } " are there whenever you want them." }
            } @else {
                @let labels: Vec<String> = whole.iter().map(|p| p.start.format("%b %Y").to_string()).collect();
                @let desc = match whole.last() {
                    Some(latest) => format!(
                        "Monthly mean belief in the original thought (0 to 100), before and after reframing. Latest whole month ({}): {} before, {} after, over {}.",
                        latest.period, fmt(latest.mean_belief_before, 0), fmt(latest.mean_belief_after, 0),
                        goodenough_core::text::count(u64::from(latest.reframes), "reframe", "reframes")
                    ),
                    None => "Monthly mean belief in the original thought (0 to 100), before and after reframing; the chart starts once a month with reframes is over.".to_string(),
                };
                @let svg = line_chart(
                    &ChartText { id: "chart-belief", title: "Belief before and after reframing, monthly means", desc: &desc },
                    &labels,
                    &[
                        Line { name: "Before", colour: BEFORE, values: whole.iter().map(|p| p.mean_belief_before).collect() },
                        Line { name: "After", colour: AFTER, values: whole.iter().map(|p| p.mean_belief_after).collect() },
                    ],
                    (0.0, 100.0),
                );
                @if let Some(svg) = svg { figure { (PreEscaped(svg)) } }
                (legend(&[("Before reframing", BEFORE), ("After reframing", AFTER)]))
                p { (desc) }
                details {
                    summary { "The numbers" }
                    div.table-scroll tabindex="0" {
                        table {
                            caption.visually-hidden { "Monthly mean belief before and after reframing" }
                            thead { tr { th scope="col" { "Month" } th scope="col" { "Reframes" } th scope="col" { "Before" } th scope="col" { "After" } } }
                            tbody {
                                @for p in &with_reframes {
                                    tr { th scope="row" { (p.period) (so_far(p)) } td { (p.reframes) } td { (fmt(p.mean_belief_before, 0)) } td { (fmt(p.mean_belief_after, 0)) } }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(m) = &open {
                p.muted { (m.period) (so_far(m)) ": " (fmt(m.mean_belief_before, 0)) " before, " (fmt(m.mean_belief_after, 0)) " after, over " (goodenough_core::text::count(u64::from(m.reframes), "reframe", "reframes")) "." }
            }
        }
    }
}

async fn show(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let scope = state.scope_of_viewer(&viewer);
    let progress = goodenough_app::progress::series(&scope).await?;
    let weeks = last(&progress.weekly, WEEKS_SHOWN);
    let months = last(&progress.monthly, MONTHS_SHOWN);
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
                p { "The last " (WEEKS_SHOWN) " weeks with entries (reframes: the last " (MONTHS_SHOWN) " months). Gaps are simply weeks without a check-in; they are not counted against you." }
                (mood_section(&weeks))
                (share_section(&weeks))
                (belief_section(&months))
                p { "The same figures as JSON: " a href="/api/v1/progress" { code { "/api/v1/progress" } } "." }
            }
            (super::reviews::outcomes_section(&outcomes))
            (super::report::report_form())
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_is_accessible_svg_without_style_attributes() {
        let labels = vec!["01 Jan".to_string(), "08 Jan".to_string()];
        let svg = line_chart(
            &ChartText {
                id: "c1",
                title: "Mood <weekly>",
                desc: "Two weeks",
            },
            &labels,
            &[Line {
                name: "Mood",
                colour: MOOD,
                values: vec![Some(4.0), Some(6.5)],
            }],
            (0.0, 10.0),
        )
        .expect("chart");
        assert!(svg
            .starts_with("<svg class=\"chart\" role=\"img\" aria-labelledby=\"c1-title c1-desc\""));
        assert!(svg.contains("<title id=\"c1-title\">Mood &lt;weekly&gt;</title>"));
        assert!(svg.contains("<desc id=\"c1-desc\">Two weeks</desc>"));
        assert!(svg.contains("<polyline"), "a line is drawn");
        assert!(
            svg.contains("01 Jan") && svg.contains("08 Jan"),
            "x labels render as text"
        );
        assert!(
            svg.contains(">\n10\n<") || svg.contains(">10<"),
            "y labels render: {svg}"
        );
        assert!(!svg.contains("style="), "no inline style (CSP)");
        assert!(!svg.contains("<script"));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn gaps_split_the_line() {
        let labels: Vec<String> = (0..4).map(|i| format!("w{i}")).collect();
        let svg = line_chart(
            &ChartText {
                id: "c2",
                title: "t",
                desc: "d",
            },
            &labels,
            &[Line {
                name: "x",
                colour: MOOD,
                values: vec![Some(1.0), Some(2.0), None, Some(3.0)],
            }],
            (0.0, 10.0),
        )
        .expect("chart");
        let series = "<polyline fill=\"none\" opacity=\"1\" stroke=\"#2F5D8C\" stroke-width=\"3\"";
        assert_eq!(svg.matches(series).count(), 2);
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn no_labels_no_chart() {
        let text = ChartText {
            id: "c",
            title: "t",
            desc: "d",
        };
        assert!(line_chart(&text, &[], &[], (0.0, 1.0)).is_none());
    }
}
