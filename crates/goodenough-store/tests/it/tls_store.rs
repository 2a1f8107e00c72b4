//! TLS to PostgreSQL: a practice whose database is on another machine names
//! it with `sslmode=verify-full&sslrootcert=CA.pem`, and relies on two
//! things: the connection really is encrypted, and a server whose
//! certificate its authority did not sign is refused, with a sentence that
//! says what to check.
//!
//! `GOODENOUGH_TEST_DATABASE_TLS_URL` names a TLS-speaking server (with
//! `sslmode=verify-full&sslrootcert=…`); `other-ca.pem` beside that root
//! certificate is an authority that signed nothing on that server (what
//! `.ci/pg-tls` writes). Without the variable the tests are skipped, except
//! under `CI`, where a missing variable is a failure: `.ci/run` always sets
//! it.

use std::io::Write;

use goodenough_store::{PgStore, StoreError};

use crate::support::{with_database, PgDb};

/// The TLS URL, or `None` after noting the skip (a panic under `CI`).
fn tls_server(test: &str) -> Option<String> {
    match std::env::var("GOODENOUGH_TEST_DATABASE_TLS_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "GOODENOUGH_TEST_DATABASE_TLS_URL is not set under CI: .ci/run starts a TLS cluster and must export it"
            );
            // Straight to stderr, so the harness shows it for a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "GOODENOUGH_TEST_DATABASE_TLS_URL is not set: skipped {test}"
            );
            None
        }
    }
}

/// The value of `key` in the URL's query string.
fn query_value(url: &str, key: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| v.to_string())
    })
}

/// The URL with `key`'s value replaced.
fn with_query_value(url: &str, key: &str, value: &str) -> String {
    let (base, query) = url.split_once('?').expect("the TLS URL has a query string");
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if k == key => format!("{k}={value}"),
            _ => pair.to_string(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}

#[tokio::test]
async fn a_verify_full_url_connects_encrypted_and_the_store_works() {
    let Some(server) = tls_server("the TLS connection test") else {
        return;
    };
    assert_eq!(
        query_value(&server, "sslmode").as_deref(),
        Some("verify-full"),
        "GOODENOUGH_TEST_DATABASE_TLS_URL should ask for sslmode=verify-full"
    );
    let db = PgDb::create(&server).await;
    let url = with_database(&server, &db.name);
    let store = PgStore::connect(&url, 2)
        .await
        .expect("a verify-full URL with the right root certificate connects");
    // The store's own pool (migrated through it), asked by the server itself.
    let ssl: bool = sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        .fetch_one(store.pool())
        .await
        .expect("pg_stat_ssl");
    assert!(ssl, "the connection should be encrypted");
    let migrated: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(store.pool())
        .await
        .expect("migrations table");
    assert!(migrated > 0, "the store migrated over TLS");
    store.pool().close().await;

    // The front ends' way in (`--database URL`) takes the same URL.
    let opened = goodenough_store::open(&url).await;
    assert!(opened.is_ok(), "goodenough_store::open over TLS");
    drop(opened);
    db.drop_db().await;
}

#[tokio::test]
async fn a_server_certificate_from_another_authority_is_refused_with_a_sentence() {
    let Some(server) = tls_server("the wrong-root-certificate test") else {
        return;
    };
    let root = query_value(&server, "sslrootcert").expect("the TLS URL names sslrootcert");
    let other = std::path::Path::new(&root).with_file_name("other-ca.pem");
    assert!(
        other.exists(),
        "{} should exist beside the root certificate (.ci/pg-tls writes it)",
        other.display()
    );
    let wrong = with_query_value(&server, "sslrootcert", &other.display().to_string());
    for result in [
        PgStore::connect(&wrong, 1).await.map(|_| ()),
        goodenough_store::open(&wrong).await.map(|_| ()),
    ] {
        let Err(e) = result else {
            panic!("a server certificate the given authority did not sign must be refused");
        };
        assert!(matches!(e, StoreError::Open { .. }), "{e:?}");
        let message = e.to_string();
        assert!(
            message.contains("TLS certificate was refused"),
            "says what happened: {message}"
        );
        assert!(
            message.contains("sslrootcert"),
            "says what to check: {message}"
        );
        assert!(!message.contains('\n'), "one sentence: {message}");
    }
}
