//! Git commits and the outcome facts in the store, on SQLite and (when
//! `GOODENOUGH_TEST_DATABASE_URL` names a server) PostgreSQL: adding twice
//! adds nothing, another person sees none of it, reads follow the window,
//! export/import round trip, erase.

use crate::support;

use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::export::ExportDoc;
use goodenough_core::gitsignals::GitCommit;
use goodenough_core::Settings;
use goodenough_store::Store;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("instant")
        .with_timezone(&Utc)
}

fn commits() -> Vec<GitCommit> {
    [
        "2026-03-02T10:00:00Z",
        "2026-03-02T22:30:00Z",
        "2026-03-07T11:00:00Z",
        "2026-03-09T23:59:00Z",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| GitCommit {
        hash: format!("{:040x}", i + 1),
        at: at(t),
    })
    .collect()
}

async fn story(store: &dyn Store) {
    let me = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("person");
    let other = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("person");
    let all = commits();
    assert_eq!(store.add_git_commits(&me, &all).await.expect("add"), 4);
    assert_eq!(store.add_git_commits(&me, &all).await.expect("again"), 0);
    // The same hash for another person is their own record.
    assert_eq!(
        store
            .add_git_commits(&other, &all[..1])
            .await
            .expect("other"),
        1
    );

    let times = store.git_commit_times(&me, None).await.expect("times");
    assert_eq!(times, all.iter().map(|c| c.at).collect::<Vec<_>>());
    let since = store
        .git_commit_times(&me, Some(at("2026-03-07T00:00:00Z")))
        .await
        .expect("since");
    assert_eq!(since.len(), 2);
    assert_eq!(store.list_git_commits(&me).await.expect("list"), all);
    assert_eq!(store.list_git_commits(&other).await.expect("list").len(), 1);
    assert!(store
        .list_git_commits("no-such-person")
        .await
        .expect("list")
        .is_empty());

    // One finished box (45 min against 30, two revisions), one running
    // box (not counted), a no and a delegation on 8 March, and older ones.
    use goodenough_core::boundaries::{Delegation, NoRecord};
    use goodenough_core::timebox::{Outcome, Revision, Timebox};
    let tb = |id: &str, start: &str, end: Option<&str>, revisions: usize| Timebox {
        id: id.into(),
        title: "Draft".into(),
        limit_minutes: 30,
        started_at: at(start),
        ended_at: end.map(at),
        extensions: vec![],
        revisions: vec![
            Revision {
                at: at(start),
                note: None
            };
            revisions
        ],
        rechecks: 0,
        outcome: end.map(|_| Outcome::Shipped),
    };
    for b in [
        tb(
            "b1",
            "2026-03-08T10:00:00Z",
            Some("2026-03-08T10:45:00Z"),
            2,
        ),
        tb(
            "b0",
            "2026-02-01T10:00:00Z",
            Some("2026-02-01T10:10:00Z"),
            0,
        ),
        tb("b2", "2026-03-09T10:00:00Z", None, 1),
    ] {
        store.start_timebox(&me, &b).await.expect("box");
    }
    for (id, day) in [("n1", 8), ("n0", 1)] {
        let no = NoRecord {
            id: id.into(),
            created_at: at("2026-03-08T12:00:00Z"),
            date: NaiveDate::from_ymd_opt(2026, 3, day).expect("date"),
            request: "r".into(),
            response: "no".into(),
            guilt_before: 7,
            guilt_after: Some(2),
            outcome: None,
        };
        store.add_no(&me, &no).await.expect("no");
        let d = Delegation {
            id: format!("d{id}"),
            created_at: at("2026-03-08T12:00:00Z"),
            date: NaiveDate::from_ymd_opt(2026, 3, day).expect("date"),
            task: "t".into(),
            to: "Sam".into(),
            outcome: None,
            fine: None,
        };
        store.add_delegation(&me, &d).await.expect("delegation");
    }
    let facts = store
        .outcome_facts(
            &me,
            at("2026-03-07T00:00:00Z"),
            NaiveDate::from_ymd_opt(2026, 3, 7).expect("date"),
        )
        .await
        .expect("facts");
    assert_eq!(facts.boxes.len(), 1);
    assert_eq!(facts.boxes[0].actual_minutes, 45);
    assert_eq!(facts.boxes[0].revisions, 2);
    assert_eq!(facts.noes.len(), 1);
    assert_eq!(facts.noes[0].guilt_after, Some(2));
    assert_eq!(facts.delegations.len(), 1);
    let none = store
        .outcome_facts(
            &other,
            at("2026-01-01T00:00:00Z"),
            NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        )
        .await
        .expect("facts");
    assert!(none.boxes.is_empty() && none.noes.is_empty() && none.delegations.is_empty());
    assert_eq!(none.commits.len(), 1);

    let facts = store
        .outcome_facts(
            &me,
            at("2026-03-07T00:00:00Z"),
            NaiveDate::from_ymd_opt(2026, 3, 7).expect("date"),
        )
        .await
        .expect("facts");
    assert_eq!(facts.commits.len(), 2);
    store.erase_records(&me).await.expect("erase");
    assert!(store
        .git_commit_times(&me, None)
        .await
        .expect("times")
        .is_empty());
    assert_eq!(store.add_git_commits(&me, &all).await.expect("add"), 4);

    // Export, erase, import: the same commits back; importing twice skips.
    let mut doc = ExportDoc::new(
        store.settings(&me).await.expect("settings"),
        vec![],
        vec![],
        vec![],
        vec![],
        at("2026-03-10T12:00:00Z"),
    );
    doc.git_commits = store.list_git_commits(&me).await.expect("list");
    doc.validate().expect("valid");
    store.erase_records(&me).await.expect("erase");
    assert!(store.list_git_commits(&me).await.expect("list").is_empty());
    assert_eq!(store.list_git_commits(&other).await.expect("list").len(), 1);
    let report = store.import(&me, &doc).await.expect("import");
    assert_eq!(report.git_commits, 4);
    let report = store.import(&me, &doc).await.expect("import again");
    assert_eq!(report.git_commits, 0);
    assert_eq!(report.skipped, 4);
    assert_eq!(store.list_git_commits(&me).await.expect("list"), all);

    store.erase_person(&other).await.expect("erase person");
    assert_eq!(store.list_git_commits(&me).await.expect("list").len(), 4);
}

#[tokio::test]
async fn git_commits_on_sqlite() {
    let db = support::SqliteDb::new();
    story(&db.open(1).await).await;
}

#[tokio::test]
async fn git_commits_on_postgres() {
    let Some(db) = support::PgDb::fresh("git commits story").await else {
        return;
    };
    let store = db.store(2).await;
    story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
