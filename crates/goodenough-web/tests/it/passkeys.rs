//! Passkeys over HTTP, without a browser's authenticator (the Chromium test
//! in goodenough-browser does the real ceremonies): the Security page says
//! what passkeys need and lists, renames and removes them without
//! JavaScript; the API lists, renames and removes one's own only; adding
//! one needs the signed-in browser, not a token; the options name this
//! server and ask for a discoverable credential; an answer that is not
//! one, a made-up, expired or replayed challenge, and a second step before
//! the password are each refused with one sentence and start no session.

use chrono::Duration;
use goodenough_store::PasskeyRow;
use goodenough_web::testing::{
    api, api_get, error_of, person_of, signed_in, TestClient, TestServer,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const PW: &str = "correct horse battery";

/// A JSON POST from the browser, with the page's form token as X-CSRF-Token.
async fn post_json(c: &mut TestClient, path: &str, body: &Value) -> (StatusCode, Value) {
    let res = c
        .http
        .post(format!("{}{path}", c.base))
        .header("x-csrf-token", c.csrf.clone().unwrap_or_default())
        .json(body)
        .send()
        .await
        .expect("POST");
    let status = res.status();
    (status, res.json().await.expect("JSON answer"))
}

fn seeded(id: &str, person: &str, name: &str, srv: &TestServer) -> PasskeyRow {
    PasskeyRow {
        id: id.to_string(),
        person_id: person.to_string(),
        credential_id: format!("cred-{id}"),
        name: name.to_string(),
        passkey: "{}".to_string(),
        created_at: srv.state.clock.now(),
        last_used_at: None,
    }
}

/// A made-up answer of the right shape (it verifies against nothing).
fn bogus_assertion() -> Value {
    json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": {"authenticatorData": "AAAA", "clientDataJSON": "AAAA", "signature": "AAAA", "userHandle": null}
    })
}

fn bogus_attestation() -> Value {
    json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": {"attestationObject": "AAAA", "clientDataJSON": "AAAA"}
    })
}

#[tokio::test]
async fn the_security_page_lists_renames_and_removes_passkeys_without_javascript() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, "alex@example.org", PW).await;
    let alex = person_of(&srv, "alex@example.org").await;
    let p = c.get("/settings/security").await;
    assert!(p.body.contains("You have no passkeys yet."), "{}", p.body);
    assert!(p.body.contains("needs a browser that supports passkeys"));
    assert!(p.body.contains("data-passkey=\"add\""));

    srv.state
        .store
        .add_passkey(&seeded("k1", &alex, "Laptop", &srv))
        .await
        .expect("seed");
    let p = c.get("/settings/security").await;
    assert!(p.body.contains("Laptop"), "{}", p.body);
    assert!(p.body.contains("not used to sign in yet"));

    // A bad name: one sentence, nothing renamed.
    let p = c
        .post_form("/settings/passkeys/rename", &[("id", "k1"), ("name", "  ")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body.contains("Please give the passkey a name"),
        "{}",
        p.body
    );
    let p = c
        .post_form(
            "/settings/passkeys/rename",
            &[("id", "k1"), ("name", "Work laptop")],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("Work laptop"));

    // Another account cannot rename or remove it.
    srv.add_account("sam@example.org", PW).await;
    let mut sam = srv.client();
    sam.login("sam@example.org", PW).await;
    sam.get("/settings/security").await;
    let p = sam
        .post_form("/settings/passkeys/remove", &[("id", "k1")])
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(
        p.body.contains("There is no passkey of yours"),
        "{}",
        p.body
    );
    assert_eq!(
        srv.state.store.passkeys(&alex).await.expect("list").len(),
        1
    );

    let p = c
        .post_form("/settings/passkeys/remove", &[("id", "k1")])
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("no longer signs you in"));
    assert!(p.body.contains("You have no passkeys yet."));
}

