//! What a new user's walk through the CLI found, through the real binary:
//! completions into a closed pipe, each command's help, numeric and text
//! flags, short handles for records, and `--json` lists being arrays.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-03-10T20:15:30Z";

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("goodenough")
}

fn ge(dir: &Path) -> Command {
    let mut c = Command::new(bin());
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", NOW)
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(dir)
        .write_stdin("");
    c
}

/// A fresh data directory whose person lives in UTC.
fn fresh() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    ge(dir.path())
        .args(["settings", "--time-zone", "UTC"])
        .assert()
        .success();
    dir
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = ge(dir).arg("--json").args(args).output().expect("runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"))
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = ge(dir).args(args).output().expect("runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A refusal: the exit code, and stderr as text, checked to be a sentence
/// and not a panic.
fn refused(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = ge(dir).args(args).output().expect("runs");
    assert!(!out.status.success(), "{args:?} was accepted");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code().unwrap_or(-1), err)
}

// ---------------------------------------------------------------- pipes

#[test]
fn completions_into_a_pipe_closed_early_end_quietly() {
    for shell in ["bash", "zsh", "fish"] {
        let mut child = std::process::Command::new(bin())
            .args(["completions", shell])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        // Read one line, as `| head -1` does, then close the pipe. The
        // scripts are far larger than a pipe's buffer, so the rest of the
        // writing meets the closed end.
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("reads a line");
        assert!(!first.trim().is_empty(), "{shell}: an empty first line");
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err)
            .expect("reads stderr");
        let status = child.wait().expect("waits");
        assert_eq!(status.code(), Some(0), "{shell}: {status:?}, {err}");
        assert!(!err.contains("panicked"), "{shell}: {err}");
        assert!(err.trim().is_empty(), "{shell}: {err}");
    }
}

// ---------------------------------------------------------------- help

/// The subcommands `goodenough --help` lists, each with the start of its
/// description.
fn subcommands_described() -> Vec<(String, String)> {
    let dir = TempDir::new().expect("tempdir");
    let help = stdout(dir.path(), &["--help"]);
    let mut in_commands = false;
    let mut found = Vec::new();
    for line in help.lines() {
        if line.starts_with("Commands:") {
            in_commands = true;
            continue;
        }
        if in_commands && !line.starts_with(' ') && !line.is_empty() {
            break;
        }
        // A command's own line is indented by two spaces; a wrapped
        // description by more.
        if in_commands && line.starts_with("  ") && !line.starts_with("   ") {
            let line = line.trim_start();
            if let Some((name, about)) = line.split_once(' ') {
                found.push((name.to_string(), about.trim().to_string()));
            }
        }
    }
    found
}

