//! The Experiments area (exposure ladder, behavioural experiments, fear
//! calibration): pages and JSON API against the real server.

use goodenough_web::testing::{api_with_headers, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";
const CRISIS: &str = "some nights I want to kill myself";

async fn get(srv: &TestServer, token: &str, path: &str) -> (StatusCode, Value) {
    let (s, _, v) = api_with_headers(srv, token, reqwest::Method::GET, path, None).await;
    (s, v)
}

async fn post(srv: &TestServer, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let (s, _, v) = api_with_headers(srv, token, reqwest::Method::POST, path, Some(&body)).await;
    (s, v)
}

fn plan_body(likelihood: i64) -> Value {
    json!({
        "belief": "If I ask a basic question they will think less of me",
        "prediction": "Someone sighs and sends a docs link",
        "likelihood": likelihood,
        "anxiety": 70,
    })
}

fn record_body(happened: &str, date: &str) -> Value {
    json!({
        "happened": happened,
        "actual": "Two people said they wondered the same",
        "anxiety_after": 25,
        "learned": "Questions help others too",
        "date": date,
    })
}

#[tokio::test]
async fn pages_redirect_and_api_refuses_when_signed_out() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let mut anon = srv.client();
    for path in ["/ladder", "/experiments"] {
        let p = anon.get(path).await;
        assert_eq!(p.path(), "/login", "{path}");
    }
    for path in [
        "/api/v1/ladder",
        "/api/v1/ladder/gaps",
        "/api/v1/experiments",
        "/api/v1/calibration",
    ] {
        let p = anon.get(path).await;
        assert_eq!(p.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(p.json()["error"].as_str().is_some(), "{path}");
    }
}

#[tokio::test]
async fn ladder_page_adds_rungs_points_out_gaps_and_marks_done() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/ladder").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Your ladder is empty"));
    assert!(
        p.body
            .contains("href=\"/experiments\" aria-current=\"page\""),
        "menu marks Experiments"
    );
    for (action, distress) in [
        ("Share a rough draft", "15"),
        ("Demo unfinished work", "70"),
    ] {
        let p = c
            .post_form("/ladder", &[("action", action), ("distress", distress)])
            .await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.body);
        assert!(p.url.query().unwrap_or("").starts_with("saved="));
        assert!(p.body.contains("Rung added."));
    }
    let p = c.get("/ladder").await;
    assert!(p.body.contains("jump of 55 points"), "{}", p.body);
    assert!(p.body.contains("0 of 2 rungs climbed"));

    // Out of range: 422 with the sentence, nothing saved.
    let p = c
        .post_form("/ladder", &[("action", "Too much"), ("distress", "150")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p
        .body
        .contains("distress must be a whole number from 0 to 100"));
    assert!(p.body.contains("value=\"Too much\""), "form keeps the text");

    let token = srv.token_for(EMAIL).await;
    // Both are lists, as the CLI's `ladder --json` and `ladder gaps --json`.
    let (_, ladder) = get(&srv, &token, "/api/v1/ladder").await;
    assert_eq!(ladder.as_array().expect("rungs").len(), 2);
    let (_, gaps) = get(&srv, &token, "/api/v1/ladder/gaps").await;
    assert_eq!(gaps.as_array().expect("gaps").len(), 1);
    assert_eq!(gaps[0]["points"], 55);
    assert!(gaps[0]["hint"]
        .as_str()
        .is_some_and(|h| h.contains("jump of 55 points")));
    let id = ladder[0]["id"].as_str().expect("id").to_string();
    let p = c.post_form(&format!("/ladder/{id}/done"), &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("1 of 2 rungs climbed"));
}

