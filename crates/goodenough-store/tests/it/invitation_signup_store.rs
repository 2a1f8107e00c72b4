//! Signing up through an invitation on both backends: the new account and
//! the link (with its consent version 1, nothing shared) in one
//! transaction; a taken email, a used or an expired invitation write
//! nothing at all.

use crate::support;

use chrono::{Duration, TimeZone, Utc};
use goodenough_core::Settings;
use goodenough_store::practice::{Invitation, NewClient};
use goodenough_store::{Role, Store, StoreError};

async fn invitation_signup_story(store: &dyn Store) {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .expect("an instant");
    let coach = store
        .create_account(
            "kim@example.org",
            "h",
            Role::Coach,
            &Settings::defaults("UTC"),
        )
        .await
        .expect("the coach");
    store
        .create_account(
            "alex@example.org",
            "h",
            Role::Client,
            &Settings::defaults("UTC"),
        )
        .await
        .expect("alex");
    for (id, hash, expires) in [
        ("inv-1", "hash-1", now + Duration::days(7)),
        ("inv-old", "hash-old", now - Duration::days(1)),
    ] {
        let invitation = Invitation {
            id: id.to_string(),
            coach_id: coach.clone(),
            email: None,
            created_at: now - Duration::days(8),
            expires_at: expires,
            used_at: None,
        };
        store
            .create_invitation(&invitation, hash)
            .await
            .expect("an invitation");
    }
    let settings = Settings {
        display_name: "Dana".to_string(),
        ..Settings::defaults("Europe/Berlin")
    };
    let new = |hash: &'static str, email: &'static str| NewClient {
        token_hash: hash,
        email,
        password_hash: "pw-hash",
        settings: &settings,
    };
    let accounts = store.account_count().await.expect("count");

    // A taken email: nothing written, the invitation still unused.
    match store
        .sign_up_by_invitation(&new("hash-1", "ALEX@example.org"), "link-x", now)
        .await
    {
        Err(StoreError::Conflict(m)) => assert!(m.contains("already exists"), "{m}"),
        other => panic!("a taken email was not refused: {other:?}"),
    }
    // Expired: nothing written.
    match store
        .sign_up_by_invitation(&new("hash-old", "eve@example.org"), "link-y", now)
        .await
    {
        Err(StoreError::NotFound(m)) => assert!(m.contains("expired"), "{m}"),
        other => panic!("an expired invitation was not refused: {other:?}"),
    }
    assert_eq!(store.account_count().await.expect("count"), accounts);
    assert!(store
        .links_as_coach(&coach)
        .await
        .expect("links")
        .is_empty());
    let unused = store
        .invitation_by_hash("hash-1")
        .await
        .expect("read")
        .expect("there");
    assert_eq!(unused.used_at, None);

    // Done: the account, the link and consent version 1, in one step.
    let link = store
        .sign_up_by_invitation(&new("hash-1", "Dana@Example.org"), "link-1", now)
        .await
        .expect("signed up");
    assert_eq!(
        (link.coach_id.as_str(), link.client_name.as_str()),
        (coach.as_str(), "Dana")
    );
    assert!(link.live());
    let dana = store
        .account_by_email("dana@example.org")
        .await
        .expect("read")
        .expect("dana's account");
    assert_eq!(dana.person_id, link.client_id);
    assert_eq!(dana.role, Role::Client);
    let consent = store.consent_history("link-1").await.expect("consent");
    assert_eq!(consent.len(), 1);
    assert!(consent[0].shared.is_empty());
    assert_eq!(
        store
            .settings(&dana.person_id)
            .await
            .expect("settings")
            .time_zone,
        "Europe/Berlin"
    );

    // Used: nothing more.
    match store
        .sign_up_by_invitation(&new("hash-1", "fay@example.org"), "link-z", now)
        .await
    {
        Err(StoreError::NotFound(m)) => assert!(m.contains("used"), "{m}"),
        other => panic!("a used invitation was not refused: {other:?}"),
    }
    assert_eq!(store.account_count().await.expect("count"), accounts + 1);
    assert_eq!(store.links_as_coach(&coach).await.expect("links").len(), 1);
}

#[tokio::test]
async fn invitation_signup_on_sqlite() {
    let db = support::SqliteDb::new();
    invitation_signup_story(&db.open(2).await).await;
}

#[tokio::test]
async fn invitation_signup_on_postgres() {
    let Some(db) = support::PgDb::fresh("invitation sign-up story").await else {
        return;
    };
    let store = db.store(2).await;
    invitation_signup_story(&store).await;
    store.pool().close().await;
    db.drop_db().await;
}
