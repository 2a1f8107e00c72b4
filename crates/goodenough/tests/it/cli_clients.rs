//! `goodenough clients` through the real binary: the store's person is a
//! coach; a client linked on the same store (as a server would link them)
//! shares check-ins and their programme. The roster shows the programme
//! and week, each part shared or "not shared", and the programme read is
//! in the client's access log. "Now" is 2026-03-10.

use std::sync::Arc;

use assert_cmd::Command;
use chrono::{NaiveDate, TimeZone, Utc};
use goodenough_app::{practice, programme, Actor, App, Catalogues, Category};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn cmd(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", "2026-03-10T12:00:00Z")
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

#[test]
fn a_coach_reads_the_roster_at_the_terminal() {
    let dir = TempDir::new().expect("tmp");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    assert_eq!(json(&dir, &["clients"]), serde_json::json!([]));
    cmd(&dir)
        .arg("clients")
        .assert()
        .success()
        .stdout(predicate::str::contains("No clients linked yet"));
    // The store's own person (the CLI's) is the coach; Alice comes second.
    for (email, role) in [
        ("kim@example.org", "coach"),
        ("alice@example.org", "client"),
    ] {
        cmd(&dir)
            .args(["user", "add", email, "--password-stdin", "--role", role])
            .write_stdin("correct horse battery\n")
            .assert()
            .success();
    }
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .expect("now");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store = rt
        .block_on(goodenough_store::open(&url))
        .expect("the store opens");
    let app = App::new(Arc::from(store), Arc::new(Catalogues::shipped()));
    let person = |email: &str| {
        rt.block_on(app.accounts().account_by_email(email))
            .expect("lookup")
            .expect("the account")
            .person_id
    };
    let (kim, alice) = (person("kim@example.org"), person("alice@example.org"));
    let as_kim = app.scope(Actor::person(&kim), &kim, now);
    let as_alice = app.scope(Actor::person(&alice), &alice, now);
    rt.block_on(practice::invite(&as_kim, "hash-tok", None))
        .expect("an invitation");
    let link = rt
        .block_on(practice::accept(&as_alice, "hash-tok"))
        .expect("alice accepts")
        .link
        .id;
    let from = NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date");
    rt.block_on(practice::share(
        &as_alice,
        &link,
        Category::CheckIns,
        Some(from),
    ))
    .expect("check-ins");
    rt.block_on(practice::share(&as_alice, &link, Category::Programme, None))
        .expect("programme");
    let programmes = Catalogues::shipped().programmes().list.clone();
    let first = programmes.first().expect("a shipped programme").clone();
    rt.block_on(programme::start(
        &as_alice,
        &programmes,
        &first.id,
        Some(NaiveDate::from_ymd_opt(2026, 2, 24).expect("a date")),
        false,
    ))
    .expect("alice starts a programme");

    let roster = json(&dir, &["clients"]);
    assert_eq!(roster.as_array().map(Vec::len), Some(1), "{roster}");
    let alice_line = &roster[0];
    assert!(alice_line["name"].is_string(), "{alice_line}");
    assert_eq!(alice_line["client_id"], alice.as_str());
    let programme_line = alice_line["programme"].as_str().expect("a line");
    assert!(
        programme_line.starts_with(&format!("{}: week 3 of", first.title)),
        "{programme_line}"
    );
    let part = |key: &str| {
        alice_line["shared"]
            .as_array()
            .expect("parts")
            .iter()
            .find(|p| p["category"] == key)
            .cloned()
            .expect("the part")
    };
    assert_eq!(part("checkins")["from"], "2026-03-01");
    assert_eq!(part("programme")["shared"], true);
    assert_eq!(part("thoughts")["shared"], false);
    assert_eq!(part("crisis")["shared"], false);
    cmd(&dir)
        .arg("clients")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "check-ins: shared from 2026-03-01",
        ))
        .stdout(predicate::str::contains("thoughts: not shared"))
        .stdout(predicate::str::contains(": week 3 of"));

    // Each roster's programme read is in Alice's log.
    let store = rt
        .block_on(goodenough_store::open(&url))
        .expect("the store opens");
    let app = App::new(Arc::from(store), Arc::new(Catalogues::shipped()));
    let log = rt
        .block_on(practice::access_log(&app.scope(
            Actor::person(&alice),
            &alice,
            now,
        )))
        .expect("alice's log");
    let reads: Vec<_> = log
        .iter()
        .filter(|l| l.target == "goodenough clients")
        .map(|l| (l.category.as_str(), l.allowed))
        .collect();
    assert_eq!(reads, [("programme", true), ("programme", true)]);
}

