//! The coaching practice, as a coach and two clients live it, on SQLite and
//! (when GOODENOUGH_TEST_DATABASE_URL names a server) PostgreSQL: an
//! invitation accepted shares nothing; a coach reads exactly what the
//! client shares, from the date chosen, never writes; every attempt lands
//! in the client's access log, refused ones too; revoking and ending take
//! effect on the next request; bad invitations are refused with a
//! sentence; erasing the client erases the practice's records about them.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use goodenough_app::checkins::{self, NewCheckIn};
use goodenough_app::{
    crisis, data, journal, practice, programme, thoughts, Actor, App, AppError, Catalogues,
    Category, Reason, Scope,
};
use goodenough_core::{Appreciation, LifeArea, Settings};
use goodenough_store::{Role, Store, StoreError};

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 20, 0, 0)
        .single()
        .expect("an instant")
}

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, day).expect("a date")
}

fn own(app: &App, person: &str, now: DateTime<Utc>) -> Scope {
    app.scope(Actor::person(person), person, now)
}

/// The coach asking about `client`'s data, from the page `target`.
fn coach_on(app: &App, coach: &str, client: &str, now: DateTime<Utc>, target: &str) -> Scope {
    app.scope(Actor::person(coach), client, now)
        .for_target(target)
}

fn checkin(day: u32) -> NewCheckIn {
    NewCheckIn {
        date: Some(date(day)),
        mood: 6,
        energy: 5,
        appreciations: (0..3)
            .map(|i| Appreciation {
                area: LifeArea::Rest,
                text: format!("quiet evening {i}"),
            })
            .collect(),
        note: None,
    }
}

fn not_shared(result: Result<impl std::fmt::Debug, AppError>, what: &str) {
    match result {
        Err(AppError::Denied(d)) => assert_eq!(d.reason, Reason::NotShared, "{what}: {d}"),
        other => panic!("{what}: expected \"not shared\", got {other:?}"),
    }
}

fn not_theirs(result: Result<impl std::fmt::Debug, AppError>, what: &str) {
    match result {
        Err(AppError::Denied(d)) => assert_eq!(d.reason, Reason::NotTheirs, "{what}: {d}"),
        other => panic!("{what}: expected a refusal, got {other:?}"),
    }
}

fn refused(result: Result<impl std::fmt::Debug, AppError>, words: &str) {
    match result {
        Err(AppError::Refused(m)) => assert!(m.contains(words), "{m}"),
        other => panic!("expected a refusal naming {words:?}, got {other:?}"),
    }
}

fn invalid(result: Result<impl std::fmt::Debug, AppError>, words: &str) {
    match result {
        Err(AppError::Invalid(v)) => assert!(v.to_string().contains(words), "{v}"),
        other => panic!("expected a sentence naming {words:?}, got {other:?}"),
    }
}

fn gone(result: Result<impl std::fmt::Debug, AppError>, words: &str) {
    match result {
        Err(AppError::Store(StoreError::NotFound(m))) => assert!(m.contains(words), "{m}"),
        other => panic!("expected \"{words}\", got {other:?}"),
    }
}

