//! Thoughts, thinking traps, wins and setbacks: the pages (two-step guided
//! reframe without JavaScript) and the JSON API, against the real server.

use goodenough_web::testing::{api_get, api_post, error_of, signed_in, TestClient, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";
const EVIL: &str = "<script>alert(1)</script><b>bold</b>";
const EVIL_ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;";
const CRISIS: &str = "some nights I want to kill myself";

async fn api_post_raw(
    srv: &TestServer,
    token: &str,
    path: &str,
    content_type: &str,
    body: &str,
) -> (StatusCode, Value) {
    let res = reqwest::Client::new()
        .post(format!("{}{path}", srv.base))
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(body.to_string())
        .send()
        .await
        .expect("post");
    let status = res.status();
    (status, res.json().await.expect("json"))
}

/// Thought records as the signed-in browser sees them through the API.
async fn thoughts_of(c: &TestClient) -> Vec<Value> {
    let res = c
        .http
        .get(format!("{}/api/v1/thoughts", c.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.expect("json");
    v.as_array().expect("array").clone()
}

fn step_one<'a>(thought: &'a str, belief: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("date", "2026-03-02"),
        ("situation", "Code review on Monday"),
        ("thought", thought),
        ("belief", belief),
        ("emotions", "anxious:70\nashamed:40"),
    ]
}

#[tokio::test]
async fn pages_redirect_and_api_answers_401_when_signed_out() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let mut anon = srv.client();
    for path in [
        "/thoughts",
        "/thoughts/new",
        "/thoughts/some-id",
        "/traps",
        "/traps?text=always",
        "/wins",
    ] {
        let p = anon.get(path).await;
        assert_eq!(p.path(), "/login", "{path}");
    }
    for path in [
        "/api/v1/thoughts",
        "/api/v1/thoughts/some-id",
        "/api/v1/traps",
        "/api/v1/traps/explain?text=always",
        "/api/v1/wins",
        "/api/v1/setbacks",
    ] {
        let p = anon.get(path).await;
        assert_eq!(p.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(p.json()["error"].as_str().is_some(), "{path}");
    }
    let bad = "Bearer not-a-token";
    for path in ["/api/v1/thoughts", "/api/v1/wins", "/api/v1/setbacks"] {
        let res = anon
            .http
            .post(format!("{}{path}", srv.base))
            .header("Authorization", bad)
            .json(&json!({"text": "x", "situation": "s", "thought": "t", "belief": 5}))
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn guided_reframe_in_two_steps_saves_and_lists() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/thoughts").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("No thought records yet"));
    let p = c.get("/thoughts/new").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("label for=\"thought\""));

    // Step 1: nothing is saved; step 2 shows the thought, the suggested
    // traps with the exact words that matched, every trap and prompts.
    let thought = "I always mess up, I should have caught it";
    let p = c.post_form("/thoughts/new", &step_one(thought, "80")).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("Your thought"));
    assert!(p.body.contains(thought));
    assert!(p.body.contains("Overgeneralisation"));
    assert!(p.body.contains("<mark>always</mark>"), "{}", p.body);
    assert!(p.body.contains("<mark>should have</mark>"));
    assert!(p.body.contains("Some questions that may help"));
    // Suggested traps come first among the checkboxes.
    let first_box = p.body.find("name=\"trap\"").expect("checkboxes");
    let overgen = p.body.find("value=\"overgeneralisation\"").expect("box");
    let labelling = p.body.find("value=\"labelling\"").expect("box");
    assert!(first_box <= overgen && overgen < labelling);
    // Step 1 is carried in hidden fields.
    assert!(p
        .body
        .contains("type=\"hidden\" name=\"situation\" value=\"Code review on Monday\""));
    assert!(p
        .body
        .contains("name=\"emotions\" value=\"anxious:70, ashamed:40\""));
    assert!(thoughts_of(&c).await.is_empty());

    // Step 2 saves and shows the record.
    let mut fields = step_one(thought, "80");
    fields.extend([
        ("trap", "overgeneralisation"),
        ("trap", "should-statements"),
        (
            "reframe",
            "One missed bug is not always; I catch most of them.",
        ),
        ("belief_after", "30"),
        ("action", "save"),
    ]);
    let p = c.post_form("/thoughts", &fields).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.path().starts_with("/thoughts/"), "{}", p.path());
    assert!(p.body.contains("Saved your thought record for 2026-03-02"));
    assert!(p.body.contains("80 → 30"));
    assert!(!p.body.contains("help-heading"));

    let list = thoughts_of(&c).await;
    assert_eq!(list.len(), 1);
    let r = &list[0];
    assert_eq!(r["thought"], thought);
    assert_eq!(r["belief"], 80);
    assert_eq!(r["belief_after"], 30);
    assert_eq!(
        r["traps"],
        json!(["overgeneralisation", "should-statements"])
    );
    assert_eq!(
        r["emotions"][0],
        json!({"name": "anxious", "intensity": 70})
    );
    let id = r["id"].as_str().expect("id");
    assert!(p.path().ends_with(id));

    let p = c.get("/thoughts").await;
    assert!(p.body.contains(thought));
    assert!(p.body.contains("One missed bug is not always"));
    // Trap names, not slugs (the name has quotes, escaped).
    assert!(p
        .body
        .contains("Overgeneralisation, &quot;Should&quot; statements"));
    assert!(p.body.contains(&format!("href=\"/thoughts/{id}\"")));
    let p = c.get(&format!("/thoughts/{id}")).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.body.contains("Saved your thought record"));

    // "Change what I wrote first" goes back to step 1 with the values.
    let mut back = step_one("I never finish anything", "60");
    back.push(("action", "back"));
    let p = c.post_form("/thoughts", &back).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("action=\"/thoughts/new\""));
    assert!(p.body.contains("I never finish anything"));
    assert_eq!(thoughts_of(&c).await.len(), 1);
}

