//! The busiest answers (today at a glance, the progress series, the
//! outcomes) are kept while the person's data is unchanged. A person must
//! never see a stale one: after a write through this server, through another
//! process on the same file (the CLI beside a running server), or on a new
//! local day, the next answer shows it.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use goodenough_app::checkins::{self, NewCheckIn};
use goodenough_app::{journal, progress, today, Actor, App, Catalogues, Known, Scope};
use goodenough_core::{Appreciation, LifeArea, Settings};
use goodenough_store::Store;

struct Two {
    _dir: tempfile::TempDir,
    /// What a server holds: a pool, the kept answers.
    server: App,
    /// A second process on the same file: its own store and nothing kept.
    cli: App,
    person: String,
}

async fn two() -> Two {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store: Arc<dyn Store> = Arc::from(
        goodenough_store::open_pool(&url, 4)
            .await
            .expect("store opens"),
    );
    let person = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("a person");
    let cli: Arc<dyn Store> = Arc::from(goodenough_store::open(&url).await.expect("opens"));
    let catalogues = Arc::new(Catalogues::shipped());
    Two {
        _dir: dir,
        server: App::new(store, catalogues.clone()),
        cli: App::new(cli, catalogues),
        person,
    }
}

fn evening(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 20, 0, 0)
        .single()
        .expect("an instant")
}

fn scope(app: &App, person: &str, now: DateTime<Utc>) -> Scope {
    app.scope(Actor::person(person), person, now)
}

fn new_checkin(mood: i64) -> NewCheckIn {
    NewCheckIn {
        date: None,
        mood,
        energy: 5,
        appreciations: ["tea with Sam", "a walk at noon", "finished early"]
            .into_iter()
            .map(|text| Appreciation {
                area: LifeArea::Relationships,
                text: text.into(),
            })
            .collect(),
        note: None,
    }
}

#[tokio::test]
async fn a_write_from_another_process_shows_at_once() {
    let t = two().await;
    let s = scope(&t.server, &t.person, evening(10));
    let before = today::overview(&s).await.expect("today");
    assert!(before.checkin.is_none());
    assert!(progress::series(&s).await.expect("series").is_empty());
    // Asked again with nothing written: the same answer.
    assert!(today::overview(&s).await.expect("today").checkin.is_none());

    let cli = scope(&t.cli, &t.person, evening(10));
    checkins::record(&cli, new_checkin(7), false)
        .await
        .expect("the CLI checks in");

    let after = today::overview(&s).await.expect("today");
    assert_eq!(after.checkin.map(|c| c.mood), Some(7));
    assert_eq!(
        after.consistency,
        checkins::consistency(&s).await.expect("figures")
    );
    let series = progress::series(&s).await.expect("series");
    assert_eq!(series.weekly.len(), 1, "{series:?}");
    assert_eq!(series.weekly[0].mean_mood, Some(7.0));

    // Replaced from the CLI again: the new mood, not the kept one.
    checkins::record(&cli, new_checkin(3), true)
        .await
        .expect("replaced");
    let replaced = today::overview(&s).await.expect("today");
    assert_eq!(replaced.checkin.map(|c| c.mood), Some(3));
    let series = progress::series(&s).await.expect("series");
    assert_eq!(series.weekly[0].mean_mood, Some(3.0));
}

#[tokio::test]
async fn a_write_through_the_server_and_a_new_day_show_at_once() {
    let t = two().await;
    let s = scope(&t.server, &t.person, evening(10));
    assert!(today::overview(&s).await.expect("today").wins.is_empty());
    let outcomes = progress::outcomes(&s).await.expect("outcomes");
    journal::add_win(&s, None, "said no to a Sunday call")
        .await
        .expect("a win");
    let wins = today::overview(&s).await.expect("today").wins;
    assert_eq!(wins.len(), 1);

    checkins::record(&s, new_checkin(6), false)
        .await
        .expect("checked in");
    assert!(today::overview(&s).await.expect("today").checkin.is_some());
    assert_ne!(
        progress::outcomes(&s).await.expect("outcomes"),
        outcomes,
        "the check-in counts in this month's outcomes"
    );
    // The next evening nothing was written, but it is a new day.
    let next = scope(&t.server, &t.person, evening(10) + Duration::days(1));
    let tomorrow = today::overview(&next).await.expect("today");
    assert!(
        tomorrow.checkin.is_none(),
        "tonight's check-in is not yet done"
    );
    assert_eq!(tomorrow.plan.date, evening(11).date_naive());
}

#[tokio::test]
async fn settings_already_read_are_used_for_their_own_person_only() {
    let t = two().await;
    let mut settings = Settings::defaults("Europe/Berlin");
    settings.display_name = "Read with the session".into();
    let known = |person: &str| Known {
        person: person.to_string(),
        settings: settings.clone(),
        data_version: 12_345,
        coach_links_version: None,
    };
    // Another person's settings are never taken for this person's.
    let other = scope(&t.server, &t.person, evening(10)).knowing(known("someone-else"));
    let shown = today::overview(&other).await.expect("today");
    assert_ne!(shown.settings.display_name, "Read with the session");

    // The person's own: used instead of a second read.
    let own = scope(&t.server, &t.person, evening(10)).knowing(known(&t.person));
    let shown = today::overview(&own).await.expect("today");
    assert_eq!(shown.settings.display_name, "Read with the session");

    // A request without them reads the store, and a write is seen.
    checkins::record(
        &scope(&t.cli, &t.person, evening(10)),
        new_checkin(8),
        false,
    )
    .await
    .expect("checked in");
    let fresh = today::overview(&scope(&t.server, &t.person, evening(10)))
        .await
        .expect("today");
    assert_eq!(fresh.checkin.map(|c| c.mood), Some(8));
}
