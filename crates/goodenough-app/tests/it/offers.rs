//! Programme offers, on SQLite and (when GOODENOUGH_TEST_DATABASE_URL names
//! a server) PostgreSQL: a coach offers one of their own programmes to a
//! linked client; the client accepts it and it runs like a shipped one
//! (status, Today, the coach's roster), from the copy kept with the offer
//! even after the coach changes or removes their file; a declined offer
//! carries the reason to the coach; every wrong step is a sentence and
//! writes nothing; the client's export holds the offers and erasing their
//! data removes them.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use goodenough_app::content::{self, Upload, Uploaded};
use goodenough_app::{
    data, offers, practice, programme, Actor, App, AppError, Catalogues, Category, Scope,
};
use goodenough_core::Settings;
use goodenough_store::offers::OfferStatus;
use goodenough_store::{Role, Store, StoreError};

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0)
        .single()
        .expect("an instant")
}

fn own(app: &App, person: &str, day: u32) -> Scope {
    app.scope(Actor::person(person), person, at(day))
}

const PLAN: &str = "id = \"gentle\"\ntitle = \"A gentle start\"\nsummary = \"Two easy weeks.\"\nweeks = 2\n\n[[phases]]\nname = \"Settling in\"\nweeks = [1, 2]\n";

const REVISED: &str = "id = \"gentle\"\ntitle = \"A gentle start, revised\"\nsummary = \"Three easy weeks.\"\nweeks = 3\n\n[[phases]]\nname = \"Settling in\"\nweeks = [1, 3]\n";

fn conflict<T: std::fmt::Debug>(result: Result<T, AppError>, words: &str) {
    match result {
        Err(AppError::Store(StoreError::Conflict(m))) => assert!(m.contains(words), "{m}"),
        other => panic!("expected a clash naming {words:?}, got {other:?}"),
    }
}

fn not_found<T: std::fmt::Debug>(result: Result<T, AppError>) {
    match result {
        Err(AppError::NotFound { .. }) => {}
        other => panic!("expected not found, got {other:?}"),
    }
}