const PLAN: &str = "id = \"gentle\"\ntitle = \"A gentle start\"\nsummary = \"Two easy weeks.\"\nweeks = 2\n\n[[phases]]\nname = \"Settling in\"\nweeks = [1, 2]\n";

/// The store with two accounts (`first` is the CLI's own person), linked
/// through an invitation of the coach's: the app, the coach's and the
/// client's ids.
fn linked(
    dir: &TempDir,
    rt: &tokio::runtime::Runtime,
    first: (&str, &str),
    second: (&str, &str),
) -> (App, String, String, String) {
    for (email, role) in [first, second] {
        cmd(dir)
            .args(["user", "add", email, "--password-stdin", "--role", role])
            .write_stdin("correct horse battery\n")
            .assert()
            .success();
    }
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store = rt
        .block_on(goodenough_store::open(&url))
        .expect("the store opens");
    let app = App::new(Arc::from(store), Arc::new(Catalogues::shipped()));
    let person = |email: &str| {
        rt.block_on(app.accounts().account_by_email(email))
            .expect("lookup")
            .expect("the account")
            .person_id
    };
    let (coach, client) = if first.1 == "coach" {
        (person(first.0), person(second.0))
    } else {
        (person(second.0), person(first.0))
    };
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .expect("now");
    rt.block_on(practice::invite(
        &app.scope(Actor::person(&coach), &coach, now),
        "hash-tok",
        None,
    ))
    .expect("an invitation");
    let link = rt
        .block_on(practice::accept(
            &app.scope(Actor::person(&client), &client, now),
            "hash-tok",
        ))
        .expect("the client accepts")
        .link
        .id;
    (app, coach, client, link)
}

