//! The evidence log on both backends: owner-only reads, oldest first, the
//! date window, a duplicate id refused, import idempotence and erase.
//! PostgreSQL runs when GOODENOUGH_TEST_DATABASE_URL names a server.

use crate::support;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use goodenough_core::evidence::{Attribution, EvidenceEntry, EvidenceKind};
use goodenough_core::export::ExportDoc;
use goodenough_core::{id, Settings};
use goodenough_store::{Store, StoreError};

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, h, 0, 0)
        .single()
        .expect("instant")
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
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
    let march = EvidenceEntry::new(
        id::new_id(),
        EvidenceKind::Praise,
        "Clear talk — שלום 👋🏽",
        day(3, 14),
        Some("Dana"),
        Attribution::Effort,
        at(9),
    )
    .expect("entry");
    let january = EvidenceEntry::new(
        id::new_id(),
        EvidenceKind::Accomplishment,
        "Shipped the release",
        day(1, 20),
        None,
        Attribution::Luck,
        at(10),
    )
    .expect("entry");
    let may = EvidenceEntry::new(
        id::new_id(),
        EvidenceKind::Accomplishment,
        "Led the review",
        day(5, 2),
        None,
        Attribution::Ability,
        at(11),
    )
    .expect("entry");
    for e in [&march, &january, &may] {
        store.add_evidence(&alice, e).await.expect("add");
    }
    assert!(matches!(
        store.add_evidence(&alice, &march).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.list_evidence(&alice, None, None).await.expect("list"),
        vec![january.clone(), march.clone(), may.clone()]
    );
    assert_eq!(
        store
            .list_evidence(&alice, Some(day(2, 1)), Some(day(3, 14)))
            .await
            .expect("window"),
        vec![march.clone()]
    );
    assert!(store
        .list_evidence(&bob, None, None)
        .await
        .expect("list")
        .is_empty());

    let mut doc = ExportDoc::new(
        store.settings(&alice).await.expect("settings"),
        vec![],
        vec![],
        vec![],
        vec![],
        at(13),
    );
    doc.evidence = store.list_evidence(&alice, None, None).await.expect("list");
    doc.validate().expect("valid");
    store.erase_records(&alice).await.expect("erase");
    assert!(store
        .list_evidence(&alice, None, None)
        .await
        .expect("list")
        .is_empty());
    assert_eq!(store.record_total(&alice).await.expect("total"), 0);

    let fresh = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("carol");
    let r = store.import(&fresh, &doc).await.expect("import");
    assert_eq!((r.evidence, r.skipped), (3, 0));
    let r = store.import(&fresh, &doc).await.expect("import again");
    assert_eq!((r.evidence, r.skipped), (0, 3));
    assert_eq!(
        store.list_evidence(&fresh, None, None).await.expect("list"),
        vec![january, march, may]
    );
    store.erase_person(&fresh).await.expect("erase person");
}

#[tokio::test]
async fn evidence_on_sqlite() {
    let db = support::SqliteDb::new();
    story(&db.open(2).await).await;
}

#[tokio::test]
async fn evidence_on_postgres() {
    let Some(db) = support::PgDb::fresh("evidence story").await else {
        return;
    };
    let store = db.store(2).await;
    story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
