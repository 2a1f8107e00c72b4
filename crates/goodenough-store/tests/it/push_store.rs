//! Web Push in the store (migration 0025): one VAPID key pair whoever asks
//! first; a device's subscription is one row by its address (subscribing
//! again keeps its id), listed and removed only by its person; a day is
//! covered by a check-in or a rest; a reminder is claimed once per person,
//! kind and day; erasing a person's records takes their devices and the
//! days they were reminded. On SQLite always and on PostgreSQL when
//! `GOODENOUGH_TEST_DATABASE_URL` names a server.

use crate::support;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use goodenough_core::joy::{Rest, RestKind};
use goodenough_core::{Appreciation, CheckIn, LifeArea, Settings};
use goodenough_store::push::{PushSubscriptionRow, VapidKeys};
use goodenough_store::{Role, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 10, 19, 31, 0)
        .single()
        .expect("an instant")
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d).expect("a date")
}

fn sub(id: &str, person: &str, endpoint: &str, device: &str) -> PushSubscriptionRow {
    PushSubscriptionRow {
        id: id.to_string(),
        person_id: person.to_string(),
        endpoint: endpoint.to_string(),
        p256dh: "public".to_string(),
        auth: "secret".to_string(),
        device: device.to_string(),
        created_at: now(),
        last_sent_at: None,
    }
}

async fn push_story(store: &dyn Store) {
    let settings = Settings::defaults("Europe/Berlin");
    let alex = store
        .create_account("alex@example.org", "h", Role::Client, &settings)
        .await
        .expect("alex");
    let sam = store
        .create_account("sam@example.org", "h", Role::Client, &settings)
        .await
        .expect("sam");

    let first = VapidKeys {
        private_key: "private-1".into(),
        public_key: "public-1".into(),
    };
    let second = VapidKeys {
        private_key: "private-2".into(),
        public_key: "public-2".into(),
    };
    assert_eq!(
        store.vapid_keys_or(&first, now()).await.expect("keys"),
        first
    );
    assert_eq!(
        store.vapid_keys_or(&second, now()).await.expect("keys"),
        first,
        "the stored pair stays"
    );

    assert!(store.push_people().await.expect("people").is_empty());
    let kept = store
        .put_push_subscription(&sub("s1", &alex, "https://push.example/a", "Phone"))
        .await
        .expect("subscribe");
    assert_eq!(kept.id, "s1");
    // The same device again (new keys, new label): the same row.
    let again = store
        .put_push_subscription(&sub("s2", &alex, "https://push.example/a", "Phone 2"))
        .await
        .expect("subscribe again");
    assert_eq!(
        (again.id.as_str(), again.device.as_str()),
        ("s1", "Phone 2")
    );
    store
        .put_push_subscription(&sub("s3", &sam, "https://push.example/b", "Laptop"))
        .await
        .expect("sam's");
    assert_eq!(
        store.push_subscriptions(&alex).await.expect("list").len(),
        1
    );
    let people: Vec<String> = store
        .push_people()
        .await
        .expect("people")
        .into_iter()
        .map(|(p, s)| {
            assert_eq!(s.time_zone, "Europe/Berlin");
            p
        })
        .collect();
    assert_eq!(people.len(), 2);
    assert!(!store
        .remove_push_subscription(&alex, "s3")
        .await
        .expect("not hers"));
    store.push_delivered("s1", now()).await.expect("delivered");
    assert_eq!(
        store.push_subscriptions(&alex).await.expect("list")[0].last_sent_at,
        Some(now())
    );

    // Covered days: a check-in, a rest; not another person's.
    assert!(!store.day_is_covered(&alex, day(10)).await.expect("covered"));
    let checkin = CheckIn::new(
        goodenough_core::id::new_id(),
        day(11),
        6,
        5,
        [LifeArea::Rest, LifeArea::Health, LifeArea::Work]
            .into_iter()
            .map(|area| Appreciation {
                area,
                text: "x".into(),
            })
            .collect(),
        None,
    )
    .expect("a check-in");
    store
        .put_checkin(&alex, &checkin, false)
        .await
        .expect("check-in");
    let rest = Rest::new(
        goodenough_core::id::new_id(),
        now(),
        day(12),
        day(14),
        RestKind::Vacation,
        None,
    )
    .expect("a rest");
    store.add_rest(&alex, &rest).await.expect("rest");
    for (d, covered) in [
        (10, false),
        (11, true),
        (12, true),
        (13, true),
        (14, true),
        (15, false),
    ] {
        assert_eq!(
            store.day_is_covered(&alex, day(d)).await.expect("covered"),
            covered,
            "day {d}"
        );
        assert!(!store.day_is_covered(&sam, day(d)).await.expect("covered"));
    }

    // Claimed once per person, kind and day.
    assert!(store
        .claim_reminder(&alex, "checkin", day(10), now())
        .await
        .expect("claim"));
    assert!(!store
        .claim_reminder(&alex, "checkin", day(10), now())
        .await
        .expect("claim"));
    assert!(store
        .claim_reminder(&sam, "checkin", day(10), now())
        .await
        .expect("claim"));
    assert!(store
        .claim_reminder(&alex, "checkin", day(15), now())
        .await
        .expect("claim"));
    assert_eq!(
        store.reminders_sent(&alex, "checkin").await.expect("sent"),
        vec![day(10), day(15)]
    );

    // Erasing Sam's records takes his devices and the days he was reminded.
    store.erase_records(&sam).await.expect("erase");
    assert!(store
        .push_subscriptions(&sam)
        .await
        .expect("list")
        .is_empty());
    assert!(store
        .reminders_sent(&sam, "checkin")
        .await
        .expect("sent")
        .is_empty());
    assert_eq!(
        store
            .reminders_sent(&alex, "checkin")
            .await
            .expect("sent")
            .len(),
        2
    );

    // Turned off, and gone: nobody left to remind.
    assert!(store
        .remove_push_subscription(&alex, "s1")
        .await
        .expect("remove"));
    store
        .drop_push_subscription("s3")
        .await
        .expect("gone (already)");
    assert!(store.push_people().await.expect("people").is_empty());
}

#[tokio::test]
async fn push_story_on_sqlite() {
    let db = support::SqliteDb::new();
    push_story(&db.open(4).await).await;
}

#[tokio::test]
async fn push_story_on_postgres() {
    let Some(db) = support::PgDb::fresh("push story").await else {
        return;
    };
    let store = db.store(4).await;
    push_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
