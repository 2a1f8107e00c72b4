//! Reminders on a device (Web Push), end to end: the test runs its own push
//! service on loopback, makes a device's keys itself (a P-256 key pair and a
//! 16-byte secret), subscribes through the API, moves the server's clock
//! across the reminder time and turns the scheduler by hand. What arrives
//! is decrypted (RFC 8291, aes128gcm) and checked: the fixed sentence and
//! nothing else, one reminder a day, none on a day checked in, none on a
//! rest day, none in quiet hours, and a 410 from the push service forgets
//! the device; then a coach's step due today and a timebox reaching its
//! end, each reminded of once, naming neither. On SQLite always and on PostgreSQL when
//! GOODENOUGH_TEST_DATABASE_URL names a server, where two servers on one
//! database send each reminder once.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use axum::routing::post;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use goodenough_core::Settings;
use goodenough_store::Store;
use goodenough_web::testing::{api_get, api_post, error_of, TestServer};
use goodenough_web::WebConfig;
use reqwest::StatusCode;
use serde_json::{json, Value};
use web_push_native::p256;
use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint as _;

const PW: &str = "correct horse battery";

/// One message as the push service received it.
#[derive(Clone)]
struct Received {
    path: String,
    authorization: String,
    encoding: String,
    body: Vec<u8>,
}

#[derive(Clone, Default)]
struct Service {
    got: Arc<Mutex<Vec<Received>>>,
    /// The status the service answers with (201 until a test changes it).
    answer: Arc<AtomicU16>,
}

