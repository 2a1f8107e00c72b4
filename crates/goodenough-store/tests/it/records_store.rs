//! Every kind of record, on the demo persona's eight months: each can be
//! read back by its id (occurrences by block and date, commits by hash), only
//! by its owner (another person's id, or an id nobody has, gives `None`), and
//! `Store::export` gives the same document as reading every list one by one.
//! Run on SQLite always and on PostgreSQL when `GOODENOUGH_TEST_DATABASE_URL`
//! names a server.

use crate::support;

use chrono::NaiveDate;
use goodenough_core::export::ExportDoc;
use goodenough_core::{clock, demo, Settings};
use goodenough_store::{Store, StoreError};

/// Eight months of the demo persona, every kind of record in it.
pub fn demo_doc() -> ExportDoc {
    let end = NaiveDate::from_ymd_opt(2026, 3, 31).expect("date");
    let data = demo::generate(7, end, demo::DEFAULT_DAYS);
    let at = end.and_hms_opt(21, 0, 0).expect("time").and_utc();
    let mut doc = ExportDoc::new(
        Settings::defaults("Europe/Berlin"),
        data.checkins,
        data.thoughts,
        data.wins,
        data.setbacks,
        clock::round(at),
    );
    doc.timeboxes = data.timeboxes;
    doc.noes = data.noes;
    doc.delegations = data.delegations;
    doc.mistakes = data.mistakes;
    doc.rungs = data.rungs;
    doc.experiments = data.experiments;
    doc.git_commits = data.git_commits;
    doc.hobbies = data.hobbies;
    doc.blocks = data.blocks;
    doc.block_occurrences = data.block_occurrences;
    doc.joy_logs = data.joy_logs;
    doc.rests = data.rests;
    doc.assessments = data.assessments;
    doc.critic = data.critic;
    doc.values = data.values;
    doc.practice_logs = data.practice_logs;
    doc.evidence = data.evidence;
    doc.enrolments = data.enrolments;
    doc.reviews = demo::weekly_reviews(&doc, 7);
    doc.validate().expect("the demo is a valid export");
    doc
}

/// Checks one kind: every listed record comes back by its key for its
/// owner, and never for the other person or for a key nobody has.
macro_rules! each_by_key {
    ($store:expr, $owner:expr, $other:expr, $kind:literal, $list:expr, |$r:ident| $get:ident($($key:expr),+), $unknown:expr) => {{
        let list = $list;
        assert!(!list.is_empty(), "the demo has no {}", $kind);
        for $r in &list {
            let got = $store.$get($owner, $($key),+).await.expect($kind);
            assert_eq!(got.as_ref(), Some($r), "{} by key for its owner", $kind);
            let theirs = $store.$get($other, $($key),+).await.expect($kind);
            assert_eq!(theirs, None, "another person's {} by key", $kind);
        }
        let none = $store.$get($owner, $unknown).await.expect($kind);
        assert_eq!(none, None, "an unknown {}", $kind);
    }};
    ($store:expr, $owner:expr, $other:expr, $kind:literal, $list:expr, |$r:ident| $get:ident($($key:expr),+)) => {
        each_by_key!($store, $owner, $other, $kind, $list, |$r| $get($($key),+), "no-such-id")
    };
}

