//! `goodenough no`, `noes`, `delegate`, `delegations`, `script`, `mistake`
//! and `mistakes` through the real binary, each test with its own data
//! directory.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", "2026-03-10T20:15:30.750Z")
        .arg("--data-dir")
        .arg(dir.path())
        .write_stdin("");
    c
}

fn list(dir: &TempDir, what: &str) -> Vec<Value> {
    let out = cmd(dir).args([what, "--json"]).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v.as_array().expect("an array").clone()
}

fn say_no(dir: &TempDir, request: &str, before: &str, date: &str) -> Value {
    let out = cmd(dir)
        .args([
            "--json",
            "no",
            "--request",
            request,
            "--response",
            "Not this quarter",
            "--guilt-before",
            before,
            "--date",
            date,
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn no_is_saved_listed_oldest_first_and_completed_by_prefix() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args([
            "no",
            "--request",
            "Lead the offsite",
            "--response",
            "I can't this time",
            "--guilt-before",
            "7",
            "--date",
            "2026-03-09",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("information, not a verdict"));
    let second = say_no(&dir, "Review three more PRs today", "9", "2026-03-02");
    let noes = list(&dir, "noes");
    assert_eq!(noes.len(), 2);
    assert_eq!(noes[0]["request"], "Review three more PRs today");
    assert_eq!(noes[1]["guilt_before"], 7);
    assert!(noes[1]["guilt_after"].is_null());

    let id = second["id"].as_str().expect("id").to_string();
    cmd(&dir)
        .args([
            "no",
            "update",
            &id,
            "--guilt-after",
            "4",
            "--outcome",
            "Nobody minded",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("eased by 5"));
    let noes = list(&dir, "noes");
    assert_eq!(noes[0]["guilt_after"], 4);
    assert_eq!(noes[0]["outcome"], "Nobody minded");
    assert!(
        noes[1]["guilt_after"].is_null(),
        "the other one is untouched"
    );

    cmd(&dir)
        .arg("noes")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Mean guilt drop after saying no: 5.0",
        ));
}

#[test]
fn no_update_accepts_a_unique_prefix_and_refuses_short_or_ambiguous_ones() {
    let dir = TempDir::new().expect("tempdir");
    let a = say_no(&dir, "One", "5", "2026-03-01");
    let b = say_no(&dir, "Two", "5", "2026-03-02");
    let (a, b) = (
        a["id"].as_str().expect("id").to_string(),
        b["id"].as_str().expect("id").to_string(),
    );
    // The shortest prefix that tells them apart (at least 4 characters).
    let n = (0..a.len())
        .find(|&i| a.as_bytes()[i] != b.as_bytes()[i])
        .expect("ids differ")
        + 1;
    let n = n.max(4);
    cmd(&dir)
        .args(["no", "update", &a[..n], "--guilt-after", "2"])
        .assert()
        .success();
    assert_eq!(list(&dir, "noes")[0]["guilt_after"], 2);
    cmd(&dir)
        .args(["no", "update", "abc", "--guilt-after", "2"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "\"abc\" is too short to pick one of your records of saying no",
        ));
    if n > 4 {
        cmd(&dir)
            .args(["no", "update", &a[..4], "--guilt-after", "2"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("fits 2 records of saying no"));
    }
}

#[test]
fn no_bad_input_is_refused_and_nothing_is_written() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args([
            "no",
            "--request",
            "x",
            "--response",
            "y",
            "--guilt-before",
            "11",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "guilt before must be a whole number from 0 to 10; you gave 11",
        ));
    cmd(&dir)
        .args(["no", "--response", "y", "--guilt-before", "3"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("missing --request"));
    cmd(&dir)
        .args([
            "no",
            "--request",
            "x",
            "--response",
            "y",
            "--guilt-before",
            "3",
            "--guilt-after",
            "-1",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("guilt after must be"));
    assert!(list(&dir, "noes").is_empty());
    cmd(&dir)
        .args(["no", "update", "0123456789", "--guilt-after", "2"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no record of saying no has the handle or id \"0123456789\"",
        ));
    let n = say_no(&dir, "One", "5", "2026-03-01");
    cmd(&dir)
        .args(["no", "update", n["id"].as_str().expect("id")])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Nothing to update"));
    cmd(&dir)
        .args([
            "no",
            "update",
            n["id"].as_str().expect("id"),
            "--guilt-after",
            "12",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("0 to 10"));
    assert!(list(&dir, "noes")[0]["guilt_after"].is_null());
}

#[test]
fn delegate_is_saved_completed_and_listed() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args(["delegate", "Write the release notes", "--to", "Priya"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "does not need to be done your way",
        ));
    let all = list(&dir, "delegations");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["task"], "Write the release notes");
    assert_eq!(all[0]["to"], "Priya");
    assert!(all[0]["fine"].is_null());
    let id = all[0]["id"].as_str().expect("id").to_string();
    cmd(&dir)
        .args([
            "delegate",
            "update",
            &id,
            "--fine",
            "yes",
            "--outcome",
            "Clearer than mine",
        ])
        .assert()
        .success();
    let all = list(&dir, "delegations");
    assert_eq!(all[0]["fine"], true);
    assert_eq!(all[0]["outcome"], "Clearer than mine");
    cmd(&dir)
        .arg("delegations")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Write the release notes → Priya  turned out fine",
        ));
}

#[test]
fn delegate_bad_input_is_refused() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args(["delegate", "Task"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("missing --to"));
    cmd(&dir)
        .args(["delegate", "Task", "--to", "Sam", "--fine", "maybe"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--fine must be yes or no"));
    cmd(&dir)
        .args(["delegate", "update", "ffffffff", "--fine", "no"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no delegation has the handle or id \"ffffffff\"",
        ));
    assert!(list(&dir, "delegations").is_empty());
}

#[test]
fn scripts_list_show_and_fill() {
    let dir = TempDir::new().expect("tempdir");
    let out = cmd(&dir)
        .args(["script", "list", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let all: Value = serde_json::from_slice(&out.stdout).expect("json");
    let names: Vec<&str> = all
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    for n in [
        "decline",
        "deadline",
        "scope",
        "define-done",
        "capacity",
        "delegate",
        "after-hours",
        "early-feedback",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    cmd(&dir)
        .args(["script", "show", "deadline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("new_date"));
    let out = cmd(&dir)
        .args(["script", "show", "decline", "--json"])
        .output()
        .expect("runs");
    let s: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(s["variables"][0]["name"], "person");
    cmd(&dir)
        .args([
            "script",
            "fill",
            "decline",
            "--var",
            "person=Sam",
            "--var",
            "request=the audit",
            "--var",
            "alternative=Ana knows that area well.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Hi Sam, thanks for thinking of me for the audit.",
        ))
        .stdout(predicate::str::contains("Ana knows that area well."))
        .stdout(predicate::str::contains("{").not());
}

#[test]
fn script_bad_input_is_named() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args(["script", "fill", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no script called \"nope\""));
    cmd(&dir)
        .args(["script", "show", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no script called \"nope\""));
    cmd(&dir)
        .args(["script", "fill", "decline", "--var", "person=Sam"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "still needs: request, alternative",
        ));
    cmd(&dir)
        .args([
            "script",
            "fill",
            "decline",
            "--var",
            "person=Sam",
            "--var",
            "request=x",
            "--var",
            "alternative=y",
            "--var",
            "mood=z",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("has no variable \"mood\""));
    cmd(&dir)
        .args(["script", "fill", "decline", "--var", "person"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("NAME=VALUE"));
}

const OWN: &str = r#"name = "decline"
title = "My own way of declining"
when = "Always."
template = """
Sorry {person}, not now.
"""

[[variables]]
name = "person"
description = "Who asked"
"#;

#[test]
fn own_scripts_add_to_and_override_shipped_ones() {
    let dir = TempDir::new().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("scripts")).expect("mkdir");
    std::fs::write(dir.path().join("scripts/decline.toml"), OWN).expect("write");
    std::fs::write(
        dir.path().join("scripts/thanks.toml"),
        OWN.replace("name = \"decline\"", "name = \"thanks\""),
    )
    .expect("write");
    cmd(&dir)
        .args(["script", "fill", "decline", "--var", "person=Sam"])
        .assert()
        .success()
        .stdout("Sorry Sam, not now.\n");
    cmd(&dir)
        .args(["script", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("thanks"))
        .stdout(predicate::str::contains("My own way of declining"))
        .stdout(predicate::str::contains("Stating capacity"));
}

#[test]
fn malformed_or_inconsistent_script_files_name_file_and_line_and_hide_nothing_else() {
    let dir = TempDir::new().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("scripts")).expect("mkdir");
    let path = dir.path().join("scripts/mine.toml");
    std::fs::write(&path, OWN.replace("not now.", "not now, {day}.")).expect("write");
    cmd(&dir)
        .args(["script", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("decline"))
        .stderr(predicate::str::contains(format!(
            "{}, line 5",
            path.display()
        )))
        .stderr(predicate::str::contains("{day}"));
    std::fs::write(&path, "name = \"x\"\ntitle = \n").expect("write");
    // The broken file no longer overrides the shipped "decline".
    cmd(&dir)
        .args(["script", "show", "decline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("{alternative}"))
        .stderr(predicate::str::contains(format!(
            "{}, line 2",
            path.display()
        )));
}

fn thought(dir: &TempDir) -> String {
    let out = cmd(dir)
        .args([
            "--json",
            "reframe",
            "--situation",
            "Deploy failed",
            "--thought",
            "I am careless",
            "--belief",
            "70",
            "--date",
            "2026-03-10",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v["id"].as_str().expect("id").to_string()
}

#[test]
fn mistake_review_is_saved_with_its_thought_link() {
    let dir = TempDir::new().expect("tempdir");
    let t = thought(&dir);
    cmd(&dir)
        .args([
            "mistake",
            "add",
            "--what",
            "Shipped a migration without a backup",
            "--cost",
            "Two hours of restore work",
            "--factors",
            "Friday evening, no checklist",
            "--taught",
            "A checklist beats memory",
            "--friend",
            "Anyone tired on a Friday could do it",
            "--thought",
            &t,
            "--date",
            "2026-03-08",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("without blame"));
    let all = list(&dir, "mistakes");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["thought_id"], t.as_str());
    assert_eq!(all[0]["factors"], "Friday evening, no checklist");
    assert_eq!(all[0]["date"], "2026-03-08");
    cmd(&dir)
        .arg("mistakes")
        .assert()
        .success()
        .stdout(predicate::str::contains("taught: A checklist beats memory"));
}

#[test]
fn mistake_bad_input_is_refused() {
    let dir = TempDir::new().expect("tempdir");
    let base = [
        "mistake", "add", "--what", "w", "--cost", "c", "--taught", "t", "--friend", "f",
    ];
    cmd(&dir)
        .args(base)
        .args(["--thought", "0000aaaa"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no thought record has the handle or id \"0000aaaa\"",
        ));
    cmd(&dir)
        .args(["mistake", "add", "--what", "w", "--cost", "c"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("missing --taught, --friend"));
    cmd(&dir)
        .args(base)
        .args(["--date", "2026-02-30"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a date that exists"));
    assert!(list(&dir, "mistakes").is_empty());
}

#[test]
fn crisis_language_shows_help_after_saving() {
    let dir = TempDir::new().expect("tempdir");
    let out = cmd(&dir)
        .args([
            "no",
            "--request",
            "Cover another shift",
            "--response",
            "No. Honestly I want to kill myself some days",
            "--guilt-before",
            "9",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(list(&dir, "noes").len(), 1, "saved first");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("crisis line"),
        "help message shown: {stderr}"
    );
    cmd(&dir)
        .args(["delegate", "Rota", "--to", "Sam"])
        .assert()
        .success()
        .stderr(predicate::str::contains("crisis line").not());
}

#[test]
fn export_import_and_erase_cover_boundaries() {
    let dir = TempDir::new().expect("tempdir");
    let t = thought(&dir);
    let n = say_no(&dir, "Extra project", "6", "2026-03-03");
    cmd(&dir)
        .args([
            "no",
            "update",
            n["id"].as_str().expect("id"),
            "--guilt-after",
            "2",
        ])
        .assert()
        .success();
    cmd(&dir)
        .args(["delegate", "Sprint demo", "--to", "Jo", "--fine", "no"])
        .assert()
        .success();
    cmd(&dir)
        .args([
            "mistake",
            "add",
            "--what",
            "w",
            "--cost",
            "c",
            "--taught",
            "t",
            "--friend",
            "f",
            "--thought",
            &t,
        ])
        .assert()
        .success();
    let file = dir.path().join("export.json");
    cmd(&dir)
        .args(["export", "--out"])
        .arg(&file)
        .assert()
        .success();
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    assert_eq!(doc["noes"].as_array().expect("noes").len(), 1);
    assert_eq!(doc["noes"][0]["guilt_after"], 2);
    assert_eq!(doc["delegations"][0]["fine"], false);
    assert_eq!(doc["mistakes"][0]["thought_id"], t.as_str());

    let csv = dir.path().join("csv");
    cmd(&dir)
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv)
        .assert()
        .success();
    let noes_csv = std::fs::read_to_string(csv.join("noes.csv")).expect("noes.csv");
    assert!(noes_csv.contains("Extra project"), "{noes_csv}");
    assert!(csv.join("delegations.csv").exists() && csv.join("mistakes.csv").exists());

    // Into a fresh store, twice: the second import adds nothing.
    let other = TempDir::new().expect("tempdir");
    cmd(&other).arg("import").arg(&file).assert().success();
    let out = cmd(&other)
        .args(["--json", "import"])
        .arg(&file)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["noes"], 0);
    assert_eq!(report["mistakes"], 0);
    assert_eq!(list(&other, "noes"), list(&dir, "noes"));
    assert_eq!(list(&other, "delegations"), list(&dir, "delegations"));
    assert_eq!(list(&other, "mistakes"), list(&dir, "mistakes"));

    // A mistake pointing at a thought that is not in the file is refused whole.
    let mut bad = doc.clone();
    bad["mistakes"][0]["thought_id"] = Value::from("not-in-file");
    let bad_file = dir.path().join("bad.json");
    std::fs::write(&bad_file, bad.to_string()).expect("write");
    let third = TempDir::new().expect("tempdir");
    cmd(&third)
        .arg("import")
        .arg(&bad_file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("mistakes[0]"));
    assert!(list(&third, "noes").is_empty(), "nothing half-written");

    cmd(&dir).args(["erase", "--yes"]).assert().success();
    assert!(list(&dir, "noes").is_empty());
    assert!(list(&dir, "delegations").is_empty());
    assert!(list(&dir, "mistakes").is_empty());
}

#[test]
fn demo_fills_noes_delegations_and_mistakes() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir).arg("demo").assert().success();
    let noes = list(&dir, "noes");
    assert!(noes.len() > 10, "{}", noes.len());
    assert!(
        noes.iter().any(|n| n["guilt_after"].is_number()),
        "most are completed"
    );
    assert!(!list(&dir, "delegations").is_empty());
    let mistakes = list(&dir, "mistakes");
    assert!(!mistakes.is_empty());
    let thoughts = list(&dir, "thoughts");
    for m in &mistakes {
        if let Some(t) = m["thought_id"].as_str() {
            assert!(thoughts.iter().any(|th| th["id"] == t), "link resolves");
        }
    }
}
