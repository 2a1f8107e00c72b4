//! The evening check-in through the real binary: the documented form, every
//! way the input can be wrong, replacing, listing, exact text, an unwritable
//! data directory and several processes writing at the same moment.

use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// "Today" for every run: 10 March 2026, midday in UTC.
const NOW: &str = "2026-03-10T12:00:00Z";
const TODAY: &str = "2026-03-10";

fn ge(dir: &Path) -> Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("goodenough"));
    cmd.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_NOW", NOW)
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(dir)
        .stdin(Stdio::null());
    Command::from_std(cmd)
}

/// A fresh data directory whose person lives in UTC, so `NOW` is `TODAY`.
fn fresh() -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    ge(dir.path())
        .args(["settings", "--time-zone", "UTC"])
        .assert()
        .success();
    dir
}

const APPS: [&str; 3] = [
    "work: fixed the flaky test",
    "relationships: called my sister",
    "creativity: sketched for twenty minutes",
];

fn checkin_cmd(dir: &Path, mood: &str, energy: &str, apps: &[&str]) -> Command {
    let mut cmd = ge(dir);
    cmd.args(["checkin", "--mood", mood, "--energy", energy]);
    for a in apps {
        cmd.args(["--appreciate", a]);
    }
    cmd
}

fn list(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let out = ge(dir)
        .args(["checkins", "--json"])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).expect("checkins --json is JSON");
    v.as_array().expect("a JSON array").clone()
}

fn stderr_of(cmd: &mut Command) -> String {
    let out = cmd.assert().failure().get_output().clone();
    assert!(
        out.stdout.is_empty() || !String::from_utf8_lossy(&out.stdout).contains("Saved"),
        "a refused check-in must not say it was saved"
    );
    String::from_utf8(out.stderr).expect("stderr is UTF-8")
}

/// A refusal: non-zero exit, one readable sentence, no panic.
fn assert_sentence(stderr: &str, expect: &[&str]) {
    let s = stderr.trim();
    assert!(!s.is_empty(), "stderr is empty");
    assert!(!s.contains("panicked"), "{s}");
    assert!(!s.contains("RUST_BACKTRACE"), "{s}");
    let lower = s.to_lowercase();
    for e in expect {
        assert!(lower.contains(&e.to_lowercase()), "expected {e:?} in {s:?}");
    }
}

