//! Programme enrolments on both backends: one running at a time (a second
//! start is refused and changes nothing; replacing stops the first in the
//! same step), stop, oldest-first history, owner-only reads, import
//! idempotence, erase and survival across a reopen. PostgreSQL runs when
//! GOODENOUGH_TEST_DATABASE_URL names a server.

use crate::support;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use goodenough_core::export::ExportDoc;
use goodenough_core::programme::Enrolment;
use goodenough_core::{id, Settings};
use goodenough_store::{Programmes, Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, h, 0, 0)
        .single()
        .expect("instant")
}

fn enrol(programme: &str, on: &str, h: u32) -> Enrolment {
    Enrolment {
        id: id::new_id(),
        programme_id: programme.into(),
        started_on: d(on),
        stopped_on: None,
        created_at: at(h),
    }
}

async fn story(store: &dyn Store) -> String {
    let alice = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("alice");
    let bob = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("bob");
    assert!(store
        .running_enrolment(&alice)
        .await
        .expect("read")
        .is_none());
    assert!(store
        .stop_enrolment(&alice, d("2026-03-01"))
        .await
        .expect("stop nothing")
        .is_none());

    let perf = enrol("perfectionism", "2026-03-02", 9);
    assert!(store
        .start_enrolment(&alice, &perf, None)
        .await
        .expect("start")
        .is_none());
    assert_eq!(
        store.running_enrolment(&alice).await.expect("read"),
        Some(perf.clone())
    );
    assert!(store.running_enrolment(&bob).await.expect("read").is_none());
    assert!(store.list_enrolments(&bob).await.expect("list").is_empty());
    // Bob cannot stop alice's programme.
    assert!(store
        .stop_enrolment(&bob, d("2026-03-05"))
        .await
        .expect("stop")
        .is_none());

    // A second one while the first runs: refused, nothing changed.
    let imp = enrol("impostor", "2026-04-01", 10);
    assert!(matches!(
        store.start_enrolment(&alice, &imp, None).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.list_enrolments(&alice).await.expect("list"),
        vec![perf.clone()]
    );

    // Replacing stops the first on that day, in the same step.
    let stopped = store
        .start_enrolment(&alice, &imp, Some(d("2026-03-31")))
        .await
        .expect("replace")
        .expect("the first was stopped");
    assert_eq!(stopped.id, perf.id);
    assert_eq!(stopped.stopped_on, Some(d("2026-03-31")));
    let list = store.list_enrolments(&alice).await.expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].stopped_on, Some(d("2026-03-31")));
    assert_eq!(list[1], imp);

    // Stopping before the start date stops on the start date.
    let s = store
        .stop_enrolment(&alice, d("2026-03-20"))
        .await
        .expect("stop")
        .expect("was running");
    assert_eq!(s.stopped_on, Some(d("2026-04-01")));
    assert!(store
        .running_enrolment(&alice)
        .await
        .expect("read")
        .is_none());

    // Bob runs his own, independently.
    let bobs = enrol("perfectionism", "2026-03-02", 11);
    store
        .start_enrolment(&bob, &bobs, None)
        .await
        .expect("bob starts");

    // Export, erase, import twice.
    let mut doc = ExportDoc::new(
        store.settings(&alice).await.expect("settings"),
        vec![],
        vec![],
        vec![],
        vec![],
        at(14),
    );
    doc.enrolments = store.list_enrolments(&alice).await.expect("list");
    doc.validate().expect("valid export");
    store.erase_records(&alice).await.expect("erase");
    assert!(store
        .list_enrolments(&alice)
        .await
        .expect("list")
        .is_empty());
    assert_eq!(store.list_enrolments(&bob).await.expect("list"), vec![bobs]);
    let r = store.import(&alice, &doc).await.expect("import");
    assert_eq!((r.enrolments, r.skipped), (2, 0));
    let r = store.import(&alice, &doc).await.expect("import again");
    assert_eq!((r.enrolments, r.skipped), (0, 2));
    assert_eq!(
        store.list_enrolments(&alice).await.expect("list"),
        doc.enrolments
    );
    assert_eq!(store.record_total(&alice).await.expect("total"), 2);

    // A running one again, to see it survive a reopen.
    let again = enrol("perfectionism", "2026-05-01", 12);
    store
        .start_enrolment(&alice, &again, None)
        .await
        .expect("start again");
    alice
}

#[tokio::test]
async fn programmes_on_sqlite() {
    let db = support::SqliteDb::new();
    let alice = {
        let store = db.open(2).await;
        story(&store).await
    };
    let store = db.open(2).await;
    let running = store
        .running_enrolment(&alice)
        .await
        .expect("read")
        .expect("still running after a reopen");
    assert_eq!(running.started_on, d("2026-05-01"));
}

#[tokio::test]
async fn programmes_on_postgres() {
    let Some(db) = support::PgDb::fresh("programmes story").await else {
        return;
    };
    let store = db.store(2).await;
    story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
