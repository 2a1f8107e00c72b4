//! The progress report: one self-contained, printable HTML document (inline
//! CSS with print styles, inline SVG charts drawn with plotters, no network,
//! no JavaScript) or the same content as Markdown.
//!
//! Rendering is a pure function of [`ReportInput`]: the caller (CLI or web)
//! reads the store and passes plain values in. The report tells the story
//! month by month — the four outcomes, questionnaire scores with their
//! reliable-change classification, the programme's milestones, setbacks and
//! breakthroughs on one timeline, highlighted wins and the evidence log's
//! attribution summary — in a kind voice: a hard month is part of the path.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::assessment::{Classification, HistoryEntry};
use crate::chart::{self, xml_escape as esc, Axis, Line, Step, Tone};
use crate::error::ValidationError;
use crate::evidence::{Attribution, EvidenceSummary};
use crate::figures::{Direction, Measure, OutcomeProgress, Unit};
use crate::journal::{Setback, Win};
use crate::programme::DatedMilestone;
use crate::review::WeeklyReview;

/// Which document to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    /// Reads `html`, `md` or `markdown`.
    pub fn parse(raw: &str) -> Result<Format, ValidationError> {
        match raw.trim().to_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            _ => Err(ValidationError::Other(format!(
                "\"{raw}\" is not a report format; use html (a printable page) or md (Markdown)."
            ))),
        }
    }

    /// The MIME type of the document.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }
}

/// Checks a report range: `from` must not be after `to`.
pub fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), ValidationError> {
    if from > to {
        return Err(ValidationError::Other(format!(
            "The report would start on {from}, after it ends on {to}; give a start on or before the end."
        )));
    }
    Ok(())
}

/// One questionnaire's results over time (oldest first), each later one
/// compared with the first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentTrack {
    pub instrument: String,
    pub title: String,
    pub higher_is_better: bool,
    /// The lowest and highest possible totals (the chart's y range).
    pub range: (f64, f64),
    pub entries: Vec<HistoryEntry>,
    /// The questionnaire's own kind note when the latest score sits on the
    /// far side of its cut-off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A programme the person followed, with its dated milestones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeTrack {
    pub title: String,
    pub started_on: NaiveDate,
    pub stopped_on: Option<NaiveDate>,
    pub milestones: Vec<DatedMilestone>,
}

/// Everything a report shows, already read from the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportInput {
    pub display_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day the report was made (the person's local date).
    pub made_on: NaiveDate,
    /// The four outcomes month by month.
    pub progress: OutcomeProgress,
    pub assessments: Vec<AssessmentTrack>,
    pub programmes: Vec<ProgrammeTrack>,
    /// Weekly reviews in the range (breakthroughs, setbacks, celebrations).
    pub reviews: Vec<WeeklyReview>,
    pub wins: Vec<Win>,
    pub setbacks: Vec<Setback>,
    pub evidence: EvidenceSummary,
}

/// What kind of moment a timeline entry marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// A programme started or ended.
    Programme,
    Milestone,
    Breakthrough,
    Setback,
}

impl EventKind {
    /// The word shown beside the entry.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Programme => "Programme",
            EventKind::Milestone => "Milestone",
            EventKind::Breakthrough => "Breakthrough",
            EventKind::Setback => "Setback",
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            EventKind::Programme => "■",
            EventKind::Milestone => "◆",
            EventKind::Breakthrough => "▲",
            EventKind::Setback => "▼",
        }
    }
}

/// One moment on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub date: NaiveDate,
    pub kind: EventKind,
    pub text: String,
    /// How many times the same words came up that month (weekly reviews
    /// often repeat a theme); the date is the first time.
    pub times: u32,
}

fn in_range(input: &ReportInput, d: NaiveDate) -> bool {
    d >= input.from && d <= input.to
}

/// Milestones, programme starts and ends, setbacks and breakthroughs in the
/// range, by date. Breakthroughs are the person's own words from weekly
/// reviews, plus reliable improvements on a questionnaire.
pub fn timeline(input: &ReportInput) -> Vec<Event> {
    let mut out = Vec::new();
    for p in &input.programmes {
        if in_range(input, p.started_on) {
            out.push(Event {
                date: p.started_on,
                kind: EventKind::Programme,
                times: 1,
                text: format!("Started the programme \"{}\"", p.title),
            });
        }
        for m in &p.milestones {
            let reached = p.stopped_on.is_none_or(|s| m.date <= s);
            if reached && in_range(input, m.date) {
                out.push(Event {
                    date: m.date,
                    kind: EventKind::Milestone,
                    times: 1,
                    text: format!("{} (week {}): {}", m.title, m.week, m.marks),
                });
            }
        }
        if let Some(s) = p.stopped_on.filter(|s| in_range(input, *s)) {
            out.push(Event {
                date: s,
                kind: EventKind::Programme,
                times: 1,
                text: format!("Stopped the programme \"{}\"", p.title),
            });
        }
    }
    for r in &input.reviews {
        if !in_range(input, r.week_start) {
            continue;
        }
        for b in &r.breakthroughs {
            out.push(Event {
                date: r.week_start,
                kind: EventKind::Breakthrough,
                times: 1,
                text: b.clone(),
            });
        }
        for s in &r.setbacks {
            out.push(Event {
                date: r.week_start,
                kind: EventKind::Setback,
                times: 1,
                text: s.clone(),
            });
        }
    }
    for t in &input.assessments {
        let mut was_reliable = false;
        for e in &t.entries {
            let Some(c) = e.change else { continue };
            let good = matches!(
                c.classification,
                Classification::Improved | Classification::Recovered
            );
            if good && !was_reliable && in_range(input, e.result.date) {
                out.push(Event {
                    date: e.result.date,
                    kind: EventKind::Breakthrough,
                    times: 1,
                    text: format!(
                        "{}: a reliable change for the better ({})",
                        t.title,
                        classification_word(c.classification)
                    ),
                });
            }
            was_reliable = good;
        }
    }
    out.extend(figure_breakthroughs(input));
    for s in &input.setbacks {
        if in_range(input, s.date) {
            let text = match &s.lesson {
                Some(l) => format!("{} — what it taught: {l}", s.text),
                None => s.text.clone(),
            };
            out.push(Event {
                date: s.date,
                kind: EventKind::Setback,
                times: 1,
                text,
            });
        }
    }
    out.sort_by_key(|e| (e.date, e.kind));
    // The same words in the same month are one entry, counted.
    let mut seen: BTreeMap<(String, EventKind, String), usize> = BTreeMap::new();
    let mut merged: Vec<Event> = Vec::with_capacity(out.len());
    for e in out {
        let key = (crate::evidence::month_key(e.date), e.kind, e.text.clone());
        match seen.get(&key) {
            Some(&i) => merged[i].times += 1,
            None => {
                seen.insert(key, merged.len());
                merged.push(e);
            }
        }
    }
    merged
}