async fn story(store: Arc<dyn Store>) {
    let app = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let shipped = Catalogues::shipped().programmes().list.clone();
    let coach_settings = Settings {
        display_name: "Coach Ida".to_string(),
        ..Settings::defaults("UTC")
    };
    let coach = store
        .create_account("coach@example.org", "hash-c", Role::Coach, &coach_settings)
        .await
        .expect("the coach");
    let alice = store
        .create_account(
            "alice@example.org",
            "hash-a",
            Role::Client,
            &Settings {
                display_name: "Alice".to_string(),
                ..Settings::defaults("UTC")
            },
        )
        .await
        .expect("alice");
    let bob = store
        .create_account(
            "bob@example.org",
            "hash-b",
            Role::Client,
            &Settings::defaults("UTC"),
        )
        .await
        .expect("bob");
    practice::invite(&own(&app, &coach, 2), "h1", None)
        .await
        .expect("an invitation");
    let link = practice::accept(&own(&app, &alice, 2), "h1")
        .await
        .expect("alice accepts")
        .link
        .id;
    practice::share(&own(&app, &alice, 2), &link, Category::Programme, None)
        .await
        .expect("alice shares her programme");

    // Nothing to offer before the coach has a programme of their own.
    let none = offers::offer(&own(&app, &coach, 3), &alice, "gentle", "").await;
    match none {
        Err(AppError::Invalid(e)) => assert!(e.to_string().contains("upload one"), "{e}"),
        other => panic!("expected a sentence about uploading, got {other:?}"),
    }
    let kept = content::upload(
        &own(&app, &coach, 3),
        Upload {
            kind: "programme".into(),
            text: PLAN.into(),
            replace: false,
        },
    )
    .await
    .expect("checked");
    assert!(matches!(kept, Uploaded::Kept(_)), "{kept:?}");

    // Wrong steps: an unknown programme names the coach's own; a person
    // who is not a client is not found; nothing is kept.
    match offers::offer(&own(&app, &coach, 3), &alice, "brisk", "").await {
        Err(AppError::Invalid(e)) => assert!(e.to_string().contains("gentle"), "{e}"),
        other => panic!("expected the coach's ids named, got {other:?}"),
    }
    not_found(offers::offer(&own(&app, &coach, 3), &bob, "gentle", "").await);
    assert!(store.offers_to(&bob).await.expect("bob's").is_empty());

    // Alice's list, read (and kept) on the day she will look again: the
    // offer made below must show at once (migration 0030 moves her data
    // version with it).
    assert!(offers::mine(&own(&app, &alice, 4))
        .await
        .expect("alice's")
        .is_empty());
    let made = offers::offer(
        &own(&app, &coach, 3),
        &alice,
        "gentle",
        "For the busy month.",
    )
    .await
    .expect("offered");
    assert!(made.waiting());
    assert_eq!(made.programme.as_ref().map(|p| p.weeks), Some(2));
    conflict(
        offers::offer(&own(&app, &coach, 3), &alice, "gentle", "").await,
        "not answered yet",
    );

    // Alice sees it; Bob cannot answer it.
    let mine = offers::mine(&own(&app, &alice, 4)).await.expect("alice's");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].offer.coach_name, "Coach Ida");
    assert_eq!(mine[0].offer.note, "For the busy month.");
    not_found(offers::accept(&own(&app, &bob, 4), &made.offer.id, None, false).await);
    not_found(offers::decline(&own(&app, &bob, 4), &made.offer.id, None).await);

    // A shipped programme runs: accepting without replacing is refused and
    // changes nothing.
    let first = shipped.first().expect("a shipped programme");
    programme::start(&own(&app, &alice, 4), &shipped, &first.id, None, false)
        .await
        .expect("alice starts a shipped programme");
    conflict(
        offers::accept(&own(&app, &alice, 5), &made.offer.id, None, false).await,
        "only one runs at a time",
    );
    let running = programme::running(&own(&app, &alice, 5))
        .await
        .expect("running")
        .expect("one runs");
    assert_eq!(running.programme_id, first.id);
    assert!(offers::get(&own(&app, &alice, 5), &made.offer.id)
        .await
        .expect("the offer")
        .waiting());

    assert!(offers::mine(&own(&app, &alice, 5)).await.expect("alice's")[0].waiting());

    // With replace: the shipped one stops, the coach's starts, in one go.
    let accepted = offers::accept(&own(&app, &alice, 5), &made.offer.id, None, true)
        .await
        .expect("accepted");
    assert_eq!(
        accepted.stopped.map(|s| s.programme_id),
        Some(first.id.clone())
    );
    assert_eq!(accepted.offer.offer.status, OfferStatus::Accepted);
    assert_eq!(
        offers::mine(&own(&app, &alice, 5)).await.expect("alice's")[0]
            .offer
            .status,
        OfferStatus::Accepted,
        "the kept list follows the answer"
    );
    assert_eq!(
        accepted.status.one_line(),
        "A gentle start: week 1 of 2",
        "{:?}",
        accepted.status
    );
    conflict(
        offers::accept(&own(&app, &alice, 5), &made.offer.id, None, true).await,
        "already",
    );
    conflict(
        offers::decline(&own(&app, &alice, 5), &made.offer.id, None).await,
        "already",
    );

    // The coach changes their file, then removes it: Alice runs her copy.
    let replaced = content::upload(
        &own(&app, &coach, 6),
        Upload {
            kind: "programme".into(),
            text: REVISED.into(),
            replace: true,
        },
    )
    .await
    .expect("checked");
    let Uploaded::Kept(item) = replaced else {
        panic!("the revised file was refused: {replaced:?}");
    };
    content::remove(&own(&app, &coach, 6), &item.id)
        .await
        .expect("removed");
    let status = programme::status(&own(&app, &alice, 12), &shipped)
        .await
        .expect("status");
    assert_eq!(status.one_line(), "A gentle start: week 2 of 2");
    let today = programme::today(&own(&app, &alice, 12), &shipped, None)
        .await
        .expect("today");
    assert_eq!(
        today.programme.as_ref().map(|s| s.title.as_str()),
        Some("A gentle start"),
        "Today runs the coach's programme like a shipped one: {today:?}"
    );

    // The coach's roster shows it, and they see the answer.
    let standings = programme::standings(
        &own(&app, &coach, 12),
        std::slice::from_ref(&alice),
        &shipped,
    )
    .await
    .expect("standings");
    match &standings[0].1 {
        Ok(s) => assert_eq!(s.one_line(), "A gentle start: week 2 of 2"),
        Err(d) => panic!("refused: {d:?}"),
    }
    let given = offers::given(&own(&app, &coach, 12), &alice)
        .await
        .expect("given");
    assert_eq!(given.len(), 1);
    assert_eq!(given[0].offer.status, OfferStatus::Accepted);

    // Offered again (from the revised file) and declined with a reason.
    content::upload(
        &own(&app, &coach, 13),
        Upload {
            kind: "programme".into(),
            text: REVISED.into(),
            replace: false,
        },
    )
    .await
    .expect("uploaded again");
    let second = offers::offer(&own(&app, &coach, 13), &alice, "gentle", "")
        .await
        .expect("offered again");
    let declined = offers::decline(
        &own(&app, &alice, 14),
        &second.offer.id,
        Some("Not this month"),
    )
    .await
    .expect("declined");
    assert_eq!(declined.offer.status, OfferStatus::Declined);
    let given = offers::given(&own(&app, &coach, 14), &alice)
        .await
        .expect("given");
    assert_eq!(given[1].offer.reason.as_deref(), Some("Not this month"));
    // Declining the revision leaves the accepted copy running.
    let status = programme::status(&own(&app, &alice, 14), &shipped)
        .await
        .expect("status");
    assert_eq!(status.one_line(), "A gentle start: week 2 of 2");

    // The access log has the coach's offers and looks; the export holds
    // both offers with their copies.
    let log = store.access_log_of_client(&alice).await.expect("the log");
    let offer_lines = log
        .iter()
        .filter(|e| e.category == offers::LOG_CATEGORY)
        .count();
    assert_eq!(offer_lines, 4, "two offers and two looks: {log:?}");
    let export = data::export(&own(&app, &alice, 14)).await.expect("export");
    let exported = &export.coaching.programme_offers;
    assert_eq!(exported.len(), 2);
    assert_eq!(exported[0].status, "accepted");
    assert_eq!(exported[0].body, PLAN);
    assert_eq!(exported[1].reason.as_deref(), Some("Not this month"));
    let json = serde_json::to_value(&export).expect("json");
    let back: goodenough_core::export::ExportDoc =
        serde_json::from_value(json).expect("the export reads back");
    assert_eq!(back.coaching.programme_offers.len(), 2);

    // Erasing Alice's data removes the offers to her.
    data::erase(&own(&app, &alice, 15)).await.expect("erased");
    assert!(store.offers_to(&alice).await.expect("alice's").is_empty());
}

#[tokio::test]
async fn offers_on_sqlite() {
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
async fn offers_on_postgres() {
    let Ok(server) = std::env::var("GOODENOUGH_TEST_DATABASE_URL") else {
        eprintln!("GOODENOUGH_TEST_DATABASE_URL is not set: skipped the PostgreSQL offers story");
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
