//! `goodenough assess …` and `goodenough intake` through the real binary,
//! each test with its own data directory: shipped and own instruments,
//! take/history with reliable change, intake as the baseline, and every bad
//! input named in the issue (nothing is written when input is refused).

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

fn json(dir: &TempDir, args: &[&str]) -> Value {
    let out = cmd(dir).arg("--json").args(args).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("json")
}

const OWN: &str = r#"id = "calm"
title = "Calm (test instrument, invented norms)"
licence = "Invented for a test."
instructions = "Past week."
higher_is_better = true

[scale]
values = [0, 1, 2, 3]
labels = ["never", "sometimes", "often", "always"]

[[items]]
id = "rested"
text = "I felt rested."

[[items]]
id = "worry"
text = "I worried about work at night."
reverse = true

[[items]]
id = "hopeless"
text = "Things felt hopeless."
safety_threshold = 3

[norms]
mean = 4.0
sd = 2.0
reliability = 0.75

[cutoffs]
functional_mean = 6.0
functional_sd = 1.0
dysfunctional_mean = 2.0
dysfunctional_sd = 1.0
"#;

fn own(dir: &TempDir, name: &str, src: &str) {
    let d = dir.path().join("instruments");
    std::fs::create_dir_all(&d).expect("dir");
    std::fs::write(d.join(name), src).expect("write");
}

fn refused(dir: &TempDir, args: &[&str], needle: &str) {
    cmd(dir)
        .args(args)
        .assert()
        .failure()
        .stderr(predicate::str::contains(needle));
}

#[test]
fn list_and_show_shipped_instruments() {
    let dir = TempDir::new().expect("tmp");
    let list = json(&dir, &["assess", "list"]);
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert!(ids.contains(&"perfectionism-snapshot") && ids.contains(&"impostor-snapshot"));
    let show = json(&dir, &["assess", "show", "perfectionism-snapshot"]);
    assert_eq!(show["items"].as_array().expect("items").len(), 4);
    assert_eq!(
        show["scale"]["values"].as_array().expect("values").len(),
        11
    );
    assert!(show["licence"]
        .as_str()
        .expect("licence")
        .contains("Not a validated clinical instrument"));
    cmd(&dir)
        .args(["assess", "show", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no questionnaire \"nope\""));
}

