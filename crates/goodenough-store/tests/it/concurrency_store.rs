//! Many writers at once through one store: on SQLite they queue for the one
//! writer connection in the application, so none fails with "database is
//! locked", including transactions that read before they write. Readers
//! keep reading meanwhile. Run on SQLite always and on PostgreSQL when
//! `GOODENOUGH_TEST_DATABASE_URL` names a server.

use crate::support;

use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use goodenough_core::programme::Enrolment;
use goodenough_core::{id, Appreciation, CheckIn, LifeArea, Settings};
use goodenough_store::{Store, StoreError};

const WRITERS: i64 = 64;

fn checkin(date: NaiveDate) -> CheckIn {
    CheckIn {
        id: id::new_id(),
        date,
        mood: 6,
        energy: 5,
        appreciations: vec![Appreciation {
            area: LifeArea::Rest,
            text: "an early night".into(),
        }],
        note: None,
    }
}

/// 64 check-ins written at once (and as many reads beside them) all
/// succeed, and all 64 are there afterwards.
async fn concurrent_checkins(store: Arc<dyn Store>) {
    let person = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("person");
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let mut tasks = Vec::new();
    for i in 0..WRITERS {
        let (store, person) = (store.clone(), person.clone());
        tasks.push(tokio::spawn(async move {
            let c = checkin(first + Duration::days(i));
            store.put_checkin(&person, &c, false).await?;
            store.list_checkins(&person, None).await.map(|_| ())
        }));
    }
    for (i, task) in tasks.into_iter().enumerate() {
        let result = task.await.expect("task");
        assert!(result.is_ok(), "writer {i} failed: {result:?}");
    }
    let all = store.list_checkins(&person, None).await.expect("list");
    assert_eq!(all.len(), WRITERS as usize);
}

/// Two writers for each of 32 dates at once, neither replacing: on SQLite
/// they are committed together in batches, each in a savepoint of its own.
/// Exactly one per date is saved, the other gets the conflict sentence (its
/// rollback takes nothing else with it), and every saved one is there with
/// its own mood; then 32 replacements at once all succeed.
async fn concurrent_conflicts(store: Arc<dyn Store>) {
    let person = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("person");
    let first = NaiveDate::from_ymd_opt(2026, 5, 1).expect("date");
    let mut tasks = Vec::new();
    for i in 0..WRITERS {
        let (store, person) = (store.clone(), person.clone());
        tasks.push(tokio::spawn(async move {
            let mut c = checkin(first + Duration::days(i / 2));
            c.mood = u8::try_from(i % 11).expect("a mood");
            store.put_checkin(&person, &c, false).await.map(|()| c)
        }));
    }
    let mut saved = Vec::new();
    for task in tasks {
        match task.await.expect("task") {
            Ok(c) => saved.push(c),
            Err(StoreError::Conflict(why)) => {
                assert!(why.contains("already a check-in"), "{why}")
            }
            Err(e) => panic!("a writer failed: {e}"),
        }
    }
    assert_eq!(saved.len(), (WRITERS / 2) as usize, "one per date");
    let mut stored = store.list_checkins(&person, None).await.expect("list");
    saved.sort_by_key(|c| c.date);
    stored.sort_by_key(|c| c.date);
    assert_eq!(stored, saved, "what was acknowledged is what is stored");

    let mut tasks = Vec::new();
    for i in 0..WRITERS / 2 {
        let (store, person) = (store.clone(), person.clone());
        tasks.push(tokio::spawn(async move {
            let mut c = checkin(first + Duration::days(i));
            c.mood = 10;
            store.put_checkin(&person, &c, true).await
        }));
    }
    for task in tasks {
        task.await.expect("task").expect("a replacement");
    }
    let stored = store.list_checkins(&person, None).await.expect("list");
    assert_eq!(stored.len(), (WRITERS / 2) as usize);
    assert!(stored.iter().all(|c| c.mood == 10));
}

/// 64 programme starts at once, each replacing the running one: each reads
/// the running enrolment and then writes, in one transaction. On SQLite
/// they take turns on the writer, so every one succeeds and exactly one
/// runs at the end.
async fn concurrent_read_then_write(store: Arc<dyn Store>) {
    let person = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("person");
    let day = NaiveDate::from_ymd_opt(2026, 2, 2).expect("date");
    let created = Utc
        .with_ymd_and_hms(2026, 2, 2, 8, 0, 0)
        .single()
        .expect("instant");
    let mut tasks = Vec::new();
    for _ in 0..WRITERS {
        let (store, person) = (store.clone(), person.clone());
        tasks.push(tokio::spawn(async move {
            let e = Enrolment {
                id: id::new_id(),
                programme_id: "perfectionism".into(),
                started_on: day,
                stopped_on: None,
                created_at: created,
            };
            store.start_enrolment(&person, &e, Some(day)).await
        }));
    }
    for (i, task) in tasks.into_iter().enumerate() {
        let result = task.await.expect("task");
        assert!(result.is_ok(), "start {i} failed: {result:?}");
    }
    let all = store.list_enrolments(&person).await.expect("list");
    assert_eq!(all.len(), WRITERS as usize);
    assert_eq!(all.iter().filter(|e| e.stopped_on.is_none()).count(), 1);
}

/// 32 writers replacing the check-in of one date at once (a person saving
/// again from two devices, or the load run): every one succeeds, as asked,
/// and one check-in for that date is left, one of theirs.
async fn concurrent_replaces(store: Arc<dyn Store>) {
    let person = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("person");
    let date = NaiveDate::from_ymd_opt(2026, 2, 2).expect("date");
    let mut tasks = Vec::new();
    let mut ids = Vec::new();
    for _ in 0..32 {
        let (store, person) = (store.clone(), person.clone());
        let c = checkin(date);
        ids.push(c.id.clone());
        tasks.push(tokio::spawn(async move {
            store.put_checkin(&person, &c, true).await
        }));
    }
    for (i, task) in tasks.into_iter().enumerate() {
        let result = task.await.expect("task");
        assert!(result.is_ok(), "replacing writer {i} failed: {result:?}");
    }
    let all = store.list_checkins(&person, None).await.expect("list");
    assert_eq!(all.len(), 1, "one check-in for the date: {all:?}");
    assert!(ids.contains(&all[0].id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_concurrent_writers_on_sqlite() {
    let db = support::SqliteDb::new();
    let store: Arc<dyn Store> = Arc::new(db.open(8).await);
    concurrent_checkins(store.clone()).await;
    concurrent_conflicts(store.clone()).await;
    concurrent_replaces(store.clone()).await;
    concurrent_read_then_write(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_concurrent_checkins_on_postgres() {
    let Some(db) = support::PgDb::fresh("concurrent writers story").await else {
        return;
    };
    let store = db.store(8).await;
    let pool = store.pool().clone();
    let store: Arc<dyn Store> = Arc::new(store);
    concurrent_checkins(store.clone()).await;
    concurrent_conflicts(store.clone()).await;
    concurrent_replaces(store).await;
    pool.close().await;
    db.drop_db().await;
}
