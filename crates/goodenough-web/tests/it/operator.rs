//! The operator through the server: `/admin` and the admin API manage
//! accounts (disable ends a live browser session and an API token on their
//! very next request; enable lets the person sign in again; a reset link
//! works once, ends old sessions, and an expired or forged one is refused);
//! a client and a coach get 403; and nothing the operator sees contains a
//! client's entry.

use goodenough_web::testing::{api_get, api_post, error_of, person_of, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::json;

const PW: &str = "correct horse battery";
const NEW_PW: &str = "a brand new passphrase";
const CANARY: &str = "heron-canary-9043";

#[tokio::test]
async fn disabling_ends_a_live_session_and_token_at_once_and_enabling_lets_them_back() {
    let srv = TestServer::start().await;
    let mut op = signed_in(&srv, "op@example.org", PW).await;
    let op_token = srv.token_for("op@example.org").await;
    let alex = srv.add_account("alex@example.org", PW).await;
    let alex_token = srv.token_for("alex@example.org").await;
    let mut browser = srv.client();
    browser.login("alex@example.org", PW).await;
    assert_eq!(browser.get("/today").await.status, StatusCode::OK);
    let (s, _) = api_get(&srv, &alex_token, "/api/v1/checkins").await;
    assert_eq!(s, StatusCode::OK);

    // The operator sees Alex on /admin and disables them there.
    let p = op.get("/admin").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("alex@example.org"), "{}", p.body);
    assert!(p.body.contains("Make a reset link"));
    let p = op.post_form(&format!("/admin/{alex}/disable"), &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("disabled since"), "{}", p.body);

    // The very next request of Alex's browser and token is refused.
    let p = browser.get("/today").await;
    assert_eq!(p.path(), "/login", "the session ended");
    let (s, v) = api_get(&srv, &alex_token, "/api/v1/checkins").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    // Signing in again gets the usual sentence, as for a wrong password.
    let p = browser.login("alex@example.org", PW).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(p.body.contains("do not match an account"), "{}", p.body);

    // Enabled again through the API: Alex signs in; the old token stays
    // ended (disabling deleted it).
    let (s, list) = api_get(&srv, &op_token, "/api/v1/admin/accounts").await;
    assert_eq!(s, StatusCode::OK);
    let row = list
        .as_array()
        .expect("a list")
        .iter()
        .find(|a| a["email"] == "alex@example.org")
        .expect("alex listed")
        .clone();
    assert!(row["disabled_at"].is_string(), "{row}");
    assert_eq!(list[0]["email"], "op@example.org", "oldest first");
    let (s, v) = api_post(
        &srv,
        &op_token,
        &format!("/api/v1/admin/accounts/{alex}/enable"),
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["disabled_at"], serde_json::Value::Null);
    let p = browser.login("alex@example.org", PW).await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(p.path(), "/today");
    let (s, _) = api_get(&srv, &alex_token, "/api/v1/checkins").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // And disabled through the API: the fresh session ends too.
    let (s, v) = api_post(
        &srv,
        &op_token,
        &format!("/api/v1/admin/accounts/{alex}/disable"),
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["disabled_at"].is_string(), "{v}");
    assert_eq!(browser.get("/today").await.path(), "/login");

    // An unknown account is a 404; the operator's own a 409.
    let (s, v) = api_post(
        &srv,
        &op_token,
        "/api/v1/admin/accounts/no-such-person/disable",
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let me = person_of(&srv, "op@example.org").await;
    let (s, v) = api_post(
        &srv,
        &op_token,
        &format!("/api/v1/admin/accounts/{me}/disable"),
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(error_of(&v).contains("your own account"), "{v}");
}

#[tokio::test]
async fn a_reset_link_works_once_ends_old_sessions_and_expired_or_forged_ones_are_refused() {
    let srv = TestServer::start().await;
    let mut op = signed_in(&srv, "op@example.org", PW).await;
    let op_token = srv.token_for("op@example.org").await;
    let alex = srv.add_account("alex@example.org", PW).await;
    let mut old = srv.client();
    old.login("alex@example.org", PW).await;
    assert_eq!(old.get("/today").await.status, StatusCode::OK);

    // The page shows the link once.
    let p = op.post_form(&format!("/admin/{alex}/reset"), &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    let start = p.body.find("/reset/").expect("a link on the page");
    let path: String = p.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect();
    assert!(path.len() > 20, "{path}");
    assert!(!op.get("/admin").await.body.contains(&path), "shown once");

    // Signed out, Alex opens it and chooses a new password.
    let mut fresh = srv.client();
    let p = fresh.get(&path).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let p = fresh.post_form(&path, &[("password", "short")]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p = fresh.post_form(&path, &[("password", NEW_PW)]).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("signed out everywhere"));

    // The old session ended; the old password no longer works, the new one
    // does; the link works once.
    assert_eq!(old.get("/today").await.path(), "/login");
    let p = fresh.login("alex@example.org", PW).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    let p = fresh.login("alex@example.org", NEW_PW).await;
    assert_eq!(p.path(), "/today");
    let mut again = srv.client();
    let p = again.get(&path).await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(p.body.contains("cannot be used"), "{}", p.body);

    // A link made through the API, then 24 hours and a second later: gone.
    let (s, v) = api_post(
        &srv,
        &op_token,
        &format!("/api/v1/admin/accounts/{alex}/reset"),
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let late = v["path"].as_str().expect("a path").to_string();
    assert!(late.starts_with("/reset/"));
    srv.state
        .clock
        .advance(chrono::Duration::hours(24) + chrono::Duration::seconds(1));
    let mut c = srv.client();
    assert_eq!(c.get(&late).await.status, StatusCode::NOT_FOUND);
    c.get("/login").await;
    let p = c
        .post_form(&late, &[("password", "another passphrase")])
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);

    // A forged one.
    let p = c.get("/reset/not-a-real-token").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(p.body.contains("cannot be used"));
    let p = c
        .post_form(
            "/reset/not-a-real-token",
            &[("password", "another passphrase")],
        )
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let p = c.login("alex@example.org", NEW_PW).await;
    assert_eq!(p.path(), "/today", "nothing changed the password");
}

#[tokio::test]
async fn clients_and_coaches_get_403_and_the_operator_never_sees_an_entry() {
    let srv = TestServer::start().await;
    let mut op = signed_in(&srv, "op@example.org", PW).await;
    let op_token = srv.token_for("op@example.org").await;
    let alex = srv.add_account("alex@example.org", PW).await;
    let alex_token = srv.token_for("alex@example.org").await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let kim_token = srv.token_for("kim@example.org").await;

    // Alex writes entries with the canary in them.
    let (s, v) = api_post(
        &srv,
        &alex_token,
        "/api/v1/checkins",
        &json!({"mood": 5, "energy": 5, "appreciations": [
            {"area": "rest", "text": CANARY},
            {"area": "health", "text": "a glass of water"},
            {"area": "work", "text": "left on time"}], "note": CANARY}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) = api_post(
        &srv,
        &alex_token,
        "/api/v1/thoughts",
        &json!({"situation": CANARY, "thought": CANARY, "belief": 60}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    // A client and a coach: a kind 403 on the page, 403 in the API.
    for (email, token) in [
        ("alex@example.org", &alex_token),
        ("kim@example.org", &kim_token),
    ] {
        let mut c = srv.client();
        c.login(email, PW).await;
        let p = c.get("/admin").await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{email}");
        assert!(p.body.contains("for the person who runs"), "{}", p.body);
        assert!(
            !p.body.contains("href=\"/admin\""),
            "{email}: not in the menu"
        );
        let p = c.post_form(&format!("/admin/{alex}/disable"), &[]).await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{email}");
        let (s, v) = api_get(&srv, token, "/api/v1/admin/accounts").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{email}");
        assert!(error_of(&v).contains("Only the operator"), "{v}");
        for verb in ["disable", "enable", "reset"] {
            let (s, _) = api_post(
                &srv,
                token,
                &format!("/api/v1/admin/accounts/{alex}/{verb}"),
                &json!({}),
            )
            .await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{email} {verb}");
        }
    }
    // Still active: nothing the refused asked for happened.
    let (s, _) = api_get(&srv, &alex_token, "/api/v1/checkins").await;
    assert_eq!(s, StatusCode::OK);

    // The operator's page (with the menu entry) and API answers hold no
    // entry of Alex's.
    let p = op.get("/admin").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("href=\"/admin\""), "in the operator's menu");
    assert!(!p.body.contains(CANARY));
    let p = op.post_form(&format!("/admin/{alex}/reset"), &[]).await;
    assert!(!p.body.contains(CANARY));
    let (_, v) = api_get(&srv, &op_token, "/api/v1/admin/accounts").await;
    assert!(!v.to_string().contains(CANARY), "{v}");
    for verb in ["reset", "disable", "enable"] {
        let (_, v) = api_post(
            &srv,
            &op_token,
            &format!("/api/v1/admin/accounts/{alex}/{verb}"),
            &json!({}),
        )
        .await;
        assert!(!v.to_string().contains(CANARY), "{verb}: {v}");
    }
    // The operator's own API asks for entries answer only the operator's.
    let (s, v) = api_get(&srv, &op_token, "/api/v1/checkins").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!v.to_string().contains(CANARY), "{v}");
}
