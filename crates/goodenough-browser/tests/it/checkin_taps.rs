//! The evening check-in on a 390 × 844 phone, by taps: a mood step, an
//! energy step, three area chips and three typed texts. Every step of the
//! two scales is a tap target of at least 44 × 44 px, and the page is no
//! wider than the screen.

use crate::support;

use goodenough_web::testing::TestServer;
use serde_json::Value;

const EMAIL: &str = "robin@example.org";
const PW: &str = "a long enough passphrase";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkin_by_taps_on_a_phone() {
    // In --headless=new the page area is 143 px shorter than the window.
    let Some(b) = support::start("checkin_by_taps_on_a_phone", 390, 987).await else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.as_str();
    b.set_up(base, "Robin", EMAIL, PW).await;

    b.goto(base, "/checkin").await;
    let inner = b.number("return window.innerWidth").await;
    assert!((inner - 390.0).abs() < 1.0, "viewport is {inner} px wide");
    let scroll = b
        .number("return document.documentElement.scrollWidth")
        .await;
    assert!(
        scroll <= inner,
        "the check-in page scrolls sideways: {scroll} px"
    );

    // Every step of both scales: at least 44 × 44 CSS px.
    let sizes = b
        .driver
        .execute(
            "return Array.from(document.querySelectorAll('fieldset.scale .step label'))
               .map(l => { const r = l.getBoundingClientRect();
                           return [l.htmlFor, r.width, r.height, r.right]; });",
            Vec::new(),
        )
        .await
        .expect("step sizes");
    let sizes: Vec<Value> = sizes.json().as_array().expect("a list").clone();
    assert_eq!(sizes.len(), 22, "eleven steps each for mood and energy");
    for s in &sizes {
        let (w, h, right) = (
            s[1].as_f64().unwrap_or(0.0),
            s[2].as_f64().unwrap_or(0.0),
            s[3].as_f64().unwrap_or(f64::MAX),
        );
        assert!(w >= 44.0 && h >= 44.0, "{} is {w} × {h} px", s[0]);
        assert!(
            right <= inner,
            "{} reaches past the screen ({right} px)",
            s[0]
        );
    }
    // Nothing is chosen yet.
    let chosen = b
        .number("return document.querySelectorAll('input[type=radio]:checked').length")
        .await;
    assert!(
        chosen == 0.0,
        "{chosen} radio buttons chosen on a new check-in"
    );

    b.tap("label[for=\"mood-6\"]").await;
    b.tap("label[for=\"energy-4\"]").await;
    b.fill("#text1", "asked for help early").await;
    b.tap("label[for=\"area1-work\"]").await;
    b.fill("#text2", "cooked a proper dinner").await;
    b.tap("label[for=\"area2-health\"]").await;
    b.fill("#text3", "laughed with Sam").await;
    b.tap("label[for=\"area3-relationships\"]").await;
    let mood = b
        .driver
        .execute(
            "return document.querySelector('input[name=mood]:checked').value",
            Vec::new(),
        )
        .await
        .expect("mood");
    assert_eq!(mood.json(), &Value::String("6".into()));
    b.centred("main form button[type=submit]").await;
    b.click_to("main form button[type=submit]", "/checkin")
        .await;

    let page = b.body_text().await;
    assert!(page.contains("Check-in saved"), "{page}");
    for text in [
        "6 of 10",
        "4 of 10",
        "asked for help early",
        "cooked a proper dinner",
        "laughed with Sam",
        "Every check-in counts.",
    ] {
        assert!(
            page.contains(text),
            "the saved screen lacks {text:?}:\n{page}"
        );
    }
    let scroll = b
        .number("return document.documentElement.scrollWidth")
        .await;
    assert!(
        scroll <= inner,
        "the saved screen scrolls sideways: {scroll} px"
    );
    b.quit().await;
}
