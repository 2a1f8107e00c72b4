//! Line charts as inline SVG, drawn with [plotters](https://docs.rs/plotters)
//! (SVG backend only: labels are SVG `<text>`, no font library needed). One
//! drawer for the web pages and the printable report.
//!
//! **Readable on a phone.** An SVG scales with its width, so a chart drawn
//! 640 units wide shows its 13-unit labels at 7 px on a 390 px phone. Each
//! chart is therefore drawn twice ([`chart_pair`]): a narrow one, 360 units
//! wide with 12-unit text (about 12 px on a phone), and a wide one for larger
//! screens; the stylesheet shows one of them (`chart-narrow`, `chart-wide`).
//!
//! **Colours from the stylesheet.** Plotters writes colours as presentation
//! attributes. Every element is drawn in a placeholder colour and then given
//! a class (`chart-bg`, `chart-grid`, `chart-grid-fine` (not drawn),
//! `chart-axis`, `chart-label`,
//! `tone-blue`, …, `so-far`) and a light fallback colour; CSS rules beat
//! presentation attributes, so the page's tokens (and dark mode) decide what
//! is shown, while a document without those rules still reads.
//!
//! **An even time axis.** [`Axis`] holds every week or month from the first
//! to the last, so a period without records is a gap in the line, never
//! joined over. A last period still under way is drawn dashed with a hollow
//! dot ("this week so far").
//!
//! Each chart carries `role="img"`, a `<title>` and a `<desc>`; plotters
//! writes presentation attributes, never `style`, and the namespace URL is
//! dropped (inline SVG in HTML needs none), so a chart loads nothing and
//! passes a strict Content-Security-Policy.

use chrono::{Datelike, Days, Months, NaiveDate};
use plotters::prelude::*;

/// The length of one position on a time axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// An ISO week, named by its Monday.
    Week,
    /// A calendar month.
    Month,
    /// A day (a questionnaire's sittings: one position per sitting).
    Day,
}

impl Step {
    /// How a period is written everywhere (axes, tables, legends): "3 Dec"
    /// for the week starting on 3 December, "Dec 2026" for a month.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Step::Week | Step::Day => start.format("%-d %b").to_string(),
            Step::Month => start.format("%b %Y").to_string(),
        }
    }

    /// The first day of the period holding `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Step::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Step::Month => day.with_day(1).unwrap_or(day),
            Step::Day => day,
        }
    }

    /// The first day of a month written `YYYY-MM`.
    pub fn month_of_key(key: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&format!("{}-01", key.trim()), "%Y-%m-%d").ok()
    }

    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Week => start.checked_add_days(Days::new(7)),
            Step::Month => start.checked_add_months(Months::new(1)),
            Step::Day => start.checked_add_days(Days::new(1)),
        }
    }

    fn back(self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        match self {
            Step::Week => start.checked_sub_days(Days::new(7 * u64::from(n))),
            Step::Month => start.checked_sub_months(Months::new(n)),
            Step::Day => start.checked_sub_days(Days::new(u64::from(n))),
        }
    }

    /// How the period still under way is named: "this week so far".
    pub fn so_far_name(self) -> &'static str {
        match self {
            Step::Week => "this week so far",
            Step::Month => "this month so far",
            Step::Day => "today so far",
        }
    }
}

/// An even time axis: one position per week or month, none skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axis {
    pub step: Step,
    /// The first day of each period, oldest first, one step apart (for
    /// [`Step::Day`], built by hand, the days of the sittings).
    pub starts: Vec<NaiveDate>,
    /// Whether the last period is still under way.
    pub so_far: bool,
}

impl Axis {
    /// At most this many positions, whatever the dates say.
    pub const MAX: usize = 400;

    /// Every period from the one holding `first` to the one holding `last`,
    /// at most the last `most` of them. `so_far`: the last period is not over.
    pub fn recent(step: Step, first: NaiveDate, last: NaiveDate, so_far: bool, most: u32) -> Axis {
        let end = step.start_of(last.max(first));
        let mut start = step.start_of(first.min(last));
        if let Some(earliest) = step.back(end, most.saturating_sub(1)) {
            start = start.max(earliest);
        }
        let mut starts = Vec::new();
        let mut at = Some(start);
        while let Some(d) = at {
            if d > end || starts.len() >= Axis::MAX.min(most.max(1) as usize) {
                break;
            }
            starts.push(d);
            at = step.next(d);
        }
        Axis {
            step,
            starts,
            so_far,
        }
    }

