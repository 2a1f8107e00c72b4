//! Helpers for integration tests (feature `testing`): start the real server
//! on 127.0.0.1:0 against a temporary SQLite store, and drive it like a
//! browser (cookies kept, redirects followed, the CSRF token of the last
//! page remembered and sent with forms).

use std::sync::Arc;

use goodenough_app::Catalogues;
use goodenough_core::Settings;
use goodenough_store::{Role, SqliteStore};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tokio::net::TcpListener;

use crate::{AppState, WebConfig};

/// A running server with its own temporary store.
pub struct TestServer {
    pub base: String,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

impl TestServer {
    /// Starts a server with the default configuration.
    pub async fn start() -> TestServer {
        TestServer::start_with(WebConfig::default()).await
    }

    /// Starts a server with a given configuration (and the shipped content).
    pub async fn start_with(config: WebConfig) -> TestServer {
        TestServer::start_with_catalogues(config, Catalogues::shipped()).await
    }

    /// Starts a server with a given configuration and content catalogues
    /// (for example a data directory's own files:
    /// `Catalogues::with_data_dir(dir)`).
    pub async fn start_with_catalogues(config: WebConfig, catalogues: Catalogues) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("test.db"), 4)
            .await
            .expect("open store");
        TestServer::serve(dir, Arc::new(store), config, catalogues).await
    }

    /// Starts a server on a given store (for example PostgreSQL, which
    /// several servers may share), with the default configuration.
    pub async fn start_on(store: Arc<dyn goodenough_store::Store>) -> TestServer {
        TestServer::start_on_with(store, WebConfig::default()).await
    }

    /// Starts a server on a given store with a given configuration.
    pub async fn start_on_with(
        store: Arc<dyn goodenough_store::Store>,
        config: WebConfig,
    ) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        TestServer::serve(dir, store, config, Catalogues::shipped()).await
    }

    async fn serve(
        dir: tempfile::TempDir,
        store: Arc<dyn goodenough_store::Store>,
        config: WebConfig,
        catalogues: Catalogues,
    ) -> TestServer {
        let state = AppState::new(store, config, Arc::new(catalogues)).expect("state");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let s = state.clone();
        tokio::spawn(async move {
            let _ = crate::serve(listener, s).await;
        });
        TestServer {
            base: format!("http://{addr}"),
            state,
            _dir: dir,
        }
    }

    /// A fresh browser (its own cookies).
    pub fn client(&self) -> TestClient {
        TestClient {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .expect("client"),
            base: self.base.clone(),
            csrf: None,
        }
    }

    /// Creates an account directly in the store; returns the person id.
    pub async fn add_account(&self, email: &str, password: &str) -> String {
        let hash = crate::auth::hash_password(password.to_string())
            .await
            .expect("hash");
        self.state
            .store
            .create_account(email, &hash, Role::Client, &Settings::defaults("UTC"))
            .await
            .expect("create account")
    }

    /// Creates a coach account (shown as `name`) directly in the store;
    /// returns the person id.
    pub async fn add_coach(&self, email: &str, password: &str, name: &str) -> String {
        let hash = crate::auth::hash_password(password.to_string())
            .await
            .expect("hash");
        let settings = Settings {
            display_name: name.to_string(),
            ..Settings::defaults("UTC")
        };
        self.state
            .store
            .create_account(email, &hash, Role::Coach, &settings)
            .await
            .expect("create account")
    }

    /// Creates a personal access token for the account with this email.
    pub async fn token_for(&self, email: &str) -> String {
        let person = self
            .state
            .store
            .account_by_email(email)
            .await
            .expect("lookup")
            .expect("account")
            .person_id;
        self.add_token(&person, "test").await
    }

    /// Creates a personal access token for a person; returns the token.
    pub async fn add_token(&self, person: &str, name: &str) -> String {
        crate::pages::settings::new_api_token(&self.state, person, name)
            .await
            .expect("token")
    }
}

