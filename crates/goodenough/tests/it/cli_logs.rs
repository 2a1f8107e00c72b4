//! The server's log, read the way an operator's log collector reads it: the
//! real `goodenough serve --log-format json` at debug level, a whole story
//! through the pages and the API with one canary word in every text a person
//! can send (the name, the email, the password, every field of every kind of
//! record, an imported file, search and query strings, paths, refused
//! bodies), then every line of the log must be a JSON object, every request
//! line must carry the method, the route template, the status, the latency
//! and a request id (the one the answer's `X-Request-Id` header gave), and
//! neither the canary nor the password, the session cookie or the API token
//! may appear on any line. On SQLite always, and on PostgreSQL when
//! GOODENOUGH_TEST_DATABASE_URL names a server.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use goodenough_web::testing::TestClient;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The word that must never reach the log (compared without case).
const CANARY: &str = "Zebracanary7Q";
const PASSWORD: &str = "pw-Zebracanary7Q-horse-battery";

/// The server, killed when the test ends whatever happened.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Starts `goodenough serve --log-format json` with GOODENOUGH_LOG=debug,
/// its standard output (the log) and standard error in files of `dir`.
async fn serve(dir: &Path, database: Option<&str>) -> Server {
    let port = free_port();
    let out = std::fs::File::create(dir.join("log.jsonl")).expect("log file");
    let err = std::fs::File::create(dir.join("stderr.txt")).expect("stderr file");
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("goodenough"));
    cmd.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_LOG_FORMAT")
        .env("GOODENOUGH_LOG", "debug")
        .arg("--data-dir")
        .arg(dir.join("data"));
    if let Some(url) = database {
        cmd.args(["--database", url]);
    }
    let child = cmd
        .args([
            "serve",
            "--log-format",
            "json",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .expect("serve starts");
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    // Generous: a loaded machine may take a while to start a debug build.
    let http = reqwest::Client::new();
    for _ in 0..1200 {
        if let Ok(res) = http.get(format!("{}/healthz", server.base)).send().await {
            if res.status() == StatusCode::OK {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the server did not answer within two minutes: {}",
        std::fs::read_to_string(dir.join("stderr.txt")).unwrap_or_default()
    );
}

/// What the story sent that must stay secret, and the request ids it was
/// given back.
#[derive(Default)]
struct Sent {
    token: String,
    cookies: Vec<String>,
    request_ids: BTreeSet<String>,
    requests: usize,
}

impl Sent {
    fn saw(&mut self, headers: &HeaderMap) {
        self.requests += 1;
        let id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .expect("every answer has an X-Request-Id");
        assert_eq!(id.len(), 32, "{id}");
        self.request_ids.insert(id.to_string());
    }
}

/// One API call with the token; the status and the body's text.
async fn call(
    sent: &mut Sent,
    base: &str,
    bearer: &str,
    method: Method,
    path: &str,
    body: Option<String>,
) -> (StatusCode, String) {
    let mut req = reqwest::Client::new()
        .request(method, format!("{base}{path}"))
        .bearer_auth(bearer);
    if let Some(b) = body {
        req = req
            .header("content-type", "application/json")
            .body(b.into_bytes());
    }
    let res = req.send().await.expect("request");
    let status = res.status();
    sent.saw(res.headers());
    (status, res.text().await.expect("body"))
}

fn c(n: &str) -> String {
    format!("{n} {CANARY} words")
}

/// The whole story, through the pages and the API.
async fn story(base: &str) -> Sent {
    let mut sent = Sent::default();
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let mut web = TestClient {
        http: reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .build()
            .expect("client"),
        base: base.to_string(),
        csrf: None,
    };
    let email = format!("{}@example.org", CANARY.to_lowercase());

    // Sign up, sign out, a wrong password, sign in.
    let p = web.get("/setup").await;
    sent.saw(&p.headers);
    let p = web
        .post_form(
            "/setup",
            &[
                ("display_name", &c("name")),
                ("email", &email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    sent.saw(&p.headers);
    let p = web.logout().await;
    sent.saw(&p.headers);
    let p = web.login(&email, &format!("{PASSWORD}-wrong")).await;
    sent.saw(&p.headers);
    assert_ne!(p.path(), "/today", "a wrong password does not sign in");
    let p = web.login(&email, PASSWORD).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    sent.saw(&p.headers);
    let url = reqwest::Url::parse(base).expect("url");
    if let Some(cookies) = reqwest::cookie::CookieStore::cookies(jar.as_ref(), &url) {
        for pair in cookies.to_str().expect("ascii").split("; ") {
            if let Some((_, value)) = pair.split_once('=') {
                if value.len() >= 16 {
                    sent.cookies.push(value.to_string());
                }
            }
        }
    }
    assert!(!sent.cookies.is_empty(), "the session cookie was kept");

    // A personal access token, made on the settings page.
    let p = web.get("/settings").await;
    sent.saw(&p.headers);
    let p = web
        .post_form("/settings/tokens", &[("name", &c("token name"))])
        .await;
    sent.saw(&p.headers);
    let marker = "<code class=\"token\">";
    let at = p.body.find(marker).expect("the new token is shown") + marker.len();
    let end = p.body[at..].find('<').expect("end of the token");
    sent.token = p.body[at..at + end].to_string();
    let token = sent.token.clone();

    // Every kind of record, a canary in every text field.
    let posts: Vec<(&str, Value)> = vec![
        (
            "/api/v1/checkins",
            json!({"mood": 6, "energy": 5, "note": c("note"), "appreciations": [
                {"area": "work", "text": c("one")},
                {"area": "rest", "text": c("two")},
                {"area": "health", "text": c("three")}
            ]}),
        ),
        (
            "/api/v1/thoughts",
            json!({"situation": c("situation"), "thought": c("thought"), "belief": 80,
                   "emotions": [{"name": CANARY.to_lowercase(), "intensity": 60}],
                   "traps": [], "reframe": c("reframe"), "belief_after": 40}),
        ),
        ("/api/v1/wins", json!({"text": c("win")})),
        (
            "/api/v1/setbacks",
            json!({"text": c("setback"), "lesson": c("lesson")}),
        ),
        (
            "/api/v1/evidence",
            json!({"kind": "praise", "text": c("evidence"), "attribution": "ability",
                   "source": c("source")}),
        ),
        (
            "/api/v1/noes",
            json!({"request": c("request"), "response": c("response"), "guilt_before": 6,
                   "guilt_after": 3, "outcome": c("outcome")}),
        ),
        (
            "/api/v1/delegations",
            json!({"task": c("task"), "to": c("to"), "outcome": c("outcome"), "fine": true}),
        ),
        (
            "/api/v1/timeboxes",
            json!({"title": c("box"), "limit": "25m"}),
        ),
        (
            "/api/v1/experiments",
            json!({"belief": c("belief"), "prediction": c("prediction"), "likelihood": 80,
                   "anxiety": 70}),
        ),
    ];
    let mut experiment = String::new();
    let mut checkin = String::new();
    for (path, body) in &posts {
        let (s, answer) = call(
            &mut sent,
            base,
            &token,
            Method::POST,
            path,
            Some(body.to_string()),
        )
        .await;
        assert!(s.is_success(), "{path}: {s} {answer}");
        let v: Value = serde_json::from_str(&answer).expect("json");
        let id = v["id"].as_str().unwrap_or_default().to_string();
        if *path == "/api/v1/experiments" {
            experiment = id;
        } else if *path == "/api/v1/checkins" {
            checkin = id;
        }
    }
    let (s, answer) = call(
        &mut sent,
        base,
        &token,
        Method::POST,
        &format!("/api/v1/experiments/{experiment}/record"),
        Some(
            json!({"happened": "no", "actual": c("actual"), "anxiety_after": 20,
                   "learned": c("learned")})
            .to_string(),
        ),
    )
    .await;
    assert!(s.is_success(), "record: {s} {answer}");
    let (s, answer) = call(
        &mut sent,
        base,
        &token,
        Method::GET,
        &format!("/api/v1/checkins/{checkin}"),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{answer}");
    assert!(answer.contains(CANARY), "the words were kept");

    // Bad requests, each carrying the canary somewhere.
    let bad: Vec<(Method, String, Option<String>)> = vec![
        (
            Method::POST,
            "/api/v1/checkins".into(),
            Some(json!({"mood": CANARY, "energy": 5}).to_string()),
        ),
        (
            Method::POST,
            "/api/v1/thoughts".into(),
            Some(format!("{{\"situation\": \"{CANARY}")),
        ),
        (
            Method::POST,
            "/api/v1/evidence".into(),
            Some(json!({"kind": CANARY, "text": c("t"), "attribution": "luck"}).to_string()),
        ),
        (
            Method::POST,
            "/api/v1/wins".into(),
            Some(json!({"text": c("win"), CANARY: 1}).to_string()),
        ),
        (Method::GET, format!("/api/v1/checkins/{CANARY}"), None),
        (
            Method::GET,
            format!("/api/v1/thoughts?since={CANARY}&limit={CANARY}"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/traps/explain?text={CANARY}"),
            None,
        ),
        (Method::GET, format!("/nowhere/{CANARY}?q={CANARY}"), None),
        (Method::DELETE, format!("/api/v1/checkins?{CANARY}=1"), None),
    ];
    for (method, path, body) in bad {
        call(&mut sent, base, &token, method, &path, body).await;
    }
    let (s, _) = call(
        &mut sent,
        base,
        &format!("{CANARY}-not-a-token"),
        Method::GET,
        "/api/v1/checkins",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    for path in [
        format!("/wins?q={CANARY}"),
        format!("/thoughts?q={CANARY}&limit=5"),
        format!("/reset/{CANARY}"),
        format!("/invite/{CANARY}"),
    ] {
        let p = web.get(&path).await;
        sent.saw(&p.headers);
    }
    // A form without its CSRF token, with words in it.
    let p = web.post_form_raw("/wins", &[("text", &c("no csrf"))]).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN, "{}", p.body);
    sent.saw(&p.headers);

    // Export, then import it back and a broken file.
    let p = web.get("/data/export.json").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains(CANARY));
    sent.saw(&p.headers);
    let export = p.body.clone();
    let p = web.get("/data").await;
    sent.saw(&p.headers);
    let p = web.post_form("/data/import", &[("export", &export)]).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    sent.saw(&p.headers);
    let p = web.get("/data").await;
    sent.saw(&p.headers);
    let broken = export.replacen("\"checkins\"", &format!("\"{CANARY}\""), 1);
    let p = web.post_form("/data/import", &[("export", &broken)]).await;
    assert!(p.status.is_client_error(), "{}: {}", p.status, p.body);
    sent.saw(&p.headers);
    let p = web.get("/data").await;
    sent.saw(&p.headers);
    let truncated = &export[..export.len() / 2];
    let p = web
        .post_form("/data/import", &[("export", truncated)])
        .await;
    assert!(p.status.is_client_error(), "{}: {}", p.status, p.body);
    sent.saw(&p.headers);

    // A few pages that show the words back.
    for path in ["/today", "/wins", "/thoughts", "/evidence", "/experiments"] {
        let p = web.get(path).await;
        assert_eq!(p.status, StatusCode::OK, "{path}");
        sent.saw(&p.headers);
    }
    sent
}

/// Reads the log and checks every line.
fn check_log(dir: &Path, sent: &Sent) {
    let log = std::fs::read_to_string(dir.join("log.jsonl")).expect("the log");
    let stderr = std::fs::read_to_string(dir.join("stderr.txt")).expect("stderr");
    let mut secrets = vec![
        CANARY.to_lowercase(),
        PASSWORD.to_lowercase(),
        sent.token.to_lowercase(),
    ];
    secrets.extend(sent.cookies.iter().map(|c| c.to_lowercase()));
    let mut request_lines = 0;
    let mut debug_lines = 0;
    let mut ids_logged = BTreeSet::new();
    let mut routes = BTreeSet::new();
    for (n, line) in log.lines().enumerate() {
        let lower = line.to_lowercase();
        for secret in &secrets {
            assert!(
                !lower.contains(secret.as_str()),
                "log line {} holds a secret or a person's words: {line}",
                n + 1
            );
        }
        let v: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("log line {} is not JSON ({e}): {line}", n + 1));
        assert!(v.is_object(), "{line}");
        for field in ["timestamp", "level", "target"] {
            assert!(v.get(field).is_some(), "no {field}: {line}");
        }
        if v["level"] == "DEBUG" {
            debug_lines += 1;
        }
        if v["target"] == "goodenough::request" {
            request_lines += 1;
            let method = v["method"].as_str().expect("method");
            assert!(
                ["GET", "POST", "DELETE", "PUT", "PATCH"].contains(&method),
                "{line}"
            );
            let route = v["route"].as_str().expect("route");
            assert!(
                route == "(no route)" || route.starts_with('/'),
                "a template or no route: {line}"
            );
            assert!(!route.contains('?'), "no query string: {line}");
            let status = v["status"].as_u64().expect("status");
            assert!((100..600).contains(&status), "{line}");
            assert!(v["latency_ms"].as_f64().expect("latency") >= 0.0, "{line}");
            let id = v["request_id"].as_str().expect("request id");
            assert!(
                id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()),
                "{line}"
            );
            ids_logged.insert(id.to_string());
            routes.insert(route.to_string());
        }
    }
    assert!(
        request_lines >= sent.requests,
        "one line per request: {request_lines} lines for {} requests",
        sent.requests
    );
    for id in &sent.request_ids {
        assert!(ids_logged.contains(id), "request {id} has no log line");
    }
    assert!(debug_lines > 0, "the log ran at debug level");
    for template in [
        "/api/v1/checkins/{id}",
        "/api/v1/experiments/{id}/record",
        "/reset/{token}",
        "(no route)",
        "/data/import",
    ] {
        assert!(routes.contains(template), "{template} in {routes:?}");
    }
    for secret in &secrets {
        assert!(
            !stderr.to_lowercase().contains(secret.as_str()),
            "standard error holds a secret: {stderr}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_is_json_lines_and_never_holds_a_persons_words_on_sqlite() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let server = serve(dir.path(), None).await;
    let sent = story(&server.base).await;
    drop(server);
    check_log(dir.path(), &sent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_is_json_lines_and_never_holds_a_persons_words_on_postgres() {
    let Ok(admin_url) = std::env::var("GOODENOUGH_TEST_DATABASE_URL") else {
        eprintln!("GOODENOUGH_TEST_DATABASE_URL is not set: skipped the PostgreSQL log story");
        return;
    };
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&admin_url)
        .await
        .expect("connect to GOODENOUGH_TEST_DATABASE_URL");
    let name = format!("ge_logs_{}", goodenough_core::id::new_id().replace('-', ""));
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("a test database");
    let url = match admin_url.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => panic!("GOODENOUGH_TEST_DATABASE_URL names no database"),
    };
    let dir = tempfile::TempDir::new().expect("tmp");
    let server = serve(dir.path(), Some(&url)).await;
    let sent = story(&server.base).await;
    drop(server);
    check_log(dir.path(), &sent);
    eprintln!("the log story ran on PostgreSQL ({name})");
    let _ = sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&admin)
        .await;
}

#[test]
fn a_log_filter_that_cannot_be_read_is_one_sentence() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let out = Command::new(assert_cmd::cargo::cargo_bin("goodenough"))
        .env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_LOG", "goodenough=shouting")
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--bind", "127.0.0.1:0"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("GOODENOUGH_LOG is not a log level or filter"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let out = Command::new(assert_cmd::cargo::cargo_bin("goodenough"))
        .env_remove("GOODENOUGH_LOG_FORMAT")
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--log-format", "xml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("text") && stderr.contains("json"),
        "{stderr}"
    );
}
