//! The real server on 127.0.0.1:0 against a temporary SQLite store, driven
//! like a browser and like an API client.

use goodenough_web::testing::{TestClient, TestServer};
use reqwest::StatusCode;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

fn today(srv: &TestServer) -> String {
    srv.state.clock.now().date_naive().to_string()
}

fn checkin_fields<'a>(date: &'a str, mood: &'a str, text1: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("date", date),
        ("mood", mood),
        ("energy", "6"),
        ("area1", "work"),
        ("text1", text1),
        ("area2", "rest"),
        ("text2", "took a real lunch break"),
        ("area3", "relationships"),
        ("text3", "called my sister"),
        ("note", ""),
    ]
}

async fn signed_in(srv: &TestServer) -> TestClient {
    let mut c = srv.client();
    let p = c.setup(EMAIL, PW).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(p.path(), "/today");
    c
}

#[tokio::test]
async fn setup_login_checkin_shows_on_today() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    let p = c.get("/today").await;
    assert!(p.body.contains("Not yet today"), "{}", p.body);
    // Setup is offered only once.
    assert_eq!(c.get("/setup").await.path(), "/today");

    c.get("/checkin").await;
    let date = today(&srv);
    let p = c
        .post_form("/checkin", &checkin_fields(&date, "7", "shipped the fix"))
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.path().starts_with("/checkin"));
    assert!(p.body.contains("Check-in saved"));
    let p = c.get("/today").await;
    assert!(p.body.contains("Done for today: mood 7"), "{}", p.body);
    assert!(p.body.contains("shipped the fix"));

    // Sign out, sign in again: same records.
    c.logout().await;
    let p = c.login(EMAIL, PW).await;
    assert_eq!(p.path(), "/today");
    assert!(p.body.contains("shipped the fix"));
}

#[tokio::test]
async fn replace_flow_and_all_work_nudge() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    let date = today(&srv);
    c.get("/checkin").await;
    c.post_form("/checkin", &checkin_fields(&date, "5", "first"))
        .await;
    // A second save for the same date without replace: 409, nothing replaced.
    let mut work = checkin_fields(&date, "8", "second");
    work[5] = ("area2", "work");
    work[7] = ("area3", "work");
    let p = c.post_form("/checkin", &work).await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(p.body.contains("already a check-in"));
    assert!(c.get("/today").await.body.contains("first"));
    // The form now carries replace: saving again replaces, and the nudge shows.
    let p = c.get(&format!("/checkin?date={date}")).await;
    assert!(p.body.contains("Saving replaces"));
    work.push(("replace", "1"));
    let p = c.post_form("/checkin", &work).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("A gentle thought"), "{}", p.body);
    let t = c.get("/today").await;
    assert!(t.body.contains("second") && !t.body.contains("first"));
}

#[tokio::test]
async fn crisis_language_shows_help_after_saving() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    let date = today(&srv);
    c.get("/checkin").await;
    let mut f = checkin_fields(&date, "2", "got through the day");
    f[9] = ("note", "some nights I want to kill myself");
    let p = c.post_form("/checkin", &f).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Check-in saved"));
    assert!(p.body.contains("help-heading"), "{}", p.body);
    assert!(p
        .body
        .contains(srv.state.safety.help_message().lines().next().unwrap_or("")));
}

#[tokio::test]
async fn pages_redirect_to_login_and_api_says_401() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv).await;
    let mut anon = srv.client();
    let p = anon.get("/today").await;
    assert_eq!(p.path(), "/login");
    let p = anon.get("/api/v1/checkins").await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(p.json()["error"].as_str().is_some());
    // Health and help need no session.
    assert_eq!(anon.get("/healthz").await.status, StatusCode::OK);
    let p = anon.get("/help-now").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Help now"));
}

