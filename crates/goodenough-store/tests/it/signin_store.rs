//! Sign-in, hardened, in the store: a TOTP step is accepted once per
//! account. One story, on SQLite always and on PostgreSQL when
//! `GOODENOUGH_TEST_DATABASE_URL` names a server.

use crate::support;

use goodenough_core::Settings;
use goodenough_store::{Role, Store};

async fn signin_story(store: &dyn Store) {
    let backend = store.backend();
    let settings = Settings::defaults("Europe/Berlin");
    let alex = store
        .create_account("alex@example.org", "hash-a", Role::Client, &settings)
        .await
        .expect("alex");
    let sam = store
        .create_account("sam@example.org", "hash-s", Role::Coach, &settings)
        .await
        .expect("sam");
    store
        .set_totp_secret(&alex, Some("JBSWY3DPEHPK3PXP"))
        .await
        .expect("totp on");

    // A step is accepted once; the same or an older one is refused; a newer
    // one is accepted. Another account's steps are its own.
    assert!(
        store.accept_totp_step(&alex, 100).await.expect("first"),
        "{backend:?}"
    );
    assert!(
        !store.accept_totp_step(&alex, 100).await.expect("replay"),
        "{backend:?}"
    );
    assert!(
        !store.accept_totp_step(&alex, 99).await.expect("older"),
        "{backend:?}"
    );
    assert!(
        store.accept_totp_step(&sam, 100).await.expect("sam's own"),
        "{backend:?}"
    );
    assert!(
        store.accept_totp_step(&alex, 101).await.expect("newer"),
        "{backend:?}"
    );
    assert!(
        !store.accept_totp_step(&alex, 101).await.expect("replay"),
        "{backend:?}"
    );

    // Of four requests with one code at once, exactly one is accepted.
    let (a, b, c, d) = tokio::join!(
        store.accept_totp_step(&alex, 102),
        store.accept_totp_step(&alex, 102),
        store.accept_totp_step(&alex, 102),
        store.accept_totp_step(&alex, 102),
    );
    let accepted = [a, b, c, d]
        .into_iter()
        .filter(|r| *r.as_ref().expect("accept"))
        .count();
    assert_eq!(accepted, 1, "{backend:?}: one of four racing uses");

    // A new secret starts a new sequence: the record of steps goes with the
    // old one (turning it off, or on again with another key).
    store.set_totp_secret(&alex, None).await.expect("off");
    store
        .set_totp_secret(&alex, Some("KRSXG5CTMVRXEZLU"))
        .await
        .expect("on again");
    assert!(
        store.accept_totp_step(&alex, 50).await.expect("fresh"),
        "{backend:?}"
    );
    // Sam's record was left alone.
    assert!(
        !store.accept_totp_step(&sam, 100).await.expect("sam"),
        "{backend:?}"
    );
}

#[tokio::test]
async fn signin_story_on_sqlite() {
    let db = support::SqliteDb::new();
    signin_story(&db.open(4).await).await;
}

#[tokio::test]
async fn signin_story_on_postgres() {
    let Some(db) = support::PgDb::fresh("sign-in story").await else {
        return;
    };
    let store = db.store(4).await;
    signin_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
