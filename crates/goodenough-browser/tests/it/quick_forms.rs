//! Quick entry on a 390 × 844 phone: the thought record's emotions ticked
//! from a list with intensity sliders, its thinking traps as chips with the
//! matched words and the original thought in view while reframing; and a
//! questionnaire one item per screen ("2 of 5", Back and Next, tap targets of
//! at least 44 × 44 px) whose answers survive a reload and are sent once.
//!
//! With `GOODENOUGH_SCREENSHOT_DIR` set, the pages are also saved as PNGs at
//! 390 and 1280 px, light and dark (`quick-*.png`), for people to look at.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::support;

use base64::Engine as _;

use goodenough_web::testing::{api_get, TestServer};
use serde_json::{json, Value};

const EMAIL: &str = "robin@example.org";
const PW: &str = "a long enough passphrase";

async fn script(b: &support::Browser, js: &str) -> Value {
    b.driver
        .execute(js, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("script {js:?}: {e}"))
        .json()
        .clone()
}

/// Saves the current page at both sizes and in both themes, when asked to.
pub(crate) async fn shots(b: &support::Browser, name: &str) {
    let Some(dir) = std::env::var_os("GOODENOUGH_SCREENSHOT_DIR").map(PathBuf::from) else {
        return;
    };
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let cdp = b.driver.cdp();
    for (size, w, h) in [("phone", 390, 844), ("desktop", 1280, 800)] {
        for theme in ["light", "dark"] {
            cdp.send_raw(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": w, "height": h, "deviceScaleFactor": 1, "mobile": w < 600}),
            )
            .await
            .expect("viewport");
            cdp.send_raw(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": theme}]}),
            )
            .await
            .expect("theme");
            // The whole page: a viewport as tall as the page.
            let tall = b
                .number("return document.documentElement.scrollHeight")
                .await;
            cdp.send_raw(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": w, "height": (tall as u32).max(h), "deviceScaleFactor": 1, "mobile": w < 600}),
            )
            .await
            .expect("a tall viewport");
            tokio::time::sleep(Duration::from_millis(300)).await;
            let shot = cdp
                .send_raw("Page.captureScreenshot", json!({"format": "png"}))
                .await
                .expect("a screenshot");
            let png = base64::engine::general_purpose::STANDARD
                .decode(shot["data"].as_str().expect("image data"))
                .expect("base64");
            std::fs::write(dir.join(format!("quick-{name}-{size}-{theme}.png")), png)
                .expect("write png");
        }
    }
    cdp.send_raw("Emulation.clearDeviceMetricsOverride", json!({}))
        .await
        .expect("viewport back");
    cdp.send_raw("Emulation.setEmulatedMedia", json!({"features": []}))
        .await
        .expect("theme back");
}

/// The current page in the four looks (390 and 1280 px, light and dark):
/// no wider than the screen and no serious or critical axe-core finding
/// (when `GOODENOUGH_AXE_JS` names axe-core, as `.ci/run` does; the
/// every-page test reports when it does not). Back to the phone after.
pub(crate) async fn looks_fine(b: &support::Browser, at: &str) {
    let Ok(source) =
        std::fs::read_to_string(std::env::var("GOODENOUGH_AXE_JS").unwrap_or_default())
    else {
        return;
    };
    let mut problems = Vec::new();
    crate::every_page::check_looks(b, &source, at, &mut problems).await;
    assert!(problems.is_empty(), "{problems:#?}");
    let cdp = b.driver.cdp();
    cdp.send_raw("Emulation.clearDeviceMetricsOverride", json!({}))
        .await
        .expect("viewport back");
    cdp.send_raw("Emulation.setEmulatedMedia", json!({"features": []}))
        .await
        .expect("theme back");
}

async fn sign_up(b: &support::Browser, base: &str) {
    b.set_up(base, "Robin", EMAIL, PW).await;
}

