//! `goodenough unlock` and `lock` through the real binary: the key of an
//! encrypted store is kept in the login session's private runtime directory
//! (a temporary directory of mode 0700 stands in for `/run/user/UID` here),
//! in a file of mode 0600 holding no record and not the passphrase;
//! commands then open the store with no passphrase until `lock`, the expiry,
//! a key change or a key that no longer opens the store, after which they
//! ask for it again with a sentence that says why. A wrong passphrase keeps
//! nothing, and nothing is kept where others could read it.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-03-10T20:00:00Z";
const PASS: &str = "correct horse battery staple";
const WORDS: &str = "Wombatwords7Qy kept for the evening";

/// A data directory and a private runtime directory beside it.
struct Setup {
    _tmp: TempDir,
    data: PathBuf,
    run: PathBuf,
}

fn setup() -> Setup {
    let tmp = TempDir::new().expect("tmp");
    let data = tmp.path().join("data");
    let run = tmp.path().join("run");
    std::fs::create_dir(&run).expect("dir");
    std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    Setup {
        _tmp: tmp,
        data,
        run,
    }
}

impl Setup {
    /// The binary on this store, with no passphrase and this runtime directory.
    fn ge(&self) -> Command {
        let mut c = Command::cargo_bin("goodenough").expect("binary builds");
        c.env_remove("GOODENOUGH_HOME")
            .env_remove("GOODENOUGH_DATABASE_URL")
            .env_remove("GOODENOUGH_PASSPHRASE")
            .env_remove("GOODENOUGH_NEW_PASSPHRASE")
            .env_remove("GOODENOUGH_KEY_FILE")
            .env("GOODENOUGH_NOW", NOW)
            .env("XDG_RUNTIME_DIR", &self.run)
            .arg("--data-dir")
            .arg(&self.data)
            .write_stdin("");
        c
    }

    /// `ge` with the passphrase in the environment.
    fn gek(&self) -> Command {
        let mut c = self.ge();
        c.env("GOODENOUGH_PASSPHRASE", PASS);
        c
    }

    /// An encrypted store holding one win with `WORDS`.
    fn encrypted_store(&self) {
        let mut c = self.ge();
        c.args(["win", WORDS, "--date", "2026-03-09"]);
        ok(c);
        let mut c = self.gek();
        c.arg("encrypt");
        ok(c);
    }

    /// Every file under the runtime directory.
    fn kept_files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut dirs = vec![self.run.clone()];
        while let Some(d) = dirs.pop() {
            for entry in std::fs::read_dir(&d).expect("readable") {
                let p = entry.expect("entry").path();
                if p.is_dir() {
                    dirs.push(p);
                } else {
                    out.push(p);
                }
            }
        }
        out
    }
}

