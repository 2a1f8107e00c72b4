//! The journey on both backends: `period_facts` reads every pillar's records
//! of a window and gives the same figures as the full records do; weekly
//! reviews are one per person per ISO week (saving again replaces), listed
//! oldest first, owner-only, exported, imported idempotently and erased.
//! PostgreSQL runs when GOODENOUGH_TEST_DATABASE_URL names a server.

use crate::support;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use goodenough_core::demo;
use goodenough_core::export::ExportDoc;
use goodenough_core::figures::{iso_week, iso_weeks, months, PeriodFacts, PeriodFigures};
use goodenough_core::review::{Reflection, WeeklyReview};
use goodenough_core::{id, Settings};
use goodenough_store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn at(day: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, h, 0, 0)
        .single()
        .expect("instant")
}

fn demo_doc(settings: Settings, end: NaiveDate) -> ExportDoc {
    let data = demo::generate(7, end, demo::DEFAULT_DAYS);
    let mut doc = ExportDoc::new(
        settings,
        data.checkins,
        data.thoughts,
        data.wins,
        data.setbacks,
        at(30, 12),
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
    doc.practice_logs = data.practice_logs;
    doc.validate().expect("demo is valid");
    doc
}

async fn story(store: &dyn Store) {
    let settings = Settings::defaults("Europe/Berlin");
    let alice = store.create_person(&settings).await.expect("alice");
    let bob = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("bob");
    let end = d("2026-11-29");
    let doc = demo_doc(settings, end);
    store.import(&alice, &doc).await.expect("import");

    // Every window gives the same figures from the store's range reads as
    // from the full records: weeks, months, a whole programme.
    let mut windows: Vec<(NaiveDate, NaiveDate)> = iso_weeks(d("2026-06-01"), end)
        .iter()
        .map(|w| (w.from, w.to))
        .collect();
    windows.extend(months(d("2026-04-01"), end).iter().map(|m| (m.from, m.to)));
    windows.push((d("2026-01-01"), end));
    let mut seen_every_source = PeriodFigures::compute(&PeriodFacts::default(), end, end);
    for (from, to) in windows {
        let read = store.period_facts(&alice, from, to).await.expect("facts");
        let expected = PeriodFacts::from_export(&doc, from, to);
        let got = PeriodFigures::compute(&read, from, to);
        assert_eq!(
            got,
            PeriodFigures::compute(&expected, from, to),
            "{from}..{to}"
        );
        assert_eq!(read.wins, expected.wins, "{from}..{to}");
        assert_eq!(read.setbacks.len(), expected.setbacks.len());
        // Nothing outside the window is read.
        assert!(read.checkins.iter().all(|c| c.date >= from && c.date <= to));
        assert!(read.commits.iter().all(|c| c.date >= from && c.date <= to));
        if to - from > chrono::Duration::days(100) {
            seen_every_source = got;
        }
    }
    // The whole-programme window has something from every pillar.
    let all = seen_every_source;
    assert!(all.checkins > 100, "{all:?}");
    assert!(all.timeboxes > 0 && all.commits > 0 && all.noes > 0 && all.delegations > 0);
    assert!(all.experiments_done > 0 && all.blocks_kept > 0 && all.rest_days > 0);
    assert!(all.practice_minutes.is_some() && all.joy_minutes.is_some());
    assert!(all.wins > 0 && all.setbacks > 0);

    // Another person reads nothing of alice's.
    let none = store
        .period_facts(&bob, d("2026-01-01"), end)
        .await
        .expect("facts");
    assert_eq!(none, PeriodFacts::default());
    let first = store.first_record_date(&alice).await.expect("first");
    assert_eq!(
        first,
        Some(end - chrono::Duration::days(i64::from(demo::DEFAULT_DAYS) - 1))
    );
    assert_eq!(store.first_record_date(&bob).await.expect("first"), None);

    // Reviews: one per week; saving again replaces and keeps id/created_at.
    let week = iso_week(d("2026-11-18"));
    let figures = PeriodFigures::compute(
        &store
            .period_facts(&alice, week.from, week.to)
            .await
            .expect("facts"),
        week.from,
        week.to,
    );
    let first_review = WeeklyReview::new(
        id::new_id(),
        at(22, 19),
        d("2026-11-18"),
        figures.clone(),
        Reflection::new(
            &["Shipped the draft at 80%".into()],
            &[],
            Some("Sunday off"),
        )
        .expect("valid"),
    );
    let saved = store.put_review(&alice, &first_review).await.expect("save");
    assert_eq!(saved, first_review);
    let again = WeeklyReview::new(
        id::new_id(),
        at(23, 8),
        d("2026-11-22"),
        figures,
        Reflection::new(
            &[],
            &["Worked late on Thursday".into()],
            Some("I noticed it"),
        )
        .expect("valid"),
    );
    let replaced = store.put_review(&alice, &again).await.expect("replace");
    assert_eq!(replaced.id, first_review.id);
    assert_eq!(replaced.created_at, first_review.created_at);
    assert_eq!(replaced.updated_at, again.updated_at);
    assert!(replaced.breakthroughs.is_empty());
    assert_eq!(replaced.setbacks, ["Worked late on Thursday"]);
    let earlier = WeeklyReview::new(
        id::new_id(),
        at(9, 19),
        d("2026-11-04"),
        PeriodFigures::compute(&PeriodFacts::default(), d("2026-11-02"), d("2026-11-08")),
        Reflection::new(&[], &[], Some("A quiet week")).expect("valid"),
    );
    store.put_review(&alice, &earlier).await.expect("save");
    let list = store.list_reviews(&alice).await.expect("list");
    assert_eq!(list, vec![earlier.clone(), replaced.clone()]);
    assert!(store.list_reviews(&bob).await.expect("list").is_empty());
    assert!(store
        .review_for_week(&bob, week.from)
        .await
        .expect("read")
        .is_none());
    assert_eq!(
        store
            .review_for_week(&alice, week.from)
            .await
            .expect("read"),
        Some(replaced.clone())
    );

    // Import into another person: added once, then skipped.
    let mut export = ExportDoc::new(
        Settings::defaults("UTC"),
        vec![],
        vec![],
        vec![],
        vec![],
        at(30, 12),
    );
    export.reviews = list.clone();
    export.validate().expect("valid");
    let json = serde_json::to_string(&export).expect("json");
    let back = ExportDoc::parse(&json).expect("parse");
    assert_eq!(back.reviews, list);
    // Importing what is already there adds nothing.
    let r = store.import(&alice, &back).await.expect("import");
    assert_eq!((r.reviews, r.skipped), (0, 2));
    // Erase removes them; the import brings them back exactly, once.
    store.erase_records(&alice).await.expect("erase");
    assert!(store.list_reviews(&alice).await.expect("list").is_empty());
    assert_eq!(store.record_total(&alice).await.expect("total"), 0);
    let r = store.import(&alice, &back).await.expect("import");
    assert_eq!((r.reviews, r.skipped), (2, 0));
    assert_eq!(store.list_reviews(&alice).await.expect("list"), list);
    assert_eq!(store.record_total(&alice).await.expect("total"), 2);
    store.erase_person(&alice).await.expect("erase person");
    assert!(store.list_reviews(&alice).await.expect("list").is_empty());
}

#[tokio::test]
async fn journey_on_sqlite() {
    let db = support::SqliteDb::new();
    story(&db.open(2).await).await;
}

#[tokio::test]
async fn journey_on_postgres() {
    let Some(db) = support::PgDb::fresh("journey story").await else {
        return;
    };
    let store = db.store(2).await;
    story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