#[tokio::test]
async fn bad_thought_input_is_explained_kept_and_not_saved() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/thoughts/new").await;

    let p = c
        .post_form("/thoughts/new", &step_one("kept words", "101"))
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body
            .contains("belief must be a whole number from 0 to 100; you gave 101."),
        "{}",
        p.body
    );
    assert!(p.body.contains("kept words"));

    let p = c.post_form("/thoughts/new", &step_one("   ", "50")).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("thought is empty"), "{}", p.body);

    let mut f = step_one("fine", "50");
    f[4] = ("emotions", "anxious");
    let p = c.post_form("/thoughts/new", &f).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("NAME:INTENSITY"), "{}", p.body);

    // Step 2 with an unknown trap.
    let mut f = step_one("I always fail", "50");
    f.extend([("trap", "not-a-trap"), ("reframe", "kinder words")]);
    let p = c.post_form("/thoughts", &f).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body
            .contains("&quot;not-a-trap&quot; is not a known thinking trap"),
        "{}",
        p.body
    );
    assert!(p.body.contains("kinder words"));

    // Belief after without a reframe, and out of range.
    let mut f = step_one("I always fail", "50");
    f.push(("belief_after", "20"));
    let p = c.post_form("/thoughts", &f).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("only makes sense with a reframe"));
    let mut f = step_one("I always fail", "50");
    f.extend([("reframe", "x"), ("belief_after", "-1")]);
    let p = c.post_form("/thoughts", &f).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p
        .body
        .contains("belief after must be a whole number from 0 to 100"));

    // Missing fields altogether.
    let p = c.post_form("/thoughts", &[]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("situation is empty"), "{}", p.body);
    let p = c
        .post_form("/thoughts", &[("situation", "s"), ("thought", "t")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("belief must be a whole number"));

    assert!(thoughts_of(&c).await.is_empty());
}

