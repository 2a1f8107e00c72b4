//! Sign-in, hardened: a TOTP code signs in once (a replay within its 30
//! seconds is refused, from the same browser or another one).

use chrono::Duration;
use goodenough_web::pages::security::totp_code;
use goodenough_web::testing::{signed_in, turn_on_two_step, TestClient, TestServer};
use reqwest::StatusCode;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

/// A fresh browser that has given the password and waits at the code step.
async fn at_code_step(srv: &TestServer) -> TestClient {
    let mut c = srv.client();
    let p = c.login(EMAIL, PW).await;
    assert_eq!(p.path(), "/login/totp", "{}", p.body);
    c
}

#[tokio::test]
async fn a_totp_code_signs_in_once() {
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    let mut owner = signed_in(&srv, EMAIL, PW).await;
    let (secret, _) = turn_on_two_step(&srv, &mut owner).await;

    // The code that turned two-step sign-in on cannot sign in.
    let mut a = at_code_step(&srv).await;
    let enabling = totp_code(&secret, srv.state.clock.now()).expect("code");
    let p = a.post_form("/login/totp", &[("code", &enabling)]).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(p.body.contains("already used"), "{}", p.body);
    assert_eq!(a.get("/today").await.path(), "/login");

    // The next code signs in…
    srv.state.clock.advance(Duration::seconds(30));
    let code = totp_code(&secret, srv.state.clock.now()).expect("code");
    let p = a.post_form("/login/totp", &[("code", &code)]).await;
    assert_eq!(p.path(), "/today", "{}", p.body);

    // …and, replayed within its window from another browser, is refused
    // with a sentence that says what to do.
    let mut b = at_code_step(&srv).await;
    srv.state.clock.advance(Duration::seconds(10));
    let p = b.post_form("/login/totp", &[("code", &code)]).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(
        p.body.contains("That code was already used")
            && p.body.contains("wait for your app to show the next code"),
        "{}",
        p.body
    );
    assert_eq!(b.get("/today").await.path(), "/login");
    // An older code that is still inside the drift window is refused too.
    srv.state.clock.advance(Duration::seconds(20));
    let p = b.post_form("/login/totp", &[("code", &code)]).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(p.body.contains("already used"), "{}", p.body);

    // The following code works for the second browser.
    let next = totp_code(&secret, srv.state.clock.now()).expect("code");
    assert_ne!(next, code);
    let p = b.post_form("/login/totp", &[("code", &next)]).await;
    assert_eq!(p.path(), "/today", "{}", p.body);
}