fn subcommands() -> Vec<String> {
    subcommands_described()
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn each_command_help_starts_with_its_own_description() {
    let dir = TempDir::new().expect("tempdir");
    let timebox = stdout(dir.path(), &["timebox", "--help"]);
    let first = timebox.lines().next().unwrap_or_default();
    assert!(first.starts_with("Timebox a piece of work"), "{first}");

    let names = subcommands();
    for expected in ["checkin", "timebox", "ladder", "help-now", "completions"] {
        assert!(names.iter().any(|n| n == expected), "{expected}: {names:?}");
    }
    for name in names.iter().filter(|n| *n != "help") {
        let help = stdout(dir.path(), &[name, "--help"]);
        let first = help.lines().next().unwrap_or_default().to_lowercase();
        assert!(!first.is_empty(), "{name}: no description");
        if name == "help-now" {
            assert!(first.contains("help now"), "{name}: {first}");
        } else {
            assert!(!first.contains("help now"), "{name} --help begins: {first}");
        }
    }
}

// ---------------------------------------------------------------- numbers

#[test]
fn numeric_flags_refuse_words_and_huge_numbers_with_a_sentence() {
    let dir = fresh();
    let d = dir.path();
    let long = "7".repeat(120) + &"x".repeat(80);
    assert_eq!(long.chars().count(), 200);
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["reframe", "--situation", "s", "--thought", "t", "--belief"],
            "--belief",
            "0 to 100",
        ),
        (&["checkin", "--energy", "5", "--mood"], "--mood", "0 to 10"),
        (
            &["no", "--request", "r", "--response", "x", "--guilt-before"],
            "--guilt-before",
            "0 to 10",
        ),
        (
            &["ladder", "add", "a", "--distress"],
            "--distress",
            "0 to 100",
        ),
        (&["boundaries", "--weeks"], "--weeks", "1 to 530"),
        (
            &["timebox", "watch", "--once", "--tick"],
            "--tick",
            "1 to 3600",
        ),
    ];
    for (args, flag, range) in cases {
        for bad in ["abc", "99999999999999999999999", "4.5", long.as_str()] {
            let mut line = args.to_vec();
            line.push(bad);
            let (code, err) = refused(d, &line);
            assert_eq!(code, 2, "{line:?}: {err}");
            let first = err.lines().next().unwrap_or_default();
            assert!(
                first.starts_with(&format!(
                    "error: {flag} must be a whole number from {range} (got \""
                )),
                "{line:?}: {first}"
            );
            for raw in ["invalid digit", "too large", "invalid value", "target type"] {
                assert!(!err.contains(raw), "{line:?}: {err}");
            }
            // The value is repeated, cut to at most 80 characters.
            let echoed = first
                .split("(got \"")
                .nth(1)
                .and_then(|rest| rest.strip_suffix("\")."))
                .unwrap_or_else(|| panic!("{first}"));
            assert!(echoed.chars().count() <= 80, "{echoed}");
            if bad.chars().count() > 80 {
                assert!(echoed.ends_with('…'), "{echoed}");
                assert!(long.starts_with(echoed.trim_end_matches('…')));
            } else {
                assert_eq!(echoed, bad);
            }
        }
    }
    // Nothing was written along the way.
    assert_eq!(json(d, &["thoughts"]), serde_json::json!([]));
    assert_eq!(json(d, &["noes"]), serde_json::json!([]));
    assert_eq!(json(d, &["ladder"]), serde_json::json!([]));
}

// ---------------------------------------------------------------- text

#[test]
fn text_flags_take_values_that_begin_with_a_hyphen() {
    let dir = fresh();
    let d = dir.path();
    ge(d)
        .args(["setback", "Missed the deadline", "--lesson", "-1"])
        .assert()
        .success();
    ge(d)
        .args(["setback", "Worked late", "--lesson=-- ask earlier"])
        .assert()
        .success();
    let setbacks = json(d, &["setbacks"]);
    assert_eq!(setbacks[0]["lesson"], "-1");
    assert_eq!(setbacks[1]["lesson"], "-- ask earlier");
    ge(d)
        .args(["no", "--request", "-5% budget, again", "--response", "No"])
        .args(["--guilt-before", "4"])
        .assert()
        .success();
    assert_eq!(json(d, &["noes"])[0]["request"], "-5% budget, again");

    // A flag where the text should be is refused, not saved as the text,
    // and the message says what works.
    let (code, err) = refused(d, &["setback", "x", "--lesson", "--json"]);
    assert_eq!(code, 2);
    assert!(err.contains("--lesson is missing its text"), "{err}");
    assert!(err.contains("--lesson=\"-…\""), "{err}");
    assert!(
        !err.contains("-- -"),
        "clap's tip does not work for flags: {err}"
    );
    assert_eq!(json(d, &["setbacks"]).as_array().map(Vec::len), Some(2));
}

// ---------------------------------------------------------------- handles

/// The handle a creating command printed in `line_start … handle …`.
fn handle_in(text: &str, after: &str) -> String {
    let rest = text
        .split(after)
        .nth(1)
        .unwrap_or_else(|| panic!("no {after:?} in {text}"));
    rest.chars().take_while(char::is_ascii_hexdigit).collect()
}

fn ends_with_handle(id: &Value, handle: &str) {
    let id = id.as_str().expect("id");
    assert_eq!(handle.len(), 6, "{handle}");
    assert!(id.ends_with(handle), "{id} does not end with {handle}");
}

