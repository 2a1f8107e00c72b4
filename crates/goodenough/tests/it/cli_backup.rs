//! `goodenough backup` / `restore` and `serve --backup-dir` through the real
//! binary: a demo store comes back exactly (compared as its export), a
//! backup taken while another process writes is whole, scheduled backups are
//! made and pruned, and every bad input is one sentence, a non-zero exit and
//! an unchanged store.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-03-10T20:00:00Z";

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

fn demo(dir: &Path, days: &str) {
    ge(dir)
        .args(["demo", "--days", days, "--end", "2026-03-09"])
        .assert()
        .success();
}

fn backup(dir: &Path, out: &Path) -> Value {
    let out = ge(dir)
        .args(["--json", "backup", "--out"])
        .arg(out)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("json")
}

fn checkin(dir: &Path, date: &str) {
    ge(dir)
        .args(["checkin", "--mood", "6", "--energy", "5", "--date", date])
        .args(["--appreciate", "work: kept the review short"])
        .args(["--appreciate", "rest: a walk at lunch"])
        .args(["--appreciate", "relationships: called a friend"])
        .assert()
        .success();
}

fn store_bytes(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("goodenough.db")).expect("the store is there")
}

#[test]
fn a_demo_store_comes_back_exactly_after_erase_and_changes() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    demo(dir.path(), "90");
    let before = export(dir.path());
    assert!(
        before["checkins"].as_array().expect("a list").len() > 30,
        "the demo has data"
    );
    let file = files.path().join("store.db");
    let written = backup(dir.path(), &file);
    assert_eq!(written["path"], file.display().to_string());
    assert!(written["bytes"].as_u64().expect("a size") > 10_000);
    assert_eq!(
        std::fs::metadata(&file).expect("written").len(),
        written["bytes"].as_u64().expect("a size")
    );
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(files.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");

    // Erase everything, then write something new.
    ge(dir.path()).args(["erase", "--yes"]).assert().success();
    checkin(dir.path(), "2026-03-10");
    assert_ne!(export(dir.path()), before);

    ge(dir.path())
        .arg("restore")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--force"));
    let out = ge(dir.path())
        .args(["--json", "restore", "--force"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let restored: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(restored["replaced"], true);
    assert_eq!(restored["people"], 1);
    assert_eq!(export(dir.path()), before, "every record is back, exactly");
    // No stale WAL or SHM of the replaced store, no staged copy.
    for name in std::fs::read_dir(dir.path()).expect("dir") {
        let name = name.expect("entry").file_name();
        let name = name.to_string_lossy();
        assert!(!name.ends_with(".tmp"), "{name} was left behind");
    }

    // Into an empty data directory no --force is needed.
    let fresh = TempDir::new().expect("tmp");
    ge(fresh.path())
        .arg("restore")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("Restored"));
    assert_eq!(export(fresh.path()), before);
}

#[test]
fn a_backup_taken_while_another_process_writes_is_whole() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    demo(dir.path(), "30");
    let writer_dir = dir.path().to_path_buf();
    let writer = std::thread::spawn(move || {
        for day in 1..=28 {
            checkin(&writer_dir, &format!("2025-06-{day:02}"));
        }
    });
    let mut counts = Vec::new();
    for i in 0..4 {
        let file = files.path().join(format!("during-{i}.db"));
        backup(dir.path(), &file);
        // Restoring runs the whole check (integrity, format) first.
        let copy = TempDir::new().expect("tmp");
        ge(copy.path()).arg("restore").arg(&file).assert().success();
        let doc = export(copy.path());
        counts.push(doc["checkins"].as_array().expect("a list").len());
    }
    writer.join().expect("the writer finished");
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "each backup holds at least what the one before held: {counts:?}"
    );
}

/// Writes `bytes` over `file` at `at`.
fn overwrite(file: &Path, at: u64, bytes: &[u8]) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(file)
        .expect("opens");
    f.seek(SeekFrom::Start(at)).expect("seeks");
    f.write_all(bytes).expect("writes");
}