/// How much one month-over-month move counts, on a 0-1 footing (a share
/// point is 0.01, a mood point 0.1, an anxiety point 0.01); `None` for
/// measures that are not compared this way (counts, minutes).
fn normalised(measure: Measure, delta: f64) -> Option<f64> {
    let scale = match measure.unit() {
        Unit::Share => 1.0,
        Unit::Scale => match measure {
            Measure::AnxietyBefore | Measure::AnxietyAfter => 100.0,
            Measure::RevisionsPerBox => 5.0,
            _ => 10.0,
        },
        _ => return None,
    };
    let better = match measure.good() {
        Direction::Up => delta,
        Direction::Down => -delta,
    };
    Some(better / scale)
}

/// The smallest month-over-month move (0-1 footing) that counts as a
/// breakthrough in the figures.
pub const BREAKTHROUGH_STEP: f64 = 0.2;

/// Breakthroughs the figures show: per outcome, the largest move in the
/// hoped-for direction from one month to the next, when it is at least
/// [`BREAKTHROUGH_STEP`]. Dated on the last day of the later month.
pub fn figure_breakthroughs(input: &ReportInput) -> Vec<Event> {
    let months = &input.progress.months;
    let mut out = Vec::new();
    for o in &input.progress.outcomes {
        let mut best: Option<(f64, usize, Measure, f64, f64)> = None;
        for series in &o.measures {
            // A month that is not over is never compared with a whole one.
            let values = input.progress.whole_months(&series.values);
            for i in 1..values.len() {
                let (Some(a), Some(b)) = (values[i - 1], values[i]) else {
                    continue;
                };
                let Some(step) = normalised(series.measure, b - a) else {
                    continue;
                };
                if step >= BREAKTHROUGH_STEP && best.is_none_or(|(s, ..)| step > s) {
                    best = Some((step, i, series.measure, a, b));
                }
            }
        }
        let Some((_, i, m, a, b)) = best else {
            continue;
        };
        let (Some(prev), Some(month)) = (months.get(i - 1), months.get(i)) else {
            continue;
        };
        let date = month.to.min(input.to);
        if !in_range(input, date) {
            continue;
        }
        out.push(Event {
            date,
            kind: EventKind::Breakthrough,
            times: 1,
            text: format!(
                "{}: {} moved from {} in {} to {} in {}",
                o.title,
                m.label().to_lowercase(),
                m.format(Some(a)),
                prev.label,
                m.format(Some(b)),
                month.label
            ),
        });
    }
    out
}

/// A few wins worth showing: per month, the last thing celebrated in a
/// weekly review and the last win logged (the same words once a month).
pub fn highlighted_wins(input: &ReportInput) -> Vec<(NaiveDate, String)> {
    let mut celebrated: BTreeMap<String, (NaiveDate, String)> = BTreeMap::new();
    for r in input
        .reviews
        .iter()
        .filter(|r| in_range(input, r.week_start))
    {
        if let Some(c) = &r.celebrate {
            celebrated.insert(
                crate::evidence::month_key(r.week_start),
                (r.week_start, c.clone()),
            );
        }
    }
    let mut logged: BTreeMap<String, (NaiveDate, String)> = BTreeMap::new();
    for w in input.wins.iter().filter(|w| in_range(input, w.date)) {
        logged.insert(crate::evidence::month_key(w.date), (w.date, w.text.clone()));
    }
    let mut out: Vec<(NaiveDate, String)> = celebrated
        .into_values()
        .chain(logged.into_values())
        .collect();
    out.sort();
    out.dedup_by(|a, b| {
        a.1 == b.1 && crate::evidence::month_key(a.0) == crate::evidence::month_key(b.0)
    });
    out
}

/// How to read the reliable-change classification, one line per class.
pub fn classification_legend() -> Vec<(&'static str, &'static str)> {
    [
        Classification::Recovered,
        Classification::Improved,
        Classification::Unchanged,
        Classification::Deteriorated,
    ]
    .into_iter()
    .map(|c| (classification_word(c), c.sentence()))
    .collect()
}

/// What the report says for a later result without a classification (the
/// questionnaire has no norms).
pub const NO_NORMS: &str = "not classified: this questionnaire has no norms, so no reliable change index can be worked out; compare the scores for your own reflection";

