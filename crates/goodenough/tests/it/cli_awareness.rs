//! `goodenough critic`, `value`, `values`, `practice`, `practices` and
//! `calendar` through the real binary, each test with its own data directory.

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
        .env("GOODENOUGH_PRACTICE_FAST", "1")
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

fn set_critic(dir: &TempDir) {
    cmd(dir)
        .args([
            "critic",
            "set",
            "--name",
            "The Judge",
            "--says",
            "You always mess things up",
            "--says",
            "Not good enough",
            "--learned",
            "school reports",
            "--protects",
            "me from being rejected",
            "--kind-answer",
            "I did my best with what I knew",
        ])
        .assert()
        .success();
}

#[test]
fn critic_set_and_show() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .arg("critic")
        .assert()
        .success()
        .stdout(predicate::str::contains("No critic profile yet"));
    set_critic(&dir);
    let c = json(&dir, &["critic"]);
    assert_eq!(c["name"], "The Judge");
    assert_eq!(c["says"].as_array().expect("array").len(), 2);
    assert_eq!(c["protects"], "me from being rejected");
    cmd(&dir)
        .arg("critic")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "How a kind voice answers: I did my best",
        ));
    // Setting again replaces.
    cmd(&dir)
        .args(["critic", "set", "--name", "Coach", "--says", "hurry up"])
        .assert()
        .success();
    let c = json(&dir, &["critic"]);
    assert_eq!(c["name"], "Coach");
    assert_eq!(c["learned"], Value::Null);
}

#[test]
fn critic_without_phrase_or_name_is_refused() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args(["critic", "set", "--name", "X"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--says"));
    cmd(&dir)
        .args(["critic", "set", "--name", "  ", "--says", "hm"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("critic name is empty"));
    assert_eq!(json(&dir, &["critic"]), Value::Null);
}

#[test]
fn reframe_names_the_critic_with_matched_words() {
    let dir = TempDir::new().expect("tmp");
    set_critic(&dir);
    cmd(&dir)
        .args([
            "reframe",
            "--situation",
            "slides review",
            "--thought",
            "My slides are NOT good enough, again",
            "--belief",
            "80",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "This sounds like The Judge: matched \"good\", \"enough\"",
        ));
    cmd(&dir)
        .args([
            "reframe",
            "--situation",
            "lunch",
            "--thought",
            "The soup was cold",
            "--belief",
            "30",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("This sounds like").not());
}

#[test]
fn values_add_list_remove() {
    let dir = TempDir::new().expect("tmp");
    let a = json(
        &dir,
        &[
            "value",
            "add",
            "friend",
            "--practice",
            "call Sam on Sundays",
        ],
    );
    json(
        &dir,
        &[
            "value",
            "add",
            "painter",
            "--practice",
            "an hour of colour on Saturdays",
        ],
    );
    let list = json(&dir, &["values"]);
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|v| v["name"].as_str())
        .collect();
    assert_eq!(names, vec!["friend", "painter"]);
    // By its handle: the last six characters of the id, as `values` shows.
    let id = a["id"].as_str().expect("id");
    let handle = &id[id.len() - 6..];
    cmd(&dir)
        .arg("values")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("{handle}  friend")));
    cmd(&dir)
        .args(["value", "remove", handle])
        .assert()
        .success();
    assert_eq!(json(&dir, &["values"])[0]["name"], "painter");
    assert_eq!(json(&dir, &["values"]).as_array().expect("array").len(), 1);
    cmd(&dir)
        .args(["value", "remove", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no value has the handle or id \"nope\"",
        ));
    cmd(&dir)
        .args(["value", "add", "friend", "--practice", " "])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is empty"));
}

#[test]
fn practice_list_shows_shipped_and_own() {
    let dir = TempDir::new().expect("tmp");
    std::fs::create_dir_all(dir.path().join("practices")).expect("dir");
    std::fs::write(
        dir.path().join("practices/walk.toml"),
        "id = \"walk\"\ntitle = \"Mindful walk\"\ndefault_minutes = 5\ncues = [{ at_seconds = 0, text = \"Feel each step\" }]\n",
    )
    .expect("write");
    let list = json(&dir, &["practice", "list"]);
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        vec![
            "body-scan",
            "breathing",
            "grounding",
            "self-compassion",
            "walk"
        ]
    );
}

