//! The data version (migration 0014): a number per person that the database
//! changes on every write to any of the person's records or settings, and
//! on nobody else's. The web keeps its busiest answers while it is unchanged,
//! so a write it misses would show a person stale data. Checked through the
//! store's own writes, and then table by table with plain SQL, so a table
//! added later without its triggers fails here. Run on SQLite always and on
//! PostgreSQL when `GOODENOUGH_TEST_DATABASE_URL` names a server.

use crate::records_store::demo_doc;
use crate::support;

use chrono::NaiveDate;
use goodenough_core::{id, Appreciation, CheckIn, LifeArea, Settings, Win};
use goodenough_store::Store;

/// Tables that hold a person's id but none of their coaching data: signing
/// in touches them on every request, and that changes no answer; the
/// devices that get reminders and the reminders sent are not records either.
const NOT_DATA: [&str; 10] = [
    "sessions",
    "api_tokens",
    "login_attempts",
    "password_resets",
    "totp_steps",
    "recovery_codes",
    "passkeys",
    "passkey_ceremonies",
    "push_subscriptions",
    "push_sent",
];

async fn version(store: &dyn Store, person: &str) -> i64 {
    store
        .settings_versioned(person)
        .await
        .expect("settings and version")
        .1
}

/// Runs `write`, then checks that `person`'s version moved and `other`'s
/// did not.
macro_rules! moves {
    ($store:expr, $person:expr, $other:expr, $what:literal, $write:expr) => {{
        let before = version($store, $person).await;
        let theirs = version($store, $other).await;
        $write;
        let after = version($store, $person).await;
        assert!(after > before, "{}: version stayed at {before}", $what);
        assert_eq!(
            version($store, $other).await,
            theirs,
            "{}: another person's version moved",
            $what
        );
    }};
}

/// The store's writes, with two people in one store.
async fn writes_story(store: &dyn Store) -> (String, String) {
    let alice = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("alice");
    let bob = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("bob");
    let (settings, _) = store.settings_versioned(&alice).await.expect("settings");
    assert_eq!(settings, store.settings(&alice).await.expect("settings"));

    moves!(store, &alice, &bob, "import of every kind", {
        store.import(&alice, &demo_doc()).await.expect("import");
    });
    let date = NaiveDate::from_ymd_opt(2026, 4, 2).expect("date");
    let checkin = CheckIn {
        id: id::new_id(),
        date,
        mood: 6,
        energy: 5,
        appreciations: vec![Appreciation {
            area: LifeArea::Rest,
            text: "a slow breakfast".into(),
        }],
        note: None,
    };
    moves!(store, &alice, &bob, "a new check-in", {
        store
            .put_checkin(&alice, &checkin, false)
            .await
            .expect("check in");
    });
    moves!(store, &alice, &bob, "a replaced check-in", {
        store
            .put_checkin(&alice, &checkin, true)
            .await
            .expect("replace");
    });
    moves!(store, &alice, &bob, "a win", {
        let win = Win {
            id: id::new_id(),
            date,
            created_at: chrono::Utc::now(),
            text: "asked for help early".into(),
        };
        store.add_win(&alice, &win).await.expect("win");
    });
    moves!(store, &alice, &bob, "settings", {
        let mut settings = store.settings(&alice).await.expect("settings");
        settings.display_name = "Alice".into();
        store
            .put_settings(&alice, &settings)
            .await
            .expect("put settings");
    });
    moves!(store, &alice, &bob, "erasing the records", {
        store.erase_records(&alice).await.expect("erase records");
    });
    (alice, bob)
}

