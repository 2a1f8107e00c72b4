//! Dates a person could mean, and text without control characters, against
//! the real server: the API and the pages refuse a record of something that
//! happened dated after the person's today (or before 1970) with a sentence
//! and save nothing; an import with such a record is refused whole; control
//! characters sent in text never reach the printable report.

use chrono::Duration;
use goodenough_web::testing::{api_get, api_post, error_of, person_of, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::json;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

/// The person's today (web accounts live in UTC by default) and a date
/// three days later: after today in every time zone.
fn today_and_later(srv: &TestServer) -> (String, String) {
    let today = srv.state.clock.now().date_naive();
    (today.to_string(), (today + Duration::days(3)).to_string())
}

fn checkin(date: &str) -> serde_json::Value {
    json!({"date": date, "mood": 6, "energy": 5, "appreciations": [
        {"area": "work", "text": "a"}, {"area": "rest", "text": "b"}, {"area": "health", "text": "c"}]})
}

#[tokio::test]
async fn the_api_refuses_future_and_pre_1970_dates_and_saves_nothing() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.add_token(&person_of(&srv, EMAIL).await, "script").await;
    let (today, later) = today_and_later(&srv);

    let (status, body) = api_post(&srv, &token, "/api/v1/checkins", &checkin(&later)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let sentence = error_of(&body);
    assert!(
        sentence.starts_with("A check-in can't be dated"),
        "{sentence}"
    );
    assert!(
        sentence.contains(&later) && sentence.contains(&today),
        "{sentence}"
    );
    assert!(
        !sentence.contains("--"),
        "no CLI flag in an API error: {sentence}"
    );

    let (status, body) = api_post(&srv, &token, "/api/v1/checkins", &checkin("1969-12-31")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(error_of(&body).contains("1970-01-01"), "{body}");

    let win = json!({"date": later, "text": "Shipped it"});
    let (status, body) = api_post(&srv, &token, "/api/v1/wins", &win).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        error_of(&body).starts_with("A win can't be dated"),
        "{body}"
    );

    for list in ["/api/v1/checkins", "/api/v1/wins"] {
        let (status, body) = api_get(&srv, &token, list).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, json!([]), "nothing saved at {list}");
    }
    // Today itself is a date a person could mean.
    let (status, body) = api_post(&srv, &token, "/api/v1/checkins", &checkin(&today)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn the_check_in_page_refuses_a_future_date_with_a_sentence() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let (today, later) = today_and_later(&srv);
    c.get("/checkin").await;
    let p = c
        .post_form(
            "/checkin",
            &[
                ("date", later.as_str()),
                ("mood", "6"),
                ("energy", "6"),
                ("area1", "work"),
                ("text1", "kept going"),
                ("area2", "rest"),
                ("text2", "a real lunch"),
                ("area3", "relationships"),
                ("text3", "called my sister"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body.contains(&format!(
            "A check-in can&#39;t be dated {later}, after today ({today})"
        )) || p.body.contains(&format!(
            "A check-in can't be dated {later}, after today ({today})"
        )),
        "{}",
        p.body
    );
    let person = person_of(&srv, EMAIL).await;
    let saved = srv
        .state
        .store
        .list_checkins(&person, None)
        .await
        .expect("list");
    assert!(saved.is_empty(), "nothing saved");
}

#[tokio::test]
async fn an_import_with_a_future_record_is_refused_whole() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let (today, later) = today_and_later(&srv);
    let doc = json!({"format": "goodenough-export", "format_version": 1,
        "exported_at": "2026-01-01T20:00:00Z",
        "settings": {"display_name": "friend", "time_zone": "UTC", "work_start": "09:00",
            "work_end": "17:00", "work_days": ["mon"], "reminder_time": "21:00"},
        "wins": [
            {"id": "w1", "created_at": "2026-01-01T20:00:00Z", "date": today, "text": "fine"},
            {"id": "w2", "created_at": "2026-01-01T20:00:00Z", "date": later, "text": "not yet"}]});
    c.get("/data").await;
    let p = c
        .post_form("/data/import", &[("export", doc.to_string().as_str())])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", p.body);
    assert!(
        p.body.contains("wins[1]") && p.body.contains(&later),
        "{}",
        p.body
    );
    let person = person_of(&srv, EMAIL).await;
    let wins = srv
        .state
        .store
        .list_wins(&person, None)
        .await
        .expect("list");
    assert!(wins.is_empty(), "all or nothing: {wins:?}");
}

#[tokio::test]
async fn control_characters_sent_through_the_api_never_reach_the_report() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.add_token(&person_of(&srv, EMAIL).await, "script").await;
    let (today, _) = today_and_later(&srv);
    let win = json!({"date": today, "text": "Rang\u{7} the bell \u{1b}[1mloudly\u{1b}[0m\r\nthen\u{0}rested"});
    let (status, body) = api_post(&srv, &token, "/api/v1/wins", &win).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["text"], "Rang the bell [1mloudly[0m\nthenrested");
    let report = c.get("/report").await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(
        report.body.contains("Rang the bell [1mloudly[0m"),
        "the words are kept"
    );
    let bad: Vec<char> = report
        .body
        .chars()
        .filter(|ch| ch.is_control() && !matches!(ch, '\n' | '\t'))
        .collect();
    assert!(bad.is_empty(), "control characters in the report: {bad:?}");
}