#[tokio::test]
async fn the_api_lists_renames_and_removes_only_ones_own_passkeys() {
    let srv = TestServer::start().await;
    let alex = srv.add_account("alex@example.org", PW).await;
    let sam = srv.add_account("sam@example.org", PW).await;
    let alex_token = srv.add_token(&alex, "t").await;
    let sam_token = srv.add_token(&sam, "t").await;
    srv.state
        .store
        .add_passkey(&seeded("k1", &alex, "Laptop", &srv))
        .await
        .expect("seed");

    let (s, v) = api_get(&srv, &alex_token, "/api/v1/account/passkeys").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v[0]["name"], "Laptop");
    assert_eq!(v[0]["last_used_at"], Value::Null);
    assert!(v[0].get("passkey").is_none(), "the credential is not shown");
    let (_, v) = api_get(&srv, &sam_token, "/api/v1/account/passkeys").await;
    assert_eq!(v, json!([]));

    let (s, v) = api(
        &srv,
        &sam_token,
        Method::PATCH,
        "/api/v1/account/passkeys/k1",
        Some(&json!({"name": "Mine"})),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_of(&v).starts_with("There is no passkey of yours"));
    let (s, v) = api(
        &srv,
        &alex_token,
        Method::PATCH,
        "/api/v1/account/passkeys/k1",
        Some(&json!({"name": ""})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&v).contains("name of 1 to 60 characters"));
    let (s, v) = api(
        &srv,
        &alex_token,
        Method::PATCH,
        "/api/v1/account/passkeys/k1",
        Some(&json!({"name": "Work laptop"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["name"], "Work laptop");

    let res = reqwest::Client::new()
        .delete(format!("{}/api/v1/account/passkeys/k1", srv.base))
        .bearer_auth(&sam_token)
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = reqwest::Client::new()
        .delete(format!("{}/api/v1/account/passkeys/k1", srv.base))
        .bearer_auth(&alex_token)
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (_, v) = api_get(&srv, &alex_token, "/api/v1/account/passkeys").await;
    assert_eq!(v, json!([]));

    // A token cannot add a way to sign in.
    let (s, v) = api(
        &srv,
        &alex_token,
        Method::POST,
        "/api/v1/account/passkeys/register/start",
        Some(&json!({})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(error_of(&v).contains("needs your signed-in browser"));
}

#[tokio::test]
async fn adding_a_passkey_refuses_a_bad_answer_and_a_used_or_expired_challenge() {
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    let mut c = signed_in(&srv, "alex@example.org", PW).await;
    let alex = person_of(&srv, "alex@example.org").await;
    c.get("/settings/security").await;

    let (s, started) = post_json(
        &mut c,
        "/api/v1/account/passkeys/register/start",
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{started}");
    let pk = &started["options"]["publicKey"];
    assert_eq!(pk["rp"]["id"], "localhost");
    assert_eq!(pk["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(pk["authenticatorSelection"]["userVerification"], "required");
    assert!(pk["challenge"].as_str().is_some_and(|c| c.len() >= 16));
    let ceremony = started["ceremony"].as_str().expect("ceremony").to_string();

    // An answer that is not a credential at all.
    let (s, v) = post_json(
        &mut c,
        "/api/v1/account/passkeys/register/finish",
        &json!({"ceremony": ceremony, "name": "Laptop", "credential": {"nonsense": true}}),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    assert!(error_of(&v).contains("could not be verified"));
    // A credential-shaped answer that does not verify: refused, and the
    // challenge is used up.
    let (s, v) = post_json(
        &mut c,
        "/api/v1/account/passkeys/register/finish",
        &json!({"ceremony": ceremony, "name": "Laptop", "credential": bogus_attestation()}),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    assert!(error_of(&v).contains("could not be verified"));
    let (s, v) = post_json(
        &mut c,
        "/api/v1/account/passkeys/register/finish",
        &json!({"ceremony": ceremony, "name": "Laptop", "credential": bogus_attestation()}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(error_of(&v).contains("expired or was already used"));

    // A challenge older than five minutes.
    let (_, started) = post_json(
        &mut c,
        "/api/v1/account/passkeys/register/start",
        &json!({}),
    )
    .await;
    srv.state.clock.advance(Duration::minutes(6));
    let (s, v) = post_json(
        &mut c,
        "/api/v1/account/passkeys/register/finish",
        &json!({"ceremony": started["ceremony"], "name": "Laptop", "credential": bogus_attestation()}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(error_of(&v).contains("expired or was already used"));
    // A bad name is refused before the challenge is looked at.
    let (_, started) = post_json(
        &mut c,
        "/api/v1/account/passkeys/register/start",
        &json!({}),
    )
    .await;
    let (s, v) = post_json(
        &mut c,
        "/api/v1/account/passkeys/register/finish",
        &json!({"ceremony": started["ceremony"], "name": "x".repeat(61), "credential": bogus_attestation()}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(error_of(&v).contains("name of 1 to 60"));
    // Another person's challenge cannot be finished by this one.
    srv.add_account("sam@example.org", PW).await;
    let mut sam = srv.client();
    sam.login("sam@example.org", PW).await;
    sam.get("/settings/security").await;
    let (s, v) = post_json(
        &mut sam,
        "/api/v1/account/passkeys/register/finish",
        &json!({"ceremony": started["ceremony"], "name": "Mine", "credential": bogus_attestation()}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(srv
        .state
        .store
        .passkeys(&alex)
        .await
        .expect("list")
        .is_empty());
}

#[tokio::test]
async fn a_passkey_sign_in_with_a_bad_answer_starts_no_session() {
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    srv.add_account("alex@example.org", PW).await;
    let mut c = srv.client();
    let page = c.get("/login").await;
    assert!(
        page.body.contains("Sign in with a passkey"),
        "{}",
        page.body
    );
    assert!(page.body.contains("needs a browser that supports passkeys"));

    let (s, started) = post_json(&mut c, "/login/passkey/start", &json!({})).await;
    assert_eq!(s, StatusCode::OK, "{started}");
    assert!(
        started["options"].get("mediation").is_none(),
        "a button, not autofill"
    );
    assert_eq!(
        started["options"]["publicKey"]["userVerification"],
        "required"
    );
    let (s, v) = post_json(
        &mut c,
        "/login/passkey/finish",
        &json!({"ceremony": started["ceremony"], "credential": bogus_assertion()}),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    assert!(!error_of(&v).is_empty());
    // Replayed: the challenge is gone.
    let (s, v) = post_json(
        &mut c,
        "/login/passkey/finish",
        &json!({"ceremony": started["ceremony"], "credential": bogus_assertion()}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(error_of(&v).contains("expired or was already used"));
    // Not JSON at all.
    let res = c
        .http
        .post(format!("{}/login/passkey/finish", c.base))
        .header("x-csrf-token", c.csrf.clone().unwrap_or_default())
        .body("ceremony=x")
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // Without the form token: refused by the CSRF check.
    let res = c
        .http
        .post(format!("{}/login/passkey/start", c.base))
        .json(&json!({}))
        .send()
        .await
        .expect("POST");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Still signed out.
    let p = c.get("/today").await;
    assert_eq!(p.path(), "/login");

    // The second step needs the password first.
    let (s, v) = post_json(&mut c, "/login/totp/passkey/start", &json!({})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    assert!(error_of(&v).contains("password first"));
}

#[tokio::test]
async fn the_code_step_offers_a_passkey_only_to_an_account_that_has_one() {
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    let mut c = signed_in(&srv, "alex@example.org", PW).await;
    goodenough_web::testing::turn_on_two_step(&srv, &mut c).await;
    let alex = person_of(&srv, "alex@example.org").await;
    c.logout().await;
    let p = c.login("alex@example.org", PW).await;
    assert_eq!(p.path(), "/login/totp");
    assert!(
        !p.body.contains("data-passkey=\"second\""),
        "no passkey yet"
    );
    let (s, v) = post_json(&mut c, "/login/totp/passkey/start", &json!({})).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    assert!(error_of(&v).contains("not one of this account's passkeys"));

    srv.state
        .store
        .add_passkey(&seeded("k1", &alex, "Laptop", &srv))
        .await
        .expect("seed");
    let p = c.get("/login/totp").await;
    assert!(p.body.contains("data-passkey=\"second\""), "{}", p.body);
    // A bad answer in the second step: refused, still only half signed in.
    let (s, _) = post_json(&mut c, "/login/totp/passkey/start", &json!({})).await;
    // The seeded credential is not a real one, so no options can be made
    // from it; a real one is tested in Chromium.
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let p = c.get("/today").await;
    assert_eq!(p.path(), "/login", "no session from the code step");
}

/// A ceremony started on one server is finished on another on the same
/// PostgreSQL: its state is in the database, not in a server's memory.
/// (The made-up answer is then checked and refused as unverifiable, not as
/// an unknown challenge; and a second try finds the challenge used.)
#[tokio::test]
async fn a_ceremony_started_on_one_server_is_finished_on_another() {
    let Some(db) = crate::pg::PgDb::fresh("the passkey two-server story").await else {
        return;
    };
    let one: std::sync::Arc<dyn goodenough_store::Store> =
        std::sync::Arc::from(goodenough_store::open_pool(&db.url, 4).await.expect("one"));
    let two: std::sync::Arc<dyn goodenough_store::Store> =
        std::sync::Arc::from(goodenough_store::open_pool(&db.url, 4).await.expect("two"));
    let srv1 = TestServer::start_on(one).await;
    let srv2 = TestServer::start_on(two).await;
    let mut c = signed_in(&srv1, "alex@example.org", PW).await;
    c.get("/settings/security").await;
    let (s, started) = post_json(
        &mut c,
        "/api/v1/account/passkeys/register/start",
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{started}");
    c.switch_to(&srv2);
    let body = json!({"ceremony": started["ceremony"], "name": "Laptop", "credential": bogus_attestation()});
    let (s, v) = post_json(&mut c, "/api/v1/account/passkeys/register/finish", &body).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    assert!(error_of(&v).contains("could not be verified"), "{v}");
    c.switch_to(&srv1);
    let (s, v) = post_json(&mut c, "/api/v1/account/passkeys/register/finish", &body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    drop((srv1, srv2));
    db.drop_db().await;
}