#[test]
fn practice_file_with_cue_past_end_is_left_out_and_named() {
    let dir = TempDir::new().expect("tmp");
    std::fs::create_dir_all(dir.path().join("practices")).expect("dir");
    std::fs::write(
        dir.path().join("practices/late.toml"),
        "id = \"late\"\ntitle = \"Late\"\ndefault_minutes = 1\ncues = [{ at_seconds = 90, text = \"too late\" }]\n",
    )
    .expect("write");
    cmd(&dir)
        .args(["practice", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("breathing"))
        .stdout(predicate::str::contains("late").not())
        .stderr(predicate::str::contains("late.toml"))
        .stderr(predicate::str::contains("cue 1"))
        .stderr(predicate::str::contains("past the practice's end"));
    cmd(&dir)
        .args(["practice", "log", "late", "1m"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("late.toml"));
    std::fs::write(
        dir.path().join("practices/late.toml"),
        "id = \"late\"\ntitle = = 1\n",
    )
    .expect("write");
    cmd(&dir)
        .args(["practice", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("breathing"))
        .stderr(predicate::str::contains("late.toml, line 2"));
}

#[test]
fn practice_run_fast_logs_minutes_and_shows_cues() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args(["practice", "run", "breathing"])
        .assert()
        .success()
        .stderr(predicate::str::contains("[ 0:10] Breathe in"))
        .stdout(predicate::str::contains("Logged 3m of Paced breathing"));
    cmd(&dir)
        .args(["practice", "run", "grounding", "--minutes", "2"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Name two things you can smell").not());
    let logs = json(&dir, &["practices"]);
    let logs = logs.as_array().expect("array");
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0]["minutes"], 3);
    assert_eq!(logs[1]["minutes"], 2);
    assert_eq!(logs[1]["practice"], "grounding");
    assert_eq!(logs[1]["date"], "2026-03-10");
}

#[test]
fn practice_run_interrupted_logs_the_part_done() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .env("GOODENOUGH_PRACTICE_STOP_AFTER", "150")
        .args(["practice", "run", "body-scan"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Stopped early"))
        .stdout(predicate::str::contains("Logged 3m"));
    cmd(&dir)
        .env("GOODENOUGH_PRACTICE_STOP_AFTER", "10")
        .args(["practice", "run", "body-scan"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing logged"));
    assert_eq!(
        json(&dir, &["practices"]).as_array().expect("array").len(),
        1
    );
}

#[test]
fn practice_log_and_bad_inputs() {
    let dir = TempDir::new().expect("tmp");
    let l = json(
        &dir,
        &[
            "practice",
            "log",
            "grounding",
            "10m",
            "--date",
            "2026-03-01",
        ],
    );
    assert_eq!(l["minutes"], 10);
    assert_eq!(l["date"], "2026-03-01");
    cmd(&dir)
        .args(["practice", "log", "nope", "10m"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no practice called \"nope\""));
    cmd(&dir)
        .args(["practice", "log", "grounding", "0m"])
        .assert()
        .failure();
    cmd(&dir)
        .args([
            "practice",
            "log",
            "grounding",
            "10m",
            "--date",
            "2026-02-30",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a date that exists"));
    cmd(&dir)
        .args(["practice", "run", "breathing", "--minutes", "0"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("minutes"));
    cmd(&dir)
        .args(["practices"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 sessions, 10m in all."));
}

#[test]
fn export_import_erase_cover_awareness() {
    let dir = TempDir::new().expect("tmp");
    set_critic(&dir);
    json(&dir, &["value", "add", "friend", "--practice", "call Sam"]);
    json(&dir, &["practice", "log", "grounding", "10m"]);
    let out = cmd(&dir).args(["export"]).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["critic"]["name"], "The Judge");
    assert_eq!(doc["values"].as_array().expect("array").len(), 1);
    assert_eq!(doc["practice_logs"].as_array().expect("array").len(), 1);
    let file = dir.path().join("export.json");
    std::fs::write(&file, &out.stdout).expect("write");

    let other = TempDir::new().expect("tmp");
    cmd(&other).arg("import").arg(&file).assert().success();
    assert_eq!(json(&other, &["critic"])["name"], "The Judge");
    assert_eq!(
        json(&other, &["values"]).as_array().expect("array").len(),
        1
    );
    // Idempotent.
    cmd(&other).arg("import").arg(&file).assert().success();
    assert_eq!(
        json(&other, &["practices"])
            .as_array()
            .expect("array")
            .len(),
        1
    );
}

#[test]
fn calendar_has_reminder_blocks_timebox_and_due_experiments_and_parses_back() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args([
            "settings",
            "--time-zone",
            "Europe/Berlin",
            "--reminder-time",
            "20:30",
        ])
        .assert()
        .success();
    cmd(&dir)
        .args(["block", "add", "painting", "--weekly", "sat", "10:00-12:00"])
        .assert()
        .success();
    cmd(&dir)
        .args(["timebox", "start", "report draft", "--limit", "90m"])
        .assert()
        .success();
    cmd(&dir)
        .args([
            "experiment",
            "plan",
            "--belief",
            "asking questions makes me look slow",
            "--prediction",
            "they will sigh",
            "--likelihood",
            "70",
            "--anxiety",
            "60",
            "--due",
            "2026-03-14",
        ])
        .assert()
        .success();
    let file = dir.path().join("me.ics");
    let out = json(&dir, &["calendar", "--out", file.to_str().expect("utf-8")]);
    assert_eq!(out["events"], 4);
    let text = std::fs::read_to_string(&file).expect("written");
    let parsed: icalendar::Calendar = text.parse().expect("valid iCalendar");
    // The four events and the time zone they use.
    assert_eq!(parsed.components.len(), 5);
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    // 2026-03-10 is a Tuesday; the reminder starts that evening.
    assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20260310T203000"));
    assert!(lines.contains(&"RRULE:FREQ=DAILY"));
    assert!(lines.contains(&"BEGIN:VALARM"));
    assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20260314T100000"));
    assert!(lines.contains(&"RRULE:FREQ=WEEKLY;BYDAY=SA"));
    assert!(lines.contains(&"SUMMARY:Timebox (goodenough)"));
    assert!(lines.contains(&"DTSTART:20260310T201530Z"));
    assert!(lines.contains(&"DTEND:20260310T214530Z"));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("DTSTART;VALUE=DATE:20260314")));
    // The file is the person's own: it names their block, as documented.
    assert!(lines.contains(&"SUMMARY:painting (personal time)"));
    // Private wording of experiments and timeboxes stays out of the file.
    assert!(!text.contains("sigh"));
    assert!(!text.contains("report draft"));
    assert!(!text.contains("asking questions"));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20260315"));
}

#[test]
fn unknown_time_zone_is_a_sentence() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args(["settings", "--time-zone", "Mars/Olympus"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "\"Mars/Olympus\" is not a time zone name",
        ));
}

#[test]
fn csv_export_has_critic_values_and_practice_logs() {
    let dir = TempDir::new().expect("tmp");
    set_critic(&dir);
    json(&dir, &["value", "add", "friend", "--practice", "call Sam"]);
    json(&dir, &["practice", "log", "grounding", "10m"]);
    let out = dir.path().join("csv");
    cmd(&dir)
        .args(["export", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let read = |name: &str| std::fs::read_to_string(out.join(name)).expect("csv file");
    let critic = read("critic.csv");
    assert!(critic.starts_with("name,says,learned,protects,kind_answer,updated_at"));
    assert!(critic.contains("The Judge") && critic.contains("Not good enough"));
    let values = read("values.csv");
    assert_eq!(values.lines().count(), 2, "{values}");
    assert!(values.contains("friend,call Sam"));
    let logs = read("practice_logs.csv");
    assert_eq!(logs.lines().count(), 2, "{logs}");
    assert!(logs.contains("grounding") && logs.contains(",10,"));
}
