//! The outcome summary and git weeks on the web: /boundaries/summary, /git,
//! GET /api/v1/boundaries and GET /api/v1/git/weeks against the real
//! server: signed in / refused when not, a window out of range is a 422
//! with a sentence, and another account sees none of the first one's data.

use chrono::Duration;
use goodenough_core::gitsignals::GitCommit;
use goodenough_web::testing::{person_of, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::Value;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

async fn get_json(srv: &TestServer, token: &str, path: &str) -> (StatusCode, Value) {
    let res = reqwest::Client::new()
        .get(format!("{}{path}", srv.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("request");
    let status = res.status();
    (status, res.json().await.expect("json"))
}

/// Three commits two days ago: one at 03:00 UTC (outside hours on any
/// weekday), two at 12:00.
async fn add_commits(srv: &TestServer, person: &str) {
    let now = srv.state.clock.now();
    let day = (now - Duration::days(2)).date_naive();
    let at = |h: u32| day.and_hms_opt(h, 0, 0).expect("time").and_utc();
    let commits: Vec<GitCommit> = [(1, 3), (2, 12), (3, 12)]
        .iter()
        .map(|(i, h)| GitCommit {
            hash: format!("{i:040x}"),
            at: at(*h),
        })
        .collect();
    let added = srv
        .state
        .store
        .add_git_commits(person, &commits)
        .await
        .expect("add");
    assert_eq!(added, 3);
    assert_eq!(
        srv.state
            .store
            .add_git_commits(person, &commits)
            .await
            .expect("again"),
        0
    );
}

#[tokio::test]
async fn refused_when_signed_out() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let mut anon = srv.client();
    for path in ["/boundaries/summary", "/git"] {
        let p = anon.get(path).await;
        assert_eq!(p.path(), "/login", "{path}");
    }
    for path in ["/api/v1/boundaries", "/api/v1/git/weeks"] {
        let p = anon.get(path).await;
        assert_eq!(p.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(p.json()["error"].as_str().is_some(), "{path}");
    }
}

#[tokio::test]
async fn pages_and_api_show_the_weeks_and_only_your_own() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let person = person_of(&srv, EMAIL).await;
    let token = srv.add_token(&person, "test").await;

    // Nothing yet: twelve weeks of dashes, no git weeks.
    let (status, body) = get_json(&srv, &token, "/api/v1/boundaries").await;
    assert_eq!(status, StatusCode::OK);
    let weeks = body.as_array().expect("array");
    assert_eq!(weeks.len(), 12);
    assert!(weeks.iter().all(|w| w["after_hours_share"].is_null()));
    let (_, git) = get_json(&srv, &token, "/api/v1/git/weeks").await;
    assert_eq!(git, Value::Array(vec![]));
    let p = c.get("/git").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("goodenough git scan"), "{}", p.body);
    assert!(p.body.contains("No commits recorded yet"));

    add_commits(&srv, &person).await;
    let (_, git) = get_json(&srv, &token, "/api/v1/git/weeks").await;
    let git = git.as_array().expect("array");
    let total: i64 = git.iter().map(|w| w["commits"].as_i64().expect("n")).sum();
    let outside: i64 = git
        .iter()
        .map(|w| w["outside_hours"].as_i64().expect("n"))
        .sum();
    assert_eq!(total, 3);
    assert!(outside >= 1, "{git:?}");

    let (_, body) = get_json(&srv, &token, "/api/v1/boundaries?weeks=3").await;
    let weeks = body.as_array().expect("array");
    assert_eq!(weeks.len(), 3);
    let commits: i64 = weeks
        .iter()
        .map(|w| w["commits"].as_i64().expect("n"))
        .sum();
    assert_eq!(commits, 3);
    assert!(weeks
        .iter()
        .any(|w| w["after_hours_share"].as_f64().is_some()));

    let (status, body) = get_json(&srv, &token, "/api/v1/boundaries?weeks=0").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"]
        .as_str()
        .expect("sentence")
        .contains("weeks must be between"));

    let p = c.get("/boundaries/summary?weeks=3").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Outcomes, week by week"));
    assert!(p.body.contains("—"));
    assert!(p.body.contains(git[0]["week"].as_str().expect("week")));
    let p = c.get("/git").await;
    assert!(
        p.body.contains(git[0]["week"].as_str().expect("week")),
        "{}",
        p.body
    );
    let p = c.get("/boundaries/summary?weeks=9999").await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Another account sees none of it.
    let other = srv
        .add_account("sam@example.org", "another long password")
        .await;
    let other_token = srv.add_token(&other, "test").await;
    let (_, git) = get_json(&srv, &other_token, "/api/v1/git/weeks").await;
    assert_eq!(git, Value::Array(vec![]));
    let (_, body) = get_json(&srv, &other_token, "/api/v1/boundaries").await;
    let commits: i64 = body
        .as_array()
        .expect("array")
        .iter()
        .map(|w| w["commits"].as_i64().expect("n"))
        .sum();
    assert_eq!(commits, 0);

    // The OpenAPI document lists both routes.
    let (_, doc) = get_json(&srv, &token, "/api/v1/openapi.json").await;
    assert!(doc["paths"]["/api/v1/boundaries"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/git/weeks"]["get"].is_object());
}
