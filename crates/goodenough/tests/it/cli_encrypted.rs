//! Encrypted exports through the real binary: `export --to KEY` and
//! `export --encrypt` write the standard age format, which Debian's `age`
//! opens (and goodenough imports what `age` wrote, binary or armored); a
//! round trip gives back every record; every bad input (wrong passphrase,
//! truncated, tampered, a non-age file named .age, a wrong identity, …) is
//! one sentence, a non-zero exit and nothing imported.
//!
//! The tests that run Debian's `age` skip with a line when it is missing,
//! and fail instead when `CI` is set (CI installs it).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-03-10T20:00:00Z";
const PASSPHRASE: &str = "correct horse battery staple";

fn ge(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_NOW", NOW)
        .arg("--data-dir")
        .arg(dir)
        .write_stdin("");
    c
}

fn export(dir: &Path) -> Value {
    let out = ge(dir).arg("export").output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("an export is JSON")
}

fn demo(dir: &Path) {
    ge(dir)
        .args(["demo", "--days", "30", "--end", "2026-03-09"])
        .assert()
        .success();
}

/// Debian's `age` and `age-keygen`, or `None` (skip) when missing; in CI a
/// missing tool fails the test.
fn age_tool() -> Option<(PathBuf, PathBuf)> {
    let find = |name: &str| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
    };
    match (find("age"), find("age-keygen")) {
        (Some(age), Some(keygen)) => Some((age, keygen)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("Debian's age is missing (apt-get install -y age); CI must have it")
        }
        _ => {
            eprintln!("skipped: Debian's age tool is not installed (apt-get install -y age)");
            None
        }
    }
}

/// A new age key pair: the identity file and its public key.
fn keypair(keygen: &Path, dir: &Path, name: &str) -> (PathBuf, String) {
    let file = dir.join(name);
    let out = std::process::Command::new(keygen)
        .arg("-o")
        .arg(&file)
        .output()
        .expect("age-keygen runs");
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(&file).expect("key file");
    let public = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .expect("the public key is in the file")
        .to_string();
    (file, public)
}

#[test]
fn an_export_to_a_key_opens_with_debians_age_and_comes_back() {
    let Some((age, keygen)) = age_tool() else {
        return;
    };
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    demo(dir.path());
    let plain = export(dir.path());
    let (identity, public) = keypair(&keygen, files.path(), "practice.key");
    let (_, second) = keypair(&keygen, files.path(), "spare.key");
    let sealed = files.path().join("export.json.age");
    let out = ge(dir.path())
        .args([
            "--json", "export", "--to", &public, "--to", &second, "--out",
        ])
        .arg(&sealed)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let written: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(written["encrypted"], "age keys");
    let bytes = std::fs::read(&sealed).expect("written");
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "binary age");
    let needle = plain["checkins"][0]["appreciations"][0]["text"]
        .as_str()
        .expect("a text");
    assert!(
        !String::from_utf8_lossy(&bytes).contains(needle),
        "no record text in the clear"
    );

    // Debian's age opens it with the practice's key.
    let opened = std::process::Command::new(&age)
        .arg("-d")
        .arg("-i")
        .arg(&identity)
        .arg(&sealed)
        .output()
        .expect("age runs");
    assert!(opened.status.success(), "{opened:?}");
    let doc: Value = serde_json::from_slice(&opened.stdout).expect("the export JSON");
    assert_eq!(doc, plain);

    // And goodenough imports it into a new store: every record comes back.
    let fresh = TempDir::new().expect("tmp");
    ge(fresh.path())
        .args(["import", "--identity"])
        .arg(&identity)
        .arg(&sealed)
        .assert()
        .success()
        .stdout(predicate::str::contains("Added"));
    let back = export(fresh.path());
    assert_eq!(back["checkins"], plain["checkins"]);
    assert_eq!(back["thoughts"], plain["thoughts"]);
    assert_eq!(back["experiments"], plain["experiments"]);

    // What Debian's age wrote (armored) imports too.
    let plain_file = files.path().join("plain.json");
    std::fs::write(&plain_file, serde_json::to_vec(&plain).expect("json")).expect("writes");
    let armored = files.path().join("by-age.json.age");
    let made = std::process::Command::new(&age)
        .args(["-a", "-r", &public, "-o"])
        .arg(&armored)
        .arg(&plain_file)
        .output()
        .expect("age runs");
    assert!(made.status.success(), "{made:?}");
    let other = TempDir::new().expect("tmp");
    ge(other.path())
        .args(["import", "--identity"])
        .arg(&identity)
        .arg(&armored)
        .assert()
        .success();
    assert_eq!(export(other.path())["checkins"], plain["checkins"]);
}

#[test]
fn a_passphrase_export_round_trips_and_opens_with_debians_age() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    demo(dir.path());
    let plain = export(dir.path());
    let pw = files.path().join("pw");
    std::fs::write(&pw, format!("{PASSPHRASE}\n")).expect("writes");
    let sealed = files.path().join("export.json.age");
    ge(dir.path())
        .args(["export", "--encrypt", "--passphrase-file"])
        .arg(&pw)
        .arg("--out")
        .arg(&sealed)
        .assert()
        .success()
        .stdout(predicate::str::contains("encrypted"));
    let fresh = TempDir::new().expect("tmp");
    ge(fresh.path())
        .args(["import", "--passphrase-file"])
        .arg(&pw)
        .arg(&sealed)
        .assert()
        .success();
    let back = export(fresh.path());
    assert_eq!(back["checkins"], plain["checkins"]);
    assert_eq!(back["wins"], plain["wins"]);
    assert_eq!(back["timeboxes"], plain["timeboxes"]);

    // Debian's age asks for the passphrase on its terminal only.
    let Some((age, _)) = age_tool() else {
        return;
    };
    if !Path::new("/dev/ptmx").exists() {
        eprintln!("skipped the age -d half: no pseudo-terminal here");
        return;
    }
    let out = files.path().join("opened.json");
    let mut cmd = std::process::Command::new(age);
    cmd.arg("-d").arg("-o").arg(&out).arg(&sealed);
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(60_000))
        .strip_ansi_escape_codes(true);
    let mut session = rexpect::session::spawn_with_options(cmd, options).expect("a pty");
    session.exp_string("passphrase").expect("age asks");
    session.send_line(PASSPHRASE).expect("types");
    session.exp_eof().expect("age finishes");
    let doc: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("age wrote it")).expect("JSON");
    assert_eq!(doc, plain);
}

