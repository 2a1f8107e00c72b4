//! The practice's settings (name and crisis resources: one row every
//! server reads) and the dates Help now was shown to a person (the date
//! only, once a day, gone when the person's data is erased). One story, on
//! SQLite always and on PostgreSQL when `GOODENOUGH_TEST_DATABASE_URL`
//! names a server.

use crate::support;

use chrono::{NaiveDate, TimeZone, Utc};
use goodenough_core::practice_settings::{CrisisResource, PracticeSettings};
use goodenough_core::Settings;
use goodenough_store::{Role, Store};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, d).expect("test date")
}

async fn practice_settings_story(store: &dyn Store) {
    let backend = store.backend();
    let now = Utc
        .with_ymd_and_hms(2026, 5, 4, 9, 0, 0)
        .single()
        .expect("instant");
    // Never set: no name, no resources of its own.
    assert_eq!(
        store.practice_settings().await.expect("empty"),
        PracticeSettings::default(),
        "{backend:?}"
    );
    let first = PracticeSettings {
        name: Some("North Star Coaching".into()),
        crisis_resources: vec![
            CrisisResource {
                name: "Samaritans".into(),
                contact: "116 123".into(),
                hours: Some("any time".into()),
            },
            CrisisResource {
                name: "Mind".into(),
                contact: "https://www.mind.org.uk/".into(),
                hours: None,
            },
        ],
    };
    store.put_practice_settings(&first, now).await.expect("set");
    assert_eq!(store.practice_settings().await.expect("read"), first);
    // Setting again replaces, in order; an empty list clears.
    let second = PracticeSettings {
        name: None,
        crisis_resources: vec![],
    };
    store
        .put_practice_settings(&second, now)
        .await
        .expect("replace");
    assert_eq!(store.practice_settings().await.expect("read"), second);
    store.put_practice_settings(&first, now).await.expect("set");

    // Dates Help now was shown: once a day, oldest first, per person.
    let settings = Settings::defaults("Europe/Berlin");
    let alex = store
        .create_account("alex@example.org", "h", Role::Client, &settings)
        .await
        .expect("alex");
    let kim = store
        .create_account("kim@example.org", "h", Role::Client, &settings)
        .await
        .expect("kim");
    for d in [day(9), day(3), day(9), day(5)] {
        store.record_crisis_shown(&alex, d).await.expect("record");
    }
    store.record_crisis_shown(&kim, day(1)).await.expect("kim");
    assert_eq!(
        store.crisis_dates(&alex, None).await.expect("all"),
        [day(3), day(5), day(9)],
        "{backend:?}"
    );
    assert_eq!(
        store
            .crisis_dates(&alex, Some(day(5)))
            .await
            .expect("since"),
        [day(5), day(9)]
    );
    // An import keeps the dates of the export again, and importing the
    // same file twice adds no date.
    let mut doc = goodenough_core::export::ExportDoc::new(
        settings.clone(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0)
            .single()
            .expect("an instant"),
    );
    doc.help_shown_on = vec![day(2), day(9)];
    for _ in 0..2 {
        let report = store.import(&kim, &doc).await.expect("import");
        assert_eq!(report.added(), 0, "dates are not records: {report:?}");
    }
    assert_eq!(
        store.crisis_dates(&kim, None).await.expect("imported"),
        [day(1), day(2), day(9)],
        "{backend:?}"
    );
    // Erasing Alex's records erases the dates; Kim's stay; the practice's
    // settings are nobody's records.
    store.erase_records(&alex).await.expect("erase");
    assert!(store
        .crisis_dates(&alex, None)
        .await
        .expect("none")
        .is_empty());
    assert_eq!(
        store.crisis_dates(&kim, None).await.expect("kim"),
        [day(1), day(2), day(9)]
    );
    store.erase_person(&kim).await.expect("erase kim");
    assert!(store
        .crisis_dates(&kim, None)
        .await
        .expect("gone")
        .is_empty());
    assert_eq!(store.practice_settings().await.expect("kept"), first);
}

#[tokio::test]
async fn practice_settings_story_on_sqlite() {
    let db = support::SqliteDb::new();
    practice_settings_story(&db.open(4).await).await;
}

#[tokio::test]
async fn practice_settings_story_on_postgres() {
    let Some(db) = support::PgDb::fresh("practice settings story").await else {
        return;
    };
    let store = db.store(4).await;
    practice_settings_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
