//! The web app in a real browser: headless Chromium through chromedriver,
//! against the real server on 127.0.0.1:0 with a temporary store.

use crate::support;

use goodenough_core::{Appreciation, CheckIn, LifeArea};
use goodenough_web::testing::TestServer;

const EMAIL: &str = "robin@example.org";
const PW: &str = "a long enough passphrase";

/// Setup → sign out → sign in → check-in → Today → thought record with a
/// suggested trap → progress chart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_evening_story() {
    let Some(b) = support::start("first_evening_story", 1280, 900).await else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.as_str();

    // First visit: the setup page creates the first account.
    b.goto(base, "/").await;
    assert_eq!(b.path().await, "/setup");
    b.fill("#name", "Robin").await;
    b.fill("#email", EMAIL).await;
    b.fill("#password", PW).await;
    b.click_to("main form button[type=submit]", "/today").await;

    // Sign out, then in again.
    b.click_to("form[action=\"/logout\"] button", "/").await;
    b.goto(base, "/today").await;
    assert_eq!(b.path().await, "/login", "signed-out pages lead to sign-in");
    b.fill("#email", EMAIL).await;
    b.fill("#password", PW).await;
    b.click_to("main form button[type=submit]", "/today").await;

    // The evening check-in.
    b.goto(base, "/checkin").await;
    b.tap("label[for=\"mood-7\"]").await;
    b.tap("label[for=\"energy-5\"]").await;
    b.fill("#text1", "finished the draft without polishing it forever")
        .await;
    b.tap("label[for=\"area1-work\"]").await;
    b.fill("#text2", "listened to Sam properly").await;
    b.tap("label[for=\"area2-relationships\"]").await;
    b.fill("#text3", "went to bed on time").await;
    b.tap("label[for=\"area3-rest\"]").await;
    // Saved: back on the check-in page with a confirmation.
    b.click_to("main form button[type=submit]", "/checkin")
        .await;

    b.goto(base, "/today").await;
    let today = b.body_text().await;
    for text in [
        "finished the draft without polishing it forever",
        "listened to Sam properly",
        "went to bed on time",
    ] {
        assert!(today.contains(text), "Today lacks {text:?}:\n{today}");
    }

    // A thought record: step 1, then the suggested trap with its words.
    b.goto(base, "/thoughts/new").await;
    b.fill("#situation", "The review meeting ran long").await;
    b.fill("#thought", "I always mess everything up").await;
    b.fill("#belief", "80").await;
    b.click_to("main form button[type=submit]", "/thoughts/new")
        .await;
    let marks = b
        .driver
        .find_all(thirtyfour::By::Css("ul.suggestions mark"))
        .await
        .expect("marks");
    let mut words = Vec::new();
    for m in &marks {
        words.push(m.text().await.expect("mark text").to_lowercase());
    }
    assert!(
        words.iter().any(|w| w == "always"),
        "matched words: {words:?}"
    );
    let suggested = b.el("label[for=\"trap-overgeneralisation\"]").await;
    let label = suggested.text().await.expect("label");
    assert!(label.contains("suggested"), "label: {label}");
    let tick = b.el("#trap-overgeneralisation").await;
    assert!(
        !tick.is_selected().await.expect("state"),
        "nothing is ticked for the person"
    );
    // The trap is a chip: a person taps its label, which covers the box.
    b.tap("label[for=\"trap-overgeneralisation\"]").await;
    assert!(
        tick.is_selected().await.expect("state"),
        "tapping the chip ticks the trap"
    );
    b.fill(
        "#reframe",
        "The meeting ran long; I still shipped two things this week.",
    )
    .await;
    b.fill("#belief_after", "35").await;
    let path = b
        .click_to("button[name=action][value=save]", "/thoughts/")
        .await;
    assert_ne!(path, "/thoughts/new", "saved, not still on the form");
    let shown = b.body_text().await;
    assert!(
        shown.contains("I still shipped two things this week"),
        "{shown}"
    );
    assert!(shown.contains("Overgeneralisation"), "{shown}");

    // A few earlier evenings so the charts have a line to draw.
    let person = srv
        .state
        .store
        .first_person()
        .await
        .expect("store")
        .expect("the first account is the first person");
    let today_date = srv.state.clock.now().date_naive();
    // Three weeks back, so at least two weeks that are over hold check-ins
    // whatever weekday today is (the week under way is only drawn dashed).
    for back in 1..=20u64 {
        let date = today_date - chrono::Days::new(back);
        let c = CheckIn::new(
            format!("earlier-{back}"),
            date,
            i64::try_from(3 + back % 5).expect("small"),
            5,
            vec![
                Appreciation {
                    area: LifeArea::Health,
                    text: "walked".into(),
                },
                Appreciation {
                    area: LifeArea::Character,
                    text: "was patient".into(),
                },
                Appreciation {
                    area: LifeArea::Creativity,
                    text: "sketched".into(),
                },
            ],
            None,
        )
        .expect("valid check-in");
        srv.state
            .store
            .put_checkin(&person, &c, false)
            .await
            .expect("seed");
    }

    b.goto(base, "/progress").await;
    b.el("figure svg.chart").await;
    // Each chart comes narrow and wide; the one that fits is shown.
    let w = b
        .number("return Math.max(...[...document.querySelectorAll('figure svg.chart')].map(s => s.getBoundingClientRect().width))")
        .await;
    assert!(w > 100.0, "the chart is drawn ({w} px wide)");
    b.quit().await;
}

/// A phone-sized window (390 px wide viewport): the check-in form and the
/// main pages fit without scrolling sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phone_width_has_no_horizontal_scroll() {
    let Some(b) = support::start("phone_width_has_no_horizontal_scroll", 390, 987).await else {
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
        scroll <= 390.0,
        "the check-in form scrolls sideways: {scroll} px"
    );
    b.quit().await;
}