fn change_words(e: &HistoryEntry, first: Option<f64>, index: usize) -> (String, String) {
    match (e.change, index) {
        (_, 0) => (
            "—".to_string(),
            "the first result: the baseline".to_string(),
        ),
        (Some(c), _) => (
            format!("{:+.2}", c.rci),
            format!(
                "{}: {}",
                classification_word(c.classification),
                c.classification.sentence()
            ),
        ),
        (None, _) => {
            let delta = first.map(|f| e.result.total - f).unwrap_or(0.0);
            (
                "—".to_string(),
                format!("{delta:+.1} points since the first; not classified (no norms)"),
            )
        }
    }
}

fn times_note(times: u32) -> String {
    if times > 1 {
        format!(" ({times} times this month)")
    } else {
        String::new()
    }
}

/// The reliable-change classification in words.
pub fn classification_word(c: Classification) -> &'static str {
    c.word()
}

/// How to read the band column.
pub const BAND_HINT: &str = "Where a questionnaire has a cut-off (Jacobson and Truax's clinical significance), the last column says which side of it each score sits on, compared with the questionnaire's reference group. It describes a score, not a person.";

fn band_words(t: &AssessmentTrack, e: &HistoryEntry) -> String {
    match e.band {
        Some(b) => format!("{} (cut-off {:.1})", b.words(t.higher_is_better), b.cutoff),
        None => "—".to_string(),
    }
}

/// One sentence per outcome: where its headline figure started, its
/// hardest month, and where it is now.
pub fn story(input: &ReportInput) -> Vec<String> {
    let labels: Vec<&str> = input
        .progress
        .months
        .iter()
        .map(|m| m.label.as_str())
        .collect();
    let label = |i: usize| labels.get(i).copied().unwrap_or("");
    let mut out = Vec::new();
    for o in &input.progress.outcomes {
        // The figure that moved most (on a 0-1 footing) tells the outcome's
        // story; counts only when nothing else has two months.
        let known_of = |values: &[Option<f64>]| -> Vec<(usize, f64)> {
            values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v)))
                .collect()
        };
        // Whole months only: a month that is not over is not "where it is now".
        let whole =
            |series: &crate::figures::MeasureSeries| input.progress.whole_months(&series.values);
        let moved = |series: &crate::figures::MeasureSeries| -> Option<f64> {
            let known = known_of(&whole(series));
            let (first, last) = (known.first()?.1, known.last()?.1);
            if known.len() < 2 {
                return None;
            }
            normalised(series.measure, last - first).map(f64::abs)
        };
        let chosen = o
            .measures
            .iter()
            .filter_map(|m| moved(m).map(|x| (x, m)))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, m)| m)
            .or_else(|| {
                o.measures
                    .iter()
                    .find(|m| whole(m).iter().flatten().count() >= 2)
            });
        let Some(series) = chosen else { continue };
        let m = series.measure;
        let known = known_of(&whole(series));
        let (Some(&(fi, first)), Some(&(li, last))) = (known.first(), known.last()) else {
            continue;
        };
        let mut s = format!(
            "{}: {} went from {} in {} to {} in {}",
            o.title,
            m.label().to_lowercase(),
            m.format(Some(first)),
            label(fi),
            m.format(Some(last)),
            label(li)
        );
        // The biggest step back between two recorded months, if any.
        let back = known
            .windows(2)
            .filter_map(|w| {
                let (a, b) = (w[0].1, w[1].1);
                let against = match normalised(m, b - a) {
                    Some(x) => -x,
                    None => match m.good() {
                        Direction::Up => (a - b) / a.abs().max(1.0),
                        Direction::Down => (b - a) / a.abs().max(1.0),
                    },
                };
                (against >= 0.05).then_some((against, w[0], w[1]))
            })
            .max_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((_, (_, a), (bi, b))) = back {
            let _ = write!(
                s,
                ", with a step back in {} ({} after {})",
                label(bi),
                m.format(Some(b)),
                m.format(Some(a))
            );
        }
        s.push('.');
        out.push(s);
    }
    out
}

// ---------------------------------------------------------------- charts

/// A line chart of the report as inline SVG (see [`chart::line_chart`]).
/// `None` when there is nothing to draw or plotters fails (the table stays).
fn line_chart(
    id: &str,
    title: &str,
    desc: &str,
    axis: &Axis,
    lines: &[Line],
    y: (f64, f64),
    percent: bool,
) -> Option<String> {
    if lines.iter().all(|l| l.values.iter().all(Option::is_none)) {
        return None;
    }
    // Whole numbers (counts) get whole ticks only.
    let whole = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten())
        .all(|v| (v - v.round()).abs() < 1e-9);
    let y_fmt = |v: &f64| {
        if percent {
            format!("{:.0}%", v * 100.0)
        } else if whole {
            if (v - v.round()).abs() < 1e-6 {
                format!("{v:.0}")
            } else {
                String::new()
            }
        } else if y.1 - y.0 <= 5.0 {
            format!("{v:.1}")
        } else {
            format!("{v:.0}")
        }
    };
    let text = chart::ChartText { id, title, desc };
    // The narrow drawing: its text stays readable on a phone, and it fits
    // the two columns of the printed page.
    chart::line_chart(&text, axis, lines, y, &chart::NARROW, &y_fmt)
}