#[tokio::test]
async fn missing_csrf_is_refused_and_nothing_saved() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let mut f = step_one("I always fail", "50");
    f.push(("reframe", "sneaky"));
    let p = c.post_form_raw("/thoughts", &f).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let p = c.post_form_raw("/thoughts/new", &f).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let p = c.post_form_raw("/wins", &[("text", "sneaky win")]).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let p = c
        .post_form_raw("/setbacks", &[("text", "sneaky setback")])
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    // Cookie JSON without the header.
    for (path, body) in [
        (
            "/api/v1/thoughts",
            json!({"situation": "s", "thought": "sneaky", "belief": 5}),
        ),
        ("/api/v1/wins", json!({"text": "sneaky"})),
        ("/api/v1/setbacks", json!({"text": "sneaky"})),
    ] {
        let res = c
            .http
            .post(format!("{}{path}", c.base))
            .json(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert!(thoughts_of(&c).await.is_empty());
    let p = c.get("/wins").await;
    assert!(!p.body.contains("sneaky"));
    assert!(p.body.contains("No wins logged yet"));
    assert!(p.body.contains("No setbacks logged"));
}

#[tokio::test]
async fn traps_page_lists_rules_and_explains_a_text() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/traps").await;
    assert_eq!(p.status, StatusCode::OK);
    for slug in ["all-or-nothing", "overgeneralisation", "labelling"] {
        assert!(p.body.contains(&format!("id=\"{slug}\"")), "{slug}");
    }
    assert!(p.body.contains("Treating one event as proof"));
    assert!(p.body.contains("every ?time"), "patterns are shown");
    assert!(!p.body.contains("The words in that text suggest"));

    let p = c.get("/traps?text=I+always+ruin+everything").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("The words in that text suggest"));
    assert!(p.body.contains("<mark>always</mark>"));
    assert!(p.body.contains("<mark>everything</mark>"));
    assert!(p.body.contains(">I always ruin everything</textarea>"));

    let p = c.get("/traps?text=We+had+lunch+by+the+river").await;
    assert!(p.body.contains("No thinking traps are suggested"));
}

