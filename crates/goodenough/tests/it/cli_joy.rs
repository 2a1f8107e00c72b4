//! `goodenough hobby`, `hobbies`, `block`, `blocks`, `joy`, `rest` and
//! `rests` through the real binary, each test with its own data directory.
//! "Now" is Tuesday 2026-03-10: the Saturdays around it are 03-07 and 03-14.

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

#[test]
fn hobbies_are_added_once_and_listed_oldest_first() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args(["hobby", "add", "piano"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Added the hobby \"piano\""));
    cmd(&dir)
        .args(["hobby", "add", "climbing"])
        .assert()
        .success();
    cmd(&dir)
        .args(["hobby", "add", "Piano"])
        .assert()
        .success()
        .stdout(predicate::str::contains("already"));
    let list = json(&dir, &["hobbies"]);
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|h| h["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["piano", "climbing"]);
    fails_with(&dir, &["hobby", "add", "   "], "hobby name is empty");
}

#[test]
fn blocks_are_kept_and_skipped_kindly() {
    let dir = TempDir::new().expect("tmp");
    let b = json(
        &dir,
        &[
            "block",
            "add",
            "painting",
            "--weekly",
            "sat",
            "10:00-12:00",
            "--hobby",
            "painting",
        ],
    );
    assert_eq!(b["weekday"], "sat");
    assert_eq!(
        (b["start"].as_str(), b["end"].as_str()),
        (Some("10:00"), Some("12:00"))
    );
    assert!(b["hobby_id"].is_string());
    let id = b["id"].as_str().expect("id").to_string();
    let blocks = json(&dir, &["blocks"]);
    assert_eq!(blocks[0]["next"], "2026-03-14");
    assert_eq!(json(&dir, &["hobbies"]).as_array().map(Vec::len), Some(1));

    // Default: the most recent Saturday; a unique prefix is enough.
    let o = json(&dir, &["block", "kept", &id[..6]]);
    assert_eq!(
        (o["date"].as_str(), o["kept"].as_bool()),
        (Some("2026-03-07"), Some(true))
    );
    cmd(&dir)
        .args([
            "block",
            "skipped",
            &id,
            "--date",
            "2026-02-28",
            "--reason",
            "moving house",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "life happens; the next one is on Saturday 2026-03-07",
        ));
    let s = json(&dir, &["joy", "--weeks", "3"]);
    let weeks = s["blocks"].as_array().expect("weeks");
    assert_eq!(weeks.len(), 3);
    assert_eq!(weeks[0]["week"], "2026-W09");
    assert_eq!(
        (weeks[0]["kept"].as_u64(), weeks[0]["skipped"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(
        (weeks[1]["kept"].as_u64(), weeks[1]["scheduled"].as_u64()),
        (Some(1), Some(1))
    );

    fails_with(
        &dir,
        &["block", "kept", &id, "--date", "2026-03-10"],
        "2026-03-10 is a Tuesday",
    );
    fails_with(&dir, &["block", "kept", "zz"], "too short");
    fails_with(
        &dir,
        &["block", "kept", "zzzzzz"],
        "no block has the handle or id",
    );
}

#[test]
fn weekly_times_and_days_are_checked() {
    let dir = TempDir::new().expect("tmp");
    fails_with(
        &dir,
        &["block", "add", "x", "--weekly", "sat", "25:00-26:00"],
        "\"25:00\" is not a time of day",
    );
    fails_with(
        &dir,
        &["block", "add", "x", "--weekly", "funday", "10:00-12:00"],
        "\"funday\" is not a day of the week",
    );
    fails_with(
        &dir,
        &["block", "add", "x", "--weekly", "sat", "12:00-10:00"],
        "not after its start",
    );
    fails_with(
        &dir,
        &["block", "add", "x", "--weekly", "sat 10:00"],
        "time range",
    );
    assert_eq!(json(&dir, &["blocks"]).as_array().map(Vec::len), Some(0));
    // A single quoted value works too.
    cmd(&dir)
        .args(["block", "add", "run", "--weekly", "Wednesday 07:00-07:45"])
        .assert()
        .success()
        .stdout(predicate::str::contains("every Wednesday 07:00-07:45"));
}

#[test]
fn joy_log_creates_new_hobbies_and_sums_per_week() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args(["joy", "log", "piano", "45m", "--date", "2026-03-09"])
        .assert()
        .success()
        .stdout(predicate::str::contains("New hobby \"piano\" added."));
    let l = json(&dir, &["joy", "log", "Piano", "1h30m"]);
    assert_eq!(
        (l["minutes"].as_u64(), l["date"].as_str()),
        (Some(90), Some("2026-03-10"))
    );
    assert_eq!(json(&dir, &["hobbies"]).as_array().map(Vec::len), Some(1));
    let s = json(&dir, &["joy", "--weeks", "1"]);
    assert_eq!(s["hobbies"][0]["hobby"], "piano");
    assert_eq!(s["hobbies"][0]["minutes"], 135);
    fails_with(&dir, &["joy", "log", "piano", "0m"], "is not a duration");
    fails_with(&dir, &["joy", "log", "piano", "90x"], "is not a duration");
    fails_with(
        &dir,
        &["joy", "log", "piano", "45m", "--date", "2026-02-30"],
        "not a date that exists",
    );
    fails_with(
        &dir,
        &["joy", "--weeks", "0"],
        "--weeks must be from 1 to 520",
    );
}

#[test]
fn rest_is_recorded_with_optional_guilt() {
    let dir = TempDir::new().expect("tmp");
    let r = json(
        &dir,
        &[
            "rest",
            "add",
            "--from",
            "2026-02-01",
            "--to",
            "2026-02-07",
            "--kind",
            "vacation",
            "--guilt",
            "2",
        ],
    );
    assert_eq!(
        (r["kind"].as_str(), r["without_guilt"].as_bool()),
        (Some("vacation"), Some(true))
    );
    cmd(&dir)
        .args([
            "rest",
            "add",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-01",
            "--kind",
            "rest-day",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 day(s) of rest-day"));
    let list = json(&dir, &["rests"]);
    // Oldest first (a rest starts today or earlier: it has been taken).
    assert_eq!(list[0]["from"], "2026-02-01");
    assert_eq!(list[1]["from"], "2026-03-01");
    let s = json(&dir, &["joy"]);
    assert_eq!(s["rest"][0]["month"], "2026-02");
    assert_eq!(s["rest"][0]["days_without_guilt"], 7);

    fails_with(
        &dir,
        &[
            "rest",
            "add",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-01",
            "--kind",
            "rest-day",
            "--guilt",
            "11",
        ],
        "guilt must be a whole number from 0 to 10; you gave 11",
    );
    fails_with(
        &dir,
        &[
            "rest",
            "add",
            "--from",
            "2026-03-05",
            "--to",
            "2026-03-01",
            "--kind",
            "vacation",
        ],
        "before it starts",
    );
    fails_with(
        &dir,
        &[
            "rest",
            "add",
            "--from",
            "2026-03-05",
            "--to",
            "2026-03-06",
            "--kind",
            "nap",
        ],
        "not a kind of rest",
    );
    assert_eq!(json(&dir, &["rests"]).as_array().map(Vec::len), Some(2));
}

#[test]
fn joy_records_survive_export_and_erase() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args(["block", "add", "painting", "--weekly", "sat", "10:00-12:00"])
        .assert()
        .success();
    cmd(&dir)
        .args(["joy", "log", "piano", "30m"])
        .assert()
        .success();
    let out = cmd(&dir)
        .args(["export", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["blocks"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["joy_logs"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["hobbies"].as_array().map(Vec::len), Some(1));
    cmd(&dir).args(["erase", "--yes"]).assert().success();
    assert_eq!(json(&dir, &["blocks"]).as_array().map(Vec::len), Some(0));
    assert_eq!(json(&dir, &["hobbies"]).as_array().map(Vec::len), Some(0));
}

#[test]
fn csv_export_has_joy_files() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args(["block", "add", "painting", "--weekly", "sat", "10:00-12:00"])
        .assert()
        .success();
    cmd(&dir)
        .args([
            "rest",
            "add",
            "--from",
            "2026-02-01",
            "--to",
            "2026-02-07",
            "--kind",
            "vacation",
            "--guilt",
            "2",
        ])
        .assert()
        .success();
    let out = dir.path().join("csv");
    cmd(&dir)
        .args(["export", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let blocks = std::fs::read_to_string(out.join("blocks.csv")).expect("blocks.csv");
    assert!(
        blocks.starts_with("id,title,weekday,start,end,hobby_id,active,created_at"),
        "{blocks}"
    );
    assert!(
        blocks.contains(",painting,sat,10:00,12:00,,true,"),
        "{blocks}"
    );
    let rests = std::fs::read_to_string(out.join("rests.csv")).expect("rests.csv");
    assert!(
        rests.contains(",2026-02-01,2026-02-07,vacation,2,true,"),
        "{rests}"
    );
    for f in ["hobbies.csv", "block_occurrences.csv", "joy_logs.csv"] {
        assert!(out.join(f).exists(), "{f}");
    }
}

#[test]
fn a_block_refused_for_its_title_leaves_no_new_hobby_behind() {
    let dir = TempDir::new().expect("tmp");
    fails_with(
        &dir,
        &[
            "block",
            "add",
            "   ",
            "--weekly",
            "sat",
            "10:00-12:00",
            "--hobby",
            "watercolours",
        ],
        "block title",
    );
    assert_eq!(json(&dir, &["hobbies"]), serde_json::json!([]));
    assert_eq!(json(&dir, &["blocks"]), serde_json::json!([]));
}
