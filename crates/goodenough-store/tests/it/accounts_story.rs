//! One story that walks every `Accounts` method (logins, sessions, API
//! tokens, sign-in throttling, second factor, calendar token), run on SQLite
//! always and on PostgreSQL when `GOODENOUGH_TEST_DATABASE_URL` names a
//! server (each test gets a fresh database of its own, dropped at the end,
//! the same way as `story.rs`).

use crate::support;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use goodenough_core::{id, Appreciation, CheckIn, LifeArea, Settings};
use goodenough_store::{Account, ApiTokenRow, Counts, Role, SessionRow, Store, StoreError};

fn at(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, s)
        .single()
        .expect("test instant")
}

fn checkin(date: &str) -> CheckIn {
    CheckIn {
        id: id::new_id(),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("test date"),
        mood: 6,
        energy: 5,
        appreciations: vec![
            Appreciation {
                area: LifeArea::Work,
                text: "sent the draft".into(),
            },
            Appreciation {
                area: LifeArea::Health,
                text: "walked at lunch".into(),
            },
            Appreciation {
                area: LifeArea::Rest,
                text: "read for an hour".into(),
            },
        ],
        note: None,
    }
}

fn session(
    token_hash: &str,
    person: &str,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
) -> SessionRow {
    SessionRow {
        token_hash: token_hash.into(),
        person_id: person.into(),
        csrf_token: format!("csrf-{token_hash}"),
        created_at,
        last_seen_at,
        device: None,
        mfa_pending: false,
    }
}

fn api_token(person: &str, name: &str, created_at: DateTime<Utc>) -> ApiTokenRow {
    ApiTokenRow {
        id: id::new_id(),
        person_id: person.into(),
        name: name.into(),
        created_at,
        last_used_at: None,
    }
}

