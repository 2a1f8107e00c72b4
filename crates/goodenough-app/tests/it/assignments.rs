//! Assignments, as a coach and a client live them, on SQLite and (when
//! GOODENOUGH_TEST_DATABASE_URL names a server) PostgreSQL: the coach gives
//! steps only to a linked client; the client sees them; doing the matching
//! thing completes a step (only what was done from the day it was given),
//! and the coach sees that whatever is shared; the client's own choice
//! ("not for me", with a reason) is never overwritten; bad input is a
//! sentence; the client's access log shows each time; erasing the client
//! removes them.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use goodenough_app::assignments::{self, AssignmentView, NewAssignment};
use goodenough_app::checkins::{self, NewCheckIn};
use goodenough_app::{practice, thoughts, Actor, App, AppError, Catalogues, Scope};
use goodenough_core::assignment::{AssignmentKind, AssignmentStatus};
use goodenough_core::{Appreciation, LifeArea, Settings};
use goodenough_store::{Role, Store};

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0)
        .single()
        .expect("an instant")
}

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, day).expect("a date")
}

fn own(app: &App, person: &str, now: DateTime<Utc>) -> Scope {
    app.scope(Actor::person(person), person, now)
}

fn step(kind: &str, detail: Option<&str>, due: u32) -> NewAssignment {
    NewAssignment {
        kind: kind.to_string(),
        detail: detail.map(str::to_string),
        due: date(due),
        note: "Go gently with it.".to_string(),
    }
}

fn checkin(day: u32) -> NewCheckIn {
    NewCheckIn {
        date: Some(date(day)),
        mood: 6,
        energy: 5,
        appreciations: (0..3)
            .map(|i| Appreciation {
                area: LifeArea::Rest,
                text: format!("slow morning {i}"),
            })
            .collect(),
        note: None,
    }
}

fn thought(day: u32) -> thoughts::NewThought {
    thoughts::NewThought {
        date: Some(date(day)),
        situation: "a meeting ran long".into(),
        thought: "I should have handled it better".into(),
        belief: 60,
        ..Default::default()
    }
}

fn invalid(result: Result<impl std::fmt::Debug, AppError>, words: &str) {
    match result {
        Err(AppError::Invalid(v)) => assert!(v.to_string().contains(words), "{v}"),
        other => panic!("expected a sentence naming {words:?}, got {other:?}"),
    }
}

fn not_found(result: Result<impl std::fmt::Debug, AppError>, what: &str) {
    match result {
        Err(AppError::NotFound { what: w }) => assert_eq!(w, what),
        other => panic!("expected no {what}, got {other:?}"),
    }
}

fn status_of(list: &[AssignmentView], id: &str) -> AssignmentStatus {
    list.iter()
        .find(|a| a.assignment.id == id)
        .map(|a| a.assignment.status)
        .expect("the assignment is listed")
}

