//! Timeboxes in the store: one running box per person enforced by the
//! database (also across two pools started together), owner-only reads and
//! updates, oldest first, import idempotence and erase. Runs on SQLite
//! always and on PostgreSQL when `GOODENOUGH_TEST_DATABASE_URL` names a
//! server (a fresh database per run, dropped at the end).

use crate::support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use goodenough_core::export::ExportDoc;
use goodenough_core::timebox::{Outcome, Timebox};
use goodenough_core::{id, Settings};
use goodenough_store::{Store, StoreError};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .expect("instant")
        + Duration::minutes(minutes)
}

fn start(title: &str, minutes: i64) -> Timebox {
    Timebox::start(id::new_id(), title, "30m", at(minutes)).expect("box")
}

async fn story(a: &dyn Store, b: &dyn Store) {
    let alice = a
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("alice");
    let bob = a
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("bob");

    // Two stores (two pools) start a box at once: exactly one wins.
    let (x, y) = (start("one", 0), start("two", 0));
    let (rx, ry) = tokio::join!(a.start_timebox(&alice, &x), b.start_timebox(&alice, &y));
    let wins = [&rx, &ry].iter().filter(|r| r.is_ok()).count();
    assert_eq!(wins, 1, "{rx:?} {ry:?}");
    for r in [rx, ry] {
        if let Err(e) = r {
            assert!(matches!(e, StoreError::Conflict(_)), "{e:?}");
        }
    }
    let mut running = a
        .running_timebox(&alice)
        .await
        .expect("running")
        .expect("one running");
    assert!(running.id == x.id || running.id == y.id);
    assert!(a.running_timebox(&bob).await.expect("bob").is_none());
    assert!(a
        .get_timebox(&bob, &running.id)
        .await
        .expect("get")
        .is_none());

    // Another person cannot change it.
    running.revise(at(10), Some("first pass")).expect("revise");
    running.recheck();
    running.extend("15m", "review", at(20)).expect("extend");
    assert!(matches!(
        a.update_timebox(&bob, &running, true).await,
        Err(StoreError::NotFound(_))
    ));
    a.update_timebox(&alice, &running, true)
        .await
        .expect("update");
    let mut stopped = running.clone();
    stopped.stop(at(50), Outcome::Shipped).expect("stop");
    a.update_timebox(&alice, &stopped, true)
        .await
        .expect("stop");
    // A second stop of the same box (another process) finds it finished.
    assert!(matches!(
        b.update_timebox(&alice, &stopped, true).await,
        Err(StoreError::NotFound(_))
    ));
    let back = a
        .get_timebox(&alice, &stopped.id)
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(
        back, stopped,
        "round trip, extensions and revisions included"
    );
    assert_eq!(back.overrun_minutes(at(999)), 20);
    assert_eq!(
        a.last_finished_timebox(&alice).await.expect("last"),
        Some(stopped.clone())
    );

    // Now a new one may start; lists are oldest first, windowed by start.
    let later = start("later", 120);
    a.start_timebox(&alice, &later).await.expect("second box");
    let all = a.list_timeboxes(&alice, None).await.expect("list");
    assert_eq!(
        all.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        vec![stopped.id.as_str(), later.id.as_str()]
    );
    let recent = a
        .list_timeboxes(&alice, Some(at(60)))
        .await
        .expect("window");
    assert_eq!(recent, vec![later.clone()]);
    assert!(a.list_timeboxes(&bob, None).await.expect("bob").is_empty());

    // Import into Bob twice: added once; his own running box stays alone.
    let mut doc = ExportDoc::new(
        Settings::defaults("UTC"),
        vec![],
        vec![],
        vec![],
        vec![],
        at(200),
    );
    doc.timeboxes = all.clone();
    doc.validate().expect("valid doc");
    let first = a.import(&bob, &doc).await.expect("import");
    assert_eq!(first.timeboxes, 0, "same ids belong to alice already");
    let mut copy = doc.clone();
    copy.timeboxes.iter_mut().for_each(|t| t.id = id::new_id());
    let first = a.import(&bob, &copy).await.expect("import copy");
    assert_eq!(first.timeboxes, 2);
    let again = a.import(&bob, &copy).await.expect("import again");
    assert_eq!(again.timeboxes, 0);
    assert_eq!(a.list_timeboxes(&bob, None).await.expect("bob").len(), 2);

    a.erase_records(&alice).await.expect("erase");
    assert!(a
        .list_timeboxes(&alice, None)
        .await
        .expect("list")
        .is_empty());
    assert!(a.running_timebox(&alice).await.expect("running").is_none());
    assert_eq!(a.list_timeboxes(&bob, None).await.expect("bob").len(), 2);
}

#[tokio::test]
async fn timeboxes_on_sqlite() {
    let db = support::SqliteDb::new();
    let a = db.open(2).await;
    let b = db.open(2).await;
    story(&a, &b).await;
}

#[tokio::test]
async fn timeboxes_on_postgres() {
    let Some(db) = support::PgDb::fresh("timeboxes story").await else {
        return;
    };
    let a = db.store(4).await;
    let b = db.store(4).await;
    story(&a, &b).await;
    a.pool().close().await;
    b.pool().close().await;
    db.drop_db().await;
}
