//! Programmes on the web: the /programme pages (list, one, start on a date,
//! stop), /today with the programme's week and what is due, and the JSON
//! API (programmes, enrolment, today), against the real server: signed in,
//! refused when signed out, CSRF, 4xx sentences, another account seeing
//! nothing. Dates in assertions are explicit (`on=`), never the wall clock.

use goodenough_app::catalogues::{Catalogues, Naming};
use goodenough_web::testing::{api, error_of, signed_in, TestServer};
use goodenough_web::WebConfig;
use reqwest::StatusCode;
use serde_json::{json, Value};

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

fn kinds(today: &Value) -> Vec<&str> {
    today["due"]
        .as_array()
        .expect("due")
        .iter()
        .map(|d| d["kind"].as_str().expect("kind"))
        .collect()
}

#[tokio::test]
async fn api_lists_starts_replaces_stops_and_computes_today() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let t = srv.token_for(EMAIL).await;
    use reqwest::Method as M;

    let (s, list) = api(&srv, &t, M::GET, "/api/v1/programmes", None).await;
    assert_eq!(s, StatusCode::OK);
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["impostor", "perfectionism"]);
    let (s, p) = api(&srv, &t, M::GET, "/api/v1/programmes/perfectionism", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["weeks"], 34);
    let (s, e) = api(&srv, &t, M::GET, "/api/v1/programmes/nope", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_of(&e).contains("There is no programme"), "{e}");

    let (s, st) = api(&srv, &t, M::GET, "/api/v1/enrolment", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(st["enrolment"].is_null());

    // Without a programme, today still lists the check-in.
    let (s, today) = api(&srv, &t, M::GET, "/api/v1/today?on=2026-03-04", None).await;
    assert_eq!(s, StatusCode::OK, "{today}");
    assert!(today["programme"].is_null());
    assert_eq!(kinds(&today), ["checkin"]);

    let (s, e) = api(
        &srv,
        &t,
        M::POST,
        "/api/v1/enrolment",
        Some(&json!({"programme_id": "perfectionism", "started_on": "2026-02-30"})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&e).contains("2026-02-30"), "{e}");
    let (s, e) = api(
        &srv,
        &t,
        M::POST,
        "/api/v1/enrolment",
        Some(&json!({"programme_id": "nope"})),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{e}");

    let (s, started) = api(
        &srv,
        &t,
        M::POST,
        "/api/v1/enrolment",
        Some(&json!({"programme_id": "perfectionism", "started_on": "2026-03-02"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{started}");
    assert_eq!(started["enrolment"]["started_on"], "2026-03-02");

    // Wednesday of week 1: check-in and the snapshot are due.
    let (_, today) = api(&srv, &t, M::GET, "/api/v1/today?on=2026-03-04", None).await;
    assert_eq!(today["programme"]["week"], 1);
    assert_eq!(today["programme"]["phase"], "Noticing the pattern");
    assert_eq!(kinds(&today), ["checkin", "assessment"]);
    let (s, e) = api(&srv, &t, M::GET, "/api/v1/today?on=soon", None).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");

    // A second one: refused with a sentence naming replace, nothing changed.
    let (s, e) = api(
        &srv,
        &t,
        M::POST,
        "/api/v1/enrolment",
        Some(&json!({"programme_id": "impostor"})),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(error_of(&e).contains("replace"), "{e}");
    let (_, st) = api(&srv, &t, M::GET, "/api/v1/enrolment", None).await;
    assert_eq!(st["enrolment"]["programme_id"], "perfectionism");

    let (s, st) = api(
        &srv,
        &t,
        M::POST,
        "/api/v1/enrolment",
        Some(&json!({"programme_id": "impostor", "started_on": "2026-03-09", "replace": true})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{st}");
    assert_eq!(st["enrolment"]["programme_id"], "impostor");
    let (_, export) = api(&srv, &t, M::GET, "/api/v1/export", None).await;
    assert_eq!(export["enrolments"].as_array().map(Vec::len), Some(2));

    let (s, stopped) = api(&srv, &t, M::DELETE, "/api/v1/enrolment", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(stopped["programme_id"], "impostor");

    // Started long ago: maintenance, with the relapse-prevention plan on the page.
    let (s, st) = api(
        &srv,
        &t,
        M::POST,
        "/api/v1/enrolment",
        Some(&json!({"programme_id": "perfectionism", "started_on": "2020-01-06"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{st}");
    assert!(st["standing"]["maintenance_week"].as_u64().is_some());
    let mut c = srv.client();
    c.login(EMAIL, PW).await;
    let p = c.get("/programme").await;
    assert!(p.body.contains("maintenance rhythm"), "{}", p.body);
    assert!(p.body.contains("Early warning signs to watch for"));
    let (s, _) = api(&srv, &t, M::DELETE, "/api/v1/enrolment", None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, stopped) = api(&srv, &t, M::DELETE, "/api/v1/enrolment", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(stopped.is_null());
}

#[tokio::test]
async fn pages_list_show_start_and_stop_and_today_shows_the_plan() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/programme").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("No programme is running"));
    assert!(p.body.contains("href=\"/programme/perfectionism\""));
    let p = c.get("/programme/impostor").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Early warning signs"));
    assert!(p.body.contains("action=\"/programme/start\""));
    let p = c.get("/programme/nope").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);

    // An impossible date: 422 with the sentence, nothing started.
    let p = c
        .post_form(
            "/programme/start",
            &[("id", "perfectionism"), ("on", "2026-13-01")],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("2026-13-01"));

    // Start today (the empty date means today): week 1.
    let p = c
        .post_form("/programme/start", &[("id", "perfectionism"), ("on", "")])
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(p.url.path(), "/programme");
    assert!(p.body.contains("Week 1 of 34"), "{}", p.body);
    let p = c.get("/today").await;
    assert!(p.body.contains("Today&#39;s plan") || p.body.contains("Today's plan"));
    assert!(p.body.contains("Week 1 of 34"));
    assert!(p.body.contains("Perfectionism snapshot"), "due this week");
    assert!(p
        .body
        .contains("href=\"/assessments/perfectionism-snapshot\""));
    assert!(p.body.contains("href=\"/checkin\""));

    // A second one without "replace": 409 on the page, nothing changed.
    let p = c
        .post_form("/programme/start", &[("id", "impostor"), ("on", "")])
        .await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(p.body.contains("Replace"));
    let p = c
        .post_form(
            "/programme/start",
            &[("id", "impostor"), ("on", ""), ("replace", "yes")],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Week 1 of 14"), "{}", p.body);

    let p = c.post_form("/programme/stop", &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Everything you recorded stays"));
    assert!(p.body.contains("No programme is running"));
    let p = c.get("/today").await;
    assert!(p.body.contains("the programmes"));
}

#[tokio::test]
async fn signed_out_and_csrf_are_refused_and_nothing_changes() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c
        .post_form_raw("/programme/start", &[("id", "perfectionism"), ("on", "")])
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let res = c
        .http
        .post(format!("{}/api/v1/enrolment", c.base))
        .json(&json!({"programme_id": "perfectionism"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let p = c.get("/programme").await;
    assert!(p.body.contains("No programme is running"));

    let mut out = srv.client();
    let p = out.get("/programme").await;
    assert_eq!(p.url.path(), "/login");
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/today", srv.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn another_person_sees_nothing_of_my_programme() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/programme/perfectionism").await;
    let p = c
        .post_form("/programme/start", &[("id", "perfectionism"), ("on", "")])
        .await;
    assert_eq!(p.status, StatusCode::OK);

    let other = "sam@example.org";
    srv.add_account(other, PW).await;
    let mut sam = srv.client();
    sam.login(other, PW).await;
    let p = sam.get("/programme").await;
    assert!(p.body.contains("No programme is running"));
    let st = srv.token_for(other).await;
    let (_, s) = api(&srv, &st, reqwest::Method::GET, "/api/v1/enrolment", None).await;
    assert!(s["enrolment"].is_null());
    // Sam stopping stops nothing of Alex's.
    let (_, stopped) = api(
        &srv,
        &st,
        reqwest::Method::DELETE,
        "/api/v1/enrolment",
        None,
    )
    .await;
    assert!(stopped.is_null());
    let p = c.get("/programme").await;
    assert!(p.body.contains("Week 1 of 34"));
}

#[tokio::test]
async fn a_coach_programme_sits_beside_the_shipped_ones() {
    let data = tempfile::tempdir().expect("tmp");
    let dir = data.path().join("programmes");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("gentle.toml"),
        "id = \"gentle\"\ntitle = \"A gentle start\"\nweeks = 2\n[[phases]]\nname = \"Only\"\nweeks = [1, 2]\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("broken.toml"),
        "id = \"broken\"\ntitle = \"Broken\"\nweeks = 2\n[[phases]]\nname = \"Only\"\nweeks = [1, 3]\n",
    )
    .expect("write");
    let srv = TestServer::start_with_catalogues(
        WebConfig::default(),
        Catalogues::with_data_dir(data.path()).naming(Naming::InDataDir),
    )
    .await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/programme").await;
    assert!(p.body.contains("A gentle start"));
    assert!(
        p.body
            .contains("broken.toml line 6, phases[0].weeks: week 3 is past the end"),
        "{}",
        p.body
    );
    let t = srv.token_for(EMAIL).await;
    let (_, list) = api(&srv, &t, reqwest::Method::GET, "/api/v1/programmes", None).await;
    assert_eq!(list.as_array().map(Vec::len), Some(3));
    let (s, e) = api(
        &srv,
        &t,
        reqwest::Method::GET,
        "/api/v1/programmes/broken",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_of(&e).contains("broken.toml line 6"), "{e}");
}