/// A push service on 127.0.0.1 that keeps what it receives.
async fn push_service() -> (String, Service) {
    async fn take(
        State(s): State<Service>,
        uri: axum::http::Uri,
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> AxumStatus {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        s.got.lock().expect("lock").push(Received {
            path: uri.path().to_string(),
            authorization: header("authorization"),
            encoding: header("content-encoding"),
            body: body.to_vec(),
        });
        AxumStatus::from_u16(s.answer.load(Ordering::SeqCst)).expect("a status")
    }
    let service = Service::default();
    service.answer.store(201, Ordering::SeqCst);
    let app = axum::Router::new()
        .route("/push/{device}", post(take))
        .with_state(service.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the push service");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (base, service)
}

/// A device's keys, as a browser makes them.
struct DeviceKeys {
    secret: p256::SecretKey,
    auth: [u8; 16],
}

impl DeviceKeys {
    fn new() -> DeviceKeys {
        let secret = loop {
            let raw: [u8; 32] = rand::random();
            if let Ok(k) = p256::SecretKey::from_slice(&raw) {
                break k;
            }
        };
        DeviceKeys {
            secret,
            auth: rand::random(),
        }
    }

    fn subscription(&self, endpoint: &str) -> Value {
        let public = self.secret.public_key().to_encoded_point(false);
        json!({
            "endpoint": endpoint,
            "keys": {
                "p256dh": URL_SAFE_NO_PAD.encode(public.as_bytes()),
                "auth": URL_SAFE_NO_PAD.encode(self.auth),
            },
            "device": "Test phone",
        })
    }

    /// The plain text of a message the push service received.
    fn open(&self, r: &Received) -> String {
        assert_eq!(r.encoding, "aes128gcm");
        let auth = web_push_native::Auth::clone_from_slice(&self.auth);
        let plain =
            web_push_native::decrypt(r.body.clone(), &self.secret, &auth).expect("decrypts");
        String::from_utf8(plain).expect("utf-8")
    }
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("an instant")
        .with_timezone(&Utc)
}

/// Alex in Berlin with the reminder at 20:30 (19:30 UTC in winter) and an
/// API token.
async fn alex(srv: &TestServer, email: &str) -> (String, String) {
    let person = srv.add_account(email, PW).await;
    let settings = Settings {
        reminder_time: "20:30".to_string(),
        ..Settings::defaults("Europe/Berlin")
    };
    srv.state
        .store
        .put_settings(&person, &settings)
        .await
        .expect("settings");
    let token = srv.add_token(&person, "test").await;
    (person, token)
}

async fn tick(srv: &TestServer, when: &str) -> goodenough_web::push::Sent {
    srv.state.clock.set(at(when));
    goodenough_web::push::tick(&srv.state)
        .await
        .expect("a turn of the scheduler")
}

fn loopback() -> WebConfig {
    WebConfig {
        push_loopback_http: true,
        ..WebConfig::default()
    }
}

async fn reminders_story(srv: &TestServer) {
    let (base, service) = push_service().await;
    let (person, token) = alex(srv, "alex@example.org").await;
    let phone = DeviceKeys::new();

    let (s, key) = api_get(srv, &token, "/api/v1/push/key").await;
    assert_eq!(s, StatusCode::OK, "{key}");
    let public_key = key["public_key"].as_str().expect("a key").to_string();
    assert_eq!(
        URL_SAFE_NO_PAD
            .decode(&public_key)
            .expect("base64url")
            .len(),
        65
    );

    // Bad input: a sentence, nothing kept.
    for (body, words) in [
        (
            phone.subscription("http://push.example.org/push/x"),
            "must start with https://",
        ),
        (phone.subscription("not an address"), "is not a web address"),
        (
            json!({"endpoint": format!("{base}/push/x"), "keys": {"p256dh": "AAAA", "auth": "BBBB"}}),
            "keys.p256dh is not a P-256 public key",
        ),
        (
            json!({"endpoint": format!("{base}/push/x"), "keys": {"p256dh": phone.subscription("")["keys"]["p256dh"], "auth": "AAAA"}}),
            "keys.auth is not 16 bytes",
        ),
    ] {
        let (s, v) = api_post(srv, &token, "/api/v1/push/subscriptions", &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(error_of(&v).contains(words), "{v}");
    }
    let (_, none) = api_get(srv, &token, "/api/v1/push/subscriptions").await;
    assert_eq!(none, json!([]));

    let (s, device) = api_post(
        srv,
        &token,
        "/api/v1/push/subscriptions",
        &phone.subscription(&format!("{base}/push/phone")),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{device}");
    let (_, list) = api_get(srv, &token, "/api/v1/push/subscriptions").await;
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["device"], "Test phone");
    let text = list.to_string();
    assert!(
        !text.contains("/push/phone") && !text.contains("p256dh") && !text.contains("auth"),
        "no address or keys in the list: {text}"
    );

    // Before the reminder time (20:00 in Berlin): nothing.
    assert_eq!(tick(srv, "2026-01-10T19:00:00Z").await.sent, 0);
    assert!(service.got.lock().expect("lock").is_empty());
    // At 20:31 in Berlin: one reminder, the fixed sentence, signed with the
    // server's key.
    assert_eq!(tick(srv, "2026-01-10T19:31:00Z").await.sent, 1);
    let got = service.got.lock().expect("lock").clone();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].path, "/push/phone");
    assert!(
        got[0].authorization.starts_with("vapid t=")
            && got[0].authorization.ends_with(&format!("k={public_key}")),
        "{}",
        got[0].authorization
    );
    let message: Value = serde_json::from_str(&phone.open(&got[0])).expect("JSON");
    assert_eq!(
        message,
        json!({"title": "goodenough", "body": "Time for your evening check-in", "url": "/checkin"})
    );
    // At most one a day, however often the scheduler turns.
    for when in ["2026-01-10T19:32:00Z", "2026-01-10T20:15:00Z"] {
        assert_eq!(tick(srv, when).await.sent, 0, "{when}");
    }
    assert_eq!(service.got.lock().expect("lock").len(), 1);
    let (_, list) = api_get(srv, &token, "/api/v1/push/subscriptions").await;
    assert!(list[0]["last_sent_at"].is_string(), "{list}");

    // A day already checked in: none.
    srv.state.clock.set(at("2026-01-11T12:00:00Z"));
    let (s, v) = api_post(
        srv,
        &token,
        "/api/v1/checkins",
        &json!({"date": "2026-01-11", "mood": 6, "energy": 5, "appreciations": [
            {"area": "work", "text": "a"}, {"area": "rest", "text": "b"}, {"area": "health", "text": "c"}]}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(tick(srv, "2026-01-11T19:31:00Z").await.sent, 0);

    // A rest day: none.
    srv.state.clock.set(at("2026-01-12T12:00:00Z"));
    let (s, v) = api_post(
        srv,
        &token,
        "/api/v1/rests",
        &json!({"from": "2026-01-12", "to": "2026-01-12", "kind": "rest-day"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(tick(srv, "2026-01-12T19:31:00Z").await.sent, 0);

    // Quiet hours (22:05 in Berlin, still within three hours of 20:30): none.
    assert_eq!(tick(srv, "2026-01-13T21:05:00Z").await.sent, 0);
    assert_eq!(service.got.lock().expect("lock").len(), 1);

    // The push service says the device is gone: it is forgotten.
    service.answer.store(410, Ordering::SeqCst);
    let turn = tick(srv, "2026-01-14T19:45:00Z").await;
    assert_eq!((turn.sent, turn.removed), (0, 1));
    let (_, list) = api_get(srv, &token, "/api/v1/push/subscriptions").await;
    assert_eq!(list, json!([]));

    // Subscribed again: "Send a test" reaches it, then it is turned off.
    service.answer.store(201, Ordering::SeqCst);
    let (s, device) = api_post(
        srv,
        &token,
        "/api/v1/push/subscriptions",
        &phone.subscription(&format!("{base}/push/phone")),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{device}");
    let (s, sent) = api_post(srv, &token, "/api/v1/push/test", &json!({})).await;
    assert_eq!(s, StatusCode::OK, "{sent}");
    assert_eq!(sent, json!({"sent": 1, "removed": 0, "failed": 0}));
    let got = service.got.lock().expect("lock").clone();
    let last = got.last().expect("the test message");
    let message: Value = serde_json::from_str(&phone.open(last)).expect("JSON");
    assert_eq!(message["url"], "/settings");
    // A coach's step due today: one reminder at 09:00 Berlin, naming no step.
    srv.state.clock.set(at("2026-01-15T07:00:00Z"));
    let coach = srv.add_coach("kim@example.org", PW, "Kim").await;
    let coach_token = srv.add_token(&coach, "test").await;
    let (_, invitation) = api_post(srv, &coach_token, "/api/v1/invitations", &json!({})).await;
    let (s, v) = api_post(
        srv,
        &token,
        "/api/v1/invitations/accept",
        &json!({"token": invitation["token"]}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) = api_post(
        srv,
        &coach_token,
        &format!("/api/v1/clients/{person}/assignments"),
        &json!({"kind": "thought_record", "due": "2026-01-15", "note": "kestrel step"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let before = service.got.lock().expect("lock").len();
    assert_eq!(tick(srv, "2026-01-15T07:59:00Z").await.sent, 0);
    assert_eq!(tick(srv, "2026-01-15T08:05:00Z").await.sent, 1);
    assert_eq!(tick(srv, "2026-01-15T08:30:00Z").await.sent, 0);
    let got = service.got.lock().expect("lock").clone();
    assert_eq!(got.len(), before + 1);
    let text = phone.open(&got[before]);
    assert_eq!(
        serde_json::from_str::<Value>(&text).expect("JSON"),
        json!({"title": "goodenough", "body": "A step from your coach is due today", "url": "/assignments"})
    );

    // A timebox reaching its end: one reminder, without its title.
    srv.state.clock.set(at("2026-01-15T12:00:00Z"));
    let (s, v) = api_post(
        srv,
        &token,
        "/api/v1/timeboxes",
        &json!({"title": "kestrel report", "limit": "25m"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(tick(srv, "2026-01-15T12:20:00Z").await.sent, 0);
    assert_eq!(tick(srv, "2026-01-15T12:26:00Z").await.sent, 1);
    assert_eq!(tick(srv, "2026-01-15T12:30:00Z").await.sent, 0);
    let got = service.got.lock().expect("lock").clone();
    assert_eq!(got.len(), before + 2);
    let text = phone.open(&got[before + 1]);
    assert!(
        text.contains("Your timebox has reached its end") && !text.contains("kestrel"),
        "{text}"
    );

    let id = device["id"].as_str().expect("an id");
    let path = format!("/api/v1/push/subscriptions/{id}");
    let delete = || {
        reqwest::Client::new()
            .delete(format!("{}{path}", srv.base))
            .bearer_auth(&token)
            .send()
    };
    let res = delete().await.expect("request");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = delete().await.expect("request");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (_, list) = api_get(srv, &token, "/api/v1/push/subscriptions").await;
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn reminders_reach_a_device_once_a_day_and_respect_rest_and_quiet_on_sqlite() {
    let srv = TestServer::start_with(loopback()).await;
    reminders_story(&srv).await;
}

#[tokio::test]
async fn reminders_reach_a_device_once_a_day_and_respect_rest_and_quiet_on_postgres() {
    let Some(db) = crate::pg::PgDb::fresh("the reminders story").await else {
        return;
    };
    let store: Arc<dyn Store> = Arc::from(
        goodenough_store::open_pool(&db.url, 4)
            .await
            .expect("the store"),
    );
    let srv = TestServer::start_on_with(store, loopback()).await;
    reminders_story(&srv).await;
    drop(srv);
    db.drop_db().await;
}

#[tokio::test]
async fn plain_http_push_addresses_are_refused_unless_the_server_allows_loopback() {
    let srv = TestServer::start().await;
    let (_, token) = alex(&srv, "alex@example.org").await;
    let phone = DeviceKeys::new();
    let (s, v) = api_post(
        &srv,
        &token,
        "/api/v1/push/subscriptions",
        &phone.subscription("http://127.0.0.1:9/push/phone"),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(error_of(&v).contains("must start with https://"), "{v}");
    // The Settings page explains reminders, with no working button until
    // JavaScript shows them.
    let mut browser = srv.client();
    let p = browser.login("alex@example.org", PW).await;
    assert_eq!(p.status, StatusCode::OK);
    let page = browser.get("/settings").await;
    assert!(
        page.body.contains("Reminders on this device"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<noscript>"));
    let at = page.body.find("id=\"push-actions\"").expect("the buttons");
    let start = page.body[..at].rfind('<').expect("their tag");
    let end = at + page.body[at..].find('>').expect("its end");
    assert!(
        page.body[start..end].contains(" hidden"),
        "hidden until JavaScript shows them: {}",
        &page.body[start..end]
    );
}

#[tokio::test]
async fn two_servers_on_one_postgres_send_each_reminder_once() {
    let Some(db) = crate::pg::PgDb::fresh("the two-server reminders story").await else {
        return;
    };
    let (one, two) = tokio::join!(
        goodenough_store::open_pool(&db.url, 4),
        goodenough_store::open_pool(&db.url, 4)
    );
    let one: Arc<dyn Store> = Arc::from(one.expect("the first server's store"));
    let two: Arc<dyn Store> = Arc::from(two.expect("the second server's store"));
    let srv1 = TestServer::start_on_with(one, loopback()).await;
    let srv2 = TestServer::start_on_with(two, loopback()).await;
    let (base, service) = push_service().await;
    let (_, token) = alex(&srv1, "alex@example.org").await;
    let phone = DeviceKeys::new();
    let (s, v) = api_post(
        &srv1,
        &token,
        "/api/v1/push/subscriptions",
        &phone.subscription(&format!("{base}/push/phone")),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // Both servers' keys are the one pair in the database.
    let (_, k1) = api_get(&srv1, &token, "/api/v1/push/key").await;
    let (_, k2) = api_get(&srv2, &token, "/api/v1/push/key").await;
    assert_eq!(k1, k2);
    for round in 0..3 {
        let (a, b) = tokio::join!(
            tick(&srv1, "2026-01-10T19:31:00Z"),
            tick(&srv2, "2026-01-10T19:31:00Z")
        );
        let expected = if round == 0 { 1 } else { 0 };
        assert_eq!(a.sent + b.sent, expected, "round {round}");
    }
    let got = service.got.lock().expect("lock").clone();
    assert_eq!(got.len(), 1, "one reminder, whichever server sent it");
    assert!(phone
        .open(&got[0])
        .contains("Time for your evening check-in"));
    drop((srv1, srv2));
    db.drop_db().await;
}