/// A copy of `good` that says it was made by a newer goodenough.
fn newer_format(good: &Path, out: &Path) {
    std::fs::copy(good, out).expect("copies");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        use sqlx::Connection;
        let url = format!("sqlite://{}", out.display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("opens");
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
             VALUES (9999, 'from the future', CURRENT_TIMESTAMP, 1, X'00', 0)",
        )
        .execute(&mut conn)
        .await
        .expect("inserts");
        conn.close().await.expect("closes");
    });
}

#[test]
fn every_bad_backup_is_one_sentence_and_changes_nothing() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    demo(dir.path(), "30");
    let good = files.path().join("good.db");
    backup(dir.path(), &good);
    checkin(dir.path(), "2026-03-10");
    let before = export(dir.path());
    let store = store_bytes(dir.path());
    let good_bytes = std::fs::read(&good).expect("read");
    let page = u64::from(u16::from_be_bytes([good_bytes[16], good_bytes[17]]));

    let not_db = files.path().join("notes.db");
    std::fs::write(&not_db, "these are not the droids\n").expect("writes");
    let truncated = files.path().join("truncated.db");
    std::fs::write(&truncated, &good_bytes[..good_bytes.len() / 2]).expect("writes");
    let damaged = files.path().join("damaged.db");
    std::fs::copy(&good, &damaged).expect("copies");
    overwrite(&damaged, page * 20, &[7u8; 64]);
    let newer = files.path().join("newer.db");
    newer_format(&good, &newer);
    let missing = files.path().join("missing.db");
    let cases: [(&PathBuf, &str); 6] = [
        (&missing, "there is no file at"),
        (&files.path().to_path_buf(), "is a directory"),
        (&not_db, "it is not an SQLite database file"),
        (&truncated, "is truncated"),
        (&damaged, "is damaged"),
        (&newer, "was made by a newer goodenough"),
    ];
    for (file, says) in cases {
        let out = ge(dir.path())
            .args(["restore", "--force"])
            .arg(file)
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{file:?} was restored");
        assert!(err.contains(says), "{file:?}: {err}");
        assert!(err.contains("othing was changed"), "{file:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
        assert_eq!(store_bytes(dir.path()), store, "{file:?} changed the store");
    }
    // Without --force a good backup does not replace a store.
    ge(dir.path())
        .arg("restore")
        .arg(&good)
        .assert()
        .failure()
        .stderr(predicate::str::contains("there is already a store"));
    assert_eq!(export(dir.path()), before);

    // Backing up: onto the store itself, into a missing directory, with no store.
    ge(dir.path())
        .args(["backup", "--out"])
        .arg(dir.path().join("goodenough.db"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("is the store itself"));
    ge(dir.path())
        .args(["backup", "--out"])
        .arg(files.path().join("no/such/dir/b.db"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("does not exist"));
    let empty = TempDir::new().expect("tmp");
    ge(empty.path())
        .args(["backup", "--out"])
        .arg(files.path().join("nothing.db"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("nothing to back up"));
    assert!(!files.path().join("nothing.db").exists());
    assert_eq!(export(dir.path()), before);

    // PostgreSQL backups are the operator's pg_dump.
    ge(dir.path())
        .args([
            "--database",
            "postgres://nobody@127.0.0.1:1/none",
            "backup",
            "--out",
        ])
        .arg(files.path().join("pg.db"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("pg_dump"));
    ge(dir.path())
        .args([
            "--database",
            "postgres://nobody@127.0.0.1:1/none",
            "restore",
        ])
        .arg(&good)
        .assert()
        .failure()
        .stderr(predicate::str::contains("pg_restore"));
    assert!(!files.path().join("pg.db").exists());
}

/// A `goodenough serve` on port 0, stopped (killed by its handle) on drop.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path, extra: &[&str]) -> Server {
    let bin = assert_cmd::cargo::cargo_bin("goodenough");
    let mut child = std::process::Command::new(bin)
        .env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .arg("--data-dir")
        .arg(dir)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if line.contains("is serving on") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(120))
        .expect("the server says it is serving");
    Server { child }
}

#[test]
fn restore_refuses_while_a_server_runs_on_the_store() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    demo(dir.path(), "30");
    let good = files.path().join("good.db");
    backup(dir.path(), &good);
    checkin(dir.path(), "2026-03-10");
    let before = export(dir.path());
    let server = serve(dir.path(), &[]);
    ge(dir.path())
        .args(["restore", "--force"])
        .arg(&good)
        .assert()
        .failure()
        .stderr(predicate::str::contains("a goodenough server is running"))
        .stderr(predicate::str::contains("Stop the server first"));
    assert_eq!(export(dir.path()), before, "the store is unchanged");
    drop(server);
    // Once it has stopped, the restore goes ahead.
    ge(dir.path())
        .args(["restore", "--force"])
        .arg(&good)
        .assert()
        .success();
    assert_ne!(export(dir.path()), before);
}

fn scheduled(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("goodenough-backup-") && n.ends_with(".db"))
        .collect();
    names.sort();
    names
}