#[tokio::test]
async fn every_write_moves_the_version_on_sqlite() {
    let db = support::SqliteDb::new();
    let store = db.open(4).await;
    let (alice, bob) = writes_story(&store).await;

    // A second store on the same file stands for another process (the CLI
    // beside a running server): its write moves the version the first reads.
    let other = db.open(1).await;
    moves!(&store, &alice, &bob, "an import from another process", {
        other
            .import(&alice, &demo_doc())
            .await
            .expect("import again");
    });
    moves!(&store, &alice, &bob, "a check-in from another process", {
        other
            .put_checkin(&alice, &another_checkin(), false)
            .await
            .expect("check in");
    });

    // Every table that holds the person's data, one by one.
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT m.name FROM sqlite_master m \
         WHERE m.type = 'table' AND EXISTS \
         (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'person_id') \
         ORDER BY m.name",
    )
    .fetch_all(store.pool())
    .await
    .expect("tables");
    table_by_table(&store, &alice, &tables, |sql| {
        let pool = store.pool().clone();
        async move {
            sqlx::query(&sql)
                .execute(&pool)
                .await
                .map(|r| r.rows_affected())
        }
    })
    .await;
}

#[tokio::test]
async fn every_write_moves_the_version_on_postgres() {
    let Some(db) = support::PgDb::fresh("data version story").await else {
        return;
    };
    let store = db.store(4).await;
    let (alice, bob) = writes_story(&store).await;
    moves!(&store, &alice, &bob, "a second import", {
        store
            .import(&alice, &demo_doc())
            .await
            .expect("import again");
    });
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND column_name = 'person_id' \
         ORDER BY table_name",
    )
    .fetch_all(store.pool())
    .await
    .expect("tables");
    table_by_table(&store, &alice, &tables, |sql| {
        let pool = store.pool().clone();
        async move {
            sqlx::query(&sql)
                .execute(&pool)
                .await
                .map(|r| r.rows_affected())
        }
    })
    .await;
    store.pool().close().await;
    db.drop_db().await;
}

fn another_checkin() -> CheckIn {
    CheckIn {
        id: id::new_id(),
        date: NaiveDate::from_ymd_opt(2026, 4, 3).expect("date"),
        mood: 7,
        energy: 6,
        appreciations: vec![Appreciation {
            area: LifeArea::Relationships,
            text: "a call with my sister".into(),
        }],
        note: None,
    }
}

/// For every data table: an update of the person's rows, their delete and
/// their insert (the same rows back) each move the version (after the demo
/// import, every table has rows of the person).
async fn table_by_table<F, Fut>(store: &dyn Store, alice: &str, tables: &[String], exec: F)
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<u64, sqlx::Error>>,
{
    let data: Vec<&String> = tables
        .iter()
        .filter(|t| !NOT_DATA.contains(&t.as_str()))
        .collect();
    assert!(data.len() >= 23, "the person's tables: {data:?}");
    for table in data {
        let mut last = version(store, alice).await;
        let steps = [
            format!("UPDATE {table} SET person_id = person_id WHERE person_id = '{alice}'"),
            format!("CREATE TABLE kept_rows AS SELECT * FROM {table} WHERE person_id = '{alice}'"),
            format!("DELETE FROM {table} WHERE person_id = '{alice}'"),
            format!("INSERT INTO {table} SELECT * FROM kept_rows"),
            "DROP TABLE kept_rows".to_string(),
        ];
        for (i, sql) in steps.iter().enumerate() {
            let rows = exec(sql.clone()).await.expect(sql);
            let now = version(store, alice).await;
            match i {
                1 | 4 => assert_eq!(now, last, "{table}: copying aside is no write"),
                _ => {
                    assert!(rows > 0, "{table}: no rows of the person for {sql}");
                    assert!(now > last, "{table}: the version stayed for {sql}");
                }
            }
            last = now;
        }
    }
}