fn ok(mut c: Command) -> String {
    let out = c.output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs a command that must be refused; its stderr (one sentence).
fn refused(mut c: Command) -> String {
    let out = c.output().expect("runs");
    assert!(!out.status.success(), "should be refused: {out:?}");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn unlock_keeps_the_key_so_commands_need_no_passphrase_until_lock() {
    let s = setup();
    s.encrypted_store();

    let mut c = s.gek();
    c.args(["--json", "unlock", "--for", "2h"]);
    let said: Value = serde_json::from_str(&ok(c)).expect("json");
    assert_eq!(said["unlocked"], true);
    assert_eq!(said["until"], "2026-03-10T22:00:00Z");
    let kept = PathBuf::from(said["kept_in"].as_str().expect("a path"));
    assert!(kept.starts_with(s.run.join("goodenough")), "{kept:?}");
    assert_eq!(s.kept_files(), vec![kept.clone()]);
    assert_eq!(mode(&kept), 0o600, "the kept key is its owner's alone");
    assert_eq!(mode(&s.run.join("goodenough")), 0o700);
    let text = std::fs::read_to_string(&kept).expect("read");
    assert!(!text.contains(PASS), "the passphrase is not kept");
    assert!(!text.contains("Wombatwords7Qy"), "no record's words");

    // Reads and writes with no passphrase at all.
    let mut c = s.ge();
    c.args(["--json", "wins"]);
    assert!(ok(c).contains(WORDS));
    let mut c = s.ge();
    c.args(["win", "written while unlocked", "--date", "2026-03-10"]);
    ok(c);
    let mut c = s.ge();
    c.args([
        "checkin",
        "--mood",
        "6",
        "--energy",
        "5",
        "--date",
        "2026-03-10",
    ])
    .args(["--appreciate", "work: kept it short"])
    .args(["--appreciate", "rest: a walk"])
    .args(["--appreciate", "relationships: a call"]);
    ok(c);
    let mut c = s.ge();
    c.args(["--json", "checkins"]);
    assert!(ok(c).contains("kept it short"));
    // A backup needs no passphrase either (and is encrypted all the same).
    let backup = s.data.join("one.db");
    let mut c = s.ge();
    c.args(["--json", "backup", "--out"]).arg(&backup);
    let written: Value = serde_json::from_str(&ok(c)).expect("json");
    assert_eq!(written["encrypted"], "store key");

    // Another store is not unlocked by this one's key.
    let other = setup();
    other.encrypted_store();
    let mut c = other.ge();
    c.env("XDG_RUNTIME_DIR", &s.run).arg("wins");
    assert!(refused(c).contains("no passphrase was given"));

    let mut c = s.ge();
    c.arg("lock");
    assert!(ok(c).contains("Forgot the kept key"));
    assert!(s.kept_files().is_empty(), "the key is gone");
    let mut c = s.ge();
    c.arg("wins");
    let err = refused(c);
    assert!(err.contains("no passphrase was given"), "{err}");
    assert!(err.contains("goodenough unlock"), "{err}");
    let mut c = s.ge();
    c.args(["--json", "lock"]);
    let said: Value = serde_json::from_str(&ok(c)).expect("json");
    assert_eq!(said["forgotten"], 0);
    // With the passphrase, as before.
    let mut c = s.gek();
    c.args(["--json", "wins"]);
    assert!(ok(c).contains("written while unlocked"));
}

#[test]
fn a_wrong_or_missing_passphrase_keeps_nothing() {
    let s = setup();
    s.encrypted_store();
    let mut c = s.ge();
    c.env("GOODENOUGH_PASSPHRASE", "not the passphrase")
        .arg("unlock");
    let err = refused(c);
    assert!(err.contains("did not open it"), "{err}");
    assert!(s.kept_files().is_empty(), "{:?}", s.kept_files());
    let mut c = s.ge();
    c.arg("unlock");
    assert!(refused(c).contains("no passphrase was given"));
    assert!(s.kept_files().is_empty());
    let mut c = s.ge();
    c.arg("wins");
    assert!(refused(c).contains("no passphrase was given"));

    // A plain store has nothing to unlock.
    let plain = setup();
    let mut c = plain.ge();
    c.args(["win", "plain words"]);
    ok(c);
    let mut c = plain.gek();
    c.arg("unlock");
    assert!(refused(c).contains("not encrypted"));
    assert!(plain.kept_files().is_empty());

    // How long: a minute to a week, said in a sentence.
    for (value, says) in [
        ("10s", "shorter than a minute"),
        ("8d", "longer than a week"),
        ("soon", "is not a duration"),
    ] {
        let out = s
            .gek()
            .args(["unlock", "--for", value])
            .output()
            .expect("runs");
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{value}: {err}");
    }
    assert!(s.kept_files().is_empty());
}

#[test]
fn an_expired_kept_key_is_not_used_and_is_removed() {
    let s = setup();
    s.encrypted_store();
    // `--status` asks for nothing: locked before unlock.
    let mut c = s.ge();
    c.args(["--json", "unlock", "--status"]);
    let said: Value = serde_json::from_str(&ok(c)).expect("json");
    assert_eq!(said["encrypted"], true);
    assert_eq!(said["unlocked"], false);
    assert_eq!(said["until"], Value::Null);
    let mut c = s.ge();
    c.args(["unlock", "--status"]);
    assert!(ok(c).contains("is locked"));
    let mut c = s.gek();
    c.args(["unlock", "--for", "1h"]);
    assert!(ok(c).contains("unlocked until 2026-03-10 21:00 UTC"));
    let mut c = s.ge();
    c.args(["--json", "unlock", "--status"]);
    let said: Value = serde_json::from_str(&ok(c)).expect("json");
    assert_eq!(said["unlocked"], true);
    assert_eq!(said["until"], "2026-03-10T21:00:00Z");
    let mut c = s.ge();
    c.args(["unlock", "--status", "--for", "2h"]);
    let out = c.output().expect("runs");
    assert!(!out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
    // Half an hour later it still opens the store.
    let mut c = s.ge();
    c.env("GOODENOUGH_NOW", "2026-03-10T20:30:00Z")
        .args(["--json", "wins"]);
    assert!(ok(c).contains(WORDS));
    // Two hours later it is not used, and is removed.
    let mut c = s.ge();
    c.env("GOODENOUGH_NOW", "2026-03-10T22:00:00Z")
        .args(["--json", "wins"]);
    let err = refused(c);
    assert!(err.contains("expired at 2026-03-10 21:00 UTC"), "{err}");
    assert!(err.contains("no passphrase was given"), "{err}");
    assert!(s.kept_files().is_empty(), "{:?}", s.kept_files());
    let mut c = s.ge();
    c.env("GOODENOUGH_NOW", "2026-03-10T22:00:00Z")
        .args(["unlock", "--status"]);
    assert!(ok(c).contains("is locked"));
    // The passphrase works as before.
    let mut c = s.gek();
    c.env("GOODENOUGH_NOW", "2026-03-10T22:00:00Z")
        .args(["--json", "wins"]);
    assert!(ok(c).contains(WORDS));
}

#[test]
fn a_key_is_kept_only_in_a_private_runtime_directory_and_read_only_from_a_private_file() {
    let s = setup();
    s.encrypted_store();
    let before = walk(&s.data);
    // No runtime directory: refused, and not kept anywhere else.
    let mut c = s.gek();
    c.env_remove("XDG_RUNTIME_DIR").arg("unlock");
    let err = refused(c);
    assert!(err.contains("XDG_RUNTIME_DIR is not set"), "{err}");
    // One that others may enter.
    std::fs::set_permissions(&s.run, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut c = s.gek();
    c.arg("unlock");
    let err = refused(c);
    assert!(err.contains("is not a private directory of yours"), "{err}");
    assert!(err.contains("0755"), "{err}");
    assert!(s.kept_files().is_empty());
    std::fs::set_permissions(&s.run, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    assert_eq!(
        walk(&s.data),
        before,
        "nothing was written beside the store"
    );

    // A kept key file others could read is not used.
    let mut c = s.gek();
    c.args(["--json", "unlock"]);
    let said: Value = serde_json::from_str(&ok(c)).expect("json");
    let kept = PathBuf::from(said["kept_in"].as_str().expect("a path"));
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let mut c = s.ge();
    c.arg("wins");
    let err = refused(c);
    assert!(err.contains("is not a file only you can read"), "{err}");
    let mut c = s.gek();
    c.args(["--json", "wins"]);
    assert!(ok(c).contains(WORDS), "the passphrase still opens it");
    // `lock --all` forgets it all the same.
    let mut c = s.ge();
    c.args(["--json", "lock", "--all"]);
    let said: Value = serde_json::from_str(&ok(c)).expect("json");
    assert_eq!(said["forgotten"], 1);
    assert!(s.kept_files().is_empty());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").path())
        .collect();
    out.sort();
    out
}

#[test]
fn a_key_change_forgets_the_kept_key_and_a_key_that_does_not_open_the_store_is_dropped() {
    let s = setup();
    s.encrypted_store();
    let mut c = s.gek();
    c.args(["--json", "unlock"]);
    let said: Value = serde_json::from_str(&ok(c)).expect("json");
    let kept = PathBuf::from(said["kept_in"].as_str().expect("a path"));
    let old = std::fs::read_to_string(&kept).expect("read");

    // rekey takes the passphrase itself, not the kept key.
    let mut c = s.ge();
    c.env("GOODENOUGH_NEW_PASSPHRASE", "a brand new passphrase")
        .arg("rekey");
    assert!(refused(c).contains("no passphrase was given"));
    let mut c = s.gek();
    c.env("GOODENOUGH_NEW_PASSPHRASE", "a brand new passphrase")
        .arg("rekey");
    ok(c);
    assert!(!kept.exists(), "rekey forgot the old key");

    // The old key put back (as if kept by another session) is recognised
    // as another passphrase's and removed.
    std::fs::write(&kept, &old).expect("write");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let mut c = s.ge();
    c.arg("wins");
    let err = refused(c);
    assert!(err.contains("was for another passphrase"), "{err}");
    assert!(!kept.exists());

    // A kept key with the right salt that does not open the store.
    let mut c = s.ge();
    c.env("GOODENOUGH_PASSPHRASE", "a brand new passphrase")
        .arg("unlock");
    ok(c);
    let text = std::fs::read_to_string(&kept).expect("read");
    let line = text
        .lines()
        .find(|l| l.starts_with("key = "))
        .expect("a key line");
    let wrong = format!("key = \"{}\"", "ab".repeat(32));
    std::fs::write(&kept, text.replace(line, &wrong)).expect("write");
    let mut c = s.ge();
    c.env("GOODENOUGH_PASSPHRASE", "a brand new passphrase")
        .args(["--json", "wins"]);
    assert!(ok(c).contains(WORDS), "the passphrase is used instead");
    assert!(!kept.exists(), "the key that did not open it is gone");

    // decrypt forgets it too.
    let mut c = s.ge();
    c.env("GOODENOUGH_PASSPHRASE", "a brand new passphrase")
        .arg("unlock");
    ok(c);
    let mut c = s.ge();
    c.env("GOODENOUGH_PASSPHRASE", "a brand new passphrase")
        .arg("decrypt");
    ok(c);
    assert!(s.kept_files().is_empty());
    let mut c = s.ge();
    c.args(["--json", "wins"]);
    assert!(ok(c).contains(WORDS));
}

/// The binary on a pseudo-terminal (`None`, with a line, where there is none).
fn on_terminal(s: &Setup, args: &[&str]) -> Option<rexpect::session::PtySession> {
    if !Path::new("/dev/ptmx").exists() {
        eprintln!("skipped: no pseudo-terminal here");
        return None;
    }
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("goodenough"));
    cmd.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_PASSPHRASE")
        .env_remove("GOODENOUGH_KEY_FILE")
        .env("GOODENOUGH_NOW", NOW)
        .env("XDG_RUNTIME_DIR", &s.run)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .arg("--data-dir")
        .arg(&s.data)
        .args(args);
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(60_000))
        .strip_ansi_escape_codes(true);
    Some(rexpect::session::spawn_with_options(cmd, options).expect("a pty"))
}

#[test]
fn on_a_terminal_unlock_asks_once_and_after_lock_commands_ask_again() {
    let s = setup();
    s.encrypted_store();
    let Some(mut pty) = on_terminal(&s, &["unlock", "--for", "30m"]) else {
        return;
    };
    pty.exp_string("Passphrase of the encrypted store")
        .expect("unlock asks");
    pty.send_line(PASS).expect("types");
    pty.exp_string("is unlocked until 2026-03-10 20:30 UTC")
        .expect("kept");
    pty.exp_eof().expect("done");
    // No question now: the list comes at once.
    let Some(mut pty) = on_terminal(&s, &["wins"]) else {
        return;
    };
    pty.exp_string("Wombatwords7Qy")
        .expect("listed without a question");
    pty.exp_eof().expect("done");
    let mut c = s.ge();
    c.arg("lock");
    ok(c);
    // Locked: the same command asks for the passphrase again.
    let Some(mut pty) = on_terminal(&s, &["wins"]) else {
        return;
    };
    pty.exp_string("Passphrase of the encrypted store")
        .expect("asks again");
    pty.send_line(PASS).expect("types");
    pty.exp_string("Wombatwords7Qy").expect("listed");
    pty.exp_eof().expect("done");
}
