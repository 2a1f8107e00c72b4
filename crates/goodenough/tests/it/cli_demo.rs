//! `goodenough demo`: fills an empty store reproducibly, refuses a store that
//! already holds records, and replaces them only when asked.

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const END: &str = "2026-11-01";

fn goodenough(dir: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("goodenough").expect("binary builds");
    cmd.env("GOODENOUGH_HOME", dir.path())
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_NOW", "2026-11-01T21:00:00Z")
        .env("TZ", "UTC");
    cmd
}

fn json(dir: &TempDir, args: &[&str]) -> Value {
    let out = goodenough(dir)
        .arg("--json")
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn demo(dir: &TempDir, extra: &[&str]) -> Value {
    let mut args = vec!["demo", "--end", END];
    args.extend_from_slice(extra);
    json(dir, &args)
}

/// Every record the store holds, as the list commands print them.
fn everything(dir: &TempDir) -> Vec<Value> {
    ["checkins", "thoughts", "wins", "setbacks"]
        .iter()
        .map(|kind| json(dir, &[kind]))
        .collect()
}

fn len(v: &Value) -> usize {
    v.as_array().expect("a JSON array").len()
}

#[test]
fn fills_a_fresh_store_with_about_eight_months() {
    let dir = TempDir::new().expect("tempdir");
    let summary = demo(&dir, &[]);
    assert_eq!(summary["days"], 240);
    assert_eq!(summary["start"], "2026-03-07");
    assert_eq!(summary["end"], END);
    assert_eq!(summary["display_name"], "Alex (demo)");

    let [checkins, thoughts, wins, setbacks] =
        <[Value; 4]>::try_from(everything(&dir)).expect("four kinds");
    // Missed evenings exist: fewer check-ins than days, but most have one.
    let n = len(&checkins);
    assert!((120..240).contains(&n), "{n} check-ins in 240 days");
    assert!((20..=120).contains(&len(&thoughts)), "{}", len(&thoughts));
    assert!((15..=120).contains(&len(&wins)), "{}", len(&wins));
    assert!((1..=40).contains(&len(&setbacks)), "{}", len(&setbacks));
    // The summary reports what the store holds.
    assert_eq!(summary["counts"]["checkins"], n);
    assert_eq!(summary["counts"]["thoughts"], len(&thoughts));
    assert_eq!(summary["wins"], len(&wins));
    assert_eq!(summary["setbacks"], len(&setbacks));
    // Dates stay inside the journey, oldest first.
    let dates: Vec<&str> = checkins
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["date"].as_str().expect("date"))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]));
    assert!(dates[0] >= "2026-03-07" && dates[n - 1] <= END);
    // The journey improves: kinder to oneself at the end than at the start.
    let (first, last) = (&summary["first_month"], &summary["last_month"]);
    assert!(last["mean_mood"].as_f64() > first["mean_mood"].as_f64());
    assert!(last["non_work_share"].as_f64() > first["non_work_share"].as_f64());
    // The demo persona's name is in the settings.
    let settings = json(&dir, &["settings"]);
    assert_eq!(settings["display_name"], "Alex (demo)", "{settings}");
}

#[test]
fn same_seed_same_data_and_another_seed_differs() {
    let a = TempDir::new().expect("tempdir");
    let b = TempDir::new().expect("tempdir");
    let c = TempDir::new().expect("tempdir");
    demo(&a, &["--seed", "7"]);
    demo(&b, &["--seed", "7"]);
    demo(&c, &["--seed", "8"]);
    let (da, db, dc) = (everything(&a), everything(&b), everything(&c));
    // Identical, ids included.
    assert_eq!(da, db);
    assert_ne!(da[0], dc[0]);
    assert_ne!(da[1], dc[1]);
}

#[test]
fn refuses_a_store_with_records_unless_replace() {
    let dir = TempDir::new().expect("tempdir");
    goodenough(&dir)
        .args([
            "checkin",
            "--date",
            "2026-10-30",
            "--mood",
            "6",
            "--energy",
            "5",
            "--appreciate",
            "rest: slept in",
            "--appreciate",
            "health: walked",
            "--appreciate",
            "work: fixed it",
        ])
        .assert()
        .success();
    let before = everything(&dir);
    let out = goodenough(&dir)
        .args(["demo", "--end", END])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--replace"), "{err}");
    assert!(err.contains("1 check-in"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(everything(&dir), before, "nothing changed");

    // --replace erases the real check-in and fills the demo.
    let summary = demo(&dir, &["--replace"]);
    assert_eq!(summary["replaced"], true);
    let after = everything(&dir);
    let own = after[0]
        .as_array()
        .expect("array")
        .iter()
        .filter(|c| c["appreciations"][0]["text"] == "slept in")
        .count();
    assert_eq!(own, 0, "the earlier check-in is gone");
    assert!(len(&after[0]) > 100);

    // Replacing the demo with the same seed gives the same records as a fresh store.
    let fresh = TempDir::new().expect("tempdir");
    demo(&fresh, &[]);
    assert_eq!(after, everything(&fresh));
    // And demo --replace again is still the same data (idempotent).
    demo(&dir, &["--replace"]);
    assert_eq!(everything(&dir), after);
}

#[test]
fn days_and_years_set_the_length() {
    let dir = TempDir::new().expect("tempdir");
    let s = demo(&dir, &["--days", "30"]);
    assert_eq!(s["start"], "2026-10-03");
    let n = s["counts"]["checkins"].as_u64().expect("number");
    assert!((10..30).contains(&n), "{n}");

    let dir = TempDir::new().expect("tempdir");
    let s = demo(&dir, &["--years", "2"]);
    assert_eq!(s["start"], "2024-11-02");
    assert_eq!(s["days"], 730);

    let dir = TempDir::new().expect("tempdir");
    for bad in [["--days", "0"], ["--years", "0"], ["--years", "500"]] {
        let out = goodenough(&dir)
            .args(["demo", "--end", END])
            .args(bad)
            .output()
            .expect("runs");
        assert!(!out.status.success(), "{bad:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(bad[0]), "{err}");
    }
    goodenough(&dir)
        .args(["demo", "--end", "2026-13-01"])
        .assert()
        .failure();
}

#[test]
fn a_store_holding_only_other_kinds_is_not_empty() {
    // Only a ladder rung: no check-ins, thoughts, wins or setbacks.
    let dir = TempDir::new().expect("temp dir");
    goodenough(&dir)
        .args(["ladder", "add", "share a draft at 70%", "--distress", "40"])
        .assert()
        .success();
    let out = goodenough(&dir)
        .args(["demo", "--end", END])
        .output()
        .expect("runs");
    assert!(
        !out.status.success(),
        "demo must refuse a store with records"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 other record"), "{err}");
    // Nothing changed: still no check-ins, and the rung is still there.
    assert_eq!(len(&json(&dir, &["checkins"])), 0);
    assert_eq!(len(&json(&dir, &["ladder"])), 1);
}