async fn no_sideways_scroll(b: &support::Browser, what: &str) {
    let wide = b
        .number("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    assert!(wide <= 0.0, "{what} is {wide} px wider than the screen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thought_record_by_ticks_sliders_and_trap_chips_on_a_phone() {
    let Some(b) = support::start("thought_record_on_a_phone", 390, 987).await else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.as_str();
    sign_up(&b, base).await;
    let token = srv.token_for(EMAIL).await;

    b.goto(base, "/thoughts/new").await;
    no_sideways_scroll(&b, "step 1").await;
    shots(&b, "thought-step1").await;
    looks_fine(&b, "thought record, step 1").await;
    b.fill("#situation", "The release slipped a day").await;
    b.fill("#thought", "I always let the team down").await;
    b.fill("#belief", "80").await;
    b.tap("label[for=\"emotion-anxious\"]").await;
    // Moving a slider shows its number and ticks its emotion.
    let slider = b.centred("#intensity-disappointed").await;
    for _ in 0..4 {
        slider
            .send_keys(thirtyfour::Key::Right + "")
            .await
            .expect("arrow key");
    }
    let state = script(
        &b,
        "return [document.querySelector('#intensity-disappointed').value,
                 document.querySelector('output[for=intensity-disappointed]').textContent,
                 document.querySelector('#emotion-disappointed').checked]",
    )
    .await;
    assert_eq!(state, json!(["70", "70", true]));
    b.click_to("main form button[type=submit]", "/thoughts/new")
        .await;

    // Step 2: the suggested trap is a chip with the words that matched.
    let chip = script(
        &b,
        "const c = document.querySelector('fieldset.trap-chips .chip.suggested label');
         const r = c.getBoundingClientRect();
         return [c.textContent, r.width, r.height];",
    )
    .await;
    let text = chip[0].as_str().unwrap_or_default();
    assert!(text.contains("always"), "{chip}");
    assert!(chip[2].as_f64().unwrap_or(0.0) >= 44.0, "{chip}");
    no_sideways_scroll(&b, "step 2").await;
    let first = script(
        &b,
        "return document.querySelector('fieldset.trap-chips .chip.suggested input').id",
    )
    .await;
    let first = first.as_str().expect("chip id").to_string();
    b.tap(&format!("label[for=\"{first}\"]")).await;
    b.fill("#reframe", "One late release is one day, not always.")
        .await;
    // While writing the reframe (the field in the middle of the screen,
    // the page scrolled down), the original thought is on the screen.
    b.centred("#belief_after").await;
    let seen = script(
        &b,
        "const p = document.querySelector('p.original-again').getBoundingClientRect();
         const h = document.querySelector('header.site-header').getBoundingClientRect();
         return [p.top >= h.bottom - 1, p.bottom <= window.innerHeight, window.scrollY > 0];",
    )
    .await;
    assert_eq!(
        seen,
        json!([true, true, true]),
        "the original thought is out of view"
    );
    if let Some(dir) = std::env::var_os("GOODENOUGH_SCREENSHOT_DIR").map(PathBuf::from) {
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        let png = b.driver.screenshot_as_png().await.expect("screenshot");
        std::fs::write(dir.join("quick-thought-reframing-phone-light.png"), png)
            .expect("write png");
    }
    shots(&b, "thought-step2").await;
    looks_fine(&b, "thought record, step 2").await;
    b.fill("#belief_after", "40").await;
    b.click_to("main form button[value=save]", "/thoughts/")
        .await;

    let (status, list) = api_get(&srv, &token, "/api/v1/thoughts").await;
    assert!(status.is_success(), "{status}");
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(
        list[0]["emotions"],
        json!([{"name": "anxious", "intensity": 50}, {"name": "disappointed", "intensity": 70}])
    );
    assert_eq!(list[0]["traps"], json!([first.trim_start_matches("trap-")]));
    b.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_questionnaire_one_item_per_screen_keeps_answers_over_a_reload() {
    let Some(b) = support::start("questionnaire_on_a_phone", 390, 987).await else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.as_str();
    sign_up(&b, base).await;
    let token = srv.token_for(EMAIL).await;

    b.goto(base, "/assessments/who-5").await;
    let progress = || async {
        script(
            &b,
            "return [document.querySelector('form.questionnaire p.progress').textContent,
                     Array.from(document.querySelectorAll('fieldset.item')).filter(f => !f.hidden).length,
                     document.querySelector('form.questionnaire button[type=submit]').hidden]",
        )
        .await
    };
    assert_eq!(progress().await, json!(["1 of 5", 1, true]));
    // Every answer is a tap target of at least 44 × 44 px.
    let small = script(
        &b,
        "return Array.from(document.querySelectorAll('fieldset.item:not([hidden]) label.option'))
           .map(l => l.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44).length",
    )
    .await;
    assert_eq!(small, json!(0));
    no_sideways_scroll(&b, "the questionnaire").await;
    shots(&b, "questionnaire").await;
    looks_fine(&b, "a questionnaire, one item at a time").await;

    // Two answers by taps, then a reload: both kept, on item 3.
    b.tap("fieldset.item:not([hidden]) label.option:nth-child(4)")
        .await;
    b.tap("button.next-item").await;
    assert_eq!(progress().await[0], json!("2 of 5"));
    b.tap("fieldset.item:not([hidden]) label.option:nth-child(3)")
        .await;
    b.tap("button.next-item").await;
    b.driver.refresh().await.expect("reload");
    let deadline = Instant::now() + Duration::from_secs(20);
    while script(
        &b,
        "return document.querySelector('form.questionnaire p.progress') !== null",
    )
    .await
        != json!(true)
    {
        assert!(Instant::now() < deadline, "the page did not come back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(progress().await[0], json!("3 of 5"));
    let kept = script(
        &b,
        "return Array.from(document.querySelectorAll('input[type=radio]:checked')).map(r => r.value)",
    )
    .await;
    assert_eq!(kept, json!(["3", "2"]));

    // Back shows item 2 with its answer; Save appears on the last item.
    b.tap("button.prev-item").await;
    assert_eq!(progress().await[0], json!("2 of 5"));
    b.tap("button.next-item").await;
    for _ in 3..=5 {
        b.tap("fieldset.item:not([hidden]) label.option:nth-child(5)")
            .await;
        if progress().await[0] != json!("5 of 5") {
            b.tap("button.next-item").await;
        }
    }
    assert_eq!(progress().await, json!(["5 of 5", 1, false]));
    b.click_to(
        "form.questionnaire button[type=submit]",
        "/assessments/who-5",
    )
    .await;
    let page = b.body_text().await;
    assert!(page.contains("Saved."), "{page}");
    let left = script(&b, "return sessionStorage.length").await;
    assert_eq!(left, json!(0), "the answers are cleared once sent");

    let (status, list) = api_get(&srv, &token, "/api/v1/assessments").await;
    assert!(status.is_success(), "{status}: {list}");
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), 1, "{list:?}");
    let answers: Vec<i64> = list[0]["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .filter_map(|a| a["value"].as_i64())
        .collect();
    assert_eq!(answers, [3, 2, 4, 4, 4]);
    b.quit().await;
}
