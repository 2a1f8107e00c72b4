//! The coach's links version (migrations 0028 and 0029): a number per coach
//! that the database changes, in the same transaction, with everything the
//! coach's roster is read from (links, consent, names, invitations), and
//! with nobody else's. The
//! roster keeps its read of the links while the number is unchanged, so a
//! change it misses would let a coach see what a client no longer shares.
//! Run on SQLite always and on PostgreSQL when
//! `GOODENOUGH_TEST_DATABASE_URL` names a server.

use crate::support;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use goodenough_core::Settings;
use goodenough_store::practice::{Invitation, Shared};
use goodenough_store::{Role, Store};

async fn version(store: &dyn Store, coach: &str) -> i64 {
    store
        .coach_links_version(coach)
        .await
        .expect("the coach's links version")
}

/// Runs `change`, then checks that `coach`'s version moved and `other`'s
/// did not.
macro_rules! moves {
    ($store:expr, $coach:expr, $other:expr, $what:literal, $change:expr) => {{
        let before = version($store, $coach).await;
        let theirs = version($store, $other).await;
        $change;
        let after = version($store, $coach).await;
        assert!(after > before, "{}: the version stayed at {before}", $what);
        assert_eq!(
            version($store, $other).await,
            theirs,
            "{}: another coach's version moved",
            $what
        );
    }};
}

async fn account(store: &dyn Store, email: &str, name: &str, role: Role) -> String {
    let settings = Settings {
        display_name: name.to_string(),
        ..Settings::defaults("UTC")
    };
    store
        .create_account(email, "h", role, &settings)
        .await
        .expect("an account")
}

async fn links_version_story(store: &dyn Store) {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .expect("an instant");
    let kim = account(store, "kim@example.org", "Kim", Role::Coach).await;
    let lee = account(store, "lee@example.org", "Lee", Role::Coach).await;
    let alex = account(store, "alex@example.org", "Alex", Role::Client).await;
    let sam = account(store, "sam@example.org", "Sam", Role::Client).await;
    assert_eq!(version(store, &kim).await, 0, "no change yet");

    let invite = |id: &str, coach: &str| Invitation {
        id: id.to_string(),
        coach_id: coach.to_string(),
        email: None,
        created_at: now,
        expires_at: now + Duration::days(7),
        used_at: None,
    };
    // An invitation made moves its coach's number (migration 0029): the
    // roster keeps the open invitations under it.
    moves!(store, &kim, &lee, "an invitation made", {
        store
            .create_invitation(&invite("inv-kim", &kim), "hash-kim")
            .await
            .expect("kim's invitation");
    });
    moves!(store, &lee, &kim, "another coach's invitation made", {
        store
            .create_invitation(&invite("inv-lee", &lee), "hash-lee")
            .await
            .expect("lee's invitation");
    });
    moves!(store, &kim, &lee, "a client accepts", {
        store
            .accept_invitation("hash-kim", &alex, "link-kim-alex", now)
            .await
            .expect("alex accepts kim");
    });
    moves!(store, &lee, &kim, "another coach's client accepts", {
        store
            .accept_invitation("hash-lee", &sam, "link-lee-sam", now)
            .await
            .expect("sam accepts lee");
    });

    let mut shared = Shared::new();
    shared.insert("programme".to_string(), None);
    moves!(store, &kim, &lee, "a consent shared", {
        store
            .set_consent("link-kim-alex", &shared, now)
            .await
            .expect("alex shares");
    });
    shared.insert("checkins".to_string(), NaiveDate::from_ymd_opt(2026, 3, 1));
    moves!(store, &kim, &lee, "a first date added", {
        store
            .set_consent("link-kim-alex", &shared, now)
            .await
            .expect("alex shares more");
    });
    moves!(store, &kim, &lee, "a consent revoked", {
        store
            .set_consent("link-kim-alex", &Shared::new(), now)
            .await
            .expect("alex revokes");
    });

    let renamed = |name: &str| Settings {
        display_name: name.to_string(),
        ..Settings::defaults("UTC")
    };
    moves!(store, &kim, &lee, "the client's new name", {
        store
            .put_settings(&alex, &renamed("Alexandra"))
            .await
            .expect("alex renames");
    });
    moves!(store, &kim, &lee, "the coach's new name", {
        store
            .put_settings(&kim, &renamed("Kimberly"))
            .await
            .expect("kim renames");
    });
    // A change of settings that keeps the name changes nothing of the
    // roster's.
    let still = version(store, &kim).await;
    store
        .put_settings(
            &alex,
            &Settings {
                display_name: "Alexandra".to_string(),
                ..Settings::defaults("Europe/Berlin")
            },
        )
        .await
        .expect("alex moves");
    assert_eq!(
        version(store, &kim).await,
        still,
        "only the time zone moved"
    );

    // What the roster reads agrees with the number's reasons.
    let links = store
        .links_with_consent(&kim, false)
        .await
        .expect("kim's links");
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].0.client_name, "Alexandra");
    assert!(links[0].1.shared.is_empty(), "revoked");

    moves!(store, &kim, &lee, "the link ended", {
        store
            .end_link("link-kim-alex", &alex, now)
            .await
            .expect("alex ends the link");
    });

    // A second link, then the client's data erased: the link goes, and the
    // number moves with it.
    store
        .create_invitation(&invite("inv-kim-2", &kim), "hash-kim-2")
        .await
        .expect("another invitation");
    store
        .accept_invitation("hash-kim-2", &alex, "link-kim-alex-2", now)
        .await
        .expect("alex accepts again");
    moves!(store, &kim, &lee, "the client's data erased", {
        store.erase_records(&alex).await.expect("erase alex");
    });
    assert!(store
        .links_with_consent(&kim, false)
        .await
        .expect("kim's links")
        .is_empty());

    // An open invitation goes when the coach erases their own data: the
    // number moves, so the roster no longer offers it.
    store
        .create_invitation(&invite("inv-kim-3", &kim), "hash-kim-3")
        .await
        .expect("an invitation left open");
    moves!(store, &kim, &lee, "the coach's own data erased", {
        store
            .erase_records(&kim)
            .await
            .expect("erase kim's records");
    });
    assert!(store
        .open_invitations_of(&kim, now)
        .await
        .expect("kim's invitations")
        .is_empty());

    // A coach removed: their number goes with them; their client's does
    // not exist as a coach and stays 0.
    store.erase_person(&lee).await.expect("remove lee");
    assert_eq!(
        version(store, &lee).await,
        0,
        "nothing kept of a removed coach"
    );
    assert_eq!(version(store, &sam).await, 0, "a client is nobody's coach");
}

#[tokio::test]
async fn links_version_on_sqlite() {
    let db = support::SqliteDb::new();
    links_version_story(&db.open(2).await).await;
}

#[tokio::test]
async fn links_version_on_postgres() {
    let Some(db) = support::PgDb::fresh("coach links version story").await else {
        return;
    };
    let store = db.store(2).await;
    links_version_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
