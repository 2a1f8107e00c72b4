//! Every free-text field a person can write in the web app, through the API
//! and through the pages, passes the crisis check: the record is saved as
//! usual and the answer points to help now. The fields here are the ones a
//! first walk found unchecked (timebox titles, hobby and block names,
//! values, critic phrases, evidence, review reflections, questionnaire
//! notes, timebox notes); the check itself sits in one middleware, so these
//! cases prove that it reaches every kind of route.

use goodenough_web::testing::{signed_in, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

/// Ways people say it, as a first walk wrote them (all missed before).
const PHRASES: &[&str] = &[
    "I want to die",
    "I don't want to be here anymore",
    "life isn't worth living",
    "I'm a burden to everyone",
    "I've been hurting myself again",
];

/// (method, path, body with the phrase `{}` in a free-text field).
fn api_cases(phrase: &str) -> Vec<(Method, &'static str, Value)> {
    vec![
        (
            Method::POST,
            "/api/v1/hobbies",
            json!({ "name": format!("piano, {phrase}") }),
        ),
        (
            Method::POST,
            "/api/v1/blocks",
            json!({ "title": phrase, "weekly": "sat 10:00-12:00" }),
        ),
        (
            Method::PUT,
            "/api/v1/critic",
            json!({ "name": "The judge", "says": ["You are lazy", phrase] }),
        ),
        (
            Method::POST,
            "/api/v1/values",
            json!({ "name": "friend", "practice": phrase }),
        ),
        (
            Method::POST,
            "/api/v1/evidence",
            json!({ "kind": "accomplishment", "text": phrase, "attribution": "effort" }),
        ),
        (
            Method::POST,
            "/api/v1/reviews",
            json!({ "breakthroughs": [phrase] }),
        ),
        (
            Method::POST,
            "/api/v1/assessments",
            json!({
                "instrument": "perfectionism-snapshot",
                "answers": [5, 5, 5, 5],
                "notes": { "overwork": phrase },
            }),
        ),
        (
            Method::POST,
            "/api/v1/timeboxes",
            json!({ "title": phrase, "limit": "25m" }),
        ),
        (
            Method::POST,
            "/api/v1/timeboxes/current/revise",
            json!({ "note": phrase }),
        ),
        (
            Method::POST,
            "/api/v1/timeboxes/current/stop",
            json!({ "outcome": "shipped" }),
        ),
    ]
}

async fn send(
    srv: &TestServer,
    token: &str,
    method: Method,
    path: &str,
    body: &Value,
) -> (StatusCode, Option<String>, Option<String>, Value) {
    let res = reqwest::Client::new()
        .request(method, format!("{}{path}", srv.base))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("request");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let help = header("x-goodenough-help-now");
    let link = header("link");
    let status = res.status();
    let body = res.json().await.unwrap_or(Value::Null);
    (status, help, link, body)
}

#[tokio::test]
async fn every_api_text_field_is_checked_and_saved() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;

    // Calm text: saved, no signposting.
    for (method, path, body) in api_cases("a quiet, ordinary afternoon") {
        let (status, help, link, answer) = send(&srv, &token, method, path, &body).await;
        assert!(status.is_success(), "{path}: {status} {answer}");
        assert_eq!(help, None, "{path}: calm text has no help-now header");
        assert_eq!(link, None, "{path}: calm text has no Link header");
    }

    for phrase in PHRASES {
        for (method, path, body) in api_cases(phrase) {
            let (status, help, link, answer) = send(&srv, &token, method, path, &body).await;
            assert!(
                status.is_success(),
                "{path} with {phrase:?}: saved like any text, got {status} {answer}"
            );
            if path.ends_with("/stop") {
                continue; // ends the box; carries no text
            }
            assert_eq!(help.as_deref(), Some("/help-now"), "{path}: {phrase:?}");
            assert_eq!(
                link.as_deref(),
                Some("</help-now>; rel=\"help\""),
                "{path}: {phrase:?}"
            );
        }
    }

    // Saved, not refused: the texts are there to read back.
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/evidence", srv.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get");
    let all: Value = res.json().await.expect("json");
    let texts: Vec<&str> = all
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    for phrase in PHRASES {
        assert!(texts.contains(phrase), "{phrase:?} saved in {texts:?}");
    }
}

#[tokio::test]
async fn a_refused_request_still_points_to_help() {
    // The phrase comes with a mistake elsewhere (no limit for the box): the
    // answer says what to fix and still shows where help is.
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let (status, help, _, answer) = send(
        &srv,
        &token,
        Method::POST,
        "/api/v1/timeboxes",
        &json!({ "title": "I want to die", "limit": "forever" }),
    )
    .await;
    assert!(status.is_client_error(), "{status} {answer}");
    assert!(answer["error"].as_str().is_some(), "{answer}");
    assert_eq!(help.as_deref(), Some("/help-now"));
}

/// (form path, fields with the phrase in a free-text field, page to read).
fn page_cases(phrase: &str) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    vec![
        ("/joy/hobbies", vec![("name", phrase.to_string())]),
        (
            "/joy/blocks",
            vec![
                ("title", phrase.to_string()),
                ("day", "sat".into()),
                ("start", "10:00".into()),
                ("end", "12:00".into()),
            ],
        ),
        (
            "/critic",
            vec![
                ("name", "The judge".into()),
                ("says", format!("You are lazy\n{phrase}")),
            ],
        ),
        (
            "/values",
            vec![("name", "friend".into()), ("practice", phrase.to_string())],
        ),
        (
            "/evidence",
            vec![
                ("kind", "accomplishment".into()),
                ("text", phrase.to_string()),
                ("attribution", "effort".into()),
            ],
        ),
        ("/reviews", vec![("breakthroughs", phrase.to_string())]),
        (
            "/timeboxes",
            vec![("title", phrase.to_string()), ("limit", "25m".into())],
        ),
    ]
}

#[tokio::test]
async fn every_page_form_shows_help_after_saving_and_only_once() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    for phrase in PHRASES {
        for (path, fields) in page_cases(phrase) {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let page = c.post_form(path, &fields).await;
            assert!(
                page.status.is_success(),
                "{path} with {phrase:?}: {} {}",
                page.status,
                page.body
            );
            assert!(
                page.body.contains("id=\"help-heading\""),
                "{path} with {phrase:?}: the page after saving shows Help now"
            );
            assert_eq!(
                page.body.matches("id=\"help-heading\"").count(),
                1,
                "{path}: one help block, not two"
            );
            if path == "/timeboxes" {
                c.post_form("/timeboxes/stop", &[("outcome", "shipped")])
                    .await;
            }
            // The next page is ordinary again.
            let next = c.get("/today").await;
            assert!(
                !next.body.contains("id=\"help-heading\""),
                "{path}: help is shown once, after the entry"
            );
        }
    }
    // A calm entry shows no help block.
    c.get("/evidence").await;
    let page = c
        .post_form(
            "/evidence",
            &[
                ("kind", "accomplishment"),
                ("text", "led the planning meeting"),
                ("attribution", "ability"),
            ],
        )
        .await;
    assert!(page.status.is_success(), "{}", page.body);
    assert!(!page.body.contains("id=\"help-heading\""));
}

#[tokio::test]
async fn the_help_page_on_its_own_claims_nothing_was_saved() {
    let srv = TestServer::start().await;
    let mut c = srv.client();
    let page = c.get("/help-now").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.to_lowercase().contains("has been saved"),
        "{}",
        page.body
    );
    assert!(
        !page.body.to_lowercase().contains("was saved"),
        "{}",
        page.body
    );
}
