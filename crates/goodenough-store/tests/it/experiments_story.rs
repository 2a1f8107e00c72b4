//! Ladder rungs and behavioural experiments on both backends: owner-only
//! reads, record-once (also from two stores on one database at the same
//! moment), the calibration window, import idempotence and erase. Runs on
//! SQLite always and on PostgreSQL when `GOODENOUGH_TEST_DATABASE_URL`
//! names a server (a fresh database per run, dropped at the end).

use crate::support;

use chrono::{NaiveDate, TimeZone, Utc};
use goodenough_core::experiment::{Experiment, ExperimentResult, PlanInput, RecordInput, Rung};
use goodenough_core::export::ExportDoc;
use goodenough_core::{id, Settings};
use goodenough_store::{Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 19, 0, 0)
        .single()
        .expect("instant")
}

fn plan(likelihood: i64, rung: Option<&Rung>) -> Experiment {
    Experiment::plan(
        id::new_id(),
        now(),
        d("2026-01-02"),
        PlanInput {
            belief: "asking makes me look slow",
            prediction: "someone sighs",
            likelihood,
            anxiety: 60,
            rung_id: rung.map(|r| r.id.clone()),
            due: None,
        },
    )
    .expect("valid plan")
}

fn result(happened: &str, date: &str) -> ExperimentResult {
    ExperimentResult::new(
        now(),
        RecordInput {
            happened,
            actual: "nobody minded",
            anxiety_after: 20,
            learned: "questions are normal",
            belief_after: Some(30),
            date: d(date),
        },
    )
    .expect("valid result")
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

    let rung = Rung::new(id::new_id(), now(), "ask in the channel", 30).expect("rung");
    a.add_rung(&alice, &rung).await.expect("add rung");
    let hard = Rung::new(id::new_id(), now(), "demo unfinished work", 80).expect("rung");
    a.add_rung(&alice, &hard).await.expect("add rung");
    assert_eq!(a.list_rungs(&alice).await.expect("list").len(), 2);
    assert!(a.list_rungs(&bob).await.expect("list").is_empty());
    assert!(a.find_rung(&bob, &rung.id).await.expect("find").is_none());
    assert!(!a
        .mark_rung_done(&bob, &rung.id, d("2026-01-01"))
        .await
        .expect("mark"));

    let e = plan(80, Some(&rung));
    a.add_experiment(&alice, &e).await.expect("plan");
    assert_eq!(
        a.find_experiment(&alice, &e.id[..13]).await.expect("find"),
        Some(e.clone())
    );
    assert!(a
        .find_experiment(&bob, &e.id)
        .await
        .expect("find")
        .is_none());
    // Bob cannot record Alice's experiment.
    assert!(!a
        .record_experiment(&bob, &e.id, &result("yes", "2026-01-03"))
        .await
        .expect("record"));

    // Two stores on one database record at the same moment: exactly one wins.
    let (no, yes) = (result("no", "2026-01-03"), result("yes", "2026-01-04"));
    let (x, y) = tokio::join!(
        a.record_experiment(&alice, &e.id, &no),
        b.record_experiment(&alice, &e.id, &yes),
    );
    let wins = [x.expect("first"), y.expect("second")];
    assert_eq!(wins.iter().filter(|w| **w).count(), 1, "{wins:?}");
    let stored = a
        .find_experiment(&alice, &e.id)
        .await
        .expect("find")
        .expect("there");
    let r = stored.result.expect("recorded");
    assert!(
        (r.happened.as_str(), r.date) == ("no", d("2026-01-03"))
            || (r.happened.as_str(), r.date) == ("yes", d("2026-01-04"))
    );
    // The rung is climbed on the day it was done.
    let rungs = a.list_rungs(&alice).await.expect("list");
    assert_eq!(rungs[0].done_on, Some(r.date));
    assert!(rungs[1].done_on.is_none());

    // Calibration reads only the window, oldest first.
    for (l, h, day) in [(70, "partly", "2026-02-10"), (60, "no", "2026-03-05")] {
        let e = plan(l, None);
        a.add_experiment(&alice, &e).await.expect("plan");
        assert!(a
            .record_experiment(&alice, &e.id, &result(h, day))
            .await
            .expect("record"));
    }
    a.add_experiment(&alice, &plan(90, None))
        .await
        .expect("unrecorded");
    let all = a
        .calibration_forecasts(&alice, None)
        .await
        .expect("forecasts");
    assert_eq!(all.len(), 3);
    assert_eq!(all[1], (d("2026-02-10"), all[1].1));
    assert_eq!((all[1].1.likelihood, all[1].1.outcome), (70, 0.5));
    let window = a
        .calibration_forecasts(&alice, Some(d("2026-02-01")))
        .await
        .expect("forecasts");
    assert_eq!(window.len(), 2);
    assert!(a
        .calibration_forecasts(&bob, None)
        .await
        .expect("forecasts")
        .is_empty());

    // Importing an export of the same records again adds nothing.
    let mut doc = ExportDoc::new(
        Settings::defaults("UTC"),
        vec![],
        vec![],
        vec![],
        vec![],
        now(),
    );
    doc.rungs = a.list_rungs(&alice).await.expect("rungs");
    doc.experiments = a.list_experiments(&alice, None).await.expect("list");
    doc.validate().expect("valid export");
    let again = a.import(&alice, &doc).await.expect("import");
    assert_eq!((again.rungs, again.experiments), (0, 0));
    assert_eq!(again.skipped, 6);
    assert!(a
        .list_experiments(&bob, None)
        .await
        .expect("list")
        .is_empty());

    // Removing a rung keeps the experiment, without the link.
    assert!(a.remove_rung(&alice, &rung.id).await.expect("remove"));
    let kept = a
        .find_experiment(&alice, &e.id)
        .await
        .expect("find")
        .expect("kept");
    assert!(kept.rung_id.is_none());

    a.erase_records(&alice).await.expect("erase");
    assert!(a.list_rungs(&alice).await.expect("list").is_empty());
    assert!(a
        .list_experiments(&alice, None)
        .await
        .expect("list")
        .is_empty());
    assert!(matches!(
        a.find_experiment(&alice, "zz").await,
        Ok(None) | Err(StoreError::Conflict(_))
    ));
}

#[tokio::test]
async fn experiments_on_sqlite() {
    let db = support::SqliteDb::new();
    let a = db.open(2).await;
    let b = db.open(2).await;
    story(&a, &b).await;
}

#[tokio::test]
async fn experiments_on_postgres() {
    let Some(db) = support::PgDb::fresh("experiments story").await else {
        return;
    };
    let a = db.store(4).await;
    let b = db.store(4).await;
    story(&a, &b).await;
    a.pool().close().await;
    b.pool().close().await;
    db.drop_db().await;
}
