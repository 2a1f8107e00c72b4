//! `goodenough programme …` and `goodenough today` through the real binary,
//! each test with its own data directory. "Now" is Tuesday 2026-03-10; the
//! programmes below start on Monday 2026-03-09 (week 1 = 03-09 to 03-15).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", "2026-03-10T12:15:30.750Z")
        .env("TZ", "UTC")
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

const OWN: &str = r#"id = "gentle"
title = "A gentle start"
weeks = 2

[[phases]]
name = "Only phase"
weeks = [1, 2]
focus = ["joy"]

[[exercises]]
id = "paint"
title = "Paint a little"
feature = "block"
cadence = "daily"
"#;

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|p| p["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn lists_shipped_and_own_programmes_and_a_broken_file_hides_nothing() {
    let dir = TempDir::new().expect("tmp");
    let list = json(&dir, &["programme", "list"]);
    assert_eq!(ids(&list), ["impostor", "perfectionism"]);
    let own = dir.path().join("programmes");
    std::fs::create_dir_all(&own).expect("dir");
    std::fs::write(own.join("gentle.toml"), OWN).expect("write");
    std::fs::write(
        own.join("broken.toml"),
        OWN.replace("id = \"gentle\"", "id = \"broken\"")
            .replace("feature = \"block\"", "feature = \"knitting\""),
    )
    .expect("write");
    let out = cmd(&dir)
        .args(["--json", "programme", "list"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let list: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(ids(&list), ["impostor", "perfectionism", "gentle"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.toml line 13, exercises[0].feature: \"knitting\" is not a feature"),
        "{stderr}"
    );
    // Starting a programme whose file is broken names the file.
    fails_with(
        &dir,
        &["programme", "start", "broken"],
        "broken.toml line 13, exercises[0].feature",
    );
    let shown = json(&dir, &["programme", "show", "perfectionism"]);
    assert_eq!(shown["weeks"], 34);
    assert_eq!(shown["phases"].as_array().map(Vec::len), Some(5));
    cmd(&dir)
        .args(["programme", "show", "impostor"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Early warning signs"));
    fails_with(
        &dir,
        &["programme", "show", "nope"],
        "there is no programme \"nope\"",
    );
}

#[test]
fn validate_names_file_line_and_field() {
    let dir = TempDir::new().expect("tmp");
    let good = dir.path().join("good.toml");
    std::fs::write(&good, OWN).expect("write");
    cmd(&dir)
        .args(["programme", "validate"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains("is a valid programme"));
    let bad = dir.path().join("bad.toml");
    let src = format!(
        "{}\n[[phases]]\nname = \"Again\"\nweeks = [2, 3]\n\n[[exercises]]\nid = \"x\"\ntitle = \"X\"\nfeature = \"checkin\"\ncadence = \"every 0 weeks\"\n",
        OWN
    );
    std::fs::write(&bad, src).expect("write");
    let out = cmd(&dir)
        .args(["programme", "validate"])
        .arg(&bad)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.toml line 18, phases[1].weeks: week 3 is past the end of the programme (it has 2 weeks)"), "{stderr}");
    assert!(
        stderr.contains("bad.toml line 24, exercises[1].cadence: every 0 weeks never comes round"),
        "{stderr}"
    );
    assert!(stderr.contains("has 2 problems"), "{stderr}");
    // A questionnaire that does not exist is named; one of your own counts.
    let typo = dir.path().join("typo.toml");
    std::fs::write(
        &typo,
        format!("{OWN}\n[[exercises]]\nid = \"snap\"\ntitle = \"Snap\"\nfeature = \"assessment\"\ntarget = \"calm\"\ncadence = \"once in week 1\"\n"),
    )
    .expect("write");
    let out = cmd(&dir)
        .args(["programme", "validate"])
        .arg(&typo)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("typo.toml line 20, exercises[1].target: there is no questionnaire \"calm\""),
        "{stderr}"
    );
    let own = dir.path().join("instruments");
    std::fs::create_dir_all(&own).expect("dir");
    std::fs::write(
        own.join("calm.toml"),
        "id = \"calm\"\ntitle = \"Calm\"\n[scale]\nvalues = [0, 1]\nlabels = [\"no\", \"yes\"]\n[[items]]\nid = \"a\"\ntext = \"Calm?\"\n",
    )
    .expect("write");
    cmd(&dir)
        .args(["programme", "validate"])
        .arg(&typo)
        .assert()
        .success();
    fails_with(
        &dir,
        &["programme", "validate", "/nonexistent/p.toml"],
        "cannot read /nonexistent/p.toml",
    );
}

#[test]
fn start_status_replace_and_stop() {
    let dir = TempDir::new().expect("tmp");
    let st = json(&dir, &["programme", "status"]);
    assert!(st["enrolment"].is_null() && st["standing"].is_null());
    cmd(&dir)
        .args(["programme", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No programme is running"));
    fails_with(
        &dir,
        &["programme", "start", "perfectionism", "--on", "2026-02-30"],
        "2026-02-30",
    );
    cmd(&dir)
        .args(["programme", "start", "perfectionism", "--on", "2026-03-09"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Week 1 of 34"))
        .stdout(predicate::str::contains("Noticing the pattern"));
    let st = json(&dir, &["programme", "status"]);
    assert_eq!(st["standing"]["week"], 1);
    assert_eq!(st["standing"]["phase"], "Noticing the pattern");
    assert_eq!(st["standing"]["next_milestone"]["week"], 6);
    assert_eq!(st["standing"]["next_milestone"]["date"], "2026-04-19");
    assert_eq!(st["enrolment"]["started_on"], "2026-03-09");

    // A second one without a terminal: refused, naming --replace; nothing changed.
    fails_with(&dir, &["programme", "start", "impostor"], "--replace");
    let st = json(&dir, &["programme", "status"]);
    assert_eq!(st["enrolment"]["programme_id"], "perfectionism");

    cmd(&dir)
        .args(["programme", "start", "impostor", "--replace"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Stopped \"Perfectionism"));
    let st = json(&dir, &["programme", "status"]);
    assert_eq!(st["enrolment"]["programme_id"], "impostor");
    assert_eq!(st["enrolment"]["started_on"], "2026-03-10");
    let export = json(&dir, &["export"]);
    let enrolments = export["enrolments"].as_array().expect("exported");
    assert_eq!(enrolments.len(), 2);
    assert_eq!(enrolments[0]["stopped_on"], "2026-03-10");

    cmd(&dir)
        .args(["programme", "stop"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Everything you recorded stays"));
    cmd(&dir)
        .args(["programme", "stop"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing to stop"));
    assert!(json(&dir, &["programme", "status"])["enrolment"].is_null());
}

fn kinds(today: &Value) -> Vec<String> {
    today["due"]
        .as_array()
        .expect("due")
        .iter()
        .map(|d| d["kind"].as_str().expect("kind").to_string())
        .collect()
}

#[test]
fn today_without_a_programme_is_still_useful() {
    let dir = TempDir::new().expect("tmp");
    let t = json(&dir, &["today"]);
    assert_eq!(t["date"], "2026-03-10");
    assert!(t["programme"].is_null());
    assert_eq!(kinds(&t), ["checkin"]);
    // A personal-time block on Tuesdays and an experiment due today.
    cmd(&dir)
        .args(["block", "add", "piano", "--weekly", "tue", "18:00-19:00"])
        .assert()
        .success();
    cmd(&dir)
        .args([
            "experiment",
            "plan",
            "--belief",
            "Everything must be perfect",
            "--prediction",
            "They will be angry",
            "--likelihood",
            "70",
            "--anxiety",
            "60",
            "--due",
            "2026-03-10",
        ])
        .assert()
        .success();
    let t = json(&dir, &["today"]);
    assert_eq!(kinds(&t), ["checkin", "experiment", "block"]);
    cmd(&dir)
        .args(["today"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Personal time: piano"))
        .stdout(predicate::str::contains("programme list"));
    // Another day: no block on Wednesdays, the experiment still open, kindly.
    let t = json(&dir, &["today", "--on", "2026-03-11"]);
    assert_eq!(kinds(&t), ["checkin", "experiment"]);
    assert!(t["due"][1]["detail"]
        .as_str()
        .expect("detail")
        .contains("Doing it later counts"));
    fails_with(&dir, &["today", "--on", "yesterday"], "yesterday");
}

#[test]
fn today_follows_the_programme_and_its_cadence() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args(["programme", "start", "perfectionism", "--on", "2026-03-09"])
        .assert()
        .success();
    let t = json(&dir, &["today"]);
    assert_eq!(t["programme"]["week"], 1);
    assert_eq!(t["programme"]["phase"], "Noticing the pattern");
    assert_eq!(kinds(&t), ["checkin", "assessment"]);
    assert_eq!(t["due"][1]["id"], "perfectionism-snapshot");

    // Taking the snapshot this week and checking in clears both.
    cmd(&dir)
        .args([
            "assess",
            "take",
            "perfectionism-snapshot",
            "--answers",
            "6,5,7,4",
        ])
        .assert()
        .success();
    cmd(&dir)
        .args(["checkin", "--mood", "6", "--energy", "5"])
        .args([
            "--appreciate",
            "health: walked",
            "--appreciate",
            "rest: slept",
            "--appreciate",
            "work: shipped",
        ])
        .assert()
        .success();
    let t = json(&dir, &["today"]);
    assert!(kinds(&t).is_empty(), "{t}");

    // Sunday of week 1: the weekly review.
    let t = json(&dir, &["today", "--on", "2026-03-15"]);
    assert_eq!(kinds(&t), ["checkin", "review"]);
    // Once that week's review is saved, it is no longer listed as due.
    cmd(&dir)
        .args(["review", "week", "--celebrate", "kept my Saturday free"])
        .assert()
        .success();
    let t = json(&dir, &["today", "--on", "2026-03-15"]);
    assert_eq!(kinds(&t), ["checkin"]);
    // Monday of week 1 (the Monday breathing practice is a suggestion).
    let t = json(&dir, &["today", "--on", "2026-03-09"]);
    let sugg: Vec<&str> = t["suggestions"]
        .as_array()
        .expect("suggestions")
        .iter()
        .map(|s| s["exercise_id"].as_str().expect("id"))
        .collect();
    assert_eq!(sugg, ["breathing"]);
    // Week 5 (2026-04-06): the snapshot comes round again.
    let t = json(&dir, &["today", "--on", "2026-04-07"]);
    assert_eq!(t["programme"]["week"], 5);
    assert!(kinds(&t).contains(&"assessment".to_string()));
    // A Saturday in week 30 (2026-09-28 is its Monday): personal time.
    let t = json(&dir, &["today", "--on", "2026-10-03"]);
    assert_eq!(t["programme"]["phase"], "Room for joy");
    assert!(t["suggestions"]
        .as_array()
        .expect("suggestions")
        .iter()
        .any(|s| s["feature"] == "block"));
    // After week 34: maintenance, with the monthly check-up.
    let t = json(&dir, &["today", "--on", "2026-11-08"]);
    assert!(t["programme"]["week"].is_null());
    assert_eq!(t["programme"]["maintenance_week"], 1);
    assert!(kinds(&t).contains(&"review".to_string()));
    cmd(&dir)
        .args(["today", "--on", "2026-11-08"])
        .assert()
        .success()
        .stdout(predicate::str::contains("maintenance rhythm"))
        .stdout(predicate::str::contains("Monthly check-up review"));
}

#[test]
fn the_demo_persona_follows_perfectionism_from_the_first_day() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir).arg("demo").assert().success();
    // Eight months ending 2026-03-10 start on 2025-07-14: 240 days is week 35,
    // the first week of maintenance.
    let st = json(&dir, &["programme", "status"]);
    assert_eq!(st["enrolment"]["programme_id"], "perfectionism");
    assert_eq!(st["enrolment"]["started_on"], "2025-07-14");
    assert_eq!(st["standing"]["maintenance_week"], 1);
    cmd(&dir)
        .args(["programme", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("maintenance rhythm"))
        .stdout(predicate::str::contains("Early warning signs to watch for"))
        .stdout(predicate::str::contains("not a failure"));
    let t = json(&dir, &["today", "--on", "2025-10-01"]);
    assert_eq!(t["programme"]["week"], 12);
    assert_eq!(t["programme"]["phase"], "A kinder inner voice");
    let export = json(&dir, &["export"]);
    assert_eq!(export["enrolments"].as_array().map(Vec::len), Some(1));
}
