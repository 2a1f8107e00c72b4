//! `goodenough assignments` and `goodenough today` through the real binary:
//! the store's person, linked with a coach on the same store, sees the
//! coach's steps (oldest due date first) on `today` and in the list; a
//! thought record written with `reframe` completes the matching step; they
//! set one aside with a reason and put it back; bad input is one sentence
//! and a non-zero exit. "Now" is 2026-03-10.

use std::sync::Arc;

use assert_cmd::Command;
use chrono::{NaiveDate, TimeZone, Utc};
use goodenough_app::assignments::{self, NewAssignment};
use goodenough_app::{practice, Actor, App, Catalogues};
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

fn fails_with(dir: &TempDir, args: &[&str], needle: &str) {
    cmd(dir)
        .args(args)
        .assert()
        .failure()
        .stderr(predicate::str::contains(needle))
        .stderr(predicate::str::contains("panicked").not());
}

fn add_user(dir: &TempDir, email: &str, role: &str) {
    cmd(dir)
        .args(["user", "add", email, "--password-stdin", "--role", role])
        .write_stdin("correct horse battery\n")
        .assert()
        .success();
}

#[test]
fn the_person_sees_does_and_sets_aside_their_coachs_steps() {
    let dir = TempDir::new().expect("tmp");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    cmd(&dir)
        .arg("assignments")
        .assert()
        .success()
        .stdout(predicate::str::contains("No coach has given you a step"));
    add_user(&dir, "me@example.org", "client");
    add_user(&dir, "kim@example.org", "coach");
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 12, 0, 0)
        .single()
        .expect("now");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let app = App::new(
        Arc::from(
            rt.block_on(goodenough_store::open(&url))
                .expect("the store opens"),
        ),
        Arc::new(Catalogues::shipped()),
    );
    let coach = rt
        .block_on(app.accounts().account_by_email("kim@example.org"))
        .expect("lookup")
        .expect("the coach")
        .person_id;
    let me = rt
        .block_on(app.accounts().account_by_email("me@example.org"))
        .expect("lookup")
        .expect("me")
        .person_id;
    let coach_scope = app.scope(Actor::person(&coach), &coach, now);
    rt.block_on(practice::invite(
        &coach_scope,
        &goodenough_web::auth::hash_token("tok-9"),
        None,
    ))
    .expect("an invitation");
    cmd(&dir)
        .args(["coach", "accept", "tok-9"])
        .assert()
        .success();
    let due = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).expect("a date");
    for (kind, detail, day, note) in [
        (
            "free",
            Some("Leave by six on Thursday"),
            13,
            "Notice the pull to stay.",
        ),
        ("thought_record", None, 12, ""),
    ] {
        rt.block_on(assignments::assign(
            &coach_scope,
            &me,
            NewAssignment {
                kind: kind.to_string(),
                detail: detail.map(str::to_string),
                due: due(day),
                note: note.to_string(),
            },
        ))
        .expect("a step");
    }

    // Today and the list, oldest due date first.
    cmd(&dir)
        .arg("today")
        .assert()
        .success()
        .stdout(predicate::str::contains("From your coach:"))
        .stdout(predicate::str::contains(
            "Write a thought record  (due 2026-03-12",
        ))
        .stdout(predicate::str::contains("Leave by six on Thursday"));
    let list = json(&dir, &["assignments"]);
    let titles: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        ["Write a thought record", "Leave by six on Thursday"]
    );
    assert_eq!(list[1]["note"], "Notice the pull to stay.");
    let record = list[0]["id"].as_str().expect("an id").to_string();
    let leave = list[1]["id"].as_str().expect("an id").to_string();
    let leave_handle = &leave[leave.len() - 6..];

    // A thought record completes the first.
    cmd(&dir)
        .args([
            "reframe",
            "--situation",
            "A long meeting",
            "--thought",
            "I wasted everyone's time",
            "--belief",
            "60",
        ])
        .assert()
        .success();
    let list = json(&dir, &["assignments"]);
    assert_eq!(list[0]["id"], record.as_str());
    assert_eq!(list[0]["status"], "done");
    assert_eq!(list[0]["closed_by"], "product");
    cmd(&dir)
        .arg("today")
        .assert()
        .success()
        .stdout(predicate::str::contains("Write a thought record").not());

    // Bad input.
    fails_with(
        &dir,
        &["assignments", "done", "zzzzzz"],
        "no assignment has the handle",
    );
    let long = "x".repeat(goodenough_core::text::MAX_TEXT_CHARS + 1);
    fails_with(
        &dir,
        &["assignments", "not-for-me", leave_handle, "--reason", &long],
        "the reason",
    );

    assert_eq!(json(&dir, &["assignments"])[1]["status"], "open");

    // Set aside, with a reason; then back on the list.
    cmd(&dir)
        .args([
            "assignments",
            "not-for-me",
            leave_handle,
            "--reason",
            "Thursday is my late day",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("is not for you"));
    let list = json(&dir, &["assignments"]);
    assert_eq!(list[1]["status"], "not_for_me");
    assert_eq!(list[1]["reason"], "Thursday is my late day");
    cmd(&dir)
        .args(["assignments", "reopen", leave_handle])
        .assert()
        .success()
        .stdout(predicate::str::contains("back on your list"));
    cmd(&dir)
        .args(["assignments", "done", leave_handle])
        .assert()
        .success()
        .stdout(predicate::str::contains("Marked done"));
    let list = json(&dir, &["assignments"]);
    assert_eq!(list[1]["status"], "done");
    assert_eq!(list[1]["closed_by"], "client");
}
