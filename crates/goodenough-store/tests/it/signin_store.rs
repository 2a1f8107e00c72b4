//! Sign-in, hardened, in the store: a TOTP step is accepted once per
//! account; recovery codes are replaced together and each is used once; a
//! session keeps a device label and its last use, written once a minute. One story, on SQLite always and on PostgreSQL when
//! `GOODENOUGH_TEST_DATABASE_URL` names a server.

use crate::support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use goodenough_core::Settings;
use goodenough_store::{Role, SessionRow, Store};

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

    // Recovery codes: made together, each used once, listed with their use.
    let first: Vec<String> = (0..10).map(|i| format!("hash-a{i}")).collect();
    store
        .replace_recovery_codes(&alex, &first, at(9, 0))
        .await
        .expect("codes");
    store
        .replace_recovery_codes(&sam, &["hash-s0".to_string()], at(9, 0))
        .await
        .expect("sam's codes");
    let listed = store.recovery_codes(&alex).await.expect("list");
    assert_eq!(listed.len(), 10, "{backend:?}");
    assert!(listed
        .iter()
        .all(|c| c.used_at.is_none() && c.created_at == at(9, 0)));
    assert!(
        store
            .use_recovery_code(&alex, "hash-a3", at(9, 5))
            .await
            .expect("use"),
        "{backend:?}"
    );
    assert!(
        !store
            .use_recovery_code(&alex, "hash-a3", at(9, 6))
            .await
            .expect("reuse"),
        "{backend:?}"
    );
    assert!(
        !store
            .use_recovery_code(&alex, "hash-zz", at(9, 6))
            .await
            .expect("unknown"),
        "{backend:?}"
    );
    // Another person's code is not Alex's, and Alex's is not Sam's.
    assert!(
        !store
            .use_recovery_code(&alex, "hash-s0", at(9, 6))
            .await
            .expect("sam's"),
        "{backend:?}"
    );
    assert!(
        !store
            .use_recovery_code(&sam, "hash-a4", at(9, 6))
            .await
            .expect("alex's"),
        "{backend:?}"
    );
    let listed = store.recovery_codes(&alex).await.expect("list");
    let used: Vec<_> = listed.iter().filter(|c| c.used_at.is_some()).collect();
    assert_eq!(used.len(), 1, "{backend:?}");
    assert_eq!(used[0].code_hash, "hash-a3");
    assert_eq!(used[0].used_at, Some(at(9, 5)));

    // Racing uses of one code: one wins.
    let (a, b, c) = tokio::join!(
        store.use_recovery_code(&alex, "hash-a5", at(9, 7)),
        store.use_recovery_code(&alex, "hash-a5", at(9, 7)),
        store.use_recovery_code(&alex, "hash-a5", at(9, 7)),
    );
    let won = [a, b, c]
        .into_iter()
        .filter(|r| *r.as_ref().expect("use"))
        .count();
    assert_eq!(won, 1, "{backend:?}");

    // New codes replace every old one, used or not.
    let second: Vec<String> = (0..10).map(|i| format!("hash-b{i}")).collect();
    store
        .replace_recovery_codes(&alex, &second, at(10, 0))
        .await
        .expect("new codes");
    let listed = store.recovery_codes(&alex).await.expect("list");
    assert_eq!(listed.len(), 10);
    assert!(listed
        .iter()
        .all(|c| c.code_hash.starts_with("hash-b") && c.used_at.is_none()));
    assert!(
        !store
            .use_recovery_code(&alex, "hash-a6", at(10, 1))
            .await
            .expect("old"),
        "{backend:?}"
    );
    assert!(
        store
            .use_recovery_code(&alex, "hash-b6", at(10, 1))
            .await
            .expect("new"),
        "{backend:?}"
    );

    // Turning two-step sign-in off drops them; Sam's stay.
    store.set_totp_secret(&alex, None).await.expect("off");
    assert!(
        store.recovery_codes(&alex).await.expect("list").is_empty(),
        "{backend:?}"
    );
    assert_eq!(store.recovery_codes(&sam).await.expect("list").len(), 1);
}

/// A session's device label round-trips, and its last use is written at
/// most once a minute.
async fn session_story(store: &dyn Store) {
    let backend = store.backend();
    let settings = Settings::defaults("UTC");
    let alex = store
        .create_account("alex@example.org", "hash-a", Role::Client, &settings)
        .await
        .expect("alex");
    let start = at(9, 0);
    let row = SessionRow {
        token_hash: "s-1".into(),
        person_id: alex.clone(),
        csrf_token: "c-1".into(),
        created_at: start,
        last_seen_at: start,
        device: Some("Firefox on Linux".into()),
        mfa_pending: false,
    };
    store.create_session(&row).await.expect("session");
    let last = |list: Vec<SessionRow>| list.first().map(|s| s.last_seen_at);
    assert_eq!(
        store.list_sessions(&alex).await.expect("list"),
        vec![row.clone()],
        "{backend:?}"
    );
    // Within the minute: nothing is written.
    store
        .touch_session("s-1", start + Duration::seconds(59))
        .await
        .expect("touch");
    assert_eq!(
        last(store.list_sessions(&alex).await.expect("list")),
        Some(start),
        "{backend:?}"
    );
    // A minute on: written.
    let later = start + Duration::seconds(60);
    store.touch_session("s-1", later).await.expect("touch");
    assert_eq!(
        last(store.list_sessions(&alex).await.expect("list")),
        Some(later),
        "{backend:?}"
    );
    store
        .touch_session("s-1", later + Duration::seconds(30))
        .await
        .expect("touch");
    assert_eq!(
        last(store.list_sessions(&alex).await.expect("list")),
        Some(later),
        "{backend:?}"
    );
    let found = store.session("s-1").await.expect("session").expect("some");
    assert_eq!(found.device.as_deref(), Some("Firefox on Linux"));
}

fn at(h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 4, h, min, 0)
        .single()
        .expect("test instant")
}

#[tokio::test]
async fn signin_story_on_sqlite() {
    let db = support::SqliteDb::new();
    signin_story(&db.open(4).await).await;
}

#[tokio::test]
async fn session_story_on_sqlite() {
    let db = support::SqliteDb::new();
    session_story(&db.open(4).await).await;
}

#[tokio::test]
async fn session_story_on_postgres() {
    let Some(db) = support::PgDb::fresh("session device story").await else {
        return;
    };
    let store = db.store(4).await;
    session_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
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
