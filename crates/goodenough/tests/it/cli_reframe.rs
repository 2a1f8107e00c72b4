//! `goodenough reframe`, `thoughts` and `traps` through the real binary,
//! each test with its own data directory.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const SHIPPED_SLUGS: [&str; 13] = [
    "all-or-nothing",
    "overgeneralisation",
    "mental-filter",
    "disqualifying-the-positive",
    "mind-reading",
    "fortune-telling",
    "catastrophising",
    "emotional-reasoning",
    "should-statements",
    "labelling",
    "personalisation",
    "moving-the-goalposts",
    "selective-attention-to-failure",
];

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

fn thoughts(dir: &TempDir) -> Vec<Value> {
    let out = cmd(dir)
        .args(["thoughts", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v.as_array().expect("an array").clone()
}

fn reframe(dir: &TempDir, extra: &[&str]) -> assert_cmd::assert::Assert {
    cmd(dir)
        .arg("reframe")
        .args([
            "--situation",
            "Code review",
            "--thought",
            "I always get this wrong",
            "--belief",
            "80",
            "--date",
            "2026-03-10",
        ])
        .args(extra)
        .assert()
}

#[test]
fn full_flag_form_saves_every_field() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args([
            "reframe",
            "--situation",
            "The team review on Monday",
            "--thought",
            "I always get this wrong",
            "--belief",
            "80",
            "--emotion",
            "ashamed:70",
            "--emotion",
            "anxious:40",
            "--trap",
            "overgeneralisation",
            "--trap",
            "Labelling",
            "--reframe",
            "One comment is not always; most of my changes go through.",
            "--belief-after",
            "45",
            "--date",
            "2026-03-09",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("belief 80 → 45"));

    let list = thoughts(&dir);
    assert_eq!(list.len(), 1);
    let t = &list[0];
    assert!(t["id"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(t["created_at"], "2026-03-10T20:15:30Z");
    assert_eq!(t["date"], "2026-03-09");
    assert_eq!(t["situation"], "The team review on Monday");
    assert_eq!(t["thought"], "I always get this wrong");
    assert_eq!(t["belief"], 80);
    assert_eq!(
        t["emotions"],
        serde_json::json!([
            {"name": "ashamed", "intensity": 70},
            {"name": "anxious", "intensity": 40}
        ])
    );
    assert_eq!(
        t["traps"],
        serde_json::json!(["overgeneralisation", "labelling"])
    );
    assert_eq!(
        t["reframe"],
        "One comment is not always; most of my changes go through."
    );
    assert_eq!(t["belief_after"], 45);
}

#[test]
fn json_prints_the_saved_record_and_list_is_oldest_first() {
    let dir = TempDir::new().expect("tempdir");
    let out = cmd(&dir)
        .args([
            "--json",
            "reframe",
            "--situation",
            "Later",
            "--thought",
            "second",
            "--belief",
            "10",
            "--date",
            "2026-03-08",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let saved: Value = serde_json::from_slice(&out.stdout).expect("json record");
    assert_eq!(saved["thought"], "second");
    assert_eq!(saved["reframe"], Value::Null);
    reframe(&dir, &[]).success();
    cmd(&dir)
        .args([
            "reframe",
            "--situation",
            "Earlier",
            "--thought",
            "first",
            "--belief",
            "20",
            "--date",
            "2026-03-01",
        ])
        .assert()
        .success();
    let list = thoughts(&dir);
    let dates: Vec<&str> = list.iter().filter_map(|t| t["date"].as_str()).collect();
    assert_eq!(dates, ["2026-03-01", "2026-03-08", "2026-03-10"]);
    assert_eq!(list[1], saved);

    let out = cmd(&dir)
        .args(["thoughts", "--json", "--since", "2026-03-08"])
        .output()
        .expect("runs");
    let since: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(since.as_array().map(Vec::len), Some(2));
}

#[test]
fn text_mode_hints_traps_with_the_words_when_none_picked() {
    let dir = TempDir::new().expect("tempdir");
    reframe(&dir, &[])
        .success()
        .stdout(predicate::str::contains("Saved your thought record"))
        .stdout(predicate::str::contains("overgeneralisation"))
        .stdout(predicate::str::contains("\"always\""));
    // Picking traps replaces the hint with what was picked.
    reframe(&dir, &["--trap", "labelling"])
        .success()
        .stdout(predicate::str::contains("Labelling"))
        .stdout(predicate::str::contains("\"always\"").not());
}

#[test]
fn empty_thought_is_an_error_and_nothing_is_saved() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args([
            "reframe",
            "--situation",
            "s",
            "--thought",
            "   ",
            "--belief",
            "50",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("thought is empty"));
    assert!(thoughts(&dir).is_empty());
}

#[test]
fn out_of_range_beliefs_are_errors() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args([
            "reframe",
            "--situation",
            "s",
            "--thought",
            "t",
            "--belief",
            "101",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "belief must be a whole number from 0 to 100",
        ));
    cmd(&dir)
        .args([
            "reframe",
            "--situation",
            "s",
            "--thought",
            "t",
            "--belief",
            "-1",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("you gave -1"));
    reframe(&dir, &["--reframe", "kinder", "--belief-after", "-5"])
        .failure()
        .stderr(predicate::str::contains("belief after"));
    reframe(&dir, &["--belief-after", "30"])
        .failure()
        .stderr(predicate::str::contains("--reframe"));
    assert!(thoughts(&dir).is_empty());
}

#[test]
fn unknown_trap_is_named() {
    let dir = TempDir::new().expect("tempdir");
    reframe(&dir, &["--trap", "labelling", "--trap", "doom-spiral"])
        .failure()
        .stderr(predicate::str::contains("\"doom-spiral\""))
        .stderr(predicate::str::contains("goodenough traps"));
    assert!(thoughts(&dir).is_empty());
}

#[test]
fn emotion_needs_an_intensity() {
    let dir = TempDir::new().expect("tempdir");
    reframe(&dir, &["--emotion", "sad"])
        .failure()
        .stderr(predicate::str::contains("\"sad\""))
        .stderr(predicate::str::contains("NAME:INTENSITY"));
    reframe(&dir, &["--emotion", "sad:120"])
        .failure()
        .stderr(predicate::str::contains("emotion intensity"));
    assert!(thoughts(&dir).is_empty());
}

#[test]
fn missing_required_flags_are_named_without_a_terminal() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args(["reframe", "--situation", "s"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--thought"))
        .stderr(predicate::str::contains("--belief"))
        .stderr(predicate::str::contains("--situation").not());
    cmd(&dir)
        .args(["reframe"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--situation, --thought, --belief"));
    assert!(thoughts(&dir).is_empty());
}

#[test]
fn traps_lists_every_shipped_trap_with_rules_and_origin() {
    let dir = TempDir::new().expect("tempdir");
    let out = cmd(&dir).args(["traps", "--json"]).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let traps = v.as_array().expect("array");
    for slug in SHIPPED_SLUGS {
        let t = traps
            .iter()
            .find(|t| t["slug"] == slug)
            .unwrap_or_else(|| panic!("missing {slug}"));
        assert!(t["name"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(t["definition"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(t["patterns"].as_array().is_some_and(|p| !p.is_empty()));
        assert!(t["origin"].as_str().is_some_and(|s| s.contains("shipped")));
    }
    let text = cmd(&dir).arg("traps").output().expect("runs");
    let text = String::from_utf8(text.stdout).expect("utf-8");
    for slug in SHIPPED_SLUGS {
        assert!(text.contains(&format!("[{slug}]")), "{slug} not listed");
    }
    assert!(text.contains("rule: "));
}

#[test]
fn traps_explain_shows_the_matched_words() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args([
            "traps",
            "explain",
            "I should have caught it. I always mess up, I'm such an idiot.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("should-statements"))
        .stdout(predicate::str::contains("\"should have\""))
        .stdout(predicate::str::contains("\"always\""))
        .stdout(predicate::str::contains("labelling"));

    let out = cmd(&dir)
        .args(["--json", "traps", "explain", "Nobody liked it"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v,
        serde_json::json!([{
            "slug": "overgeneralisation",
            "name": "Overgeneralisation",
            "matched": ["Nobody"]
        }])
    );

    cmd(&dir)
        .args(["traps", "explain", "We had lunch by the river."])
        .assert()
        .success()
        .stdout(predicate::str::contains("No thinking traps"));
    let out = cmd(&dir)
        .args(["traps", "explain", "--json", "We had lunch by the river."])
        .output()
        .expect("runs");
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).expect("json"),
        serde_json::json!([])
    );
}

#[test]
fn own_traps_file_adds_traps_and_a_broken_one_names_file_and_line() {
    let dir = TempDir::new().expect("tempdir");
    let file = dir.path().join("traps.toml");
    std::fs::write(
        &file,
        "[[trap]]\nslug = \"comparing\"\nname = \"Comparing\"\n\
         definition = \"Measuring myself against the best person in the room.\"\n\
         patterns = ['\\bbetter than me\\b']\n",
    )
    .expect("write");
    cmd(&dir)
        .args(["traps", "explain", "Everyone there was better than me"])
        .assert()
        .success()
        .stdout(predicate::str::contains("comparing"))
        .stdout(predicate::str::contains("\"better than me\""));
    let out = cmd(&dir).args(["traps", "--json"]).output().expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let traps = v.as_array().expect("array");
    assert_eq!(traps.len(), SHIPPED_SLUGS.len() + 1);
    let own = traps
        .iter()
        .find(|t| t["slug"] == "comparing")
        .expect("own trap listed");
    assert!(own["origin"]
        .as_str()
        .is_some_and(|o| o.ends_with("traps.toml") && !o.contains("shipped")));
    // The own trap can be picked in a thought record.
    reframe(&dir, &["--trap", "comparing"]).success();
    assert_eq!(thoughts(&dir)[0]["traps"], serde_json::json!(["comparing"]));

    // Line 3 has an unterminated string.
    std::fs::write(
        &file,
        "[[trap]]\nslug = \"x\"\nname = \"X\ndefinition = \"d\"\n",
    )
    .expect("write");
    // The broken file is named and left out; the shipped traps still work.
    let name = file.display().to_string();
    let out = cmd(&dir).args(["traps", "--json"]).output().expect("runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches(name.as_str()).count(), 1, "{stderr}");
    assert!(stderr.contains("line 3"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(SHIPPED_SLUGS.len()));
    reframe(&dir, &["--trap", "comparing"])
        .failure()
        .stderr(predicate::str::contains(name.as_str()))
        .stderr(predicate::str::contains("line 3"));
    assert_eq!(thoughts(&dir).len(), 1);
    reframe(&dir, &[])
        .success()
        .stderr(predicate::str::contains(name.as_str()));
    assert_eq!(thoughts(&dir).len(), 2);
}

#[test]
fn crisis_language_is_saved_and_help_is_shown() {
    let dir = TempDir::new().expect("tempdir");
    cmd(&dir)
        .args([
            "--json",
            "reframe",
            "--situation",
            "After the deadline",
            "--thought",
            "I want to kill myself",
            "--belief",
            "90",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("emergency number"))
        .stderr(predicate::str::contains("crisis line"))
        .stdout(predicate::str::contains("emergency").not());
    let list = thoughts(&dir);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["thought"], "I want to kill myself");

    // The reframe and emotion names are checked too.
    cmd(&dir)
        .env("GOODENOUGH_HELP_NOW", "Call the practice line now.")
        .args([
            "reframe",
            "--situation",
            "s",
            "--thought",
            "t",
            "--belief",
            "10",
            "--emotion",
            "suicidal:90",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("Call the practice line now."));
    // An ordinary record prints no help message.
    reframe(&dir, &[])
        .success()
        .stderr(predicate::str::contains("emergency").not());
    assert_eq!(thoughts(&dir).len(), 3);
}

#[test]
fn emoji_right_to_left_and_long_text_round_trip_exactly() {
    let dir = TempDir::new().expect("tempdir");
    let situation = "Standup 🙈 — שלום, the demo broke 👩🏽‍💻";
    let thought = "أنا دائما أخطئ 😞 I never get it right";
    let long: String = "ab😊ש".repeat(2_500);
    assert_eq!(long.chars().count(), 10_000);
    cmd(&dir)
        .args([
            "reframe",
            "--situation",
            situation,
            "--thought",
            thought,
            "--belief",
            "70",
            "--emotion",
            "בושה 😳:55",
            "--reframe",
            &long,
            "--belief-after",
            "30",
        ])
        .assert()
        .success();
    let list = thoughts(&dir);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["situation"], situation);
    assert_eq!(list[0]["thought"], thought);
    assert_eq!(list[0]["reframe"], long.as_str());
    assert_eq!(list[0]["emotions"][0]["name"], "בושה 😳");
    assert_eq!(list[0]["emotions"][0]["intensity"], 55);
}
