//! Encryption at rest (SQLCipher) through the real binary: a canary word in
//! every kind of record (a demo journey's export with the canary added to
//! every text, imported, plus a web account and records written after the
//! switch, by the CLI and by a running server), then every file of the data
//! directory (the database, its `-wal` and `-shm` while the server still
//! runs, the backups, the key settings) is read byte by byte: with
//! encryption the canary is nowhere, without it the same story finds it (so
//! the test can fail); the key kept by `goodenough unlock` in the runtime
//! directory is read too. Then the bad inputs: a wrong or missing passphrase, a
//! missing key file, encrypting twice, decrypting a plain store, rekeying
//! with a wrong old passphrase and `serve` with a wrong key: each one
//! sentence, a non-zero exit, the store's bytes unchanged.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-03-10T20:00:00Z";
const CANARY: &str = "Quokkacanary5Xz";
const PASS: &str = "correct horse battery staple";

fn ge(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_PASSPHRASE")
        .env_remove("GOODENOUGH_NEW_PASSPHRASE")
        .env_remove("GOODENOUGH_KEY_FILE")
        .env("GOODENOUGH_NOW", NOW)
        .arg("--data-dir")
        .arg(dir)
        .write_stdin("");
    c
}

/// `ge` with the passphrase in the environment.
fn gek(dir: &Path) -> Command {
    let mut c = ge(dir);
    c.env("GOODENOUGH_PASSPHRASE", PASS);
    c
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

/// Adds the canary to every text with a space in it (the words a person
/// wrote; ids, dates and kinds have none).
fn add_canary(v: &mut Value) {
    match v {
        Value::String(s) if s.contains(' ') => s.push_str(&format!(" {CANARY}")),
        Value::Array(items) => items.iter_mut().for_each(add_canary),
        Value::Object(map) => map.values_mut().for_each(add_canary),
        _ => {}
    }
}

/// A store holding the canary in every kind of record.
fn canary_store(dir: &Path, files: &Path) {
    let source = files.join("source");
    ok({
        let mut c = ge(&source);
        c.args(["demo", "--days", "60", "--end", "2026-03-09"]);
        c
    });
    let mut doc: Value = serde_json::from_str(&ok({
        let mut c = ge(&source);
        c.arg("export");
        c
    }))
    .expect("json");
    add_canary(&mut doc);
    let kinds: Vec<String> = doc
        .as_object()
        .expect("an object")
        .iter()
        .filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty()))
        .map(|(k, _)| k.clone())
        .collect();
    assert!(kinds.len() >= 8, "the demo has many kinds: {kinds:?}");
    let file = files.join("canary.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    ok({
        let mut c = ge(dir);
        c.arg("import").arg(&file);
        c
    });
    // Every kind that holds words came in with the canary.
    let back: Value = serde_json::from_str(&ok({
        let mut c = ge(dir);
        c.arg("export");
        c
    }))
    .expect("json");
    for kind in &kinds {
        let text = back[kind].to_string();
        if doc[kind].to_string().contains(CANARY) {
            assert!(text.contains(CANARY), "{kind} kept its words");
        }
    }
    let mut c = ge(dir);
    c.args([
        "user",
        "add",
        &format!("{}@example.org", CANARY.to_lowercase()),
    ])
    .args(["--password-stdin"])
    .write_stdin("a long enough password\n");
    ok(c);
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("readable") {
            let p = entry.expect("entry").path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// The files under `dir` whose bytes hold the canary.
fn holding_canary(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            bytes
                .windows(CANARY.len())
                .any(|w| w.eq_ignore_ascii_case(CANARY.as_bytes()))
        })
        .collect()
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Starts `serve` and waits (generously) until it answers.
fn serve(dir: &Path, passphrase: Option<&str>) -> (Server, String) {
    let port = free_port();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("goodenough"));
    cmd.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_PASSPHRASE")
        .env_remove("GOODENOUGH_KEY_FILE")
        .arg("--data-dir")
        .arg(dir)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(p) = passphrase {
        cmd.env("GOODENOUGH_PASSPHRASE", p);
    }
    let server = Server(cmd.spawn().expect("serve starts"));
    let base = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (server, base)
}

