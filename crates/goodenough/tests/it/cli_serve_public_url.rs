//! `serve --public-url`: the address passkeys are made for. One a browser
//! would refuse passkeys on (a bare IP address, plain HTTP on a real host,
//! another scheme, no scheme) is refused with one sentence before anything
//! starts.

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

#[test]
fn serve_refuses_a_public_url_passkeys_cannot_use() {
    let dir = TempDir::new().expect("tmp");
    for bad in [
        "http://192.168.1.5:8080",
        "https://10.0.0.1",
        "http://coach.example.org",
        "ftp://coach.example.org",
        "coach.example.org",
    ] {
        Command::cargo_bin("goodenough")
            .expect("binary builds")
            .env_remove("GOODENOUGH_HOME")
            .env_remove("GOODENOUGH_DATABASE_URL")
            .env_remove("GOODENOUGH_PUBLIC_URL")
            .arg("--data-dir")
            .arg(dir.path())
            .args(["serve", "--public-url", bad])
            .write_stdin("")
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "is not an address passkeys can use; write the https address people open",
            ));
    }
    // Nothing was started or written.
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
        "the data directory stays empty"
    );
}