#[tokio::test]
async fn csrf_missing_or_wrong_is_refused_and_nothing_changes() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    let date = today(&srv);
    let mut fields = checkin_fields(&date, "7", "sneaky");
    let p = c.post_form_raw("/checkin", &fields).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    fields.push(("csrf", "not-the-token"));
    let p = c.post_form_raw("/checkin", &fields).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    // Cookie-authenticated JSON without the header: refused too.
    let res = c
        .http
        .post(format!("{}/api/v1/checkins", c.base))
        .json(&serde_json::json!({"date": date, "mood": 5, "energy": 5,
            "appreciations": [{"area": "work", "text": "a"}, {"area": "rest", "text": "b"}, {"area": "health", "text": "c"}]}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let p = c.get("/today").await;
    assert!(p.body.contains("Not yet today"));
    assert!(!p.body.contains("sneaky"));
    // With the header it works.
    c.get("/today").await;
    let res = c
        .http
        .post(format!("{}/api/v1/checkins", c.base))
        .header("X-CSRF-Token", c.csrf.clone().unwrap_or_default())
        .json(&serde_json::json!({"date": date, "mood": 5, "energy": 5,
            "appreciations": [{"area": "work", "text": "a"}, {"area": "rest", "text": "b"}, {"area": "health", "text": "c"}]}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn out_of_range_mood_is_explained_and_not_saved() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    let date = today(&srv);
    c.get("/checkin").await;
    let p = c
        .post_form("/checkin", &checkin_fields(&date, "11", "kept"))
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body.contains("mood must be a whole number from 0 to 10"),
        "{}",
        p.body
    );
    // The form keeps what was typed.
    assert!(p.body.contains("value=\"kept\""));
    assert!(c.get("/today").await.body.contains("Not yet today"));
}

#[tokio::test]
async fn html_in_text_is_escaped() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    let date = today(&srv);
    c.get("/checkin").await;
    let evil = "<script>alert(1)</script><b>bold</b>";
    let p = c
        .post_form("/checkin", &checkin_fields(&date, "6", evil))
        .await;
    assert_eq!(p.status, StatusCode::OK);
    for page in [p.body, c.get("/today").await.body] {
        assert!(!page.contains("<script>alert(1)"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"));
    }
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let srv = TestServer::start().await;
    let mut c = srv.client();
    for path in [
        "/login",
        "/healthz",
        "/assets/app.css",
        "/nowhere",
        "/api/v1/checkins",
    ] {
        let p = c.get(path).await;
        let h = &p.headers;
        let csp = h
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(
            h.get("x-content-type-options").map(|v| v.as_bytes()),
            Some(&b"nosniff"[..])
        );
        assert_eq!(
            h.get("referrer-policy").map(|v| v.as_bytes()),
            Some(&b"no-referrer"[..])
        );
        assert!(h.get("cache-control").is_some(), "{path}");
    }
    let p = c.get("/setup").await;
    assert_eq!(
        p.headers.get("cache-control").map(|v| v.as_bytes()),
        Some(&b"no-store"[..])
    );
}

#[tokio::test]
async fn session_cookie_is_hardened_and_dead_after_logout() {
    let srv = TestServer::start().await;
    let mut c = srv.client();
    c.get("/setup").await;
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(format!("{}/setup", srv.base))
        .header(
            "Cookie",
            format!("ge_pre={}", c.csrf.clone().unwrap_or_default()),
        )
        .form(&[
            ("csrf", c.csrf.clone().unwrap_or_default().as_str()),
            ("email", EMAIL),
            ("password", PW),
        ])
        .send()
        .await
        .expect("setup");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(cookie.starts_with("ge_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http on loopback");
    let session = cookie.split(';').next().unwrap_or("").to_string();
    // Only a hash is stored.
    let token = session.trim_start_matches("ge_session=");
    assert!(srv
        .state
        .store
        .session(token)
        .await
        .expect("lookup")
        .is_none());

    let raw = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let ok = raw
        .get(format!("{}/today", srv.base))
        .header("Cookie", &session)
        .send()
        .await
        .expect("get");
    assert_eq!(ok.status(), StatusCode::OK);
    // Sign out with that session, then replay the cookie.
    let page = ok.text().await.expect("body");
    let csrf = goodenough_web::testing::csrf_from(&page).unwrap_or_default();
    let out = raw
        .post(format!("{}/logout", srv.base))
        .header("Cookie", &session)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("logout");
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let replay = raw
        .get(format!("{}/today", srv.base))
        .header("Cookie", &session)
        .send()
        .await
        .expect("get");
    assert_eq!(replay.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        replay.headers().get("location").map(|v| v.as_bytes()),
        Some(&b"/login?next=/today"[..])
    );
}

#[tokio::test]
async fn sessions_expire_when_idle() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    srv.state.clock.advance(chrono::Duration::hours(13));
    assert_eq!(c.get("/today").await.path(), "/login");
}

#[tokio::test]
async fn repeated_wrong_passwords_are_throttled_then_allowed_again() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv).await;
    let mut c = srv.client();
    for _ in 0..5 {
        let p = c.login(EMAIL, "wrong password!").await;
        assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused while throttled.
    let p = c.login(EMAIL, PW).await;
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(p.body.contains("Too many sign-in attempts"));
    srv.state.clock.advance(chrono::Duration::minutes(16));
    let p = c.login(EMAIL, PW).await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(p.path(), "/today");
}

#[tokio::test]
async fn api_checkins_round_trip_and_errors() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv).await;
    let person = srv
        .state
        .store
        .account_by_email(EMAIL)
        .await
        .expect("lookup")
        .expect("account")
        .person_id;
    let token = srv.add_token(&person, "script").await;
    let http = reqwest::Client::new();
    let url = format!("{}/api/v1/checkins", srv.base);
    let body = serde_json::json!({"date": "2026-03-01", "mood": 6, "energy": 4,
        "appreciations": [{"area": "work", "text": "alpha-secret"}, {"area": "rest", "text": "b"}, {"area": "health", "text": "c"}],
        "note": "fine"});
    let res = http
        .post(&url)
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: serde_json::Value = res.json().await.expect("json");
    let id = created["id"].as_str().expect("id").to_string();
    assert_eq!(created["date"], "2026-03-01");
    assert_eq!(created["appreciations"][1]["area"], "rest");

    let list: serde_json::Value = http
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let one = http
        .get(format!("{url}/{id}"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get");
    assert_eq!(one.status(), StatusCode::OK);

    // Out of range: 422 with the sentence, nothing saved.
    let mut bad = body.clone();
    bad["mood"] = serde_json::json!(11);
    bad["date"] = serde_json::json!("2026-03-02");
    let res = http
        .post(&url)
        .bearer_auth(&token)
        .json(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let err: serde_json::Value = res.json().await.expect("json");
    assert!(err["error"].as_str().unwrap_or("").contains("mood must be"));
    // Malformed JSON: 400 with a message.
    let res = http
        .post(&url)
        .bearer_auth(&token)
        .header("Content-Type", "application/json")
        .body("{\"mood\": ")
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let err: serde_json::Value = res.json().await.expect("json");
    assert!(err["error"]
        .as_str()
        .unwrap_or("")
        .contains("not valid JSON"));
    // Oversized: 413 with a message.
    let huge = format!("{{\"note\": \"{}\"}}", "x".repeat(300 * 1024));
    let res = http
        .post(&url)
        .bearer_auth(&token)
        .header("Content-Type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let err: serde_json::Value = res.json().await.expect("json");
    assert!(err["error"]
        .as_str()
        .unwrap_or("")
        .contains("larger than 256 KiB"));
    let list: serde_json::Value = http
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(1));

    // A second person sees none of it: 404 by id, empty list.
    let other = srv.add_account("sam@example.org", PW).await;
    let other_token = srv.add_token(&other, "sam").await;
    let res = http
        .get(format!("{url}/{id}"))
        .bearer_auth(&other_token)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let list: serde_json::Value = http
        .get(&url)
        .bearer_auth(&other_token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(0));
    // Nor on pages, signed in as them.
    let mut sam = srv.client();
    let p = sam.login("sam@example.org", PW).await;
    assert_eq!(p.path(), "/today");
    assert!(!p.body.contains("alpha-secret"));

    // A revoked token stops working.
    let tokens = srv
        .state
        .store
        .list_api_tokens(&person)
        .await
        .expect("list");
    assert!(srv
        .state
        .store
        .revoke_api_token(&person, &tokens[0].id)
        .await
        .expect("revoke"));
    let res = http
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn tokens_page_shows_a_token_once_and_revokes_it() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    c.get("/settings").await;
    let p = c.post_form("/settings/tokens", &[("name", "laptop")]).await;
    assert_eq!(p.status, StatusCode::OK);
    let start = p.body.find("ge_").expect("token shown");
    let token: String = p.body[start..]
        .chars()
        .take_while(|ch| ch.is_ascii_alphanumeric() || *ch == '_' || *ch == '-')
        .collect();
    let http = reqwest::Client::new();
    let url = format!("{}/api/v1/checkins", srv.base);
    assert_eq!(
        http.get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .expect("get")
            .status(),
        StatusCode::OK
    );
    // Not shown again.
    assert!(!c.get("/settings").await.body.contains(&token));
    let person = srv
        .state
        .store
        .account_by_email(EMAIL)
        .await
        .expect("q")
        .expect("a")
        .person_id;
    let id = srv
        .state
        .store
        .list_api_tokens(&person)
        .await
        .expect("list")[0]
        .id
        .clone();
    let p = c.post_form("/settings/tokens/revoke", &[("id", &id)]).await;
    assert!(p.body.contains("Token revoked"));
    assert_eq!(
        http.get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .expect("get")
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn settings_save_and_reject_bad_time_zone() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    c.get("/settings").await;
    let base = [
        ("display_name", "Alex R"),
        ("work_start", "08:30"),
        ("work_end", "17:00"),
        ("work_days", "mon"),
        ("work_days", "tue"),
        ("reminder_time", "20:45"),
    ];
    let mut bad = base.to_vec();
    bad.push(("time_zone", "Mars/Olympus"));
    let p = c.post_form("/settings", &bad).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("is not a time zone name"));
    let mut good = base.to_vec();
    good.push(("time_zone", "Europe/Berlin"));
    let p = c.post_form("/settings", &good).await;
    assert!(p.body.contains("Settings saved"), "{}", p.body);
    assert!(p.body.contains("Europe/Berlin"));
    assert!(c.get("/today").await.body.contains("Hello, Alex R"));
}

#[tokio::test]
async fn sessions_page_ends_other_sessions() {
    let srv = TestServer::start().await;
    let mut a = signed_in(&srv).await;
    let mut b = srv.client();
    assert_eq!(b.login(EMAIL, PW).await.path(), "/today");
    let p = a.get("/settings/security").await;
    assert!(p.body.contains("(this one)"));
    a.post_form("/settings/sessions/end-others", &[]).await;
    assert_eq!(b.get("/today").await.path(), "/login");
    assert_eq!(a.get("/today").await.path(), "/today");
}

#[tokio::test]
async fn totp_enable_then_login_needs_code() {
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    let mut c = signed_in(&srv).await;
    c.get("/settings/security").await;
    let p = c.post_form("/settings/totp/start", &[]).await;
    let marker = "name=\"secret\" value=\"";
    let start = p.body.find(marker).expect("secret field") + marker.len();
    let secret = p.body[start..].split('"').next().unwrap_or("").to_string();
    let now = srv.state.clock.now();
    let code = goodenough_web::pages::security::totp_code(&secret, now).expect("code");
    let p = c
        .post_form(
            "/settings/totp/confirm",
            &[("secret", &secret), ("code", "000000")],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p = c
        .post_form(
            "/settings/totp/confirm",
            &[("secret", &secret), ("code", &code)],
        )
        .await;
    assert!(p.body.contains("Two-step sign-in is on"), "{}", p.body);

    let mut d = srv.client();
    let p = d.login(EMAIL, PW).await;
    assert_eq!(p.path(), "/login/totp");
    // Not signed in yet.
    assert_eq!(d.get("/today").await.path(), "/login");
    let p = d.get("/login/totp").await;
    assert_eq!(p.path(), "/login/totp");
    let p = d.post_form("/login/totp", &[("code", "123456x")]).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    // The code that turned it on is used; the next one signs in.
    srv.state.clock.advance(chrono::Duration::seconds(30));
    let code =
        goodenough_web::pages::security::totp_code(&secret, srv.state.clock.now()).expect("code");
    let p = d.post_form("/login/totp", &[("code", &code)]).await;
    assert_eq!(p.path(), "/today", "{}", p.body);
}

/// The API's list and outcomes are kept between requests while nothing
/// changes; a write through the token, a replacement and a write from the
/// browser all show in the next answer.
#[tokio::test]
async fn api_reads_show_every_write_at_once() {
    use goodenough_web::testing::{api_get, api_post};
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv).await;
    let token = srv.token_for(EMAIL).await;
    let moods = |v: &serde_json::Value| -> Vec<i64> {
        v.as_array()
            .expect("a list")
            .iter()
            .filter_map(|c| c["mood"].as_i64())
            .collect()
    };
    let (s, list) = api_get(&srv, &token, "/api/v1/checkins").await;
    assert_eq!(s, StatusCode::OK);
    assert!(moods(&list).is_empty());
    let (_, outcomes) = api_get(&srv, &token, "/api/v1/progress/outcomes").await;

    let mut body = serde_json::json!({"date": today(&srv), "mood": 6, "energy": 4,
        "appreciations": [{"area": "work", "text": "a"}, {"area": "rest", "text": "b"}, {"area": "health", "text": "c"}]});
    let (s, _) = api_post(&srv, &token, "/api/v1/checkins", &body).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        moods(&api_get(&srv, &token, "/api/v1/checkins").await.1),
        vec![6]
    );
    assert_ne!(
        api_get(&srv, &token, "/api/v1/progress/outcomes").await.1,
        outcomes,
        "this month's outcomes count the check-in"
    );

    body["mood"] = serde_json::json!(9);
    let (s, _) = api_post(&srv, &token, "/api/v1/checkins?replace=true", &body).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        moods(&api_get(&srv, &token, "/api/v1/checkins").await.1),
        vec![9]
    );

    // From the browser: the form's replacement shows in the token's list.
    c.get("/checkin").await;
    let date = today(&srv);
    let mut fields = checkin_fields(&date, "3", "from the form");
    fields.push(("replace", "1"));
    let p = c.post_form("/checkin", &fields).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(
        moods(&api_get(&srv, &token, "/api/v1/checkins").await.1),
        vec![3]
    );
}
