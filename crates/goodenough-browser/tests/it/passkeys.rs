//! Passkeys in Chromium with its virtual authenticator (the WebDriver
//! WebAuthn extension commands: a CTAP2 platform authenticator that keeps
//! discoverable credentials and verifies the user), on a phone-sized
//! screen, at http://localhost (browsers allow passkeys there without TLS):
//!
//! - Kai adds a passkey on the Security page, signs out, and signs in with
//!   "Sign in with a passkey": no email, no password.
//! - Sam adds a passkey on another device. Kai, with two-step sign-in on,
//!   gets past the password; an answer made with Sam's passkey to Kai's
//!   second-step challenge is refused with one sentence and no session.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use thirtyfour::common::command::{Command, ExtensionCommand};

use crate::support;
use goodenough_web::testing::TestServer;

const KAI: &str = "kai@example.org";
const SAM: &str = "sam@example.org";
const PW: &str = "a long enough passphrase";

/// `POST /session/{id}/webauthn/authenticator`.
#[derive(Debug)]
struct AddAuthenticator;

impl ExtensionCommand for AddAuthenticator {
    fn parameters_json(&self) -> Option<Value> {
        Some(json!({
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": true,
            "hasUserVerification": true,
            "isUserVerified": true,
        }))
    }
    fn method(&self) -> http::Method {
        http::Method::POST
    }
    fn endpoint(&self) -> Arc<str> {
        "/webauthn/authenticator".into()
    }
}

/// `DELETE /session/{id}/webauthn/authenticator/{authenticatorId}`.
#[derive(Debug)]
struct RemoveAuthenticator(String);

impl ExtensionCommand for RemoveAuthenticator {
    fn parameters_json(&self) -> Option<Value> {
        None
    }
    fn method(&self) -> http::Method {
        http::Method::DELETE
    }
    fn endpoint(&self) -> Arc<str> {
        format!("/webauthn/authenticator/{}", self.0).into()
    }
}

async fn add_authenticator(b: &support::Browser) -> String {
    let res = b
        .driver
        .handle()
        .cmd(Command::ExtensionCommand(Box::new(AddAuthenticator)))
        .await
        .expect("a virtual authenticator");
    let v = res.value_json().expect("its id");
    v.as_str().expect("an id").to_string()
}

async fn remove_authenticator(b: &support::Browser, id: &str) {
    b.driver
        .handle()
        .cmd(Command::ExtensionCommand(Box::new(RemoveAuthenticator(
            id.to_string(),
        ))))
        .await
        .expect("remove the authenticator");
}

