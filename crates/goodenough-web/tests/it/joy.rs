//! Joy: the /joy page (forms, kept/skipped buttons, summaries) and the JSON
//! API, against the real server: signed in, refused, CSRF, 4xx sentences,
//! and another account seeing nothing (404 on someone else's block).

use goodenough_web::testing::{api_get, api_post, error_of, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::json;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

#[tokio::test]
async fn api_covers_hobbies_blocks_occurrences_joy_and_rest() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let t = srv.token_for(EMAIL).await;

    let (s, h) = api_post(&srv, &t, "/api/v1/hobbies", &json!({"name": "piano"})).await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    let (s, b) = api_post(
        &srv,
        &t,
        "/api/v1/blocks",
        &json!({"title": "painting", "weekly": "sat 10:00-12:00", "hobby": "painting"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["weekday"], "sat");
    let id = b["id"].as_str().expect("id").to_string();
    let (_, hobbies) = api_get(&srv, &t, "/api/v1/hobbies").await;
    assert_eq!(hobbies.as_array().map(Vec::len), Some(2));
    assert_eq!(hobbies[0]["name"], "piano");

    let occ = format!("/api/v1/blocks/{id}/occurrences");
    let (s, o) = api_post(
        &srv,
        &t,
        &occ,
        &json!({"date": "2026-03-07", "kept": false, "reason": "tired"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{o}");
    assert_eq!(
        (o["kept"].as_bool(), o["reason"].as_str()),
        (Some(false), Some("tired"))
    );
    // Marking again replaces the same occurrence.
    let (s, _) = api_post(&srv, &t, &occ, &json!({"date": "2026-03-07", "kept": true})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, e) = api_post(&srv, &t, &occ, &json!({"date": "2026-03-10", "kept": true})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&e).contains("Tuesday"), "{e}");
    let (s, e) = api_post(
        &srv,
        &t,
        "/api/v1/blocks/nope/occurrences",
        &json!({"date": "2026-03-07", "kept": true}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{e}");

    let (s, l) = api_post(
        &srv,
        &t,
        "/api/v1/joy",
        &json!({"hobby": "piano", "minutes": "45m", "date": "2026-03-09"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{l}");
    assert_eq!(l["minutes"], 45);
    let (_, logs) = api_get(&srv, &t, "/api/v1/joy").await;
    assert_eq!(logs.as_array().map(Vec::len), Some(1));

    let (s, r) = api_post(
        &srv,
        &t,
        "/api/v1/rests",
        &json!({"from": "2026-06-01", "to": "2026-06-07", "kind": "vacation", "guilt": 2}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["without_guilt"], true);
    let (_, rests) = api_get(&srv, &t, "/api/v1/rests").await;
    assert_eq!(rests[0]["kind"], "vacation");

    let (s, sum) = api_get(&srv, &t, "/api/v1/joy/summary?weeks=4").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(sum["blocks"].as_array().map(Vec::len), Some(4));
    assert_eq!(sum["rest"][0]["days"], 7);
    let (s, _) = api_get(&srv, &t, "/api/v1/joy/summary?weeks=0").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // Bad input: one sentence each, nothing saved.
    for (path, body, needle) in [
        (
            "/api/v1/blocks",
            json!({"title": "x", "weekly": "sat 25:00-26:00"}),
            "25:00",
        ),
        (
            "/api/v1/blocks",
            json!({"title": "x", "weekly": "funday 10:00-12:00"}),
            "funday",
        ),
        (
            "/api/v1/blocks",
            json!({"title": "x", "weekly": "sat 12:00-10:00"}),
            "not after",
        ),
        (
            "/api/v1/rests",
            json!({"from": "2026-03-01", "to": "2026-03-01", "kind": "rest-day", "guilt": 11}),
            "0 to 10",
        ),
        (
            "/api/v1/rests",
            json!({"from": "2026-03-05", "to": "2026-03-01", "kind": "vacation"}),
            "before it starts",
        ),
        (
            "/api/v1/joy",
            json!({"hobby": "piano", "minutes": "0m"}),
            "not a duration",
        ),
    ] {
        let (s, e) = api_post(&srv, &t, path, &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{path} {e}");
        assert!(error_of(&e).contains(needle), "{e}");
    }
    let (s, _) = api_post(
        &srv,
        &t,
        "/api/v1/blocks",
        &json!({"weekly": "sat 10:00-11:00"}),
    )
    .await;
    assert!(s.is_client_error());
    let (_, blocks) = api_get(&srv, &t, "/api/v1/blocks").await;
    assert_eq!(blocks.as_array().map(Vec::len), Some(1));
    let (_, rests) = api_get(&srv, &t, "/api/v1/rests").await;
    assert_eq!(rests.as_array().map(Vec::len), Some(1));

    // Signed out: refused.
    let res = reqwest::get(format!("{}/api/v1/blocks", srv.base))
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn page_forms_buttons_and_kind_words() {
    let srv = TestServer::start().await;
    let anon = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let res = anon
        .get(format!("{}/joy", srv.base))
        .send()
        .await
        .expect("get");
    assert!(res.status().is_redirection());
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/joy").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Personal time this week"));
    assert!(p.body.contains("href=\"/joy\""));

    let p = c
        .post_form(
            "/joy/blocks",
            &[
                ("title", "painting"),
                ("day", "mon"),
                ("start", "00:00"),
                ("end", "00:30"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("That time is yours"));
    // This week's Monday has always come: the buttons are there.
    assert!(p.body.contains("value=\"yes\""), "{}", p.body);
    let t = srv.token_for(EMAIL).await;
    let (_, blocks) = api_get(&srv, &t, "/api/v1/blocks").await;
    let id = blocks[0]["id"].as_str().expect("id").to_string();
    let p = c
        .post_form(
            &format!("/joy/blocks/{id}/occurrences"),
            &[
                ("date", "2026-03-09"),
                ("kept", "no"),
                ("reason", "deadline"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.body
            .contains("life happens; the next one is on Monday 2026-03-16"),
        "{}",
        p.body
    );
    let p = c
        .post_form(
            &format!("/joy/blocks/{id}/occurrences"),
            &[("date", "2026-03-10"), ("kept", "yes")],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("Tuesday"));

    let p = c
        .post_form("/joy/log", &[("hobby", "guitar"), ("minutes", "1h")])
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("guitar"));
    let p = c
        .post_form("/joy/log", &[("hobby", "guitar"), ("minutes", "90x")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p = c
        .post_form(
            "/joy/rests",
            &[
                ("from", "2026-06-01"),
                ("to", "2026-06-07"),
                ("kind", "vacation"),
                ("guilt", "2"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("without guilt"));
    let p = c
        .post_form(
            "/joy/rests",
            &[
                ("from", "2026-06-01"),
                ("to", "2026-06-01"),
                ("kind", "rest-day"),
                ("guilt", "11"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p = c
        .post_form(
            "/joy/blocks",
            &[
                ("title", "x"),
                ("day", "sat"),
                ("start", "25:00"),
                ("end", "26:00"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("is not a time of day"));
    let p = c.post_form("/joy/hobbies", &[("name", "chess")]).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("chess"));
}

#[tokio::test]
async fn missing_csrf_is_refused_and_nothing_saved() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    for (path, fields) in [
        ("/joy/hobbies", vec![("name", "sneaky")]),
        ("/joy/log", vec![("hobby", "sneaky"), ("minutes", "10m")]),
        (
            "/joy/rests",
            vec![
                ("from", "2026-06-01"),
                ("to", "2026-06-02"),
                ("kind", "vacation"),
            ],
        ),
        (
            "/joy/blocks",
            vec![
                ("title", "sneaky"),
                ("day", "sat"),
                ("start", "10:00"),
                ("end", "11:00"),
            ],
        ),
    ] {
        let p = c.post_form_raw(path, &fields).await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{path}");
    }
    let res = c
        .http
        .post(format!("{}/api/v1/hobbies", c.base))
        .json(&json!({"name": "sneaky"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let p = c.get("/joy").await;
    assert!(!p.body.contains("sneaky"));
}

#[tokio::test]
async fn another_person_sees_nothing_and_cannot_mark_blocks() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let t = srv.token_for(EMAIL).await;
    let (_, b) = api_post(
        &srv,
        &t,
        "/api/v1/blocks",
        &json!({"title": "private-block", "weekly": "sat 10:00-12:00"}),
    )
    .await;
    let id = b["id"].as_str().expect("id").to_string();
    api_post(
        &srv,
        &t,
        "/api/v1/joy",
        &json!({"hobby": "private-hobby", "minutes": "30m"}),
    )
    .await;
    api_post(
        &srv,
        &t,
        "/api/v1/rests",
        &json!({"from": "2026-06-01", "to": "2026-06-02", "kind": "vacation"}),
    )
    .await;

    let other = "sam@example.org";
    srv.add_account(other, PW).await;
    let mut sam = srv.client();
    sam.login(other, PW).await;
    let p = sam.get("/joy").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.body.contains("private-"));
    let p = sam
        .post_form(
            &format!("/joy/blocks/{id}/occurrences"),
            &[("date", "2026-03-07"), ("kept", "yes")],
        )
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let st = srv.token_for(other).await;
    let (s, _) = api_post(
        &srv,
        &st,
        &format!("/api/v1/blocks/{id}/occurrences"),
        &json!({"date": "2026-03-07", "kept": true}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    for path in [
        "/api/v1/hobbies",
        "/api/v1/blocks",
        "/api/v1/joy",
        "/api/v1/rests",
    ] {
        let (s, v) = api_get(&srv, &st, path).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v, json!([]), "{path}");
    }
    let (_, occs) = api_get(&srv, &t, "/api/v1/joy/summary").await;
    assert!(occs["blocks"]
        .as_array()
        .expect("weeks")
        .iter()
        .all(|w| w["kept"] == 0));
}

#[tokio::test]
async fn joy_records_are_in_the_export() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let t = srv.token_for(EMAIL).await;
    api_post(
        &srv,
        &t,
        "/api/v1/blocks",
        &json!({"title": "painting", "weekly": "sat 10:00-12:00"}),
    )
    .await;
    api_post(
        &srv,
        &t,
        "/api/v1/joy",
        &json!({"hobby": "piano", "minutes": "30m"}),
    )
    .await;
    api_post(
        &srv,
        &t,
        "/api/v1/rests",
        &json!({"from": "2026-06-01", "to": "2026-06-02", "kind": "vacation"}),
    )
    .await;
    let (s, doc) = api_get(&srv, &t, "/api/v1/export").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(doc["blocks"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["joy_logs"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["hobbies"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["rests"].as_array().map(Vec::len), Some(1));
}