#[test]
fn the_documented_form_works_and_lists_as_json() {
    let dir = fresh();
    let out = checkin_cmd(dir.path(), "6", "5", &APPS)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(TODAY), "{stdout}");
    let all = list(dir.path(), &[]);
    assert_eq!(all.len(), 1);
    let c = &all[0];
    let mut keys: Vec<&str> = c
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["appreciations", "date", "energy", "id", "mood", "note"]
    );
    assert!(c["id"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(c["date"], TODAY);
    assert_eq!(c["mood"], 6);
    assert_eq!(c["energy"], 5);
    assert_eq!(c["note"], Value::Null);
    assert_eq!(
        c["appreciations"],
        serde_json::json!([
            {"area": "work", "text": "fixed the flaky test"},
            {"area": "relationships", "text": "called my sister"},
            {"area": "creativity", "text": "sketched for twenty minutes"},
        ])
    );
    // The kind consistency sentence.
    let sentence = stdout.to_lowercase();
    for harsh in ["missed", "fail", "broke"] {
        assert!(!sentence.contains(harsh), "{stdout}");
    }
}

#[test]
fn json_checkin_prints_the_saved_record() {
    let dir = fresh();
    let out = ge(dir.path())
        .arg("--json")
        .args([
            "checkin", "--mood", "3", "--energy", "2", "--note", "long day",
        ])
        .args(APPS.iter().flat_map(|a| ["--appreciate", a]))
        .assert()
        .success()
        .get_output()
        .clone();
    let saved: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(saved["note"], "long day");
    assert_eq!(list(dir.path(), &[]), vec![saved]);
}

#[test]
fn bad_inputs_are_refused_and_nothing_is_saved() {
    let dir = fresh();
    let two = &APPS[..2];
    let four = [APPS[0], APPS[1], APPS[2], "rest: napped"];
    let hobby = [APPS[0], APPS[1], "hobby: x"];
    let cases: Vec<(&str, Command, Vec<&str>)> = vec![
        (
            "mood 11",
            checkin_cmd(dir.path(), "11", "5", &APPS),
            vec!["mood", "10"],
        ),
        (
            "mood -1",
            checkin_cmd(dir.path(), "-1", "5", &APPS),
            vec!["mood", "0"],
        ),
        (
            "energy 11",
            checkin_cmd(dir.path(), "5", "11", &APPS),
            vec!["energy", "10"],
        ),
        (
            "two appreciations",
            checkin_cmd(dir.path(), "5", "5", two),
            vec!["three"],
        ),
        (
            "four appreciations",
            checkin_cmd(dir.path(), "5", "5", &four),
            vec!["three"],
        ),
        (
            "unknown area",
            checkin_cmd(dir.path(), "5", "5", &hobby),
            vec!["hobby"],
        ),
        (
            "no colon",
            checkin_cmd(dir.path(), "5", "5", &[APPS[0], APPS[1], "just text"]),
            vec![],
        ),
        (
            "date that does not exist",
            {
                let mut c = checkin_cmd(dir.path(), "5", "5", &APPS);
                c.args(["--date", "2026-02-30"]);
                c
            },
            vec!["2026-02-30"],
        ),
    ];
    for (what, mut cmd, expect) in cases {
        let err = stderr_of(&mut cmd);
        assert_sentence(&err, &expect);
        assert!(
            err.trim().lines().count() <= 2,
            "{what}: expected a short message, got {err:?}"
        );
        assert!(
            list(dir.path(), &[]).is_empty(),
            "{what}: something was saved"
        );
    }
}

#[test]
fn missing_flags_without_a_terminal_are_named() {
    let dir = fresh();
    let err = stderr_of(ge(dir.path()).arg("checkin"));
    assert_sentence(&err, &["--mood", "--energy", "--appreciate"]);
    let err = stderr_of(
        ge(dir.path())
            .args(["checkin", "--mood", "5"])
            .args(APPS.iter().flat_map(|a| ["--appreciate", a])),
    );
    assert_sentence(&err, &["--energy"]);
    assert!(!err.contains("--mood"), "{err}");
    let err = stderr_of(&mut checkin_cmd(dir.path(), "5", "5", &[]));
    assert_sentence(&err, &["--appreciate"]);
    assert!(list(dir.path(), &[]).is_empty());
}

#[test]
fn same_date_needs_replace() {
    let dir = fresh();
    checkin_cmd(dir.path(), "6", "5", &APPS).assert().success();
    let first = list(dir.path(), &[]);
    let err = stderr_of(&mut checkin_cmd(dir.path(), "2", "2", &APPS));
    assert_sentence(&err, &["already", "--replace"]);
    assert_eq!(
        list(dir.path(), &[]),
        first,
        "the first check-in is untouched"
    );

    let new_apps = [
        "health: walked to the shop",
        "rest: read a novel",
        "character: said no kindly",
    ];
    checkin_cmd(dir.path(), "8", "7", &new_apps)
        .args(["--replace", "--note", "better evening"])
        .assert()
        .success();
    let all = list(dir.path(), &[]);
    assert_eq!(all.len(), 1, "only one check-in for the date remains");
    let c = &all[0];
    assert_eq!(c["date"], TODAY);
    assert_eq!(c["mood"], 8);
    assert_eq!(c["energy"], 7);
    assert_eq!(c["note"], "better evening");
    assert_eq!(c["appreciations"][0]["area"], "health");
    assert_eq!(c["appreciations"][2]["text"], "said no kindly");
}

#[test]
fn all_work_is_saved_with_a_kind_nudge() {
    let dir = fresh();
    let work = [
        "work: fixed the flaky test",
        "work: reviewed two pull requests",
        "work: wrote the release notes",
    ];
    let out = checkin_cmd(dir.path(), "5", "4", &work)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(goodenough_core_nudge_start()),
        "expected the all-work nudge in {stdout:?}"
    );
    let all = list(dir.path(), &[]);
    assert_eq!(all.len(), 1);
    assert!(all[0]["appreciations"]
        .as_array()
        .expect("array")
        .iter()
        .all(|a| a["area"] == "work"));
}