/// The story: canary everywhere, (encrypt), more writes by the CLI and a
/// running server, a backup; then the files that hold the canary, read
/// while the server still runs (so its WAL is there).
fn story(encrypted: bool) -> (TempDir, Vec<PathBuf>) {
    let files = TempDir::new().expect("tmp");
    let dir = TempDir::new().expect("tmp");
    let data = dir.path().join("data");
    canary_store(&data, files.path());
    let run = |c: Command| ok(c);
    let with_key = |d: &Path| if encrypted { gek(d) } else { ge(d) };
    // The login session's private runtime directory, where `unlock` keeps
    // the key (read for the canary too).
    let runtime = dir.path().join("run");
    std::fs::create_dir(&runtime).expect("dir");
    std::fs::set_permissions(
        &runtime,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .expect("chmod");
    let mut c = if encrypted {
        let mut c = gek(&data);
        c.arg("encrypt");
        let said = run(c);
        assert!(said.contains("is now encrypted"), "{said}");
        let mut c = gek(&data);
        c.env("XDG_RUNTIME_DIR", &runtime).arg("unlock");
        let said = run(c);
        assert!(said.contains("is unlocked until"), "{said}");
        // Unlocked: this command is given no passphrase.
        ge(&data)
    } else {
        ge(&data)
    };
    c.env("XDG_RUNTIME_DIR", &runtime)
        .args(["win", &format!("after the switch {CANARY}")]);
    run(c);
    let mut c = with_key(&data);
    c.args([
        "checkin",
        "--mood",
        "6",
        "--energy",
        "5",
        "--date",
        "2026-03-10",
    ])
    .args(["--note", &format!("evening {CANARY}")])
    .args(["--appreciate", &format!("work: kept it short {CANARY}")])
    .args(["--appreciate", &format!("rest: a walk {CANARY}")])
    .args(["--appreciate", &format!("relationships: a call {CANARY}")]);
    run(c);
    let mut c = with_key(&data);
    c.args(["--json", "token", "create", "--name", "canary"])
        .arg(format!("{}@example.org", CANARY.to_lowercase()));
    let token: Value = serde_json::from_str(&run(c)).expect("json");
    let token = token["token"].as_str().expect("a token").to_string();
    std::fs::create_dir_all(data.join("backups")).expect("dir");
    let mut c = with_key(&data);
    c.args(["backup", "--out"]).arg(data.join("backups/one.db"));
    run(c);
    let (server, base) = serve(&data, encrypted.then_some(PASS));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let res = reqwest::Client::new()
            .post(format!("{base}/api/v1/wins"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"text": format!("through the server {CANARY}")}))
            .send()
            .await
            .expect("request");
        assert!(res.status().is_success(), "{}", res.status());
    });
    let mut found = holding_canary(&data);
    found.extend(holding_canary(&runtime));
    drop(server);
    if encrypted {
        assert_eq!(
            files_under(&runtime).len(),
            1,
            "the kept key was among the files read"
        );
    }
    (dir, found)
}

