//! `goodenough export --format csv` writes exactly the files of the shared
//! renderer `goodenough_core::export::csv` (which the web Data page serves
//! too), byte for byte, for the same store.

use std::path::Path;

use assert_cmd::Command;
use goodenough_core::export::{csv, ExportDoc};
use tempfile::TempDir;

fn ge(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("goodenough").expect("binary is built");
    cmd.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env("GOODENOUGH_NOW", "2026-11-01T21:00:00Z")
        .env("TZ", "UTC")
        .arg("--data-dir")
        .arg(dir);
    cmd
}

#[test]
fn the_cli_csv_files_are_the_shared_renderers_bytes() {
    let data = TempDir::new().expect("tempdir");
    ge(data.path())
        .args(["demo", "--end", "2026-11-01", "--days", "60"])
        .assert()
        .success();

    let out = ge(data.path())
        .args(["export", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let doc = ExportDoc::parse(&String::from_utf8_lossy(&out.stdout)).expect("export");
    assert!(!doc.evidence.is_empty() && !doc.reviews.is_empty() && !doc.enrolments.is_empty());

    let dir = data.path().join("csv");
    ge(data.path())
        .args(["export", "--format", "csv", "--out"])
        .arg(&dir)
        .assert()
        .success();

    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut listed: Vec<String> = csv::FILES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(
        written, listed,
        "one file per kind, nothing else left behind"
    );

    for (name, bytes) in csv::files(&doc).expect("csv") {
        let on_disk = std::fs::read(dir.join(name)).expect(name);
        assert_eq!(on_disk, bytes, "{name}");
    }
}