    /// The axis of dated periods (any day within each): from the earliest to
    /// the latest, at most `most` positions. `None` without dates.
    pub fn spanning(
        step: Step,
        dates: impl IntoIterator<Item = NaiveDate>,
        so_far: bool,
        most: u32,
    ) -> Option<Axis> {
        let dates: Vec<NaiveDate> = dates.into_iter().collect();
        let first = dates.iter().min()?;
        let last = dates.iter().max()?;
        Some(Axis::recent(step, *first, *last, so_far, most))
    }

    /// Number of positions.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the axis has no position.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The label of each position ([`Step::label`]).
    pub fn labels(&self) -> Vec<String> {
        self.starts.iter().map(|d| self.step.label(*d)).collect()
    }

    /// The values of dated points at the axis positions (a point belongs to
    /// the period holding its date). A position without a point, or with
    /// `None`, is a gap; points off the axis are left out.
    pub fn place(
        &self,
        points: impl IntoIterator<Item = (NaiveDate, Option<f64>)>,
    ) -> Vec<Option<f64>> {
        let mut values = vec![None; self.starts.len()];
        for (date, value) in points {
            let start = self.step.start_of(date);
            if let Ok(i) = self.starts.binary_search(&start) {
                values[i] = value;
            }
        }
        values
    }
}

/// The colours a line can take (classes `tone-blue`, … in the stylesheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Blue,
    Teal,
    Grey,
    Violet,
}

impl Tone {
    const ALL: [Tone; 4] = [Tone::Blue, Tone::Teal, Tone::Grey, Tone::Violet];

    /// The class that colours it.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Blue => "tone-blue",
            Tone::Teal => "tone-teal",
            Tone::Grey => "tone-grey",
            Tone::Violet => "tone-violet",
        }
    }

    /// The colour used where no stylesheet says otherwise (light background).
    pub fn fallback(self) -> &'static str {
        match self {
            Tone::Blue => "#2F5D8C",
            Tone::Teal => "#23867A",
            Tone::Grey => "#6F757E",
            Tone::Violet => "#5B6CB0",
        }
    }

    fn index(self) -> u8 {
        match self {
            Tone::Blue => 0,
            Tone::Teal => 1,
            Tone::Grey => 2,
            Tone::Violet => 3,
        }
    }
}

/// One line of a chart: name, tone and one value per axis position.
pub struct Line<'a> {
    pub name: &'a str,
    pub tone: Tone,
    pub values: Vec<Option<f64>>,
}

/// What a chart is about, for people who cannot see it.
pub struct ChartText<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
}

/// Size and look of a chart.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub margin: u32,
    pub x_label_area: u32,
    pub y_label_area: u32,
    /// At most this many x labels.
    pub x_labels: usize,
    pub y_labels: usize,
    pub font_size: u32,
    pub stroke: u32,
    pub dot: u32,
    /// Class of the drawing and suffix of its ids.
    pub name: &'static str,
}

/// The chart on a phone: 360 units wide, so its 12-unit text shows at about
/// 12 CSS px in a 390 px viewport.
pub const NARROW: Frame = Frame {
    width: 360,
    height: 230,
    margin: 8,
    x_label_area: 26,
    y_label_area: 34,
    x_labels: 4,
    y_labels: 6,
    font_size: 12,
    stroke: 2,
    dot: 3,
    name: "narrow",
};

/// The chart on a wider screen (shown from 40rem).
pub const WIDE: Frame = Frame {
    width: 720,
    height: 280,
    margin: 12,
    x_label_area: 30,
    y_label_area: 44,
    x_labels: 8,
    y_labels: 6,
    font_size: 15,
    stroke: 3,
    dot: 4,
    name: "wide",
};