async fn accounts_story(store: &dyn Store) {
    let backend = store.backend();

    // The CLI's owner exists first, with records and settings of their own.
    let mut cli_settings = Settings::defaults("Europe/Berlin");
    cli_settings.display_name = "Alice at the terminal".into();
    let owner = store
        .first_person_or_create(&cli_settings)
        .await
        .expect("first person");
    let owners_checkin = checkin("2026-03-01");
    store
        .put_checkin(&owner, &owners_checkin, false)
        .await
        .expect("put");
    assert_eq!(store.account_count().await.expect("count"), 0);
    assert_eq!(store.account(&owner).await.expect("account"), None);
    assert_eq!(
        store
            .account_by_email("alice@example.org")
            .await
            .expect("by email"),
        None
    );

    // The first login takes over the CLI's owner: same person, same records,
    // the owner's settings kept (the web's defaults are not applied).
    let mut web_settings = Settings::defaults("UTC");
    web_settings.display_name = "from the web".into();
    let alice = store
        .create_account("  Alice@Example.ORG ", "hash-a", Role::Admin, &web_settings)
        .await
        .expect("first account");
    assert_eq!(
        alice, owner,
        "{backend:?}: the first login is the CLI's owner"
    );
    assert_eq!(store.account_count().await.expect("count"), 1);
    let alice_account = Account {
        person_id: owner.clone(),
        email: "alice@example.org".into(),
        role: Role::Admin,
        password_hash: "hash-a".into(),
        totp_secret: None,
        display_name: "Alice at the terminal".into(),
        disabled_at: None,
    };
    assert_eq!(
        store
            .account_by_email("alice@example.org")
            .await
            .expect("by email"),
        Some(alice_account.clone())
    );
    assert_eq!(
        store
            .account_by_email(" ALICE@example.org")
            .await
            .expect("by email"),
        Some(alice_account.clone()),
        "{backend:?}: email lookup ignores case and spaces"
    );
    assert_eq!(
        store.account(&alice).await.expect("account"),
        Some(alice_account.clone())
    );
    assert_eq!(
        store.settings(&alice).await.expect("settings"),
        cli_settings
    );
    assert_eq!(
        store
            .checkin_on(&alice, owners_checkin.date)
            .await
            .expect("on"),
        Some(owners_checkin.clone()),
        "{backend:?}: the owner's records are the account's records"
    );
    assert_eq!(
        store.first_person().await.expect("first"),
        Some(alice.clone())
    );

    // Later logins are new persons with the settings given.
    let mut bob_settings = Settings::defaults("America/New_York");
    bob_settings.display_name = "Bob".into();
    let bob = store
        .create_account("bob@example.org", "hash-b", Role::Client, &bob_settings)
        .await
        .expect("second account");
    assert_ne!(bob, alice);
    assert!(store.person_exists(&bob).await.expect("exists"));
    assert_eq!(store.settings(&bob).await.expect("settings"), bob_settings);
    assert_eq!(store.counts(&bob).await.expect("counts"), Counts::default());
    assert_eq!(store.account_count().await.expect("count"), 2);
    let bob_account = store
        .account(&bob)
        .await
        .expect("account")
        .expect("bob has a login");
    assert_eq!(bob_account.email, "bob@example.org");
    assert_eq!(bob_account.role, Role::Client);
    assert_eq!(bob_account.password_hash, "hash-b");
    assert_eq!(bob_account.display_name, "Bob");
    assert_eq!(
        store.first_person().await.expect("first"),
        Some(alice.clone())
    );

    // An email is unique, whatever its case.
    for taken in ["BOB@example.org", "alice@example.org", " Alice@EXAMPLE.org"] {
        match store
            .create_account(taken, "hash-x", Role::Coach, &web_settings)
            .await
        {
            Err(StoreError::Conflict(msg)) => assert!(!msg.is_empty()),
            other => panic!("{backend:?}: expected Conflict for {taken}, got {other:?}"),
        }
    }
    assert_eq!(store.account_count().await.expect("count"), 2);
    assert_eq!(
        store.account(&bob).await.expect("account"),
        Some(bob_account.clone()),
        "{backend:?}: a refused sign-up leaves the account alone"
    );
    assert_eq!(
        store.account(&alice).await.expect("account"),
        Some(alice_account.clone())
    );

    // A person made by the CLI alone has no login.
    let carol = store
        .create_person(&Settings::defaults("UTC"))
        .await
        .expect("carol");
    assert_eq!(store.account(&carol).await.expect("account"), None);
    assert_eq!(store.account(&id::new_id()).await.expect("account"), None);
    assert_eq!(store.account_count().await.expect("count"), 2);

    // Passwords and the second factor, one person at a time.
    store
        .set_password(&bob, "hash-b2")
        .await
        .expect("set password");
    assert_eq!(
        store
            .account(&bob)
            .await
            .expect("account")
            .map(|a| a.password_hash),
        Some("hash-b2".to_string())
    );
    store
        .set_totp_secret(&bob, Some("JBSWY3DPEHPK3PXP"))
        .await
        .expect("totp on");
    assert_eq!(
        store
            .account_by_email("bob@example.org")
            .await
            .expect("account")
            .and_then(|a| a.totp_secret),
        Some("JBSWY3DPEHPK3PXP".to_string())
    );
    assert_eq!(
        store.account(&alice).await.expect("account"),
        Some(alice_account.clone()),
        "{backend:?}: Bob's password and second factor did not touch Alice"
    );
    store.set_totp_secret(&bob, None).await.expect("totp off");
    assert_eq!(
        store.account(&bob).await.expect("account"),
        Some(Account {
            password_hash: "hash-b2".into(),
            ..bob_account.clone()
        })
    );

    // Calendar-feed tokens: one hash, one person; replacing or clearing one
    // makes the old hash resolve to nobody.
    assert_eq!(
        store.person_by_calendar_token("cal-a").await.expect("cal"),
        None
    );
    store
        .set_calendar_token(&alice, Some("cal-a"))
        .await
        .expect("cal a");
    store
        .set_calendar_token(&bob, Some("cal-b"))
        .await
        .expect("cal b");
    assert_eq!(
        store.person_by_calendar_token("cal-a").await.expect("cal"),
        Some(alice.clone())
    );
    assert_eq!(
        store.person_by_calendar_token("cal-b").await.expect("cal"),
        Some(bob.clone())
    );
    store
        .set_calendar_token(&alice, Some("cal-a2"))
        .await
        .expect("cal a2");
    assert_eq!(
        store.person_by_calendar_token("cal-a").await.expect("cal"),
        None
    );
    assert_eq!(
        store.person_by_calendar_token("cal-a2").await.expect("cal"),
        Some(alice.clone())
    );
    assert!(
        store
            .set_calendar_token(&carol, Some("cal-b"))
            .await
            .is_err(),
        "{backend:?}: a calendar token hash cannot be shared"
    );
    assert_eq!(
        store.person_by_calendar_token("cal-b").await.expect("cal"),
        Some(bob.clone())
    );
    store
        .set_calendar_token(&alice, None)
        .await
        .expect("cal off");
    assert_eq!(
        store.person_by_calendar_token("cal-a2").await.expect("cal"),
        None
    );
    assert_eq!(
        store.person_by_calendar_token("cal-b").await.expect("cal"),
        Some(bob.clone())
    );

    // Sessions: stored and loaded by hash, fields round-trip.
    let mut a1 = session(
        "sess-a1",
        &alice,
        at(2026, 3, 1, 9, 0, 0),
        at(2026, 3, 1, 9, 0, 0),
    );
    a1.device = Some("Firefox on Linux 🦊".into());
    let a2 = session(
        "sess-a2",
        &alice,
        at(2026, 3, 1, 10, 0, 0),
        at(2026, 3, 1, 10, 30, 0),
    );
    let mut a3 = session(
        "sess-a3",
        &alice,
        at(2026, 3, 1, 11, 0, 0),
        at(2026, 3, 1, 11, 0, 0),
    );
    a3.mfa_pending = true;
    let b1 = session(
        "sess-b1",
        &bob,
        at(2026, 3, 1, 8, 0, 0),
        at(2026, 3, 1, 12, 0, 0),
    );
    for s in [&a1, &a2, &a3, &b1] {
        store.create_session(s).await.expect("create session");
    }
    assert!(
        store.create_session(&a1).await.is_err(),
        "{backend:?}: a session hash is stored once"
    );
    assert_eq!(
        store.session("sess-a1").await.expect("session"),
        Some(a1.clone())
    );
    assert_eq!(
        store.session("sess-a3").await.expect("session"),
        Some(a3.clone()),
        "{backend:?}: a half-finished (second factor) sign-in round-trips"
    );
    assert_eq!(store.session("no-such").await.expect("session"), None);
    // The one-query form used on every request gives the same session, the
    // account, settings and data version it belongs to, never another
    // person's.
    let signed_in = store
        .session_with_account("sess-b1")
        .await
        .expect("session with account")
        .expect("found");
    assert_eq!(signed_in.session, b1);
    assert_eq!(
        signed_in.account,
        store.account(&bob).await.expect("account").expect("bob")
    );
    assert_eq!(
        (signed_in.settings, signed_in.data_version),
        store.settings_versioned(&bob).await.expect("settings")
    );
    assert_eq!(
        store.session_with_account("no-such").await.expect("lookup"),
        None
    );
    // Listed newest activity first; half-finished sign-ins are not listed.
    assert_eq!(
        store.list_sessions(&alice).await.expect("list"),
        vec![a2.clone(), a1.clone()]
    );
    assert_eq!(
        store.list_sessions(&bob).await.expect("list"),
        vec![b1.clone()]
    );
    assert!(store.list_sessions(&carol).await.expect("list").is_empty());
    // Touching records the activity (to the second) and reorders the list.
    store
        .touch_session(
            "sess-a1",
            at(2026, 3, 1, 13, 0, 0) + Duration::milliseconds(750),
        )
        .await
        .expect("touch");
    let a1_touched = SessionRow {
        last_seen_at: at(2026, 3, 1, 13, 0, 0),
        ..a1.clone()
    };
    assert_eq!(
        store.session("sess-a1").await.expect("session"),
        Some(a1_touched.clone())
    );
    assert_eq!(
        store.list_sessions(&alice).await.expect("list"),
        vec![a1_touched.clone(), a2.clone()]
    );
    assert_eq!(
        store.session("sess-b1").await.expect("session"),
        Some(b1.clone()),
        "{backend:?}: touching Alice's session did not touch Bob's"
    );
    store
        .touch_session("no-such", at(2026, 3, 1, 13, 0, 0))
        .await
        .expect("touching nothing is harmless");

    // ISOLATION: Bob cannot end Alice's sessions, one or all.
    assert!(!store.delete_session(&bob, "sess-a1").await.expect("delete"));
    assert_eq!(
        store.session("sess-a1").await.expect("session"),
        Some(a1_touched.clone())
    );
    assert_eq!(
        store
            .delete_sessions_except(&bob, Some("sess-b1"))
            .await
            .expect("delete others"),
        0
    );
    assert_eq!(store.list_sessions(&alice).await.expect("list").len(), 2);
    // Alice ends one, then all but the current one (the pending one too).
    assert!(store
        .delete_session(&alice, "sess-a2")
        .await
        .expect("delete"));
    assert!(!store
        .delete_session(&alice, "sess-a2")
        .await
        .expect("delete again"));
    assert_eq!(store.session("sess-a2").await.expect("session"), None);
    let a4 = session(
        "sess-a4",
        &alice,
        at(2026, 3, 2, 9, 0, 0),
        at(2026, 3, 2, 9, 0, 0),
    );
    store.create_session(&a4).await.expect("create");
    assert_eq!(
        store
            .delete_sessions_except(&alice, Some("sess-a1"))
            .await
            .expect("delete others"),
        2
    );
    assert_eq!(store.session("sess-a3").await.expect("session"), None);
    assert_eq!(
        store.list_sessions(&alice).await.expect("list"),
        vec![a1_touched.clone()]
    );
    assert_eq!(
        store
            .delete_sessions_except(&alice, None)
            .await
            .expect("delete all"),
        1
    );
    assert!(store.list_sessions(&alice).await.expect("list").is_empty());
    assert_eq!(
        store.session("sess-b1").await.expect("session"),
        Some(b1.clone()),
        "{backend:?}: Alice signing out everywhere leaves Bob signed in"
    );

    // Expiry: idle too long or too old; an instant exactly on a bound stays.
    let idle_before = at(2026, 3, 10, 0, 0, 0);
    let created_before = at(2026, 2, 1, 0, 0, 0);
    let idle = session(
        "sess-idle",
        &alice,
        at(2026, 3, 5, 0, 0, 0),
        at(2026, 3, 9, 23, 59, 59),
    );
    let old = session(
        "sess-old",
        &alice,
        at(2026, 1, 31, 23, 59, 59),
        at(2026, 3, 12, 0, 0, 0),
    );
    let on_bounds = session("sess-bounds", &alice, created_before, idle_before);
    let fresh = session(
        "sess-fresh",
        &bob,
        at(2026, 3, 11, 0, 0, 0),
        at(2026, 3, 12, 0, 0, 0),
    );
    for s in [&idle, &old, &on_bounds, &fresh] {
        store.create_session(s).await.expect("create");
    }
    assert_eq!(
        store
            .delete_expired_sessions(idle_before, created_before)
            .await
            .expect("expire"),
        3,
        "{backend:?}: the idle, the old and Bob's idle sess-b1"
    );
    for gone in ["sess-idle", "sess-old", "sess-b1"] {
        assert_eq!(store.session(gone).await.expect("session"), None, "{gone}");
    }
    assert_eq!(
        store.list_sessions(&alice).await.expect("list"),
        vec![on_bounds.clone()]
    );
    assert_eq!(
        store.list_sessions(&bob).await.expect("list"),
        vec![fresh.clone()]
    );
    assert_eq!(
        store
            .delete_expired_sessions(idle_before, created_before)
            .await
            .expect("expire again"),
        0
    );

    // API tokens: listed oldest first whatever the insertion order, looked
    // up by hash (recording the use), revoked by their owner only.
    let ta1 = api_token(&alice, "phone", at(2026, 3, 1, 9, 0, 0));
    let ta2 = api_token(&alice, "laptop 💻", at(2026, 3, 2, 9, 0, 0));
    let tb1 = api_token(&bob, "script", at(2026, 3, 1, 12, 0, 0));
    store
        .create_api_token(&ta2, "tok-a2")
        .await
        .expect("create");
    store
        .create_api_token(&ta1, "tok-a1")
        .await
        .expect("create");
    store
        .create_api_token(&tb1, "tok-b1")
        .await
        .expect("create");
    let stolen = api_token(&bob, "copy", at(2026, 3, 3, 0, 0, 0));
    assert!(
        store.create_api_token(&stolen, "tok-a1").await.is_err(),
        "{backend:?}: a token hash belongs to one token"
    );
    assert_eq!(
        store.list_api_tokens(&alice).await.expect("list"),
        vec![ta1.clone(), ta2.clone()]
    );
    assert_eq!(
        store.list_api_tokens(&bob).await.expect("list"),
        vec![tb1.clone()]
    );
    assert!(store
        .list_api_tokens(&carol)
        .await
        .expect("list")
        .is_empty());
    let used = at(2026, 3, 4, 8, 15, 0);
    assert_eq!(
        store
            .use_api_token("tok-a1", used + Duration::milliseconds(300))
            .await
            .expect("use"),
        Some(alice.clone())
    );
    assert_eq!(
        store.use_api_token("tok-b1", used).await.expect("use"),
        Some(bob.clone())
    );
    assert_eq!(
        store.use_api_token("tok-zz", used).await.expect("use"),
        None
    );
    assert_eq!(
        store.list_api_tokens(&alice).await.expect("list"),
        vec![
            ApiTokenRow {
                last_used_at: Some(used),
                ..ta1.clone()
            },
            ta2.clone()
        ],
        "{backend:?}: the use is recorded on that token only"
    );
    // Two uses within a minute write once: the second finds a recent
    // enough use and records nothing; a use more than a minute later does.
    let last_use = |tokens: Vec<ApiTokenRow>| {
        tokens
            .into_iter()
            .find(|t| t.id == ta1.id)
            .and_then(|t| t.last_used_at)
    };
    for seconds in [30, 60] {
        assert_eq!(
            store
                .use_api_token("tok-a1", used + Duration::seconds(seconds))
                .await
                .expect("use"),
            Some(alice.clone())
        );
        assert_eq!(
            last_use(store.list_api_tokens(&alice).await.expect("list")),
            Some(used),
            "{backend:?}: a use {seconds} s after the last one is not written"
        );
    }
    let minute_on = used + Duration::seconds(61);
    store.use_api_token("tok-a1", minute_on).await.expect("use");
    assert_eq!(
        last_use(store.list_api_tokens(&alice).await.expect("list")),
        Some(minute_on),
        "{backend:?}: a use more than a minute later is written"
    );
    store.use_api_token("tok-a1", used).await.expect("use");
    assert_eq!(
        last_use(store.list_api_tokens(&alice).await.expect("list")),
        Some(minute_on),
        "{backend:?}: an earlier use never moves the last use back"
    );
    assert!(!store.revoke_api_token(&bob, &ta1.id).await.expect("revoke"));
    assert_eq!(
        store.use_api_token("tok-a1", used).await.expect("use"),
        Some(alice.clone()),
        "{backend:?}: Bob cannot revoke Alice's token"
    );
    assert!(store
        .revoke_api_token(&alice, &ta1.id)
        .await
        .expect("revoke"));
    assert!(!store
        .revoke_api_token(&alice, &ta1.id)
        .await
        .expect("revoke again"));
    assert_eq!(
        store.use_api_token("tok-a1", used).await.expect("use"),
        None
    );
    assert_eq!(
        store.list_api_tokens(&alice).await.expect("list"),
        vec![ta2.clone()]
    );
    assert_eq!(
        store.use_api_token("tok-b1", used).await.expect("use"),
        Some(bob.clone())
    );

    // Sign-in throttling: failures per key, oldest first, since inclusive.
    let (t1, t2, t3) = (
        at(2026, 3, 1, 10, 0, 0),
        at(2026, 3, 1, 10, 1, 0),
        at(2026, 3, 1, 10, 2, 0),
    );
    for t in [t3, t1, t2] {
        store
            .record_login_failure("key-a", t)
            .await
            .expect("record");
    }
    store
        .record_login_failure("key-a", t2)
        .await
        .expect("the same instant twice counts twice");
    store
        .record_login_failure("key-b", t2 + Duration::milliseconds(900))
        .await
        .expect("record");
    assert_eq!(
        store
            .login_failures_since("key-a", t1 - Duration::hours(1))
            .await
            .expect("since"),
        vec![t1, t2, t2, t3]
    );
    assert_eq!(
        store
            .login_failures_since("key-a", t2)
            .await
            .expect("since"),
        vec![t2, t2, t3]
    );
    assert_eq!(
        store
            .login_failures_since("key-b", t1)
            .await
            .expect("since"),
        vec![t2]
    );
    assert!(store
        .login_failures_since("key-none", t1)
        .await
        .expect("since")
        .is_empty());
    store.clear_login_failures("key-a").await.expect("clear");
    assert!(store
        .login_failures_since("key-a", t1)
        .await
        .expect("since")
        .is_empty());
    assert_eq!(
        store
            .login_failures_since("key-b", t1)
            .await
            .expect("since"),
        vec![t2],
        "{backend:?}: clearing one key leaves the others"
    );
    store
        .record_login_failure("key-a", t1)
        .await
        .expect("record");
    store
        .record_login_failure("key-a", t3)
        .await
        .expect("record");
    assert_eq!(store.prune_login_failures(t2).await.expect("prune"), 1);
    assert_eq!(
        store
            .login_failures_since("key-a", t1)
            .await
            .expect("since"),
        vec![t3]
    );
    assert_eq!(
        store
            .login_failures_since("key-b", t1)
            .await
            .expect("since"),
        vec![t2],
        "{backend:?}: pruning keeps failures on the bound"
    );

    // Erasing Alice's records keeps her login, sessions and tokens.
    store.erase_records(&alice).await.expect("erase records");
    assert_eq!(
        store.counts(&alice).await.expect("counts"),
        Counts::default()
    );
    assert_eq!(
        store.account(&alice).await.expect("account"),
        Some(alice_account.clone())
    );
    assert_eq!(
        store.list_sessions(&alice).await.expect("list"),
        vec![on_bounds.clone()]
    );
    assert_eq!(
        store.use_api_token("tok-a2", used).await.expect("use"),
        Some(alice.clone())
    );

    // Erasing Bob removes his login, sessions and tokens with him.
    store
        .set_calendar_token(&bob, Some("cal-b"))
        .await
        .expect("cal");
    store.erase_person(&bob).await.expect("erase bob");
    assert_eq!(store.account(&bob).await.expect("account"), None);
    assert_eq!(
        store
            .account_by_email("bob@example.org")
            .await
            .expect("by email"),
        None
    );
    assert_eq!(store.session("sess-fresh").await.expect("session"), None);
    assert_eq!(
        store.use_api_token("tok-b1", used).await.expect("use"),
        None
    );
    assert!(store.list_api_tokens(&bob).await.expect("list").is_empty());
    assert_eq!(
        store.person_by_calendar_token("cal-b").await.expect("cal"),
        None
    );
    assert_eq!(store.account_count().await.expect("count"), 1);
    assert_eq!(
        store.account(&alice).await.expect("account"),
        Some(alice_account.clone())
    );
    assert_eq!(
        store.use_api_token("tok-a2", used).await.expect("use"),
        Some(alice.clone())
    );
    // The same query gives her settings and data version, as a separate
    // read of them does.
    let token_use = store
        .use_api_token_known("tok-a2", used)
        .await
        .expect("use")
        .expect("her token");
    assert_eq!(token_use.person, alice);
    assert_eq!(
        (token_use.settings, token_use.data_version),
        store.settings_versioned(&alice).await.expect("settings")
    );
    // His email is free again, for a new person (never Alice).
    let bob_again = store
        .create_account("bob@example.org", "hash-b3", Role::Client, &bob_settings)
        .await
        .expect("email free again");
    assert_ne!(bob_again, bob);
    assert_ne!(bob_again, alice);
    assert!(store.list_sessions(&bob_again).await.expect("l").is_empty());
    assert!(store
        .list_api_tokens(&bob_again)
        .await
        .expect("l")
        .is_empty());
}

