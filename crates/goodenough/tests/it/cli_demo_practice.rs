//! `serve --demo` on a new data directory adds the demo practice: sign-ins
//! for Alex (the store's own person, with the demo journey) and for a coach
//! with thirteen clients who each share something different; the password
//! is printed once and kept in `demo-sign-ins.txt`, readable by the owner
//! only. A second start adds nothing.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;

use goodenough_app::{practice, Actor, App, Catalogues, Category};

/// Starts `serve --demo` and stops it once it serves; what it printed.
fn serve_demo_once(dir: &std::path::Path) -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("goodenough"))
        .env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_DEMO_CLIENTS")
        .env_remove("GOODENOUGH_DEMO_CLIENT_DAYS")
        .args(["--data-dir"])
        .arg(dir)
        .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut printed = String::new();
    let stderr = child.stderr.take().expect("stderr");
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("a line");
        printed.push_str(&line);
        printed.push('\n');
        if line.contains("is serving on") {
            break;
        }
    }
    child.kill().expect("stop");
    child.wait().expect("stopped");
    printed
}

#[test]
fn serve_demo_adds_a_coach_with_clients_who_each_share_something_different() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let printed = serve_demo_once(dir.path());
    assert!(printed.contains("coach@demo.example"), "{printed}");
    let file = dir.path().join("demo-sign-ins.txt");
    let kept = std::fs::read_to_string(&file).expect("the sign-ins are kept");
    let password = kept
        .lines()
        .next()
        .and_then(|l| l.split("for every one: ").nth(1))
        .map(|p| p.trim_end_matches(')').to_string())
        .expect("the password");
    assert!(password.len() >= 16);
    assert!(printed.contains(&password));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the owner may read the password");
    }

    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store = rt.block_on(goodenough_store::open(&url)).expect("opens");
    let app = App::new(Arc::from(store), Arc::new(Catalogues::shipped()));
    let now = chrono::Utc::now();
    let accounts = app.accounts();
    let coach = rt
        .block_on(accounts.account_by_email("coach@demo.example"))
        .expect("lookup")
        .expect("the coach");
    let alex = rt
        .block_on(accounts.account_by_email("alex@demo.example"))
        .expect("lookup")
        .expect("alex");
    // Alex's account is the store's own person: the eight-month journey.
    let alex_scope = app.scope(Actor::person(&alex.person_id), &alex.person_id, now);
    let alex_checkins = rt
        .block_on(goodenough_app::checkins::list(&alex_scope, None))
        .expect("alex's check-ins");
    assert!(alex_checkins.len() > 150, "{}", alex_checkins.len());
    let mine = app.scope(Actor::person(&coach.person_id), &coach.person_id, now);
    let clients = rt.block_on(practice::clients(&mine)).expect("the roster");
    assert_eq!(clients.len(), 13);
    let nothing = clients
        .iter()
        .filter(|c| c.consent.shared.is_empty())
        .count();
    let thoughts = clients
        .iter()
        .filter(|c| c.shares(Category::Thoughts).is_some())
        .count();
    assert!(nothing >= 2 && thoughts >= 3, "consents differ");
    // Clients have their own records, at different weeks.
    let weeks: std::collections::BTreeSet<usize> = clients
        .iter()
        .map(|c| {
            let scope = app.scope(Actor::person(&c.link.client_id), &c.link.client_id, now);
            rt.block_on(goodenough_app::checkins::list(&scope, None))
                .expect("own")
                .len()
                / 7
        })
        .collect();
    assert!(weeks.len() >= 8, "journeys of different lengths: {weeks:?}");
    drop(app);

    // A second start adds nothing and keeps the password.
    let again = serve_demo_once(dir.path());
    assert!(!again.contains("Demo sign-ins"), "{again}");
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), kept);
}
