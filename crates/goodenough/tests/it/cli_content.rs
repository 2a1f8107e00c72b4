//! `goodenough content` through the real binary, for a coach at a
//! terminal: a file with several problems fails with each named by line
//! and field and nothing kept; a good one is kept and listed (`--json`);
//! the same id again is a sentence unless `--replace`; `remove` takes the
//! id in the file; a person who is not a coach is told so.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", "2026-03-10T12:15:30Z")
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

const GOOD: &str = "name = \"thank-you\"\ntitle = \"Saying thank you\"\nwhen = \"Someone helped you.\"\ntemplate = \"Thank you, {person}.\"\n\n[[variables]]\nname = \"person\"\ndescription = \"Who helped\"\n";

const BAD: &str = "name = \"two words\"\ntitle = \"T\"\nwhen = \"W\"\ntemplate = \"Hi {who}\"\n";

#[test]
fn a_coach_uploads_lists_and_removes_their_content() {
    let dir = TempDir::new().expect("tmp");
    let bad = dir.path().join("bad.toml");
    let good = dir.path().join("good.toml");
    std::fs::write(&bad, BAD).expect("write");
    std::fs::write(&good, GOOD).expect("write");
    let bad = bad.to_str().expect("a path");
    let good = good.to_str().expect("a path");

    // Not a coach yet.
    cmd(&dir)
        .args(["content", "upload", good, "--kind", "script"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "only a coach account can upload content",
        ));
    cmd(&dir)
        .args([
            "user",
            "add",
            "kim@example.org",
            "--password-stdin",
            "--role",
            "coach",
        ])
        .write_stdin("correct horse battery\n")
        .assert()
        .success();

    cmd(&dir)
        .args(["content", "upload", bad, "--kind", "script"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("it has 2 problems"))
        .stderr(predicate::str::contains("line 1, field `name`"))
        .stderr(predicate::str::contains("line 4, field `template`"))
        .stderr(predicate::str::contains("panicked").not());
    assert_eq!(json(&dir, &["content", "list"]), serde_json::json!([]));
    cmd(&dir)
        .args(["content", "upload", good, "--kind", "recipe"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a kind of content"));
    cmd(&dir)
        .args([
            "content",
            "upload",
            "/nonexistent/x.toml",
            "--kind",
            "script",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot read /nonexistent/x.toml"));

    cmd(&dir)
        .args(["content", "upload", good, "--kind", "script"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Kept script \"thank-you\""));
    cmd(&dir)
        .args(["content", "upload", good, "--kind", "script"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "You already have a script with the id \"thank-you\"",
        ));
    cmd(&dir)
        .args(["content", "upload", good, "--kind", "script", "--replace"])
        .assert()
        .success();
    let list = json(&dir, &["content"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["content_id"], "thank-you");
    assert_eq!(list[0]["kind"], "script");

    cmd(&dir)
        .args(["content", "remove", "nothing-here"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("goodenough content"));
    cmd(&dir)
        .args(["content", "remove", "thank-you"])
        .assert()
        .success();
    assert_eq!(json(&dir, &["content"]), serde_json::json!([]));
}
