//! The journey in a real browser: a signed-in person starts the
//! perfectionism programme a few weeks back, sees its week, phase and what is
//! due on Today, saves a weekly reflection, logs a piece of evidence and
//! downloads the printable report from /progress. Headless Chromium through
//! chromedriver, against the real server with a temporary store.

use crate::support;

use chrono::{Days, NaiveDate};
use goodenough_web::testing::TestServer;
use thirtyfour::prelude::*;

const EMAIL: &str = "robin@example.org";
const PW: &str = "a long enough passphrase";

const BREAKTHROUGH: &str = "Sent the draft with one known typo and nobody minded";
const SETBACK: &str = "Reworked the slides until late on Tuesday";
const CELEBRATE: &str = "Left work on time three evenings";
const EVIDENCE: &str = "Sam said the workshop I ran was the clearest one this year";

/// The `value` property of a form field (what the person sees in it).
async fn value_of(b: &support::Browser, css: &str) -> String {
    b.el(css)
        .await
        .prop("value")
        .await
        .expect("value property")
        .unwrap_or_default()
}

/// The visible text of the first element matching `css`.
async fn text_of(b: &support::Browser, css: &str) -> String {
    b.el(css).await.text().await.expect("element text")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journey_programme_review_evidence_report() {
    let Some(b) = support::start("journey_programme_review_evidence_report", 1280, 900).await
    else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.as_str();

    // The first account, signed in by the setup page.
    b.set_up(base, "Robin", EMAIL, PW).await;

    // /programme lists the shipped programmes; nothing runs yet.
    b.goto(base, "/programme").await;
    let yours = text_of(&b, "section[aria-labelledby=yours]").await;
    assert!(yours.contains("No programme is running"), "{yours}");
    b.click_to(
        "a[href=\"/programme/perfectionism\"]",
        "/programme/perfectionism",
    )
    .await;
    let title = text_of(&b, "h1").await;
    assert_eq!(title, "Perfectionism: good enough, on purpose");

    // Week 1 started 17 days ago (the form offers the person's today): that
    // is week 3, in the first phase, also if midnight passes during the test.
    let today = value_of(&b, "form[action=\"/programme/start\"] input[name=on]").await;
    let today = NaiveDate::parse_from_str(&today, "%Y-%m-%d")
        .unwrap_or_else(|e| panic!("the start field offers {today:?}: {e}"));
    let start = today - Days::new(17);
    // A date field's typed format depends on the browser's locale; set its
    // value the way the date picker does.
    let field = b
        .el("form[action=\"/programme/start\"] input[name=on]")
        .await;
    b.driver
        .execute(
            "arguments[0].value = arguments[1]; return 1",
            vec![
                field.to_json().expect("element as an argument"),
                serde_json::json!(start.to_string()),
            ],
        )
        .await
        .expect("set the start date");
    assert_eq!(
        value_of(&b, "form[action=\"/programme/start\"] input[name=on]").await,
        start.to_string()
    );
    b.click_to(
        "form[action=\"/programme/start\"] button[type=submit]",
        "/programme",
    )
    .await;
    let page = b.body_text().await;
    assert!(page.contains("Started."), "no confirmation:\n{page}");
    let standing = text_of(&b, "p.standing").await;
    assert_eq!(
        standing,
        "Week 3 of 34 in Perfectionism: good enough, on purpose: Noticing the pattern."
    );

    // /today: the programme's week and phase, and what is due.
    b.goto(base, "/today").await;
    let plan = text_of(&b, "section[aria-labelledby=plan]").await;
    assert!(plan.contains("Week 3 of 34"), "Today's plan:\n{plan}");
    assert!(
        plan.contains("Noticing the pattern"),
        "Today's plan:\n{plan}"
    );
    assert!(plan.contains("Focus: awareness"), "Today's plan:\n{plan}");
    let due = text_of(&b, "ul.due").await;
    assert!(due.contains("Tonight's check-in"), "due today:\n{due}");
    let checkin = b.el("ul.due a[href=\"/checkin\"]").await;
    assert!(checkin.is_displayed().await.expect("visible"));

    // /reviews: the reflection form, saved and still there after a reload.
    b.goto(base, "/reviews").await;
    let saved = text_of(&b, "section[aria-labelledby=saved-h]").await;
    assert!(saved.contains("No reviews saved yet"), "{saved}");
    b.fill("#rv-break", BREAKTHROUGH).await;
    b.fill("#rv-setback", SETBACK).await;
    b.fill("#rv-celebrate", CELEBRATE).await;
    b.click_to("form[action=\"/reviews\"] button[type=submit]", "/reviews")
        .await;
    let page = b.body_text().await;
    assert!(
        page.contains("Saved your review"),
        "no confirmation:\n{page}"
    );
    b.driver.refresh().await.expect("reload");
    b.goto(base, "/reviews").await;
    let listed = text_of(&b, "ul.reviews").await;
    assert!(
        listed.contains(&format!("celebrate: {CELEBRATE}")),
        "saved reviews:\n{listed}"
    );
    assert!(
        listed.contains("1 breakthrough(s), 1 setback(s)"),
        "{listed}"
    );
    assert_eq!(value_of(&b, "#rv-break").await, BREAKTHROUGH);
    assert_eq!(value_of(&b, "#rv-setback").await, SETBACK);
    assert_eq!(value_of(&b, "#rv-celebrate").await, CELEBRATE);

    // /evidence: a piece of praise, put down to the person's own ability.
    b.goto(base, "/evidence").await;
    b.el("input[name=kind][value=praise]")
        .await
        .click()
        .await
        .expect("choose praise");
    b.fill("#evidence-text", EVIDENCE).await;
    b.fill("#evidence-source", "Sam").await;
    b.el("input[name=attribution][value=ability]")
        .await
        .click()
        .await
        .expect("choose ability");
    b.click_to(
        "form[action=\"/evidence\"] button[type=submit]",
        "/evidence",
    )
    .await;
    let entries = text_of(&b, "ul.evidence").await;
    assert!(entries.contains(EVIDENCE), "evidence list:\n{entries}");
    assert!(entries.contains("praise"), "{entries}");
    assert!(entries.contains("put down to ability"), "{entries}");
    let summary = text_of(&b, "table.evidence-summary").await;
    assert!(summary.contains("100%"), "own share:\n{summary}");

    // /progress: the report form downloads the printable report.
    b.goto(base, "/progress").await;
    let form = text_of(&b, "section[aria-labelledby=report-h]").await;
    assert!(form.contains("Printable report"), "{form}");
    b.choose("#report-format", "html").await;
    b.el("form[action=\"/report\"] button[type=submit]")
        .await
        .click()
        .await
        .expect("ask for the report");
    let file = b.downloaded(".html").await;
    let html = std::fs::read_to_string(&file).expect("read the report");
    assert!(html.contains("<svg"), "the report has inline charts");

    // Open the downloaded document the way the person would.
    b.driver
        .goto(format!("file://{}", file.display()))
        .await
        .expect("open the report");
    let outcomes = b
        .driver
        .find_all(By::Css("section.outcome"))
        .await
        .expect("outcome sections");
    let mut ids = Vec::new();
    for s in &outcomes {
        ids.push(s.id().await.expect("id").unwrap_or_default());
        let heading = s.find(By::Css("h2")).await.expect("outcome heading");
        assert!(!heading.text().await.expect("heading").is_empty());
    }
    assert_eq!(
        ids,
        ["overwork", "boundaries", "imperfection", "happiness"],
        "the four outcomes"
    );
    let charts = b
        .number("return document.querySelectorAll('svg').length")
        .await;
    assert!(charts >= 1.0, "inline svg charts: {charts}");
    let chart = b.el("svg").await;
    let w = chart.rect().await.expect("chart size").width;
    assert!(w > 100.0, "a chart is drawn ({w} px wide)");
    let loads = b
        .number("return document.querySelectorAll('script, img, link[href], iframe').length")
        .await;
    assert_eq!(loads, 0.0, "the report loads nothing from anywhere");
    // The evidence counts in the attribution table: one entry, all of it
    // put down to the person's own ability.
    let evidence = text_of(&b, "section#evidence table").await;
    assert!(
        evidence.contains("100%"),
        "evidence in the report:\n{evidence}"
    );
    let timeline = text_of(&b, "section#timeline").await;
    assert!(
        timeline.contains(BREAKTHROUGH),
        "the breakthrough is on the report's timeline:\n{timeline}"
    );

    b.quit().await;
}
