//! Every page on a phone: with eight weeks of the demo persona's records, a
//! running timebox and two browser sessions, no page of the menu or its
//! sub-menus scrolls sideways in a 390 px wide viewport. Wide tables and
//! long code lines scroll inside their own box instead.

use crate::support;

use goodenough_web::testing::{api_post, person_of, TestServer, MENU_PAGES as PAGES};
use serde_json::json;

const EMAIL: &str = "robin@example.org";
const PW: &str = "a long enough passphrase";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_scrolls_sideways_on_a_phone() {
    // In --headless=new the page area is 143 px shorter than the window:
    // 390×987 gives a 390×844 phone.
    let Some(mut b) = support::start("no_page_scrolls_sideways_on_a_phone", 390, 987).await else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.as_str();
    b.set_up(base, "Robin", EMAIL, PW).await;

    let person = person_of(&srv, EMAIL).await;
    srv.import_demo(&person, 56).await;
    let token = srv.token_for(EMAIL).await;
    let (s, v) = api_post(
        &srv,
        &token,
        "/api/v1/timeboxes",
        &json!({"title": "quarterly report draft for the steering group", "limit": "90m"}),
    )
    .await;
    assert_eq!(s.as_u16(), 201, "{v}");
    // A second session, so the Security page lists two browsers.
    let mut other = srv.client();
    other.login(EMAIL, PW).await;

    let inner = b.number("return window.innerWidth").await;
    assert!((inner - 390.0).abs() < 1.0, "viewport is {inner} px wide");
    let mut wide = Vec::new();
    for path in PAGES {
        // Thirty pages in one browser: should headless Chromium lose its
        // renderer on the way (seen once on a loaded machine, "Unable to
        // receive message from renderer"), start a new one, sign in again
        // and look at the same page; what is measured stays the same.
        if let Err(e) = b.driver.goto(format!("{base}{path}")).await {
            eprintln!("the browser went away at {path} ({e}); starting a new one");
            b = support::start("no_page_scrolls_sideways_on_a_phone", 390, 987)
                .await
                .expect("the browser started before, so it starts again");
            b.goto(base, "/login").await;
            b.fill("#email", EMAIL).await;
            b.fill("#password", PW).await;
            b.click_to("main form button[type=submit]", "/today").await;
            b.goto(base, path).await;
        }
        assert_eq!(b.path().await, *path, "{path} sent elsewhere");
        let scroll = b
            .number("return document.documentElement.scrollWidth")
            .await;
        let inner = b.number("return window.innerWidth").await;
        if scroll > inner {
            wide.push(format!("{path}: {scroll} px"));
        }
    }
    assert!(
        wide.is_empty(),
        "these pages scroll sideways in a {inner} px viewport: {wide:?}"
    );
    b.quit().await;
}
