//! Charts a person can read on a phone: in real Chromium, with eight weeks
//! of the demo persona's records, every label of every chart shown on the
//! chart pages (and in the printable report) is at least 11 CSS px, no chart
//! is wider than the viewport, and in dark mode the charts are dark.

use crate::support::{self, Browser};

use goodenough_web::testing::{person_of, TestServer};
use serde_json::{json, Value};

const EMAIL: &str = "robin@example.org";
const PW: &str = "a long enough passphrase";
/// The pages with charts.
const PAGES: [&str; 3] = ["/progress", "/experiments", "/reviews"];
/// The smallest text a person should have to read, in CSS px.
const SMALLEST: f64 = 11.0;

/// For every chart shown (the narrow or the wide drawing): how many, the
/// smallest label in CSS px (computed font size × the drawing's scale) and
/// which label it is, and the charts sticking out of the viewport.
const MEASURE: &str = r#"
const out = { charts: 0, labels: 0, min: 1e9, worst: "", outside: [] };
for (const svg of document.querySelectorAll("svg.chart")) {
  const r = svg.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  out.charts++;
  if (r.left < -0.5 || r.right > window.innerWidth + 0.5) {
    out.outside.push(svg.getAttribute("aria-labelledby") + ": " + r.left + ".." + r.right);
  }
  const scale = r.width / svg.viewBox.baseVal.width;
  for (const t of svg.querySelectorAll("text")) {
    if (!t.textContent.trim()) continue;
    out.labels++;
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (px < out.min) { out.min = px; out.worst = t.textContent.trim(); }
  }
}
return out;
"#;

/// The computed colours of the first chart shown: background, label, line.
const COLOURS: &str = r#"
for (const svg of document.querySelectorAll("svg.chart")) {
  if (svg.getBoundingClientRect().width === 0) continue;
  const fill = (sel, prop) => {
    const el = svg.querySelector(sel);
    return el ? getComputedStyle(el)[prop] : "";
  };
  return { bg: fill(".chart-bg", "fill"), text: fill("text", "fill"), page: getComputedStyle(document.body).backgroundColor };
}
return null;
"#;

async fn look(b: &Browser, width: u32, height: u32, theme: &str) {
    let cdp = b.driver.cdp();
    cdp.send_raw(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
    )
    .await
    .expect("viewport");
    cdp.send_raw(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": theme}]}),
    )
    .await
    .expect("colour scheme");
}

/// With `GOODENOUGH_SCREENSHOT_DIR` set, a PNG of each chart's heading and
/// what follows it (`charts-progress-chart-mood-390-dark.png`, …), for people
/// to look at.
async fn shoot(b: &Browser, path: &str, width: u32, theme: &str) {
    let Some(dir) = std::env::var_os("GOODENOUGH_SCREENSHOT_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("screenshot directory");
    let shown = "[...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 0)";
    let n = b.number(&format!("return {shown}.length")).await as usize;
    for i in 0..n {
        let id = run(
            b,
            &format!(
                "const s = {shown}[{i}]; s.scrollIntoView({{block: 'center'}}); return s.getAttribute('aria-labelledby').split(' ')[0].replace('-title', '')"
            ),
        )
        .await;
        let png = b.driver.screenshot_as_png().await.expect("screenshot");
        let name = format!(
            "charts{}-{}-{width}-{theme}.png",
            path.replace('/', "-"),
            id.as_str().unwrap_or("chart")
        );
        std::fs::write(dir.join(name), png).expect("write PNG");
    }
}

async fn run(b: &Browser, script: &str) -> Value {
    b.driver
        .execute(script, Vec::new())
        .await
        .expect("script")
        .json()
        .clone()
}

/// "rgb(21, 24, 27)" → relative brightness 0..1.
fn brightness(css: &str) -> f64 {
    let parts: Vec<f64> = css
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    assert!(parts.len() >= 3, "not a colour: {css:?}");
    (0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]) / 255.0
}

/// Measures the charts of the current page; returns how many were shown.
fn check(where_: &str, m: &Value) -> u64 {
    let charts = m["charts"].as_u64().expect("count");
    if charts > 0 {
        let min = m["min"].as_f64().expect("min");
        assert!(
            m["labels"].as_u64().unwrap_or(0) > 0,
            "{where_}: the charts have labels"
        );
        assert!(
            min >= SMALLEST,
            "{where_}: the label {:?} shows at {min:.1} px, under {SMALLEST} px",
            m["worst"]
        );
    }
    assert_eq!(
        m["outside"].as_array().map(Vec::len),
        Some(0),
        "{where_}: charts wider than the viewport: {}",
        m["outside"]
    );
    charts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chart_labels_are_readable_and_charts_are_dark_in_dark_mode() {
    let Some(b) = support::start("chart_labels_are_readable", 390, 987).await else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.as_str();
    b.set_up(base, "Robin", EMAIL, PW).await;
    let person = person_of(&srv, EMAIL).await;
    srv.import_demo(&person, 56).await;

    for (width, height) in [(390, 844), (1280, 800)] {
        for theme in ["light", "dark"] {
            look(&b, width, height, theme).await;
            for path in PAGES {
                b.goto(base, path).await;
                let m = run(&b, MEASURE).await;
                let charts = check(&format!("{path} at {width} px, {theme}"), &m);
                if path == "/progress" {
                    assert!(charts >= 3, "{path}: the demo's charts are shown: {m}");
                    let c = run(&b, COLOURS).await;
                    let (bg, text) = (
                        brightness(c["bg"].as_str().unwrap_or("")),
                        brightness(c["text"].as_str().unwrap_or("")),
                    );
                    if theme == "dark" {
                        assert!(bg < 0.25, "dark mode: the chart is dark ({c})");
                        assert!(text > 0.6, "dark mode: its labels are light ({c})");
                    } else {
                        assert!(bg > 0.8, "light mode: the chart is light ({c})");
                        assert!(text < 0.4, "light mode: its labels are dark ({c})");
                    }
                    // The numbers are one tap away.
                    let tables = b
                        .number("return document.querySelectorAll('details table').length")
                        .await;
                    assert!(tables >= 3.0, "{path}: a table behind each chart");
                }
                shoot(&b, path, width, theme).await;
            }
        }
    }

    // The printable report, opened as the downloaded file, on the phone.
    look(&b, 390, 844, "light").await;
    b.goto(base, "/progress").await;
    // Centred, so the phone's tab bar does not cover the button.
    b.centred("form[action=\"/report\"] button[type=submit]")
        .await
        .click()
        .await
        .expect("ask for the report");
    let file = b.downloaded(".html").await;
    b.driver
        .goto(format!("file://{}", file.display()))
        .await
        .expect("open the report");
    let m = run(&b, MEASURE).await;
    assert!(
        check("the report at 390 px", &m) >= 1,
        "the report has charts: {m}"
    );
    b.quit().await;
}