async fn story(store: Arc<dyn Store>) {
    let app = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let settings = Settings::defaults("UTC");
    let coach_settings = Settings {
        display_name: "Coach Kim".to_string(),
        ..Settings::defaults("UTC")
    };
    let coach = store
        .create_account("coach@example.org", "hash-c", Role::Coach, &coach_settings)
        .await
        .expect("the coach");
    let alice = store
        .create_account("alice@example.org", "hash-a", Role::Client, &settings)
        .await
        .expect("alice");
    let bob = store
        .create_account("bob@example.org", "hash-b", Role::Client, &settings)
        .await
        .expect("bob");

    // Only a coach invites.
    refused(
        practice::invite(&own(&app, &alice, at(1)), "h-alice", None).await,
        "only a coach",
    );
    let invitation = practice::invite(&own(&app, &coach, at(1)), "h1", None)
        .await
        .expect("the coach invites");
    assert_eq!(
        invitation.expires_at - invitation.created_at,
        Duration::days(7)
    );

    // Bad invitations: forged, the coach's own.
    gone(
        practice::accept(&own(&app, &alice, at(1)), "forged").await,
        "not valid",
    );
    refused(
        practice::accept(&own(&app, &coach, at(1)), "h1").await,
        "your own invitation",
    );
    let offer = practice::offer(&own(&app, &alice, at(1)), "h1")
        .await
        .expect("alice sees the offer");
    assert_eq!(offer.coach_name, "Coach Kim");

    // Accepted: linked, sharing nothing.
    let linked = practice::accept(&own(&app, &alice, at(1)), "h1")
        .await
        .expect("alice accepts");
    assert_eq!(linked.link.coach_id, coach);
    assert_eq!(linked.consent.version, 1);
    assert!(linked.consent.shared.is_empty());
    let link = linked.link.id.clone();
    gone(
        practice::accept(&own(&app, &bob, at(1)), "h1").await,
        "used or has expired",
    );
    // A second link to the same coach.
    practice::invite(&own(&app, &coach, at(1)), "h2", None)
        .await
        .expect("another invitation");
    match practice::accept(&own(&app, &alice, at(1)), "h2").await {
        Err(AppError::Store(StoreError::Conflict(m))) => assert!(m.contains("already linked")),
        other => panic!("a second link was not refused: {other:?}"),
    }

    // Alice's own records.
    let mine = own(&app, &alice, at(6));
    let early = checkins::record(&mine, checkin(1), false)
        .await
        .expect("a check-in")
        .checkin;
    checkins::record(&mine, checkin(5), false)
        .await
        .expect("a check-in");
    journal::add_win(&mine, Some(date(5)), "asked for help")
        .await
        .expect("a win");

    // Nothing shared yet: refused, and logged.
    let reading = coach_on(&app, &coach, &alice, at(6), "/clients/alice/checkins");
    not_shared(checkins::list(&reading, None).await, "nothing shared");
    let log = practice::access_log(&mine).await.expect("alice's log");
    assert_eq!(log.len(), 1);
    assert_eq!(
        (
            log[0].category.as_str(),
            log[0].action.as_str(),
            log[0].allowed
        ),
        ("checkins", "read", false)
    );
    assert_eq!(log[0].target, "/clients/alice/checkins");
    assert_eq!(
        (log[0].coach_id.as_str(), log[0].coach_name.as_str()),
        (coach.as_str(), "Coach Kim")
    );

    // Check-ins shared from the 3rd: the coach reads those, nothing older,
    // nothing else, and writes nothing.
    let v2 = practice::share(&mine, &link, Category::CheckIns, Some(date(3)))
        .await
        .expect("alice shares check-ins");
    assert_eq!(v2.version, 2);
    let seen = checkins::list(&reading, None).await.expect("shared");
    assert_eq!(
        seen.iter().map(|c| c.date).collect::<Vec<_>>(),
        vec![date(5)]
    );
    assert!(matches!(
        checkins::get(&reading, &early.id).await,
        Err(AppError::NotFound { .. })
    ));
    assert_eq!(checkins::on(&reading, date(1)).await.expect("a read"), None);
    not_shared(journal::wins(&reading, None).await, "wins");
    not_shared(
        goodenough_app::report::build(
            &reading,
            goodenough_app::report::ReportRequest {
                from: None,
                to: None,
                format: goodenough_core::report::Format::Markdown,
            },
            &[],
            &[],
        )
        .await,
        "the report",
    );
    not_shared(thoughts::list(&reading, None).await, "thoughts");
    not_shared(
        checkins::record(&reading, checkin(6), false).await,
        "a coach writing",
    );
    // A future "from" date and an unknown category are refused.
    invalid(
        practice::share(&mine, &link, Category::CheckIns, Some(date(20))).await,
        "after today",
    );
    let mut odd = goodenough_store::practice::Shared::new();
    odd.insert("account".to_string(), None);
    invalid(
        practice::set_consent(&mine, &link, odd).await,
        "not something you can share",
    );

    // Bob is nobody's client: refused, and nothing written to his log.
    not_theirs(
        checkins::list(&coach_on(&app, &coach, &bob, at(6), "/x"), None).await,
        "no link",
    );
    assert!(practice::access_log(&own(&app, &bob, at(6)))
        .await
        .expect("bob's log")
        .is_empty());
    // Bob may not touch Alice's consent.
    assert!(matches!(
        practice::unshare(&own(&app, &bob, at(6)), &link, Category::CheckIns).await,
        Err(AppError::NotFound { .. })
    ));

    // The log: every attempt in order, allowed or not.
    let log = practice::access_log(&mine).await.expect("alice's log");
    let lines: Vec<(&str, &str, bool)> = log
        .iter()
        .map(|l| (l.category.as_str(), l.action.as_str(), l.allowed))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("checkins", "read", false),
            ("checkins", "read", true),
            ("checkins", "read", true),
            ("checkins", "read", true),
            ("wins", "read", false),
            ("progress", "read", false),
            ("thoughts", "read", false),
            ("checkins", "write", false),
        ]
    );
    assert_eq!(
        practice::my_reads(&own(&app, &coach, at(6)))
            .await
            .expect("the coach's own log"),
        log
    );
    // A page shows the latest lines only, in the same order.
    assert_eq!(
        practice::recent_log(&mine, false, 2).await.expect("recent"),
        log[log.len() - 2..].to_vec()
    );
    assert_eq!(
        practice::recent_log(&own(&app, &coach, at(6)), true, 100)
            .await
            .expect("recent reads"),
        log
    );
    let roster = practice::clients(&own(&app, &coach, at(6)))
        .await
        .expect("the roster");
    assert_eq!(roster.len(), 1);
    assert_eq!(roster[0].shares(Category::CheckIns), Some(Some(date(3))));
    assert_eq!(roster[0].shares(Category::Thoughts), None);

    // Revoked: the next request is refused; the history keeps every version.
    practice::unshare(&mine, &link, Category::CheckIns)
        .await
        .expect("alice revokes");
    not_shared(checkins::list(&reading, None).await, "revoked");
    let history = practice::consent_history(&mine, &link)
        .await
        .expect("history");
    assert_eq!(
        history.iter().map(|v| v.version).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert!(history[1].shared.contains_key("checkins"));
    assert!(history[2].shared.is_empty());

    // Ended (by the client): refused even when shared before, and logged.
    practice::share(&mine, &link, Category::CheckIns, None)
        .await
        .expect("shared again");
    checkins::list(&reading, None)
        .await
        .expect("shared again: read");
    practice::end(&mine, &link).await.expect("alice ends it");
    not_theirs(checkins::list(&reading, None).await, "ended");
    let last = practice::access_log(&mine)
        .await
        .expect("log")
        .pop()
        .expect("a line");
    assert!(!last.allowed);
    assert!(practice::clients(&own(&app, &coach, at(6)))
        .await
        .expect("roster")
        .is_empty());
    let coaches = practice::coaches(&mine).await.expect("alice's coaches");
    assert_eq!(coaches.len(), 1);
    assert!(!coaches[0].link.live());
    gone(practice::end(&mine, &link).await, "already ended");
    // Nothing to share over an ended link.
    gone(
        practice::share(&mine, &link, Category::Joy, None).await,
        "has ended",
    );

    // Alice's export holds her coaches, every consent version and her log;
    // importing it elsewhere recreates no link.
    let doc = goodenough_app::data::export(&mine).await.expect("export");
    assert_eq!(doc.coaching.coaches.len(), 1);
    assert_eq!(doc.coaching.coaches[0].coach_name, "Coach Kim");
    assert_eq!(doc.coaching.coaches[0].consent.len(), 4);
    assert!(doc.coaching.coaches[0].ended_at.is_some());
    let log = practice::access_log(&mine).await.expect("log");
    assert_eq!(doc.coaching.access_log.len(), log.len());
    let text = serde_json::to_string(&doc).expect("json");
    let parsed = goodenough_core::export::ExportDoc::parse(&text).expect("it parses back");
    assert_eq!(parsed.coaching, doc.coaching);
    let carol = store
        .create_account("carol@example.org", "hash-x", Role::Client, &settings)
        .await
        .expect("carol");
    goodenough_app::data::import(&own(&app, &carol, at(6)), &parsed)
        .await
        .expect("the import");
    assert!(practice::coaches(&own(&app, &carol, at(6)))
        .await
        .expect("carol's coaches")
        .is_empty());
    // Without a coach, an export has no coaching part at all.
    let bobs_doc = goodenough_app::data::export(&own(&app, &bob, at(6)))
        .await
        .expect("bob's export");
    assert!(!serde_json::to_string(&bobs_doc)
        .expect("json")
        .contains("coaching"));

    // Expired, and made for another email address.
    practice::invite(&own(&app, &coach, at(6)), "h3", None)
        .await
        .expect("an invitation");
    gone(
        practice::accept(&own(&app, &bob, at(6) + Duration::days(8)), "h3").await,
        "used or has expired",
    );
    practice::invite(&own(&app, &coach, at(6)), "h4", Some(" Bob@Example.org "))
        .await
        .expect("an invitation for bob");
    refused(
        practice::accept(&own(&app, &alice, at(6)), "h4").await,
        "another email address",
    );
    let bobs = practice::accept(&own(&app, &bob, at(6)), "h4")
        .await
        .expect("bob accepts his");
    practice::share(
        &own(&app, &bob, at(6)),
        &bobs.link.id,
        Category::Thoughts,
        None,
    )
    .await
    .expect("bob shares thoughts");
    thoughts::list(&coach_on(&app, &coach, &bob, at(6), "/b"), None)
        .await
        .expect("the coach reads bob's thoughts");
    // Session notes: one private, one shared; Bob sees the shared one and
    // that a private one exists; nobody writes notes about a non-client.
    let kim = own(&app, &coach, at(6));
    let private = practice::add_note(
        &kim,
        &bob,
        practice::NewNote {
            date: Some(date(5)),
            agenda: "first session".into(),
            notes: "seemed tired; ask about sleep next time".into(),
            shared: false,
        },
    )
    .await
    .expect("a private note");
    let shared = practice::add_note(
        &kim,
        &bob,
        practice::NewNote {
            date: Some(date(6)),
            agenda: "next steps".into(),
            notes: "try one evening without email this week".into(),
            shared: true,
        },
    )
    .await
    .expect("a shared note");
    invalid(
        practice::add_note(
            &kim,
            &bob,
            practice::NewNote {
                notes: "   ".into(),
                ..Default::default()
            },
        )
        .await,
        "the notes is empty",
    );
    assert!(
        matches!(
            practice::add_note(
                &kim,
                &alice,
                practice::NewNote {
                    notes: "x".into(),
                    ..Default::default()
                }
            )
            .await,
            Err(AppError::NotFound { .. })
        ),
        "alice's link has ended"
    );
    assert!(
        matches!(
            practice::add_note(
                &own(&app, &alice, at(6)),
                &bob,
                practice::NewNote {
                    notes: "x".into(),
                    ..Default::default()
                }
            )
            .await,
            Err(AppError::NotFound { .. })
        ),
        "alice is not bob's coach"
    );
    assert_eq!(
        practice::notes_about(&kim, &bob)
            .await
            .expect("the coach's notes"),
        vec![private.clone(), shared.clone()]
    );
    let bobs_notes = practice::my_notes(&own(&app, &bob, at(6)))
        .await
        .expect("bob's notes");
    assert_eq!(bobs_notes.len(), 1);
    assert_eq!(bobs_notes[0].coach_name, "Coach Kim");
    assert_eq!(bobs_notes[0].shared, vec![shared.clone()]);
    assert_eq!(
        (bobs_notes[0].private_count, bobs_notes[0].private_latest),
        (1, Some(date(5)))
    );
    let bobs_doc = goodenough_app::data::export(&own(&app, &bob, at(6)))
        .await
        .expect("export");
    assert_eq!(bobs_doc.coaching.session_notes.len(), 1);
    assert!(!serde_json::to_string(&bobs_doc)
        .expect("json")
        .contains("ask about sleep"));

    // The coach ends Bob's link from their side.
    practice::end(&own(&app, &coach, at(7)), &bobs.link.id)
        .await
        .expect("the coach ends it");
    not_theirs(
        thoughts::list(&coach_on(&app, &coach, &bob, at(7), "/b"), None).await,
        "ended by the coach",
    );

    // Erasing Alice erases her log and links, not Bob's.
    let before = practice::my_reads(&own(&app, &coach, at(8)))
        .await
        .expect("log")
        .len();
    store.erase_person(&alice).await.expect("erase alice");
    let after = practice::my_reads(&own(&app, &coach, at(8)))
        .await
        .expect("log");
    assert!(after.iter().all(|l| l.client_id == bob));
    assert_eq!(after.len(), 2);
    assert!(before > after.len());
    assert_eq!(store.links_as_coach(&coach).await.expect("links").len(), 1);
    // Erasing Bob's records (the person stays) takes his links and the
    // session notes about him too.
    store
        .erase_records(&bob)
        .await
        .expect("erase bob's records");
    assert!(store
        .session_notes_of_client(&bob)
        .await
        .expect("notes")
        .is_empty());
    assert!(store.links_as_client(&bob).await.expect("links").is_empty());
    assert!(practice::access_log(&own(&app, &bob, at(8)))
        .await
        .expect("log")
        .is_empty());
}

