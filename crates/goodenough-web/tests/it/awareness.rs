//! Inner critic, values and practices: pages and JSON API against the real
//! server (signed in, refused, CSRF, bad input, another person's records).

use goodenough_web::testing::{api, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

#[tokio::test]
async fn critic_page_and_api() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/critic").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Not described yet"));
    let p = c
        .post_form(
            "/critic",
            &[
                ("name", "The Judge"),
                ("says", "Not good enough\nYou always mess up"),
                ("learned", "school"),
                ("protects", "me from rejection"),
                ("kind_answer", "I did my best"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("The Judge"));
    assert!(p.body.contains("You always mess up"));
    // Bad input: no phrase.
    let p = c
        .post_form("/critic", &[("name", "X"), ("says", "  ")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("at least one thing"));
    // Without the CSRF token: refused.
    let p = c
        .post_form_raw("/critic", &[("name", "Y"), ("says", "z")])
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);

    let token = srv.token_for(EMAIL).await;
    let (s, v) = api(&srv, &token, reqwest::Method::GET, "/api/v1/critic", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["name"], "The Judge");
    let (s, v) = api(
        &srv,
        &token,
        reqwest::Method::PUT,
        "/api/v1/critic",
        Some(&json!({"name": "Coach", "says": ["hurry"]})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["says"], json!(["hurry"]));
    let (s, v) = api(
        &srv,
        &token,
        reqwest::Method::PUT,
        "/api/v1/critic",
        Some(&json!({"name": "", "says": ["x"]})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"]
        .as_str()
        .expect("sentence")
        .contains("critic name"));
}

#[tokio::test]
async fn values_page_and_api() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/values").await;
    let p = c
        .post_form("/values", &[("name", "friend"), ("practice", "call Sam")])
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("call Sam"));
    let p = c
        .post_form("/values", &[("name", "friend"), ("practice", "")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);

    let token = srv.token_for(EMAIL).await;
    let (s, v) = api(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/values",
        Some(&json!({"name": "watercolourist", "practice": "Saturday colour"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let id = v["id"].as_str().expect("id").to_string();
    let (_, list) = api(&srv, &token, reqwest::Method::GET, "/api/v1/values", None).await;
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|v| v["name"].as_str())
        .collect();
    assert_eq!(names, vec!["friend", "watercolourist"]);
    let (s, _) = api(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/values",
        Some(&json!({"name": "x"})),
    )
    .await;
    assert!(s.is_client_error());

    // Another person can neither see nor remove it.
    let other = "sam@example.org";
    srv.add_account(other, PW).await;
    let mut sam = srv.client();
    sam.login(other, PW).await;
    let p = sam.get("/values").await;
    assert!(!p.body.contains("watercolourist"));
    let p = sam.post_form(&format!("/values/{id}/remove"), &[]).await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let sam_token = srv.token_for(other).await;
    for path in ["/api/v1/values", "/api/v1/practice-logs"] {
        let (s, v) = api(&srv, &sam_token, reqwest::Method::GET, path, None).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v, json!([]), "{path}");
    }
    let (_, v) = api(
        &srv,
        &sam_token,
        reqwest::Method::GET,
        "/api/v1/critic",
        None,
    )
    .await;
    assert_eq!(v, Value::Null);
    // The owner removes it.
    let p = c.post_form(&format!("/values/{id}/remove"), &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.body.contains("Saturday colour"));
}

#[tokio::test]
async fn practices_page_timer_list_and_log() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/practices").await;
    assert_eq!(p.status, StatusCode::OK);
    // Without JavaScript: every cue with its time.
    assert!(p.body.contains("Paced breathing"));
    assert!(p.body.contains("data-at=\"10\""));
    assert!(p.body.contains("0:10"));
    let p = c
        .post_form("/practices", &[("practice", "grounding"), ("minutes", "4")])
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Logged."));
    assert!(p.body.contains("grounding, 4 min"));
    let p = c
        .post_form("/practices", &[("practice", "grounding"), ("minutes", "0")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p = c
        .post_form("/practices", &[("practice", "nope"), ("minutes", "3")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("no practice called"));

    let token = srv.token_for(EMAIL).await;
    let (s, v) = api(
        &srv,
        &token,
        reqwest::Method::GET,
        "/api/v1/practices",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().expect("array").len(), 4);
    let (s, v) = api(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/practice-logs",
        Some(&json!({"practice": "breathing", "minutes": 3, "date": "2026-01-05"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, _) = api(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/practice-logs",
        Some(&json!({"practice": "breathing", "minutes": 601})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, logs) = api(
        &srv,
        &token,
        reqwest::Method::GET,
        "/api/v1/practice-logs",
        None,
    )
    .await;
    let logs = logs.as_array().expect("array");
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0]["date"], "2026-01-05");
}

#[tokio::test]
async fn signed_out_is_refused() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let mut anon = srv.client();
    for path in [
        "/api/v1/critic",
        "/api/v1/values",
        "/api/v1/practices",
        "/api/v1/practice-logs",
    ] {
        let res = reqwest::get(format!("{}{path}", srv.base))
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    for path in ["/critic", "/values", "/practices"] {
        let p = anon.get(path).await;
        assert!(p.path().starts_with("/login"), "{path}: {}", p.path());
    }
}

/// A text that must never leave the records it was typed into.
const CANARY: &str = "canary-heron-5519";

/// Makes a calendar address on the Data page and returns its path.
async fn feed_address(c: &mut goodenough_web::testing::TestClient) -> String {
    c.get("/data").await;
    let made = c.post_form("/data/calendar", &[]).await;
    assert_eq!(made.status, StatusCode::OK);
    let start = made.body.find("/calendar/").expect("feed address");
    let end = made.body[start..].find(".ics").expect(".ics") + start + 4;
    made.body[start..end].to_string()
}

async fn fetch(srv: &TestServer, path: &str) -> String {
    reqwest::get(format!("{}{path}", srv.base))
        .await
        .expect("feed")
        .text()
        .await
        .expect("body")
}

/// The Data page says what the feed holds; the feed holds exactly that: a
/// block, a running timebox and a due experiment whose every text carries a
/// canary, and the canary is nowhere in the feed.
#[tokio::test]
async fn calendar_feed_holds_only_what_the_data_page_promises() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let due = (srv.state.clock.now().date_naive() + chrono::Days::new(5)).to_string();
    for (path, body) in [
        (
            "/api/v1/blocks",
            json!({"title": format!("{CANARY} painting"), "weekly": "sat 10:00-12:00"}),
        ),
        (
            "/api/v1/timeboxes",
            json!({"title": format!("{CANARY} report"), "limit": "90m"}),
        ),
        (
            "/api/v1/experiments",
            json!({"belief": format!("{CANARY} belief"), "prediction": format!("{CANARY} fear"),
                   "likelihood": 70, "anxiety": 60, "due": due}),
        ),
    ] {
        let (s, v) = api(&srv, &token, reqwest::Method::POST, path, Some(&body)).await;
        assert_eq!(s, StatusCode::CREATED, "{path}: {v}");
    }
    let address = feed_address(&mut c).await;
    let page = c.get("/data").await;
    assert!(
        page.body
            .contains("as &quot;Personal time&quot; (without the titles you gave them)")
            || page
                .body
                .contains("as \"Personal time\" (without the titles you gave them)"),
        "the Data page says what the feed holds"
    );
    assert!(!page.body.contains("and nothing else"));

    let feed = fetch(&srv, &address).await;
    let parsed: icalendar::Calendar = feed.parse().expect("valid iCalendar");
    // The time zone, the reminder, the block, the timebox, the experiment.
    assert_eq!(parsed.components.len(), 5, "{feed}");
    assert!(
        !feed.contains(CANARY),
        "the feed carries typed text:\n{feed}"
    );
    let lines: Vec<&str> = feed.lines().map(str::trim_end).collect();
    for summary in [
        "SUMMARY:Evening check-in (goodenough)",
        "SUMMARY:Personal time (goodenough)",
        "SUMMARY:Timebox (goodenough)",
        "SUMMARY:Behavioural experiment due (goodenough)",
    ] {
        assert!(lines.contains(&summary), "{summary} missing:\n{feed}");
    }
    assert!(lines.contains(&"RRULE:FREQ=WEEKLY;BYDAY=SA"));
    assert!(lines.contains(&"BEGIN:VALARM"));
}

/// RFC 5545 in the feed: goodenough's PRODID, a VTIMEZONE for every TZID,
/// all-day events ending after they start, the same UIDs on every fetch.
#[tokio::test]
async fn calendar_feed_is_well_formed_and_stable() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    let person = goodenough_web::testing::person_of(&srv, EMAIL).await;
    let zone = "America/New_York";
    let mut settings = srv.state.store.settings(&person).await.expect("settings");
    settings.time_zone = zone.to_string();
    srv.state
        .store
        .put_settings(&person, &settings)
        .await
        .expect("save settings");
    let due_date = srv.state.clock.now().date_naive() + chrono::Days::new(5);
    let (s, v) = api(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/experiments",
        Some(
            &json!({"belief": "b", "prediction": "p", "likelihood": 50, "anxiety": 50,
                     "due": due_date.to_string()}),
        ),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let address = feed_address(&mut c).await;
    let first = fetch(&srv, &address).await;
    srv.state.clock.advance(chrono::Duration::minutes(90));
    let second = fetch(&srv, &address).await;

    let lines: Vec<&str> = first.lines().map(str::trim_end).collect();
    let prodid = format!(
        "PRODID:-//goodenough//goodenough {}//EN",
        env!("CARGO_PKG_VERSION")
    );
    assert!(lines.contains(&prodid.as_str()), "{first}");
    let mut tzids: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_once(";TZID=").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split([':', ';']).next())
        .collect();
    tzids.sort_unstable();
    tzids.dedup();
    assert_eq!(tzids, [zone]);
    for tzid in &tzids {
        let at = lines
            .iter()
            .position(|l| *l == "BEGIN:VTIMEZONE")
            .expect("a VTIMEZONE");
        assert_eq!(lines[at + 1], format!("TZID:{tzid}"));
    }
    let day = |d: chrono::NaiveDate| d.format("%Y%m%d").to_string();
    assert!(lines.contains(&format!("DTSTART;VALUE=DATE:{}", day(due_date)).as_str()));
    assert!(lines
        .contains(&format!("DTEND;VALUE=DATE:{}", day(due_date + chrono::Days::new(1))).as_str()));
    let uids = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(|l| l.trim_end().to_string())
            .collect()
    };
    let alarm_uid = lines
        .iter()
        .skip_while(|l| **l != "BEGIN:VALARM")
        .take_while(|l| **l != "END:VALARM")
        .find(|l| l.starts_with("UID:"))
        .expect("the alarm has a UID")
        .to_string();
    assert_eq!(uids(&first), uids(&second), "UIDs change between fetches");
    assert!(uids(&second).contains(&alarm_uid));
}

#[tokio::test]
async fn thought_page_names_the_critic_with_matched_words() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;
    api(
        &srv,
        &token,
        reqwest::Method::PUT,
        "/api/v1/critic",
        Some(&json!({"name": "The Judge", "says": ["not good enough"]})),
    )
    .await;
    let (s, t) = api(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/thoughts",
        Some(&json!({"situation": "review", "thought": "My slides are NOT good enough", "belief": 70})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let mut c = srv.client();
    c.login(EMAIL, PW).await;
    let p = c
        .get(&format!("/thoughts/{}", t["id"].as_str().expect("id")))
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.body.contains("This sounds like The Judge: matched"),
        "{}",
        p.body
    );
}
