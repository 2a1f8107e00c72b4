//! `goodenough evidence add|list|summary` through the real binary, each test
//! with its own data directory. "Now" is 2026-03-10.

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

fn add(dir: &TempDir, text: &str, kind: &str, attribution: &str, date: &str) {
    cmd(dir)
        .args([
            "evidence",
            "add",
            text,
            "--kind",
            kind,
            "--attribution",
            attribution,
            "--date",
            date,
        ])
        .assert()
        .success();
}

#[test]
fn entries_are_logged_listed_oldest_first_and_survive_a_restart() {
    let dir = TempDir::new().expect("tmp");
    let e = json(
        &dir,
        &[
            "evidence",
            "add",
            "The team said my talk was clear",
            "--kind",
            "praise",
            "--attribution",
            "effort",
            "--from",
            "Dana",
        ],
    );
    assert_eq!(e["kind"], "praise");
    assert_eq!(e["attribution"], "effort");
    assert_eq!(e["source"], "Dana");
    assert_eq!(e["date"], "2026-03-10");
    cmd(&dir)
        .args([
            "evidence",
            "add",
            "Fixed the flaky build",
            "--kind",
            "accomplishment",
            "--attribution",
            "luck",
            "--date",
            "2026-01-05",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Logged this accomplishment on 2026-01-05",
        ))
        .stdout(predicate::str::contains("What part did you play?"));
    let list = json(&dir, &["evidence"]);
    let texts: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["text"].as_str().expect("text"))
        .collect();
    assert_eq!(
        texts,
        ["Fixed the flaky build", "The team said my talk was clear"]
    );
    assert_eq!(json(&dir, &["evidence", "list"]), list);
    cmd(&dir)
        .args(["evidence", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(from Dana)"));
    // The export carries the log.
    let out = cmd(&dir).arg("export").output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    let export: Value = serde_json::from_slice(&out.stdout).expect("export is JSON");
    assert_eq!(export["evidence"], list);
}

#[test]
fn summary_shows_the_shift_towards_own_effort() {
    let dir = TempDir::new().expect("tmp");
    add(&dir, "a", "accomplishment", "luck", "2026-01-03");
    add(&dir, "b", "accomplishment", "luck", "2026-01-10");
    add(&dir, "c", "praise", "help", "2026-01-17");
    add(&dir, "d", "praise", "effort", "2026-01-24");
    add(&dir, "e", "accomplishment", "ability", "2026-03-01");
    add(&dir, "f", "accomplishment", "effort", "2026-03-02");
    add(&dir, "g", "praise", "effort", "2026-03-03");
    add(&dir, "h", "accomplishment", "luck", "2026-03-04");
    let s = json(&dir, &["evidence", "summary"]);
    assert_eq!(s["total"], 8);
    assert_eq!(s["praise"], 3);
    assert_eq!(s["counts"]["luck"], 3);
    let months = s["months"].as_array().expect("months");
    assert_eq!(months.len(), 2);
    assert_eq!(months[0]["month"], "2026-01");
    assert_eq!(months[0]["own_share"], 0.25);
    assert_eq!(months[1]["own_share"], 0.75);
    cmd(&dir)
        .args(["evidence", "summary"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-01"))
        .stdout(predicate::str::contains(
            "more of your successes count as yours",
        ));
}

#[test]
fn bad_input_is_one_clear_sentence_and_nothing_is_saved() {
    let dir = TempDir::new().expect("tmp");
    let base = ["evidence", "add", "shipped it"];
    let with = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut v: Vec<&'static str> = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    fails_with(
        &dir,
        &with(&["--kind", "trophy", "--attribution", "luck"]),
        "\"trophy\" is not a kind of evidence; use accomplishment",
    );
    fails_with(
        &dir,
        &with(&["--kind", "praise", "--attribution", "fate"]),
        "\"fate\" is not an attribution; use luck, effort, help",
    );
    fails_with(
        &dir,
        &with(&[
            "--kind",
            "praise",
            "--attribution",
            "luck",
            "--date",
            "2026-02-30",
        ]),
        "\"2026-02-30\" is not a date that exists",
    );
    fails_with(
        &dir,
        &[
            "evidence",
            "add",
            "  ",
            "--kind",
            "praise",
            "--attribution",
            "luck",
        ],
        "evidence text is empty",
    );
    // Without a terminal a missing flag is named, never asked for.
    fails_with(
        &dir,
        &["evidence", "add", "shipped it"],
        "--kind accomplishment|praise",
    );
    fails_with(
        &dir,
        &[
            "evidence",
            "add",
            "--kind",
            "praise",
            "--attribution",
            "luck",
        ],
        "the text",
    );
    assert_eq!(json(&dir, &["evidence"]), Value::Array(vec![]));
    cmd(&dir)
        .args(["evidence", "summary"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No evidence logged yet"));
}

#[test]
fn entry_text_passes_the_safety_check() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args([
            "evidence",
            "add",
            "I got through the week although I felt suicidal on Monday",
            "--kind",
            "accomplishment",
            "--attribution",
            "effort",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "You deserve support from a person",
        ));
    assert_eq!(json(&dir, &["evidence"]).as_array().map(Vec::len), Some(1));
}

#[test]
fn export_csv_import_and_erase_cover_the_log() {
    let dir = TempDir::new().expect("tmp");
    add(
        &dir,
        "Wrote the plan, \"done\"",
        "accomplishment",
        "effort",
        "2026-02-01",
    );
    add(
        &dir,
        "Kind words in the retro",
        "praise",
        "help",
        "2026-02-03",
    );
    let csv_dir = dir.path().join("csv");
    cmd(&dir)
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv_dir)
        .assert()
        .success();
    let mut rdr = csv::Reader::from_path(csv_dir.join("evidence.csv")).expect("csv");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][3], "Wrote the plan, \"done\"");
    assert_eq!(&rows[1][5], "help");

    let file = dir.path().join("export.json");
    cmd(&dir)
        .arg("export")
        .arg("--out")
        .arg(&file)
        .assert()
        .success();
    cmd(&dir).args(["erase", "--yes"]).assert().success();
    assert_eq!(json(&dir, &["evidence"]), Value::Array(vec![]));
    let other = TempDir::new().expect("tmp");
    cmd(&other).arg("import").arg(&file).assert().success();
    cmd(&other).arg("import").arg(&file).assert().success();
    assert_eq!(
        json(&other, &["evidence"]).as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn an_import_with_a_bad_entry_imports_nothing() {
    let dir = TempDir::new().expect("tmp");
    add(
        &dir,
        "Kept the timebox",
        "accomplishment",
        "effort",
        "2026-02-01",
    );
    let out = cmd(&dir).arg("export").output().expect("runs");
    let mut doc: Value = serde_json::from_slice(&out.stdout).expect("export is JSON");
    doc["evidence"][0]["attribution"] = Value::from("fate");
    let file = dir.path().join("bad.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    let other = TempDir::new().expect("tmp");
    cmd(&other)
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("nothing was imported")
                .or(predicate::str::contains("Nothing was imported")),
        );
    assert_eq!(json(&other, &["evidence"]), Value::Array(vec![]));
    doc["evidence"][0]["attribution"] = Value::from("effort");
    doc["evidence"][0]["text"] = Value::from("  ");
    std::fs::write(&file, doc.to_string()).expect("write");
    cmd(&other)
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("evidence[0]"));
    assert_eq!(json(&other, &["evidence"]), Value::Array(vec![]));
}
