//! `goodenough user list|disable|enable|reset` through the real binary: the
//! operator lists accounts oldest first, disables one (its sessions and
//! tokens end), enables it again and makes a one-time reset link; an
//! unknown email is one sentence and exit 1. "Now" is 2026-03-10.

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use goodenough_store::SessionRow;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", "2026-03-10T12:15:30.750Z")
        .arg("--data-dir")
        .arg(dir.path())
        .write_stdin("");
    c
}

fn json(dir: &TempDir, args: &[&str]) -> Value {
    let out = cmd(dir).arg("--json").args(args).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("json")
}

fn add(dir: &TempDir, email: &str, role: &str) {
    cmd(dir)
        .args(["user", "add", email, "--password-stdin", "--role", role])
        .write_stdin("correct horse battery\n")
        .assert()
        .success();
}

fn store(dir: &TempDir, rt: &tokio::runtime::Runtime) -> Box<dyn goodenough_store::Store> {
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    rt.block_on(goodenough_store::open(&url))
        .expect("the store opens")
}

#[test]
fn the_operator_lists_disables_enables_and_resets() {
    let dir = TempDir::new().expect("tmp");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    assert_eq!(json(&dir, &["user", "list"]), serde_json::json!([]));
    add(&dir, "op@example.org", "admin");
    add(&dir, "kim@example.org", "coach");
    add(&dir, "alex@example.org", "client");

    let list = json(&dir, &["user", "list"]);
    let emails: Vec<&str> = list
        .as_array()
        .expect("an array")
        .iter()
        .map(|a| a["email"].as_str().expect("email"))
        .collect();
    assert_eq!(
        emails,
        ["op@example.org", "kim@example.org", "alex@example.org"]
    );
    assert_eq!(list[2]["role"], "client");
    assert_eq!(list[2]["disabled_at"], Value::Null);
    cmd(&dir)
        .args(["user", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("alex@example.org  client"));

    // Alex is signed in somewhere.
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 12, 0, 0)
        .single()
        .expect("now");
    let alex = {
        let store = store(&dir, &rt);
        let alex = rt
            .block_on(store.account_by_email("alex@example.org"))
            .expect("lookup")
            .expect("alex")
            .person_id;
        rt.block_on(store.create_session(&SessionRow {
            token_hash: "s-alex".into(),
            person_id: alex.clone(),
            csrf_token: "c".into(),
            created_at: now,
            last_seen_at: now,
            device: None,
            mfa_pending: false,
        }))
        .expect("a session");
        alex
    };

    cmd(&dir)
        .args(["user", "disable", "Alex@Example.org"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Disabled alex@example.org"));
    let list = json(&dir, &["user", "list"]);
    assert!(
        list[2]["disabled_at"]
            .as_str()
            .is_some_and(|d| d.starts_with("2026-03-10T12:15:30")),
        "{list}"
    );
    {
        let store = store(&dir, &rt);
        assert_eq!(
            rt.block_on(store.session_with_account("s-alex"))
                .expect("lookup"),
            None,
            "the session ended"
        );
        assert!(rt
            .block_on(store.list_sessions(&alex))
            .expect("sessions")
            .is_empty());
    }
    cmd(&dir)
        .args(["user", "reset", "alex@example.org"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is disabled"));

    cmd(&dir)
        .args(["user", "enable", "alex@example.org"])
        .assert()
        .success()
        .stdout(predicate::str::contains("can sign in again"));
    assert_eq!(json(&dir, &["user", "list"])[2]["disabled_at"], Value::Null);

    let out = cmd(&dir)
        .args(["user", "reset", "alex@example.org"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let path = text.lines().next().expect("a first line");
    assert!(path.starts_with("/reset/") && path.len() > 20, "{text}");
    assert!(text.contains("24 hours"), "{text}");
    let token = path.trim_start_matches("/reset/");
    let store = store(&dir, &rt);
    assert_eq!(
        rt.block_on(store.password_reset_person(&goodenough_web::auth::hash_token(token), now))
            .expect("lookup"),
        Some(alex),
        "the link is stored by its hash"
    );
    let reset = json(&dir, &["user", "reset", "alex@example.org"]);
    assert_eq!(reset["valid_hours"], 24);
    assert!(reset["path"].as_str().expect("path").starts_with("/reset/"));
}

#[test]
fn an_unknown_email_is_one_sentence_and_exit_one() {
    let dir = TempDir::new().expect("tmp");
    add(&dir, "op@example.org", "admin");
    for verb in ["disable", "enable", "reset"] {
        cmd(&dir)
            .args(["user", verb, "nobody@example.org"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "There is no account with the email nobody@example.org",
            ))
            .stderr(predicate::str::contains("panicked").not());
    }
}