/// Boundaries, questionnaires and joy, shared from the 3rd: the coach reads
/// the records dated from then on (lists and single reads alike), one line
/// in the client's log per read; the client still sees all of hers.
async fn coach_views(store: Arc<dyn Store>) {
    use goodenough_app::{assessments, boundaries, joy};
    let app = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let settings = Settings::defaults("UTC");
    let coach = store
        .create_account("views-coach@example.org", "h", Role::Coach, &settings)
        .await
        .expect("coach");
    let client = store
        .create_account("views-client@example.org", "h", Role::Client, &settings)
        .await
        .expect("client");
    let now = at(9);
    let mine = own(&app, &client, now);
    let mut old = Vec::new();
    for day in [1, 5] {
        let no = boundaries::add_no(
            &mine,
            boundaries::NewNo {
                date: Some(date(day)),
                request: format!("a weekend call on day {day}"),
                response: "not this time".into(),
                guilt_before: 6,
                guilt_after: Some(2),
                outcome: None,
            },
        )
        .await
        .expect("a no");
        let delegation = boundaries::add_delegation(
            &mine,
            boundaries::NewDelegation {
                date: Some(date(day)),
                task: format!("the release notes of day {day}"),
                to: "Sam".into(),
                outcome: None,
                fine: Some(true),
            },
        )
        .await
        .expect("a delegation");
        let mistake = boundaries::add_mistake(
            &mine,
            boundaries::NewMistake {
                date: Some(date(day)),
                what: "a typo in the slides".into(),
                cost: "nothing".into(),
                factors: None,
                taught: "one read is enough".into(),
                friend: "happens to everyone".into(),
                thought_id: None,
            },
        )
        .await
        .expect("a mistake review");
        let instrument = app
            .catalogues()
            .instruments()
            .iter()
            .find(|i| i.id == "who-5")
            .expect("the shipped WHO-5");
        let result = assessments::record(
            &mine,
            instrument,
            assessments::NewAssessment {
                answers: vec![3; instrument.items.len()],
                notes: Default::default(),
                date: Some(date(day)),
            },
        )
        .await
        .expect("a questionnaire");
        joy::log(
            &mine,
            joy::NewJoyLog {
                hobby: "painting".into(),
                minutes: 30 + day,
                date: Some(date(day)),
            },
        )
        .await
        .expect("joy");
        joy::add_rest(
            &mine,
            joy::NewRest {
                from: date(day),
                to: date(day + 1),
                kind: goodenough_core::joy::RestKind::RestDay,
                guilt: Some(1),
            },
        )
        .await
        .expect("a rest");
        if day == 1 {
            old = vec![no.id, delegation.id, mistake.id, result.result.id];
        }
    }
    // 1 March 2026 is a Sunday: the block falls on the 1st and the 8th.
    let block = joy::add_block(
        &mine,
        joy::NewBlock {
            title: "Painting morning".into(),
            weekly: goodenough_core::joy::parse_weekly("sun 10:00-12:00").expect("weekly"),
            hobby: Some("painting".into()),
        },
    )
    .await
    .expect("a block")
    .block;
    for day in [1, 8] {
        joy::mark(&mine, &block.id, Some(date(day)), true, None)
            .await
            .expect("kept");
    }

    practice::invite(&own(&app, &coach, now), "h-views", None)
        .await
        .expect("invite");
    let link = practice::accept(&mine, "h-views")
        .await
        .expect("accept")
        .link
        .id;
    let reading = coach_on(&app, &coach, &client, now, "/views");

    // Nothing shared: each refused, and each attempt logged.
    not_shared(boundaries::all(&reading).await, "boundaries");
    not_shared(assessments::list(&reading, None).await, "assessments");
    not_shared(joy::overview(&reading, 4).await, "joy");
    let log = practice::access_log(&mine).await.expect("her log");
    let refusals: Vec<&str> = log
        .iter()
        .filter(|l| !l.allowed)
        .map(|l| l.category.as_str())
        .collect();
    assert_eq!(refusals, vec!["boundaries", "assessments", "joy"]);

    for category in [Category::Boundaries, Category::Assessments, Category::Joy] {
        practice::share(&mine, &link, category, Some(date(3)))
            .await
            .expect("share");
    }
    let b = boundaries::all(&reading).await.expect("boundaries shared");
    assert_eq!(
        b.noes.iter().map(|r| r.date).collect::<Vec<_>>(),
        vec![date(5)]
    );
    assert_eq!(
        b.delegations.iter().map(|r| r.date).collect::<Vec<_>>(),
        vec![date(5)]
    );
    assert_eq!(
        b.mistakes.iter().map(|r| r.date).collect::<Vec<_>>(),
        vec![date(5)]
    );
    assert_eq!(boundaries::noes(&reading).await.expect("noes").len(), 1);
    assert_eq!(
        boundaries::delegations(&reading)
            .await
            .expect("delegations")
            .len(),
        1
    );
    assert_eq!(
        boundaries::mistakes(&reading)
            .await
            .expect("mistakes")
            .len(),
        1
    );
    // A record from before the shared date is not there, even by its id.
    assert!(matches!(
        boundaries::get_no(&reading, &old[0]).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        boundaries::get_delegation(&reading, &old[1]).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        boundaries::get_mistake(&reading, &old[2]).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        assessments::get(&reading, &old[3]).await,
        Err(AppError::NotFound { .. })
    ));
    let results = assessments::list(&reading, None).await.expect("shared");
    assert_eq!(
        results.iter().map(|r| r.date).collect::<Vec<_>>(),
        vec![date(5)]
    );
    let overview = joy::overview(&reading, 4).await.expect("joy shared");
    assert_eq!(
        overview.logs.iter().map(|l| l.date).collect::<Vec<_>>(),
        vec![date(5)]
    );
    assert_eq!(
        overview.rests.iter().map(|r| r.from).collect::<Vec<_>>(),
        vec![date(5)]
    );
    assert_eq!(
        overview
            .occurrences
            .iter()
            .map(|o| o.date)
            .collect::<Vec<_>>(),
        vec![date(8)]
    );
    // The hobby is named by the 5th's log, the block by the 8th's mark.
    assert_eq!(overview.hobbies.len(), 1);
    assert_eq!(overview.blocks.len(), 1);
    assert_eq!(joy::logs(&reading).await.expect("logs").len(), 1);
    assert_eq!(joy::rests(&reading).await.expect("rests").len(), 1);
    assert!(joy::occurrence(&reading, &block.id, date(1))
        .await
        .expect("asked")
        .is_none());

    // Hers are all there.
    let b = boundaries::all(&mine).await.expect("hers");
    assert_eq!(
        (b.noes.len(), b.delegations.len(), b.mistakes.len()),
        (2, 2, 2)
    );
    assert_eq!(assessments::list(&mine, None).await.expect("hers").len(), 2);
    let overview = joy::overview(&mine, 4).await.expect("hers");
    assert_eq!(
        (
            overview.logs.len(),
            overview.rests.len(),
            overview.occurrences.len()
        ),
        (2, 2, 2)
    );
    // Every read of the coach's is in her log, allowed ones included.
    let log = practice::access_log(&mine).await.expect("her log");
    assert!(log
        .iter()
        .all(|l| l.coach_id == coach && l.target == "/views"));
    assert_eq!(log.iter().filter(|l| l.allowed).count(), 13);
}

