//! The Boundaries records (noes, delegations, mistake reviews) on both
//! backends: oldest-first lists, completing later, import idempotence,
//! erase, and that another person's id never reaches a record.
//! PostgreSQL runs when GOODENOUGH_TEST_DATABASE_URL names a server.

use crate::support;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use goodenough_core::boundaries::{Delegation, MistakeReview, NoRecord};
use goodenough_core::export::ExportDoc;
use goodenough_core::{id, Settings};
use goodenough_store::{Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, h, 0, 0)
        .single()
        .expect("instant")
}

fn no(date: &str, h: u32, request: &str) -> NoRecord {
    NoRecord {
        id: id::new_id(),
        created_at: at(h),
        date: d(date),
        request: request.into(),
        response: "Not now".into(),
        guilt_before: 7,
        guilt_after: None,
        outcome: None,
    }
}

async fn story(store: &dyn Store) {
    let alice = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("alice");
    let bob = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("bob");

    let later = no("2026-03-09", 9, "later");
    let earlier = no("2026-03-02", 20, "earlier 'quoted' ; DROP TABLE noes; --");
    store.add_no(&alice, &later).await.expect("add");
    store.add_no(&alice, &earlier).await.expect("add");
    let list = store.list_noes(&alice).await.expect("list");
    assert_eq!(
        list,
        vec![earlier.clone(), later.clone()],
        "oldest first, exact round trip"
    );
    assert!(store.list_noes(&bob).await.expect("list").is_empty());

    // Completing: only the owner can.
    let mut done = earlier.clone();
    done.guilt_after = Some(2);
    done.outcome = Some("Fine".into());
    assert!(matches!(
        store.update_no(&bob, &done).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(store.list_noes(&alice).await.expect("list")[0]
        .guilt_after
        .is_none());
    store.update_no(&alice, &done).await.expect("update");
    assert_eq!(store.list_noes(&alice).await.expect("list")[0], done);

    let del = Delegation {
        id: id::new_id(),
        created_at: at(10),
        date: d("2026-03-05"),
        task: "Release notes".into(),
        to: "Priya".into(),
        outcome: None,
        fine: None,
    };
    store.add_delegation(&alice, &del).await.expect("add");
    let mut del_done = del.clone();
    del_done.fine = Some(false);
    assert!(matches!(
        store.update_delegation(&bob, &del_done).await,
        Err(StoreError::NotFound(_))
    ));
    store
        .update_delegation(&alice, &del_done)
        .await
        .expect("update");
    assert_eq!(
        store.list_delegations(&alice).await.expect("list"),
        vec![del_done.clone()]
    );
    assert!(store.list_delegations(&bob).await.expect("list").is_empty());

    let m = MistakeReview {
        id: id::new_id(),
        created_at: at(11),
        date: d("2026-03-06"),
        what: "Broke staging".into(),
        cost: "An hour".into(),
        factors: None,
        taught: "Review config".into(),
        friend: "It happens".into(),
        thought_id: None,
    };
    store.add_mistake(&alice, &m).await.expect("add");
    assert_eq!(
        store.list_mistakes(&alice).await.expect("list"),
        vec![m.clone()]
    );
    assert!(store.list_mistakes(&bob).await.expect("list").is_empty());

    // Import into bob: everything added once, nothing the second time.
    let mut doc = ExportDoc::new(
        store.settings(&alice).await.expect("settings"),
        vec![],
        vec![],
        vec![],
        vec![],
        at(12),
    );
    doc.noes = store.list_noes(&alice).await.expect("list");
    doc.delegations = store.list_delegations(&alice).await.expect("list");
    doc.mistakes = store.list_mistakes(&alice).await.expect("list");
    // Ids are primary keys across the store: erase alice first, then
    // restore her export into a new person, as moving to a new store would.
    let fresh = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("carol");
    store.erase_records(&alice).await.expect("erase alice");
    assert!(store.list_noes(&alice).await.expect("list").is_empty());
    assert!(store
        .list_delegations(&alice)
        .await
        .expect("list")
        .is_empty());
    assert!(store.list_mistakes(&alice).await.expect("list").is_empty());
    let r = store.import(&fresh, &doc).await.expect("import");
    assert_eq!((r.noes, r.delegations, r.mistakes, r.skipped), (2, 1, 1, 0));
    let r = store.import(&fresh, &doc).await.expect("import again");
    assert_eq!((r.noes, r.delegations, r.mistakes, r.skipped), (0, 0, 0, 4));
    assert_eq!(store.list_noes(&fresh).await.expect("list"), doc.noes);
    assert_eq!(
        store.list_delegations(&fresh).await.expect("list"),
        doc.delegations
    );
    assert_eq!(
        store.list_mistakes(&fresh).await.expect("list"),
        doc.mistakes
    );
    store.erase_person(&fresh).await.expect("erase person");
    assert!(store.list_noes(&fresh).await.expect("list").is_empty());
    let _ = bob;
}

#[tokio::test]
async fn boundaries_on_sqlite() {
    let db = support::SqliteDb::new();
    story(&db.open(2).await).await;
}

#[tokio::test]
async fn boundaries_on_postgres() {
    let Some(db) = support::PgDb::fresh("boundaries story").await else {
        return;
    };
    let store = db.store(2).await;
    story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