async fn story(store: Arc<dyn Store>) {
    let app = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let catalogue = goodenough_core::traps::TrapCatalog::shipped().expect("the shipped traps");
    let settings = Settings::defaults("UTC");
    let coach_settings = Settings {
        display_name: "Coach Ida".to_string(),
        ..Settings::defaults("UTC")
    };
    let coach = store
        .create_account("coach@example.org", "hash-c", Role::Coach, &coach_settings)
        .await
        .expect("the coach");
    let alice = store
        .create_account("alice@example.org", "hash-a", Role::Client, &settings)
        .await
        .expect("alice");
    let bob = store
        .create_account("bob@example.org", "hash-b", Role::Client, &settings)
        .await
        .expect("bob");
    practice::invite(&own(&app, &coach, at(1)), "h1", None)
        .await
        .expect("an invitation");
    let link = practice::accept(&own(&app, &alice, at(1)), "h1")
        .await
        .expect("alice accepts")
        .link;
    // A thought from before any assignment.
    thoughts::add(&own(&app, &alice, at(2)), &catalogue, thought(2))
        .await
        .expect("an early thought record");

    let coach_now = |day: u32| own(&app, &coach, at(day)).for_target("/clients/alice");

    // Bad input, each a sentence, nothing kept.
    invalid(
        assignments::assign(&coach_now(3), &alice, step("homework", None, 9)).await,
        "not a kind of assignment",
    );
    invalid(
        assignments::assign(&coach_now(3), &alice, step("thought_record", None, 2)).await,
        "in the past",
    );
    invalid(
        assignments::assign(&coach_now(3), &alice, step("evenings", Some("40"), 9)).await,
        "evenings",
    );
    invalid(
        assignments::assign(&coach_now(3), &alice, step("free", None, 9)).await,
        "Write the step",
    );
    invalid(
        assignments::assign(
            &coach_now(3),
            &alice,
            step("script", Some("no-such-script"), 9),
        )
        .await,
        "no script called",
    );
    not_found(
        assignments::assign(&coach_now(3), &bob, step("thought_record", None, 9)).await,
        "client of yours",
    );
    not_found(
        assignments::assign(
            &own(&app, &bob, at(3)),
            &alice,
            step("thought_record", None, 9),
        )
        .await,
        "client of yours",
    );
    assert!(assignments::mine(&own(&app, &alice, at(3)))
        .await
        .expect("alice's list")
        .is_empty());

    // Three steps, with nothing shared.
    let record = assignments::assign(&coach_now(3), &alice, step("thought_record", None, 9))
        .await
        .expect("a thought record step");
    let evenings = assignments::assign(&coach_now(3), &alice, step("evenings", Some("2"), 8))
        .await
        .expect("an evenings step");
    let script_name = app.catalogues().scripts().list()[0].name.clone();
    let script = assignments::assign(
        &coach_now(3),
        &alice,
        step("script", Some(&script_name), 10),
    )
    .await
    .expect("a script step");
    assert_eq!(evenings.title, "Check in on 2 evenings");
    assert_eq!(record.assignment.kind, AssignmentKind::ThoughtRecord);

    let mine = assignments::mine(&own(&app, &alice, at(3)))
        .await
        .expect("alice's list");
    let dues: Vec<NaiveDate> = mine.iter().map(|a| a.assignment.due).collect();
    assert_eq!(dues, vec![date(8), date(9), date(10)], "oldest due first");
    // The thought from before the step does not count.
    assert_eq!(
        status_of(&mine, &record.assignment.id),
        AssignmentStatus::Open
    );
    let progress = mine
        .iter()
        .find(|a| a.assignment.id == evenings.assignment.id)
        .and_then(|a| a.progress)
        .expect("evenings show progress");
    assert_eq!((progress.done, progress.needed), (0, 2));

    // Doing the matching things completes them, and the coach sees it
    // though nothing is shared.
    thoughts::add(&own(&app, &alice, at(4)), &catalogue, thought(4))
        .await
        .expect("a thought record");
    checkins::record(&own(&app, &alice, at(4)), checkin(4), false)
        .await
        .expect("one evening");
    let given = assignments::given(&coach_now(5), &alice)
        .await
        .expect("the coach's list");
    assert_eq!(
        status_of(&given, &record.assignment.id),
        AssignmentStatus::Done
    );
    let done = given
        .iter()
        .find(|a| a.assignment.id == record.assignment.id)
        .expect("listed");
    assert_eq!(done.assignment.closed_by.as_deref(), Some("product"));
    let half = given
        .iter()
        .find(|a| a.assignment.id == evenings.assignment.id)
        .expect("listed");
    assert_eq!(half.assignment.status, AssignmentStatus::Open);
    assert_eq!(half.progress.map(|p| p.done), Some(1));
    checkins::record(&own(&app, &alice, at(5)), checkin(5), false)
        .await
        .expect("a second evening");
    let mine = assignments::mine(&own(&app, &alice, at(5)))
        .await
        .expect("alice's list");
    assert_eq!(
        status_of(&mine, &evenings.assignment.id),
        AssignmentStatus::Done
    );
    // A script is marked by hand.
    assert_eq!(
        status_of(&mine, &script.assignment.id),
        AssignmentStatus::Open
    );

    // Alice's own choice: not for her, with a reason; the coach sees it.
    invalid(
        assignments::mark(
            &own(&app, &alice, at(5)),
            &script.assignment.id,
            "failed",
            None,
        )
        .await,
        "not a status",
    );
    not_found(
        assignments::mark(&own(&app, &bob, at(5)), &script.assignment.id, "done", None).await,
        "assignment",
    );
    not_found(
        assignments::mark(&own(&app, &alice, at(5)), "no-such-id", "done", None).await,
        "assignment",
    );
    let set_aside = assignments::mark(
        &own(&app, &alice, at(5)),
        &script.assignment.id,
        "not for me",
        Some("I know this one by heart"),
    )
    .await
    .expect("alice sets it aside");
    assert_eq!(set_aside.assignment.status, AssignmentStatus::NotForMe);
    let given = assignments::given(&coach_now(6), &alice)
        .await
        .expect("the coach's list");
    let seen = given
        .iter()
        .find(|a| a.assignment.id == script.assignment.id)
        .expect("listed");
    assert_eq!(seen.assignment.status, AssignmentStatus::NotForMe);
    assert_eq!(
        seen.assignment.reason.as_deref(),
        Some("I know this one by heart")
    );

    // The product never overrides her: a second thought-record step set
    // aside stays aside when she writes one anyway.
    let second = assignments::assign(&coach_now(6), &alice, step("thought_record", None, 12))
        .await
        .expect("another step");
    assignments::mark(
        &own(&app, &alice, at(6)),
        &second.assignment.id,
        "not_for_me",
        None,
    )
    .await
    .expect("set aside");
    thoughts::add(&own(&app, &alice, at(7)), &catalogue, thought(7))
        .await
        .expect("a thought record anyway");
    let mine = assignments::mine(&own(&app, &alice, at(7)))
        .await
        .expect("alice's list");
    assert_eq!(
        status_of(&mine, &second.assignment.id),
        AssignmentStatus::NotForMe
    );
    // Back on her list, it completes itself from what she did.
    assignments::mark(
        &own(&app, &alice, at(7)),
        &second.assignment.id,
        "open",
        None,
    )
    .await
    .expect("reopened");
    let mine = assignments::mine(&own(&app, &alice, at(7)))
        .await
        .expect("alice's list");
    assert_eq!(
        status_of(&mine, &second.assignment.id),
        AssignmentStatus::Done
    );

    // Her access log names each time the coach gave or looked.
    let log = practice::access_log(&own(&app, &alice, at(7)))
        .await
        .expect("alice's log");
    let lines: Vec<(&str, &str)> = log
        .iter()
        .filter(|l| l.category == assignments::LOG_CATEGORY)
        .map(|l| (l.action.as_str(), l.target.as_str()))
        .collect();
    assert_eq!(
        lines.iter().filter(|(a, _)| *a == "write").count(),
        4,
        "{lines:?}"
    );
    assert_eq!(
        lines.iter().filter(|(a, _)| *a == "read").count(),
        2,
        "{lines:?}"
    );
    assert!(
        lines.iter().all(|(_, t)| *t == "/clients/alice"),
        "{lines:?}"
    );

    // After the link ends the coach still sees what they gave, and can
    // give nothing more.
    practice::end(&own(&app, &alice, at(8)), &link.id)
        .await
        .expect("alice ends the link");
    not_found(
        assignments::assign(&coach_now(8), &alice, step("evidence", None, 12)).await,
        "client of yours",
    );
    assert_eq!(
        assignments::given(&coach_now(8), &alice)
            .await
            .expect("history")
            .len(),
        4
    );

    // Her export carries them, with her reason.
    let doc = goodenough_app::data::export(&own(&app, &alice, at(8)))
        .await
        .expect("alice's export");
    let steps = &doc.coaching.assignments;
    assert_eq!(steps.len(), 4);
    assert!(steps.iter().all(|a| a.coach_name == "Coach Ida"));
    assert!(steps.iter().any(
        |a| a.status == "not_for_me" && a.reason.as_deref() == Some("I know this one by heart")
    ));

    // Erasing Alice's records removes them.
    store
        .erase_records(&alice)
        .await
        .expect("erase alice's data");
    assert!(assignments::mine(&own(&app, &alice, at(9)))
        .await
        .expect("alice's list")
        .is_empty());
    not_found(
        assignments::given(&coach_now(9), &alice).await,
        "client of yours",
    );
}

#[tokio::test]
async fn assignments_on_sqlite() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store: Arc<dyn Store> = Arc::from(
        goodenough_store::open_pool(&url, 2)
            .await
            .expect("store opens"),
    );
    story(store).await;
}

#[tokio::test]
async fn assignments_on_postgres() {
    let Ok(server) = std::env::var("GOODENOUGH_TEST_DATABASE_URL") else {
        eprintln!(
            "GOODENOUGH_TEST_DATABASE_URL is not set: skipped the PostgreSQL assignments story"
        );
        return;
    };
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&server)
        .await
        .expect("connect to GOODENOUGH_TEST_DATABASE_URL");
    let name = format!("ge_app_{}", goodenough_core::id::new_id().replace('-', ""));
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("a test database");
    let url = match server.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => panic!("GOODENOUGH_TEST_DATABASE_URL names no database"),
    };
    let store: Arc<dyn Store> = Arc::from(
        goodenough_store::open_pool(&url, 2)
            .await
            .expect("store opens"),
    );
    story(store.clone()).await;
    store.close().await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&admin)
        .await
        .expect("drop the test database");
}