#[tokio::test]
async fn a_coachs_report_starts_at_the_first_shared_date() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store: Arc<dyn Store> =
        Arc::from(goodenough_store::open_pool(&url, 2).await.expect("opens"));
    let app = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let settings = Settings::defaults("UTC");
    let coach = store
        .create_account("c@example.org", "h", Role::Coach, &settings)
        .await
        .expect("coach");
    let client = store
        .create_account("k@example.org", "h", Role::Client, &settings)
        .await
        .expect("client");
    let mine = own(&app, &client, at(6));
    for day in [1, 5] {
        checkins::record(&mine, checkin(day), false)
            .await
            .expect("a check-in");
    }
    practice::invite(&own(&app, &coach, at(6)), "h", None)
        .await
        .expect("invite");
    let link = practice::accept(&mine, "h").await.expect("accept").link.id;
    practice::share(&mine, &link, Category::ReviewsAndProgress, Some(date(3)))
        .await
        .expect("share");
    let request = || goodenough_app::report::ReportRequest {
        from: None,
        to: None,
        format: goodenough_core::report::Format::Markdown,
    };
    // Evidence shared from the 3rd: the coach sees the 5th's entry only.
    for day in [1, 5] {
        let new = goodenough_app::evidence::NewEvidence {
            kind: goodenough_core::evidence::EvidenceKind::Accomplishment,
            text: format!("finished it on day {day}"),
            attribution: goodenough_core::evidence::Attribution::Effort,
            source: None,
            date: Some(date(day)),
        };
        goodenough_app::evidence::add(&mine, new)
            .await
            .expect("evidence");
    }
    let reading = coach_on(&app, &coach, &client, at(6), "/e");
    not_shared(goodenough_app::evidence::list(&reading).await, "evidence");
    practice::share(&mine, &link, Category::Evidence, Some(date(3)))
        .await
        .expect("share evidence");
    let seen = goodenough_app::evidence::list(&reading)
        .await
        .expect("shared");
    assert_eq!(
        seen.iter().map(|e| e.date).collect::<Vec<_>>(),
        vec![date(5)]
    );
    assert_eq!(
        goodenough_app::evidence::list(&mine)
            .await
            .expect("hers")
            .len(),
        2
    );
    // Experiments too: shared from the 3rd, the one planned on the 1st stays hers.
    for day in [1, 5] {
        let new = goodenough_app::experiments::NewExperiment {
            date: Some(date(day)),
            belief: "if I ask, they will think less of me".into(),
            prediction: "a cold answer".into(),
            likelihood: 70,
            anxiety: 60,
            rung_id: None,
            due: None,
        };
        goodenough_app::experiments::plan(&mine, new)
            .await
            .expect("an experiment");
    }
    practice::share(&mine, &link, Category::Experiments, Some(date(3)))
        .await
        .expect("share experiments");
    let seen = goodenough_app::experiments::list(&reading, None)
        .await
        .expect("shared");
    assert_eq!(
        seen.iter().map(|x| x.date).collect::<Vec<_>>(),
        vec![date(5)]
    );
    let hers = goodenough_app::report::build(&mine, request(), &[], &[])
        .await
        .expect("hers");
    assert_eq!(hers.from, date(1));
    let coachs = goodenough_app::report::build(
        &coach_on(&app, &coach, &client, at(6), "/r"),
        request(),
        &[],
        &[],
    )
    .await
    .expect("the coach's");
    assert_eq!((coachs.from, coachs.to), (date(3), date(6)));
}

