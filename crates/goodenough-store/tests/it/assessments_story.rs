//! Assessment results in the store: owner-only history of one instrument,
//! oldest first, JSON fields read back unchanged, import idempotence and
//! erase. Runs on SQLite always and on PostgreSQL when
//! `GOODENOUGH_TEST_DATABASE_URL` names a server.

use crate::support;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use goodenough_core::assessment::{load_all, AssessmentResult, PERFECTIONISM_SNAPSHOT};
use goodenough_core::export::ExportDoc;
use goodenough_core::{id, Settings};
use goodenough_store::Store;

async fn story(a: &dyn Store) {
    let alice = a
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("alice");
    let bob = a
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("bob");
    let all = load_all(&[]).expect("instruments");
    let snap = all
        .iter()
        .find(|i| i.id == PERFECTIONISM_SNAPSHOT)
        .expect("snapshot");
    let imp = all
        .iter()
        .find(|i| i.id == "impostor-snapshot")
        .expect("impostor");
    let t0 = Utc
        .with_ymd_and_hms(2026, 1, 5, 19, 0, 0)
        .single()
        .expect("t0");
    let d0 = NaiveDate::from_ymd_opt(2026, 1, 5).expect("d0");
    let mut notes = BTreeMap::new();
    notes.insert(
        "overwork".to_string(),
        "stayed until 22:00 polishing slides".to_string(),
    );
    let (first, _) = AssessmentResult::new(snap, &[8, 7, 9, 6], notes, t0, d0).expect("first");
    let (later, _) = AssessmentResult::new(
        snap,
        &[5, 6, 7, 4],
        BTreeMap::new(),
        t0 + Duration::days(28),
        d0 + Duration::days(28),
    )
    .expect("later");
    let (other, _) =
        AssessmentResult::new(imp, &[1, 2, 3, 2, 1], BTreeMap::new(), t0, d0).expect("other");
    // Saved out of order; history comes back oldest first.
    a.add_assessment(&alice, &later).await.expect("add");
    a.add_assessment(&alice, &first).await.expect("add");
    a.add_assessment(&alice, &other).await.expect("add");
    let hist = a
        .list_assessments(&alice, Some(PERFECTIONISM_SNAPSHOT))
        .await
        .expect("list");
    assert_eq!(hist, vec![first.clone(), later.clone()]);
    assert_eq!(hist[0].total, 30.0);
    assert_eq!(
        hist[0].notes["overwork"],
        "stayed until 22:00 polishing slides"
    );
    assert_eq!(
        a.list_assessments(&alice, None).await.expect("all").len(),
        3
    );
    assert!(a
        .list_assessments(&bob, None)
        .await
        .expect("bob")
        .is_empty());

    // Import into Bob: copies with new ids added once.
    let mut doc = ExportDoc::new(
        Settings::defaults("UTC"),
        vec![],
        vec![],
        vec![],
        vec![],
        t0,
    );
    doc.assessments = hist.clone();
    doc.assessments.iter_mut().for_each(|r| r.id = id::new_id());
    doc.validate().expect("valid");
    assert_eq!(a.import(&bob, &doc).await.expect("import").assessments, 2);
    let again = a.import(&bob, &doc).await.expect("again");
    assert_eq!((again.assessments, again.skipped >= 2), (0, true));
    assert_eq!(a.list_assessments(&bob, None).await.expect("bob").len(), 2);

    a.erase_records(&alice).await.expect("erase");
    assert!(a
        .list_assessments(&alice, None)
        .await
        .expect("alice")
        .is_empty());
    assert_eq!(a.list_assessments(&bob, None).await.expect("bob").len(), 2);
}

#[tokio::test]
async fn assessments_on_sqlite() {
    let db = support::SqliteDb::new();
    story(&db.open(2).await).await;
}

#[tokio::test]
async fn assessments_on_postgres() {
    let Some(db) = support::PgDb::fresh("assessments story").await else {
        return;
    };
    let store = db.store(4).await;
    story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
