//! A fresh PostgreSQL database for one web test, on the server named by
//! `GOODENOUGH_TEST_DATABASE_URL`; without it the test notes the skip and
//! returns early (`.ci/run` always sets it).

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
