//! Reopening a SQLite store: an established, fully migrated store opens
//! without the migrator, and a store the migrator would refuse (migrated by
//! a newer goodenough, or with a failed migration) is still refused.

use crate::support;

use std::sync::Arc;

use goodenough_core::Settings;
use goodenough_store::SqliteStore;
use goodenough_store::Store;

#[tokio::test]
async fn a_fully_migrated_store_reopens_with_its_records() {
    let db = support::SqliteDb::new();
    let person = {
        let store = db.open(1).await;
        let person = store
            .create_person(&Settings::defaults("Europe/Berlin"))
            .await
            .expect("person");
        store.pool().close().await;
        person
    };
    for _ in 0..3 {
        let store = db.open(1).await;
        assert_eq!(
            store.first_person().await.expect("read"),
            Some(person.clone())
        );
        store.pool().close().await;
    }
}

#[tokio::test]
async fn a_store_migrated_by_a_newer_version_is_refused_on_reopen() {
    let db = support::SqliteDb::new();
    let store = db.open(1).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990101000000, 'from the future', TRUE, X'00', 0)",
    )
    .execute(store.pool())
    .await
    .expect("insert");
    store.pool().close().await;
    let err = SqliteStore::open(&db.path, 1).await.err().expect("refused");
    assert!(err.to_string().contains("99990101000000"), "{err}");
}

#[tokio::test]
async fn a_store_with_a_failed_migration_is_refused_on_reopen() {
    let db = support::SqliteDb::new();
    let store = db.open(1).await;
    let last: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(store.pool())
        .await
        .expect("version");
    sqlx::query("UPDATE _sqlx_migrations SET success = FALSE WHERE version = $1")
        .bind(last)
        .execute(store.pool())
        .await
        .expect("update");
    store.pool().close().await;
    let err = SqliteStore::open(&db.path, 1).await.err().expect("refused");
    assert!(err.to_string().contains(&last.to_string()), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stores_opened_at_once_on_a_new_file_all_open() {
    let db = Arc::new(support::SqliteDb::new());
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            SqliteStore::open(&db.path, 1)
                .await
                .map(|s| s.pool().clone())
        }));
    }
    for (i, task) in tasks.into_iter().enumerate() {
        let result = task.await.expect("task");
        assert!(result.is_ok(), "open {i} failed: {:?}", result.err());
    }
}