/// The first words of core's all-work nudge (the binary crate's tests cannot
/// depend on core directly, so the wording is matched loosely).
fn goodenough_core_nudge_start() -> &'static str {
    "about work"
}

#[test]
fn list_is_oldest_first_and_since_filters() {
    let dir = fresh();
    for (date, mood) in [
        ("2026-03-05", "5"),
        ("2026-03-01", "1"),
        ("2026-03-03", "3"),
    ] {
        checkin_cmd(dir.path(), mood, "5", &APPS)
            .args(["--date", date])
            .assert()
            .success();
    }
    let dates = |v: &[Value]| -> Vec<String> {
        v.iter()
            .map(|c| c["date"].as_str().expect("date").to_string())
            .collect()
    };
    assert_eq!(
        dates(&list(dir.path(), &[])),
        ["2026-03-01", "2026-03-03", "2026-03-05"]
    );
    assert_eq!(
        dates(&list(dir.path(), &["--since", "2026-03-03"])),
        ["2026-03-03", "2026-03-05"]
    );
    assert!(list(dir.path(), &["--since", "2026-04-01"]).is_empty());
    let err = stderr_of(ge(dir.path()).args(["checkins", "--since", "2026-02-30"]));
    assert_sentence(&err, &["2026-02-30"]);

    // The text list ends with the kind consistency sentence.
    let out = ge(dir.path())
        .arg("checkins")
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(
        text.contains("2026-03-01") && text.contains("2026-03-05"),
        "{text}"
    );
    for harsh in ["missed", "fail", "broke"] {
        assert!(!text.contains(harsh), "{text}");
    }
}

#[test]
fn text_round_trips_exactly() {
    let dir = fresh();
    let emoji = "proud of myself 🎉👩🏽‍💻 today";
    let rtl = "שלום, הצלחתי לנוח היום — مرحبا";
    // Starts with a letter (an appreciation is "AREA: TEXT").
    let long: String = "xé👍🏽ש".chars().cycle().take(10_000).collect();
    assert_eq!(long.chars().count(), 10_000);
    checkin_cmd(
        dir.path(),
        "5",
        "5",
        &[
            &format!("creativity: {emoji}"),
            &format!("relationships: {rtl}"),
            &format!("other: {long}"),
        ],
    )
    .args(["--note", &long])
    .assert()
    .success();
    let all = list(dir.path(), &[]);
    let c = &all[0];
    assert_eq!(c["appreciations"][0]["text"], emoji);
    assert_eq!(c["appreciations"][1]["text"], rtl);
    assert_eq!(c["appreciations"][2]["text"], long.as_str());
    assert_eq!(c["note"], long.as_str());
}

#[test]
fn an_unwritable_data_dir_is_a_clear_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("not-a-dir");
    std::fs::write(&file, "I am a file").expect("write");
    let under = file.join("data");
    let err = stderr_of(&mut checkin_cmd(&under, "5", "5", &APPS));
    // The message names the path and what is wrong with it.
    assert_sentence(&err, &["not-a-dir", "not a directory"]);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

