//! Overwork signals from git through the real binary: small repositories
//! made with `git` in a temp dir (chosen author dates: a weekday inside
//! working hours, late evenings, a Saturday), scan counts, rescans that add
//! nothing, the --author and --since filters, every bad input (a sentence,
//! non-zero exit, nothing recorded), and the weekly outcome summary.

use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// Tuesday 10 March 2026, midday UTC.
const NOW: &str = "2026-03-10T12:00:00Z";

fn ge(dir: &Path) -> Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("goodenough"));
    cmd.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_NOW", NOW)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(dir.join("data"))
        .stdin(Stdio::null());
    Command::from_std(cmd)
}

fn git(home: &Path, repo: &Path, args: &[&str], date: Option<&str>) {
    let mut cmd = std::process::Command::new("git");
    cmd.current_dir(repo)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("xdg"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args);
    if let Some(d) = date {
        cmd.env("GIT_AUTHOR_DATE", d).env("GIT_COMMITTER_DATE", d);
    }
    let out = cmd.output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn commit(home: &Path, repo: &Path, email: &str, date: &str) {
    git(
        home,
        repo,
        &[
            "-c",
            &format!("user.email={email}"),
            "-c",
            "user.name=Someone",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "a message that must never be stored",
        ],
        Some(date),
    );
}

/// A home with a data dir in UTC and a repository `repo` whose user.email
/// is me@example.com: 4 commits by me, 1 by someone else.
fn setup() -> (TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().expect("tempdir");
    ge(home.path())
        .args(["settings", "--time-zone", "UTC"])
        .assert()
        .success();
    let repo = home.path().join("repo");
    std::fs::create_dir(&repo).expect("mkdir");
    git(home.path(), &repo, &["init", "-q"], None);
    git(
        home.path(),
        &repo,
        &["config", "user.email", "me@example.com"],
        None,
    );
    git(home.path(), &repo, &["config", "user.name", "Me"], None);
    let me = "me@example.com";
    commit(home.path(), &repo, me, "2026-03-02T10:00:00+00:00"); // Mon, inside
    commit(home.path(), &repo, me, "2026-03-02T22:30:00+00:00"); // Mon, late
    commit(
        home.path(),
        &repo,
        "other@example.com",
        "2026-03-03T10:00:00+00:00",
    );
    commit(home.path(), &repo, me, "2026-03-07T11:00:00+00:00"); // Saturday
    commit(home.path(), &repo, me, "2026-03-09T23:59:00+00:00"); // Mon, late
    (home, repo)
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

fn stderr_of(cmd: &mut Command) -> String {
    let out = cmd.assert().failure().get_output().stderr.clone();
    String::from_utf8(out).expect("utf8")
}

fn weeks(home: &Path) -> Vec<Value> {
    json(ge(home).args(["git", "weeks"]))
        .as_array()
        .expect("array")
        .clone()
}

#[test]
fn scan_counts_the_persons_commits_per_week_and_rescans_add_nothing() {
    let (home, repo) = setup();
    let first = json(ge(home.path()).args(["git", "scan"]).arg(&repo));
    assert_eq!(first["author"], "me@example.com");
    assert_eq!(first["commits_read"], 5);
    assert_eq!(first["commits_found"], 4);
    assert_eq!(first["added"], 4);

    let w = weeks(home.path());
    assert_eq!(w.len(), 2, "{w:?}");
    assert_eq!(w[0]["week"], "2026-W10");
    assert_eq!(w[0]["commits"], 3);
    assert_eq!(w[0]["outside_hours"], 2);
    assert_eq!(w[0]["weekend"], 1);
    assert_eq!(w[1]["week"], "2026-W11");
    assert_eq!(w[1]["commits"], 1);
    assert_eq!(w[1]["outside_hours"], 1);
    assert_eq!(w[1]["weekend"], 0);

    let again = json(ge(home.path()).args(["git", "scan"]).arg(&repo));
    assert_eq!(again["added"], 0);
    assert_eq!(again["already_recorded"], 4);
    assert_eq!(weeks(home.path()), w);

    // The text output names the figures; the export keeps hashes and times only.
    let out = ge(home.path()).args(["git", "weeks"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf8");
    assert!(text.contains("2026-W10"), "{text}");
    let export = json(ge(home.path()).arg("export"));
    let commits = export["git_commits"].as_array().expect("git_commits");
    assert_eq!(commits.len(), 4);
    assert_eq!(commits[0]["hash"].as_str().map(str::len), Some(40));
    let whole = export.to_string();
    assert!(!whole.contains("must never be stored"));
    assert!(!whole.contains("repo"));
    let csv_dir = home.path().join("csv");
    ge(home.path())
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv_dir)
        .assert()
        .success();
    let csv = std::fs::read_to_string(csv_dir.join("git_commits.csv")).expect("csv");
    assert!(csv.starts_with("hash,at\n"), "{csv}");
    assert_eq!(csv.lines().count(), 5, "{csv}");
}

#[test]
fn author_and_since_filter_what_is_recorded() {
    let (home, repo) = setup();
    let other = json(
        ge(home.path())
            .args(["git", "scan", "--author", "OTHER@example.com"])
            .arg(&repo),
    );
    assert_eq!(other["author"], "OTHER@example.com");
    assert_eq!(other["commits_found"], 1);
    assert_eq!(weeks(home.path())[0]["commits"], 1);

    let since = json(
        ge(home.path())
            .args(["git", "scan", "--since", "2026-03-07"])
            .arg(&repo),
    );
    assert_eq!(since["commits_found"], 2);
    assert_eq!(since["added"], 2);
    let total: i64 = weeks(home.path())
        .iter()
        .map(|w| w["commits"].as_i64().expect("n"))
        .sum();
    assert_eq!(total, 3);
}

#[test]
fn bad_input_is_one_sentence_and_records_nothing() {
    let (home, repo) = setup();
    let not_repo = home.path().join("plain");
    std::fs::create_dir(&not_repo).expect("mkdir");
    let e = stderr_of(ge(home.path()).args(["git", "scan"]).arg(&not_repo));
    assert!(e.contains("is not a git repository"), "{e}");

    let e = stderr_of(
        ge(home.path())
            .args(["git", "scan", "--author", "nobody@example.com"])
            .arg(&repo),
    );
    assert!(e.contains("No commits by nobody@example.com"), "{e}");
    assert!(e.contains("--author"), "{e}");

    let e = stderr_of(
        ge(home.path())
            .args(["git", "scan", "--since", "last week"])
            .arg(&repo),
    );
    assert!(e.contains("--since \"last week\""), "{e}");
    assert!(e.contains("YYYY-MM-DD"), "{e}");

    // A repository without user.email and no --author: ask for --author.
    let bare = home.path().join("noemail");
    std::fs::create_dir(&bare).expect("mkdir");
    git(home.path(), &bare, &["init", "-q"], None);
    commit(
        home.path(),
        &bare,
        "x@example.com",
        "2026-03-02T10:00:00+00:00",
    );
    let e = stderr_of(ge(home.path()).args(["git", "scan"]).arg(&bare));
    assert!(e.contains("pass --author EMAIL"), "{e}");

    assert!(weeks(home.path()).is_empty());
}

#[test]
fn boundaries_summarises_each_source_per_week() {
    let (home, repo) = setup();
    json(ge(home.path()).args(["git", "scan"]).arg(&repo));
    for args in [
        vec![
            "timebox",
            "start",
            "Draft",
            "--limit",
            "30m",
            "--at",
            "2026-03-09 10:00",
        ],
        vec!["timebox", "revise", "--at", "2026-03-09 10:20"],
        vec!["timebox", "revise", "--at", "2026-03-09 10:25"],
        vec![
            "timebox",
            "stop",
            "--outcome",
            "shipped",
            "--at",
            "2026-03-09 10:45",
        ],
        vec![
            "timebox",
            "start",
            "Review",
            "--limit",
            "30m",
            "--at",
            "2026-03-10 09:00",
        ],
        vec![
            "timebox",
            "stop",
            "--outcome",
            "shipped",
            "--at",
            "2026-03-10 09:20",
        ],
        vec![
            "no",
            "--request",
            "Extra report",
            "--response",
            "Not this week",
            "--guilt-before",
            "8",
            "--guilt-after",
            "3",
        ],
        vec!["delegate", "Release notes", "--to", "Sam"],
    ] {
        ge(home.path()).args(&args).assert().success();
    }
    let s = json(ge(home.path()).args(["boundaries", "--weeks", "2"]));
    let s = s.as_array().expect("array");
    assert_eq!(s.len(), 2);
    let (w10, w11) = (&s[0], &s[1]);
    assert_eq!(w10["week"], "2026-W10");
    assert_eq!(w10["timeboxes"], 0);
    assert!(w10["overrun_rate"].is_null());
    assert_eq!(w10["commits"], 3);
    assert!((w10["after_hours_share"].as_f64().expect("share") - 2.0 / 3.0).abs() < 1e-9);
    assert!((w10["weekend_share"].as_f64().expect("share") - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(w11["week"], "2026-W11");
    assert_eq!(w11["timeboxes"], 2);
    assert_eq!(w11["overrun_rate"], 0.5);
    assert_eq!(w11["median_revisions"], 1.0);
    assert_eq!(w11["noes"], 1);
    assert_eq!(w11["mean_guilt_drop"], 5.0);
    assert_eq!(w11["delegations"], 1);
    assert_eq!(w11["after_hours_share"], 1.0);

    // The default window is 12 weeks; a window out of range is refused.
    let d = json(ge(home.path()).arg("boundaries"));
    assert_eq!(d.as_array().map(Vec::len), Some(12));
    let e = stderr_of(ge(home.path()).args(["boundaries", "--weeks", "0"]));
    assert!(e.contains("--weeks must be between 1 and"), "{e}");
    let out = ge(home.path()).arg("boundaries").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf8");
    assert!(text.contains("—"), "{text}");
}