/// The roster's read of every client's programme at once: one access check
/// for all of them that answers exactly as the check for each one would,
/// with a log line for every client the coach was ever linked with, and no
/// line (and nothing read) for a stranger.
async fn roster_standings(store: Arc<dyn Store>) {
    let app = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let catalogues = Catalogues::shipped();
    let all = &catalogues.programmes().list;
    let first = all.first().expect("a shipped programme");
    let settings = Settings::defaults("UTC");
    let coach = store
        .create_account("roster-coach@example.org", "h", Role::Coach, &settings)
        .await
        .expect("the coach");
    let mut people = Vec::new();
    for name in ["ann", "ben", "cat", "dan", "eve"] {
        people.push(
            store
                .create_account(
                    &format!("{name}@roster.example.org"),
                    "h",
                    Role::Client,
                    &settings,
                )
                .await
                .expect("a client"),
        );
    }
    let (ann, ben, cat, dan, eve) = (&people[0], &people[1], &people[2], &people[3], &people[4]);
    // Ann, Ben, Cat and Eve accept; Dan never does.
    let mut links = Vec::new();
    for (i, person) in [ann, ben, cat, eve].into_iter().enumerate() {
        let token = format!("roster-{i}");
        practice::invite(&own(&app, &coach, at(1)), &token, None)
            .await
            .expect("an invitation");
        links.push(
            practice::accept(&own(&app, person, at(1)), &token)
                .await
                .expect("accepted")
                .link
                .id,
        );
    }
    // Ann shares her programme and runs one; Ben shares nothing; Cat shared
    // hers but ended the link; Eve shares it and runs none.
    for (person, link) in [(ann, &links[0]), (cat, &links[2]), (eve, &links[3])] {
        practice::share(&own(&app, person, at(2)), link, Category::Programme, None)
            .await
            .expect("shares the programme");
    }
    programme::start(&own(&app, ann, at(2)), all, &first.id, Some(date(2)), false)
        .await
        .expect("ann starts a programme");
    practice::end(&own(&app, cat, at(3)), &links[2])
        .await
        .expect("cat ends the link");

    let asked: Vec<String> = [ann, ben, cat, dan, eve]
        .iter()
        .map(|p| p.to_string())
        .collect();
    let roster = app
        .scope(Actor::person(&coach), coach.as_str(), at(9))
        .for_target("/clients");
    let standings = programme::standings(&roster, &asked, all)
        .await
        .expect("the standings");
    assert_eq!(
        standings.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>(),
        asked,
        "one answer per client, in the order asked"
    );
    // Each answer is what the check for that one client says.
    for (client, answer) in &standings {
        let one = programme::status(&coach_on(&app, &coach, client, at(9), "/clients"), all).await;
        match (answer, one) {
            (Ok(a), Ok(b)) => assert_eq!(a, &b, "{client}"),
            (Err(a), Err(AppError::Denied(b))) => assert_eq!(a, &b, "{client}"),
            (a, b) => panic!("{client}: all at once said {a:?}, one by one {b:?}"),
        }
    }
    let ann_standing = standings[0].1.as_ref().expect("ann shares her programme");
    assert_eq!(
        ann_standing.standing.as_ref().map(|s| s.week),
        Some(Some(2)),
        "ann is in week 2 a week after starting"
    );
    assert!(standings[4]
        .1
        .as_ref()
        .expect("eve shares")
        .standing
        .is_none());
    assert_eq!(
        standings[1].1.as_ref().map_err(|d| d.reason),
        Err(Reason::NotShared)
    );
    // An ended link grants nothing at all.
    assert_eq!(
        standings[2].1.as_ref().map_err(|d| d.reason),
        Err(Reason::NotTheirs)
    );
    assert_eq!(
        standings[3].1.as_ref().map_err(|d| d.reason),
        Err(Reason::NotTheirs)
    );

    // Every linked client's log has the roster's attempt (and the one-by-one
    // check's), allowed or refused; Dan, never linked, has no log at all.
    for (person, allowed) in [(ann, true), (ben, false), (cat, false), (eve, true)] {
        let log = practice::access_log(&own(&app, person, at(9)))
            .await
            .expect("the log");
        let roster_lines: Vec<_> = log
            .iter()
            .filter(|l| l.category == "programme" && l.target == "/clients")
            .collect();
        assert_eq!(roster_lines.len(), 2, "{person}: {log:?}");
        assert!(roster_lines
            .iter()
            .all(|l| l.allowed == allowed && l.coach_id == coach));
    }
    assert!(practice::access_log(&own(&app, dan, at(9)))
        .await
        .expect("dan's log")
        .is_empty());

    // The roster as the pages ask for it: the coach's live clients, oldest
    // first (Cat ended the link, Dan never had one), the programme of
    // those who share it, and nothing asked (nor logged) of Ben, who does
    // not share it. The same answers as one by one.
    let roster = programme::roster(
        &app.scope(Actor::person(&coach), coach.as_str(), at(10))
            .for_target("/clients"),
        all,
    )
    .await
    .expect("the roster");
    let names: Vec<&str> = roster
        .iter()
        .map(|(c, _)| c.link.client_id.as_str())
        .collect();
    assert_eq!(names, [ann.as_str(), ben.as_str(), eve.as_str()]);
    match &roster[0].1 {
        Some(Ok(status)) => assert_eq!(
            status.standing.as_ref().map(|s| s.week),
            ann_standing.standing.as_ref().map(|s| s.week)
        ),
        other => panic!("ann shares her programme: {other:?}"),
    }
    assert!(roster[1].1.is_none(), "ben is not asked about");
    assert!(matches!(&roster[2].1, Some(Ok(s)) if s.standing.is_none()));
    for (person, lines) in [(ann, 3), (ben, 2), (cat, 2), (eve, 3)] {
        let log = practice::access_log(&own(&app, person, at(10)))
            .await
            .expect("the log");
        let roster_lines = log
            .iter()
            .filter(|l| l.category == "programme" && l.target == "/clients")
            .count();
        assert_eq!(roster_lines, lines, "{person}: {log:?}");
    }
    // Only the coach may ask for their roster.
    let stranger = app
        .scope(Actor::person(ann), coach.as_str(), at(10))
        .for_target("/clients");
    assert!(matches!(
        programme::roster(&stranger, all).await,
        Err(AppError::Denied(_))
    ));

    // The roster keeps its read of the links while nothing of them changes.
    // Every change below is made through a second app on the same store
    // (another server, or the CLI), so this app's kept read is stale unless
    // the database told it: the next roster shows each change.
    let other = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let ask = |minute: u32| {
        let scope = app
            .scope(
                Actor::person(&coach),
                coach.as_str(),
                at(10) + Duration::minutes(i64::from(minute)),
            )
            .for_target("/clients");
        async move { programme::roster(&scope, all).await.expect("the roster") }
    };
    let shows = |roster: &[(practice::Linked, Option<Result<_, _>>)], who: &str| {
        roster
            .iter()
            .find(|(c, _)| c.link.client_id == who)
            .map(|(c, status)| (c.link.client_name.clone(), status.is_some()))
    };
    ask(1).await;
    practice::share(
        &own(&other, ben, at(10)),
        &links[1],
        Category::Programme,
        None,
    )
    .await
    .expect("ben shares his programme");
    let roster = ask(2).await;
    assert_eq!(
        shows(&roster, ben).map(|s| s.1),
        Some(true),
        "ben shares now"
    );
    practice::unshare(&own(&other, ann, at(10)), &links[0], Category::Programme)
        .await
        .expect("ann stops sharing");
    let roster = ask(3).await;
    assert_eq!(
        shows(&roster, ann).map(|s| s.1),
        Some(false),
        "ann's programme is not asked about once she stops sharing it"
    );
    let ann_lines = |log: &[goodenough_store::practice::AccessEntry]| {
        log.iter()
            .filter(|l| l.category == "programme" && l.target == "/clients")
            .count()
    };
    assert_eq!(
        ann_lines(
            &practice::access_log(&own(&app, ann, at(11)))
                .await
                .expect("ann's log")
        ),
        5,
        "no roster line for ann since she stopped sharing"
    );
    let mut renamed = goodenough_app::settings::get(&own(&other, eve, at(10)))
        .await
        .expect("eve's settings");
    renamed.display_name = "Evelyn".to_string();
    goodenough_app::settings::save(&own(&other, eve, at(10)), renamed)
        .await
        .expect("eve renames herself");
    let roster = ask(4).await;
    assert_eq!(shows(&roster, eve).map(|s| s.0), Some("Evelyn".to_string()));
    practice::end(&own(&other, eve, at(10)), &links[3])
        .await
        .expect("eve ends the link");
    let roster = ask(5).await;
    assert_eq!(shows(&roster, eve), None, "an ended link leaves the roster");
    assert_eq!(roster.len(), 2);

    // One page of the roster: by name, then position. Only the clients on
    // the page are asked about; every name is there for the log's lines.
    let mut renamed = goodenough_app::settings::get(&own(&other, ben, at(10)))
        .await
        .expect("ben's settings");
    renamed.display_name = "Benjamin".to_string();
    goodenough_app::settings::save(&own(&other, ben, at(10)), renamed)
        .await
        .expect("ben renames himself");
    let ben_lines = || async {
        practice::access_log(&own(&app, ben, at(11)))
            .await
            .expect("ben's log")
            .iter()
            .filter(|l| l.category == "programme" && l.target == "/clients")
            .count()
    };
    let page = |name: Option<&str>, offset: usize, limit: Option<usize>| {
        let scope = app
            .scope(Actor::person(&coach), coach.as_str(), at(11))
            .for_target("/clients");
        let window = programme::RosterWindow {
            name: name.map(str::to_string),
            offset,
            limit,
        };
        async move {
            programme::roster_page(&scope, all, &window)
                .await
                .expect("a page of the roster")
        }
    };
    let before = ben_lines().await;
    let found = page(Some(" JAM "), 0, None).await;
    assert_eq!(found.total, 1, "one name holds \"jam\", whatever its case");
    assert_eq!(found.clients[0].0.link.client_id, *ben);
    assert!(
        matches!(found.clients[0].1, Some(Ok(_))),
        "ben shares his programme"
    );
    assert_eq!(
        ben_lines().await,
        before + 1,
        "ben was shown, so asked about"
    );
    let first = page(None, 0, Some(1)).await;
    assert_eq!((first.total, first.clients.len()), (2, 1));
    assert_eq!(first.clients[0].0.link.client_id, *ann, "oldest link first");
    assert_eq!(
        ben_lines().await,
        before + 1,
        "ben, not on this page, was not asked about"
    );
    let names: Vec<&str> = first.names().map(|(id, _)| id).collect();
    assert_eq!(
        names,
        [ann.as_str(), ben.as_str()],
        "every name, whatever the page"
    );
    let second = page(None, 1, Some(1)).await;
    assert_eq!(second.clients[0].0.link.client_id, *ben);
    let past = page(None, 5, Some(1)).await;
    assert!(
        past.clients.is_empty() && past.total == 2,
        "past the end: no one, the total kept"
    );
    assert!(page(Some("nobody"), 0, None).await.clients.is_empty());

    // The open invitations come with the page, kept with the links: one
    // made or used through the other app shows at once; one expired does
    // not show, though nothing changed in the store.
    let open_at = |when: DateTime<Utc>| {
        let scope = app
            .scope(Actor::person(&coach), coach.as_str(), when)
            .for_target("/clients");
        async move {
            programme::roster_page(&scope, all, &programme::RosterWindow::all())
                .await
                .expect("the roster")
                .invitations
                .into_iter()
                .map(|i| i.id)
                .collect::<Vec<_>>()
        }
    };
    assert!(
        open_at(at(11)).await.is_empty(),
        "every invitation was used"
    );
    let made = practice::invite(&own(&other, &coach, at(11)), "roster-open", None)
        .await
        .expect("an invitation through the other app");
    assert_eq!(open_at(at(11)).await, [made.id], "made elsewhere, shown");
    assert!(
        open_at(made.expires_at + Duration::minutes(1))
            .await
            .is_empty(),
        "an expired invitation is not open"
    );
    practice::accept(&own(&other, dan, at(12)), "roster-open")
        .await
        .expect("dan accepts through the other app");
    assert!(
        open_at(at(12)).await.is_empty(),
        "a used invitation is not open"
    );
}

