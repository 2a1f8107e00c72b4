//! Questionnaires on the web: `/assessments`, `/assessments/{id}`, `/intake`
//! and `/api/v1/instruments` + `/api/v1/assessments`, against the real
//! server: signed in, refused when signed out, CSRF, 4xx for bad answers,
//! another account's results never shown.

use goodenough_web::testing::{api_with_headers, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::json;

const EMAIL: &str = "sam@example.org";
const PW: &str = "correct horse battery";

async fn token(srv: &TestServer, email: &str) -> String {
    let person = srv
        .state
        .store
        .account_by_email(email)
        .await
        .expect("lookup")
        .expect("account")
        .person_id;
    srv.add_token(&person, "test").await
}

#[tokio::test]
async fn signed_out_is_refused() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let mut anon = srv.client();
    for path in [
        "/assessments",
        "/assessments/perfectionism-snapshot",
        "/intake",
    ] {
        assert_eq!(anon.get(path).await.path(), "/login", "{path}");
    }
    for path in [
        "/api/v1/instruments",
        "/api/v1/instruments/perfectionism-snapshot",
        "/api/v1/assessments?instrument=perfectionism-snapshot",
    ] {
        let res = reqwest::get(format!("{}{path}", srv.base))
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn take_a_questionnaire_and_the_intake_on_the_pages() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/assessments").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Impostor feelings snapshot") && p.body.contains("never a diagnosis"));

    let p = c.get("/assessments/impostor-snapshot").await;
    assert!(p.body.contains("Not a validated clinical instrument"));
    let answers = [
        ("found_out", "1"),
        ("luck", "2"),
        ("own_part", "3"),
        ("overprepare", "4"),
        ("praise", "1"),
    ];
    let p = c
        .post_form("/assessments/impostor-snapshot", &answers)
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(
        p.path().starts_with("/assessments/impostor-snapshot"),
        "{}",
        p.path()
    );
    assert!(p.body.contains("Saved") && p.body.contains("baseline"));
    assert!(p.body.contains("1.80"), "mean with own_part reversed");

    // Out of range and missing answers: 422 with the sentence, nothing saved.
    let mut bad = answers.to_vec();
    bad[3] = ("overprepare", "9");
    let p = c.post_form("/assessments/impostor-snapshot", &bad).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body
            .contains("item &quot;overprepare&quot; is not on the scale"),
        "{}",
        p.body
    );
    let p = c
        .post_form("/assessments/impostor-snapshot", &answers[..2])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    // No CSRF token: refused, nothing saved.
    let p = c
        .post_form_raw("/assessments/impostor-snapshot", &answers)
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let t = token(&srv, EMAIL).await;
    let (_, _, h) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::GET,
        "/api/v1/assessments?instrument=impostor-snapshot",
        None,
    )
    .await;
    assert_eq!(h.as_array().expect("array").len(), 1);

    // Unknown questionnaire: 404.
    assert_eq!(
        c.get("/assessments/nope").await.status,
        StatusCode::NOT_FOUND
    );

    // Intake with an example.
    let p = c
        .post_form(
            "/intake",
            &[
                ("overwork", "8"),
                ("example_overwork", "worked through two weekends"),
                ("fear_of_failure", "6"),
                ("self_criticism", "9"),
                ("imbalance", "7"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("Saved"));
    let (_, _, h) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::GET,
        "/api/v1/assessments?instrument=perfectionism-snapshot",
        None,
    )
    .await;
    assert_eq!(h[0]["total"].as_f64(), Some(30.0));
    assert_eq!(h[0]["notes"]["overwork"], "worked through two weekends");
    let p = c
        .post_form(
            "/intake",
            &[
                ("overwork", "11"),
                ("fear_of_failure", "1"),
                ("self_criticism", "1"),
                ("imbalance", "1"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn api_take_history_and_another_account() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let t = token(&srv, EMAIL).await;
    let (s, _, list) =
        api_with_headers(&srv, &t, reqwest::Method::GET, "/api/v1/instruments", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(list.as_array().expect("array").len() >= 2);
    let (s, _, one) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::GET,
        "/api/v1/instruments/perfectionism-snapshot",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["items"].as_array().expect("items").len(), 4);
    let (s, _, _) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::GET,
        "/api/v1/instruments/nope",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let body = json!({"instrument": "perfectionism-snapshot", "answers": [7, 6, 8, 5], "date": "2026-01-05"});
    let (s, h, saved) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::POST,
        "/api/v1/assessments",
        Some(&body),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{saved}");
    assert_eq!(saved["total"].as_f64(), Some(26.0));
    assert!(h.get("x-goodenough-help-now").is_none());
    let (s, _, e) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::POST,
        "/api/v1/assessments",
        Some(&json!({"instrument": "perfectionism-snapshot", "answers": [7, 6]})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(e["error"]
        .as_str()
        .expect("error")
        .contains("4 items but 2 answers"));
    let (s, _, _) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::POST,
        "/api/v1/assessments",
        Some(&json!({"instrument": "nope", "answers": [1]})),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Crisis words in a note: still saved, with the help header.
    let body = json!({"instrument": "perfectionism-snapshot", "answers": [7, 6, 8, 5], "notes": {"self_criticism": "some nights I want to kill myself"}});
    let (s, h, _) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::POST,
        "/api/v1/assessments",
        Some(&body),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        h.get("x-goodenough-help-now").and_then(|v| v.to_str().ok()),
        Some("/help-now")
    );

    let (_, _, hist) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::GET,
        "/api/v1/assessments?instrument=perfectionism-snapshot",
        None,
    )
    .await;
    assert_eq!(hist.as_array().expect("array").len(), 2);

    // Another account sees none of it.
    srv.add_account("other@example.org", PW).await;
    let other = token(&srv, "other@example.org").await;
    let (_, _, hist) = api_with_headers(
        &srv,
        &other,
        reqwest::Method::GET,
        "/api/v1/assessments?instrument=perfectionism-snapshot",
        None,
    )
    .await;
    assert!(hist.as_array().expect("array").is_empty());
    let mut oc = srv.client();
    oc.login("other@example.org", PW).await;
    let p = oc
        .get(&format!(
            "/assessments/perfectionism-snapshot?saved={}",
            saved["id"].as_str().expect("id")
        ))
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.body.contains("Saved.") && p.body.contains("No results yet"));
}

#[tokio::test]
async fn who5_page_shows_reliable_change_the_band_and_the_kind_note() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let t = token(&srv, EMAIL).await;
    // Baseline through the API, dated earlier: raw 7 → 28, at or below 50.
    let (status, _, saved) = api_with_headers(
        &srv,
        &t,
        reqwest::Method::POST,
        "/api/v1/assessments",
        Some(&json!({"instrument": "who-5", "answers": [1, 2, 1, 1, 2], "date": "2026-01-05"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{saved}");
    let p = c.get("/assessments/who-5").await;
    assert!(
        p.body.contains("Psychiatric Centre North Zealand"),
        "licence and source"
    );
    assert!(p.body.contains("Side of the cut-off (50)"));
    assert!(
        p.body
            .contains("at or below the questionnaire&#39;s published cut-off")
            || p.body
                .contains("at or below the questionnaire's published cut-off")
    );
    assert!(p.body.contains("talking with your doctor"), "the kind note");

    // Today through the form: raw 17 → 68.
    let answers = [
        ("cheerful", "4"),
        ("calm", "3"),
        ("active", "3"),
        ("rested", "3"),
        ("interest", "4"),
    ];
    let p = c.post_form("/assessments/who-5", &answers).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(
        p.body
            .contains("reliably improved, across the cut-off (RCI +3.73)"),
        "{}",
        p.body
    );
    assert!(
        p.body
            .contains("above the questionnaire&#39;s published cut-off")
            || p.body
                .contains("above the questionnaire's published cut-off")
    );
    assert!(
        !p.body.contains("talking with your doctor"),
        "the latest score is above 50"
    );
    assert!(!p.body.contains("has no norms"));
}
