//! `goodenough ladder`, `experiment plan|record`, `experiments` and
//! `calibration` through the real binary, each test with its own data
//! directory.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn ge(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", "2026-03-10T20:15:30Z")
        .arg("--data-dir")
        .arg(dir)
        .write_stdin("");
    c
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = ge(dir).arg("--json").args(args).output().expect("runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).expect("json")
}

fn add_rung(dir: &Path, action: &str, distress: &str) -> String {
    let v = json(dir, &["ladder", "add", action, "--distress", distress]);
    v["id"].as_str().expect("id").to_string()
}

fn plan(dir: &Path, likelihood: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "experiment",
        "plan",
        "--belief",
        "If I share a rough draft they will think I am careless",
        "--prediction",
        "Someone calls it sloppy",
        "--likelihood",
        likelihood,
        "--anxiety",
        "70",
    ];
    args.extend_from_slice(extra);
    let v = json(dir, &args);
    v["id"].as_str().expect("id").to_string()
}

fn record(dir: &Path, id: &str, happened: &str, date: &str) -> assert_cmd::assert::Assert {
    ge(dir)
        .args(["experiment", "record", id, "--happened", happened])
        .args(["--actual", "Two helpful comments", "--anxiety-after", "30"])
        .args(["--learned", "Early drafts get help, not scorn"])
        .args(["--date", date])
        .assert()
}

#[test]
fn ladder_lists_least_distressing_first_and_points_out_gaps() {
    let dir = TempDir::new().expect("tempdir");
    let hard = add_rung(dir.path(), "Demo unfinished work to the whole team", "85");
    let easy = add_rung(dir.path(), "Send a draft to one colleague", "15");
    let mid = add_rung(dir.path(), "Ask a question in standup", "35");
    let v = json(dir.path(), &["ladder"]);
    let ids: Vec<&str> = v
        .as_array()
        .expect("rungs")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, [easy.as_str(), mid.as_str(), hard.as_str()]);
    // 15 → 35 is 20 points (no hint); 35 → 85 is 50.
    let gaps = json(dir.path(), &["ladder", "gaps"]);
    let gaps = gaps.as_array().expect("gaps");
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0]["from"], mid.as_str());
    assert_eq!(gaps[0]["to"], hard.as_str());
    assert_eq!(gaps[0]["points"], 50);
    assert!(gaps[0]["hint"]
        .as_str()
        .is_some_and(|h| h.contains("jump of 50 points")));
    ge(dir.path())
        .args(["ladder", "gaps"])
        .assert()
        .success()
        .stdout(predicate::str::contains("jump of 50 points"));
    ge(dir.path())
        .arg("ladder")
        .assert()
        .success()
        .stdout(predicate::str::contains("jump of 50 points"))
        .stdout(predicate::str::contains("0 of 3 rungs climbed"));

    // Done by hand, then removed.
    ge(dir.path())
        .args(["ladder", "done", &easy, "--date", "2026-03-01"])
        .assert()
        .success();
    let v = json(dir.path(), &["ladder"]);
    assert_eq!(v[0]["done_on"], "2026-03-01");
    assert!(v[1]["done_on"].is_null());
    ge(dir.path())
        .args(["ladder", "remove", &mid])
        .assert()
        .success();
    let v = json(dir.path(), &["ladder"]);
    assert_eq!(v.as_array().expect("rungs").len(), 2);
    assert_eq!(json(dir.path(), &["ladder", "gaps"])[0]["points"], 70);
}

#[test]
fn plan_record_list_and_the_rung_is_marked_done() {
    let dir = TempDir::new().expect("tempdir");
    let rung = add_rung(dir.path(), "Share a rough draft", "40");
    let id = plan(
        dir.path(),
        "80",
        &["--rung", &rung[..4], "--due", "2026-03-12"],
    );
    let list = json(dir.path(), &["experiments"]);
    let e = &list[0];
    assert_eq!(e["likelihood"], 80);
    assert_eq!(e["anxiety"], 70);
    assert_eq!(e["rung_id"], rung.as_str());
    assert_eq!(e["due"], "2026-03-12");
    assert_eq!(e["date"], "2026-03-10");
    assert!(e["result"].is_null());

    record(dir.path(), &id, "partly", "2026-03-10").success();
    let list = json(dir.path(), &["experiments"]);
    let r = &list[0]["result"];
    assert_eq!(r["happened"], "partly");
    assert_eq!(r["date"], "2026-03-10");
    assert_eq!(r["anxiety_after"], 30);
    assert_eq!(r["learned"], "Early drafts get help, not scorn");
    let ladder = json(dir.path(), &["ladder"]);
    assert_eq!(ladder[0]["done_on"], "2026-03-10");

    ge(dir.path())
        .arg("experiments")
        .assert()
        .success()
        .stdout(predicate::str::contains("partly on 2026-03-10"));
}