/// The crisis-help dates: recorded by the person's front end, off for the
/// coach until the client opts in (per link, versioned like every other
/// category), logged, in the export, gone with revocation and erasure.
async fn crisis_dates(store: Arc<dyn Store>) {
    let app = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let coach = store
        .create_account(
            "crisis-coach@example.org",
            "hash",
            Role::Coach,
            &Settings::defaults("UTC"),
        )
        .await
        .expect("the coach");
    let erin = store
        .create_account(
            "erin@example.org",
            "hash",
            Role::Client,
            &Settings::defaults("UTC"),
        )
        .await
        .expect("erin");
    practice::invite(&own(&app, &coach, at(1)), "h-crisis", None)
        .await
        .expect("an invitation");
    let link = practice::accept(&own(&app, &erin, at(1)), "h-crisis")
        .await
        .expect("erin accepts")
        .link
        .id;

    // Help was shown on the 2nd (twice) and the 6th: one date a day.
    for day in [2, 2, 6] {
        let shown = crisis::shown(&own(&app, &erin, at(day)))
            .await
            .expect("recorded");
        assert_eq!(shown, date(day));
    }
    assert_eq!(
        crisis::dates(&own(&app, &erin, at(7))).await.expect("hers"),
        [date(2), date(6)]
    );
    let export = data::export(&own(&app, &erin, at(7)))
        .await
        .expect("export");
    assert_eq!(export.help_shown_on, [date(2), date(6)]);

    // Off by default: the coach is refused as "not shared", and the
    // attempt is in Erin's log.
    let asking = coach_on(
        &app,
        &coach,
        &erin,
        at(7),
        "/api/v1/clients/erin/crisis-dates",
    );
    not_shared(crisis::dates(&asking).await, "not opted in");
    // Sharing everything else does not share the dates.
    for category in Category::SHAREABLE
        .into_iter()
        .filter(|c| *c != Category::CrisisDates)
    {
        practice::share(&own(&app, &erin, at(7)), &link, category, None)
            .await
            .expect("share");
    }
    not_shared(crisis::dates(&asking).await, "everything but the dates");
    // A coach never records for the client.
    not_shared(crisis::shown(&asking).await, "a coach writes nothing");

    // Opted in from the 5th: the coach sees the 6th only.
    let v = practice::share(
        &own(&app, &erin, at(7)),
        &link,
        Category::CrisisDates,
        Some(date(5)),
    )
    .await
    .expect("opt in");
    assert_eq!(v.shared.get("crisis"), Some(&Some(date(5))));
    assert_eq!(crisis::dates(&asking).await.expect("opted in"), [date(6)]);
    let log = practice::access_log(&own(&app, &erin, at(7)))
        .await
        .expect("erin's log");
    let lines: Vec<(&str, bool)> = log
        .iter()
        .filter(|l| l.category == "crisis")
        .map(|l| (l.action.as_str(), l.allowed))
        .collect();
    assert_eq!(
        lines,
        [
            ("read", false),
            ("read", false),
            ("write", false),
            ("read", true)
        ]
    );

    // Revoked: refused again at the next request.
    practice::unshare(&own(&app, &erin, at(8)), &link, Category::CrisisDates)
        .await
        .expect("opt out");
    not_shared(crisis::dates(&asking).await, "revoked");

    // Erased with the person.
    store.erase_person(&erin).await.expect("erase erin");
    assert!(store
        .crisis_dates(&erin, None)
        .await
        .expect("none left")
        .is_empty());
}

