//! Timeboxes on the web: the page (works without JavaScript: remaining time
//! as text and a <progress> element), its forms, and the JSON API, against
//! the real server: signed in / refused when not, CSRF, 4xx with a
//! sentence, and another account gets 404.

use goodenough_web::testing::{api, signed_in, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

#[tokio::test]
async fn refused_when_signed_out() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let mut anon = srv.client();
    let p = anon.get("/timeboxes").await;
    assert_eq!(p.path(), "/login");
    for path in [
        "/api/v1/timeboxes",
        "/api/v1/timeboxes/current",
        "/api/v1/timeboxes/x",
    ] {
        let p = anon.get(path).await;
        assert_eq!(p.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(p.json()["error"].as_str().is_some(), "{path}");
    }
    let res = anon
        .http
        .post(format!("{}/api/v1/timeboxes", srv.base))
        .header("Authorization", "Bearer not-a-token")
        .json(&json!({"title": "x", "limit": "30m"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_page_starts_changes_and_stops_a_box() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/timeboxes").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Start a box"));
    assert!(p.body.contains("No finished boxes yet"));

    // Bad limits: 422 with the sentence, nothing started.
    for limit in ["0m", "-5m", "90x"] {
        let p = c
            .post_form(
                "/timeboxes",
                &[("title", "Write the report"), ("limit", limit)],
            )
            .await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{limit}");
        assert!(p.body.contains("1h30m"), "{limit}");
        assert!(p.body.contains("Start a box"));
    }
    let p = c
        .post_form(
            "/timeboxes",
            &[
                ("title", "Write the report"),
                ("limit", "30m"),
                ("at", "soon"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("&quot;soon&quot;") || p.body.contains("\"soon\""));
    let p = c.post_form("/timeboxes/stop", &[]).await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(p.body.contains("No timebox is running"));

    let p = c
        .post_form(
            "/timeboxes",
            &[("title", "Write the report"), ("limit", "1h30m")],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(p.path(), "/timeboxes");
    assert!(p.body.contains("Running: Write the report"));
    assert!(p.body.contains("<progress"));
    assert!(p.body.contains("left of 1h30m"), "{}", p.body);

    // A second start is refused (409) and names the running box rule.
    let p = c
        .post_form("/timeboxes", &[("title", "Another"), ("limit", "30m")])
        .await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(p.body.contains("already running"));

    let p = c
        .post_form("/timeboxes/revise", &[("note", "tighter intro")])
        .await;
    assert!(p.body.contains("Revision counted"));
    let p = c.post_form("/timeboxes/recheck", &[]).await;
    assert!(p.body.contains("Re-check counted"));
    let p = c
        .post_form("/timeboxes/extend", &[("minutes", "0m"), ("reason", "why")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p = c
        .post_form(
            "/timeboxes/extend",
            &[("minutes", "15m"), ("reason", "review comments")],
        )
        .await;
    assert!(p.body.contains("left of 1h45m"), "{}", p.body);

    // Two hours later it has run past the box: said kindly.
    srv.state.clock.advance(chrono::Duration::minutes(120));
    let p = c.get("/timeboxes").await;
    assert!(p.body.contains("what made it grow"), "{}", p.body);
    let p = c
        .post_form("/timeboxes/stop", &[("outcome", "finished")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("shipped, extended or dropped"));
    let p = c
        .post_form("/timeboxes/stop", &[("outcome", "extended")])
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Start a box"));
    assert!(p.body.contains("+30m"), "{}", p.body);
    assert!(p.body.contains("extended"));
    // Re-checking finished work counts on the last box.
    c.post_form("/timeboxes/recheck", &[]).await;

    let token = srv.token_for(EMAIL).await;
    let (s, v) = api(&srv, &token, Method::GET, "/api/v1/timeboxes", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().expect("array").len(), 1);
    assert_eq!(v[0]["revisions"][0]["note"], "tighter intro");
    assert_eq!(v[0]["rechecks"], 2);
    assert_eq!(v[0]["overrun_minutes"], 30);
    assert_eq!(v[0]["outcome"], "extended");
}

#[tokio::test]
async fn missing_csrf_is_refused_and_nothing_changes() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c
        .post_form_raw("/timeboxes", &[("title", "sneaky"), ("limit", "30m")])
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    for path in [
        "/timeboxes/stop",
        "/timeboxes/revise",
        "/timeboxes/recheck",
        "/timeboxes/extend",
    ] {
        let p = c.post_form_raw(path, &[]).await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{path}");
    }
    let res = c
        .http
        .post(format!("{}/api/v1/timeboxes", c.base))
        .json(&json!({"title": "sneaky", "limit": "30m"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let p = c.get("/timeboxes").await;
    assert!(!p.body.contains("sneaky"));
    assert!(p.body.contains("Start a box"));
}

#[tokio::test]
async fn the_api_runs_a_box_and_keeps_it_private() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let (s, v) = api(&srv, &token, Method::GET, "/api/v1/timeboxes", None).await;
    assert_eq!((s, v), (StatusCode::OK, json!([])));
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes/current/stop",
        Some(&json!({})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"]
        .as_str()
        .expect("error")
        .contains("No timebox is running"));
    for (body, needle) in [
        (json!({"title": "x", "limit": "0m"}), "1h30m"),
        (json!({"title": "x", "limit": "-5m"}), "1h30m"),
        (json!({"title": "x", "limit": "90x"}), "1h30m"),
        (json!({"title": " ", "limit": "30m"}), "title"),
        (
            json!({"title": "x", "limit": "30m", "started_at": "later"}),
            "later",
        ),
    ] {
        let (s, v) = api(&srv, &token, Method::POST, "/api/v1/timeboxes", Some(&body)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(v["error"].as_str().expect("error").contains(needle), "{v}");
    }

    let (s, started) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes",
        Some(&json!({"title": "Draft the update", "limit": "45m"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(started["limit_minutes"], 45);
    assert_eq!(started["running"], true);
    assert_eq!(started["remaining_minutes"], 45);
    let id = started["id"].as_str().expect("id").to_string();
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes",
        Some(&json!({"title": "Second", "limit": "45m"})),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(v["error"]
        .as_str()
        .expect("error")
        .contains("already running"));

    let (s, v) = api(&srv, &token, Method::GET, "/api/v1/timeboxes/current", None).await;
    assert_eq!((s, v["id"].clone()), (StatusCode::OK, json!(id)));
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes/current/revise",
        Some(&json!({"note": "cut a paragraph"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["revisions"][0]["note"], "cut a paragraph");
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes/current/recheck",
        None,
    )
    .await;
    assert_eq!((s, v["rechecks"].clone()), (StatusCode::OK, json!(1)));
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes/current/extend",
        Some(&json!({"minutes": "-5m", "reason": "x"})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes/current/extend",
        Some(&json!({"minutes": "15m", "reason": "a table to add"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["remaining_minutes"], 60);

    srv.state.clock.advance(chrono::Duration::minutes(50));
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes/current/stop",
        Some(&json!({"outcome": "nope"})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes/current/stop",
        Some(&json!({"at": "2000-01-01T00:00:00Z"})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"]
        .as_str()
        .expect("error")
        .contains("before the box started"));
    let (s, v) = api(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes/current/stop",
        Some(&json!({})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["outcome"], "shipped");
    assert_eq!(v["actual_minutes"], 50);
    assert_eq!(v["overrun_minutes"], 5);
    let (s, v) = api(
        &srv,
        &token,
        Method::GET,
        &format!("/api/v1/timeboxes/{id}"),
        None,
    )
    .await;
    assert_eq!((s, v["overran"].clone()), (StatusCode::OK, json!(true)));
    let (s, v) = api(&srv, &token, Method::GET, "/api/v1/timeboxes/current", None).await;
    assert_eq!((s, v), (StatusCode::OK, Value::Null));

    // Another account sees none of it.
    let other = "sam@example.org";
    srv.add_account(other, PW).await;
    let sam = srv.token_for(other).await;
    let (s, _) = api(
        &srv,
        &sam,
        Method::GET,
        &format!("/api/v1/timeboxes/{id}"),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = api(&srv, &sam, Method::GET, "/api/v1/timeboxes", None).await;
    assert_eq!((s, v), (StatusCode::OK, json!([])));
    let (s, _) = api(
        &srv,
        &sam,
        Method::POST,
        "/api/v1/timeboxes/current/recheck",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let mut sam_page = srv.client();
    sam_page.login(other, PW).await;
    let p = sam_page.get("/timeboxes").await;
    assert!(!p.body.contains("Draft the update"));

    // The export carries the box.
    let (s, v) = api(&srv, &token, Method::GET, "/api/v1/export", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["timeboxes"][0]["id"], json!(id));
}
