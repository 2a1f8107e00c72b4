//! Every free-text field a person can write in the CLI passes the crisis
//! check: the command saves as usual (exit 0, the record is there) and
//! "Help now" appears on stderr, so `--json` output stays clean. The commands
//! here carry the fields a first walk found unchecked (timebox titles, hobby
//! and block names, values, critic phrases, evidence, review reflections,
//! questionnaire notes, timebox notes); the check sits in one place for the
//! whole command line, so these cases prove that it reaches every command.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-03-11T18:00:00Z";

/// Ways people say it, as a first walk wrote them (all missed before).
const PHRASES: &[&str] = &[
    "I want to die",
    "I don't want to be here anymore",
    "life isn't worth living",
    "I'm a burden to everyone",
    "I've been hurting myself again",
];

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", NOW)
        .env("TZ", "UTC")
        .arg("--data-dir")
        .arg(dir.path())
        .write_stdin("");
    c
}

/// Commands that save the phrase in one of their text fields.
fn cases(phrase: &str) -> Vec<Vec<String>> {
    let v = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        v(&["hobby", "add", &format!("piano {phrase}")]),
        v(&["block", "add", phrase, "--weekly", "sat", "10:00-12:00"]),
        v(&["value", "add", "friend", "--practice", phrase]),
        v(&["critic", "set", "--name", "The judge", "--says", phrase]),
        v(&[
            "evidence",
            "add",
            phrase,
            "--kind",
            "accomplishment",
            "--attribution",
            "effort",
        ]),
        v(&["review", "week", "--breakthrough", phrase]),
        v(&["timebox", "start", phrase, "--limit", "25m"]),
        v(&["timebox", "revise", "--note", phrase]),
    ]
}

#[test]
fn every_command_with_text_saves_it_and_shows_help_now() {
    for phrase in PHRASES {
        let dir = TempDir::new().expect("temp dir");
        for args in cases(phrase) {
            let out = cmd(&dir).args(&args).output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success(),
                "{args:?}: saved like any text, got {out:?}"
            );
            assert!(
                stderr.contains("Help now"),
                "{args:?}: stderr shows where to get help now: {stderr}"
            );
            assert_eq!(
                stderr.matches("Help now").count(),
                1,
                "{args:?}: once, not twice: {stderr}"
            );
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
        // Saved, not refused: the evidence text reads back as written.
        let out = cmd(&dir)
            .args(["--json", "evidence", "list"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{out:?}");
        let list: Value = serde_json::from_slice(&out.stdout).expect("json array");
        assert!(
            list.as_array()
                .expect("array")
                .iter()
                .any(|e| e["text"] == *phrase),
            "{phrase:?} saved: {list}"
        );
    }
}

#[test]
fn questionnaire_notes_are_checked() {
    let dir = TempDir::new().expect("temp dir");
    cmd(&dir)
        .args([
            "intake",
            "--overwork",
            "5",
            "--fear-of-failure",
            "5",
            "--self-criticism",
            "5",
            "--imbalance",
            "5",
            "--overwork-example",
            "I want to die",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("Help now"));
}

#[test]
fn calm_text_shows_no_help_and_json_stays_clean() {
    let dir = TempDir::new().expect("temp dir");
    cmd(&dir)
        .args(["hobby", "add", "piano"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Help now").not());
    let out = cmd(&dir)
        .args(["--json", "win", "I want to die"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let saved: Value = serde_json::from_slice(&out.stdout).expect("stdout is only the JSON");
    assert_eq!(saved["text"], "I want to die");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Help now"));
}

#[test]
fn a_refused_command_still_shows_help_and_says_what_to_fix() {
    let dir = TempDir::new().expect("temp dir");
    cmd(&dir)
        .args(["timebox", "start", "I want to die", "--limit", "forever"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Help now"))
        .stderr(predicate::str::contains("error:"));
}

#[test]
fn help_now_on_its_own_claims_nothing_was_saved() {
    let dir = TempDir::new().expect("temp dir");
    let out = cmd(&dir).arg("help-now").output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(text.contains("112") || text.contains("988"), "{text}");
    assert!(!text.contains("saved"), "{text}");
}

#[test]
fn a_mistake_in_another_flag_still_shows_help() {
    let dir = TempDir::new().expect("temp dir");
    cmd(&dir)
        .args(["setback", "I want to die", "--lesson", "x", "--wrong-flag"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Help now"));
}

#[test]
fn a_reading_command_shows_no_help() {
    let dir = TempDir::new().expect("temp dir");
    cmd(&dir)
        .args(["--json", "wins"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Help now").not());
}

#[test]
fn the_date_help_was_shown_is_kept_never_the_words() {
    let dir = TempDir::new().expect("temp dir");
    let exported = |dir: &TempDir| -> Value {
        let out = cmd(dir).arg("export").output().expect("runs");
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice(&out.stdout).expect("the export is JSON")
    };
    cmd(&dir).args(["win", "asked for help"]).assert().success();
    assert!(
        exported(&dir).get("help_shown_on").is_none(),
        "calm words keep no date"
    );
    // Twice on the 11th, once on the 12th: one date a day, the date only.
    for (now, phrase) in [
        (NOW, PHRASES[0]),
        (NOW, PHRASES[1]),
        ("2026-03-12T07:30:00Z", PHRASES[2]),
    ] {
        cmd(&dir)
            .env("GOODENOUGH_NOW", now)
            .args(["setback", phrase])
            .assert()
            .success()
            .stderr(predicate::str::contains("Help now"));
    }
    let doc = exported(&dir);
    assert_eq!(
        doc["help_shown_on"],
        serde_json::json!(["2026-03-11", "2026-03-12"])
    );
}