/// The demo persona's records of `days` days up to `end`, every kind
/// included, as one export document in UTC (what `goodenough demo` imports).
pub fn demo_doc(
    seed: u64,
    end: chrono::NaiveDate,
    days: u32,
) -> goodenough_core::export::ExportDoc {
    use goodenough_core::demo;
    let data = demo::generate(seed, end, days);
    let mut doc = goodenough_core::export::ExportDoc::new(
        Settings::defaults("UTC"),
        data.checkins,
        data.thoughts,
        data.wins,
        data.setbacks,
        end.and_time(chrono::NaiveTime::MIN).and_utc(),
    );
    doc.timeboxes = data.timeboxes;
    doc.noes = data.noes;
    doc.delegations = data.delegations;
    doc.mistakes = data.mistakes;
    doc.rungs = data.rungs;
    doc.experiments = data.experiments;
    doc.git_commits = data.git_commits;
    doc.hobbies = data.hobbies;
    doc.blocks = data.blocks;
    doc.block_occurrences = data.block_occurrences;
    doc.joy_logs = data.joy_logs;
    doc.rests = data.rests;
    doc.assessments = data.assessments;
    doc.critic = data.critic;
    doc.values = data.values;
    doc.practice_logs = data.practice_logs;
    doc.evidence = data.evidence;
    doc.enrolments = data.enrolments;
    doc.reviews = demo::weekly_reviews(&doc, seed);
    doc
}

impl TestServer {
    /// Imports the demo persona's last `days` days (ending on the server's
    /// today) for a person, every kind of record included.
    pub async fn import_demo(&self, person: &str, days: u32) {
        let end = self.state.clock.now().date_naive();
        let doc = demo_doc(7, end, days);
        doc.validate().expect("the demo is valid");
        self.state
            .store
            .import(person, &doc)
            .await
            .expect("import the demo");
    }
}

/// A response, read in full.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    /// Where redirects ended.
    pub url: reqwest::Url,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// The final path (after redirects).
    pub fn path(&self) -> &str {
        self.url.path()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("JSON body")
    }
}

/// The value of the first hidden `csrf` field in a page.
pub fn csrf_from(html: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

/// A browser-like client.
pub struct TestClient {
    pub http: reqwest::Client,
    pub base: String,
    /// The CSRF token seen on the last page that had one.
    pub csrf: Option<String>,
}

impl TestClient {
    async fn read(&mut self, res: reqwest::Response) -> Page {
        let status = res.status();
        let url = res.url().clone();
        let headers = res.headers().clone();
        let body = res.text().await.expect("body");
        if let Some(t) = csrf_from(&body) {
            self.csrf = Some(t);
        }
        Page {
            status,
            url,
            headers,
            body,
        }
    }

    /// The same browser (cookies and all) talking to another server, as a
    /// load balancer in front of several servers would send it.
    pub fn switch_to(&mut self, srv: &TestServer) {
        self.base = srv.base.clone();
    }

    /// GET a path.
    pub async fn get(&mut self, path: &str) -> Page {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        self.read(res).await
    }

    /// POST a form with the remembered CSRF token added.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf.clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form_raw(path, &all).await
    }

    /// POST a form exactly as given (no token added).
    pub async fn post_form_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .expect("POST");
        self.read(res).await
    }

    /// Creates the first account through the setup page (signed in after).
    pub async fn setup(&mut self, email: &str, password: &str) -> Page {
        self.get("/setup").await;
        self.post_form(
            "/setup",
            &[
                ("display_name", "Alex"),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// Signs in through the sign-in page.
    pub async fn login(&mut self, email: &str, password: &str) -> Page {
        self.get("/login").await;
        self.post_form("/login", &[("email", email), ("password", password)])
            .await
    }

    /// Signs out.
    pub async fn logout(&mut self) -> Page {
        self.post_form("/logout", &[]).await
    }
}

/// The first account, created through the setup page; the client is signed
/// in as it.
pub async fn signed_in(srv: &TestServer, email: &str, password: &str) -> TestClient {
    let mut c = srv.client();
    let p = c.setup(email, password).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    c
}

/// Turns on two-step sign-in for the signed-in client through the Security
/// page, with the code of the server's present instant; returns the secret
/// and the page that answered the confirmation.
pub async fn turn_on_two_step(srv: &TestServer, c: &mut TestClient) -> (String, Page) {
    c.get("/settings/security").await;
    let p = c.post_form("/settings/totp/start", &[]).await;
    let marker = "name=\"secret\" value=\"";
    let start = p.body.find(marker).expect("secret field") + marker.len();
    let secret = p.body[start..].split('"').next().unwrap_or("").to_string();
    let code = crate::pages::security::totp_code(&secret, srv.state.clock.now()).expect("code");
    let p = c
        .post_form(
            "/settings/totp/confirm",
            &[("secret", &secret), ("code", &code)],
        )
        .await;
    assert!(p.body.contains("Two-step sign-in is on"), "{}", p.body);
    (secret, p)
}

/// The person id of the account with this email.
pub async fn person_of(srv: &TestServer, email: &str) -> String {
    srv.state
        .store
        .account_by_email(email)
        .await
        .expect("lookup")
        .expect("account")
        .person_id
}

/// An API call with a bearer token and an optional JSON body; the status
/// and the JSON answer.
pub async fn api(
    srv: &TestServer,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<&serde_json::Value>,
) -> (StatusCode, serde_json::Value) {
    let mut req = reqwest::Client::new()
        .request(method, format!("{}{path}", srv.base))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(b);
    }
    let res = req.send().await.expect("request");
    let status = res.status();
    (status, res.json().await.expect("json"))
}

/// `GET` on the API with a bearer token.
pub async fn api_get(srv: &TestServer, token: &str, path: &str) -> (StatusCode, serde_json::Value) {
    api(srv, token, reqwest::Method::GET, path, None).await
}

/// `POST` of a JSON body on the API with a bearer token.
pub async fn api_post(
    srv: &TestServer,
    token: &str,
    path: &str,
    body: &serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    api(srv, token, reqwest::Method::POST, path, Some(body)).await
}

/// The sentence of an API error answer (`{"error": "..."}`).
pub fn error_of(v: &serde_json::Value) -> &str {
    v["error"].as_str().expect("error sentence")
}

/// Like [`api`], with the response headers as well.
pub async fn api_with_headers(
    srv: &TestServer,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<&serde_json::Value>,
) -> (StatusCode, HeaderMap, serde_json::Value) {
    let mut req = reqwest::Client::new()
        .request(method, format!("{}{path}", srv.base))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(b);
    }
    let res = req.send().await.expect("request");
    let status = res.status();
    let headers = res.headers().clone();
    (status, headers, res.json().await.expect("json"))
}

