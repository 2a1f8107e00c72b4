//! `goodenough clients` through the real binary: the store's person is a
//! coach; a client linked on the same store (as a server would link them)
//! shares check-ins and their programme. The roster shows the programme
//! and week, each part shared or "not shared", and the programme read is
//! in the client's access log. "Now" is 2026-03-10.

use std::sync::Arc;

use assert_cmd::Command;
use chrono::{NaiveDate, TimeZone, Utc};
use goodenough_app::{practice, programme, Actor, App, Catalogues, Category};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", "2026-03-10T12:00:00Z")
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
fn a_coach_reads_the_roster_at_the_terminal() {
    let dir = TempDir::new().expect("tmp");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    assert_eq!(json(&dir, &["clients"]), serde_json::json!([]));
    cmd(&dir)
        .arg("clients")
        .assert()
        .success()
        .stdout(predicate::str::contains("No clients linked yet"));
    // The store's own person (the CLI's) is the coach; Alice comes second.
    for (email, role) in [
        ("kim@example.org", "coach"),
        ("alice@example.org", "client"),
    ] {
        cmd(&dir)
            .args(["user", "add", email, "--password-stdin", "--role", role])
            .write_stdin("correct horse battery\n")
            .assert()
            .success();
    }
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .expect("now");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store = rt
        .block_on(goodenough_store::open(&url))
        .expect("the store opens");
    let app = App::new(Arc::from(store), Arc::new(Catalogues::shipped()));
    let person = |email: &str| {
        rt.block_on(app.accounts().account_by_email(email))
            .expect("lookup")
            .expect("the account")
            .person_id
    };
    let (kim, alice) = (person("kim@example.org"), person("alice@example.org"));
    let as_kim = app.scope(Actor::person(&kim), &kim, now);
    let as_alice = app.scope(Actor::person(&alice), &alice, now);
    rt.block_on(practice::invite(&as_kim, "hash-tok", None))
        .expect("an invitation");
    let link = rt
        .block_on(practice::accept(&as_alice, "hash-tok"))
        .expect("alice accepts")
        .link
        .id;
    let from = NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date");
    rt.block_on(practice::share(
        &as_alice,
        &link,
        Category::CheckIns,
        Some(from),
    ))
    .expect("check-ins");
    rt.block_on(practice::share(&as_alice, &link, Category::Programme, None))
        .expect("programme");
    let programmes = Catalogues::shipped().programmes().list.clone();
    let first = programmes.first().expect("a shipped programme").clone();
    rt.block_on(programme::start(
        &as_alice,
        &programmes,
        &first.id,
        Some(NaiveDate::from_ymd_opt(2026, 2, 24).expect("a date")),
        false,
    ))
    .expect("alice starts a programme");

    let roster = json(&dir, &["clients"]);
    assert_eq!(roster.as_array().map(Vec::len), Some(1), "{roster}");
    let alice_line = &roster[0];
    assert!(alice_line["name"].is_string(), "{alice_line}");
    assert_eq!(alice_line["client_id"], alice.as_str());
    let programme_line = alice_line["programme"].as_str().expect("a line");
    assert!(
        programme_line.starts_with(&format!("{}: week 3 of", first.title)),
        "{programme_line}"
    );
    let part = |key: &str| {
        alice_line["shared"]
            .as_array()
            .expect("parts")
            .iter()
            .find(|p| p["category"] == key)
            .cloned()
            .expect("the part")
    };
    assert_eq!(part("checkins")["from"], "2026-03-01");
    assert_eq!(part("programme")["shared"], true);
    assert_eq!(part("thoughts")["shared"], false);
    assert_eq!(part("crisis")["shared"], false);
    cmd(&dir)
        .arg("clients")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "check-ins: shared from 2026-03-01",
        ))
        .stdout(predicate::str::contains("thoughts: not shared"))
        .stdout(predicate::str::contains(": week 3 of"));

    // Each roster's programme read is in Alice's log.
    let store = rt
        .block_on(goodenough_store::open(&url))
        .expect("the store opens");
    let app = App::new(Arc::from(store), Arc::new(Catalogues::shipped()));
    let log = rt
        .block_on(practice::access_log(&app.scope(
            Actor::person(&alice),
            &alice,
            now,
        )))
        .expect("alice's log");
    let reads: Vec<_> = log
        .iter()
        .filter(|l| l.target == "goodenough clients")
        .map(|l| (l.category.as_str(), l.allowed))
        .collect();
    assert_eq!(reads, [("programme", true), ("programme", true)]);
}