/// The first account on a store with nobody in it yet: a new person with the
/// settings given, who is then the CLI's owner too.
async fn first_account_on_empty_store(store: &dyn Store) {
    let backend = store.backend();
    let mut settings = Settings::defaults("Asia/Tokyo");
    settings.display_name = "Dana".into();
    let dana = store
        .create_account("dana@example.org", "hash-d", Role::Admin, &settings)
        .await
        .expect("first account");
    assert_eq!(store.settings(&dana).await.expect("settings"), settings);
    assert_eq!(
        store.first_person().await.expect("first"),
        Some(dana.clone())
    );
    assert_eq!(
        store
            .first_person_or_create(&Settings::defaults("UTC"))
            .await
            .expect("first"),
        dana,
        "{backend:?}: the CLI now acts for the web account"
    );
    let eve = store
        .create_account("eve@example.org", "hash-e", Role::Coach, &settings)
        .await
        .expect("second account");
    assert_ne!(eve, dana);
    assert_eq!(
        store.account(&eve).await.expect("account").map(|a| a.role),
        Some(Role::Coach)
    );
}

/// Two sign-ups at the same moment on a store whose CLI owner has no login
/// yet: exactly one takes the owner, the other gets a person of its own, and
/// neither login overwrites the other. Two sign-ups with one email: one wins,
/// the other is a conflict.
async fn concurrent_first_accounts(store: &dyn Store) {
    let backend = store.backend();
    let settings = Settings::defaults("UTC");
    let owner = store
        .first_person_or_create(&settings)
        .await
        .expect("owner");
    let (x, y) = tokio::join!(
        store.create_account("x@example.org", "hash-x", Role::Admin, &settings),
        store.create_account("y@example.org", "hash-y", Role::Admin, &settings),
    );
    let (x, y) = (x.expect("x"), y.expect("y"));
    assert_ne!(x, y, "{backend:?}: two sign-ups, two persons");
    assert!(
        x == owner || y == owner,
        "{backend:?}: one of them is the owner"
    );
    assert_eq!(store.account_count().await.expect("count"), 2);
    for (person, email, hash) in [
        (&x, "x@example.org", "hash-x"),
        (&y, "y@example.org", "hash-y"),
    ] {
        let account = store
            .account_by_email(email)
            .await
            .expect("by email")
            .expect("the login exists");
        assert_eq!(&account.person_id, person, "{backend:?}: {email}");
        assert_eq!(account.password_hash, hash, "{backend:?}: {email}");
    }

    let (p, q) = tokio::join!(
        store.create_account("same@example.org", "hash-p", Role::Client, &settings),
        store.create_account("SAME@example.org", "hash-q", Role::Client, &settings),
    );
    let results = [p, q];
    let ok: Vec<&String> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(ok.len(), 1, "{backend:?}: one email, one account");
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Err(StoreError::Conflict(_)))),
        "{backend:?}: the other sign-up is told the email is taken: {results:?}"
    );
    assert_eq!(store.account_count().await.expect("count"), 3);
}