#[test]
fn a_coach_offers_a_programme_and_reads_crisis_dates_only_when_opted_in() {
    let dir = TempDir::new().expect("tmp");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let (app, _kim, alice, link) = linked(
        &dir,
        &rt,
        ("kim@example.org", "coach"),
        ("alice@example.org", "client"),
    );
    let file = dir.path().join("gentle.toml");
    std::fs::write(&file, PLAN).expect("the file");
    cmd(&dir)
        .args(["content", "upload"])
        .arg(&file)
        .args(["--kind", "programme"])
        .assert()
        .success();
    // The roster names each client by a handle the other commands take.
    let handle = &alice[alice.len() - 6..];
    cmd(&dir)
        .arg("clients")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("{handle}  ")));

    cmd(&dir)
        .args(["clients", "offer", handle, "brisk"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("gentle"));
    cmd(&dir)
        .args(["clients", "offer", "zzzzzzzz", "gentle"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("client"));
    cmd(&dir)
        .args(["clients", "offer", handle, "gentle", "--note", "For March."])
        .assert()
        .success()
        .stdout(predicate::str::contains("Offered \"A gentle start\""));
    cmd(&dir)
        .args(["clients", "offer", handle, "gentle"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not answered yet"));
    let offers = json(&dir, &["clients", "offers", handle]);
    assert_eq!(offers.as_array().map(Vec::len), Some(1), "{offers}");
    assert_eq!(offers[0]["status"], "offered");
    assert_eq!(offers[0]["note"], "For March.");
    assert_eq!(offers[0]["body"], PLAN);

    // A next step, given at the terminal.
    cmd(&dir)
        .args([
            "clients",
            "assign",
            handle,
            "homework",
            "--due",
            "2026-03-20",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a kind of assignment"));
    cmd(&dir)
        .args([
            "clients",
            "assign",
            handle,
            "thought_record",
            "--due",
            "20/03/2026",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    assert_eq!(
        json(&dir, &["clients", "steps", handle]),
        serde_json::json!([])
    );
    cmd(&dir)
        .args([
            "clients",
            "assign",
            handle,
            "thought_record",
            "--due",
            "2026-03-20",
            "--note",
            "After the review.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("It shows on their Today"));
    let steps = json(&dir, &["clients", "steps", handle]);
    assert_eq!(steps.as_array().map(Vec::len), Some(1), "{steps}");
    assert_eq!(steps[0]["note"], "After the review.");
    cmd(&dir)
        .args(["clients", "steps", handle])
        .assert()
        .success()
        .stdout(predicate::str::contains("(due 2026-03-20; to do)"));

    // Crisis-help dates: refused until Alice opts in, then the dates only.
    cmd(&dir)
        .args(["clients", "crisis-dates", handle])
        .assert()
        .failure()
        .stderr(predicate::str::contains("has not opted in"));
    let now = Utc
        .with_ymd_and_hms(2026, 3, 9, 20, 0, 0)
        .single()
        .expect("now");
    let as_alice = app.scope(Actor::person(&alice), &alice, now);
    rt.block_on(goodenough_app::crisis::shown(&as_alice))
        .expect("help was shown");
    rt.block_on(practice::share(
        &as_alice,
        &link,
        Category::CrisisDates,
        None,
    ))
    .expect("alice opts in");
    assert_eq!(
        json(&dir, &["clients", "crisis-dates", handle]),
        serde_json::json!(["2026-03-09"])
    );
    cmd(&dir)
        .args(["clients", "crisis-dates", handle])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-03-09"))
        .stdout(predicate::str::contains("not an emergency service"));
}

#[test]
fn a_client_accepts_or_declines_a_programme_at_the_terminal() {
    let dir = TempDir::new().expect("tmp");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let (app, kim, alice, _link) = linked(
        &dir,
        &rt,
        ("alice@example.org", "client"),
        ("kim@example.org", "coach"),
    );
    assert_eq!(json(&dir, &["programme", "offers"]), serde_json::json!([]));
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .expect("now");
    let as_kim = app.scope(Actor::person(&kim), &kim, now);
    rt.block_on(goodenough_app::content::upload(
        &as_kim,
        goodenough_app::content::Upload {
            kind: "programme".into(),
            text: PLAN.into(),
            replace: false,
        },
    ))
    .expect("uploaded");
    let first = rt
        .block_on(goodenough_app::offers::offer(
            &as_kim, &alice, "gentle", "Try it?",
        ))
        .expect("offered")
        .offer
        .id;
    cmd(&dir)
        .args(["programme", "offers"])
        .assert()
        .success()
        .stdout(predicate::str::contains("A gentle start, 2 weeks"))
        .stdout(predicate::str::contains("note: Try it?"));

    // A shipped programme runs: accepting needs --replace, and nothing
    // changes without it.
    let shipped = Catalogues::shipped().programmes().list.clone();
    let running = shipped.first().expect("a shipped programme").id.clone();
    cmd(&dir)
        .args(["programme", "start", &running])
        .assert()
        .success();
    cmd(&dir)
        .args(["programme", "accept", &first[first.len() - 6..]])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--replace"));
    let status = json(&dir, &["programme", "status"]);
    assert_eq!(status["enrolment"]["programme_id"], running.as_str());
    cmd(&dir)
        .args([
            "programme",
            "accept",
            &first[first.len() - 6..],
            "--replace",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Accepted \"A gentle start\" from"));
    let status = json(&dir, &["programme", "status"]);
    assert_eq!(status["standing"]["title"], "A gentle start", "{status}");
    assert_eq!(status["standing"]["week"], 1, "{status}");
    cmd(&dir)
        .args(["programme", "decline", &first[first.len() - 6..]])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already"));

    // A second offer, declined with a reason the coach reads.
    let second = rt
        .block_on(goodenough_app::offers::offer(&as_kim, &alice, "gentle", ""))
        .expect("offered again")
        .offer
        .id;
    cmd(&dir)
        .args([
            "programme",
            "decline",
            &second[second.len() - 6..],
            "--reason",
            "Not now",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Declined"));
    let given = rt
        .block_on(goodenough_app::offers::given(&as_kim, &alice))
        .expect("kim's offers");
    assert_eq!(given[1].offer.reason.as_deref(), Some("Not now"));
    let offers = json(&dir, &["programme", "offers"]);
    assert_eq!(offers[0]["status"], "accepted");
    assert_eq!(offers[1]["status"], "declined");
}

#[test]
fn a_coach_keeps_session_notes_at_the_terminal_and_the_client_sees_only_the_shared_ones() {
    let dir = TempDir::new().expect("tmp");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let (app, _kim, alice, _link) = linked(
        &dir,
        &rt,
        ("kim@example.org", "coach"),
        ("alice@example.org", "client"),
    );
    let handle = &alice[alice.len() - 6..];
    assert_eq!(
        json(&dir, &["clients", "notes", handle]),
        serde_json::json!([])
    );
    cmd(&dir)
        .args(["clients", "notes", handle])
        .assert()
        .success()
        .stdout(predicate::str::contains("No session notes"));
    // Bad input: empty notes, a date that is not one, someone not a client.
    cmd(&dir)
        .args(["clients", "note", handle, "--notes", "   "])
        .assert()
        .failure()
        .stderr(predicate::str::contains("notes"));
    cmd(&dir)
        .args([
            "clients", "note", handle, "--notes", "Talked.", "--date", "9/3/2026",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    cmd(&dir)
        .args(["clients", "note", "zzzzzzzz", "--notes", "Talked."])
        .assert()
        .failure()
        .stderr(predicate::str::contains("client"));
    assert_eq!(
        json(&dir, &["clients", "notes", handle]),
        serde_json::json!([]),
        "a refused note keeps nothing"
    );

    cmd(&dir)
        .args([
            "clients",
            "note",
            handle,
            "--date",
            "2026-03-09",
            "--agenda",
            "The first review",
            "--notes",
            "Evenings are calmer.\nNext: one no a week.",
            "--shared",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("your client can read it"));
    cmd(&dir)
        .args([
            "clients",
            "note",
            handle,
            "--notes",
            "Watch the Sunday dread.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("private to you"));
    let notes = json(&dir, &["clients", "notes", handle]);
    let list = notes.as_array().expect("a list");
    assert_eq!(list.len(), 2, "{notes}");
    assert_eq!(list[0]["session_date"], "2026-03-09");
    assert_eq!(list[0]["agenda"], "The first review");
    assert_eq!(list[0]["shared"], true);
    assert_eq!(list[1]["session_date"], "2026-03-10", "today by default");
    assert_eq!(list[1]["shared"], false);
    // The same shape as the API's note: no link or person ids.
    let keys: Vec<&str> = list[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "session_date",
            "agenda",
            "notes",
            "shared",
            "created_at"
        ]
    );
    cmd(&dir)
        .args(["clients", "notes", handle])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2026-03-09  (shared with your client)",
        ))
        .stdout(predicate::str::contains("  Next: one no a week."))
        .stdout(predicate::str::contains("2026-03-10  (private)"));

    // Alice reads the shared note and only that a private one exists.
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 13, 0, 0)
        .single()
        .expect("now");
    let mine = rt
        .block_on(practice::my_notes(&app.scope(
            Actor::person(&alice),
            &alice,
            now,
        )))
        .expect("alice's notes");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].shared.len(), 1);
    assert_eq!(mine[0].shared[0].agenda, "The first review");
    assert_eq!(mine[0].private_count, 1);
    assert_eq!(mine[0].private_latest, NaiveDate::from_ymd_opt(2026, 3, 10));
}

#[test]
fn a_coach_reads_only_what_a_client_shares_at_the_terminal_and_each_read_is_in_her_log() {
    let dir = TempDir::new().expect("tmp");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let (app, _kim, alice, link) = linked(
        &dir,
        &rt,
        ("kim@example.org", "coach"),
        ("alice@example.org", "client"),
    );
    let handle = &alice[alice.len() - 6..];
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .expect("now");
    let as_alice = app.scope(Actor::person(&alice), &alice, now);
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).expect("a date");
    for (d, note) in [(2, "before sharing"), (6, "a calm evening")] {
        rt.block_on(goodenough_app::checkins::record(
            &as_alice,
            goodenough_app::checkins::NewCheckIn {
                date: Some(day(d)),
                mood: 6,
                energy: 5,
                appreciations: [
                    "rest: a slow walk",
                    "health: slept well",
                    "work: left on time",
                ]
                .iter()
                .map(|a| goodenough_core::checkin::Appreciation::parse(a).expect("valid"))
                .collect(),
                note: Some(note.to_string()),
            },
            false,
        ))
        .expect("a check-in");
    }
    rt.block_on(goodenough_app::journal::add_win(
        &as_alice,
        Some(day(6)),
        "asked for help early",
    ))
    .expect("a win");

    // Nothing shared yet: refused in a sentence, and nothing of hers shown.
    let out = cmd(&dir)
        .args(["clients", "checkins", handle])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not shared"), "{err}");
    assert!(err.contains("access log"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("calm evening"));
    // Not a client at all: a sentence naming the handle's kind.
    cmd(&dir)
        .args(["clients", "wins", "zzzzzzzz"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("client"));

    // Check-ins shared from 5 March: only what she shares, in the API's shape.
    rt.block_on(practice::share(
        &as_alice,
        &link,
        Category::CheckIns,
        Some(day(5)),
    ))
    .expect("check-ins shared");
    let list = json(&dir, &["clients", "checkins", handle]);
    let own = rt
        .block_on(goodenough_app::checkins::list(&as_alice, Some(day(5))))
        .expect("her own list");
    assert_eq!(list, serde_json::to_value(&own).expect("json"), "{list}");
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["date"], "2026-03-06");
    cmd(&dir)
        .args(["clients", "checkins", handle])
        .assert()
        .success()
        .stdout(predicate::str::contains("from 2026-03-05 on"))
        .stdout(predicate::str::contains("a calm evening"))
        .stdout(predicate::str::contains("before sharing").not());
    // Wins are another category: still refused.
    cmd(&dir)
        .args(["clients", "wins", handle])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not shared"));
    // Her report needs "reviews and progress": refused, and no file written.
    let report = dir.path().join("alice.html");
    cmd(&dir)
        .args(["clients", "report", handle, "--out"])
        .arg(&report)
        .assert()
        .failure()
        .stderr(predicate::str::contains("not shared"));
    assert!(!report.exists());
    rt.block_on(practice::share(
        &as_alice,
        &link,
        Category::ReviewsAndProgress,
        None,
    ))
    .expect("progress shared");
    cmd(&dir)
        .args(["clients", "report", handle, "--out"])
        .arg(&report)
        .assert()
        .success()
        .stdout(predicate::str::contains("progress report"));
    let html = std::fs::read_to_string(&report).expect("the report");
    assert!(html.contains("<html"), "an HTML report");

    // Every part reads, in words and as JSON, once she shares it; the empty
    // ones say so kindly.
    for category in Category::SHAREABLE {
        rt.block_on(practice::share(&as_alice, &link, category, None))
            .expect("shared");
    }
    for part in [
        "checkins",
        "thoughts",
        "wins",
        "setbacks",
        "evidence",
        "experiments",
        "boundaries",
        "assessments",
        "joy",
    ] {
        let out = cmd(&dir)
            .args(["clients", part, handle])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{part}: {out:?}");
        let words = String::from_utf8_lossy(&out.stdout);
        assert!(words.contains("shares their"), "{part}: {words}");
        let value = json(&dir, &["clients", part, handle]);
        if ["boundaries", "joy"].contains(&part) {
            assert!(value.is_object(), "{part}: {value}");
        } else {
            assert!(value.is_array(), "{part}: {value}");
        }
    }
    cmd(&dir)
        .args(["clients", "wins", handle])
        .assert()
        .success()
        .stdout(predicate::str::contains("asked for help early"));
    cmd(&dir)
        .args(["clients", "thoughts", handle])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "has no thought records to show you yet",
        ));

    // Every attempt, allowed or refused, is in Alice's access log under the
    // command that made it.
    let log = rt
        .block_on(practice::access_log(&as_alice))
        .expect("alice's log");
    let seen: Vec<(&str, &str, bool)> = log
        .iter()
        .filter(|l| l.target.starts_with("goodenough clients "))
        .map(|l| (l.target.as_str(), l.category.as_str(), l.allowed))
        .collect();
    for expected in [
        ("goodenough clients checkins", "checkins", false),
        ("goodenough clients checkins", "checkins", true),
        ("goodenough clients wins", "wins", false),
        ("goodenough clients report", "progress", false),
        ("goodenough clients report", "progress", true),
    ] {
        assert!(seen.contains(&expected), "{expected:?} in {seen:?}");
    }
}
