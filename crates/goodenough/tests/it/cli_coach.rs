//! `goodenough coach` through the real binary: the store's person accepts
//! an invitation (made by a coach account on the same store, as a server
//! would), shares check-ins from a date, sees the coach's reads in the log,
//! revokes and ends the link; every bad input is one sentence and a
//! non-zero exit. "Now" is 2026-03-10.

use std::sync::Arc;

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use goodenough_app::{checkins, practice, Actor, App, Catalogues};
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

/// The app on the same store file, as a server beside the CLI would hold it.
fn app(dir: &TempDir, rt: &tokio::runtime::Runtime) -> App {
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store = rt
        .block_on(goodenough_store::open(&url))
        .expect("the store opens");
    App::new(Arc::from(store), Arc::new(Catalogues::shipped()))
}

#[test]
fn a_client_shares_revokes_and_ends_from_the_terminal() {
    let dir = TempDir::new().expect("tmp");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    assert_eq!(json(&dir, &["coach"]), serde_json::json!([]));
    // The first account is the store's own person (the CLI's); the coach
    // comes second.
    cmd(&dir)
        .args(["user", "add", "me@example.org", "--password-stdin"])
        .write_stdin("correct horse battery\n")
        .assert()
        .success();
    cmd(&dir)
        .args([
            "user",
            "add",
            "kim@example.org",
            "--password-stdin",
            "--role",
            "coach",
        ])
        .write_stdin("correct horse battery\n")
        .assert()
        .success();
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 12, 0, 0)
        .single()
        .expect("now");
    let coach = {
        let app = app(&dir, &rt);
        let coach = rt
            .block_on(app.accounts().account_by_email("kim@example.org"))
            .expect("lookup")
            .expect("the coach")
            .person_id;
        let scope = app.scope(Actor::person(&coach), &coach, now);
        rt.block_on(practice::invite(
            &scope,
            &goodenough_web::auth::hash_token("tok-123"),
            None,
        ))
        .expect("an invitation");
        coach
    };

    fails_with(
        &dir,
        &["coach", "accept", "https://x.example/invite/forged"],
        "not valid",
    );
    cmd(&dir)
        .args([
            "coach",
            "accept",
            "https://coaching.example.org/invite/tok-123",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("You are linked"))
        .stdout(predicate::str::contains("Nothing is shared yet"));
    fails_with(&dir, &["coach", "accept", "tok-123"], "used or has expired");

    let coaches = json(&dir, &["coach"]);
    assert_eq!(coaches.as_array().map(Vec::len), Some(1));
    assert_eq!(coaches[0]["coach_id"], coach.as_str());
    assert_eq!(coaches[0]["consent"]["version"], 1);
    assert_eq!(coaches[0]["consent"]["shared"], serde_json::json!({}));
    let link = coaches[0]["id"].as_str().expect("an id").to_string();
    let handle = &link[link.len() - 6..];
    let client = coaches[0]["client_id"].as_str().expect("me").to_string();

    // Bad input: an unknown part, a date after today, an unknown link.
    fails_with(
        &dir,
        &["coach", "share", handle, "account"],
        "is not something you can share",
    );
    fails_with(
        &dir,
        &["coach", "share", handle, "checkins", "--from", "2026-04-01"],
        "after today",
    );
    fails_with(
        &dir,
        &["coach", "share", "zzzzzz", "checkins"],
        "no coach link has the handle",
    );
    assert_eq!(
        json(&dir, &["coach", "history", handle])
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    let v = json(
        &dir,
        &["coach", "share", handle, "checkins", "--from", "2026-03-01"],
    );
    assert_eq!(v["version"], 2);
    assert_eq!(v["shared"]["checkins"], "2026-03-01");
    for date in ["2026-02-20", "2026-03-05"] {
        cmd(&dir)
            .args([
                "checkin",
                "--mood",
                "6",
                "--energy",
                "5",
                "--date",
                date,
                "--appreciate",
                "rest: a slow walk",
                "--appreciate",
                "health: water",
                "--appreciate",
                "work: stopped on time",
            ])
            .assert()
            .success();
    }

    // The coach reads (beside the CLI): only from the shared date on.
    {
        let app = app(&dir, &rt);
        let scope = app
            .scope(Actor::person(&coach), &client, now)
            .for_target("/clients/me/checkins");
        let seen = rt.block_on(checkins::list(&scope, None)).expect("shared");
        assert_eq!(
            seen.iter().map(|c| c.date.to_string()).collect::<Vec<_>>(),
            vec!["2026-03-05"]
        );
    }
    assert_eq!(json(&dir, &["coach", "notes"]), serde_json::json!([]));
    {
        let app = app(&dir, &rt);
        let kim = app.scope(Actor::person(&coach), &coach, now);
        for (text, shared) in [("an evening offline", true), ("ask about sleep", false)] {
            let new = practice::NewNote {
                notes: text.into(),
                shared,
                ..Default::default()
            };
            rt.block_on(practice::add_note(&kim, &client, new))
                .expect("a note");
        }
    }
    // A script the coach uploaded is in `script list` beside the shipped
    // ones, and fills like them.
    {
        let app = app(&dir, &rt);
        let kim = app.scope(Actor::person(&coach), &coach, now);
        let upload = goodenough_app::content::Upload {
            kind: "script".into(),
            text: "name = \"thanks-kim\"\ntitle = \"Saying thank you\"\nwhen = \"Someone helped.\"\ntemplate = \"Thank you, {person}.\"\n\n[[variables]]\nname = \"person\"\ndescription = \"Who helped\"\n".into(),
            replace: false,
        };
        rt.block_on(goodenough_app::content::upload(&kim, upload))
            .expect("an upload");
    }
    let scripts = json(&dir, &["script", "list"]);
    let theirs: Vec<&Value> = scripts
        .as_array()
        .expect("a list")
        .iter()
        .filter(|s| s["name"] == "thanks-kim")
        .collect();
    assert_eq!(theirs.len(), 1, "{scripts}");
    assert!(theirs[0]["origin"]
        .as_str()
        .is_some_and(|o| o.starts_with("your coach")));
    assert!(
        scripts.as_array().map_or(0, Vec::len) > 1,
        "the shipped ones too"
    );
    cmd(&dir)
        .args(["script", "fill", "thanks-kim", "--var", "person=Sam"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Thank you, Sam."));
    let notes = json(&dir, &["coach", "notes"]);
    assert_eq!(notes[0]["private_count"], 1);
    assert_eq!(notes[0]["shared"][0]["notes"], "an evening offline");
    cmd(&dir)
        .args(["coach", "notes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("an evening offline"))
        .stdout(predicate::str::contains("also keeps 1 private note"))
        .stdout(predicate::str::contains("ask about sleep").not());
    let log = json(&dir, &["coach", "log"]);
    assert_eq!(log.as_array().map(Vec::len), Some(1));
    assert_eq!(log[0]["target"], "/clients/me/checkins");
    assert_eq!(log[0]["allowed"], true);
    cmd(&dir)
        .args(["coach", "log"])
        .assert()
        .success()
        .stdout(predicate::str::contains("allowed"));

    let v = json(&dir, &["coach", "unshare", handle, "checkins"]);
    assert_eq!(v["version"], 3);
    assert_eq!(v["shared"], serde_json::json!({}));
    cmd(&dir)
        .args(["coach", "end", handle])
        .assert()
        .success()
        .stdout(predicate::str::contains("no longer read anything"));
    fails_with(&dir, &["coach", "end", handle], "already ended");
    let coaches = json(&dir, &["coach"]);
    assert!(coaches[0]["ended_at"].is_string());
}