#[test]
fn a_short_unique_prefix_finds_the_experiment() {
    let dir = TempDir::new().expect("tempdir");
    let id = plan(dir.path(), "70", &[]);
    record(dir.path(), &id[..4], "no", "2026-03-10").success();
    let list = json(dir.path(), &["experiments"]);
    assert_eq!(list[0]["result"]["happened"], "no");
}

#[test]
fn calibration_overall_per_month_and_since() {
    let dir = TempDir::new().expect("tempdir");
    // January: 80/no, 70/no; February: 60/partly; March: 50/yes.
    for (likelihood, happened, date) in [
        ("80", "no", "2026-01-05"),
        ("70", "no", "2026-01-20"),
        ("60", "partly", "2026-02-03"),
        ("50", "yes", "2026-03-01"),
    ] {
        let id = plan(dir.path(), likelihood, &[]);
        record(dir.path(), &id, happened, date).success();
    }
    // A planned one does not count.
    plan(dir.path(), "90", &[]);

    let c = json(dir.path(), &["calibration"]);
    assert_eq!(c["experiments"], 4);
    assert_eq!(c["overall"]["mean_predicted"], 65.0);
    assert_eq!(c["overall"]["observed_rate"], 37.5);
    // (0.64 + 0.49 + 0.01 + 0.25) / 4 = 0.3475
    assert_eq!(c["overall"]["brier"], 0.348);
    let months: Vec<&str> = c["months"]
        .as_array()
        .expect("months")
        .iter()
        .map(|m| m["month"].as_str().expect("month"))
        .collect();
    assert_eq!(months, ["2026-01", "2026-02", "2026-03"]);
    assert_eq!(c["months"][0]["figures"]["brier"], 0.565);
    assert_eq!(c["months"][0]["figures"]["mean_predicted"], 75.0);
    assert_eq!(c["months"][1]["figures"]["observed_rate"], 50.0);
    assert_eq!(
        c["sentence"],
        "You expected the feared outcome about 65% of the time; it happened 1 time in 4 (and partly once more)."
    );

    let c = json(dir.path(), &["calibration", "--since", "2026-02-01"]);
    assert_eq!(c["experiments"], 2);
    assert_eq!(c["since"], "2026-02-01");
    assert_eq!(c["months"].as_array().expect("months").len(), 2);

    ge(dir.path())
        .arg("calibration")
        .assert()
        .success()
        .stdout(predicate::str::contains("Brier score"))
        .stdout(predicate::str::contains("2026-02"))
        .stdout(predicate::str::contains("it happened 1 time in 4"));
}

#[test]
fn calibration_with_nothing_recorded_is_kind() {
    let dir = TempDir::new().expect("tempdir");
    let c = json(dir.path(), &["calibration"]);
    assert_eq!(c["experiments"], 0);
    assert!(c["overall"].is_null());
    ge(dir.path())
        .arg("calibration")
        .assert()
        .success()
        .stdout(predicate::str::contains("No experiments recorded yet"));
}