#[tokio::test]
async fn experiments_page_plans_records_and_shows_calibration() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/experiments").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("No experiments recorded yet"));

    let p = c
        .post_form(
            "/experiments",
            &[
                ("belief", "Drafts make me look careless"),
                ("prediction", "Someone calls it sloppy"),
                ("likelihood", "80"),
                ("anxiety", "65"),
                ("rung_id", ""),
                ("due", "2026-03-12"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("Experiment planned"));
    assert!(p.body.contains("Record what happened"));

    let p = c
        .post_form(
            "/experiments",
            &[
                ("belief", "b"),
                ("prediction", "p"),
                ("likelihood", "150"),
                ("anxiety", "65"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p
        .body
        .contains("likelihood must be a whole number from 0 to 100; you gave 150."));

    let token = srv.token_for(EMAIL).await;
    let (_, list) = get(&srv, &token, "/api/v1/experiments").await;
    assert_eq!(list.as_array().expect("list").len(), 1);
    let id = list[0]["id"].as_str().expect("id").to_string();
    let fields = [
        ("happened", "partly"),
        ("actual", "One comment on formatting, then ideas"),
        ("anxiety_after", "30"),
        ("learned", "Early feedback is cheap"),
        ("belief_after", "40"),
        ("date", "2026-03-12"),
    ];
    let p = c
        .post_form(&format!("/experiments/{id}/record"), &fields)
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("Result saved"));
    assert!(p.body.contains("it partly happened"));
    assert!(p
        .body
        .contains("You expected the feared outcome about 80% of the time; it happened 0 times in 1 (and partly once more)."));
    // Twice: refused with a sentence, first result kept.
    let p = c
        .post_form(&format!("/experiments/{id}/record"), &fields)
        .await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(p.body.contains("already recorded on 2026-03-12"));
    let p = c
        .post_form(
            "/experiments/0190abcd-0000-7000-8000-000000000000/record",
            &fields,
        )
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn calibration_chart_appears_with_two_months() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    for (likelihood, happened, date) in [(80, "no", "2026-01-10"), (60, "yes", "2026-02-10")] {
        let (s, e) = post(&srv, &token, "/api/v1/experiments", plan_body(likelihood)).await;
        assert_eq!(s, StatusCode::CREATED);
        let id = e["id"].as_str().expect("id");
        let (s, _) = post(
            &srv,
            &token,
            &format!("/api/v1/experiments/{id}/record"),
            record_body(happened, date),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
    }
    let p = c.get("/experiments").await;
    assert!(p.body.contains("<svg"), "chart drawn");
    assert!(p.body.contains("Predicted against observed"));
    assert!(!p.body.contains("style="), "no inline styles (CSP)");
    assert!(p.body.contains("2026-01") && p.body.contains("2026-02"));
}

async fn planned_and_recorded(
    srv: &TestServer,
    token: &str,
    likelihood: i64,
    happened: &str,
    on: chrono::NaiveDate,
) {
    let (s, e) = post(srv, token, "/api/v1/experiments", plan_body(likelihood)).await;
    assert_eq!(s, StatusCode::CREATED);
    let id = e["id"].as_str().expect("id");
    let (s, _) = post(
        srv,
        token,
        &format!("/api/v1/experiments/{id}/record"),
        record_body(happened, &on.to_string()),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn the_month_under_way_is_marked_on_the_calibration_chart() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let today = srv.state.clock.now().date_naive();
    planned_and_recorded(&srv, &token, 80, "no", today - chrono::Days::new(70)).await;
    planned_and_recorded(&srv, &token, 70, "no", today - chrono::Days::new(40)).await;
    let p = c.get("/experiments").await;
    assert!(p.body.contains("<svg"), "two finished months are drawn");
    assert!(!p.body.contains("so far"), "no month under way yet");
    planned_and_recorded(&srv, &token, 60, "yes", today).await;
    let p = c.get("/experiments").await;
    assert!(
        p.body.contains("this month so far"),
        "the legend names the dashed month"
    );
    assert!(
        p.body.contains(" (so far)"),
        "the table row of this month says so"
    );
}

#[tokio::test]
async fn missing_csrf_is_refused() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c
        .post_form_raw("/ladder", &[("action", "a"), ("distress", "10")])
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let p = c
        .post_form_raw(
            "/experiments",
            &[
                ("belief", "b"),
                ("prediction", "p"),
                ("likelihood", "50"),
                ("anxiety", "50"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let res = c
        .http
        .post(format!("{}/api/v1/experiments", srv.base))
        .json(&plan_body(50))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let token = srv.token_for(EMAIL).await;
    assert_eq!(get(&srv, &token, "/api/v1/experiments").await.1, json!([]));
    assert_eq!(get(&srv, &token, "/api/v1/ladder").await.1, json!([]));
    assert_eq!(get(&srv, &token, "/api/v1/ladder/gaps").await.1, json!([]));
}

#[tokio::test]
async fn api_ladder_experiments_record_and_calibration() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let (s, r) = post(
        &srv,
        &token,
        "/api/v1/ladder",
        json!({"action": "Ask in the team channel", "distress": 30}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let rung = r["id"].as_str().expect("id").to_string();
    let (s, v) = post(
        &srv,
        &token,
        "/api/v1/ladder",
        json!({"action": "x", "distress": 101}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"].as_str().expect("error").contains("distress"));

    let mut body = plan_body(80);
    body["rung_id"] = json!(rung);
    let (s, e) = post(&srv, &token, "/api/v1/experiments", body).await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    assert_eq!(e["rung_id"], rung.as_str());
    let id = e["id"].as_str().expect("id").to_string();

    // Bad inputs: likelihood 150, a rung that does not exist, a bad answer.
    let (s, v) = post(&srv, &token, "/api/v1/experiments", plan_body(150)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"].as_str().expect("error").contains("you gave 150"));
    let mut body = plan_body(50);
    body["rung_id"] = json!("ffff0000");
    let (s, v) = post(&srv, &token, "/api/v1/experiments", body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"]
        .as_str()
        .expect("error")
        .contains("not on your ladder"));
    let (s, _) = post(
        &srv,
        &token,
        &format!("/api/v1/experiments/{id}/record"),
        record_body("maybe", "2026-03-01"),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    let (s, rec) = post(
        &srv,
        &token,
        &format!("/api/v1/experiments/{id}/record"),
        record_body("no", "2026-03-01"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{rec}");
    assert_eq!(rec["result"]["happened"], "no");
    let (s, v) = post(
        &srv,
        &token,
        &format!("/api/v1/experiments/{id}/record"),
        record_body("yes", "2026-03-02"),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(v["error"]
        .as_str()
        .expect("error")
        .contains("already recorded"));
    let (s, _) = post(
        &srv,
        &token,
        "/api/v1/experiments/0190abcd-0000-7000-8000-000000000000/record",
        record_body("no", "2026-03-01"),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let (_, ladder) = get(&srv, &token, "/api/v1/ladder").await;
    assert_eq!(ladder[0]["done_on"], "2026-03-01");
    let (s, cal) = get(&srv, &token, "/api/v1/calibration").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(cal["experiments"], 1);
    assert_eq!(cal["overall"]["brier"], 0.64);
    assert_eq!(cal["months"][0]["month"], "2026-03");
    let (_, cal) = get(&srv, &token, "/api/v1/calibration?since=2026-04-01").await;
    assert_eq!(cal["experiments"], 0);
    let (s, _) = get(&srv, &token, "/api/v1/calibration?since=yesterday").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn crisis_text_is_saved_and_help_is_shown() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c
        .post_form(
            "/experiments",
            &[
                ("belief", CRISIS),
                ("prediction", "p"),
                ("likelihood", "50"),
                ("anxiety", "50"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("help-heading"), "help block shown");
    let token = srv.token_for(EMAIL).await;
    let mut body = plan_body(50);
    body["prediction"] = json!(CRISIS);
    let (s, h, _) = api_with_headers(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/experiments",
        Some(&body),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(h.get("x-goodenough-help-now").expect("header"), "/help-now");
    let (s, h, _) = api_with_headers(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/ladder",
        Some(&json!({"action": "calm step", "distress": 10})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(h.get("x-goodenough-help-now").is_none());
    assert_eq!(
        get(&srv, &token, "/api/v1/experiments")
            .await
            .1
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[tokio::test]
async fn another_account_gets_404_and_sees_nothing() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let (_, r) = post(
        &srv,
        &token,
        "/api/v1/ladder",
        json!({"action": "private-rung", "distress": 20}),
    )
    .await;
    let rid = r["id"].as_str().expect("id").to_string();
    let mut body = plan_body(70);
    body["belief"] = json!("private-belief");
    let (_, e) = post(&srv, &token, "/api/v1/experiments", body).await;
    let eid = e["id"].as_str().expect("id").to_string();

    let other = "sam@example.org";
    srv.add_account(other, PW).await;
    let mut sam = srv.client();
    let p = sam.login(other, PW).await;
    assert_eq!(p.path(), "/today", "{}", p.body);
    for path in ["/ladder", "/experiments"] {
        let p = sam.get(path).await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(!p.body.contains("private-"), "{path}");
    }
    let p = sam.post_form(&format!("/ladder/{rid}/done"), &[]).await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let p = sam
        .post_form(
            &format!("/experiments/{eid}/record"),
            &[
                ("happened", "no"),
                ("actual", "a"),
                ("anxiety_after", "1"),
                ("learned", "l"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let sam_token = srv.token_for(other).await;
    assert_eq!(
        get(&srv, &sam_token, "/api/v1/experiments").await.1,
        json!([])
    );
    assert_eq!(get(&srv, &sam_token, "/api/v1/ladder").await.1, json!([]));
    let (s, _) = post(
        &srv,
        &sam_token,
        &format!("/api/v1/experiments/{eid}/record"),
        record_body("no", "2026-03-01"),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Planning on someone else's rung is refused too.
    let mut body = plan_body(50);
    body["rung_id"] = json!(rid);
    let (s, _) = post(&srv, &sam_token, "/api/v1/experiments", body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // The first person's experiment is untouched.
    let (_, list) = get(&srv, &token, "/api/v1/experiments").await;
    assert!(list[0]["result"].is_null());
}