/// The setup page's creation: only while nobody can sign in. Two at the
/// same instant (on a store whose CLI owner has no login yet): exactly one
/// is created and takes the owner, the other is a conflict and leaves no
/// trace; later ones are conflicts too, while `create_account` still adds.
async fn first_account_only_once(store: &dyn Store) {
    let backend = store.backend();
    let settings = Settings::defaults("UTC");
    let owner = store
        .first_person_or_create(&settings)
        .await
        .expect("owner");
    let (x, y) = tokio::join!(
        store.create_first_account("x@example.org", "hash-x", Role::Admin, &settings),
        store.create_first_account("y@example.org", "hash-y", Role::Admin, &settings),
    );
    let results = [x, y];
    let won: Vec<&String> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(
        won,
        [&owner],
        "{backend:?}: exactly one setup wins: {results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Err(StoreError::Conflict(_)))),
        "{backend:?}: the other is told an account exists: {results:?}"
    );
    assert_eq!(
        store.account_count().await.expect("count"),
        1,
        "{backend:?}"
    );
    let winner = store
        .account(&owner)
        .await
        .expect("account")
        .expect("the winner's login");
    let loser = if winner.email == "x@example.org" {
        "y@example.org"
    } else {
        "x@example.org"
    };
    assert_eq!(
        store.account_by_email(loser).await.expect("lookup"),
        None,
        "{backend:?}: the losing setup left no login"
    );
    assert_eq!(
        winner.password_hash,
        if winner.email == "x@example.org" {
            "hash-x"
        } else {
            "hash-y"
        },
        "{backend:?}: the winner's password was not overwritten"
    );

    let again = store
        .create_first_account("z@example.org", "hash-z", Role::Admin, &settings)
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict(_))),
        "{backend:?}: {again:?}"
    );
    let zed = store
        .create_account("z@example.org", "hash-z", Role::Client, &settings)
        .await
        .expect("a further account");
    assert_ne!(zed, owner);
    assert_eq!(
        store.account_count().await.expect("count"),
        2,
        "{backend:?}"
    );
}