/// Escapes text for SVG/HTML content and attributes.
pub fn xml_escape(s: &str) -> String {
    // Control characters are not allowed in XML and are errors in HTML;
    // input is cleaned when saved, this also covers older records.
    crate::text::clean(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

// Placeholder colours: each is replaced by a class and a fallback colour.
const BG: RGBColor = RGBColor(1, 2, 1);
const GRID_LIGHT: RGBColor = RGBColor(1, 2, 2);
const GRID_BOLD: RGBColor = RGBColor(1, 2, 3);
const AXIS: RGBColor = RGBColor(1, 2, 4);
const LABEL: RGBColor = RGBColor(1, 2, 5);

fn solid(t: Tone) -> RGBColor {
    RGBColor(1, 2, 10 + t.index())
}

fn so_far(t: Tone) -> RGBColor {
    RGBColor(1, 2, 20 + t.index())
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Placeholder → (class, fallback colour).
fn placeholders() -> Vec<(String, String, &'static str)> {
    let mut all = vec![
        (hex(BG), "chart-bg".to_string(), "#FFFFFF"),
        // The fine grid (ten lines between two labelled ones) is left out:
        // it made the chart look striped.
        (hex(GRID_LIGHT), "chart-grid-fine".to_string(), "none"),
        (hex(GRID_BOLD), "chart-grid".to_string(), "#DDDDDD"),
        (hex(AXIS), "chart-axis".to_string(), "#777777"),
        (hex(LABEL), "chart-label".to_string(), "#333333"),
    ];
    for t in Tone::ALL {
        all.push((hex(solid(t)), t.class().to_string(), t.fallback()));
        all.push((
            hex(so_far(t)),
            format!("{} so-far", t.class()),
            t.fallback(),
        ));
    }
    all
}

/// Gives every element drawn in a placeholder colour its class and the
/// fallback colour.
fn classify(svg: &str) -> String {
    let table = placeholders();
    let mut out = String::with_capacity(svg.len() + svg.len() / 4);
    for (i, part) in svg.split('<').enumerate() {
        if i > 0 {
            out.push('<');
        }
        let Some((placeholder, class, fallback)) =
            table.iter().find(|(p, _, _)| part.contains(p.as_str()))
        else {
            out.push_str(part);
            continue;
        };
        let part = part.replace(placeholder.as_str(), fallback);
        match part.find(' ') {
            Some(at) => {
                out.push_str(&part[..at]);
                out.push_str(&format!(" class=\"{class}\""));
                out.push_str(&part[at..]);
            }
            None => out.push_str(&part),
        }
    }
    out
}

/// Draws a line chart in one frame as an SVG string. `None` when the axis
/// is empty or plotters reports an error (callers then show the table).
pub fn line_chart(
    text: &ChartText<'_>,
    axis: &Axis,
    lines: &[Line<'_>],
    y: (f64, f64),
    frame: &Frame,
    y_label: &dyn Fn(&f64) -> String,
) -> Option<String> {
    let n = axis.len();
    if n == 0 {
        return None;
    }
    let labels = axis.labels();
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (frame.width, frame.height)).into_drawing_area();
        root.fill(&BG).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(frame.margin)
            .x_label_area_size(frame.x_label_area)
            .y_label_area_size(frame.y_label_area)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), y.0..y.1)
            .ok()?;
        let label_at = |x: &f64| -> String {
            let i = x.round();
            if (x - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            labels.get(i as usize).cloned().unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n.min(frame.x_labels))
            .x_label_formatter(&label_at)
            .y_labels(frame.y_labels)
            .y_label_formatter(&y_label)
            .light_line_style(GRID_LIGHT)
            .bold_line_style(GRID_BOLD)
            .axis_style(AXIS)
            // Plotters writes a font size in points as 1/1.24 of it in
            // SVG units: ask for a little more to get `font_size` units.
            .label_style(
                ("sans-serif", f64::from(frame.font_size) * 1.25)
                    .into_font()
                    .color(&LABEL),
            )
            .draw()
            .ok()?;
        for line in lines {
            let colour = solid(line.tone);
            let style = colour.stroke_width(frame.stroke);
            let last = n - 1;
            // The period under way is drawn apart (dashed, hollow dot).
            let whole_end = if axis.so_far { last } else { n };
            let mut stretch: Vec<(f64, f64)> = Vec::new();
            let mut stretches = Vec::new();
            for (i, v) in line.values.iter().enumerate().take(whole_end) {
                match v {
                    Some(v) => stretch.push((i as f64, *v)),
                    None => stretches.push(std::mem::take(&mut stretch)),
                }
            }
            stretches.push(stretch);
            for s in stretches.into_iter().filter(|s| !s.is_empty()) {
                chart.draw_series(LineSeries::new(s.clone(), style)).ok()?;
                chart
                    .draw_series(
                        s.into_iter()
                            .map(|p| Circle::new(p, frame.dot, colour.filled())),
                    )
                    .ok()?;
            }
            if axis.so_far {
                if let Some(Some(now)) = line.values.get(last) {
                    let open = so_far(line.tone);
                    let point = (last as f64, *now);
                    if let Some(Some(before)) = last.checked_sub(1).and_then(|i| line.values.get(i))
                    {
                        chart
                            .draw_series(LineSeries::new(
                                vec![((last - 1) as f64, *before), point],
                                open.stroke_width(frame.stroke),
                            ))
                            .ok()?;
                    }
                    chart
                        .draw_series(std::iter::once(Circle::new(
                            point,
                            frame.dot + 1,
                            open.stroke_width(2),
                        )))
                        .ok()?;
                }
            }
        }
        root.present().ok()?;
    }
    let svg = classify(&svg.replace(" xmlns=\"http://www.w3.org/2000/svg\"", ""));
    let open = format!(
        "<svg width=\"{}\" height=\"{}\" ",
        frame.width, frame.height
    );
    let id = format!("{}-{}", xml_escape(text.id), frame.name);
    let replaced = svg.replacen(
        &open,
        &format!(
            "<svg class=\"chart chart-{}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" ",
            frame.name
        ),
        1,
    );
    let end = replaced.find('>')?;
    Some(format!(
        "{}<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        &replaced[..=end],
        xml_escape(text.title),
        xml_escape(text.desc),
        &replaced[end + 1..]
    ))
}

/// The chart for a page: the narrow drawing and the wide one, one after
/// the other (the stylesheet shows one). `None` as for [`line_chart`].
pub fn chart_pair(
    text: &ChartText<'_>,
    axis: &Axis,
    lines: &[Line<'_>],
    y: (f64, f64),
    y_label: &dyn Fn(&f64) -> String,
) -> Option<String> {
    let narrow = line_chart(text, axis, lines, y, &NARROW, y_label)?;
    let wide = line_chart(text, axis, lines, y, &WIDE, y_label)?;
    Some(format!("{narrow}{wide}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn weeks_are_even_and_empty_weeks_are_gaps() {
        // Check-ins in the weeks of 2 Nov, 9 Nov and 30 Nov 2026 (Mondays),
        // given by any day within them.
        let axis = Axis::spanning(
            Step::Week,
            [day("2026-11-04"), day("2026-11-09"), day("2026-12-05")],
            false,
            26,
        )
        .expect("axis");
        assert_eq!(
            axis.starts,
            vec![
                day("2026-11-02"),
                day("2026-11-09"),
                day("2026-11-16"),
                day("2026-11-23"),
                day("2026-11-30")
            ]
        );
        assert!(axis
            .starts
            .windows(2)
            .all(|w| (w[1] - w[0]).num_days() == 7));
        let values = axis.place([
            (day("2026-11-04"), Some(5.0)),
            (day("2026-11-09"), Some(6.0)),
            (day("2026-12-05"), Some(7.0)),
        ]);
        assert_eq!(values, vec![Some(5.0), Some(6.0), None, None, Some(7.0)]);
        assert_eq!(axis.labels()[0], "2 Nov");
        assert_eq!(axis.labels()[4], "30 Nov");
    }

    #[test]
    fn months_are_even_across_a_year_and_named_one_way() {
        let axis = Axis::spanning(
            Step::Month,
            [day("2026-11-15"), day("2027-02-01")],
            true,
            12,
        )
        .expect("axis");
        assert_eq!(
            axis.labels(),
            vec!["Nov 2026", "Dec 2026", "Jan 2027", "Feb 2027"]
        );
        assert!(axis.so_far);
        assert_eq!(Step::month_of_key("2027-02"), Some(day("2027-02-01")));
        assert_eq!(Step::month_of_key("Feb"), None);
        let values = axis.place([
            (day("2027-01-31"), Some(1.0)),
            (day("2025-01-01"), Some(9.0)),
        ]);
        assert_eq!(
            values,
            vec![None, None, Some(1.0), None],
            "off-axis points are left out"
        );
    }

    #[test]
    fn only_the_most_recent_periods_are_kept() {
        let axis = Axis::recent(Step::Week, day("2020-01-06"), day("2026-11-30"), false, 26);
        assert_eq!(axis.len(), 26);
        assert_eq!(axis.starts.last(), Some(&day("2026-11-30")));
        assert!(Axis::spanning(Step::Week, [], false, 26).is_none());
    }

    fn text() -> ChartText<'static> {
        ChartText {
            id: "c1",
            title: "Mood <weekly>",
            desc: "Four weeks",
        }
    }

    fn axis(n: usize, so_far: bool) -> Axis {
        Axis::recent(
            Step::Week,
            day("2026-11-02"),
            day("2026-11-02") + Days::new(7 * (n as u64 - 1)),
            so_far,
            52,
        )
    }

    #[test]
    fn a_chart_takes_its_colours_from_classes() {
        let svg = line_chart(
            &text(),
            &axis(4, false),
            &[Line {
                name: "Mood",
                tone: Tone::Teal,
                values: vec![Some(4.0), Some(6.5), None, Some(3.0)],
            }],
            (0.0, 10.0),
            &NARROW,
            &|v| format!("{v:.0}"),
        )
        .expect("chart");
        assert!(svg.starts_with(
            "<svg class=\"chart chart-narrow\" role=\"img\" aria-labelledby=\"c1-narrow-title c1-narrow-desc\""
        ));
        assert!(svg.contains("viewBox=\"0 0 360 230\""));
        assert!(svg.contains("<title id=\"c1-narrow-title\">Mood &lt;weekly&gt;</title>"));
        assert!(svg.contains("<rect class=\"chart-bg\""), "{svg}");
        assert!(svg.contains("<text class=\"chart-label\""));
        let sizes: Vec<f64> = svg
            .split("font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect();
        assert!(!sizes.is_empty());
        assert!(
            sizes.iter().all(|s| (12.0..12.5).contains(s)),
            "labels are 12 units: {sizes:?}"
        );
        assert!(svg.contains("\n2 Nov\n"), "x labels in the one date format");
        // The gap splits the line in two; three dots.
        assert_eq!(svg.matches("<polyline class=\"tone-teal\"").count(), 2);
        assert_eq!(svg.matches("<circle class=\"tone-teal\"").count(), 3);
        assert!(!svg.contains("#0102"), "no placeholder colour is left");
        assert!(!svg.contains("so-far"), "every week is over");
        assert!(!svg.contains("style="), "no inline style (CSP)");
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn the_period_under_way_is_drawn_apart() {
        let line = |values| Line {
            name: "Mood",
            tone: Tone::Blue,
            values,
        };
        let fmt = |v: &f64| format!("{v:.0}");
        let svg = line_chart(
            &text(),
            &axis(3, true),
            &[line(vec![Some(4.0), Some(5.0), Some(6.0)])],
            (0.0, 10.0),
            &WIDE,
            &fmt,
        )
        .expect("chart");
        assert_eq!(svg.matches("<polyline class=\"tone-blue\"").count(), 1);
        assert_eq!(
            svg.matches("<polyline class=\"tone-blue so-far\"").count(),
            1
        );
        assert_eq!(svg.matches("<circle class=\"tone-blue\"").count(), 2);
        assert_eq!(svg.matches("<circle class=\"tone-blue so-far\"").count(), 1);
        // After a gap, the week under way is a lone hollow dot.
        let svg = line_chart(
            &text(),
            &axis(3, true),
            &[line(vec![Some(4.0), None, Some(6.0)])],
            (0.0, 10.0),
            &WIDE,
            &fmt,
        )
        .expect("chart");
        assert_eq!(
            svg.matches("<polyline class=\"tone-blue so-far\"").count(),
            0
        );
        assert_eq!(svg.matches("<circle class=\"tone-blue so-far\"").count(), 1);
    }

    #[test]
    fn a_pair_is_narrow_then_wide_with_distinct_ids() {
        let pair = chart_pair(
            &text(),
            &axis(2, false),
            &[Line {
                name: "Mood",
                tone: Tone::Blue,
                values: vec![Some(1.0), Some(2.0)],
            }],
            (0.0, 10.0),
            &|v| format!("{v:.0}"),
        )
        .expect("pair");
        let narrow = pair.find("chart-narrow").expect("narrow");
        let wide = pair.find("chart-wide").expect("wide");
        assert!(narrow < wide);
        assert!(pair.contains("id=\"c1-narrow-title\"") && pair.contains("id=\"c1-wide-title\""));
        let empty = Axis {
            step: Step::Week,
            starts: Vec::new(),
            so_far: false,
        };
        assert!(chart_pair(&text(), &empty, &[], (0.0, 1.0), &|v| v.to_string()).is_none());
    }
}
