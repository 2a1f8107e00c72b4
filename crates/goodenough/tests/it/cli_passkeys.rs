//! `goodenough passkeys [list]` and `passkeys remove HANDLE` through the
//! real binary: the CLI's person sees their own passkeys (never another
//! account's), removes one by its handle, and every refusal (an unknown
//! handle, another account's passkey, none at all) is one sentence, exit 1
//! and nothing removed. The list says how to add one on the web.

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use goodenough_store::PasskeyRow;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_NOW", "2026-03-10T12:00:00Z")
        .arg("--data-dir")
        .arg(dir.path())
        .write_stdin("");
    c
}

fn add(dir: &TempDir, email: &str) {
    cmd(dir)
        .args(["user", "add", email, "--password-stdin"])
        .write_stdin("correct horse battery\n")
        .assert()
        .success();
}

fn listed(dir: &TempDir) -> Vec<Value> {
    let out = cmd(dir)
        .args(["--json", "passkeys"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v.as_array().expect("a list").clone()
}

fn key(id: &str, person: &str, name: &str) -> PasskeyRow {
    PasskeyRow {
        id: id.into(),
        person_id: person.into(),
        credential_id: format!("cred-{id}"),
        name: name.into(),
        passkey: "{}".into(),
        created_at: Utc
            .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .expect("a time"),
        last_used_at: None,
    }
}

#[test]
fn the_cli_lists_and_removes_only_its_own_persons_passkeys() {
    let dir = TempDir::new().expect("tmp");
    // No person yet: an empty list, and where to add one.
    assert!(listed(&dir).is_empty());
    cmd(&dir)
        .arg("passkeys")
        .assert()
        .success()
        .stdout(predicate::str::contains("You have no passkeys yet"))
        .stdout(predicate::str::contains("/settings/security"));
    cmd(&dir)
        .args(["passkeys", "remove", "abcdef"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no passkeys, so there is none to remove",
        ));

    add(&dir, "alex@example.org");
    add(&dir, "sam@example.org");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store = rt
        .block_on(goodenough_store::open(&url))
        .expect("the store opens");
    let alex = rt
        .block_on(store.account_by_email("alex@example.org"))
        .expect("reads")
        .expect("alex");
    let sam = rt
        .block_on(store.account_by_email("sam@example.org"))
        .expect("reads")
        .expect("sam");
    let alex_laptop = "0193a1b2c3d4e5f60718293a4b5c6d7e";
    let alex_phone = "0193a1b2c3d4e5f60718293a4b5c6d7f";
    let sams = "0193b1b2c3d4e5f60718293a4b5c6d70";
    for k in [
        key(alex_laptop, &alex.person_id, "Laptop"),
        key(alex_phone, &alex.person_id, "Phone"),
        key(sams, &sam.person_id, "Sam's key"),
    ] {
        rt.block_on(store.add_passkey(&k)).expect("added");
    }
    rt.block_on(store.close());

    let mine = listed(&dir);
    let names: Vec<&str> = mine
        .iter()
        .map(|k| k["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        ["Laptop", "Phone"],
        "alex's own, oldest first, never sam's"
    );
    assert_eq!(mine[0]["id"], alex_laptop);
    assert!(mine[0]["last_used_at"].is_null());
    assert!(mine[0].get("passkey").is_none(), "never the credential");
    assert!(mine[0].get("credential_id").is_none());
    cmd(&dir)
        .arg("passkeys")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"Laptop\"  added 2026-03-01  not used yet",
        ))
        .stdout(predicate::str::contains("Add a passkey"));

    // Refusals: one sentence, exit 1, nothing removed.
    for (typed, says) in [(sams, "passkey"), ("zzzzzz", "passkey"), ("", "passkey")] {
        let out = cmd(&dir)
            .args(["passkeys", "remove", typed])
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{typed:?} removed something");
        assert!(err.contains(says), "{typed:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(listed(&dir).len(), 2, "{typed:?} removed one");
    }

    // Removing by the handle the list shows.
    let handle = goodenough_core::id::handle(alex_phone);
    cmd(&dir)
        .args(["passkeys", "remove", handle])
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed the passkey \"Phone\""));
    let left = listed(&dir);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["name"], "Laptop");
    // Sam's is still there.
    let store = rt
        .block_on(goodenough_store::open(&url))
        .expect("the store opens");
    let sams_keys = rt.block_on(store.passkeys(&sam.person_id)).expect("reads");
    assert_eq!(sams_keys.len(), 1);
    rt.block_on(store.close());
}