/// What a coach gives a client moves the client's version and nobody
/// else's (migration 0030): Today keeps the client's assignments and offers
/// under it, so a step given, marked or removed, an offer made or decided,
/// and a new name of the coach who gave them must each show at once.
async fn coaching_story(store: &dyn Store) {
    use chrono::{Duration, TimeZone, Utc};
    use goodenough_core::assignment::{AssignmentKind, AssignmentStatus};
    use goodenough_store::assignments::{Assignment, ClosedBy};
    use goodenough_store::offers::{Offer, OfferStatus};
    use goodenough_store::practice::Invitation;
    use goodenough_store::Role;

    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .expect("an instant");
    let named = |name: &str| Settings {
        display_name: name.to_string(),
        ..Settings::defaults("UTC")
    };
    let kim = store
        .create_account("kim@example.org", "h", Role::Coach, &named("Kim"))
        .await
        .expect("the coach");
    let alex = store
        .create_account("alex@example.org", "h", Role::Client, &named("Alex"))
        .await
        .expect("a client");
    let sam = store
        .create_account("sam@example.org", "h", Role::Client, &named("Sam"))
        .await
        .expect("another client");
    for (client, link) in [(&alex, "link-alex"), (&sam, "link-sam")] {
        let hash = format!("hash-{link}");
        let invitation = Invitation {
            id: format!("inv-{link}"),
            coach_id: kim.clone(),
            email: None,
            created_at: now,
            expires_at: now + Duration::days(7),
            used_at: None,
        };
        store
            .create_invitation(&invitation, &hash)
            .await
            .expect("an invitation");
        store
            .accept_invitation(&hash, client, link, now)
            .await
            .expect("accepted");
    }

    let step = Assignment {
        id: "step-1".to_string(),
        link_id: "link-alex".to_string(),
        coach_id: kim.clone(),
        coach_name: String::new(),
        client_id: alex.clone(),
        client_name: String::new(),
        kind: AssignmentKind::ThoughtRecord,
        detail: None,
        note: "one, when it comes".to_string(),
        due: NaiveDate::from_ymd_opt(2026, 3, 13).expect("a date"),
        assigned_at: now,
        assigned_on: NaiveDate::from_ymd_opt(2026, 3, 10).expect("a date"),
        status: AssignmentStatus::Open,
        reason: None,
        closed_at: None,
        closed_by: None,
    };
    moves!(store, &alex, &sam, "a step given", {
        store.add_assignment(&step).await.expect("assigned");
    });
    moves!(store, &alex, &sam, "a step marked done", {
        store
            .set_assignment_status(
                "step-1",
                AssignmentStatus::Done,
                None,
                ClosedBy::Client,
                now,
            )
            .await
            .expect("marked");
    });
    let offer = Offer {
        id: "offer-1".to_string(),
        coach_id: kim.clone(),
        coach_name: String::new(),
        client_id: alex.clone(),
        client_name: String::new(),
        programme_id: "kims-own".to_string(),
        title: "Kim's own".to_string(),
        body: "id = \"kims-own\"".to_string(),
        note: String::new(),
        offered_at: now,
        status: OfferStatus::Offered,
        reason: None,
        decided_at: None,
    };
    moves!(store, &alex, &sam, "a programme offered", {
        store.add_offer(&offer).await.expect("offered");
    });
    moves!(store, &alex, &sam, "an offer declined", {
        assert!(store
            .decline_offer("offer-1", Some("not now"), now)
            .await
            .expect("declined"));
    });
    moves!(store, &alex, &sam, "the coach's new name", {
        store
            .put_settings(&kim, &named("Kimberly"))
            .await
            .expect("renamed");
    });
    let shown = store
        .assignments_of_client(&alex)
        .await
        .expect("alex's steps");
    assert_eq!(
        shown[0].coach_name, "Kimberly",
        "the name the version covers"
    );
    // A client given nothing by the coach is not moved by their new name.
    let sams = version(store, &sam).await;
    store
        .put_settings(&kim, &named("Kim"))
        .await
        .expect("renamed back");
    assert_eq!(
        version(store, &sam).await,
        sams,
        "nothing of Kim's shown to Sam"
    );
    moves!(
        store,
        &alex,
        &sam,
        "the client's data erased with the steps",
        {
            store.erase_records(&alex).await.expect("erased");
        }
    );
    assert!(store
        .assignments_of_client(&alex)
        .await
        .expect("alex's steps")
        .is_empty());
}

#[tokio::test]
async fn coaching_moves_the_clients_version_on_sqlite() {
    let db = support::SqliteDb::new();
    coaching_story(&db.open(2).await).await;
}

#[tokio::test]
async fn coaching_moves_the_clients_version_on_postgres() {
    let Some(db) = support::PgDb::fresh("coaching data version story").await else {
        return;
    };
    let store = db.store(2).await;
    coaching_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
