//! Sign-in, hardened: a TOTP code signs in once (a replay within its 30
//! seconds is refused, from the same browser or another one); ten one-time
//! recovery codes (shown once, stored hashed, each used once, replaced by a
//! fresh set) on the Security page and through the API; sessions listed by
//! device and last use; HSTS only over TLS.

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

const FIREFOX_LINUX: &str =
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const CHROME_ANDROID: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

#[test]
fn a_user_agent_becomes_a_short_device_label() {
    use goodenough_web::auth::device_label;
    let cases = [
        (FIREFOX_LINUX, "Firefox on Linux"),
        (CHROME_ANDROID, "Chrome on Android"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iPhone"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", "Edge on Windows"),
        ("Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1", "Chrome on iPad"),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36", "Chrome on Linux"),
        ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet on Android"),
        ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome on ChromeOS"),
        ("curl/8.5.0", "curl"),
        ("", "A browser"),
        ("SomethingNew/1.0 (Windows NT 10.0)", "A browser on Windows"),
    ];
    for (ua, label) in cases {
        assert_eq!(device_label(ua), label, "{ua}");
    }
}

/// A browser that sends a given User-Agent, signed in.
async fn browser_as(srv: &TestServer, user_agent: &str) -> TestClient {
    let mut c = TestClient {
        http: reqwest::Client::builder()
            .cookie_store(true)
            .user_agent(user_agent)
            .build()
            .expect("client"),
        base: srv.base.clone(),
        csrf: None,
    };
    let p = c.login(EMAIL, PW).await;
    assert_eq!(p.path(), "/today", "{}", p.body);
    c
}

