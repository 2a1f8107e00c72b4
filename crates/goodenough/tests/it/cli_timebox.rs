//! Timeboxes through the real binary: the whole life of a box with `--at`
//! and a pinned clock, every bad input (non-zero exit, a sentence, nothing
//! changed), revisions and re-checks of finished work, export/import, and
//! two processes starting a box at the same moment.

use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The pinned "now" for every run: 10 March 2026, midday UTC.
const NOW: &str = "2026-03-10T12:00:00Z";

fn ge_at(dir: &Path, now: &str) -> Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("goodenough"));
    cmd.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_NOW", now)
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(dir)
        .stdin(Stdio::null());
    Command::from_std(cmd)
}

fn ge(dir: &Path) -> Command {
    ge_at(dir, NOW)
}

fn fresh() -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    ge(dir.path())
        .args(["settings", "--time-zone", "Europe/Berlin"])
        .assert()
        .success();
    dir
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("json output")
}

fn list(dir: &Path) -> Vec<Value> {
    json(ge(dir).arg("timeboxes"))
        .as_array()
        .expect("array")
        .clone()
}

fn stderr_of(cmd: &mut Command) -> String {
    let out = cmd.assert().failure().get_output().stderr.clone();
    String::from_utf8(out).expect("utf8")
}

#[test]
fn a_box_from_start_to_stop() {
    let dir = fresh();
    let d = dir.path();
    // 10:00 in Berlin is 09:00 UTC.
    let started = json(ge(d).args([
        "timebox",
        "start",
        "Write the report",
        "--limit",
        "1h30m",
        "--at",
        "2026-03-10 10:00",
    ]));
    assert_eq!(started["limit_minutes"], 90);
    assert_eq!(started["started_at"], "2026-03-10T09:00:00Z");
    assert_eq!(started["running"], true);

    // At 11:00 UTC (two hours in) the box ended 30 minutes ago.
    let status = ge(d).args(["timebox", "status"]).assert().success();
    let text = String::from_utf8(status.get_output().stdout.clone()).expect("utf8");
    assert!(text.contains("ended") && text.contains("ago"), "{text}");
    assert!(text.contains("what made it grow"), "{text}");
    assert!(
        !text.to_lowercase().contains("fail ") && !text.contains("failed"),
        "{text}"
    );
    // Earlier, the status shows what is left.
    let early = ge_at(d, "2026-03-10T09:45:00Z")
        .args(["timebox", "status"])
        .assert()
        .success();
    let text = String::from_utf8(early.get_output().stdout.clone()).expect("utf8");
    assert!(text.contains("45m left of 1h30m"), "{text}");
    let s = json(ge_at(d, "2026-03-10T09:45:00Z").args(["timebox", "status"]));
    assert_eq!(s["remaining_minutes"], 45);

    ge(d)
        .args([
            "timebox",
            "revise",
            "--note",
            "tighter intro",
            "--at",
            "2026-03-10 10:40",
        ])
        .assert()
        .success();
    ge(d).args(["timebox", "recheck"]).assert().success();
    let ext = json(ge(d).args(["timebox", "extend", "15m", "--reason", "review comments"]));
    assert_eq!(ext["extensions"][0]["minutes"], 15);
    assert_eq!(ext["extensions"][0]["reason"], "review comments");

    // The watch bar, drawn once: not a terminal, so a status line.
    let watch = ge(d)
        .args(["timebox", "watch", "--once"])
        .assert()
        .success();
    let text = String::from_utf8(watch.get_output().stdout.clone()).expect("utf8");
    assert!(text.contains("Write the report"), "{text}");

    let stopped = json(ge(d).args(["timebox", "stop", "--at", "2026-03-10 12:10"]));
    assert_eq!(stopped["outcome"], "shipped");
    assert_eq!(stopped["ended_at"], "2026-03-10T11:10:00Z");
    assert_eq!(stopped["actual_minutes"], 130);
    // Against the original 90 minutes, not the extended 105.
    assert_eq!(stopped["overrun_minutes"], 40);

    // Re-checking finished work still counts, against the last box.
    ge(d).args(["timebox", "recheck"]).assert().success();
    ge(d)
        .args(["timebox", "revise", "--at", "2026-03-10 12:30"])
        .assert()
        .success();

    let boxes = list(d);
    assert_eq!(boxes.len(), 1);
    let b = &boxes[0];
    assert_eq!(b["title"], "Write the report");
    assert_eq!(b["limit_minutes"], 90);
    assert_eq!(b["actual_minutes"], 130);
    assert_eq!(b["overrun_minutes"], 40);
    assert_eq!(b["overran"], true);
    assert_eq!(b["revisions"].as_array().expect("revisions").len(), 2);
    assert_eq!(b["revisions"][0]["note"], "tighter intro");
    assert_eq!(b["rechecks"], 2);
    assert_eq!(b["outcome"], "shipped");

    // A second box, within its limit, dropped on purpose.
    ge(d)
        .args([
            "timebox",
            "start",
            "Tidy the backlog",
            "--limit",
            "45m",
            "--at",
            "2026-03-10 13:00",
        ])
        .assert()
        .success();
    ge(d)
        .args([
            "timebox",
            "stop",
            "--outcome",
            "dropped",
            "--at",
            "2026-03-10 13:30",
        ])
        .assert()
        .success();
    let boxes = list(d);
    assert_eq!(boxes.len(), 2, "oldest first");
    assert_eq!(boxes[1]["overrun_minutes"], 0);
    assert_eq!(boxes[1]["outcome"], "dropped");

    let table = ge(d).arg("timeboxes").assert().success();
    let text = String::from_utf8(table.get_output().stdout.clone()).expect("utf8");
    assert!(text.contains("+40m") && text.contains("dropped"), "{text}");

    let weeks = json(ge(d).args(["timeboxes", "--weekly"]));
    assert_eq!(weeks[0]["boxes"], 2);
    assert_eq!(weeks[0]["overran"], 1);
    assert_eq!(weeks[0]["overrun_rate"], 0.5);
    assert_eq!(weeks[0]["median_revisions"], 1.0);
    assert_eq!(weeks[0]["rechecks"], 2);
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let dir = fresh();
    let d = dir.path();
    for limit in ["0m", "-5m", "90x", ""] {
        let e = stderr_of(ge(d).args(["timebox", "start", "Report", "--limit", limit]));
        assert!(e.contains("1h30m"), "{limit}: {e}");
    }
    let e = stderr_of(ge(d).args(["timebox", "start", "  ", "--limit", "30m"]));
    assert!(e.contains("title"), "{e}");
    let e = stderr_of(ge(d).args([
        "timebox", "start", "Report", "--limit", "30m", "--at", "soon",
    ]));
    assert!(
        e.contains("\"soon\"") && e.contains("2026-03-14 09:30"),
        "{e}"
    );
    assert!(list(d).is_empty());

    let e = stderr_of(ge(d).args(["timebox", "stop"]));
    assert!(e.contains("No timebox is running"), "{e}");
    let e = stderr_of(ge(d).args(["timebox", "extend", "15m", "--reason", "x"]));
    assert!(e.contains("No timebox is running"), "{e}");
    let e = stderr_of(ge(d).args(["timebox", "recheck"]));
    assert!(e.contains("no timebox yet"), "{e}");

    ge(d)
        .args([
            "timebox",
            "start",
            "Report",
            "--limit",
            "30m",
            "--at",
            "2026-03-10 10:00",
        ])
        .assert()
        .success();
    let before = list(d);
    let e = stderr_of(ge(d).args(["timebox", "start", "Another", "--limit", "30m"]));
    assert!(e.contains("already running"), "{e}");
    let e = stderr_of(ge(d).args(["timebox", "stop", "--at", "2026-03-10 09:59"]));
    assert!(e.contains("before the box started"), "{e}");
    let e = stderr_of(ge(d).args(["timebox", "revise", "--at", "2026-03-09 10:00"]));
    assert!(e.contains("before the box started"), "{e}");
    let e = stderr_of(ge(d).args(["timebox", "stop", "--outcome", "finished"]));
    assert!(e.contains("shipped, extended or dropped"), "{e}");
    for minutes in ["0m", "-5m", "soon"] {
        let e = stderr_of(ge(d).args(["timebox", "extend", minutes, "--reason", "why"]));
        assert!(e.contains("1h30m"), "{minutes}: {e}");
    }
    let e = stderr_of(ge(d).args(["timebox", "extend", "15m", "--reason", " "]));
    assert!(e.contains("reason"), "{e}");
    assert_eq!(list(d), before, "nothing changed");
    assert_eq!(before[0]["running"], true);
}

