//! The range-bounded reads behind "today" on both backends: open
//! experiments planned for the day or earlier, and one instrument's results
//! within an assessment window; owner-only, and the same answer as filtering
//! the full lists. Runs on SQLite always and on PostgreSQL when
//! `GOODENOUGH_TEST_DATABASE_URL` names a server (a fresh database per run,
//! dropped at the end).

use crate::support;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use goodenough_core::assessment::{load_all, AssessmentResult, PERFECTIONISM_SNAPSHOT};
use goodenough_core::experiment::{Experiment, ExperimentResult, PlanInput, RecordInput};
use goodenough_core::{id, Settings};
use goodenough_store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn at(date: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(19, 0, 0).expect("time"))
}

fn plan(planned: &str, due: Option<&str>) -> Experiment {
    Experiment::plan(
        id::new_id(),
        at(d(planned)),
        d(planned),
        PlanInput {
            belief: "asking makes me look slow",
            prediction: "someone sighs",
            likelihood: 70,
            anxiety: 60,
            rung_id: None,
            due: due.map(d),
        },
    )
    .expect("valid plan")
}

fn result(date: &str) -> ExperimentResult {
    ExperimentResult::new(
        at(d(date)),
        RecordInput {
            happened: "no",
            actual: "nobody minded",
            anxiety_after: 20,
            learned: "questions are normal",
            belief_after: Some(30),
            date: d(date),
        },
    )
    .expect("valid result")
}

fn ids(list: &[Experiment]) -> Vec<String> {
    list.iter().map(|e| e.id.clone()).collect()
}

async fn story(a: &dyn Store) {
    let alice = a
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("alice");
    let bob = a
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("bob");
    let day = d("2026-03-10");

    // Experiments: overdue, due today, due later, without a day, recorded.
    let overdue = plan("2026-03-01", Some("2026-03-05"));
    let today = plan("2026-03-08", Some("2026-03-10"));
    let later = plan("2026-03-09", Some("2026-03-12"));
    let undated = plan("2026-03-02", None);
    let done = plan("2026-02-20", Some("2026-02-25"));
    for e in [&later, &today, &undated, &done, &overdue] {
        a.add_experiment(&alice, e).await.expect("add");
    }
    assert!(a
        .record_experiment(&alice, &done.id, &result("2026-02-25"))
        .await
        .expect("record"));
    a.add_experiment(&bob, &plan("2026-03-01", Some("2026-03-02")))
        .await
        .expect("bob's");

    let open = a.open_experiments_due_by(&alice, day).await.expect("open");
    assert_eq!(ids(&open), vec![overdue.id.clone(), today.id.clone()]);
    // The same as filtering everything, in the same order.
    let all = a.list_experiments(&alice, None).await.expect("all");
    let filtered: Vec<Experiment> = all
        .into_iter()
        .filter(|e| e.result.is_none() && e.due.is_some_and(|x| x <= day))
        .collect();
    assert_eq!(open, filtered);
    assert!(a
        .open_experiments_due_by(&alice, d("2026-03-04"))
        .await
        .expect("earlier")
        .is_empty());
    // Recording one takes it off the list.
    assert!(a
        .record_experiment(&alice, &today.id, &result("2026-03-10"))
        .await
        .expect("record"));
    assert_eq!(
        ids(&a.open_experiments_due_by(&alice, day).await.expect("open")),
        vec![overdue.id.clone()]
    );
    // Owner only.
    let bobs = a.open_experiments_due_by(&bob, day).await.expect("bob");
    assert_eq!(bobs.len(), 1);
    assert!(!bobs.iter().any(|e| e.id == overdue.id));

    // Assessments: a window of one week, one instrument.
    let instruments = load_all(&[]).expect("instruments");
    let snap = instruments
        .iter()
        .find(|i| i.id == PERFECTIONISM_SNAPSHOT)
        .expect("snapshot");
    let imp = instruments
        .iter()
        .find(|i| i.id == "impostor-snapshot")
        .expect("impostor");
    let take = |inst, date: NaiveDate| {
        AssessmentResult::new(inst, &[5, 6, 7, 4], BTreeMap::new(), at(date), date)
            .expect("result")
            .0
    };
    let before = take(snap, d("2026-03-08"));
    let first = take(snap, d("2026-03-09"));
    let last = take(snap, d("2026-03-15"));
    let after = take(snap, d("2026-03-16"));
    let other = AssessmentResult::new(
        imp,
        &[1, 2, 3, 2, 1],
        BTreeMap::new(),
        at(d("2026-03-10")),
        d("2026-03-10"),
    )
    .expect("other")
    .0;
    for r in [&last, &after, &other, &before, &first] {
        a.add_assessment(&alice, r).await.expect("add");
    }
    a.add_assessment(&bob, &take(snap, d("2026-03-11")))
        .await
        .expect("bob's");
    let (from, to) = (d("2026-03-09"), d("2026-03-15"));
    let window = a
        .assessments_dated(&alice, PERFECTIONISM_SNAPSHOT, from, to)
        .await
        .expect("window");
    let got: Vec<&str> = window.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(got, vec![first.id.as_str(), last.id.as_str()]);
    let expected: Vec<AssessmentResult> = a
        .list_assessments(&alice, Some(PERFECTIONISM_SNAPSHOT))
        .await
        .expect("history")
        .into_iter()
        .filter(|r| r.date >= from && r.date <= to)
        .collect();
    assert_eq!(window, expected);
    assert!(a
        .assessments_dated(
            &alice,
            PERFECTIONISM_SNAPSHOT,
            to + Duration::days(2),
            to + Duration::days(8)
        )
        .await
        .expect("empty")
        .is_empty());
    let bobs = a
        .assessments_dated(&bob, PERFECTIONISM_SNAPSHOT, from, to)
        .await
        .expect("bob");
    assert_eq!(bobs.len(), 1);
    assert!(!bobs.iter().any(|r| r.id == first.id || r.id == last.id));
}

#[tokio::test]
async fn today_reads_on_sqlite() {
    let db = support::SqliteDb::new();
    story(&db.open(2).await).await;
}

#[tokio::test]
async fn today_reads_on_postgres() {
    let Some(db) = support::PgDb::fresh("today reads story").await else {
        return;
    };
    let store = db.store(4).await;
    story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
