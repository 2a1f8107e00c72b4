//! The operator's side of accounts: listing, disabling (which ends every
//! session and token at once, and keeps them refused), enabling, and
//! one-time password-reset links. One story, on SQLite always and on
//! PostgreSQL when `GOODENOUGH_TEST_DATABASE_URL` names a server.

use crate::support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use goodenough_core::{id, Settings};
use goodenough_store::{ApiTokenRow, Role, SessionRow, Store};

fn at(h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 4, h, min, 0)
        .single()
        .expect("test instant")
}

fn session(token_hash: &str, person: &str, when: DateTime<Utc>) -> SessionRow {
    SessionRow {
        token_hash: token_hash.into(),
        person_id: person.into(),
        csrf_token: format!("csrf-{token_hash}"),
        created_at: when,
        last_seen_at: when,
        device: None,
        mfa_pending: false,
    }
}

fn token(person: &str, when: DateTime<Utc>) -> ApiTokenRow {
    ApiTokenRow {
        id: id::new_id(),
        person_id: person.into(),
        name: "laptop".into(),
        created_at: when,
        last_used_at: None,
    }
}

async fn operator_story(store: &dyn Store) {
    let backend = store.backend();
    let settings = Settings::defaults("Europe/Berlin");
    let admin = store
        .create_account("op@example.org", "hash-op", Role::Admin, &settings)
        .await
        .expect("admin");
    let coach = store
        .create_account("coach@example.org", "hash-c", Role::Coach, &settings)
        .await
        .expect("coach");
    let client = store
        .create_account("alex@example.org", "hash-x", Role::Client, &settings)
        .await
        .expect("client");

    // The list: every account, oldest first, all active.
    let list = store.list_accounts().await.expect("list");
    let ids: Vec<&str> = list.iter().map(|a| a.person_id.as_str()).collect();
    assert_eq!(ids, [&admin, &coach, &client], "{backend:?}: oldest first");
    assert_eq!(list[2].email, "alex@example.org");
    assert_eq!(list[2].role, Role::Client);
    assert!(list.iter().all(|a| a.disabled_at.is_none()), "{backend:?}");

    // Alex has a browser session, an access token and a calendar feed.
    store
        .create_session(&session("s-alex", &client, at(9, 0)))
        .await
        .expect("session");
    store
        .create_api_token(&token(&client, at(9, 0)), "t-alex")
        .await
        .expect("token");
    store
        .set_calendar_token(&client, Some("cal-alex"))
        .await
        .expect("calendar");
    store
        .create_session(&session("s-coach", &coach, at(9, 0)))
        .await
        .expect("coach session");
    assert!(store
        .session_with_account("s-alex")
        .await
        .expect("lookup")
        .is_some());

    // Disabling ends them all at once; the coach is untouched.
    assert!(store
        .disable_account(&client, at(10, 0))
        .await
        .expect("disable"));
    assert_eq!(
        store.session_with_account("s-alex").await.expect("lookup"),
        None,
        "{backend:?}: a disabled account's session is refused"
    );
    assert_eq!(store.session("s-alex").await.expect("session"), None);
    assert_eq!(
        store
            .use_api_token_known("t-alex", at(10, 1))
            .await
            .expect("token"),
        None,
        "{backend:?}: a disabled account's token is refused"
    );
    assert_eq!(
        store
            .person_by_calendar_token("cal-alex")
            .await
            .expect("calendar"),
        None
    );
    assert!(store.list_sessions(&client).await.expect("list").is_empty());
    assert!(store
        .list_api_tokens(&client)
        .await
        .expect("list")
        .is_empty());
    assert!(store
        .session_with_account("s-coach")
        .await
        .expect("coach")
        .is_some());
    let account = store
        .account_by_email("alex@example.org")
        .await
        .expect("by email")
        .expect("still there");
    assert_eq!(account.disabled_at, Some(at(10, 0)));

    // A session started after disabling (a sign-in racing the operator) is
    // refused as well: the lookup itself checks.
    store
        .create_session(&session("s-late", &client, at(10, 2)))
        .await
        .expect("late session");
    assert_eq!(
        store.session_with_account("s-late").await.expect("lookup"),
        None
    );
    // Disabling twice keeps the first date.
    assert!(store
        .disable_account(&client, at(11, 0))
        .await
        .expect("again"));
    let list = store.list_accounts().await.expect("list");
    assert_eq!(list[2].disabled_at, Some(at(10, 0)), "{backend:?}");

    // A reset link for a disabled account cannot be used.
    let expires = at(12, 0) + Duration::hours(24);
    store
        .create_password_reset(&client, "r-disabled", at(12, 0), expires)
        .await
        .expect("reset");
    assert_eq!(
        store
            .use_password_reset("r-disabled", "hash-new", at(12, 1))
            .await
            .expect("use"),
        None
    );

    // Enabling lets Alex in again; the old session stays ended.
    assert!(store.enable_account(&client).await.expect("enable"));
    assert!(store.list_accounts().await.expect("list")[2]
        .disabled_at
        .is_none());
    assert_eq!(
        store.session_with_account("s-alex").await.expect("lookup"),
        None
    );
    assert!(!store
        .enable_account("no-such-person")
        .await
        .expect("nobody"));
    assert!(!store
        .disable_account("no-such-person", at(12, 0))
        .await
        .expect("nobody"));

    // A reset link: usable once, before it expires; it sets the password
    // and ends the person's sessions.
    store
        .create_session(&session("s-alex-2", &client, at(12, 5)))
        .await
        .expect("session");
    store
        .create_password_reset(&client, "r-1", at(12, 0), expires)
        .await
        .expect("reset");
    assert_eq!(
        store
            .password_reset_person("r-1", at(13, 0))
            .await
            .expect("check"),
        Some(client.clone())
    );
    assert_eq!(
        store
            .use_password_reset("r-1", "hash-new", at(13, 0))
            .await
            .expect("use"),
        Some(client.clone())
    );
    let account = store
        .account(&client)
        .await
        .expect("account")
        .expect("some");
    assert_eq!(account.password_hash, "hash-new");
    assert_eq!(
        store
            .session_with_account("s-alex-2")
            .await
            .expect("lookup"),
        None,
        "{backend:?}: a reset ends the old sessions"
    );
    assert_eq!(
        store
            .use_password_reset("r-1", "hash-again", at(13, 1))
            .await
            .expect("twice"),
        None,
        "{backend:?}: a link works once"
    );
    assert_eq!(
        store
            .password_reset_person("r-1", at(13, 1))
            .await
            .expect("check"),
        None
    );

    // Expired and forged links change nothing.
    store
        .create_password_reset(&client, "r-old", at(12, 0), expires)
        .await
        .expect("reset");
    let late = expires + Duration::seconds(1);
    assert_eq!(
        store
            .password_reset_person("r-old", late)
            .await
            .expect("check"),
        None
    );
    assert_eq!(
        store
            .use_password_reset("r-old", "hash-late", late)
            .await
            .expect("late"),
        None
    );
    assert_eq!(
        store
            .use_password_reset("forged", "hash-forged", at(13, 0))
            .await
            .expect("forged"),
        None
    );
    let account = store
        .account(&client)
        .await
        .expect("account")
        .expect("some");
    assert_eq!(account.password_hash, "hash-new", "{backend:?}");
}

#[tokio::test]
async fn operator_story_on_sqlite() {
    let db = support::SqliteDb::new();
    operator_story(&db.open(4).await).await;
}

#[tokio::test]
async fn operator_story_on_postgres() {
    let Some(db) = support::PgDb::fresh("operator story").await else {
        return;
    };
    let store = db.store(4).await;
    operator_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