#[tokio::test]
async fn wins_and_setbacks_pages() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/wins").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("label for=\"win-text\""));
    assert!(p.body.contains("label for=\"setback-lesson\""));

    let p = c
        .post_form("/wins", &[("text", "sent the hard email"), ("date", "")])
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.path() == "/wins");
    assert!(p.body.contains("That counts"), "{}", p.body);
    assert!(p.body.contains("sent the hard email"));
    assert!(!p.body.contains("help-heading"));

    let p = c
        .post_form(
            "/setbacks",
            &[
                ("text", "skipped the gym all week"),
                ("lesson", "plan shorter sessions"),
                ("date", "2026-03-01"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Progress is not a straight line"));
    assert!(p.body.contains("skipped the gym all week"));
    assert!(p.body.contains("plan shorter sessions"));
    assert!(p.body.contains("2026-03-01"));

    // Empty text: explained, typed values kept, nothing saved.
    let p = c
        .post_form("/wins", &[("text", "   "), ("date", "2026-03-01")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("win is empty"));
    let p = c
        .post_form("/setbacks", &[("text", ""), ("lesson", "kept lesson")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("setback is empty"));
    assert!(p.body.contains("kept lesson"));
    let p = c
        .post_form("/wins", &[("text", "ok"), ("date", "2026-02-30")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("is not a date that exists"));
    let p = c.post_form("/wins", &[]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);

    let token = srv.token_for(EMAIL).await;
    let (_, wins) = api_get(&srv, &token, "/api/v1/wins").await;
    assert_eq!(wins.as_array().map(Vec::len), Some(1));
    let (_, setbacks) = api_get(&srv, &token, "/api/v1/setbacks").await;
    assert_eq!(setbacks.as_array().map(Vec::len), Some(1));
    assert_eq!(setbacks[0]["lesson"], "plan shorter sessions");

    // GET /setbacks leads to the same page.
    assert_eq!(c.get("/setbacks").await.path(), "/wins");
}

#[tokio::test]
async fn api_thoughts_traps_wins_setbacks() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;

    let (s, v) = api_post(
        &srv,
        &token,
        "/api/v1/thoughts",
        &json!({"date": "2026-03-05", "situation": "demo", "thought": "I never get it right",
                "belief": 70, "emotions": [{"name": "sad", "intensity": 60}],
                "traps": ["Overgeneralisation"], "reframe": "Sometimes I do.", "belief_after": 40}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["traps"], json!(["overgeneralisation"]));
    assert_eq!(v["belief_after"], 40);
    assert_eq!(v["emotions"], json!([{"name": "sad", "intensity": 60}]));
    assert!(v["created_at"].as_str().is_some());
    let id = v["id"].as_str().expect("id").to_string();
    let (s, v2) = api_post(
        &srv,
        &token,
        "/api/v1/thoughts",
        &json!({"date": "2026-03-01", "situation": "earlier", "thought": "minimal", "belief": 0}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v2}");
    assert_eq!(v2["traps"], json!([]));
    assert_eq!(v2["reframe"], Value::Null);

    let (s, list) = api_get(&srv, &token, "/api/v1/thoughts").await;
    assert_eq!(s, StatusCode::OK);
    let dates: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["date"].as_str())
        .collect();
    assert_eq!(dates, ["2026-03-01", "2026-03-05"], "oldest first");
    let (_, since) = api_get(&srv, &token, "/api/v1/thoughts?since=2026-03-02").await;
    assert_eq!(since.as_array().map(Vec::len), Some(1));
    let (s, one) = api_get(&srv, &token, &format!("/api/v1/thoughts/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one, v);
    let (s, e) = api_get(&srv, &token, "/api/v1/thoughts/nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_of(&e).contains("no thought record"));

    // Bad input: a sentence, a 4xx, nothing saved.
    let base = json!({"situation": "s", "thought": "t", "belief": 50});
    let mut cases: Vec<(Value, StatusCode, &str)> = Vec::new();
    let mut b = base.clone();
    b["belief"] = json!(101);
    cases.push((
        b,
        StatusCode::UNPROCESSABLE_ENTITY,
        "belief must be a whole number from 0 to 100",
    ));
    let mut b = base.clone();
    b["thought"] = json!("  ");
    cases.push((b, StatusCode::UNPROCESSABLE_ENTITY, "thought is empty"));
    let mut b = base.clone();
    b["traps"] = json!(["not-a-trap"]);
    cases.push((b, StatusCode::UNPROCESSABLE_ENTITY, "GET /api/v1/traps"));
    let mut b = base.clone();
    b["emotions"] = json!([{"name": "sad", "intensity": 120}]);
    cases.push((b, StatusCode::UNPROCESSABLE_ENTITY, "emotion intensity"));
    let mut b = base.clone();
    b["belief_after"] = json!(10);
    cases.push((
        b,
        StatusCode::UNPROCESSABLE_ENTITY,
        "only makes sense with a reframe",
    ));
    cases.push((
        json!({"situation": "s", "belief": 5}),
        StatusCode::BAD_REQUEST,
        "The field \"thought\" is missing; add it.",
    ));
    let mut b = base.clone();
    b["mood"] = json!(3);
    cases.push((
        b,
        StatusCode::BAD_REQUEST,
        "The field \"mood\" is not one this request takes",
    ));
    for (body, status, words) in cases {
        let (s, e) = api_post(&srv, &token, "/api/v1/thoughts", &body).await;
        assert_eq!(s, status, "{body} -> {e}");
        assert!(error_of(&e).contains(words), "{body} -> {e}");
    }
    let (s, e) = api_post_raw(
        &srv,
        &token,
        "/api/v1/thoughts",
        "application/json",
        "{\"situation\": ",
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(error_of(&e).contains("not valid JSON"));
    let (s, _) = api_post_raw(&srv, &token, "/api/v1/thoughts", "text/plain", "hello").await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (_, list) = api_get(&srv, &token, "/api/v1/thoughts").await;
    assert_eq!(list.as_array().map(Vec::len), Some(2));

    // Traps and the explainer.
    let (s, traps) = api_get(&srv, &token, "/api/v1/traps").await;
    assert_eq!(s, StatusCode::OK);
    let traps = traps.as_array().expect("array");
    assert!(traps.len() >= 13);
    let og = traps
        .iter()
        .find(|t| t["slug"] == "overgeneralisation")
        .expect("overgeneralisation");
    assert!(og["definition"].as_str().is_some_and(|d| !d.is_empty()));
    assert!(og["patterns"].as_array().is_some_and(|p| !p.is_empty()));
    let (s, ex) = api_get(&srv, &token, "/api/v1/traps/explain?text=I%20always%20fail").await;
    assert_eq!(s, StatusCode::OK);
    let og = ex
        .as_array()
        .expect("array")
        .iter()
        .find(|t| t["slug"] == "overgeneralisation")
        .expect("suggested");
    assert_eq!(og["matched"], json!(["always"]));
    let (s, ex) = api_get(
        &srv,
        &token,
        "/api/v1/traps/explain?text=lunch%20by%20the%20river",
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(ex, json!([]));
    let (s, e) = api_get(&srv, &token, "/api/v1/traps/explain").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&e).contains("text is empty"));

    // Wins and setbacks.
    let (s, w) = api_post(
        &srv,
        &token,
        "/api/v1/wins",
        &json!({"date": "2026-03-04", "text": "later win"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    assert_eq!(w["text"], "later win");
    let (s, _) = api_post(
        &srv,
        &token,
        "/api/v1/wins",
        &json!({"date": "2026-03-01", "text": "early win"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, w) = api_post(
        &srv,
        &token,
        "/api/v1/wins",
        &json!({"text": "today's win"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        w["date"],
        srv.state.clock.now().date_naive().to_string(),
        "date defaults to today (UTC account)"
    );
    let (_, wins) = api_get(&srv, &token, "/api/v1/wins?since=2026-01-01").await;
    let texts: Vec<&str> = wins
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|w| w["text"].as_str())
        .take(2)
        .collect();
    assert_eq!(texts, ["early win", "later win"]);
    let (s, sb) = api_post(
        &srv,
        &token,
        "/api/v1/setbacks",
        &json!({"date": "2026-03-02", "text": "missed the deadline", "lesson": "ask earlier"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{sb}");
    assert_eq!(sb["lesson"], "ask earlier");
    let (s, sb) = api_post(
        &srv,
        &token,
        "/api/v1/setbacks",
        &json!({"text": "no lesson yet", "lesson": "  "}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(sb["lesson"], Value::Null);
    for (path, body, status, words) in [
        (
            "/api/v1/wins",
            json!({"text": ""}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "win is empty",
        ),
        (
            "/api/v1/wins",
            json!({}),
            StatusCode::BAD_REQUEST,
            "The field \"text\" is missing; add it.",
        ),
        (
            "/api/v1/wins",
            json!({"text": "x", "date": "2026-13-01"}),
            StatusCode::BAD_REQUEST,
            "The field \"date\" is not a date or time that can be read",
        ),
        (
            "/api/v1/setbacks",
            json!({"text": " "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "setback is empty",
        ),
        (
            "/api/v1/setbacks",
            json!({"lesson": "x"}),
            StatusCode::BAD_REQUEST,
            "The field \"text\" is missing; add it.",
        ),
    ] {
        let (s, e) = api_post(&srv, &token, path, &body).await;
        assert_eq!(s, status, "{path} {body} -> {e}");
        assert!(error_of(&e).contains(words), "{path} {body} -> {e}");
    }
    let (s, e) = api_post_raw(
        &srv,
        &token,
        "/api/v1/setbacks",
        "application/json",
        "not json",
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{e}");
    let (_, wins) = api_get(&srv, &token, "/api/v1/wins").await;
    assert_eq!(wins.as_array().map(Vec::len), Some(3));
    let (_, setbacks) = api_get(&srv, &token, "/api/v1/setbacks").await;
    assert_eq!(setbacks.as_array().map(Vec::len), Some(2));
    assert_eq!(setbacks[0]["text"], "missed the deadline");
}

#[tokio::test]
async fn another_person_sees_nothing_of_the_first() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let (_, t) = api_post(
        &srv,
        &token,
        "/api/v1/thoughts",
        &json!({"situation": "private-situation", "thought": "private-thought", "belief": 50}),
    )
    .await;
    let id = t["id"].as_str().expect("id").to_string();
    c.get("/wins").await;
    c.post_form("/wins", &[("text", "private-win")]).await;
    c.post_form("/setbacks", &[("text", "private-setback")])
        .await;

    let other = "sam@example.org";
    srv.add_account(other, PW).await;
    let mut sam = srv.client();
    let p = sam.login(other, PW).await;
    assert_eq!(p.path(), "/today", "{}", p.body);
    let p = sam.get(&format!("/thoughts/{id}")).await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(!p.body.contains("private-thought"));
    for path in ["/thoughts", "/wins"] {
        let p = sam.get(path).await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(!p.body.contains("private-"), "{path}");
    }
    let sam_token = srv.token_for(other).await;
    let (s, _) = api_get(&srv, &sam_token, &format!("/api/v1/thoughts/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    for path in ["/api/v1/thoughts", "/api/v1/wins", "/api/v1/setbacks"] {
        let (s, v) = api_get(&srv, &sam_token, path).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v, json!([]), "{path}");
    }
    // The first person still has them.
    let (_, v) = api_get(&srv, &token, &format!("/api/v1/thoughts/{id}")).await;
    assert_eq!(v["thought"], "private-thought");
}

#[tokio::test]
async fn html_in_every_text_field_is_escaped() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/thoughts/new").await;
    let emotion = format!("{EVIL}:50");
    let fields: Vec<(&str, &str)> = vec![
        ("situation", EVIL),
        ("thought", EVIL),
        ("belief", "50"),
        ("emotions", emotion.as_str()),
    ];
    let step2 = c.post_form("/thoughts/new", &fields).await;
    assert_eq!(step2.status, StatusCode::OK, "{}", step2.body);
    let mut all = fields.clone();
    all.extend([("reframe", EVIL), ("belief_after", "20")]);
    let saved = c.post_form("/thoughts", &all).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    // A rejected form shows the typed text escaped too.
    let mut bad = fields.clone();
    bad[2] = ("belief", "500");
    let rejected = c.post_form("/thoughts/new", &bad).await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    c.get("/wins").await;
    c.post_form("/wins", &[("text", EVIL)]).await;
    let wins = c
        .post_form("/setbacks", &[("text", EVIL), ("lesson", EVIL)])
        .await;
    let list = c.get("/thoughts").await;
    let traps = c
        .get("/traps?text=%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cb%3Ebold%3C%2Fb%3E")
        .await;
    for (name, page) in [
        ("step 2", &step2),
        ("saved", &saved),
        ("rejected", &rejected),
        ("wins", &wins),
        ("list", &list),
        ("traps", &traps),
    ] {
        assert!(!page.body.contains("<script>alert(1)"), "{name}");
        assert!(!page.body.contains("<b>bold"), "{name}");
        assert!(page.body.contains(EVIL_ESCAPED), "{name}");
    }
    // Every field of the saved record, escaped on its page.
    assert!(
        saved.body.matches(EVIL_ESCAPED).count() >= 4,
        "{}",
        saved.body
    );
    assert!(wins.body.matches(EVIL_ESCAPED).count() >= 3);
}

#[tokio::test]
async fn crisis_language_shows_help_after_saving() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/thoughts/new").await;
    let mut f = step_one("I am useless", "90");
    f.push(("reframe", CRISIS));
    let p = c.post_form("/thoughts", &f).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Saved your thought record"));
    assert!(p.body.contains("help-heading"), "{}", p.body);
    assert_eq!(thoughts_of(&c).await.len(), 1, "saved either way");

    let p = c.post_form("/wins", &[("text", CRISIS)]).await;
    assert!(p.body.contains("That counts"));
    assert!(p.body.contains("help-heading"));
    let p = c
        .post_form("/setbacks", &[("text", "bad week"), ("lesson", CRISIS)])
        .await;
    assert!(p.body.contains("Progress is not a straight line"));
    assert!(p.body.contains("help-heading"));
    let p = c.post_form("/setbacks", &[("text", "bad week")]).await;
    assert!(!p.body.contains("help-heading"));
    let p = c.get("/traps?text=I+want+to+kill+myself").await;
    assert!(p.body.contains("help-heading"));
}

#[tokio::test]
async fn openapi_document_lists_these_routes() {
    let srv = TestServer::start().await;
    let mut c = srv.client();
    let doc = c.get("/api/v1/openapi.json").await.json();
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/api/v1/thoughts", &["get", "post"][..]),
        ("/api/v1/thoughts/{id}", &["get"][..]),
        ("/api/v1/traps", &["get"][..]),
        ("/api/v1/traps/explain", &["get"][..]),
        ("/api/v1/wins", &["get", "post"][..]),
        ("/api/v1/setbacks", &["get", "post"][..]),
    ] {
        for m in methods {
            assert!(paths[path][m].is_object(), "{m} {path}");
        }
    }
    assert!(paths["/api/v1/thoughts"]["post"]["responses"]["201"].is_object());
    assert!(paths["/api/v1/thoughts/{id}"]["get"]["responses"]["404"].is_object());
    let schemas = &doc["components"]["schemas"];
    for name in [
        "NewThought",
        "NewEmotion",
        "NewWin",
        "NewSetback",
        "Trap",
        "TrapSuggestion",
    ] {
        assert!(schemas[name].is_object(), "schema {name} missing");
    }
    let trap_fields = schemas["Trap"]["properties"]
        .as_object()
        .expect("Trap properties");
    assert!(trap_fields.contains_key("patterns"));
    assert!(
        !trap_fields.contains_key("compiled"),
        "internal field hidden"
    );
    let required: Vec<&str> = schemas["NewThought"]["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for field in ["situation", "thought", "belief"] {
        assert!(required.contains(&field), "{field} not required");
    }
}
