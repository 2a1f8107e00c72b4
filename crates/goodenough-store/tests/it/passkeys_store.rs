//! Passkeys in the store: each credential belongs to one account; a
//! person lists, renames and removes only their own; a ceremony's state is
//! taken once (a replayed answer finds nothing), only as the kind it was
//! started as, and never after it expires. One story, on SQLite always and
//! on PostgreSQL when `GOODENOUGH_TEST_DATABASE_URL` names a server.

use crate::support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use goodenough_core::Settings;
use goodenough_store::{Ceremony, PasskeyRow, Role, Store, StoreError};

fn at(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("date")
        + Duration::minutes(min)
}

fn key(id: &str, person: &str, cred: &str, name: &str, min: i64) -> PasskeyRow {
    PasskeyRow {
        id: id.to_string(),
        person_id: person.to_string(),
        credential_id: cred.to_string(),
        name: name.to_string(),
        passkey: format!("{{\"cred\":\"{cred}\",\"counter\":0}}"),
        created_at: at(min),
        last_used_at: None,
    }
}

async fn passkeys_story(store: &dyn Store) {
    let backend = store.backend();
    let settings = Settings::defaults("Europe/Berlin");
    let alex = store
        .create_account("alex@example.org", "hash-a", Role::Client, &settings)
        .await
        .expect("alex");
    let sam = store
        .create_account("sam@example.org", "hash-s", Role::Client, &settings)
        .await
        .expect("sam");

    store
        .add_passkey(&key("k1", &alex, "cred-laptop", "Laptop", 0))
        .await
        .expect("laptop");
    store
        .add_passkey(&key("k2", &alex, "cred-phone", "Phone", 5))
        .await
        .expect("phone");
    store
        .add_passkey(&key("k3", &sam, "cred-sam", "Sam's key", 1))
        .await
        .expect("sam's");
    // One credential, one account: adding it again (to anyone) is refused.
    let again = store
        .add_passkey(&key("k4", &sam, "cred-laptop", "Stolen", 6))
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict(_))),
        "{backend:?}: {again:?}"
    );

    let mine = store.passkeys(&alex).await.expect("list");
    assert_eq!(
        mine.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
        ["Laptop", "Phone"],
        "{backend:?}"
    );
    assert_eq!(
        mine[0],
        key("k1", &alex, "cred-laptop", "Laptop", 0),
        "{backend:?}"
    );
    let found = store
        .passkey_by_credential("cred-sam")
        .await
        .expect("by credential")
        .expect("found");
    assert_eq!(found.person_id, sam, "{backend:?}");
    assert!(store
        .passkey_by_credential("cred-nobody")
        .await
        .expect("none")
        .is_none());

    // A use stores the updated credential and the time; only the owner's.
    assert!(store
        .use_passkey(&alex, "k1", "{\"counter\":1}", at(30))
        .await
        .expect("use"));
    assert!(!store
        .use_passkey(&sam, "k1", "{\"counter\":9}", at(31))
        .await
        .expect("not sam's"));
    let k1 = &store.passkeys(&alex).await.expect("list")[0];
    assert_eq!(k1.last_used_at, Some(at(30)), "{backend:?}");
    assert_eq!(k1.passkey, "{\"counter\":1}", "{backend:?}");

    // Renaming and removing: only one's own.
    assert!(!store
        .rename_passkey(&sam, "k1", "Mine now")
        .await
        .expect("rename other"));
    assert!(store
        .rename_passkey(&alex, "k1", "Work laptop")
        .await
        .expect("rename"));
    assert!(!store
        .remove_passkey(&sam, "k2")
        .await
        .expect("remove other"));
    assert!(store.remove_passkey(&alex, "k2").await.expect("remove"));
    assert!(!store
        .remove_passkey(&alex, "k2")
        .await
        .expect("removed already"));
    let mine = store.passkeys(&alex).await.expect("list");
    assert_eq!(
        mine.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
        ["Work laptop"],
        "{backend:?}"
    );
    // A disabled account's passkeys sign nobody in.
    store.disable_account(&sam, at(40)).await.expect("disable");
    assert!(store
        .passkey_by_credential("cred-sam")
        .await
        .expect("disabled")
        .is_none());

    // Ceremonies: taken once, as their own kind, before they expire.
    let c = Ceremony {
        kind: "register".to_string(),
        person: Some(alex.clone()),
        state: "{\"challenge\":\"abc\"}".to_string(),
        expires_at: at(5),
    };
    store.put_ceremony("h1", &c, at(0)).await.expect("put");
    let taken = store
        .take_ceremony("h1", "register", at(1))
        .await
        .expect("take");
    assert_eq!(taken.as_ref(), Some(&c), "{backend:?}");
    assert_eq!(
        store
            .take_ceremony("h1", "register", at(1))
            .await
            .expect("replay"),
        None,
        "{backend:?}: a ceremony is taken once"
    );
    let signin = Ceremony {
        kind: "signin".to_string(),
        person: None,
        state: "{}".to_string(),
        expires_at: at(5),
    };
    store.put_ceremony("h2", &signin, at(0)).await.expect("put");
    assert_eq!(
        store
            .take_ceremony("h2", "register", at(1))
            .await
            .expect("other kind"),
        None,
        "{backend:?}"
    );
    // ... and the wrong kind used it up.
    assert_eq!(
        store
            .take_ceremony("h2", "signin", at(1))
            .await
            .expect("gone"),
        None
    );
    store.put_ceremony("h3", &signin, at(0)).await.expect("put");
    assert_eq!(
        store
            .take_ceremony("h3", "signin", at(5))
            .await
            .expect("expired"),
        None,
        "{backend:?}: expired at its expiry"
    );
    store.put_ceremony("h4", &signin, at(0)).await.expect("put");
    assert_eq!(
        store
            .take_ceremony("h4", "signin", at(4))
            .await
            .expect("in time"),
        Some(signin.clone()),
        "{backend:?}"
    );
    // Starting a ceremony sweeps the expired ones away.
    store.put_ceremony("h5", &signin, at(0)).await.expect("put");
    let later = Ceremony {
        expires_at: at(20),
        ..signin.clone()
    };
    store
        .put_ceremony("h6", &later, at(10))
        .await
        .expect("put later");
    assert_eq!(
        store
            .take_ceremony("h5", "signin", at(3))
            .await
            .expect("swept"),
        None
    );
}

#[tokio::test]
async fn passkeys_story_on_sqlite() {
    let db = support::SqliteDb::new();
    passkeys_story(&db.open(4).await).await;
}

#[tokio::test]
async fn passkeys_story_on_postgres() {
    let Some(db) = support::PgDb::fresh("passkeys story").await else {
        return;
    };
    let store = db.store(4).await;
    passkeys_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