#[test]
fn records_made_together_are_each_picked_by_their_handle() {
    let dir = fresh();
    let d = dir.path();

    // Delegations: `delegate` prints the handle, the list shows it, and
    // `delegate update` takes it.
    let one = stdout(d, &["delegate", "Write the release notes", "--to", "Priya"]);
    let two = stdout(d, &["delegate", "Triage the bugs", "--to", "Mei"]);
    let (h1, h2) = (
        handle_in(&one, "delegate update "),
        handle_in(&two, "delegate update "),
    );
    let all = json(d, &["delegations"]);
    ends_with_handle(&all[0]["id"], &h1);
    ends_with_handle(&all[1]["id"], &h2);
    let listed = stdout(d, &["delegations"]);
    assert!(
        listed.contains(&format!("{h1}  Write the release notes")),
        "{listed}"
    );
    assert!(
        listed.contains(&format!("{h2}  Triage the bugs")),
        "{listed}"
    );
    ge(d)
        .args(["delegate", "update", &h2, "--fine", "yes"])
        .assert()
        .success();
    ge(d)
        .args(["delegate", "update", &h1.to_uppercase(), "--fine", "no"])
        .assert()
        .success();
    let all = json(d, &["delegations"]);
    assert_eq!(
        (all[0]["fine"].as_bool(), all[1]["fine"].as_bool()),
        (Some(false), Some(true))
    );

    // Their ids begin alike (time-ordered): a shared start picks neither
    // and says which handles to type.
    let (a, b) = (
        all[0]["id"].as_str().expect("id").to_string(),
        all[1]["id"].as_str().expect("id").to_string(),
    );
    let common: String = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect();
    assert!(common.len() >= 4, "{a} and {b}");
    let (_, err) = refused(d, &["delegate", "update", &common, "--fine", "yes"]);
    assert!(err.contains("fits 2 delegations"), "{err}");
    assert!(err.contains(&h1) && err.contains(&h2), "{err}");
    let (_, err) = refused(d, &["delegate", "update", "zzzzzz", "--fine", "yes"]);
    assert!(
        err.contains("no delegation has the handle or id \"zzzzzz\""),
        "{err}"
    );
    assert!(err.contains("`goodenough delegations`"), "{err}");
    let (_, err) = refused(d, &["delegate", "update", "ab", "--fine", "yes"]);
    assert!(err.contains("too short"), "{err}");

    // Noes.
    let one = stdout(
        d,
        &[
            "no",
            "--request",
            "On-call",
            "--response",
            "No",
            "--guilt-before",
            "6",
        ],
    );
    let two = stdout(
        d,
        &[
            "no",
            "--request",
            "Audit",
            "--response",
            "No",
            "--guilt-before",
            "7",
        ],
    );
    let (n1, n2) = (handle_in(&one, "no update "), handle_in(&two, "no update "));
    ge(d)
        .args(["no", "update", &n2, "--guilt-after", "1"])
        .assert()
        .success();
    ge(d)
        .args(["no", "update", &n1, "--guilt-after", "3"])
        .assert()
        .success();
    let noes = json(d, &["noes"]);
    assert_eq!(
        (
            noes[0]["guilt_after"].as_i64(),
            noes[1]["guilt_after"].as_i64()
        ),
        (Some(3), Some(1))
    );
    assert!(stdout(d, &["noes"]).contains(&n2));

    // Rungs and experiments.
    let r1 = handle_in(
        &stdout(d, &["ladder", "add", "Share a draft", "--distress", "20"]),
        "Added rung ",
    );
    let r2 = handle_in(
        &stdout(d, &["ladder", "add", "Ask in standup", "--distress", "30"]),
        "Added rung ",
    );
    assert!(stdout(d, &["ladder"]).contains(&r2));
    ge(d).args(["ladder", "done", &r2]).assert().success();
    let plan = |rung: &str| {
        stdout(
            d,
            &[
                "experiment",
                "plan",
                "--belief",
                "b",
                "--prediction",
                "p",
                "--likelihood",
                "70",
                "--anxiety",
                "60",
                "--rung",
                rung,
            ],
        )
    };
    let e1 = handle_in(&plan(&r1), "Planned experiment ");
    let e2 = handle_in(&plan(&r2), "Planned experiment ");
    assert!(stdout(d, &["experiments"]).contains(&e1));
    ge(d)
        .args([
            "experiment",
            "record",
            &e1,
            "--happened",
            "no",
            "--actual",
            "fine",
        ])
        .args(["--anxiety-after", "20", "--learned", "it was fine"])
        .assert()
        .success();
    let experiments = json(d, &["experiments"]);
    ends_with_handle(&experiments[0]["id"], &e1);
    ends_with_handle(&experiments[1]["id"], &e2);
    assert_eq!(experiments[0]["result"]["happened"], "no");
    assert!(experiments[1]["result"].is_null());
    let ladder = json(d, &["ladder"]);
    ends_with_handle(&ladder[0]["id"], &r1);
    assert_eq!(
        ladder[0]["done_on"], "2026-03-10",
        "recording marked the rung"
    );
    assert_eq!(ladder[1]["done_on"], "2026-03-10");

    // Blocks, values and thought records.
    let b1 = stdout(
        d,
        &["block", "add", "painting", "--weekly", "sat", "10:00-12:00"],
    );
    let b2 = stdout(
        d,
        &["block", "add", "piano", "--weekly", "sun", "10:00-11:00"],
    );
    let (b1, b2) = (handle_in(&b1, "("), handle_in(&b2, "("));
    assert!(stdout(d, &["blocks"]).contains(&b2));
    ge(d).args(["block", "kept", &b2]).assert().success();
    ge(d).args(["block", "skipped", &b1]).assert().success();
    let v1 = handle_in(
        &stdout(d, &["value", "add", "friend", "--practice", "calls"]),
        "(",
    );
    let v2 = handle_in(
        &stdout(d, &["value", "add", "painter", "--practice", "colour"]),
        "(",
    );
    ge(d).args(["value", "remove", &v1]).assert().success();
    let values = json(d, &["values"]);
    assert_eq!(values.as_array().map(Vec::len), Some(1));
    ends_with_handle(&values[0]["id"], &v2);
    let reframe = |situation: &str| {
        stdout(
            d,
            &[
                "reframe",
                "--situation",
                situation,
                "--thought",
                "I am careless",
                "--belief",
                "70",
            ],
        )
    };
    let t1 = handle_in(&reframe("Deploy failed"), "(");
    let t2 = handle_in(&reframe("Review comments"), "(");
    assert!(stdout(d, &["thoughts"]).contains(&t1));
    let m = json(
        d,
        &[
            "mistake",
            "add",
            "--what",
            "w",
            "--cost",
            "c",
            "--taught",
            "t",
            "--friend",
            "f",
            "--thought",
            &t2,
        ],
    );
    ends_with_handle(&m["thought_id"], &t2);
}

