//! The crisis signal of the JSON API: a POST whose text matches the crisis
//! rules is saved like any other (201, same body shape) and its answer
//! carries `X-Goodenough-Help-Now: /help-now` and `Link: </help-now>;
//! rel="help"`; ordinary text gets neither header.

use goodenough_web::testing::TestServer;
use reqwest::StatusCode;
use serde_json::{json, Value};

const CRISIS: &str = "some nights I want to kill myself";

struct Answer {
    status: StatusCode,
    help_now: Option<String>,
    link: Option<String>,
    body: Value,
}

async fn post(srv: &TestServer, token: &str, path: &str, body: &Value) -> Answer {
    let res = reqwest::Client::new()
        .post(format!("{}{path}", srv.base))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("post");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let help_now = header("x-goodenough-help-now");
    let link = header("link");
    let status = res.status();
    Answer {
        status,
        help_now,
        link,
        body: res.json().await.expect("json"),
    }
}

async fn count(srv: &TestServer, token: &str, path: &str) -> usize {
    let res = reqwest::Client::new()
        .get(format!("{}{path}", srv.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.expect("json");
    v.as_array().expect("array").len()
}

fn checkin(date: &str, note: &str, appreciation: &str) -> Value {
    json!({
        "date": date,
        "mood": 5,
        "energy": 5,
        "appreciations": [
            {"area": "work", "text": "finished the draft"},
            {"area": "rest", "text": appreciation},
            {"area": "health", "text": "walked home"},
        ],
        "note": note,
    })
}

/// For each POST route: (path, calm body, bodies with crisis text in each
/// free-text field).
fn cases() -> Vec<(&'static str, Value, Vec<Value>)> {
    vec![
        (
            "/api/v1/checkins",
            checkin("2024-03-01", "a quiet evening", "tea with a friend"),
            vec![
                checkin("2024-03-02", CRISIS, "tea with a friend"),
                checkin("2024-03-03", "a quiet evening", CRISIS),
            ],
        ),
        (
            "/api/v1/thoughts",
            json!({"situation": "a meeting", "thought": "I always get it wrong", "belief": 70}),
            vec![
                json!({"situation": CRISIS, "thought": "I always get it wrong", "belief": 70}),
                json!({"situation": "a meeting", "thought": CRISIS, "belief": 70}),
                json!({"situation": "a meeting", "thought": "I always get it wrong", "belief": 70,
                       "reframe": CRISIS, "belief_after": 60}),
            ],
        ),
        (
            "/api/v1/wins",
            json!({"text": "shipped the small fix"}),
            vec![json!({"text": CRISIS})],
        ),
        (
            "/api/v1/setbacks",
            json!({"text": "missed the deadline", "lesson": "ask earlier"}),
            vec![
                json!({"text": CRISIS, "lesson": "ask earlier"}),
                json!({"text": "missed the deadline", "lesson": CRISIS}),
            ],
        ),
    ]
}

#[tokio::test]
async fn crisis_text_is_saved_and_the_answer_points_to_help_now() {
    let srv = TestServer::start().await;
    let person = srv
        .add_account("alex@example.org", "correct horse battery")
        .await;
    let token = srv.add_token(&person, "test").await;

    for (path, calm, crisis_bodies) in cases() {
        let a = post(&srv, &token, path, &calm).await;
        assert_eq!(a.status, StatusCode::CREATED, "{path}: {}", a.body);
        assert_eq!(a.help_now, None, "{path}: calm text has no help-now header");
        assert_eq!(a.link, None, "{path}: calm text has no Link header");
        let calm_keys: Vec<String> = a
            .body
            .as_object()
            .expect("object")
            .keys()
            .cloned()
            .collect();

        for (i, body) in crisis_bodies.iter().enumerate() {
            let a = post(&srv, &token, path, body).await;
            assert_eq!(a.status, StatusCode::CREATED, "{path} #{i}: {}", a.body);
            assert_eq!(a.help_now.as_deref(), Some("/help-now"), "{path} #{i}");
            assert_eq!(
                a.link.as_deref(),
                Some("</help-now>; rel=\"help\""),
                "{path} #{i}"
            );
            let obj = a.body.as_object().expect("object");
            for k in &calm_keys {
                // The same shape as a calm answer (each crisis body fills
                // at least the fields its calm body fills).
                assert!(obj.contains_key(k), "{path} #{i}: {k} missing");
            }
            assert!(
                a.body.to_string().contains("kill myself"),
                "{path} #{i}: the text is saved as written"
            );
        }
        // Every record was saved, the crisis ones included.
        assert_eq!(
            count(&srv, &token, path).await,
            1 + crisis_bodies.len(),
            "{path}"
        );
    }

    // The page the header points to answers without sign-in.
    let res = reqwest::get(format!("{}/help-now", srv.base))
        .await
        .expect("help-now");
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn openapi_documents_the_help_now_headers_on_every_post() {
    let srv = TestServer::start().await;
    let mut c = srv.client();
    let doc = c.get("/api/v1/openapi.json").await.json();
    for (path, _, _) in cases() {
        let created = &doc["paths"][path]["post"]["responses"]["201"];
        let headers = created["headers"].as_object().expect("headers");
        assert!(
            headers.contains_key("X-Goodenough-Help-Now") && headers.contains_key("Link"),
            "{path}: {headers:?}"
        );
        assert!(created["description"]
            .as_str()
            .is_some_and(|d| d.contains("crisis")));
    }
}