/// The y range a measure is drawn on.
fn y_range(measure: Measure, values: &[Option<f64>]) -> (f64, f64, bool) {
    let top = values.iter().flatten().copied().fold(0.0f64, f64::max);
    match measure.unit() {
        Unit::Share => (0.0, 1.0, true),
        Unit::Score => (0.0, top.max(0.25) * 1.15, false),
        _ => match measure {
            Measure::MeanMood => (0.0, 10.0, false),
            Measure::AnxietyBefore | Measure::AnxietyAfter => (0.0, 100.0, false),
            _ => {
                let bottom = values
                    .iter()
                    .flatten()
                    .copied()
                    .fold(0.0f64, f64::min)
                    .min(0.0);
                (bottom, (top * 1.15).max(1.0), false)
            }
        },
    }
}

/// The report's months as an even axis ("Dec 2026"); the charts end with
/// the last whole month, so none is marked as under way.
fn months_axis(input: &ReportInput) -> Axis {
    Axis {
        step: Step::Month,
        starts: input
            .progress
            .months
            .iter()
            .map(|m| Step::Month.start_of(m.from))
            .collect(),
        so_far: false,
    }
}

fn tone_of(i: usize) -> Tone {
    [Tone::Blue, Tone::Teal, Tone::Violet, Tone::Grey][i % 4]
}