/// Like [`api_post`], with the response headers as well.
pub async fn api_post_with_headers(
    srv: &TestServer,
    token: &str,
    path: &str,
    body: &serde_json::Value,
) -> (StatusCode, HeaderMap, serde_json::Value) {
    api_with_headers(srv, token, reqwest::Method::POST, path, Some(body)).await
}

/// Every page a signed-in person can open from the menu and its sub-menus
/// (the page tests and the phone-width browser test walk the same list).
pub const MENU_PAGES: &[&str] = &[
    "/today",
    "/programme",
    "/programme/perfectionism",
    "/checkin",
    "/thoughts",
    "/thoughts/new",
    "/traps",
    "/wins",
    "/noes",
    "/delegations",
    "/scripts",
    "/mistakes",
    "/timeboxes",
    "/boundaries/summary",
    "/git",
    "/experiments",
    "/ladder",
    "/assessments",
    "/intake",
    "/critic",
    "/values",
    "/practices",
    "/joy",
    "/reviews",
    "/evidence",
    "/progress",
    "/data",
    "/settings",
    "/settings/security",
    "/your-coach",
    "/clients",
    "/clients/reads",
    "/more",
    "/help-now",
];

/// A fresh PostgreSQL database for one test, on the server named by
/// `GOODENOUGH_TEST_DATABASE_URL`; without it the test notes the skip and
/// returns early (`.ci/run` always sets it). The web and the browser tests
/// both use it.
mod pg {
    use std::io::Write;

    /// A database of its own, dropped by [`PgDb::drop_db`].
    pub struct PgDb {
        admin: sqlx::PgPool,
        name: String,
        pub url: String,
    }

    impl PgDb {
        /// A new database for `story`, or `None` when no server is named.
        pub async fn fresh(story: &str) -> Option<PgDb> {
            let server = match std::env::var("GOODENOUGH_TEST_DATABASE_URL") {
                Ok(url) if !url.trim().is_empty() => url,
                _ => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "GOODENOUGH_TEST_DATABASE_URL is not set: skipped the PostgreSQL run of {story}"
                    );
                    return None;
                }
            };
            let admin = sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect(&server)
                .await
                .expect("connect to GOODENOUGH_TEST_DATABASE_URL");
            let name = format!("ge_web_{}", goodenough_core::id::new_id().replace('-', ""));
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .expect("a test database");
            let (base, query) = match server.split_once('?') {
                Some((b, q)) => (b.to_string(), format!("?{q}")),
                None => (server.clone(), String::new()),
            };
            let base = base
                .rsplit_once('/')
                .map_or(base.clone(), |(b, _)| b.to_string());
            let _ = writeln!(
                std::io::stderr(),
                "PostgreSQL run of {story} on database {name}"
            );
            Some(PgDb {
                admin,
                url: format!("{base}/{name}{query}"),
                name,
            })
        }

        /// Drops the database, connections and all.
        pub async fn drop_db(self) {
            let _ = sqlx::query(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&self.admin)
            .await;
            self.admin.close().await;
        }
    }
}

pub use pg::PgDb;