#[test]
fn serve_backs_up_on_a_schedule_and_keeps_the_newest() {
    let dir = TempDir::new().expect("tmp");
    let backups = TempDir::new().expect("tmp");
    demo(dir.path(), "30");
    // Someone else's file in the directory is never pruned.
    std::fs::write(backups.path().join("notes.txt"), "mine").expect("writes");
    let server = serve(
        dir.path(),
        &[
            "--backup-dir",
            &backups.path().display().to_string(),
            "--backup-every",
            "1s",
            "--keep",
            "2",
        ],
    );
    // Wait (generously) until at least three have been made: two kept,
    // then a third that pushed the first out.
    let deadline = Instant::now() + Duration::from_secs(180);
    let mut first: Option<String> = None;
    loop {
        let names = scheduled(backups.path());
        assert!(names.len() <= 3, "more than --keep were kept: {names:?}");
        if first.is_none() {
            first = names.first().cloned();
        }
        if names.len() == 2 && first.as_ref().is_some_and(|f| !names.contains(f)) {
            break;
        }
        assert!(Instant::now() < deadline, "no pruning seen: {names:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(server);
    assert!(backups.path().join("notes.txt").exists());
    let names = scheduled(backups.path());
    assert!(names.len() <= 2, "{names:?}");
    let before = export(dir.path());
    for name in names {
        let copy = TempDir::new().expect("tmp");
        ge(copy.path())
            .arg("restore")
            .arg(backups.path().join(&name))
            .assert()
            .success();
        assert_eq!(export(copy.path()), before, "{name} holds the store");
    }

    // Bad schedule flags are sentences.
    ge(dir.path())
        .args(["serve", "--backup-dir"])
        .arg(backups.path())
        .args(["--backup-every", "soon"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a duration"));
    ge(dir.path())
        .args(["serve", "--backup-every", "1h"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--backup-dir"));
}

/// The whole text of a file, for looking for words that must not be there.
fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_backup_encrypted_with_a_passphrase_comes_back_and_a_wrong_one_changes_nothing() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    demo(dir.path(), "30");
    checkin(dir.path(), "2026-03-10");
    let before = export(dir.path());
    let pass = files.path().join("pass");
    std::fs::write(&pass, "a backup passphrase\n").expect("writes");
    let wrong = files.path().join("wrong");
    std::fs::write(&wrong, "not the passphrase\n").expect("writes");
    let file = files.path().join("store.db.age");
    let out = ge(dir.path())
        .args(["--json", "backup", "--passphrase-file"])
        .arg(&pass)
        .arg("--out")
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let written: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(written["encrypted"], "passphrase");
    let sealed = std::fs::read(&file).expect("written");
    assert_eq!(written["bytes"].as_u64(), Some(sealed.len() as u64));
    assert!(
        sealed.starts_with(b"age-encryption.org/v1"),
        "the age format"
    );
    assert!(!contains(&sealed, "SQLite format 3"));
    assert!(
        !contains(&sealed, "kept the review short"),
        "no record's words"
    );
    // Nothing is left beside the store or beside the backup.
    for d in [dir.path(), files.path()] {
        for name in std::fs::read_dir(d).expect("dir") {
            let name = name.expect("entry").file_name();
            let name = name.to_string_lossy().into_owned();
            assert!(!name.ends_with(".tmp"), "{name} was left behind");
        }
    }

    // Change the store, then try the backup with a wrong passphrase and
    // with none: one sentence each, the store as it was.
    ge(dir.path()).args(["erase", "--yes"]).assert().success();
    let changed = export(dir.path());
    let store = store_bytes(dir.path());
    for (extra, says) in [
        (
            vec!["--passphrase-file".to_string(), wrong.display().to_string()],
            "passphrase does not open",
        ),
        (vec![], "give --passphrase-file FILE"),
    ] {
        let out = ge(dir.path())
            .args(["restore", "--force"])
            .args(&extra)
            .arg(&file)
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "restored with {extra:?}");
        assert!(err.contains(says), "{extra:?}: {err}");
        assert!(err.contains("othing was changed"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
        assert_eq!(
            store_bytes(dir.path()),
            store,
            "{extra:?} changed the store"
        );
    }
    assert_eq!(export(dir.path()), changed);

    // The right passphrase puts the backup's store back, exactly.
    let out = ge(dir.path())
        .args(["--json", "restore", "--force", "--passphrase-file"])
        .arg(&pass)
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let restored: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(restored["replaced"], true);
    assert_eq!(export(dir.path()), before, "every record is back, exactly");
    for name in std::fs::read_dir(dir.path()).expect("dir") {
        let name = name.expect("entry").file_name();
        let name = name.to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "{name} was left behind");
    }

    // A backup that is not sealed refuses the passphrase flags.
    let plain = files.path().join("plain.db");
    backup(dir.path(), &plain);
    ge(dir.path())
        .args(["restore", "--force", "--passphrase-file"])
        .arg(&pass)
        .arg(&plain)
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not encrypted with age"));
    // An encrypted store's backup is encrypted already: --encrypt is refused.
    let key = files.path().join("store-pass");
    std::fs::write(&key, "the store's own passphrase\n").expect("writes");
    ge(dir.path())
        .arg("--key-file")
        .arg(&key)
        .arg("encrypt")
        .assert()
        .success();
    let refused = files.path().join("refused.db.age");
    ge(dir.path())
        .arg("--key-file")
        .arg(&key)
        .args(["backup", "--passphrase-file"])
        .arg(&pass)
        .arg("--out")
        .arg(&refused)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "encrypted with the store's own key",
        ));
    assert!(!refused.exists(), "nothing was written");
}

#[test]
fn a_backup_encrypted_to_an_age_key_opens_with_age_and_restores_with_the_identity() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    demo(dir.path(), "30");
    let before = export(dir.path());
    let identity = files.path().join("practice.key");
    let keygen = std::process::Command::new("age-keygen")
        .arg("-o")
        .arg(&identity)
        .output();
    let Ok(keygen) = keygen else {
        assert!(
            std::env::var_os("CI").is_none(),
            "Debian's age is missing (apt-get install -y age); CI must have it"
        );
        eprintln!("skipped: Debian's age tool is not installed");
        return;
    };
    assert!(keygen.status.success(), "{keygen:?}");
    let text = std::fs::read_to_string(&identity).expect("key file");
    let public = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .expect("the public key is in the file")
        .to_string();
    let file = files.path().join("store.db.age");
    ge(dir.path())
        .args(["backup", "--to", &public, "--out"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("--identity"));
    // The ordinary age tool opens it, and inside is the SQLite store.
    let opened = std::process::Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&identity)
        .arg(&file)
        .output()
        .expect("age runs");
    assert!(opened.status.success(), "{opened:?}");
    assert!(opened.stdout.starts_with(b"SQLite format 3\0"));

    // Without the identity: one sentence; with it: the store comes back.
    ge(dir.path())
        .args(["restore", "--force"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--identity FILE"));
    ge(dir.path()).args(["erase", "--yes"]).assert().success();
    ge(dir.path())
        .args(["restore", "--force", "--identity"])
        .arg(&identity)
        .arg(&file)
        .assert()
        .success();
    assert_eq!(export(dir.path()), before);
    // A bad public key is refused before anything is written.
    let bad = files.path().join("bad.age");
    ge(dir.path())
        .args(["backup", "--to", "age1notakey", "--out"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not an age public key"));
    assert!(!bad.exists());
}
