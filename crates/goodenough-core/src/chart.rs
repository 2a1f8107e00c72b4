//! Line charts as inline SVG, drawn with [plotters](https://docs.rs/plotters)
//! (SVG backend only: labels are SVG `<text>`, no font library needed). One
//! drawer for the web pages and the printable report.
//!
//! Each chart carries `role="img"`, a `<title>` and a `<desc>`; plotters
//! writes presentation attributes, never `style`, and the namespace URL is
//! dropped (inline SVG in HTML needs none), so a chart loads nothing and
//! passes a strict Content-Security-Policy. Missing values leave gaps.

use plotters::prelude::*;

/// One line of a chart: name, colour and one value per x position.
pub struct Line<'a> {
    pub name: &'a str,
    pub colour: RGBColor,
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
}

/// Charts on a web page.
pub const PAGE: Frame = Frame {
    width: 640,
    height: 260,
    margin: 12,
    x_label_area: 28,
    y_label_area: 40,
    x_labels: 6,
    y_labels: 6,
    font_size: 13,
    stroke: 3,
    dot: 4,
};

/// The smaller charts of the printable report.
pub const PRINT: Frame = Frame {
    width: 560,
    height: 210,
    margin: 10,
    x_label_area: 26,
    y_label_area: 44,
    x_labels: 8,
    y_labels: 5,
    font_size: 12,
    stroke: 2,
    dot: 3,
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

/// Draws a line chart as an SVG string. `labels` name the x positions; `y`
/// is the value range; `y_label` writes a y tick. `None` when there are no
/// x positions or plotters reports an error (callers then show the table).
pub fn line_chart(
    text: &ChartText<'_>,
    labels: &[String],
    lines: &[Line<'_>],
    y: (f64, f64),
    frame: &Frame,
    y_label: &dyn Fn(&f64) -> String,
) -> Option<String> {
    let n = labels.len();
    if n == 0 {
        return None;
    }
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (frame.width, frame.height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
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
            .light_line_style(RGBColor(0xee, 0xee, 0xee))
            .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
            .axis_style(RGBColor(0x99, 0x99, 0x99))
            .label_style(
                ("sans-serif", frame.font_size)
                    .into_font()
                    .color(&RGBColor(0x33, 0x33, 0x33)),
            )
            .draw()
            .ok()?;
        for line in lines {
            let style = line.colour.stroke_width(frame.stroke);
            // Consecutive known values form one stretch; gaps stay gaps.
            let mut stretch: Vec<(f64, f64)> = Vec::new();
            let mut stretches = Vec::new();
            for (i, v) in line.values.iter().enumerate() {
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
                            .map(|p| Circle::new(p, frame.dot, line.colour.filled())),
                    )
                    .ok()?;
            }
        }
        root.present().ok()?;
    }
    let svg = svg.replace(" xmlns=\"http://www.w3.org/2000/svg\"", "");
    let open = format!(
        "<svg width=\"{}\" height=\"{}\" ",
        frame.width, frame.height
    );
    let id = xml_escape(text.id);
    let replaced = svg.replacen(
        &open,
        &format!(
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" "
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