#[test]
fn with_encryption_the_canary_is_in_no_file_and_without_it_the_same_story_finds_it() {
    let (dir, found) = story(true);
    let data = dir.path().join("data");
    let names: Vec<String> = files_under(&data)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    for wanted in [
        "goodenough.db",
        "goodenough.db.key.toml",
        "backups/one.db",
        "backups/one.db.key.toml",
    ] {
        assert!(
            names.iter().any(|n| n.ends_with(wanted)),
            "{wanted} is among the files read: {names:?}"
        );
    }
    assert!(
        names.iter().any(|n| n.ends_with("goodenough.db-wal")),
        "the running server's WAL was read too: {names:?}"
    );
    assert!(found.is_empty(), "the canary is in {found:?}");
    // The data is all there, for the right passphrase.
    let mut c = gek(&data);
    c.args(["--json", "wins"]);
    let wins = ok(c);
    assert!(wins.contains("through the server"), "{wins}");
    assert!(wins.contains(CANARY));
    // The backup restores (with its key settings) into another store.
    let other = dir.path().join("other");
    let mut c = gek(&other);
    c.arg("restore").arg(data.join("backups/one.db"));
    ok(c);
    let mut c = gek(&other);
    c.args(["--json", "wins"]);
    assert!(ok(c).contains("after the switch"));

    let (_plain, found) = story(false);
    let names: Vec<String> = found
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n == "goodenough.db" || n == "goodenough.db-wal"),
        "without encryption the store holds the canary: {names:?}"
    );
    assert!(
        names.iter().any(|n| n == "one.db"),
        "and the backup: {names:?}"
    );
}

/// The store's files (not the empty lock files), to compare before and
/// after a refusal; compared by length and a digest so a failure stays short.
fn snapshot(data: &Path) -> Vec<(PathBuf, usize, u64)> {
    use std::hash::{Hash, Hasher};
    let mut all: Vec<(PathBuf, usize, u64)> = files_under(data)
        .into_iter()
        .filter(|p| p.extension().is_none_or(|e| e != "lock"))
        .map(|p| {
            let b = std::fs::read(&p).expect("read");
            let mut h = std::collections::hash_map::DefaultHasher::new();
            b.hash(&mut h);
            (p, b.len(), h.finish())
        })
        .collect();
    all.sort();
    all
}

#[test]
fn bad_passphrases_and_bad_requests_are_one_sentence_and_change_nothing() {
    let dir = TempDir::new().expect("tmp");
    let data = dir.path().join("data");
    let mut c = ge(&data);
    c.args(["win", "a plain store"]);
    ok(c);
    let plain = snapshot(&data);

    // Decrypting or rekeying a plain store.
    let mut c = gek(&data);
    c.arg("decrypt");
    assert!(refused(c).contains("not encrypted"));
    let mut c = gek(&data);
    c.arg("rekey");
    assert!(refused(c).contains("not encrypted"));
    // Encrypting with no passphrase (no terminal to ask on).
    let mut c = ge(&data);
    c.arg("encrypt");
    assert!(refused(c).contains("new passphrase is needed"));
    // A key file that is not there.
    let mut c = ge(&data);
    c.arg("--key-file")
        .arg(dir.path().join("nowhere.txt"))
        .arg("encrypt");
    assert!(refused(c).contains("nowhere.txt"));
    assert_eq!(snapshot(&data), plain, "nothing changed");

    // Encrypt with a key file; then encrypting again is refused.
    let key_file = dir.path().join("pass.txt");
    std::fs::write(&key_file, format!("{PASS}\n")).expect("write");
    let mut c = ge(&data);
    c.arg("--key-file").arg(&key_file).arg("encrypt");
    ok(c);
    let encrypted = snapshot(&data);
    let mut c = gek(&data);
    c.arg("encrypt");
    assert!(refused(c).contains("already encrypted"));

    // Wrong and missing passphrases, for a read, a write and serve.
    for args in [
        vec!["wins"],
        vec!["win", "never saved"],
        vec!["decrypt"],
        vec!["rekey"],
    ] {
        let mut c = ge(&data);
        c.env("GOODENOUGH_PASSPHRASE", "not the passphrase")
            .env("GOODENOUGH_NEW_PASSPHRASE", "another long passphrase")
            .args(&args);
        let err = refused(c);
        assert!(
            err.contains("This store is encrypted and the passphrase did not open it."),
            "{args:?}: {err}"
        );
        assert!(err.contains("GOODENOUGH_PASSPHRASE"), "{err}");
        let mut c = ge(&data);
        c.args(&args);
        let err = refused(c);
        assert!(err.contains("no passphrase was given"), "{args:?}: {err}");
    }
    let mut serve = ge(&data);
    serve
        .env("GOODENOUGH_PASSPHRASE", "not the passphrase")
        .args(["serve", "--bind", "127.0.0.1:0"])
        .timeout(Duration::from_secs(120));
    let out = serve.output().expect("runs");
    assert!(!out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("This store is encrypted and the passphrase did not open it."),
        "{err}"
    );
    // The key settings file gone: said, not a crash.
    let settings = data.join("goodenough.db.key.toml");
    let kept = std::fs::read(&settings).expect("key settings");
    std::fs::remove_file(&settings).expect("remove");
    let mut c = gek(&data);
    c.arg("wins");
    assert!(refused(c).contains("key settings file"));
    std::fs::write(&settings, kept).expect("put back");
    assert_eq!(snapshot(&data), encrypted, "nothing changed");

    // The right passphrase reads; rekey then decrypt round-trip.
    let mut c = ge(&data);
    c.arg("--key-file").arg(&key_file).args(["--json", "wins"]);
    assert!(ok(c).contains("a plain store"));
    let mut c = gek(&data);
    c.env("GOODENOUGH_NEW_PASSPHRASE", "a brand new passphrase")
        .arg("rekey");
    ok(c);
    let mut c = gek(&data);
    c.arg("wins");
    assert!(
        refused(c).contains("did not open it"),
        "the old one no longer opens"
    );
    let mut c = ge(&data);
    c.env("GOODENOUGH_PASSPHRASE", "a brand new passphrase")
        .arg("decrypt");
    ok(c);
    assert!(!data.join("goodenough.db.key.toml").exists());
    let mut c = ge(&data);
    c.args(["--json", "wins"]);
    assert!(ok(c).contains("a plain store"));
}

