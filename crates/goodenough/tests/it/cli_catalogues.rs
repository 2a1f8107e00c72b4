//! The data directory's own content files through the real binary: each
//! catalogue is read only by a command that uses it, a broken file is named
//! once on stderr and left out, and everything else still loads.

use assert_cmd::Command;
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

fn write(dir: &TempDir, name: &str, src: &str) {
    let path = dir.path().join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("dir");
    }
    std::fs::write(path, src).expect("write");
}

/// Runs a command that must succeed; its JSON answer and its stderr.
fn run(dir: &TempDir, args: &[&str]) -> (Value, String) {
    let out = cmd(dir).arg("--json").args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    (serde_json::from_slice(&out.stdout).expect("json"), stderr)
}

fn ids<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .expect("array")
        .iter()
        .filter_map(|x| x[key].as_str())
        .collect()
}

#[test]
fn a_broken_file_is_named_once_by_the_commands_that_use_it_and_hides_nothing_else() {
    let dir = TempDir::new().expect("tmp");
    // One good and one broken own file of each kind that has a folder, and a
    // broken traps file.
    write(
        &dir,
        "practices/walk.toml",
        "id = \"walk\"\ntitle = \"Walk\"\ndefault_minutes = 5\ncues = [{ at_seconds = 0, text = \"Walk.\" }]\n",
    );
    write(
        &dir,
        "practices/broken.toml",
        "id = \"broken\"\ntitle = = 1\n",
    );
    write(
        &dir,
        "scripts/thanks.toml",
        "name = \"thanks\"\ntitle = \"Thanks\"\nwhen = \"Someone helped.\"\ntemplate = \"Thank you, {person}.\"\n\n[[variables]]\nname = \"person\"\ndescription = \"Who helped\"\n",
    );
    write(&dir, "scripts/broken.toml", "name = \"broken\"\n");
    write(
        &dir,
        "instruments/calm.toml",
        "id = \"calm\"\ntitle = \"Calm\"\n[scale]\nvalues = [0, 1]\nlabels = [\"no\", \"yes\"]\n[[items]]\nid = \"a\"\ntext = \"Calm?\"\n",
    );
    write(&dir, "instruments/broken.toml", "id = \"broken\"\n");
    write(&dir, "traps.toml", "[[trap]]\nslug = \"x\"\nname = \"X\n");

    // A command that uses no catalogue reads none of them.
    let (_, stderr) = run(&dir, &["checkins"]);
    assert_eq!(stderr, "", "nothing is loaded, so nothing is reported");

    // Each command names only the broken files of what it uses, once.
    let (practices, stderr) = run(&dir, &["practice", "list"]);
    assert!(ids(&practices, "id").contains(&"walk"));
    assert!(ids(&practices, "id").contains(&"breathing"));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("practices/broken.toml, line 2"), "{stderr}");
    assert!(stderr.contains("left out"), "{stderr}");

    let (scripts, stderr) = run(&dir, &["script", "list"]);
    assert!(ids(&scripts, "name").contains(&"thanks"));
    assert!(ids(&scripts, "name").contains(&"decline"));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("scripts/broken.toml"), "{stderr}");

    let (instruments, stderr) = run(&dir, &["assess", "list"]);
    assert!(ids(&instruments, "id").contains(&"calm"));
    assert!(ids(&instruments, "id").contains(&"perfectionism-snapshot"));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("instruments/broken.toml"), "{stderr}");

    let (traps, stderr) = run(&dir, &["traps"]);
    assert!(ids(&traps, "slug").contains(&"all-or-nothing"), "{traps}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("traps.toml, line 3"), "{stderr}");

    // Programmes are checked against the questionnaires and practices, so
    // `programme list` names their broken files too (and only once each).
    let (programmes, stderr) = run(&dir, &["programme", "list"]);
    assert_eq!(ids(&programmes, "id"), ["impostor", "perfectionism"]);
    assert_eq!(
        stderr.matches("practices/broken.toml").count(),
        1,
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("instruments/broken.toml").count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains("scripts/broken.toml"), "{stderr}");
}