/// Waits (generously: the machine may be busy) until the page's path
/// starts with `path` and its text contains `words`.
async fn wait_for(b: &support::Browser, path: &str, words: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let here = b.path().await;
        if here.starts_with(path) {
            if let Ok(body) = b.driver.find(thirtyfour::By::Css("body")).await {
                if body.text().await.unwrap_or_default().contains(words) {
                    return;
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "the browser did not reach {path} showing {words:?}; it is on {here}: {}",
            b.body_text().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The page is no wider than the phone.
async fn fits(b: &support::Browser, what: &str) {
    let scroll = b
        .number("return document.documentElement.scrollWidth")
        .await;
    let inner = b.number("return window.innerWidth").await;
    assert!(
        scroll <= inner,
        "{what} scrolls sideways: {scroll} > {inner}"
    );
}

async fn password_sign_in(b: &support::Browser, base: &str, email: &str, to: &str) {
    b.driver.delete_all_cookies().await.expect("sign out");
    b.goto(base, "/login").await;
    b.fill("#email", email).await;
    b.fill("#password", PW).await;
    b.click_to("main form button[type=submit]", to).await;
}

async fn add_passkey(b: &support::Browser, base: &str, name: &str) {
    b.goto(base, "/settings/security").await;
    fits(b, "the Security page").await;
    b.fill("#passkey-name", name).await;
    b.tap("#passkey-add").await;
    wait_for(b, "/settings/security", "Your passkey is added").await;
    assert!(b.body_text().await.contains(name));
}

/// Kai's second-step challenge answered with whatever passkey the
/// authenticator holds (the options' allowed list emptied, as a tampering
/// client could): the server's status and answer.
const FORCED_SECOND_STEP: &str = r#"
const done = arguments[arguments.length - 1];
const csrf = document.querySelector("[data-passkey=second]").getAttribute("data-csrf");
const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)))
  .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const bytes = (t) => Uint8Array.from(atob(t.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
const post = (url, body) => fetch(url, {method: "POST", credentials: "same-origin",
  headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf}, body: JSON.stringify(body)});
(async () => {
  const started = await (await post("/login/totp/passkey/start", {})).json();
  const pk = started.options.publicKey;
  pk.challenge = bytes(pk.challenge);
  pk.allowCredentials = [];
  const cred = await navigator.credentials.get({publicKey: pk});
  const res = await post("/login/totp/passkey/finish", {ceremony: started.ceremony, next: "/today",
    credential: {id: cred.id, rawId: b64(cred.rawId), type: cred.type, response: {
      authenticatorData: b64(cred.response.authenticatorData),
      clientDataJSON: b64(cred.response.clientDataJSON),
      signature: b64(cred.response.signature),
      userHandle: cred.response.userHandle ? b64(cred.response.userHandle) : null}}});
  done([res.status, await res.json()]);
})().catch((e) => done(["thrown", String(e)]));
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passkey_signs_in_without_a_password_and_another_accounts_is_refused() {
    let Some(b) = support::start(
        "a_passkey_signs_in_without_a_password_and_another_accounts_is_refused",
        390,
        987,
    )
    .await
    else {
        return;
    };
    let srv = TestServer::start().await;
    // WebAuthn needs a secure context: localhost is one over plain HTTP.
    let base = srv.base.replace("127.0.0.1", "localhost");
    let base = base.as_str();
    b.set_up(base, "Kai", KAI, PW).await;
    let kai = srv
        .state
        .store
        .account_by_email(KAI)
        .await
        .expect("lookup")
        .expect("Kai")
        .person_id;

    // Kai's laptop.
    let laptop = add_authenticator(&b).await;
    add_passkey(&b, base, "Kai's laptop").await;
    let keys = srv
        .state
        .store
        .passkeys(&kai)
        .await
        .expect("Kai's passkeys");
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].last_used_at, None);

    // Signed out, then in with the passkey alone.
    b.driver.delete_all_cookies().await.expect("sign out");
    b.goto(base, "/login").await;
    fits(&b, "the sign-in page").await;
    b.tap("#passkey-signin").await;
    wait_for(&b, "/today", "").await;
    b.goto(base, "/settings/security").await;
    let text = b.body_text().await;
    assert!(text.contains("Kai's laptop"), "{text}");
    assert!(text.contains("last used"), "{text}");
    let keys = srv
        .state
        .store
        .passkeys(&kai)
        .await
        .expect("Kai's passkeys");
    assert!(keys[0].last_used_at.is_some(), "the use is recorded");

    // Sam, on another device, adds a passkey of her own.
    srv.add_account(SAM, PW).await;
    remove_authenticator(&b, &laptop).await;
    let _phone = add_authenticator(&b).await;
    password_sign_in(&b, base, SAM, "/today").await;
    add_passkey(&b, base, "Sam's phone").await;

    // Kai turns on two-step sign-in; on Sam's device, past Kai's password,
    // Sam's passkey answers Kai's second step: refused, no session.
    srv.state
        .store
        .set_totp_secret(&kai, Some("JBSWY3DPEHPK3PXP"))
        .await
        .expect("two-step on");
    let kai_sessions = srv
        .state
        .store
        .list_sessions(&kai)
        .await
        .expect("sessions")
        .len();
    let sam = srv
        .state
        .store
        .account_by_email(SAM)
        .await
        .expect("lookup")
        .expect("Sam")
        .person_id;
    let sam_sessions = srv
        .state
        .store
        .list_sessions(&sam)
        .await
        .expect("sessions")
        .len();
    password_sign_in(&b, base, KAI, "/login/totp").await;
    let page = b.body_text().await;
    assert!(page.contains("Or use a passkey"), "{page}");
    let ret = b
        .driver
        .execute_async(FORCED_SECOND_STEP, Vec::new())
        .await
        .expect("the forced second step");
    let v = ret.json().clone();
    assert_eq!(v[0], json!(401), "{v}");
    assert_eq!(
        v[1]["error"],
        "That passkey is not one of this account's passkeys. Please use a passkey you added on your Security page, or your password.",
        "{v}"
    );
    b.goto(base, "/today").await;
    assert_eq!(b.path().await, "/login", "no session for Kai");
    let sessions = srv.state.store.list_sessions(&kai).await.expect("sessions");
    assert_eq!(sessions.len(), kai_sessions, "no new session for Kai");

    // Sam's passkey signs Sam in (it says whose it is), never Kai.
    b.driver.delete_all_cookies().await.expect("sign out");
    b.goto(base, "/login").await;
    b.tap("#passkey-signin").await;
    wait_for(&b, "/today", "").await;
    assert_eq!(
        srv.state
            .store
            .list_sessions(&sam)
            .await
            .expect("Sam's")
            .len(),
        sam_sessions + 1
    );
    assert_eq!(
        srv.state
            .store
            .list_sessions(&kai)
            .await
            .expect("Kai's")
            .len(),
        kai_sessions
    );
    b.quit().await;
}