#[test]
fn export_import_and_erase_cover_timeboxes() {
    let dir = fresh();
    let d = dir.path();
    ge(d)
        .args([
            "timebox",
            "start",
            "Report",
            "--limit",
            "30m",
            "--at",
            "2026-03-10 10:00",
        ])
        .assert()
        .success();
    ge(d)
        .args(["timebox", "stop", "--at", "2026-03-10 10:45"])
        .assert()
        .success();
    let out = ge(d)
        .arg("export")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).expect("export");
    assert_eq!(doc["timeboxes"].as_array().expect("timeboxes").len(), 1);
    assert_eq!(doc["timeboxes"][0]["limit_minutes"], 30);
    assert!(
        doc["timeboxes"][0].get("overrun_minutes").is_none(),
        "export keeps the record only"
    );

    let csv_dir = d.join("csv");
    ge(d)
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv_dir)
        .assert()
        .success();
    let csv = std::fs::read_to_string(csv_dir.join("timeboxes.csv")).expect("csv");
    assert!(csv.starts_with("id,title,limit_minutes"), "{csv}");
    assert!(csv.contains(",Report,30,"), "{csv}");

    let file = d.join("export.json");
    std::fs::write(&file, &out).expect("write");
    let other = fresh();
    let first = ge(other.path()).arg("import").arg(&file).assert().success();
    let said = String::from_utf8(first.get_output().stdout.clone()).expect("utf8");
    assert!(said.contains("Added 1 timebox;"), "{said}");
    ge(other.path()).arg("import").arg(&file).assert().success();
    let boxes = list(other.path());
    assert_eq!(boxes.len(), 1, "importing twice adds nothing");
    assert_eq!(boxes[0]["overrun_minutes"], 15);

    // An export with two running boxes is refused as a whole.
    let mut bad = doc.clone();
    let mut running = doc["timeboxes"][0].clone();
    running["ended_at"] = Value::Null;
    running["outcome"] = Value::Null;
    let mut second = running.clone();
    second["id"] = Value::String("another-id".into());
    bad["timeboxes"] = Value::Array(vec![running, second]);
    let bad_file = d.join("bad.json");
    std::fs::write(&bad_file, serde_json::to_vec(&bad).expect("json")).expect("write");
    let e = stderr_of(ge(other.path()).arg("import").arg(&bad_file));
    assert!(
        e.contains("timeboxes[1]") && e.contains("one timebox"),
        "{e}"
    );

    ge(d).args(["erase", "--yes"]).assert().success();
    assert!(list(d).is_empty());
}