#[test]
fn take_and_history_with_reliable_change() {
    let dir = TempDir::new().expect("tmp");
    own(&dir, "calm.toml", OWN);
    // Scores: rested + (0+3−worry) + hopeless.
    // Baseline 0,3,1 → 0 + 0 + 1 = 1.
    json(
        &dir,
        &[
            "assess",
            "take",
            "calm",
            "--answers",
            "0,3,1",
            "--date",
            "2026-01-01",
        ],
    );
    // 1,1,0 → 1 + 2 + 0 = 3: RCI = 2 / (√2·2·√0.25) = 2/1.414 = 1.414 → unchanged.
    json(
        &dir,
        &[
            "assess",
            "take",
            "calm",
            "--answers",
            "1,1,0",
            "--date",
            "2026-02-01",
        ],
    );
    // 3,0,1 → 3 + 3 + 1 = 7: RCI = 6/1.414 = 4.243, reliable; c = (1·2 + 1·6)/2 = 4,
    // from 1 (below) to 7 (above) with higher better → recovered.
    json(
        &dir,
        &[
            "assess",
            "take",
            "calm",
            "--answers",
            "3,0,1",
            "--date",
            "2026-03-01",
        ],
    );
    let h = json(&dir, &["assess", "history", "calm"]);
    let h = h.as_array().expect("array");
    assert_eq!(h.len(), 3);
    let totals: Vec<f64> = h.iter().filter_map(|e| e["total"].as_f64()).collect();
    assert_eq!(totals, vec![1.0, 3.0, 7.0]);
    assert!(h[0].get("change").is_none(), "baseline has no change");
    assert_eq!(h[1]["change"]["classification"], "unchanged");
    assert!((h[1]["change"]["rci"].as_f64().expect("rci") - std::f64::consts::SQRT_2).abs() < 1e-5);
    assert_eq!(h[2]["change"]["classification"], "recovered");
    assert!((h[2]["change"]["rci"].as_f64().expect("rci") - 4.242_641).abs() < 1e-5);
    cmd(&dir)
        .args(["assess", "history", "calm"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("reliably improved, across the cut-off")
                .and(predicate::str::contains("not a diagnosis")),
        );
}

#[test]
fn safety_item_at_threshold_shows_help_now() {
    let dir = TempDir::new().expect("tmp");
    own(&dir, "calm.toml", OWN);
    cmd(&dir)
        .args(["assess", "take", "calm", "--answers", "1,1,3"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty().not());
    let out = cmd(&dir)
        .args(["assess", "take", "calm", "--answers", "1,1,2"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{out:?}");
}

#[test]
fn intake_is_the_baseline_of_the_snapshot() {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir)
        .args([
            "intake",
            "--overwork",
            "8",
            "--overwork-example",
            "rewrote the report three times on Sunday",
            "--fear-of-failure",
            "7",
            "--self-criticism",
            "9",
            "--imbalance",
            "6",
            "--date",
            "2026-02-10",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("baseline"));
    cmd(&dir)
        .args([
            "intake",
            "--overwork",
            "6",
            "--fear-of-failure",
            "6",
            "--self-criticism",
            "7",
            "--imbalance",
            "5",
            "--date",
            "2026-03-10",
        ])
        .assert()
        .success();
    let h = json(&dir, &["assess", "history", "perfectionism-snapshot"]);
    let h = h.as_array().expect("array");
    assert_eq!(h.len(), 2);
    assert_eq!(h[0]["total"].as_f64(), Some(30.0));
    assert_eq!(
        h[0]["notes"]["overwork"],
        "rewrote the report three times on Sunday"
    );
    assert_eq!(h[1]["total"].as_f64(), Some(24.0));
    let out = dir.path().join("csv");
    cmd(&dir)
        .args(["export", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let csv = std::fs::read_to_string(out.join("assessments.csv")).expect("assessments.csv");
    assert!(csv.starts_with("id,instrument,taken_at,date,total,answers,subscales,notes"));
    assert!(
        csv.contains("overwork=rewrote the report three times on Sunday"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3);
    // Missing flags without a terminal: one sentence naming them.
    refused(&dir, &["intake", "--overwork", "5"], "--fear-of-failure");
    refused(
        &dir,
        &[
            "intake",
            "--overwork",
            "11",
            "--fear-of-failure",
            "1",
            "--self-criticism",
            "1",
            "--imbalance",
            "1",
        ],
        "--overwork must be between 0 and 10",
    );
    assert_eq!(
        json(&dir, &["assess", "history", "perfectionism-snapshot"])
            .as_array()
            .expect("array")
            .len(),
        2,
        "nothing half-written"
    );
}

#[test]
fn wrong_answers_are_refused_naming_the_item() {
    let dir = TempDir::new().expect("tmp");
    refused(
        &dir,
        &["assess", "take", "impostor-snapshot", "--answers", "1,2,3"],
        "has 5 items but 3 answers",
    );
    refused(
        &dir,
        &[
            "assess",
            "take",
            "impostor-snapshot",
            "--answers",
            "1,2,3,9,1",
        ],
        "item \"overprepare\" is not on the scale",
    );
    refused(
        &dir,
        &[
            "assess",
            "take",
            "impostor-snapshot",
            "--answers",
            "1,two,3,1,1",
        ],
        "Answer 2",
    );
    refused(&dir, &["assess", "take", "impostor-snapshot"], "--answers");
    assert!(json(&dir, &["assess", "history", "impostor-snapshot"])
        .as_array()
        .expect("array")
        .is_empty());
}

#[test]
fn invalid_own_instruments_name_file_line_and_field_and_hide_nothing_else() {
    let cases: [(&str, String, &str, &str); 4] = [
        (
            "noscale.toml",
            OWN.replace(
                "[scale]\nvalues = [0, 1, 2, 3]\nlabels = [\"never\", \"sometimes\", \"often\", \"always\"]\n",
                "",
            ),
            "`scale`",
            "missing",
        ),
        (
            "dup.toml",
            OWN.replace("id = \"worry\"", "id = \"rested\""),
            "line 16: field `items[1].id`",
            "used twice",
        ),
        (
            "rev.toml",
            format!("{OWN}\n[scoring]\nreverse = [\"sleep\"]\n"),
            "line 37: field `scoring.reverse[0]`",
            "\"sleep\" does not exist",
        ),
        (
            "rel.toml",
            OWN.replace("reliability = 0.75", "reliability = 1.5"),
            "line 28: field `norms.reliability`",
            "outside 0 to 1",
        ),
    ];
    for (file, src, field, words) in cases {
        let dir = TempDir::new().expect("tmp");
        own(&dir, file, &src);
        // The broken file is named once and left out; the shipped
        // questionnaires are still there.
        let out = cmd(&dir).args(["assess", "list"]).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(
            stderr.contains(field) && stderr.contains(words),
            "{file}: {stderr}"
        );
        assert_eq!(stderr.matches(file).count(), 1, "{stderr}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("perfectionism-snapshot"));
        cmd(&dir)
            .args(["assess", "take", "calm", "--answers", "1,1,1"])
            .assert()
            .failure()
            .stderr(
                predicate::str::contains(file)
                    .and(predicate::str::contains(field))
                    .and(predicate::str::contains(words))
                    .and(predicate::str::contains(
                        "there is no questionnaire \"calm\"",
                    )),
            );
    }
}

#[test]
fn who5_taken_twice_shows_reliable_change_and_the_side_of_its_cut_off() {
    let dir = TempDir::new().expect("tmp");
    // Raw 1+2+1+1+2 = 7 → 28, at or below the published cut-off of 50: the
    // kind suggestion comes with the saved score.
    cmd(&dir)
        .args(["assess", "take", "who-5", "--answers", "1,2,1,1,2"])
        .args(["--date", "2026-01-05"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("total 28")
                .and(predicate::str::contains(
                    "at or below the questionnaire's published cut-off (50)",
                ))
                .and(predicate::str::contains("talking with your doctor")),
        );
    // Raw 4+3+3+3+4 = 17 → 68: no suggestion.
    cmd(&dir)
        .args(["assess", "take", "who-5", "--answers", "4,3,3,3,4"])
        .args(["--date", "2026-02-02"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("total 68")
                .and(predicate::str::contains(
                    "above the questionnaire's published cut-off",
                ))
                .and(predicate::str::contains("talking with your doctor").not()),
        );
    // RCI = 40 / (√2 · 21.04 · √0.13) = 40 / 10.7284 = 3.73: reliable, and
    // across the cut-off.
    cmd(&dir)
        .args(["assess", "history", "who-5"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(
                "2026-01-05  28  (baseline)  [at or below the questionnaire's published cut-off]",
            )
            .and(predicate::str::contains(
                "2026-02-02  68  RCI +3.73: reliably improved, across the cut-off",
            ))
            .and(predicate::str::contains(
                "[above the questionnaire's published cut-off]",
            ))
            .and(predicate::str::contains("not classified").not())
            .and(predicate::str::contains("talking with your doctor").not()),
        );
    let h = json(&dir, &["assess", "history", "who-5"]);
    assert_eq!(h[1]["change"]["classification"], "recovered");
    assert_eq!(h[0]["band"]["side"], "beyond");
    assert_eq!(h[1]["band"]["side"], "typical");
    assert_eq!(h[1]["band"]["criterion"], "published");
    // A third sitting at 40 is compared with the baseline (28), not with the
    // sitting before: within noise (RCI 12/10.7284 = 1.12), and the
    // suggestion returns with the latest score.
    cmd(&dir)
        .args(["assess", "take", "who-5", "--answers", "2,2,2,2,2"])
        .args(["--date", "2026-03-02"])
        .assert()
        .success();
    cmd(&dir)
        .args(["assess", "history", "who-5"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("2026-03-02  40  RCI +1.12: no reliable change")
                .and(predicate::str::contains("talking with your doctor")),
        );
}

#[test]
fn history_is_by_date_and_the_earliest_result_is_the_baseline() {
    let dir = TempDir::new().expect("tmp");
    own(&dir, "calm.toml", OWN);
    // Entered first, dated later: 3,0,1 → 7.
    let take = |answers: &str, date: &str| {
        json(
            &dir,
            &[
                "assess",
                "take",
                "calm",
                "--answers",
                answers,
                "--date",
                date,
            ],
        )
    };
    take("3,0,1", "2026-03-01");
    // Entered afterwards for an earlier day: 0,3,1 → 1.
    take("0,3,1", "2026-01-01");
    let h = json(&dir, &["assess", "history", "calm"]);
    let h = h.as_array().expect("array");
    let dates: Vec<&str> = h.iter().filter_map(|e| e["date"].as_str()).collect();
    assert_eq!(dates, ["2026-01-01", "2026-03-01"]);
    assert_eq!(h[0]["total"], 1.0);
    assert!(h[0].get("change").is_none(), "the earliest is the baseline");
    // 1 → 7 against the earliest: recovered (not 7 → 1, deteriorated).
    assert_eq!(h[1]["change"]["classification"], "recovered");
    let out = cmd(&dir)
        .args(["assess", "history", "calm"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("2026-")).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("2026-01-01") && lines[0].contains("(baseline)"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("2026-03-01")
            && lines[1].contains("reliably improved, across the cut-off"),
        "{text}"
    );
}