#[tokio::test]
async fn the_session_list_shows_device_and_last_use_and_ends_one() {
    use goodenough_web::testing::{api, api_get, error_of, person_of};
    use reqwest::Method;
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    let start = srv.state.clock.now();
    signed_in(&srv, EMAIL, PW).await;
    let mut laptop = browser_as(&srv, FIREFOX_LINUX).await;
    let mut phone = browser_as(&srv, CHROME_ANDROID).await;
    let person = person_of(&srv, EMAIL).await;

    // The store keeps the label, never the header.
    let rows = srv.state.store.list_sessions(&person).await.expect("list");
    let devices: Vec<_> = rows.iter().filter_map(|r| r.device.clone()).collect();
    assert!(
        devices.contains(&"Firefox on Linux".to_string()),
        "{devices:?}"
    );
    assert!(
        devices.contains(&"Chrome on Android".to_string()),
        "{devices:?}"
    );
    assert!(rows.iter().all(|r| r
        .device
        .as_deref()
        .is_none_or(|d| !d.contains("Mozilla") && !d.contains("Gecko"))));

    // The page names both, marks this one, and says when each was used.
    let p = laptop.get("/settings/security").await;
    assert!(p.body.contains("Firefox on Linux"), "{}", p.body);
    assert!(p.body.contains("Chrome on Android"), "{}", p.body);
    assert!(p.body.contains("(this one)"));
    assert!(
        !p.body.contains("Gecko/20100101"),
        "no raw header on the page"
    );
    assert!(
        p.body.contains("Last used in the last minute or two"),
        "{}",
        p.body
    );

    // Requests within a minute write nothing; a request a minute later
    // notes the use once.
    let phone_seen = |rows: &[goodenough_store::SessionRow]| {
        rows.iter()
            .find(|r| r.device.as_deref() == Some("Chrome on Android"))
            .map(|r| r.last_seen_at)
    };
    srv.state.clock.advance(Duration::seconds(40));
    phone.get("/today").await;
    let rows = srv.state.store.list_sessions(&person).await.expect("list");
    assert_eq!(phone_seen(&rows), Some(start));
    srv.state.clock.advance(Duration::seconds(30));
    phone.get("/today").await;
    let rows = srv.state.store.list_sessions(&person).await.expect("list");
    let noted = start + Duration::seconds(70);
    assert_eq!(phone_seen(&rows), Some(noted));
    srv.state.clock.advance(Duration::seconds(20));
    phone.get("/today").await;
    let rows = srv.state.store.list_sessions(&person).await.expect("list");
    assert_eq!(
        phone_seen(&rows),
        Some(noted),
        "not again within the minute"
    );
    // Most recently used first.
    assert_eq!(rows[0].device.as_deref(), Some("Chrome on Android"));

    // Hours later the page says how long ago.
    srv.state.clock.advance(Duration::hours(3));
    let p = laptop.get("/settings/security").await;
    assert!(p.body.contains("Last used 3 hours ago"), "{}", p.body);

    // The API lists the same, and ends one.
    let token = srv.token_for(EMAIL).await;
    let (s, v) = api_get(&srv, &token, "/api/v1/account/sessions").await;
    assert_eq!(s, StatusCode::OK);
    let list = v.as_array().expect("a list");
    assert_eq!(list.len(), 3, "{v}");
    let phone_entry = list
        .iter()
        .find(|e| e["device"] == "Chrome on Android")
        .expect("the phone");
    assert_eq!(phone_entry["current"], false);
    let phone_id = phone_entry["id"].as_str().expect("id").to_string();

    // Ending the phone's session from the laptop's page signs the phone out.
    let p = laptop
        .post_form("/settings/sessions/end", &[("id", &phone_id)])
        .await;
    assert_eq!(p.path(), "/settings/security");
    assert!(!p.body.contains("Chrome on Android"), "{}", p.body);
    assert_eq!(phone.get("/today").await.path(), "/login");

    // Through the API: the laptop's ends; ending it again is a 404 sentence.
    let laptop_id = srv
        .state
        .store
        .list_sessions(&person)
        .await
        .expect("list")
        .into_iter()
        .find(|r| r.device.as_deref() == Some("Firefox on Linux"))
        .expect("laptop")
        .token_hash;
    let path = format!("/api/v1/account/sessions/{laptop_id}");
    let res = reqwest::Client::new()
        .delete(format!("{}{path}", srv.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(laptop.get("/today").await.path(), "/login");
    let (s, v) = api(&srv, &token, Method::DELETE, &path, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_of(&v).contains("no session of yours"), "{v}");
}

#[tokio::test]
async fn nobody_can_end_another_persons_session_through_the_api() {
    use goodenough_web::testing::{api, person_of};
    use reqwest::Method;
    let srv = TestServer::start().await;
    signed_in(&srv, EMAIL, PW).await;
    srv.add_account("sam@example.org", PW).await;
    let person = person_of(&srv, EMAIL).await;
    let sam_token = srv.token_for("sam@example.org").await;
    let alex_session = srv
        .state
        .store
        .list_sessions(&person)
        .await
        .expect("list")
        .remove(0)
        .token_hash;
    let (s, _) = api(
        &srv,
        &sam_token,
        Method::DELETE,
        &format!("/api/v1/account/sessions/{alex_session}"),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(
        srv.state
            .store
            .list_sessions(&person)
            .await
            .expect("list")
            .len(),
        1,
        "Alex's session is still there"
    );
}

/// `Strict-Transport-Security` of an answer to a GET with these headers.
async fn hsts_of(srv: &TestServer, path: &str, headers: &[(&str, &str)]) -> Option<String> {
    let mut req = reqwest::Client::new().get(format!("{}{path}", srv.base));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.expect("request");
    res.headers()
        .get("strict-transport-security")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[tokio::test]
async fn hsts_only_when_the_request_came_over_tls() {
    use goodenough_web::WebConfig;
    let https = [("x-forwarded-proto", "https")];
    let http = [("x-forwarded-proto", "http")];

    // Plain HTTP, no proxy trusted: never, whatever a client claims.
    let plain = TestServer::start().await;
    for path in ["/login", "/healthz", "/assets/app.css", "/api/v1/checkins"] {
        assert_eq!(hsts_of(&plain, path, &[]).await, None, "{path}");
        assert_eq!(
            hsts_of(&plain, path, &https).await,
            None,
            "{path}: untrusted header"
        );
    }

    // Behind a TLS proxy (`--behind-proxy`): when the proxy says https, on
    // every answer; when it says http, not.
    let proxied = TestServer::start_with(WebConfig {
        behind_proxy: true,
        ..WebConfig::default()
    })
    .await;
    for path in [
        "/login",
        "/healthz",
        "/assets/app.css",
        "/api/v1/checkins",
        "/nowhere",
    ] {
        assert_eq!(
            hsts_of(&proxied, path, &https).await.as_deref(),
            Some("max-age=31536000"),
            "{path}"
        );
        assert_eq!(hsts_of(&proxied, path, &http).await, None, "{path}");
        assert_eq!(hsts_of(&proxied, path, &[]).await, None, "{path}");
    }

    // The server's own TLS: always.
    let tls = TestServer::start_with(WebConfig {
        tls: true,
        ..WebConfig::default()
    })
    .await;
    assert_eq!(
        hsts_of(&tls, "/login", &[]).await.as_deref(),
        Some("max-age=31536000")
    );
}
