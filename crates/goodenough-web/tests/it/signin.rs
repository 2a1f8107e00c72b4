//! Sign-in, hardened: a TOTP code signs in once (a replay within its 30
//! seconds is refused, from the same browser or another one); ten one-time
//! recovery codes (shown once, stored hashed, each used once, replaced by a
//! fresh set) on the Security page and through the API.

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

/// The recovery codes shown on a page (each in the list of new codes).
fn codes_on(page: &str) -> Vec<String> {
    let marker = "<li><code class=\"token\">";
    page.match_indices(marker)
        .filter_map(|(i, _)| page[i + marker.len()..].split('<').next())
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_and_new_codes_replace_the_old() {
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    let mut owner = signed_in(&srv, EMAIL, PW).await;
    let (_, page) = turn_on_two_step(&srv, &mut owner).await;

    // Ten codes, shown once when two-step sign-in is turned on.
    let codes = codes_on(&page.body);
    assert_eq!(codes.len(), 10, "{}", page.body);
    let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
    assert_eq!(distinct.len(), 10);
    assert!(codes
        .iter()
        .all(|c| c.len() == 19 && c.matches('-').count() == 3));
    assert!(page.body.contains("shown only this once"));
    let p = owner.get("/settings/security").await;
    assert!(codes_on(&p.body).is_empty(), "never shown again");
    assert!(
        p.body.contains("You have 10 of 10 recovery codes left."),
        "{}",
        p.body
    );
    // Only hashes are stored.
    let person = goodenough_web::testing::person_of(&srv, EMAIL).await;
    let stored = srv
        .state
        .store
        .recovery_codes(&person)
        .await
        .expect("codes");
    assert_eq!(stored.len(), 10);
    assert!(stored.iter().all(|s| s.code_hash.len() == 64));
    assert!(stored.iter().all(|s| !codes.contains(&s.code_hash)));

    // A code signs in in place of the app's code; typing is forgiving.
    let mut b = at_code_step(&srv).await;
    let typed = format!(" {} ", codes[0].to_uppercase().replace('-', " "));
    let p = b.post_form("/login/totp", &[("code", &typed)]).await;
    assert_eq!(p.path(), "/settings/security", "{}", p.body);
    assert!(
        p.body.contains("signed in with a recovery code"),
        "{}",
        p.body
    );
    assert!(
        p.body.contains("You have 9 of 10 recovery codes left."),
        "{}",
        p.body
    );
    assert_eq!(b.get("/today").await.path(), "/today");

    // Used once, it is refused with a sentence; so is a made-up one.
    let mut c = at_code_step(&srv).await;
    let p = c.post_form("/login/totp", &[("code", &codes[0])]).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(
        p.body.contains("That recovery code was used already"),
        "{}",
        p.body
    );
    let p = c
        .post_form("/login/totp", &[("code", "abcd-efgh-jkmn-pqrs")])
        .await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(
        p.body.contains("That is not one of your recovery codes"),
        "{}",
        p.body
    );
    assert_eq!(c.get("/today").await.path(), "/login");

    // When few are left the page says so kindly and offers new ones.
    for code in &codes[1..7] {
        let mut d = at_code_step(&srv).await;
        let p = d.post_form("/login/totp", &[("code", code)]).await;
        assert_eq!(p.path(), "/settings/security", "{}", p.body);
    }
    let p = owner.get("/settings/security").await;
    assert!(
        p.body
            .contains("You have 3 of 10 recovery codes left. Making a fresh set now"),
        "{}",
        p.body
    );

    // New codes replace every old one, used or not.
    let p = owner.post_form("/settings/recovery-codes", &[]).await;
    let fresh = codes_on(&p.body);
    assert_eq!(fresh.len(), 10, "{}", p.body);
    assert!(fresh.iter().all(|f| !codes.contains(f)));
    let mut e = at_code_step(&srv).await;
    let p = e.post_form("/login/totp", &[("code", &codes[8])]).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED, "an old unused code");
    assert!(
        p.body.contains("That is not one of your recovery codes"),
        "{}",
        p.body
    );
    let p = e.post_form("/login/totp", &[("code", &fresh[0])]).await;
    assert_eq!(p.path(), "/settings/security", "{}", p.body);
    assert!(p.body.contains("You have 9 of 10"), "{}", p.body);

    // Turning two-step sign-in off drops them.
    let p = owner
        .post_form("/settings/totp/disable", &[("password", PW)])
        .await;
    assert!(p.body.contains("Two-step sign-in is off"), "{}", p.body);
    assert!(srv
        .state
        .store
        .recovery_codes(&person)
        .await
        .expect("codes")
        .is_empty());
    let p = owner.post_form("/settings/recovery-codes", &[]).await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(
        p.body.contains("Recovery codes go with two-step sign-in"),
        "{}",
        p.body
    );
}

#[tokio::test]
async fn the_api_counts_and_replaces_recovery_codes() {
    use goodenough_web::testing::{api, api_get, error_of};
    use reqwest::Method;
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    let mut owner = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;

    // Off: nothing left, and none can be made.
    let (s, v) = api_get(&srv, &token, "/api/v1/account/recovery-codes").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        v,
        serde_json::json!({"two_step": false, "left": 0, "total": 10})
    );
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/account/recovery-codes",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(
        error_of(&v).contains("Turn it on under Settings, Security"),
        "{v}"
    );

    let (_, page) = turn_on_two_step(&srv, &mut owner).await;
    let old = codes_on(&page.body);
    let (s, v) = api_get(&srv, &token, "/api/v1/account/recovery-codes").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        v,
        serde_json::json!({"two_step": true, "left": 10, "total": 10})
    );

    // A fresh set: ten new codes, shown once; the old ones stop working.
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/account/recovery-codes",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let fresh: Vec<String> = v["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect();
    assert_eq!(fresh.len(), 10);
    assert!(fresh.iter().all(|f| !old.contains(f)));
    let mut b = at_code_step(&srv).await;
    let p = b.post_form("/login/totp", &[("code", &old[0])]).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    let p = b.post_form("/login/totp", &[("code", &fresh[0])]).await;
    assert_eq!(p.path(), "/settings/security", "{}", p.body);
    let (_, v) = api_get(&srv, &token, "/api/v1/account/recovery-codes").await;
    assert_eq!(v["left"], 9);

    // Without credentials: 401.
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/account/recovery-codes", srv.base))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
