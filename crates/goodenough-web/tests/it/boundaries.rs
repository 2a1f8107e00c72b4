//! The Boundaries area (saying no, delegations, scripts, mistake reviews):
//! pages and JSON API against the real server.

use goodenough_web::testing::{api_with_headers, error_of, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";
const CRISIS: &str = "some nights I want to kill myself";
const EVIL: &str = "<script>alert(1)</script>";

async fn get(srv: &TestServer, token: &str, path: &str) -> (StatusCode, Value) {
    let (s, _, v) = api_with_headers(srv, token, reqwest::Method::GET, path, None).await;
    (s, v)
}

async fn post(srv: &TestServer, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let (s, _, v) = api_with_headers(srv, token, reqwest::Method::POST, path, Some(&body)).await;
    (s, v)
}

#[tokio::test]
async fn pages_redirect_and_api_refuses_when_signed_out() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let mut anon = srv.client();
    for path in [
        "/noes",
        "/delegations",
        "/scripts",
        "/scripts/decline",
        "/mistakes",
    ] {
        let p = anon.get(path).await;
        assert_eq!(p.path(), "/login", "{path}");
    }
    for path in [
        "/api/v1/noes",
        "/api/v1/delegations",
        "/api/v1/scripts",
        "/api/v1/scripts/decline",
        "/api/v1/mistakes",
    ] {
        let p = anon.get(path).await;
        assert_eq!(p.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(p.json()["error"].as_str().is_some(), "{path}");
    }
}

#[tokio::test]
async fn saying_no_page_saves_completes_and_lists() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/noes").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Nothing recorded yet"));
    assert!(
        p.body.contains("href=\"/noes\" aria-current=\"page\""),
        "menu marks Boundaries"
    );
    let p = c
        .post_form(
            "/noes",
            &[
                ("request", "Join a third project"),
                ("response", "Not while the launch is on"),
                ("guilt_before", "8"),
                ("guilt_after", ""),
                ("outcome", ""),
                ("date", "2026-03-02"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.url.query().unwrap_or("").starts_with("saved="));
    assert!(p.body.contains("information, not a verdict"));
    assert!(p.body.contains("Join a third project"));
    assert!(
        !p.body.contains("help-heading"),
        "calm text shows no help block"
    );

    let token = srv.token_for(EMAIL).await;
    let (_, list) = get(&srv, &token, "/api/v1/noes").await;
    let id = list[0]["id"].as_str().expect("id").to_string();
    assert_eq!(list[0]["guilt_before"], 8);
    assert!(list[0]["guilt_after"].is_null());

    let p = c
        .post_form(
            &format!("/noes/{id}"),
            &[("guilt_after", "3"), ("outcome", "They were fine with it")],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("eased by"), "{}", p.body);
    let (_, list) = get(&srv, &token, "/api/v1/noes").await;
    assert_eq!(list[0]["guilt_after"], 3);
    assert_eq!(list[0]["outcome"], "They were fine with it");
}

#[tokio::test]
async fn bad_form_input_is_explained_kept_and_not_saved() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/noes").await;
    let p = c
        .post_form(
            "/noes",
            &[
                ("request", "kept words"),
                ("response", "no"),
                ("guilt_before", "11"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p
        .body
        .contains("guilt before must be a whole number from 0 to 10; you gave 11"));
    assert!(p.body.contains("kept words"));
    let p = c
        .post_form("/noes", &[("response", "no"), ("guilt_before", "3")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("request is empty"), "{}", p.body);
    let p = c
        .post_form("/noes/no-such-id", &[("guilt_after", "3")])
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);

    c.get("/delegations").await;
    let p = c
        .post_form("/delegations", &[("task", "A task"), ("to", "")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("to is empty"), "{}", p.body);

    c.get("/mistakes").await;
    let p = c
        .post_form(
            "/mistakes",
            &[
                ("what", "w"),
                ("cost", "c"),
                ("taught", "t"),
                ("friend", "f"),
                ("thought_id", "not-a-thought"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("That thought record was not found"));

    let token = srv.token_for(EMAIL).await;
    for path in ["/api/v1/noes", "/api/v1/delegations", "/api/v1/mistakes"] {
        assert_eq!(get(&srv, &token, path).await.1, json!([]), "{path}");
    }
}

#[tokio::test]
async fn delegation_and_mistake_pages_save_and_list() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/delegations").await;
    let p = c
        .post_form(
            "/delegations",
            &[("task", "Release notes"), ("to", "Priya"), ("fine", "")],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("Release notes"));
    let token = srv.token_for(EMAIL).await;
    let (_, list) = get(&srv, &token, "/api/v1/delegations").await;
    let id = list[0]["id"].as_str().expect("id").to_string();
    let p = c
        .post_form(
            &format!("/delegations/{id}"),
            &[("fine", "yes"), ("outcome", "")],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("Turned out fine."));

    let (_, t) = post(
        &srv,
        &token,
        "/api/v1/thoughts",
        json!({"situation": "Outage", "thought": "I am careless", "belief": 60}),
    )
    .await;
    let tid = t["id"].as_str().expect("id").to_string();
    let p = c.get("/mistakes").await;
    assert!(
        p.body.contains(&format!("value=\"{tid}\"")),
        "thought offered in the list"
    );
    let p = c
        .post_form(
            "/mistakes",
            &[
                ("what", "Deployed on a Friday"),
                ("cost", "An evening"),
                ("factors", "No freeze rule"),
                ("taught", "Agree a freeze"),
                ("friend", "It was a system gap, not you"),
                ("thought_id", tid.as_str()),
                ("date", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("without blame"));
    assert!(p.body.contains("Deployed on a Friday"));
    assert!(p.body.contains(&format!("href=\"/thoughts/{tid}\"")));
}

#[tokio::test]
async fn scripts_page_fills_with_copy_button() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/scripts").await;
    assert_eq!(p.status, StatusCode::OK);
    for name in [
        "decline",
        "deadline",
        "scope",
        "define-done",
        "capacity",
        "delegate",
        "after-hours",
        "early-feedback",
    ] {
        assert!(
            p.body.contains(&format!("href=\"/scripts/{name}\"")),
            "{name}"
        );
    }
    let p = c.get("/scripts/decline").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("name=\"alternative\""));
    let p = c
        .post_form(
            "/scripts/decline",
            &[
                ("person", "Sam"),
                ("request", "the audit"),
                ("alternative", EVIL),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p
        .body
        .contains("Hi Sam, thanks for thinking of me for the audit."));
    assert!(p.body.contains("data-copy=\"filled-text\""));
    assert!(!p.body.contains(EVIL), "typed text is escaped");
    assert!(!p.body.contains("<script>alert"), "no inline script");
    let p = c.post_form("/scripts/decline", &[("person", "Sam")]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body.contains("still needs: request, alternative"),
        "{}",
        p.body
    );
    let p = c.get("/scripts/nope").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let js = c.get("/assets/app.js").await;
    assert!(js.body.contains("data-copy"));
}

#[tokio::test]
async fn missing_csrf_is_refused() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    for (path, fields) in [
        (
            "/noes",
            vec![("request", "r"), ("response", "n"), ("guilt_before", "3")],
        ),
        ("/delegations", vec![("task", "t"), ("to", "Sam")]),
        (
            "/mistakes",
            vec![
                ("what", "w"),
                ("cost", "c"),
                ("taught", "t"),
                ("friend", "f"),
            ],
        ),
        ("/scripts/decline", vec![("person", "Sam")]),
    ] {
        let p = c.post_form_raw(path, &fields).await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{path}");
    }
    // Cookie JSON without the header.
    let res = c
        .http
        .post(format!("{}/api/v1/noes", srv.base))
        .json(&json!({"request": "r", "response": "n", "guilt_before": 3}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let token = srv.token_for(EMAIL).await;
    for path in ["/api/v1/noes", "/api/v1/delegations", "/api/v1/mistakes"] {
        assert_eq!(get(&srv, &token, path).await.1, json!([]), "{path}");
    }
}

#[tokio::test]
async fn api_creates_completes_and_lists() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let (s, n) = post(
        &srv,
        &token,
        "/api/v1/noes",
        json!({"request": "Weekend call", "response": "No", "guilt_before": 7, "date": "2026-03-01"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{n}");
    let id = n["id"].as_str().expect("id").to_string();
    for method in [reqwest::Method::PATCH, reqwest::Method::POST] {
        let (s, _, v) = api_with_headers(
            &srv,
            &token,
            method,
            &format!("/api/v1/noes/{id}"),
            Some(&json!({"guilt_after": 2})),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["guilt_after"], 2);
    }
    let (_, list) = get(&srv, &token, "/api/v1/noes").await;
    assert_eq!(list.as_array().expect("array").len(), 1);

    let (s, d) = post(
        &srv,
        &token,
        "/api/v1/delegations",
        json!({"task": "Demo", "to": "Jo"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let did = d["id"].as_str().expect("id");
    let (s, d) = post(
        &srv,
        &token,
        &format!("/api/v1/delegations/{did}"),
        json!({"fine": true, "outcome": "Went well"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(d["fine"], true);

    let (s, v) = get(&srv, &token, "/api/v1/scripts").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_array().expect("array").len() >= 8);
    let (s, v) = get(&srv, &token, "/api/v1/scripts/capacity").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["name"], "capacity");
    let (s, v) = post(
        &srv,
        &token,
        "/api/v1/scripts/capacity/fill",
        json!({"vars": {"person": "Kim", "current": "the migration", "new_item": "the audit"}}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["text"]
        .as_str()
        .expect("text")
        .contains("committed to the migration"));

    let (s, m) = post(
        &srv,
        &token,
        "/api/v1/mistakes",
        json!({"what": "w", "cost": "c", "taught": "t", "friend": "f"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    let (_, list) = get(&srv, &token, "/api/v1/mistakes").await;
    assert_eq!(list[0]["id"], m["id"]);
}

#[tokio::test]
async fn api_bad_input_answers_4xx_with_a_sentence() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let (s, v) = post(
        &srv,
        &token,
        "/api/v1/noes",
        json!({"request": "r", "response": "n", "guilt_before": 11}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&v).contains("0 to 10"));
    let (s, v) = post(
        &srv,
        &token,
        "/api/v1/noes",
        json!({"response": "n", "guilt_before": 1}),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(error_of(&v).contains("request"), "{v}");
    let (s, v) = post(
        &srv,
        &token,
        "/api/v1/noes/unknown",
        json!({"guilt_after": 1}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_of(&v).contains("There is no"));
    let (s, v) = get(&srv, &token, "/api/v1/scripts/nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_of(&v).contains("There is no script"));
    let (s, v) = post(
        &srv,
        &token,
        "/api/v1/scripts/decline/fill",
        json!({"vars": {"person": "Sam"}}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&v).contains("request, alternative"), "{v}");
    let (s, v) = post(
        &srv,
        &token,
        "/api/v1/scripts/decline/fill",
        json!({"vars": {"person": "S", "request": "r", "alternative": "a", "mood": "m"}}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&v).contains("\"mood\""), "{v}");
    let (s, v) = post(
        &srv,
        &token,
        "/api/v1/mistakes",
        json!({"what": "w", "cost": "c", "taught": "t", "friend": "f", "thought_id": "nope"}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&v).contains("thought_id"));
    let (s, v) = post(
        &srv,
        &token,
        "/api/v1/delegations",
        json!({"task": "t", "to": "x", "fine": "maybe"}),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(get(&srv, &token, "/api/v1/mistakes").await.1, json!([]));
}

#[tokio::test]
async fn crisis_text_is_saved_and_help_is_shown() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/noes").await;
    let p = c
        .post_form(
            "/noes",
            &[
                ("request", "Cover again"),
                ("response", CRISIS),
                ("guilt_before", "9"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("help-heading"), "help block shown");
    let token = srv.token_for(EMAIL).await;
    let (s, h, _) = api_with_headers(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/mistakes",
        Some(&json!({"what": CRISIS, "cost": "c", "taught": "t", "friend": "f"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(h.get("x-goodenough-help-now").expect("header"), "/help-now");
    let (s, h, _) = api_with_headers(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/delegations",
        Some(&json!({"task": "calm task", "to": "Jo"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(h.get("x-goodenough-help-now").is_none());
    let (_, list) = get(&srv, &token, "/api/v1/noes").await;
    let id = list[0]["id"].as_str().expect("id");
    let (s, h, _) = api_with_headers(
        &srv,
        &token,
        reqwest::Method::PATCH,
        &format!("/api/v1/noes/{id}"),
        Some(&json!({"outcome": CRISIS})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(h.get("x-goodenough-help-now").is_some());
}

#[tokio::test]
async fn another_account_gets_404_and_sees_nothing() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let (_, n) = post(
        &srv,
        &token,
        "/api/v1/noes",
        json!({"request": "private-request", "response": "no", "guilt_before": 5}),
    )
    .await;
    let nid = n["id"].as_str().expect("id").to_string();
    let (_, d) = post(
        &srv,
        &token,
        "/api/v1/delegations",
        json!({"task": "private-task", "to": "Jo"}),
    )
    .await;
    let did = d["id"].as_str().expect("id").to_string();
    post(
        &srv,
        &token,
        "/api/v1/mistakes",
        json!({"what": "private-what", "cost": "c", "taught": "t", "friend": "f"}),
    )
    .await;

    let other = "sam@example.org";
    srv.add_account(other, PW).await;
    let mut sam = srv.client();
    let p = sam.login(other, PW).await;
    assert_eq!(p.path(), "/today", "{}", p.body);
    for path in ["/noes", "/delegations", "/mistakes"] {
        let p = sam.get(path).await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(!p.body.contains("private-"), "{path}");
    }
    let p = sam
        .post_form(&format!("/noes/{nid}"), &[("guilt_after", "0")])
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let p = sam
        .post_form(&format!("/delegations/{did}"), &[("fine", "no")])
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let sam_token = srv.token_for(other).await;
    for path in ["/api/v1/noes", "/api/v1/delegations", "/api/v1/mistakes"] {
        assert_eq!(get(&srv, &sam_token, path).await.1, json!([]), "{path}");
    }
    let (s, _) = post(
        &srv,
        &sam_token,
        &format!("/api/v1/noes/{nid}"),
        json!({"guilt_after": 0}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = post(
        &srv,
        &sam_token,
        &format!("/api/v1/delegations/{did}"),
        json!({"fine": false}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The first person's records are untouched.
    let (_, list) = get(&srv, &token, "/api/v1/noes").await;
    assert!(list[0]["guilt_after"].is_null());
    let (_, list) = get(&srv, &token, "/api/v1/delegations").await;
    assert!(list[0]["fine"].is_null());
}
