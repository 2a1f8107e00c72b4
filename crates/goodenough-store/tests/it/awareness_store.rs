//! Awareness records (critic, values, practice log) on both backends:
//! owner-only access, the critic replaced in place, oldest-first lists,
//! import idempotence and erase. PostgreSQL runs when
//! GOODENOUGH_TEST_DATABASE_URL names a server.

use crate::support;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use goodenough_core::awareness::{CriticProfile, LifeValue, PracticeLog};
use goodenough_core::export::ExportDoc;
use goodenough_core::{id, Settings};
use goodenough_store::Store;

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
    assert_eq!(store.critic(&alice).await.expect("critic"), None);
    let c1 = CriticProfile::new(
        "Judge",
        &["not good enough".into()],
        None,
        None,
        None,
        at(8),
    )
    .expect("critic");
    store.put_critic(&alice, &c1).await.expect("put");
    let c2 = CriticProfile::new(
        "Inspector",
        &["check again".into()],
        Some("school"),
        None,
        Some("it is fine"),
        at(9),
    )
    .expect("critic");
    store.put_critic(&alice, &c2).await.expect("replace");
    assert_eq!(
        store.critic(&alice).await.expect("critic"),
        Some(c2.clone())
    );
    assert_eq!(store.critic(&bob).await.expect("critic"), None);

    let v1 = LifeValue::new(id::new_id(), "friend", "call Sam", at(10)).expect("value");
    let v2 = LifeValue::new(id::new_id(), "painter", "Saturdays", at(11)).expect("value");
    store.add_value(&alice, &v2).await.expect("add");
    store.add_value(&alice, &v1).await.expect("add");
    assert_eq!(
        store.list_values(&alice).await.expect("list"),
        vec![v1.clone(), v2.clone()]
    );
    assert!(store.list_values(&bob).await.expect("list").is_empty());
    assert!(!store.remove_value(&bob, &v1.id).await.expect("remove"));
    assert_eq!(store.list_values(&alice).await.expect("list").len(), 2);

    let d = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let l1 = PracticeLog::new(id::new_id(), "breathing", d, 3, at(12)).expect("log");
    let l2 = PracticeLog::new(
        id::new_id(),
        "grounding",
        d.pred_opt().expect("day"),
        4,
        at(12),
    )
    .expect("log");
    store.add_practice_log(&alice, &l1).await.expect("add");
    store.add_practice_log(&alice, &l2).await.expect("add");
    assert_eq!(
        store.list_practice_logs(&alice, None).await.expect("list"),
        vec![l2.clone(), l1.clone()]
    );
    assert_eq!(
        store
            .list_practice_logs(&alice, Some(d))
            .await
            .expect("list"),
        vec![l1.clone()]
    );
    assert!(store
        .list_practice_logs(&bob, None)
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
    doc.critic = store.critic(&alice).await.expect("critic");
    doc.values = store.list_values(&alice).await.expect("list");
    doc.practice_logs = store.list_practice_logs(&alice, None).await.expect("list");
    doc.validate().expect("valid");
    store.erase_records(&alice).await.expect("erase");
    assert_eq!(store.critic(&alice).await.expect("critic"), None);
    assert!(store.list_values(&alice).await.expect("list").is_empty());
    assert!(store
        .list_practice_logs(&alice, None)
        .await
        .expect("list")
        .is_empty());

    let fresh = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("carol");
    let r = store.import(&fresh, &doc).await.expect("import");
    assert_eq!(
        (r.critics, r.values, r.practice_logs, r.skipped),
        (1, 2, 2, 0)
    );
    let r = store.import(&fresh, &doc).await.expect("import again");
    assert_eq!(
        (r.critics, r.values, r.practice_logs, r.skipped),
        (0, 0, 0, 5)
    );
    assert_eq!(store.critic(&fresh).await.expect("critic"), Some(c2));
    assert!(store.remove_value(&fresh, &v1.id).await.expect("remove"));
    assert_eq!(store.list_values(&fresh).await.expect("list"), vec![v2]);
}

#[tokio::test]
async fn awareness_on_sqlite() {
    let db = support::SqliteDb::new();
    story(&db.open(2).await).await;
}

#[tokio::test]
async fn awareness_on_postgres() {
    let Some(db) = support::PgDb::fresh("awareness story").await else {
        return;
    };
    let store = db.store(2).await;
    story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
