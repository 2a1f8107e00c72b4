//! Joy records (hobbies, blocks, occurrences, joy logs, rests) on both
//! backends: oldest-first lists, one occurrence per block and date (marking
//! again replaces it), owner-only access, import idempotence and erase.
//! PostgreSQL runs when GOODENOUGH_TEST_DATABASE_URL names a server.

use crate::support;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use goodenough_core::export::ExportDoc;
use goodenough_core::joy::{self, Block, Hobby, JoyLog, Occurrence, Rest, RestKind};
use goodenough_core::{id, Settings};
use goodenough_store::{Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, h, 0, 0)
        .single()
        .expect("instant")
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

    let piano = Hobby::new(id::new_id(), at(9), "piano").expect("hobby");
    let paint = Hobby::new(id::new_id(), at(8), "painting").expect("hobby");
    store.add_hobby(&alice, &piano).await.expect("add");
    store.add_hobby(&alice, &paint).await.expect("add");
    assert_eq!(
        store.list_hobbies(&alice).await.expect("list"),
        vec![paint.clone(), piano.clone()]
    );
    assert!(store.list_hobbies(&bob).await.expect("list").is_empty());

    let w = joy::parse_weekly("sat 10:00-12:00").expect("weekly");
    let block =
        Block::new(id::new_id(), at(10), "painting", &w, Some(paint.id.clone())).expect("block");
    store.add_block(&alice, &block).await.expect("add");
    assert_eq!(
        store.list_blocks(&alice).await.expect("list"),
        vec![block.clone()]
    );
    assert!(store.list_blocks(&bob).await.expect("list").is_empty());

    // 2026-03-07 and 2026-03-14 are Saturdays.
    let skipped = Occurrence::new(&block, d("2026-03-14"), false, Some("sick")).expect("occ");
    let kept = Occurrence::new(&block, d("2026-03-07"), true, None).expect("occ");
    store.set_occurrence(&alice, &skipped).await.expect("set");
    store.set_occurrence(&alice, &kept).await.expect("set");
    // Bob cannot mark alice's block.
    assert!(matches!(
        store.set_occurrence(&bob, &kept).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(store.list_occurrences(&bob).await.expect("list").is_empty());
    // Marking again replaces: one occurrence per block and date.
    let kept_after_all = Occurrence::new(&block, d("2026-03-14"), true, None).expect("occ");
    store
        .set_occurrence(&alice, &kept_after_all)
        .await
        .expect("set");
    assert_eq!(
        store.list_occurrences(&alice).await.expect("list"),
        vec![kept.clone(), kept_after_all.clone()]
    );

    let log = JoyLog::new(id::new_id(), at(11), &piano, d("2026-03-02"), 45).expect("log");
    store.add_joy_log(&alice, &log).await.expect("add");
    assert_eq!(
        store.list_joy_logs(&alice).await.expect("list"),
        vec![log.clone()]
    );
    assert!(store.list_joy_logs(&bob).await.expect("list").is_empty());

    let rest = Rest::new(
        id::new_id(),
        at(12),
        d("2026-06-01"),
        d("2026-06-07"),
        RestKind::Vacation,
        Some(2),
    )
    .expect("rest");
    let day = Rest::new(
        id::new_id(),
        at(13),
        d("2026-03-20"),
        d("2026-03-20"),
        RestKind::RestDay,
        None,
    )
    .expect("rest");
    store.add_rest(&alice, &rest).await.expect("add");
    store.add_rest(&alice, &day).await.expect("add");
    assert_eq!(
        store.list_rests(&alice).await.expect("list"),
        vec![day.clone(), rest.clone()]
    );
    assert!(store.list_rests(&bob).await.expect("list").is_empty());

    let mut doc = ExportDoc::new(
        store.settings(&alice).await.expect("settings"),
        vec![],
        vec![],
        vec![],
        vec![],
        at(14),
    );
    doc.hobbies = store.list_hobbies(&alice).await.expect("list");
    doc.blocks = store.list_blocks(&alice).await.expect("list");
    doc.block_occurrences = store.list_occurrences(&alice).await.expect("list");
    doc.joy_logs = store.list_joy_logs(&alice).await.expect("list");
    doc.rests = store.list_rests(&alice).await.expect("list");
    doc.validate().expect("valid export");
    let fresh = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("carol");
    store.erase_records(&alice).await.expect("erase alice");
    assert!(store.list_hobbies(&alice).await.expect("list").is_empty());
    assert!(store.list_blocks(&alice).await.expect("list").is_empty());
    assert!(store
        .list_occurrences(&alice)
        .await
        .expect("list")
        .is_empty());
    assert!(store.list_joy_logs(&alice).await.expect("list").is_empty());
    assert!(store.list_rests(&alice).await.expect("list").is_empty());
    let r = store.import(&fresh, &doc).await.expect("import");
    assert_eq!(
        (
            r.hobbies,
            r.blocks,
            r.block_occurrences,
            r.joy_logs,
            r.rests,
            r.skipped
        ),
        (2, 1, 2, 1, 2, 0)
    );
    let r = store.import(&fresh, &doc).await.expect("import again");
    assert_eq!(
        (
            r.hobbies,
            r.blocks,
            r.block_occurrences,
            r.joy_logs,
            r.rests,
            r.skipped
        ),
        (0, 0, 0, 0, 0, 8)
    );
    assert_eq!(store.list_hobbies(&fresh).await.expect("list"), doc.hobbies);
    assert_eq!(
        store.list_occurrences(&fresh).await.expect("list"),
        doc.block_occurrences
    );
    assert_eq!(store.list_rests(&fresh).await.expect("list"), doc.rests);
    assert!(store.record_total(&fresh).await.expect("total") >= 8);
    store.erase_person(&fresh).await.expect("erase person");
    assert!(store.list_blocks(&fresh).await.expect("list").is_empty());
}

#[tokio::test]
async fn joy_on_sqlite() {
    let db = support::SqliteDb::new();
    story(&db.open(2).await).await;
}

#[tokio::test]
async fn joy_on_postgres() {
    let Some(db) = support::PgDb::fresh("joy story").await else {
        return;
    };
    let store = db.store(2).await;
    story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