/// Runs `goodenough import ARGS FILE` into `dir`; it must fail with one
/// line containing `says` and "Nothing was imported", importing nothing.
fn refused(dir: &Path, args: &[&str], file: &Path, says: &str) {
    let before = export(dir);
    let out = ge(dir)
        .arg("import")
        .args(args)
        .arg(file)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{file:?} was imported");
    assert!(err.contains(says), "{file:?}: {err}");
    assert!(err.contains("othing was imported"), "{file:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    assert_eq!(export(dir), before, "{file:?} changed the store");
}

#[test]
fn every_bad_encrypted_file_is_one_sentence_and_imports_nothing() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    demo(dir.path());
    let pw = files.path().join("pw");
    std::fs::write(&pw, PASSPHRASE).expect("writes");
    let wrong = files.path().join("wrong");
    std::fs::write(&wrong, "not the passphrase at all\n").expect("writes");
    let sealed = files.path().join("export.json.age");
    ge(dir.path())
        .args(["export", "--encrypt", "--passphrase-file"])
        .arg(&pw)
        .arg("--out")
        .arg(&sealed)
        .assert()
        .success();
    let bytes = std::fs::read(&sealed).expect("written");

    // Into a store that has a little of its own.
    let target = TempDir::new().expect("tmp");
    ge(target.path())
        .args(["win", "kept lunch to lunch", "--date", "2026-03-01"])
        .assert()
        .success();

    refused(
        target.path(),
        &["--passphrase-file", &wrong.display().to_string()],
        &sealed,
        "that passphrase does not open this file",
    );
    let truncated = files.path().join("truncated.json.age");
    std::fs::write(&truncated, &bytes[..bytes.len() - 100]).expect("writes");
    refused(
        target.path(),
        &["--passphrase-file", &pw.display().to_string()],
        &truncated,
        "is damaged",
    );
    let tampered = files.path().join("tampered.json.age");
    let mut changed = bytes.clone();
    let at = changed.len() - 40;
    changed[at] ^= 0x01;
    std::fs::write(&tampered, &changed).expect("writes");
    refused(
        target.path(),
        &["--passphrase-file", &pw.display().to_string()],
        &tampered,
        "is damaged",
    );
    let header_cut = files.path().join("header.json.age");
    std::fs::write(&header_cut, &bytes[..30]).expect("writes");
    refused(
        target.path(),
        &["--passphrase-file", &pw.display().to_string()],
        &header_cut,
        "is damaged",
    );
    let not_age = files.path().join("notes.json.age");
    std::fs::write(&not_age, "{\"format\": \"something else\"}\n").expect("writes");
    refused(
        target.path(),
        &[],
        &not_age,
        "is named .age but is not age-encrypted",
    );
    // Without a terminal and without a passphrase file, it cannot ask.
    refused(target.path(), &[], &sealed, "--passphrase-file");
    // An identity for a passphrase file.
    let key = files.path().join("key.txt");
    std::fs::write(
        &key,
        "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n",
    )
    .expect("writes");
    refused(
        target.path(),
        &["--identity", &key.display().to_string()],
        &sealed,
        "encrypted with a passphrase",
    );

    if let Some((_, keygen)) = age_tool() {
        let (_, public) = keypair(&keygen, files.path(), "right.key");
        let (stranger, _) = keypair(&keygen, files.path(), "stranger.key");
        let to_key = files.path().join("to-key.json.age");
        ge(dir.path())
            .args(["export", "--to", &public, "--out"])
            .arg(&to_key)
            .assert()
            .success();
        refused(
            target.path(),
            &["--identity", &stranger.display().to_string()],
            &to_key,
            "none of the keys in the identity file opens this file",
        );
        refused(
            target.path(),
            &["--passphrase-file", &pw.display().to_string()],
            &to_key,
            "encrypted to an age key",
        );
        refused(target.path(), &[], &to_key, "--identity FILE");
    }

    // Bad flags on export write nothing.
    let short = files.path().join("short");
    std::fs::write(&short, "abc\n").expect("writes");
    let nothing = files.path().join("nothing.json.age");
    for (args, says) in [
        (
            vec![
                "--encrypt",
                "--passphrase-file",
                &short.to_str().expect("utf-8"),
            ],
            "at least 8 characters",
        ),
        (vec!["--to", "age1notakey"], "is not an age public key"),
        (vec!["--encrypt"], "--passphrase-file"),
        (
            vec![
                "--encrypt",
                "--passphrase-file",
                &pw.to_str().expect("utf-8"),
                "--format",
                "csv",
            ],
            "only the JSON export can be encrypted",
        ),
    ] {
        let out = ge(dir.path())
            .arg("export")
            .args(&args)
            .arg("--out")
            .arg(&nothing)
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!nothing.exists(), "{args:?} wrote a file");
    }
}