/// A coach's check-in lists are kept while the client's data is unchanged,
/// under the first date the client shares: every read still passes the
/// access check and writes its log line, a new check-in or a new first date
/// shows at once, the client's own kept list never reaches the coach, and
/// revoking refuses the next read although the list is kept.
async fn kept_for_a_coach(store: Arc<dyn Store>) {
    let app = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let coach = store
        .create_account(
            "kept-coach@example.org",
            "hash-k",
            Role::Coach,
            &Settings::defaults("UTC"),
        )
        .await
        .expect("the coach");
    let carla = store
        .create_account(
            "carla@example.org",
            "hash-c",
            Role::Client,
            &Settings::defaults("UTC"),
        )
        .await
        .expect("carla");
    practice::invite(&own(&app, &coach, at(1)), "kept-1", None)
        .await
        .expect("an invitation");
    let link = practice::accept(&own(&app, &carla, at(1)), "kept-1")
        .await
        .expect("carla accepts")
        .link
        .id;
    let mine = own(&app, &carla, at(6));
    for day in [1, 4, 5] {
        checkins::record(&mine, checkin(day), false)
            .await
            .expect("a check-in");
    }
    let dates = |list: &[goodenough_core::CheckIn]| list.iter().map(|c| c.date).collect::<Vec<_>>();
    let json_dates = |list: &[String]| {
        list.iter()
            .map(|t| {
                serde_json::from_str::<goodenough_core::CheckIn>(t)
                    .expect("a check-in's JSON")
                    .date
            })
            .collect::<Vec<_>>()
    };
    // Carla's own lists are kept first, every date in them.
    assert_eq!(
        dates(&checkins::all(&mine).await.expect("her list")),
        vec![date(1), date(4), date(5)]
    );
    assert_eq!(
        json_dates(&checkins::all_json(&mine).await.expect("her texts")).len(),
        3
    );

    let reading = coach_on(&app, &coach, &carla, at(6), "/clients/carla/checkins");
    not_shared(checkins::all(&reading).await, "nothing shared yet");
    practice::share(&mine, &link, Category::CheckIns, Some(date(4)))
        .await
        .expect("shared from the 4th");
    for _ in 0..2 {
        assert_eq!(
            dates(&checkins::all(&reading).await.expect("shared")),
            vec![date(4), date(5)],
            "from the first date shared, never her own kept list"
        );
        assert_eq!(
            json_dates(&checkins::all_json(&reading).await.expect("shared")),
            vec![date(4), date(5)]
        );
    }
    // A new check-in shows at once.
    checkins::record(&mine, checkin(6), false)
        .await
        .expect("a check-in");
    assert_eq!(
        dates(&checkins::all(&reading).await.expect("shared")),
        vec![date(4), date(5), date(6)]
    );
    // An earlier first date, then every date: the window follows at once.
    practice::share(&mine, &link, Category::CheckIns, Some(date(2)))
        .await
        .expect("shared from the 2nd");
    assert_eq!(
        json_dates(&checkins::all_json(&reading).await.expect("shared")),
        vec![date(4), date(5), date(6)]
    );
    practice::share(&mine, &link, Category::CheckIns, None)
        .await
        .expect("every date");
    assert_eq!(
        dates(&checkins::all(&reading).await.expect("shared")),
        vec![date(1), date(4), date(5), date(6)]
    );
    // Revoked: refused, though the list is still kept.
    practice::unshare(&mine, &link, Category::CheckIns)
        .await
        .expect("revoked");
    not_shared(checkins::all(&reading).await, "revoked");
    not_shared(checkins::all_json(&reading).await, "revoked");
    // Every attempt has its line, kept answers or not.
    let log = practice::access_log(&mine).await.expect("carla's log");
    assert_eq!(
        log.iter().map(|l| l.allowed).collect::<Vec<_>>(),
        vec![false, true, true, true, true, true, true, true, false, false]
    );
}