// ---------------------------------------------------------------- --json

#[test]
fn every_list_read_prints_a_json_array() {
    let dir = fresh();
    let d = dir.path();
    ge(d)
        .args(["demo", "--seed", "7", "--days", "60", "--end", "2026-03-10"])
        .assert()
        .success();
    let lists: &[&[&str]] = &[
        &["checkins"],
        &["thoughts"],
        &["traps"],
        &["wins"],
        &["setbacks"],
        &["noes"],
        &["delegations"],
        &["script", "list"],
        &["mistakes"],
        &["ladder"],
        &["ladder", "gaps"],
        &["experiments"],
        &["timeboxes"],
        &["git", "weeks"],
        &["boundaries"],
        &["hobbies"],
        &["blocks"],
        &["rests"],
        &["values"],
        &["practice", "list"],
        &["practices"],
        &["assess", "list"],
        &["assess", "history", "perfectionism-snapshot"],
        &["evidence"],
        &["evidence", "list"],
        &["programme", "list"],
        &["reviews"],
    ];
    // Every command whose help says it lists something is among them, so a
    // new list command cannot slip by.
    let listing: Vec<String> = subcommands_described()
        .into_iter()
        .filter(|(_, about)| about.starts_with("List "))
        .map(|(name, _)| name)
        .collect();
    assert!(listing.len() >= 14, "{listing:?}");
    for name in &listing {
        assert!(
            lists.iter().any(|l| l == &[name.as_str()]),
            "`{name}` lists records but is not checked here"
        );
    }
    let mut non_empty = 0;
    for args in lists {
        let v = json(d, args);
        let items = v
            .as_array()
            .unwrap_or_else(|| panic!("{args:?} --json is not an array: {v}"));
        if !items.is_empty() {
            non_empty += 1;
        }
    }
    // The demo fills most of them, so the shapes were really seen.
    assert!(non_empty >= 20, "only {non_empty} lists had items");
    assert!(!json(d, &["ladder"]).as_array().is_some_and(Vec::is_empty));
}
