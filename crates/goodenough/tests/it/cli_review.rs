//! `goodenough review week`, `reviews` and `progress` through the real
//! binary, each test with its own data directory. "Now" is Wednesday
//! 2026-03-11, in ISO week 2026-W11 (Monday 03-09 to Sunday 03-15).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-03-11T18:00:00Z";

fn cmd_at(dir: &TempDir, now: &str) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", now)
        .env("TZ", "UTC")
        .arg("--data-dir")
        .arg(dir.path())
        .write_stdin("");
    c
}

fn cmd(dir: &TempDir) -> Command {
    cmd_at(dir, NOW)
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

fn checkin_on(dir: &TempDir, day: &str, mood: &str) {
    cmd_at(dir, &format!("{day}T20:00:00Z"))
        .args(["checkin", "--mood", mood, "--energy", "5"])
        .args(["--appreciate", "work: fixed the build"])
        .args(["--appreciate", "health: walked at lunch"])
        .args(["--appreciate", "rest: read a novel"])
        .assert()
        .success();
}

fn row<'a>(view: &'a Value, measure: &str) -> &'a Value {
    view["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["measure"] == measure)
        .expect("row")
}

/// Two earlier weeks with one check-in each; three this week, a win and a
/// setback this week.
fn some_weeks(dir: &TempDir) {
    checkin_on(dir, "2026-02-18", "4");
    checkin_on(dir, "2026-03-04", "6");
    checkin_on(dir, "2026-03-09", "6");
    checkin_on(dir, "2026-03-10", "7");
    checkin_on(dir, "2026-03-11", "8");
    cmd(dir)
        .args(["win", "Sent the draft at 80%"])
        .assert()
        .success();
    cmd(dir)
        .args([
            "setback",
            "Reworked slides until midnight",
            "--lesson",
            "set a timebox",
        ])
        .assert()
        .success();
}

#[test]
fn an_empty_store_has_a_quiet_week_and_no_progress_yet() {
    let dir = TempDir::new().expect("tmp");
    let view = json(&dir, &["review", "week"]);
    assert_eq!(view["week"], "2026-W11");
    assert_eq!(view["week_start"], "2026-03-09");
    assert!(view["summary"]
        .as_str()
        .expect("summary")
        .starts_with("A quiet week"));
    assert_eq!(row(&view, "checkins")["this_week"], Value::Null);
    assert_eq!(view["review"], Value::Null);
    assert_eq!(json(&dir, &["reviews"]), serde_json::json!([]));
    let p = json(&dir, &["progress"]);
    assert_eq!(p["months"], serde_json::json!([]));
    cmd(&dir)
        .arg("progress")
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing recorded yet"));
    cmd(&dir)
        .args(["review", "week"])
        .assert()
        .success()
        .stdout(predicate::str::contains("A quiet week"))
        .stdout(predicate::str::contains("fail").not());
}

#[test]
fn the_week_is_set_beside_recent_weeks_kindly() {
    let dir = TempDir::new().expect("tmp");
    some_weeks(&dir);
    // Wednesday: the week is 3 of 7 days old, so its counts are not set
    // beside whole weeks yet, and what is compared is said "so far".
    let view = json(&dir, &["review", "week"]);
    assert_eq!(view["coverage"]["complete"], false);
    assert_eq!(view["coverage"]["days_so_far"], 3);
    assert_eq!(view["coverage"]["days"], 7);
    let checkins = row(&view, "checkins");
    assert_eq!(checkins["this_week"], 3.0);
    // Mean of the two earlier weeks with records (one check-in each).
    assert_eq!(checkins["recent"], 1.0);
    assert_eq!(checkins["sentence"], Value::Null);
    assert_eq!(
        row(&view, "mean_mood")["sentence"],
        "So far, your mood was brighter than in recent weeks."
    );
    assert!(view["summary"]
        .as_str()
        .expect("summary")
        .starts_with("This week so far (3 of 7 days):"));
    // The same week seen once it is over is compared as a whole.
    let out = cmd_at(&dir, "2026-03-16T09:00:00Z")
        .args(["--json", "review", "week", "--on", "2026-03-11"])
        .output()
        .expect("runs");
    let whole: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(whole["coverage"]["complete"], true);
    assert_eq!(
        row(&whole, "checkins")["sentence"],
        "More check-ins than your recent weeks."
    );
    assert_eq!(row(&view, "mean_mood")["this_week"], 7.0);
    assert_eq!(row(&view, "mean_mood")["recent"], 5.0);
    // Two of three appreciations each day are beyond work.
    assert_eq!(row(&view, "non_work_share")["this_week"], 0.6667);
    assert_eq!(view["wins"][0]["text"], "Sent the draft at 80%");
    assert_eq!(view["setbacks"][0]["lesson"], "set a timebox");
    // --json without reflection flags saves nothing.
    assert_eq!(json(&dir, &["reviews"]), serde_json::json!([]));

    cmd(&dir)
        .args(["review", "week"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Week 2026-W11 (2026-03-09 to 2026-03-15)",
        ))
        .stdout(predicate::str::contains("This week so far (3 of 7 days)"))
        .stdout(predicate::str::contains("so far"))
        .stdout(predicate::str::contains("More check-ins than your recent weeks.").not())
        .stdout(predicate::str::contains("Sent the draft at 80%"))
        .stdout(predicate::str::contains("Reworked slides until midnight"))
        .stdout(predicate::str::contains("To save a reflection"));

    // A past week, by any day in it.
    let past = json(&dir, &["review", "week", "--on", "2026-03-04"]);
    assert_eq!(past["week"], "2026-W10");
    assert_eq!(row(&past, "checkins")["this_week"], 1.0);
    assert_eq!(past["wins"], serde_json::json!([]));
}