#[test]
fn likelihood_out_of_range_is_refused_and_nothing_saved() {
    let dir = TempDir::new().expect("tempdir");
    ge(dir.path())
        .args(["experiment", "plan", "--belief", "b", "--prediction", "p"])
        .args(["--likelihood", "150", "--anxiety", "50"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "likelihood must be a whole number from 0 to 100; you gave 150.",
        ));
    ge(dir.path())
        .args(["experiment", "plan", "--belief", "b", "--prediction", "p"])
        .args(["--likelihood", "-5", "--anxiety", "50"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("you gave -5"));
    ge(dir.path())
        .args(["ladder", "add", "x", "--distress", "101"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("distress must be a whole number"));
    assert_eq!(json(dir.path(), &["experiments"]), serde_json::json!([]));
    assert_eq!(json(dir.path(), &["ladder"]), serde_json::json!([]));
}

#[test]
fn recording_twice_is_refused_and_the_first_result_stays() {
    let dir = TempDir::new().expect("tempdir");
    let id = plan(dir.path(), "80", &[]);
    record(dir.path(), &id, "no", "2026-03-10").success();
    ge(dir.path())
        .args(["experiment", "record", &id, "--happened", "yes"])
        .args(["--actual", "changed my mind", "--anxiety-after", "90"])
        .args(["--learned", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already recorded on 2026-03-10"));
    let list = json(dir.path(), &["experiments"]);
    assert_eq!(list[0]["result"]["happened"], "no");
    assert_eq!(list[0]["result"]["anxiety_after"], 30);
}

#[test]
fn recording_one_that_does_not_exist_is_refused() {
    let dir = TempDir::new().expect("tempdir");
    record(
        dir.path(),
        "0190abcd-0000-7000-8000-000000000000",
        "no",
        "2026-03-10",
    )
    .failure()
    .stderr(predicate::str::contains(
        "no experiment has the handle or id",
    ));
    record(dir.path(), "ab", "no", "2026-03-10")
        .failure()
        .stderr(predicate::str::contains(
            "\"ab\" is too short to pick one of your experiments",
        ));
}

#[test]
fn a_rung_that_does_not_exist_is_refused() {
    let dir = TempDir::new().expect("tempdir");
    ge(dir.path())
        .args(["experiment", "plan", "--belief", "b", "--prediction", "p"])
        .args(["--likelihood", "60", "--anxiety", "50", "--rung", "ffff"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no rung has the handle or id \"ffff\"",
        ));
    ge(dir.path())
        .args(["ladder", "done", "ffff0000"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no rung has the handle or id"));
    assert_eq!(json(dir.path(), &["experiments"]), serde_json::json!([]));
}

#[test]
fn bad_answers_and_missing_flags_are_named() {
    let dir = TempDir::new().expect("tempdir");
    let id = plan(dir.path(), "60", &[]);
    record(dir.path(), &id, "maybe", "2026-03-10")
        .failure()
        .stderr(predicate::str::contains("use yes, partly or no"));
    ge(dir.path())
        .args(["experiment", "record", &id, "--happened", "no"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--actual"))
        .stderr(predicate::str::contains("--learned"));
    ge(dir.path())
        .args(["experiment", "plan", "--belief", "b"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--likelihood"));
    // Still unrecorded after all that.
    assert!(json(dir.path(), &["experiments"])[0]["result"].is_null());
}

#[test]
fn export_erase_import_keeps_ladder_and_experiments() {
    let dir = TempDir::new().expect("tempdir");
    let rung = add_rung(dir.path(), "Share a rough draft", "40");
    let id = plan(dir.path(), "80", &["--rung", &rung]);
    record(dir.path(), &id, "partly", "2026-03-10").success();
    plan(dir.path(), "75", &[]);
    let doc = json(dir.path(), &["export"]);
    assert_eq!(doc["rungs"].as_array().expect("rungs").len(), 1);
    assert_eq!(doc["experiments"].as_array().expect("experiments").len(), 2);
    let file = dir.path().join("export.json");
    std::fs::write(&file, serde_json::to_vec(&doc).expect("json")).expect("write");

    let other = TempDir::new().expect("tempdir");
    ge(other.path())
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Added 1 ladder rung and 2 experiments;",
        ));
    let again = json(
        other.path(),
        &["import", file.to_str().expect("utf-8 path")],
    );
    assert_eq!(
        (again["rungs"].as_u64(), again["experiments"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(json(other.path(), &["experiments"]), doc["experiments"]);
    assert_eq!(json(other.path(), &["ladder"]), doc["rungs"]);

    ge(dir.path()).args(["erase", "--yes"]).assert().success();
    assert_eq!(json(dir.path(), &["experiments"]), serde_json::json!([]));
    assert_eq!(json(dir.path(), &["ladder"]), serde_json::json!([]));
}

#[test]
fn crisis_language_shows_help_after_saving() {
    let dir = TempDir::new().expect("tempdir");
    ge(dir.path())
        .args([
            "experiment",
            "plan",
            "--belief",
            "everyone would be better off without me",
        ])
        .args(["--prediction", "p", "--likelihood", "60", "--anxiety", "50"])
        .assert()
        .success()
        .stderr(predicate::str::contains("crisis line"));
    assert_eq!(
        json(dir.path(), &["experiments"]).as_array().map(Vec::len),
        Some(1)
    );
}