async fn by_id_story(store: &dyn Store) {
    let settings = Settings::defaults("Europe/Berlin");
    let alice = store.create_person(&settings).await.expect("alice");
    let bob = store.create_person(&settings).await.expect("bob");
    let doc = demo_doc();
    store.import(&alice, &doc).await.expect("import the demo");
    let (a, b) = (alice.as_str(), bob.as_str());

    each_by_key!(
        store,
        a,
        b,
        "check-in",
        store.list_checkins(a, None).await.expect("list"),
        |r| get_checkin(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "thought",
        store.list_thoughts(a, None).await.expect("list"),
        |r| get_thought(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "win",
        store.list_wins(a, None).await.expect("list"),
        |r| get_win(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "setback",
        store.list_setbacks(a, None).await.expect("list"),
        |r| get_setback(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "no",
        store.list_noes(a).await.expect("list"),
        |r| get_no(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "delegation",
        store.list_delegations(a).await.expect("list"),
        |r| get_delegation(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "mistake",
        store.list_mistakes(a).await.expect("list"),
        |r| get_mistake(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "rung",
        store.list_rungs(a).await.expect("list"),
        |r| get_rung(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "experiment",
        store.list_experiments(a, None).await.expect("list"),
        |r| get_experiment(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "timebox",
        store.list_timeboxes(a, None).await.expect("list"),
        |r| get_timebox(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "commit",
        store.list_git_commits(a).await.expect("list"),
        |r| get_git_commit(&r.hash)
    );
    each_by_key!(
        store,
        a,
        b,
        "assessment",
        store.list_assessments(a, None).await.expect("list"),
        |r| get_assessment(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "value",
        store.list_values(a).await.expect("list"),
        |r| get_value(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "practice log",
        store.list_practice_logs(a, None).await.expect("list"),
        |r| get_practice_log(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "enrolment",
        store.list_enrolments(a).await.expect("list"),
        |r| get_enrolment(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "review",
        store.list_reviews(a).await.expect("list"),
        |r| get_review(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "hobby",
        store.list_hobbies(a).await.expect("list"),
        |r| get_hobby(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "block",
        store.list_blocks(a).await.expect("list"),
        |r| get_block(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "joy log",
        store.list_joy_logs(a).await.expect("list"),
        |r| get_joy_log(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "rest",
        store.list_rests(a).await.expect("list"),
        |r| get_rest(&r.id)
    );
    each_by_key!(
        store,
        a,
        b,
        "evidence",
        store.list_evidence(a, None, None).await.expect("list"),
        |r| get_evidence(&r.id)
    );

    // Occurrences are keyed by block and date.
    let occurrences = store.list_occurrences(a).await.expect("list");
    assert!(!occurrences.is_empty(), "the demo has no occurrences");
    for o in &occurrences {
        let got = store
            .get_occurrence(a, &o.block_id, o.date)
            .await
            .expect("occurrence");
        assert_eq!(got.as_ref(), Some(o));
        let theirs = store
            .get_occurrence(b, &o.block_id, o.date)
            .await
            .expect("occurrence");
        assert_eq!(theirs, None, "another person's occurrence");
    }
    let first = &occurrences[0];
    let other_day = first.date - chrono::Duration::days(1000);
    assert_eq!(
        store
            .get_occurrence(a, &first.block_id, other_day)
            .await
            .expect("occurrence"),
        None
    );
    assert_eq!(
        store
            .get_occurrence(a, "no-such-block", first.date)
            .await
            .expect("occurrence"),
        None
    );
}

/// The export document read list by list, the way the CLI and the web
/// assembled it before `Store::export`.
async fn export_list_by_list(
    store: &dyn Store,
    person: &str,
    exported_at: chrono::DateTime<chrono::Utc>,
) -> ExportDoc {
    let mut doc = ExportDoc::new(
        store.settings(person).await.expect("settings"),
        store.list_checkins(person, None).await.expect("checkins"),
        store.list_thoughts(person, None).await.expect("thoughts"),
        store.list_wins(person, None).await.expect("wins"),
        store.list_setbacks(person, None).await.expect("setbacks"),
        exported_at,
    );
    doc.noes = store.list_noes(person).await.expect("noes");
    doc.delegations = store.list_delegations(person).await.expect("delegations");
    doc.mistakes = store.list_mistakes(person).await.expect("mistakes");
    doc.rungs = store.list_rungs(person).await.expect("rungs");
    doc.experiments = store
        .list_experiments(person, None)
        .await
        .expect("experiments");
    doc.timeboxes = store.list_timeboxes(person, None).await.expect("timeboxes");
    doc.git_commits = store.list_git_commits(person).await.expect("commits");
    doc.assessments = store
        .list_assessments(person, None)
        .await
        .expect("assessments");
    doc.critic = store.critic(person).await.expect("critic");
    doc.values = store.list_values(person).await.expect("values");
    doc.practice_logs = store
        .list_practice_logs(person, None)
        .await
        .expect("practice");
    doc.enrolments = store.list_enrolments(person).await.expect("enrolments");
    doc.reviews = store.list_reviews(person).await.expect("reviews");
    doc.hobbies = store.list_hobbies(person).await.expect("hobbies");
    doc.blocks = store.list_blocks(person).await.expect("blocks");
    doc.block_occurrences = store.list_occurrences(person).await.expect("occurrences");
    doc.joy_logs = store.list_joy_logs(person).await.expect("joy logs");
    doc.rests = store.list_rests(person).await.expect("rests");
    doc.evidence = store
        .list_evidence(person, None, None)
        .await
        .expect("evidence");
    doc
}

async fn export_story(store: &dyn Store) {
    let settings = Settings::defaults("Europe/Berlin");
    let alice = store.create_person(&settings).await.expect("alice");
    let bob = store.create_person(&settings).await.expect("bob");
    store
        .import(&alice, &demo_doc())
        .await
        .expect("import the demo");
    let at = clock::round(
        NaiveDate::from_ymd_opt(2026, 4, 1)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("instant")
            .and_utc(),
    );

    let one_read = store.export(&alice, at).await.expect("export");
    let by_list = export_list_by_list(store, &alice, at).await;
    assert_eq!(one_read.kind_counts(), by_list.kind_counts());
    assert_eq!(one_read, by_list, "the same document, record for record");
    // Byte for byte as JSON too (the order of every list and field).
    assert_eq!(
        serde_json::to_string(&one_read).expect("json"),
        serde_json::to_string(&by_list).expect("json")
    );
    assert!(one_read.critic.is_some() && !one_read.reviews.is_empty());

    // Bob has his settings and nothing of Alice's.
    let empty = store.export(&bob, at).await.expect("export bob");
    assert_eq!(empty, export_list_by_list(store, &bob, at).await);
    assert_eq!(empty.kind_counts().total(), 0);

    assert!(matches!(
        store.export("nobody", at).await,
        Err(StoreError::NotFound(_))
    ));
}

#[tokio::test]
async fn every_record_by_id_on_sqlite() {
    let db = support::SqliteDb::new();
    let store = db.open(4).await;
    by_id_story(&store).await;
}

#[tokio::test]
async fn export_reads_what_the_lists_read_on_sqlite() {
    let db = support::SqliteDb::new();
    let store = db.open(4).await;
    export_story(&store).await;
}

#[tokio::test]
async fn export_reads_what_the_lists_read_on_postgres() {
    let Some(db) = support::PgDb::fresh("export story").await else {
        return;
    };
    let store = db.store(4).await;
    export_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn every_record_by_id_on_postgres() {
    let Some(db) = support::PgDb::fresh("by-id story").await else {
        return;
    };
    let store = db.store(4).await;
    by_id_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