#[test]
fn two_concurrent_starts_leave_exactly_one_running_box() {
    let dir = fresh();
    let d = dir.path().to_path_buf();
    let children: Vec<_> = (0..6)
        .map(|i| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("goodenough"))
                .env_remove("GOODENOUGH_HOME")
                .env_remove("GOODENOUGH_DATABASE_URL")
                .env("GOODENOUGH_NOW", NOW)
                .arg("--data-dir")
                .arg(&d)
                .args(["timebox", "start", &format!("Box {i}"), "--limit", "30m"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut ok = 0;
    for child in children {
        let out = child.wait_with_output().expect("wait");
        if out.status.success() {
            ok += 1;
        } else {
            let e = String::from_utf8_lossy(&out.stderr);
            assert!(e.contains("already running"), "{e}");
        }
    }
    assert_eq!(ok, 1);
    let boxes = list(&d);
    assert_eq!(boxes.len(), 1);
    assert_eq!(boxes[0]["running"], true);
}

#[test]
fn demo_has_timeboxes_that_improve() {
    let dir = fresh();
    let d = dir.path();
    ge(d).arg("demo").assert().success();
    let boxes = list(d);
    assert!(boxes.len() > 80, "{}", boxes.len());
    let weeks = json(ge(d).args(["timeboxes", "--weekly"]));
    let weeks = weeks.as_array().expect("weeks");
    let rate = |ws: &[Value]| {
        let boxes: f64 = ws.iter().map(|w| w["boxes"].as_f64().unwrap_or(0.0)).sum();
        let over: f64 = ws
            .iter()
            .map(|w| w["overran"].as_f64().unwrap_or(0.0))
            .sum();
        over / boxes
    };
    let n = weeks.len();
    assert!(rate(&weeks[..n / 5]) > rate(&weeks[n * 4 / 5..]) + 0.3);
}