#[tokio::test]
async fn accounts_story_on_sqlite() {
    let db = support::SqliteDb::new();
    accounts_story(&db.open(4).await).await;
}

#[tokio::test]
async fn first_account_on_empty_sqlite() {
    let db = support::SqliteDb::new();
    first_account_on_empty_store(&db.open(4).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_accounts_on_sqlite() {
    let db = support::SqliteDb::new();
    concurrent_first_accounts(&db.open(4).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_account_only_once_on_sqlite() {
    let db = support::SqliteDb::new();
    first_account_only_once(&db.open(4).await).await;
}

#[tokio::test]
async fn accounts_story_on_postgres() {
    let Some(db) = support::PgDb::fresh("accounts story").await else {
        return;
    };
    let store = db.store(4).await;
    accounts_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn first_account_on_empty_postgres() {
    let Some(db) = support::PgDb::fresh("first account on an empty store story").await else {
        return;
    };
    let store = db.store(4).await;
    first_account_on_empty_store(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_accounts_on_postgres() {
    let Some(db) = support::PgDb::fresh("concurrent first accounts story").await else {
        return;
    };
    let store = db.store(4).await;
    concurrent_first_accounts(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_account_only_once_on_postgres() {
    let Some(db) = support::PgDb::fresh("first account only once story").await else {
        return;
    };
    let store = db.store(4).await;
    first_account_only_once(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
