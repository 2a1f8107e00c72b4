//! `goodenough practice-settings show|set`: the operator sets the practice's
//! name and its region's crisis resources from a file (one a line); a bad
//! line is one sentence naming it, exit 1, nothing changed; `help-now` and
//! the crisis response after a command show the practice's resources first,
//! then the shipped message. On SQLite always, and on PostgreSQL when
//! GOODENOUGH_TEST_DATABASE_URL names a server.

use assert_cmd::Command;
use serde_json::{json, Value};
use tempfile::TempDir;

const NOW: &str = "2026-03-11T18:00:00Z";

fn cmd(dir: &TempDir, database: Option<&str>) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", NOW)
        .env("TZ", "UTC")
        .arg("--data-dir")
        .arg(dir.path())
        .write_stdin("");
    if let Some(url) = database {
        c.arg("--database").arg(url);
    }
    c
}

fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn story(database: Option<&str>) {
    let dir = TempDir::new().expect("tmp");
    // Nothing set: empty, and help-now shows the shipped message only.
    let out = cmd(&dir, database)
        .args(["--json", "practice-settings", "show"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(json_of(&out), json!({"name": null, "crisis_resources": []}));

    // A file with a bad line: one sentence naming the line; nothing set.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "Samaritans | 116 123\nCall us | whenever\n").expect("write");
    let out = cmd(&dir, database)
        .args([
            "practice-settings",
            "set",
            "--name",
            "North Star",
            "--crisis-file",
        ])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    let out = cmd(&dir, database)
        .args(["--json", "practice-settings", "show"])
        .output()
        .expect("runs");
    assert_eq!(json_of(&out)["name"], Value::Null, "nothing was set");

    // A missing file and no flags at all are refused with a sentence.
    let out = cmd(&dir, database)
        .args(["practice-settings", "set", "--crisis-file", "/no/such/file"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the crisis resources file"));
    let out = cmd(&dir, database)
        .args(["practice-settings", "set"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing to set"));

    // A good file: kept, shown back.
    let good = dir.path().join("crisis.txt");
    std::fs::write(
        &good,
        "# our region\nSamaritans | 116 123 | any time\nMind | https://www.mind.org.uk/\n",
    )
    .expect("write");
    let out = cmd(&dir, database)
        .args([
            "practice-settings",
            "set",
            "--name",
            "North Star",
            "--crisis-file",
        ])
        .arg(&good)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let out = cmd(&dir, database)
        .args(["--json", "practice-settings", "show"])
        .output()
        .expect("runs");
    assert_eq!(
        json_of(&out),
        json!({"name": "North Star", "crisis_resources": [
            {"name": "Samaritans", "contact": "116 123", "hours": "any time"},
            {"name": "Mind", "contact": "https://www.mind.org.uk/"}
        ]})
    );
    // Only the name changes when only the name is given.
    let out = cmd(&dir, database)
        .args(["practice-settings", "set", "--name", "North Star Coaching"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("Samaritans | 116 123 | any time"), "{text}");

    // help-now: the practice's resources first, then the shipped message.
    let out = cmd(&dir, database).arg("help-now").output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.starts_with(
            "Where to get help now, from North Star Coaching:\n- Samaritans: 116 123 (any time)\n"
        ),
        "{text}"
    );
    let (_, shipped) = text.split_once("\n\n").expect("then the shipped message");
    assert!(shipped.trim().len() > 20, "{text}");
    let out = cmd(&dir, database)
        .args(["--json", "help-now"])
        .output()
        .expect("runs");
    let v = json_of(&out);
    assert_eq!(v["crisis_resources"][1]["name"], "Mind");
    assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));

    // The crisis response after a command that saved a phrase.
    let out = cmd(&dir, database)
        .args(["win", "some nights I want to kill myself"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let help = err.find("Help now").expect(&err);
    let ours = err.find("Samaritans: 116 123").expect(&err);
    assert!(help < ours, "{err}");
}

#[test]
fn practice_settings_on_sqlite() {
    story(None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn practice_settings_on_postgres() {
    let Ok(admin_url) = std::env::var("GOODENOUGH_TEST_DATABASE_URL") else {
        eprintln!(
            "GOODENOUGH_TEST_DATABASE_URL is not set: skipped the PostgreSQL practice settings"
        );
        return;
    };
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&admin_url)
        .await
        .expect("connect to GOODENOUGH_TEST_DATABASE_URL");
    let name = format!(
        "ge_practice_{}",
        goodenough_core::id::new_id().replace('-', "")
    );
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("a test database");
    let url = match admin_url.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => panic!("GOODENOUGH_TEST_DATABASE_URL names no database"),
    };
    let for_story = url.clone();
    tokio::task::spawn_blocking(move || story(Some(&for_story)))
        .await
        .expect("the story");
    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&admin)
        .await;
}