#[tokio::test]
async fn practice_on_sqlite() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store: Arc<dyn Store> = Arc::from(
        goodenough_store::open_pool(&url, 2)
            .await
            .expect("store opens"),
    );
    story(store.clone()).await;
    coach_views(store.clone()).await;
    roster_standings(store.clone()).await;
    kept_for_a_coach(store.clone()).await;
    crisis_dates(store).await;
}

#[tokio::test]
async fn practice_on_postgres() {
    let Ok(server) = std::env::var("GOODENOUGH_TEST_DATABASE_URL") else {
        eprintln!("GOODENOUGH_TEST_DATABASE_URL is not set: skipped the PostgreSQL practice story");
        return;
    };
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&server)
        .await
        .expect("connect to GOODENOUGH_TEST_DATABASE_URL");
    let name = format!("ge_app_{}", goodenough_core::id::new_id().replace('-', ""));
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("a test database");
    let url = match server.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => panic!("GOODENOUGH_TEST_DATABASE_URL names no database"),
    };
    let store: Arc<dyn Store> = Arc::from(
        goodenough_store::open_pool(&url, 2)
            .await
            .expect("store opens"),
    );
    story(store.clone()).await;
    coach_views(store.clone()).await;
    roster_standings(store.clone()).await;
    kept_for_a_coach(store.clone()).await;
    crisis_dates(store.clone()).await;
    store.close().await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&admin)
        .await
        .expect("drop the test database");
}
