//! Two-step sign-in in Chromium on a phone-sized screen: turning it on shows
//! ten recovery codes once; a person without their app signs in with one
//! (the code step's "use a recovery code", which works without JavaScript),
//! lands on the Security page that counts what is left, and the same code
//! is refused the second time.

use crate::support;

use goodenough_web::pages::security::totp_code;
use goodenough_web::testing::TestServer;
use thirtyfour::prelude::*;

const EMAIL: &str = "kai@example.org";
const PW: &str = "a long enough passphrase";

/// Signs in with the password from a fresh cookie jar; ends at the code step.
async fn password_step(b: &support::Browser, base: &str) {
    b.driver.delete_all_cookies().await.expect("sign out");
    b.goto(base, "/login").await;
    b.fill("#email", EMAIL).await;
    b.fill("#password", PW).await;
    b.click_to("main form button[type=submit]", "/login/totp")
        .await;
}

/// The page is no wider than the phone.
async fn fits(b: &support::Browser, what: &str) {
    let scroll = b
        .number("return document.documentElement.scrollWidth")
        .await;
    let inner = b.number("return window.innerWidth").await;
    assert!(
        scroll <= inner,
        "{what} scrolls sideways: {scroll} > {inner}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovery_code_signs_in_once_in_chromium() {
    // 390×987 gives a 390×844 phone in --headless=new.
    let Some(b) = support::start("a_recovery_code_signs_in_once_in_chromium", 390, 987).await
    else {
        return;
    };
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    let base = srv.base.as_str();
    b.set_up(base, "Kai", EMAIL, PW).await;

    // Turn two-step sign-in on with the app's code.
    b.goto(base, "/settings/security").await;
    b.click_to(
        "form[action=\"/settings/totp/start\"] button",
        "/settings/totp/start",
    )
    .await;
    let secret = b
        .el("input[name=secret]")
        .await
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default();
    let code = totp_code(&secret, srv.state.clock.now()).expect("code");
    b.fill("#code", &code).await;
    b.click_to(
        "form[action=\"/settings/totp/confirm\"] button",
        "/settings/totp/confirm",
    )
    .await;
    let shown = b
        .driver
        .find_all(By::Css("ol.recovery-codes code.token"))
        .await
        .expect("codes");
    let mut codes = Vec::new();
    for c in shown {
        codes.push(c.text().await.expect("code text"));
    }
    assert_eq!(codes.len(), 10, "{codes:?}");
    assert!(b.body_text().await.contains("shown only this once"));
    fits(&b, "the page with the new codes").await;

    // Without the app: the code step offers a recovery code.
    password_step(&b, base).await;
    fits(&b, "the code step").await;
    b.tap("details summary").await;
    b.fill("#recovery", &codes[4]).await;
    b.click_to("details form button[type=submit]", "/settings/security")
        .await;
    let text = b.body_text().await;
    assert!(text.contains("signed in with a recovery code"), "{text}");
    assert!(
        text.contains("You have 9 of 10 recovery codes left."),
        "{text}"
    );
    b.goto(base, "/today").await;
    assert_eq!(b.path().await, "/today");

    // The same code again is refused with a sentence; the person stays at
    // the code step, not signed in.
    password_step(&b, base).await;
    b.tap("details summary").await;
    b.fill("#recovery", &codes[4]).await;
    b.click_to("details form button[type=submit]", "/login/totp")
        .await;
    let text = b.body_text().await;
    assert!(
        text.contains("That recovery code was used already"),
        "{text}"
    );
    b.goto(base, "/today").await;
    assert_eq!(b.path().await, "/login");
    b.quit().await;
}