/// Spawns `n` check-ins on different dates into one fresh, never-used data
/// directory at the same moment; all must succeed and all must be listed.
fn concurrent(n: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = assert_cmd::cargo::cargo_bin("goodenough");
    let children: Vec<_> = (0..n)
        .map(|i| {
            let date = format!("2026-03-{:02}", i + 1);
            let mut cmd = std::process::Command::new(&bin);
            cmd.env_remove("GOODENOUGH_HOME")
                .env_remove("GOODENOUGH_DATABASE_URL")
                .env("GOODENOUGH_NOW", NOW)
                .arg("--data-dir")
                .arg(dir.path())
                .args(["checkin", "--mood", "5", "--energy", "5", "--date", &date])
                .args(APPS.iter().flat_map(|a| ["--appreciate", a]))
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            (date, cmd.spawn().expect("spawn"))
        })
        .collect();
    for (date, child) in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "check-in for {date} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut dates: Vec<String> = list(dir.path(), &[])
        .iter()
        .map(|c| c["date"].as_str().expect("date").to_string())
        .collect();
    dates.sort();
    let expected: Vec<String> = (0..n).map(|i| format!("2026-03-{:02}", i + 1)).collect();
    assert_eq!(dates, expected, "every concurrent check-in is present");
}

#[test]
fn two_processes_at_once_both_succeed() {
    concurrent(2);
}

#[test]
fn eight_processes_at_once_all_succeed() {
    concurrent(8);
}

#[test]
fn replace_says_replacing_only_when_there_was_one() {
    let dir = fresh();
    // --replace on an empty day: nothing is replaced, so nothing is said.
    let out = checkin_cmd(dir.path(), "6", "5", &APPS)
        .arg("--replace")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        said.contains(&format!("Saved your check-in for {TODAY}.")),
        "{said}"
    );
    assert!(!said.contains("replacing"), "{said}");
    // The same day again: now there is one to replace.
    let out = checkin_cmd(dir.path(), "7", "5", &APPS)
        .arg("--replace")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        said.contains(&format!(
            "Saved your check-in for {TODAY} (replacing the earlier one)."
        )),
        "{said}"
    );
    assert_eq!(list(dir.path(), &[]).len(), 1);
}

#[test]
fn a_future_or_pre_1970_date_is_refused_and_nothing_is_saved() {
    let dir = fresh();
    for (date, expect) in [
        ("2026-03-11", ["2026-03-11", "after today (2026-03-10)"]),
        (
            "2031-01-01",
            ["2031-01-01", "today's date or an earlier one"],
        ),
        ("1969-12-31", ["1969-12-31", "1970-01-01"]),
    ] {
        let err = stderr_of(checkin_cmd(dir.path(), "5", "5", &APPS).args(["--date", date]));
        assert_sentence(&err, &expect);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        // The sentence is core's: it names no front end's flag.
        assert!(!err.contains("--date"), "{err}");
    }
    assert!(list(dir.path(), &[]).is_empty(), "nothing was saved");
    checkin_cmd(dir.path(), "5", "5", &APPS)
        .args(["--date", TODAY])
        .assert()
        .success();
    // Other records that happened follow the same rule.
    let err = stderr_of(ge(dir.path()).args(["win", "Shipped it", "--date", "2026-03-12"]));
    assert_sentence(&err, &["a win", "2026-03-12"]);
}

/// "Today" is the person's: at 23:30 UTC it is already the next day in
/// Auckland, so a check-in for that day is theirs to make.
#[test]
fn today_is_the_persons_own_in_their_time_zone() {
    let dir = fresh();
    let late = |cmd: &mut Command| {
        cmd.env("GOODENOUGH_NOW", "2026-03-10T23:30:00Z");
    };
    let mut refused = checkin_cmd(dir.path(), "5", "5", &APPS);
    late(&mut refused);
    let err = stderr_of(refused.args(["--date", "2026-03-11"]));
    assert_sentence(&err, &["after today (2026-03-10)"]);
    ge(dir.path())
        .args(["settings", "--time-zone", "Pacific/Auckland"])
        .assert()
        .success();
    let mut accepted = checkin_cmd(dir.path(), "5", "5", &APPS);
    late(&mut accepted);
    accepted.args(["--date", "2026-03-11"]).assert().success();
}