#[test]
fn a_reflection_is_saved_once_per_week_and_replaced() {
    let dir = TempDir::new().expect("tmp");
    some_weeks(&dir);
    cmd(&dir)
        .args([
            "review",
            "week",
            "--breakthrough",
            "Sent the draft without a fourth pass",
            "--breakthrough",
            "Said no to the Friday call",
            "--setback",
            "Slides until midnight on Tuesday",
            "--celebrate",
            "Three check-ins in a row",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved your review of 2026-W11"))
        .stdout(predicate::str::contains(
            "Worth celebrating: Three check-ins in a row",
        ))
        .stderr(predicate::str::contains("emergency").not());
    let list = json(&dir, &["reviews"]);
    assert_eq!(list.as_array().expect("array").len(), 1);
    let first = &list[0];
    assert_eq!(first["week"], "2026-W11");
    assert_eq!(first["breakthroughs"][1], "Said no to the Friday call");
    assert_eq!(first["figures"]["checkins"], 3);
    assert_eq!(first["created_at"], "2026-03-11T18:00:00Z");

    // Saving the same week again (a day later) replaces the reflection.
    let saved = {
        let out = cmd_at(&dir, "2026-03-12T08:00:00Z")
            .args([
                "--json",
                "review",
                "week",
                "--celebrate",
                "  A slow evening  ",
            ])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice::<Value>(&out.stdout).expect("json")
    };
    assert_eq!(saved["review"]["celebrate"], "A slow evening");
    assert_eq!(saved["review"]["breakthroughs"], serde_json::json!([]));
    assert_eq!(saved["review"]["created_at"], "2026-03-11T18:00:00Z");
    assert_eq!(saved["review"]["updated_at"], "2026-03-12T08:00:00Z");
    assert_eq!(saved["review"]["id"], first["id"]);

    // An earlier week; the list stays oldest first.
    cmd(&dir)
        .args([
            "review",
            "week",
            "--on",
            "2026-02-18",
            "--setback",
            "A heavy week",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved your review of 2026-W08"));
    let list = json(&dir, &["reviews"]);
    let weeks: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["week"].as_str().expect("week"))
        .collect();
    assert_eq!(weeks, ["2026-W08", "2026-W11"]);
    cmd(&dir)
        .arg("reviews")
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-W08 (2026-02-16)"))
        .stdout(predicate::str::contains("~ A heavy week"))
        .stdout(predicate::str::contains("* celebrate: A slow evening"));
    // The text view shows the saved reflection.
    cmd(&dir)
        .args(["review", "week"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Your saved reflection"))
        .stdout(predicate::str::contains("To save a reflection").not());

    // Export carries the reviews; CSV has a file for them.
    let doc = json(&dir, &["export"]);
    assert_eq!(doc["reviews"].as_array().expect("reviews").len(), 2);
    let out = dir.path().join("csv");
    cmd(&dir)
        .args(["export", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let csv = std::fs::read_to_string(out.join("reviews.csv")).expect("reviews.csv");
    assert!(csv.starts_with("id,week,week_start,breakthroughs"), "{csv}");
    assert!(csv.contains("2026-W08") && csv.contains("A slow evening"));
}

#[test]
fn bad_input_is_refused_and_nothing_is_saved() {
    let dir = TempDir::new().expect("tmp");
    some_weeks(&dir);
    fails_with(
        &dir,
        &["review", "week", "--on", "2026-02-30", "--celebrate", "x"],
        "\"2026-02-30\" is not a date that exists",
    );
    fails_with(
        &dir,
        &["review", "week", "--on", "next tuesday"],
        "write it as YYYY-MM-DD",
    );
    fails_with(
        &dir,
        &["review", "week", "--on", "2026-03-16", "--celebrate", "x"],
        "--on 2026-03-16 is in the future",
    );
    fails_with(
        &dir,
        &["review", "week", "--celebrate", "   ", "--breakthrough", ""],
        "the reflection is empty",
    );
    fails_with(
        &dir,
        &["--json", "review", "week", "--setback", " "],
        "the reflection is empty",
    );
    assert_eq!(json(&dir, &["reviews"]), serde_json::json!([]));
}

#[test]
fn crisis_language_in_a_reflection_is_saved_and_help_is_shown() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args([
            "review",
            "week",
            "--setback",
            "Some days I want to kill myself",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("emergency number"))
        .stdout(predicate::str::contains("Saved your review"));
    assert_eq!(json(&dir, &["reviews"]).as_array().expect("a").len(), 1);
}

#[test]
fn progress_shows_the_four_outcomes_month_by_month() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args(["demo", "--end", "2026-03-11"])
        .assert()
        .success();
    let p = json(&dir, &["progress"]);
    let months: Vec<&str> = p["months"]
        .as_array()
        .expect("months")
        .iter()
        .map(|m| m["label"].as_str().expect("label"))
        .collect();
    // Eight months of demo ending 2026-03-11 start in July 2025.
    assert_eq!(months.first(), Some(&"2025-07"));
    assert_eq!(months.last(), Some(&"2026-03"));
    let outcomes: Vec<&str> = p["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .map(|o| o["outcome"].as_str().expect("outcome"))
        .collect();
    assert_eq!(
        outcomes,
        ["overwork", "boundaries", "imperfection", "happiness"]
    );
    for o in p["outcomes"].as_array().expect("outcomes") {
        for m in o["measures"].as_array().expect("measures") {
            assert_eq!(m["values"].as_array().expect("values").len(), months.len());
            assert_eq!(
                m["sparkline"].as_str().expect("spark").chars().count(),
                months.len()
            );
        }
    }
    // The demo persona reviewed most weeks, oldest first.
    let reviews = json(&dir, &["reviews"]);
    let reviews = reviews.as_array().expect("array");
    assert!(reviews.len() >= 20, "{}", reviews.len());
    assert!(reviews
        .windows(2)
        .all(|w| w[0]["week_start"].as_str() < w[1]["week_start"].as_str()));
    // The demo's mood ends brighter than it starts.
    let mood = &p["outcomes"][3]["measures"][0];
    assert_eq!(mood["measure"], "mean_mood");
    assert!(mood["change"].as_f64().expect("change") > 0.0, "{mood}");
    // March is 11 of 31 days old: marked, kept out of the trend.
    let last = p["coverage"].as_array().expect("coverage").last().cloned();
    assert_eq!(
        last,
        Some(serde_json::json!({"complete": false, "days_so_far": 11, "days": 31}))
    );
    assert!(p["coverage"][0]["complete"].as_bool().expect("bool"));
    let values = mood["values"].as_array().expect("values");
    assert_eq!(mood["so_far"], values[values.len() - 1]);
    assert_eq!(
        mood["latest"],
        values[values.len() - 2],
        "February is the latest whole month"
    );
    assert!(mood["sparkline"].as_str().expect("spark").ends_with('·'));
    cmd(&dir)
        .arg("progress")
        .assert()
        .success()
        .stdout(predicate::str::contains("Less overwork"))
        .stdout(predicate::str::contains("More joy"))
        .stdout(predicate::str::contains("since the first month"))
        .stdout(predicate::str::contains(
            "2026-03 is not over (11 of 31 days)",
        ))
        .stdout(predicate::str::contains("; 2026-03 so far: "))
        .stdout(predicate::str::is_match("[▁▂▃▄▅▆▇█]{3}").expect("regex"));
}
