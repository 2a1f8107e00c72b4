//! `goodenough migrate --to URL` through the real binary: a personal store's
//! account and records are copied into another store (here a second SQLite
//! file; the import path it uses runs on PostgreSQL in the store tests); a
//! second run adds nothing; without an account, or with a store that
//! cannot be opened, it refuses with a sentence and copies nothing.

use std::sync::Arc;

use assert_cmd::Command;
use goodenough_app::{checkins, Actor, App, Catalogues};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
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

#[test]
fn a_personal_store_is_copied_once_with_its_account() {
    let mine = TempDir::new().expect("tmp");
    let practice = TempDir::new().expect("tmp");
    let target = format!("sqlite://{}", practice.path().join("practice.db").display());
    cmd(&mine).args(["demo", "--days", "30"]).assert().success();
    cmd(&mine)
        .args(["migrate", "--to", &target])
        .assert()
        .failure()
        .stderr(predicate::str::contains("has no account yet"))
        .stderr(predicate::str::contains("panicked").not());
    assert!(
        !practice.path().join("practice.db").exists(),
        "nothing was made"
    );
    cmd(&mine)
        .args(["user", "add", "me@example.org", "--password-stdin"])
        .write_stdin("correct horse battery\n")
        .assert()
        .success();
    cmd(&mine)
        .args(["migrate", "--to", "postgres://nobody@127.0.0.1:1/none"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "cannot open the store named by --to",
        ));

    let first = json(&mine, &["migrate", "--to", &target]);
    assert_eq!(first["account_created"], true);
    assert_eq!(first["skipped"], 0);
    let added = first["added"].as_u64().expect("a count");
    assert!(added > 50, "{first}");
    let again = json(&mine, &["migrate", "--to", &target]);
    assert_eq!(again["account_created"], false);
    assert_eq!(again["added"], 0);
    assert_eq!(again["skipped"].as_u64(), Some(added));

    // The practice store holds the same check-ins under the same account,
    // with the same password.
    let mine_checkins = json(&mine, &["checkins"]);
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let store = rt.block_on(goodenough_store::open(&target)).expect("opens");
    let app = App::new(Arc::from(store), Arc::new(Catalogues::shipped()));
    let there = rt
        .block_on(app.accounts().account_by_email("me@example.org"))
        .expect("lookup")
        .expect("the account is there");
    let scope = app.scope(
        Actor::person(&there.person_id),
        &there.person_id,
        chrono::Utc::now(),
    );
    let copied = rt
        .block_on(checkins::list(&scope, None))
        .expect("check-ins");
    assert_eq!(Some(copied.len()), mine_checkins.as_array().map(Vec::len));
    assert!(!copied.is_empty());
    cmd(&mine)
        .args(["user", "list", "--json"])
        .assert()
        .success();
    assert!(there.password_hash.starts_with("$argon2"));
}
