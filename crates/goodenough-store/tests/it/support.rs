//! What the store stories share (each `tests/*.rs` is a crate of its own and
//! takes this in with `mod support;`):
//!
//! - [`SqliteDb`]: a SQLite file in a temporary directory, opened (and
//!   reopened) as a [`SqliteStore`]. The SQLite run always happens.
//! - [`PgDb`]: a fresh PostgreSQL database on the server named by
//!   `GOODENOUGH_TEST_DATABASE_URL`, dropped at the end. Without the variable
//!   [`PgDb::fresh`] notes the skip on stderr and returns `None`; with it, it
//!   notes which story runs on which database, so the output shows that the
//!   PostgreSQL run really happened.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

use goodenough_core::id;
use goodenough_store::{Backend, PgStore, SqliteStore, Store};

/// A SQLite store file in a temporary directory (removed on drop).
pub struct SqliteDb {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl SqliteDb {
    /// A new, empty location; nothing is created until [`SqliteDb::open`].
    pub fn new() -> SqliteDb {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("goodenough.db");
        SqliteDb { _dir: dir, path }
    }

    /// Opens (or reopens) the store with `connections` pooled connections.
    pub async fn open(&self, connections: u32) -> SqliteStore {
        let store = SqliteStore::open(&self.path, connections)
            .await
            .expect("open sqlite");
        assert_eq!(store.backend(), Backend::Sqlite);
        store
    }

    /// The `sqlite://` URL of the file, for `goodenough_store::open`.
    pub fn url(&self) -> String {
        format!("sqlite://{}", self.path.display())
    }
}

/// Straight to stderr (not `eprintln!`), so the test harness does not
/// swallow the note for a passing test.
fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The server in `GOODENOUGH_TEST_DATABASE_URL`, or `None` (after noting
/// that the PostgreSQL run of `story` is skipped).
pub fn pg_server(story: &str) -> Option<String> {
    match std::env::var("GOODENOUGH_TEST_DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            note(&format!(
                "GOODENOUGH_TEST_DATABASE_URL is not set: skipped the PostgreSQL run of the {story}"
            ));
            None
        }
    }
}

/// A fresh PostgreSQL database for one test, dropped by [`PgDb::drop_db`].
pub struct PgDb {
    admin: sqlx::PgPool,
    pub name: String,
    pub url: String,
}

impl PgDb {
    /// A fresh database for `story` when `GOODENOUGH_TEST_DATABASE_URL` is
    /// set; `None` otherwise.
    pub async fn fresh(story: &str) -> Option<PgDb> {
        let server = pg_server(story)?;
        let db = PgDb::create(&server).await;
        note(&format!(
            "PostgreSQL run of the {story} on database {}",
            db.name
        ));
        Some(db)
    }

    /// Creates a database with a unique name on `server`.
    pub async fn create(server: &str) -> PgDb {
        let admin = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect(server)
            .await
            .expect("connect to GOODENOUGH_TEST_DATABASE_URL");
        let name = format!("ge_test_{}", id::new_id().replace('-', ""));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .expect("create test database");
        let url = with_database(server, &name);
        PgDb { admin, name, url }
    }

    /// Connects (or reconnects) with `connections` pooled connections.
    pub async fn store(&self, connections: u32) -> PgStore {
        let store = PgStore::connect(&self.url, connections)
            .await
            .expect("connect");
        assert_eq!(store.backend(), Backend::Postgres);
        store
    }

    /// Drops the database (also when connections are still open).
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

/// The same server URL with another database name (query string kept).
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[after_scheme..]
        .find('/')
        .map(|i| after_scheme + i)
        .unwrap_or(base.len());
    format!("{}/{db}{query}", &base[..host_end])
}