// ---------------------------------------------------------------- HTML

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; line-height: 1.45; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #dfe6ee; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
.meta, .hint { color: #555; }
.hint { font-size: .92rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .25rem .4rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.text { text-align: left; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: .8rem 1.2rem; }
figure { margin: 0; }
figcaption { font-size: .88rem; color: #444; }
svg.chart { display: block; width: 100%; max-width: 30rem; height: auto; }
svg.chart polyline.so-far { stroke-dasharray: 5 4; }
ol.timeline { list-style: none; padding-left: 0; }
ol.timeline li { padding: .3rem 0 .3rem .2rem; border-left: 3px solid #dfe6ee; padding-left: .7rem; margin-left: .3rem; }
ol.timeline li.breakthrough { border-left-color: #2a9d8f; }
ol.timeline li.setback { border-left-color: #8a8f98; }
ol.timeline li.milestone { border-left-color: #2f5d8c; }
.kind { font-weight: 600; }
ul.story li { margin-bottom: .3rem; }
dl.legend { font-size: .88rem; display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; }
dl.legend dt { font-weight: 600; }
dl.legend dd { margin: 0; }
footer { margin-top: 3rem; font-size: .85rem; color: #666; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  section.outcome, figure, table { break-inside: avoid; }
  section.outcome { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  .charts { grid-template-columns: 1fr 1fr; }
}
@page { margin: 15mm; }
"#;

fn html_outcomes(input: &ReportInput, out: &mut String) {
    let labels: Vec<String> = input
        .progress
        .months
        .iter()
        .map(|m| m.label.clone())
        .collect();
    let axis = months_axis(input);
    for o in &input.progress.outcomes {
        let key = o.outcome.key();
        let _ = write!(
            out,
            "<section class=\"outcome\" id=\"{key}\" aria-labelledby=\"{key}-h\"><h2 id=\"{key}-h\">{}</h2>",
            esc(&o.title)
        );
        // The figures, month by month.
        out.push_str("<table><thead><tr><th scope=\"col\">Month</th>");
        for m in &o.measures {
            let _ = write!(out, "<th scope=\"col\">{}</th>", esc(&m.label));
        }
        out.push_str("</tr></thead><tbody>");
        for i in 0..labels.len() {
            let label = input.progress.month_label(i);
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(&label));
            for m in &o.measures {
                let v = m.values.get(i).copied().flatten();
                let _ = write!(out, "<td>{}</td>", esc(&m.measure.format(v)));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table><div class=\"charts\">");
        for (i, m) in o.measures.iter().enumerate() {
            let (lo, hi, percent) = y_range(m.measure, &m.values);
            let better = match m.good {
                Direction::Up => "higher is the hoped-for direction",
                Direction::Down => "lower is the hoped-for direction",
            };
            let desc = format!("{} by month; {better}; {}.", m.label, m.change_sentence());
            let chart = line_chart(
                &format!("{key}-{}", m.measure.key()),
                &m.label,
                &desc,
                &axis,
                &[Line {
                    name: "",
                    tone: tone_of(i),
                    values: input.progress.whole_months(&m.values),
                }],
                (lo, hi),
                percent,
            );
            let _ = write!(out, "<figure>");
            match chart {
                Some(svg) => out.push_str(&svg),
                None => out.push_str("<p class=\"hint\">Nothing recorded for this yet.</p>"),
            }
            let _ = write!(
                out,
                "<figcaption><strong>{}</strong> — {} ({better}).</figcaption></figure>",
                esc(&m.label),
                esc(&m.change_sentence())
            );
        }
        out.push_str("</div>");
        if let Some(note) = unfinished_note(input) {
            let _ = write!(out, "<p class=\"hint\">{}</p>", esc(&note));
        }
        out.push_str("</section>");
    }
}

/// The sentence under each outcome when the last month is not over.
fn unfinished_note(input: &ReportInput) -> Option<String> {
    let (month, c) = input.progress.unfinished()?;
    Some(format!(
        "{} is not over ({} of {} days by {}): its figures are in the table as they stand so far, but the charts and the changes end with the last whole month.",
        month.label,
        c.days_so_far,
        c.days,
        input.to.min(month.to)
    ))
}

fn html_assessments(input: &ReportInput, out: &mut String) {
    out.push_str("<section id=\"assessments\" aria-labelledby=\"assessments-h\"><h2 id=\"assessments-h\">Questionnaires over time</h2>");
    out.push_str("<p class=\"hint\">Each result is compared with the first one using the reliable change index (Jacobson and Truax): a change counts as reliable when it is larger than the questionnaire's measurement noise. This is for reflection, not a diagnosis.</p>");
    out.push_str("<dl class=\"legend\">");
    for (word, sentence) in classification_legend() {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(word), esc(sentence));
    }
    out.push_str("</dl>");
    let _ = write!(out, "<p class=\"hint\">{}</p>", esc(BAND_HINT));
    let tracks: Vec<&AssessmentTrack> = input
        .assessments
        .iter()
        .filter(|t| !t.entries.is_empty())
        .collect();
    if tracks.is_empty() {
        out.push_str("<p>No questionnaires taken in this period.</p>");
    }
    for (ti, t) in tracks.iter().enumerate() {
        let _ = write!(out, "<h3>{}</h3>", esc(&t.title));
        // One position per sitting, named by its day ("3 Dec").
        let axis = Axis {
            step: Step::Day,
            starts: t.entries.iter().map(|e| e.result.date).collect(),
            so_far: false,
        };
        let values: Vec<Option<f64>> = t.entries.iter().map(|e| Some(e.result.total)).collect();
        let desc = format!(
            "{} totals at each sitting; {} is the hoped-for direction.",
            t.title,
            if t.higher_is_better {
                "higher"
            } else {
                "lower"
            }
        );
        if let Some(svg) = line_chart(
            &format!("assessment-{ti}"),
            &t.title,
            &desc,
            &axis,
            &[Line {
                name: "",
                tone: Tone::Blue,
                values,
            }],
            t.range,
            false,
        ) {
            let _ = write!(out, "<figure>{svg}</figure>");
        }
        out.push_str("<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Score</th><th scope=\"col\">RCI</th><th scope=\"col\">Compared with the first</th><th scope=\"col\">Side of the cut-off</th></tr></thead><tbody>");
        let first = t.entries.first().map(|e| e.result.total);
        for (i, e) in t.entries.iter().enumerate() {
            let (rci, words) = change_words(e, first, i);
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{:.1}</td><td>{}</td><td class=\"text\">{}</td><td class=\"text\">{}</td></tr>",
                e.result.date,
                e.result.total,
                rci,
                esc(&words),
                esc(&band_words(t, e))
            );
        }
        out.push_str("</tbody></table>");
        if let Some(note) = &t.note {
            let _ = write!(out, "<p class=\"hint\">{}</p>", esc(note));
        }
        if t.entries.len() > 1 && t.entries.iter().all(|e| e.change.is_none()) {
            let _ = write!(out, "<p class=\"hint\">{}: {NO_NORMS}.</p>", esc(&t.title));
        }
    }
    out.push_str("</section>");
}

fn html_timeline(input: &ReportInput, out: &mut String) {
    out.push_str("<section id=\"timeline\" aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">Milestones, setbacks and breakthroughs</h2>");
    out.push_str("<p class=\"hint\">Progress is not a straight line. Setbacks are here because they are part of the path, next to what came after them.</p>");
    let events = timeline(input);
    if events.is_empty() {
        out.push_str("<p>Nothing marked in this period.</p>");
    } else {
        let months = &input.progress.months;
        let axis = months_axis(input);
        let count = |kind: EventKind| -> Vec<Option<f64>> {
            months
                .iter()
                .map(|m| {
                    let n: u32 = events
                        .iter()
                        .filter(|e| e.kind == kind && e.date >= m.from && e.date <= m.to)
                        .map(|e| e.times)
                        .sum();
                    Some(f64::from(n))
                })
                .collect()
        };
        // Per whole month: a month that is not over would look quieter than it is.
        let (ups, downs) = (
            input.progress.whole_months(&count(EventKind::Breakthrough)),
            input.progress.whole_months(&count(EventKind::Setback)),
        );
        let top = ups
            .iter()
            .chain(downs.iter())
            .flatten()
            .copied()
            .fold(1.0f64, f64::max);
        if let Some(svg) = line_chart(
            "timeline-chart",
            "Breakthroughs and setbacks per month",
            "How many breakthroughs (teal) and setbacks (grey) each month held.",
            &axis,
            &[
                Line {
                    name: "",
                    tone: Tone::Teal,
                    values: ups,
                },
                Line {
                    name: "",
                    tone: Tone::Grey,
                    values: downs,
                },
            ],
            (0.0, top * 1.15),
            false,
        ) {
            let _ = write!(
                out,
                "<figure>{svg}<figcaption>Teal: breakthroughs. Grey: setbacks. Both belong to the path.</figcaption></figure>"
            );
        }
        let mut month = String::new();
        for e in &events {
            let m = crate::evidence::month_key(e.date);
            if m != month {
                if !month.is_empty() {
                    out.push_str("</ol>");
                }
                let (b, s) = events
                    .iter()
                    .filter(|x| crate::evidence::month_key(x.date) == m)
                    .fold((0, 0), |(b, s), x| match x.kind {
                        EventKind::Breakthrough => (b + x.times, s),
                        EventKind::Setback => (b, s + x.times),
                        _ => (b, s),
                    });
                let _ = write!(
                    out,
                    "<h3>{m} <span class=\"hint\">· {b} breakthrough{} · {s} setback{}</span></h3><ol class=\"timeline\">",
                    if b == 1 { "" } else { "s" },
                    if s == 1 { "" } else { "s" }
                );
                month = m;
            }
            let kind = match e.kind {
                EventKind::Programme | EventKind::Milestone => "milestone",
                EventKind::Breakthrough => "breakthrough",
                EventKind::Setback => "setback",
            };
            let _ = write!(
                out,
                "<li class=\"{kind}\"><time datetime=\"{d}\">{d}</time> · <span class=\"kind\">{} {}</span> — {}{}</li>",
                e.kind.symbol(),
                e.kind.label(),
                esc(&e.text),
                times_note(e.times),
                d = e.date
            );
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>");
}

fn html_wins(input: &ReportInput, out: &mut String) {
    out.push_str(
        "<section id=\"wins\" aria-labelledby=\"wins-h\"><h2 id=\"wins-h\">Wins worth remembering</h2>",
    );
    let wins = highlighted_wins(input);
    if wins.is_empty() {
        out.push_str("<p>No wins logged in this period. Small ones count too.</p>");
    } else {
        out.push_str("<ul>");
        for (d, w) in &wins {
            let _ = write!(
                out,
                "<li><time datetime=\"{d}\">{d}</time> — {}</li>",
                esc(w)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

fn html_evidence(input: &ReportInput, out: &mut String) {
    let s = &input.evidence;
    out.push_str("<section id=\"evidence\" aria-labelledby=\"evidence-h\"><h2 id=\"evidence-h\">Evidence and attribution</h2>");
    let _ = write!(out, "<p>{}</p>", esc(&s.message));
    if !s.months.is_empty() {
        // An even month axis: a month without evidence is a gap.
        let dated: Vec<(chrono::NaiveDate, &crate::evidence::MonthAttribution)> = s
            .months
            .iter()
            .filter_map(|m| Some((Step::month_of_key(&m.month)?, m)))
            .collect();
        let axis = Axis::spanning(Step::Month, dated.iter().map(|(d, _)| *d), false, 400)
            .unwrap_or(Axis {
                step: Step::Month,
                starts: Vec::new(),
                so_far: false,
            });
        let own = axis.place(dated.iter().map(|(d, m)| (*d, Some(m.own_share))));
        let luck = axis.place(dated.iter().map(|(d, m)| (*d, Some(m.luck_share))));
        if let Some(svg) = line_chart(
            "evidence-attribution",
            "What successes were put down to",
            "Share of each month's evidence credited to own effort or ability, and share put down to luck.",
            &axis,
            &[
                Line {
                    name: "",
                    tone: Tone::Teal,
                    values: own,
                },
                Line {
                    name: "",
                    tone: Tone::Grey,
                    values: luck,
                },
            ],
            (0.0, 1.0),
            true,
        ) {
            let _ = write!(
                out,
                "<figure>{svg}<figcaption>Teal: own effort or ability. Grey: luck.</figcaption></figure>"
            );
        }
        out.push_str(
            "<table><thead><tr><th scope=\"col\">Month</th><th scope=\"col\">Entries</th>",
        );
        for a in Attribution::ALL {
            let _ = write!(out, "<th scope=\"col\">{}</th>", a.as_str());
        }
        out.push_str("<th scope=\"col\">Own effort or ability</th></tr></thead><tbody>");
        for m in &s.months {
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td>",
                esc(&m.month),
                m.total
            );
            for a in Attribution::ALL {
                let _ = write!(out, "<td>{}</td>", m.counts.get(a));
            }
            let _ = write!(out, "<td>{:.0}%</td></tr>", m.own_share * 100.0);
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>");
}

/// The report as one self-contained HTML document.
pub fn html(input: &ReportInput) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let title = format!(
        "Progress report — {} — {} to {}",
        input.display_name, input.from, input.to
    );
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body><header><h1>Progress report</h1><p class=\"meta\">{} · {} to {} · made on {}</p></header><main>",
        esc(&title),
        esc(&input.display_name),
        input.from,
        input.to,
        input.made_on
    );
    out.push_str("<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">The story so far</h2>");
    let story = story(input);
    if story.is_empty() {
        out.push_str("<p>Not enough months recorded yet to tell a story; the figures below fill in as you go.</p>");
    } else {
        out.push_str("<ul class=\"story\">");
        for s in &story {
            let _ = write!(out, "<li>{}</li>", esc(s));
        }
        out.push_str("</ul>");
    }
    out.push_str("<p class=\"hint\">Each outcome is shown month by month. A month with no records shows a gap, not a zero: a missed day is not a failure.</p></section>");
    html_outcomes(input, &mut out);
    html_assessments(input, &mut out);
    html_timeline(input, &mut out);
    html_wins(input, &mut out);
    html_evidence(input, &mut out);
    out.push_str("</main><footer><p>Made by goodenough on your own device; nothing in this file loads from the network. goodenough is a coaching and self-help tool, not a diagnosis or treatment.</p></footer></body></html>\n");
    out
}

// ---------------------------------------------------------------- Markdown

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown: the same sections, figures as tables.
pub fn markdown(input: &ReportInput) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let _ = writeln!(
        out,
        "# Progress report\n\n{} · {} to {} · made on {}\n",
        input.display_name, input.from, input.to, input.made_on
    );
    out.push_str("## The story so far\n\n");
    let story = story(input);
    if story.is_empty() {
        out.push_str("Not enough months recorded yet to tell a story.\n");
    }
    for s in &story {
        let _ = writeln!(out, "- {}", md_cell(s));
    }
    out.push('\n');
    let labels: Vec<&str> = input
        .progress
        .months
        .iter()
        .map(|m| m.label.as_str())
        .collect();
    for o in &input.progress.outcomes {
        let _ = writeln!(out, "## {}\n", o.title);
        out.push_str("| Month |");
        for m in &o.measures {
            let _ = write!(out, " {} |", md_cell(&m.label));
        }
        out.push_str("\n|---|");
        for _ in &o.measures {
            out.push_str("---:|");
        }
        out.push('\n');
        for i in 0..labels.len() {
            let _ = write!(out, "| {} |", md_cell(&input.progress.month_label(i)));
            for m in &o.measures {
                let v = m.values.get(i).copied().flatten();
                let _ = write!(out, " {} |", m.measure.format(v));
            }
            out.push('\n');
        }
        out.push('\n');
        for m in &o.measures {
            let _ = writeln!(
                out,
                "- {}: {} {}",
                m.label,
                m.sparkline,
                m.change_sentence()
            );
        }
        if let Some(note) = unfinished_note(input) {
            let _ = writeln!(out, "\n{note}");
        }
        out.push('\n');
    }
    out.push_str("## Questionnaires over time\n\nEach result is compared with the first one with the reliable change index (Jacobson and Truax). For reflection, not a diagnosis.\n\n");
    for (word, sentence) in classification_legend() {
        let _ = writeln!(out, "- *{word}*: {sentence}");
    }
    let _ = writeln!(out, "\n{BAND_HINT}\n");
    let mut any = false;
    for t in input.assessments.iter().filter(|t| !t.entries.is_empty()) {
        any = true;
        let _ = writeln!(
            out,
            "### {}\n\n| Date | Score | RCI | Compared with the first | Side of the cut-off |\n|---|---:|---:|---|---|",
            t.title
        );
        let first = t.entries.first().map(|e| e.result.total);
        for (i, e) in t.entries.iter().enumerate() {
            let (rci, words) = change_words(e, first, i);
            let _ = writeln!(
                out,
                "| {} | {:.1} | {} | {} | {} |",
                e.result.date,
                e.result.total,
                rci,
                md_cell(&words),
                md_cell(&band_words(t, e))
            );
        }
        if let Some(note) = &t.note {
            let _ = writeln!(out, "\n{note}");
        }
        if t.entries.len() > 1 && t.entries.iter().all(|e| e.change.is_none()) {
            let _ = writeln!(out, "\n{}: {NO_NORMS}.", t.title);
        }
        out.push('\n');
    }
    if !any {
        out.push_str("No questionnaires taken in this period.\n\n");
    }
    out.push_str("## Milestones, setbacks and breakthroughs\n\n");
    let events = timeline(input);
    if events.is_empty() {
        out.push_str("Nothing marked in this period.\n");
    }
    for e in &events {
        let _ = writeln!(
            out,
            "- {} {} **{}** — {}{}",
            e.date,
            e.kind.symbol(),
            e.kind.label(),
            md_cell(&e.text),
            times_note(e.times)
        );
    }
    out.push_str("\n## Wins worth remembering\n\n");
    let wins = highlighted_wins(input);
    if wins.is_empty() {
        out.push_str("No wins logged in this period. Small ones count too.\n");
    }
    for (d, w) in &wins {
        let _ = writeln!(out, "- {d} — {}", md_cell(w));
    }
    out.push_str("\n## Evidence and attribution\n\n");
    let _ = writeln!(out, "{}\n", input.evidence.message);
    if !input.evidence.months.is_empty() {
        out.push_str("| Month | Entries | luck | effort | help | ability | Own effort or ability |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for m in &input.evidence.months {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {:.0}% |",
                m.month,
                m.total,
                m.counts.luck,
                m.counts.effort,
                m.counts.help,
                m.counts.ability,
                m.own_share * 100.0
            );
        }
    }
    out.push_str(
        "\n---\nMade by goodenough, a coaching and self-help tool, not a diagnosis or treatment.\n",
    );
    out
}

/// Renders the report in `format`.
pub fn render(input: &ReportInput, format: Format) -> String {
    match format {
        Format::Html => html(input),
        Format::Markdown => markdown(input),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::PeriodFacts;

    fn d(s: &str) -> NaiveDate {
        crate::text::parse_date(s).expect("date")
    }

    fn demo_input() -> ReportInput {
        let end = d("2026-08-31");
        let data = crate::demo::generate(42, end, crate::demo::DEFAULT_DAYS);
        let from = end - chrono::Duration::days(239);
        let facts = PeriodFacts {
            wins: data.wins.clone(),
            setbacks: data.setbacks.clone(),
            checkins: data
                .checkins
                .iter()
                .map(crate::figures::CheckInFact::of)
                .collect(),
            ..PeriodFacts::default()
        };
        ReportInput {
            display_name: "Alex <demo>".into(),
            from,
            to: end,
            made_on: end,
            progress: OutcomeProgress::compute(&facts, from, end),
            assessments: Vec::new(),
            programmes: vec![ProgrammeTrack {
                title: "Perfectionism".into(),
                started_on: from,
                stopped_on: None,
                milestones: vec![DatedMilestone {
                    week: 4,
                    title: "First month".into(),
                    marks: "a habit of evening check-ins".into(),
                    date: from + chrono::Duration::days(27),
                }],
            }],
            reviews: Vec::new(),
            wins: data.wins.clone(),
            setbacks: data.setbacks.clone(),
            evidence: crate::evidence::summarize(&data.evidence),
        }
    }

    #[test]
    fn formats_parse_with_a_clear_error() {
        assert_eq!(Format::parse("MD").ok(), Some(Format::Markdown));
        assert_eq!(Format::parse("html").ok(), Some(Format::Html));
        let e = Format::parse("pdf").expect_err("pdf");
        assert!(
            e.to_string().contains("\"pdf\" is not a report format"),
            "{e}"
        );
        let e = check_range(d("2026-03-02"), d("2026-03-01")).expect_err("reversed");
        assert!(e.to_string().contains("after it ends"), "{e}");
        assert!(check_range(d("2026-03-01"), d("2026-03-01")).is_ok());
    }

    #[test]
    fn html_is_self_contained_with_charts_and_escaped_text() {
        let input = demo_input();
        let html = html(&input);
        for key in ["overwork", "boundaries", "imperfection", "happiness"] {
            assert!(html.contains(&format!("id=\"{key}\"")), "{key}");
        }
        assert!(html.contains("<svg"));
        assert!(html.contains("@media print"));
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!html.contains("<script"));
        assert!(html.contains("Alex &lt;demo&gt;"));
        assert!(!html.contains("Alex <demo>"));
        assert!(html.contains("Milestone"));
        assert!(html.contains("Setback"));
        assert!(html.contains("Evidence and attribution"));
    }

    #[test]
    fn markdown_has_the_same_sections() {
        let md = markdown(&demo_input());
        for title in [
            "## Less overwork",
            "## Healthier boundaries",
            "## More room for imperfection",
            "## More joy",
            "## Questionnaires over time",
            "## Milestones, setbacks and breakthroughs",
            "## Wins worth remembering",
            "## Evidence and attribution",
        ] {
            assert!(md.contains(title), "{title}");
        }
        assert!(!md.contains("<svg"));
    }

    #[test]
    fn timeline_orders_events_and_keeps_the_range() {
        let mut input = demo_input();
        input.from = d("2026-05-01");
        input.to = d("2026-05-31");
        let events = timeline(&input);
        assert!(events
            .iter()
            .all(|e| e.date >= input.from && e.date <= input.to));
        assert!(events.windows(2).all(|w| w[0].date <= w[1].date));
        // The milestone in the first month is outside this range.
        assert!(events.iter().all(|e| e.kind != EventKind::Milestone));
    }

    #[test]
    fn an_empty_report_still_renders_kindly() {
        let from = d("2026-01-01");
        let input = ReportInput {
            display_name: "Sam".into(),
            from,
            to: from,
            made_on: from,
            progress: OutcomeProgress::compute(&PeriodFacts::default(), from, from),
            assessments: Vec::new(),
            programmes: Vec::new(),
            reviews: Vec::new(),
            wins: Vec::new(),
            setbacks: Vec::new(),
            evidence: crate::evidence::summarize(&[]),
        };
        let html = html(&input);
        assert!(html.contains("Not enough months recorded yet"));
        assert!(html.contains("Small ones count too"));
        assert!(markdown(&input).contains("No questionnaires taken"));
    }

    #[test]
    fn a_month_that_is_not_over_is_shown_so_far_and_not_compared() {
        let checkin = |date: &str, mood: u8| crate::figures::CheckInFact {
            date: d(date),
            mood,
            energy: 5,
            appreciations: 3,
            non_work: 1,
        };
        let facts = PeriodFacts {
            checkins: vec![
                checkin("2026-06-10", 3),
                checkin("2026-07-10", 4),
                checkin("2026-08-02", 9),
            ],
            ..PeriodFacts::default()
        };
        let (from, to) = (d("2026-06-01"), d("2026-08-03"));
        let input = ReportInput {
            display_name: "Sam".into(),
            from,
            to,
            made_on: to,
            progress: OutcomeProgress::compute(&facts, from, to),
            assessments: Vec::new(),
            programmes: Vec::new(),
            reviews: Vec::new(),
            wins: Vec::new(),
            setbacks: Vec::new(),
            evidence: crate::evidence::summarize(&[]),
        };
        // The story ends with July; a jump in three days of August is no
        // breakthrough.
        let story = story(&input);
        let joy = story
            .iter()
            .find(|s| s.starts_with("More joy"))
            .expect("a joy sentence");
        assert!(joy.contains("to 4.0 in 2026-07"), "{joy}");
        assert!(!joy.contains("2026-08"), "{joy}");
        assert!(figure_breakthroughs(&input).is_empty());
        let html = html(&input);
        assert!(html.contains("2026-08 (so far: 3 of 31 days)"), "table row");
        assert!(html.contains("2026-08 is not over (3 of 31 days by 2026-08-03)"));
        let md = markdown(&input);
        assert!(md.contains("| 2026-08 (so far: 3 of 31 days) |"));
        assert!(md.contains("2026-08 is not over"));
    }

    #[test]
    fn repeats_in_a_month_are_counted_once_and_figures_show_breakthroughs() {
        let mut input = demo_input();
        let at = chrono::DateTime::<chrono::Utc>::from_timestamp(0, 0).expect("epoch");
        input.setbacks = ["2026-05-03", "2026-05-20", "2026-06-01"]
            .iter()
            .map(|date| Setback {
                id: (*date).into(),
                created_at: at,
                date: d(date),
                text: "Worked late again".into(),
                lesson: None,
            })
            .collect();
        let events = timeline(&input);
        let late: Vec<&Event> = events
            .iter()
            .filter(|e| e.text == "Worked late again")
            .collect();
        assert_eq!(late.len(), 2);
        assert_eq!((late[0].date, late[0].times), (d("2026-05-03"), 2));
        assert_eq!(late[1].times, 1);
        assert!(markdown(&input).contains("Worked late again (2 times this month)"));
        // The demo's check-ins (mood or appreciations beyond work) jump in some month.
        let found = figure_breakthroughs(&input);
        assert!(!found.is_empty());
        assert!(found
            .iter()
            .all(|e| e.kind == EventKind::Breakthrough && e.date <= input.to));
    }
}