#[test]
fn a_key_change_killed_before_its_settings_were_promoted_still_opens() {
    let dir = TempDir::new().expect("tmp");
    let data = dir.path().join("data");
    let mut c = ge(&data);
    c.args(["win", "kept across a crash"]);
    ok(c);
    let mut c = gek(&data);
    c.arg("encrypt");
    ok(c);
    // As if killed after the new database was renamed in but before its
    // key settings were: they are still under the pending name.
    let main = data.join("goodenough.db.key.toml");
    let pending = data.join("goodenough.db.key.toml.new");
    std::fs::rename(&main, &pending).expect("rename");
    let mut c = gek(&data);
    c.args(["--json", "wins"]);
    assert!(ok(c).contains("kept across a crash"));
    assert!(main.exists() && !pending.exists(), "promoted on opening");
    // As if killed after writing new settings but before the swap: the
    // stale pending file is ignored and removed.
    let mut stale = std::fs::read_to_string(&main).expect("read");
    stale = stale.replace("salt = \"", "salt = \"00");
    std::fs::write(&pending, stale).expect("write");
    let mut c = gek(&data);
    c.args(["--json", "wins"]);
    assert!(ok(c).contains("kept across a crash"));
    assert!(main.exists() && !pending.exists(), "the stale one is gone");
}

#[test]
fn encrypt_refuses_while_a_server_runs_on_the_store() {
    let dir = TempDir::new().expect("tmp");
    let data = dir.path().join("data");
    let mut c = ge(&data);
    c.args(["win", "served while we try"]);
    ok(c);
    let (server, _base) = serve(&data, None);
    let mut c = gek(&data);
    c.arg("encrypt");
    let err = refused(c);
    assert!(err.contains("server is running"), "{err}");
    assert!(err.contains("Nothing was changed."), "{err}");
    drop(server);
    assert!(!data.join("goodenough.db.key.toml").exists());
    let mut c = ge(&data);
    c.args(["--json", "wins"]);
    assert!(
        ok(c).contains("served while we try"),
        "still plain and whole"
    );
}
