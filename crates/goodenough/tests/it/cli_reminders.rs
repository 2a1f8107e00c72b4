//! `goodenough reminders [--json]`: the devices that get reminders and the
//! next planned check-in reminder, in the person's time zone; a reminder
//! time inside quiet hours is said to send nothing. Devices are added in a
//! browser, so a fresh store lists none.

use assert_cmd::Command;
use serde_json::{json, Value};
use tempfile::TempDir;

const NOW: &str = "2026-03-11T18:00:00Z";

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_NOW", NOW)
        .env("TZ", "UTC")
        .arg("--data-dir")
        .arg(dir.path())
        .write_stdin("");
    c
}

#[test]
fn reminders_show_the_next_check_in_reminder_and_quiet_hours() {
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
    let out = cmd(&dir)
        .args(["--json", "reminders"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let plan: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(plan["devices"], json!([]));
    // 20:30 in Berlin (UTC+1 in March before the clocks change).
    assert_eq!(plan["next_checkin_reminder"], "2026-03-11T19:30:00Z");
    assert_eq!(
        plan["quiet_hours"],
        json!({"start": "22:00", "end": "07:00"})
    );
    let out = cmd(&dir).arg("reminders").output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("No device gets reminders yet"), "{text}");

    cmd(&dir)
        .args(["settings", "--reminder-time", "23:00"])
        .assert()
        .success();
    let out = cmd(&dir)
        .args(["--json", "reminders"])
        .output()
        .expect("runs");
    let plan: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(plan["next_checkin_reminder"], Value::Null);
    let out = cmd(&dir).arg("reminders").output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("is in quiet hours"), "{text}");
}
