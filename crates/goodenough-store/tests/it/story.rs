//! One story that walks every `Store` method, run on SQLite always and on
//! PostgreSQL when `GOODENOUGH_TEST_DATABASE_URL` names a server (each run
//! gets a fresh database of its own, dropped at the end).

use crate::support;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use goodenough_core::export::ExportDoc;
use goodenough_core::{
    clock, id, Appreciation, CheckIn, Emotion, LifeArea, Setback, Settings, ThoughtRecord, Win,
};
use goodenough_store::{Backend, Counts, ImportReport, Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn at(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, s)
        .single()
        .expect("test instant")
}

fn checkin(date: &str, mood: u8, energy: u8, note: Option<&str>) -> CheckIn {
    CheckIn {
        id: id::new_id(),
        date: d(date),
        mood,
        energy,
        appreciations: vec![
            Appreciation {
                area: LifeArea::Work,
                text: "fixed the flaky test".into(),
            },
            Appreciation {
                area: LifeArea::Relationships,
                text: "called my sister".into(),
            },
            Appreciation {
                area: LifeArea::Rest,
                text: "went to bed on time".into(),
            },
        ],
        note: note.map(str::to_string),
    }
}

fn thought(date: &str, created_at: DateTime<Utc>, text: &str) -> ThoughtRecord {
    ThoughtRecord {
        id: id::new_id(),
        created_at,
        date: d(date),
        situation: "the review meeting".into(),
        thought: text.into(),
        belief: 80,
        emotions: vec![Emotion {
            name: "anxious".into(),
            intensity: 70,
        }],
        traps: vec!["all-or-nothing".into()],
        reframe: Some("one comment is not a verdict on me".into()),
        belief_after: Some(40),
    }
}

fn win(date: &str, created_at: DateTime<Utc>, text: &str) -> Win {
    Win {
        id: id::new_id(),
        created_at,
        date: d(date),
        text: text.into(),
    }
}

fn setback(date: &str, created_at: DateTime<Utc>, text: &str, lesson: Option<&str>) -> Setback {
    Setback {
        id: id::new_id(),
        created_at,
        date: d(date),
        text: text.into(),
        lesson: lesson.map(str::to_string),
    }
}

/// Text that tends to get mangled: emoji (with a skin-tone modifier and a
/// joiner sequence), right-to-left script, and 10,000 characters.
fn tricky_texts() -> Vec<String> {
    let mut long = String::new();
    while long.chars().count() < 10_000 {
        long.push_str("é👍🏽ש");
    }
    let long: String = long.chars().take(10_000).collect();
    assert_eq!(long.chars().count(), 10_000);
    vec![
        "proud of myself 🎉👩🏽‍💻 today".to_string(),
        "שלום, הצלחתי לנוח היום — مرحبا بالعالم".to_string(),
        long,
    ]
}

async fn story(store: &dyn Store) {
    let backend = store.backend();

    // People and settings.
    assert_eq!(store.first_person().await.expect("first_person"), None);
    let settings = Settings::defaults("Europe/Berlin");
    // The CLI's owner: created once, even when asked for concurrently.
    let (a1, a2, a3, a4) = tokio::join!(
        store.first_person_or_create(&settings),
        store.first_person_or_create(&settings),
        store.first_person_or_create(&settings),
        store.first_person_or_create(&settings),
    );
    let alice = a1.expect("first person");
    for other in [a2, a3, a4] {
        assert_eq!(
            other.expect("first person"),
            alice,
            "{backend:?}: one owner"
        );
    }
    assert_eq!(
        store.first_person().await.expect("first_person"),
        Some(alice.clone())
    );
    assert!(store.person_exists(&alice).await.expect("exists"));
    assert!(!store.person_exists("nobody").await.expect("exists"));
    assert_eq!(store.settings(&alice).await.expect("settings"), settings);
    let mut changed = settings.clone();
    changed.display_name = "Alice 🌻".into();
    changed.work_days = vec!["mon".into(), "wed".into()];
    changed.reminder_time = "20:30".into();
    store
        .put_settings(&alice, &changed)
        .await
        .expect("put settings");
    assert_eq!(store.settings(&alice).await.expect("settings"), changed);
    assert!(matches!(
        store.put_settings("nobody", &changed).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.settings("nobody").await,
        Err(StoreError::NotFound(_))
    ));
    let bob = store.create_person(&settings).await.expect("create bob");
    assert_ne!(alice, bob);
    assert_eq!(
        store
            .first_person_or_create(&settings)
            .await
            .expect("first person"),
        alice,
        "{backend:?}: an existing first person is returned, not a new one"
    );
    assert_eq!(
        store.first_person().await.expect("first_person"),
        Some(alice.clone()),
        "{backend:?}: the first person stays the first"
    );

    // Check-ins: one per date, Conflict without replace, replace keeps one.
    let c2 = checkin("2026-03-02", 6, 5, None);
    let c1 = checkin("2026-03-01", 4, 3, Some("a quiet Sunday"));
    let c3 = checkin("2026-03-03", 7, 7, None);
    for c in [&c2, &c1, &c3] {
        store.put_checkin(&alice, c, false).await.expect("put");
    }
    let dup = checkin("2026-03-02", 9, 9, Some("again"));
    match store.put_checkin(&alice, &dup, false).await {
        Err(StoreError::Conflict(msg)) => assert!(msg.contains("2026-03-02"), "{msg}"),
        other => panic!("{backend:?}: expected Conflict, got {other:?}"),
    }
    assert_eq!(
        store.checkin_on(&alice, d("2026-03-02")).await.expect("on"),
        Some(c2.clone()),
        "{backend:?}: a refused check-in leaves the old one untouched"
    );
    store
        .put_checkin(&alice, &dup, true)
        .await
        .expect("replace");
    assert_eq!(
        store.checkin_on(&alice, d("2026-03-02")).await.expect("on"),
        Some(dup.clone())
    );
    assert_eq!(store.get_checkin(&alice, &c2.id).await.expect("get"), None);
    assert_eq!(
        store.get_checkin(&alice, &dup.id).await.expect("get"),
        Some(dup.clone())
    );
    assert_eq!(
        store.get_checkin(&alice, "no-such-id").await.expect("get"),
        None
    );
    assert_eq!(
        store.checkin_on(&alice, d("2026-02-28")).await.expect("on"),
        None
    );
    // Replace also works when there is nothing to replace.
    let c4 = checkin("2026-03-05", 5, 5, None);
    store.put_checkin(&alice, &c4, true).await.expect("put");
    assert_eq!(
        store.list_checkins(&alice, None).await.expect("list"),
        vec![c1.clone(), dup.clone(), c3.clone(), c4.clone()],
        "{backend:?}: oldest first"
    );
    assert_eq!(
        store
            .list_checkins(&alice, Some(d("2026-03-03")))
            .await
            .expect("list since"),
        vec![c3.clone(), c4.clone()],
        "{backend:?}: since is inclusive"
    );
    assert_eq!(
        store
            .list_checkins(&alice, Some(d("2027-01-01")))
            .await
            .expect("list since"),
        Vec::<CheckIn>::new()
    );
    assert_eq!(
        store.checkin_dates(&alice).await.expect("dates"),
        vec![
            d("2026-03-01"),
            d("2026-03-02"),
            d("2026-03-03"),
            d("2026-03-05")
        ]
    );

    // Thoughts, wins, setbacks: added out of order, listed oldest first,
    // created_at round-trips to the second.
    let now = clock::round(Utc::now());
    let t_late = thought("2026-03-04", now, "I always get it wrong");
    let t_early = thought("2026-03-01", at(2026, 3, 1, 23, 59, 59), "I'm a fraud");
    let mut t_plain = thought("2026-03-02", at(2026, 3, 2, 0, 0, 1), "nobody noticed");
    t_plain.emotions.clear();
    t_plain.traps.clear();
    t_plain.reframe = None;
    t_plain.belief_after = None;
    for t in [&t_late, &t_early, &t_plain] {
        store.add_thought(&alice, t).await.expect("add thought");
    }
    assert_eq!(
        store.get_thought(&alice, &t_late.id).await.expect("get"),
        Some(t_late.clone()),
        "{backend:?}: created_at {now} must round-trip exactly"
    );
    assert_eq!(
        store.get_thought(&alice, &t_plain.id).await.expect("get"),
        Some(t_plain.clone())
    );
    assert_eq!(store.get_thought(&alice, "nope").await.expect("get"), None);
    assert_eq!(
        store.list_thoughts(&alice, None).await.expect("list"),
        vec![t_early.clone(), t_plain.clone(), t_late.clone()]
    );
    assert_eq!(
        store
            .list_thoughts(&alice, Some(d("2026-03-02")))
            .await
            .expect("list"),
        vec![t_plain.clone(), t_late.clone()]
    );

    let w_b = win("2026-03-03", at(2026, 3, 3, 18, 0, 0), "shipped it at 80%");
    let w_a = win("2026-03-01", at(2026, 3, 1, 9, 30, 0), "asked for help");
    // Same date, later instant: listed after the earlier one.
    let w_c = win("2026-03-03", at(2026, 3, 3, 19, 0, 0), "left on time");
    for w in [&w_c, &w_b, &w_a] {
        store.add_win(&alice, w).await.expect("add win");
    }
    assert_eq!(
        store.list_wins(&alice, None).await.expect("wins"),
        vec![w_a.clone(), w_b.clone(), w_c.clone()]
    );
    assert_eq!(
        store
            .list_wins(&alice, Some(d("2026-03-02")))
            .await
            .expect("wins"),
        vec![w_b.clone(), w_c.clone()]
    );

    let s_b = setback(
        "2026-03-04",
        now,
        "missed a deadline",
        Some("say no sooner"),
    );
    let s_a = setback(
        "2026-03-02",
        at(2026, 3, 2, 12, 0, 0),
        "snapped at a friend",
        None,
    );
    for s in [&s_b, &s_a] {
        store.add_setback(&alice, s).await.expect("add setback");
    }
    assert_eq!(
        store.list_setbacks(&alice, None).await.expect("setbacks"),
        vec![s_a.clone(), s_b.clone()]
    );
    assert_eq!(
        store
            .list_setbacks(&alice, Some(d("2026-03-03")))
            .await
            .expect("setbacks"),
        vec![s_b.clone()]
    );

    // Text that must come back byte for byte.
    for (i, text) in tricky_texts().into_iter().enumerate() {
        let date = format!("2026-04-{:02}", i + 1);
        let mut c = checkin(&date, 5, 5, Some(&text));
        c.appreciations[1].text = text.clone();
        store.put_checkin(&alice, &c, false).await.expect("put");
        assert_eq!(
            store.get_checkin(&alice, &c.id).await.expect("get"),
            Some(c.clone()),
            "{backend:?}: check-in text #{i}"
        );
        let mut t = thought(&date, now, &text);
        t.situation = text.clone();
        t.reframe = Some(text.clone());
        t.emotions[0].name = text.clone();
        store.add_thought(&alice, &t).await.expect("add");
        assert_eq!(
            store.get_thought(&alice, &t.id).await.expect("get"),
            Some(t.clone()),
            "{backend:?}: thought text #{i}"
        );
        let w = win(&date, now, &text);
        store.add_win(&alice, &w).await.expect("add");
        let s = setback(&date, now, &text, Some(&text));
        store.add_setback(&alice, &s).await.expect("add");
        let since = Some(d(&date));
        assert_eq!(
            store.list_wins(&alice, since).await.expect("wins").first(),
            Some(&w),
            "{backend:?}: win text #{i}"
        );
        assert_eq!(
            store
                .list_setbacks(&alice, since)
                .await
                .expect("setbacks")
                .first(),
            Some(&s),
            "{backend:?}: setback text #{i}"
        );
    }

    let alice_counts = Counts {
        checkins: 7,
        thoughts: 6,
        wins: 6,
        setbacks: 5,
    };
    assert_eq!(store.counts(&alice).await.expect("counts"), alice_counts);
    assert_eq!(alice_counts.total(), 24);
    // Every kind, counted per table: the four above and none of the rest.
    let kinds = store.kind_counts(&alice).await.expect("kind counts");
    assert_eq!(
        (
            kinds.get("checkins"),
            kinds.get("thoughts"),
            kinds.get("wins"),
            kinds.get("setbacks")
        ),
        (7, 6, 6, 5)
    );
    assert_eq!(
        kinds.total(),
        store.record_total(&alice).await.expect("total")
    );
    assert_eq!(
        store.kind_counts(&bob).await.expect("kind counts").total(),
        0
    );

    // ISOLATION: Bob sees none of Alice's records, by list or by id, and his
    // check-in on the same date does not collide with hers.
    assert_eq!(store.counts(&bob).await.expect("counts"), Counts::default());
    assert!(store.list_checkins(&bob, None).await.expect("l").is_empty());
    assert!(store.list_thoughts(&bob, None).await.expect("l").is_empty());
    assert!(store.list_wins(&bob, None).await.expect("l").is_empty());
    assert!(store.list_setbacks(&bob, None).await.expect("l").is_empty());
    assert!(store.checkin_dates(&bob).await.expect("d").is_empty());
    for c in [&c1, &dup, &c3, &c4] {
        assert_eq!(store.get_checkin(&bob, &c.id).await.expect("get"), None);
        assert_eq!(store.checkin_on(&bob, c.date).await.expect("on"), None);
    }
    for t in [&t_late, &t_early, &t_plain] {
        assert_eq!(store.get_thought(&bob, &t.id).await.expect("get"), None);
    }
    assert_eq!(
        store.settings(&bob).await.expect("bob settings"),
        settings,
        "{backend:?}: Alice's settings change did not touch Bob"
    );
    let bob_c = checkin("2026-03-01", 8, 8, Some("bob's day"));
    store
        .put_checkin(&bob, &bob_c, false)
        .await
        .expect("same date, other person");
    assert_eq!(
        store.list_checkins(&bob, None).await.expect("list"),
        vec![bob_c.clone()]
    );
    assert_eq!(
        store.checkin_on(&alice, d("2026-03-01")).await.expect("on"),
        Some(c1.clone()),
        "{backend:?}: Bob's check-in did not replace Alice's"
    );
    // Bob replacing "his" 2026-03-02 must not delete Alice's.
    let bob_c2 = checkin("2026-03-02", 3, 3, None);
    store.put_checkin(&bob, &bob_c2, true).await.expect("put");
    assert_eq!(
        store.checkin_on(&alice, d("2026-03-02")).await.expect("on"),
        Some(dup.clone())
    );
    assert_eq!(store.get_checkin(&alice, &bob_c.id).await.expect("g"), None);

    // Import: Alice's export into a new person, twice.
    let doc = ExportDoc::new(
        changed.clone(),
        store.list_checkins(&alice, None).await.expect("list"),
        store.list_thoughts(&alice, None).await.expect("list"),
        store.list_wins(&alice, None).await.expect("list"),
        store.list_setbacks(&alice, None).await.expect("list"),
        now,
    );
    doc.validate()
        .expect("a store's own records form a valid export");
    // Imported into a fresh store the ids are new; here they would collide
    // with Alice's, so give the copy new ids (as a second store would see
    // records it has never had).
    let mut copy = doc.clone();
    copy.checkins.iter_mut().for_each(|c| c.id = id::new_id());
    copy.thoughts.iter_mut().for_each(|t| t.id = id::new_id());
    copy.wins.iter_mut().for_each(|w| w.id = id::new_id());
    copy.setbacks.iter_mut().for_each(|s| s.id = id::new_id());
    let carol = store.create_person(&settings).await.expect("carol");
    let first = store.import(&carol, &copy).await.expect("import");
    assert_eq!(
        first,
        ImportReport {
            checkins: 7,
            thoughts: 6,
            wins: 6,
            setbacks: 5,
            skipped: 0,
            ..ImportReport::default()
        }
    );
    assert_eq!(first.added(), 24);
    let second = store.import(&carol, &copy).await.expect("import again");
    assert_eq!(
        second,
        ImportReport {
            skipped: 24,
            ..ImportReport::default()
        },
        "{backend:?}: a second import adds nothing"
    );
    assert_eq!(store.counts(&carol).await.expect("counts"), alice_counts);
    assert_eq!(store.settings(&carol).await.expect("settings"), changed);
    assert_eq!(
        store.list_checkins(&carol, None).await.expect("list"),
        copy.checkins
    );
    assert_eq!(
        store.list_thoughts(&carol, None).await.expect("list"),
        copy.thoughts
    );
    assert_eq!(
        store.list_wins(&carol, None).await.expect("list"),
        copy.wins
    );
    assert_eq!(
        store.list_setbacks(&carol, None).await.expect("list"),
        copy.setbacks
    );
    // A check-in on a date the person already has is skipped, not doubled.
    let mut clash = copy.clone();
    clash.thoughts.clear();
    clash.wins.clear();
    clash.setbacks.clear();
    clash.checkins = vec![checkin("2026-03-01", 1, 1, None)];
    let r = store.import(&carol, &clash).await.expect("import clash");
    assert_eq!(r.added(), 0);
    assert_eq!(r.skipped, 1);
    // Alice's own export imported back into Alice adds nothing either.
    let back = store.import(&alice, &doc).await.expect("import back");
    assert_eq!(back.added(), 0);
    assert_eq!(back.skipped, 24);
    // Importing Alice's records (same ids) into Bob must not hand them to
    // Bob nor take them from Alice.
    store.import(&bob, &doc).await.expect("import into bob");
    for t in &doc.thoughts {
        assert_eq!(store.get_thought(&bob, &t.id).await.expect("get"), None);
    }
    assert_eq!(store.counts(&alice).await.expect("counts"), alice_counts);

    // Erase Alice: everything of hers is gone, the others are untouched.
    let bob_before = store.counts(&bob).await.expect("counts");
    store.erase_person(&alice).await.expect("erase");
    assert!(!store.person_exists(&alice).await.expect("exists"));
    assert_eq!(
        store.counts(&alice).await.expect("counts"),
        Counts::default()
    );
    assert!(store
        .list_checkins(&alice, None)
        .await
        .expect("l")
        .is_empty());
    assert!(store
        .list_thoughts(&alice, None)
        .await
        .expect("l")
        .is_empty());
    assert!(store.list_wins(&alice, None).await.expect("l").is_empty());
    assert!(store
        .list_setbacks(&alice, None)
        .await
        .expect("l")
        .is_empty());
    assert!(store.checkin_dates(&alice).await.expect("d").is_empty());
    assert_eq!(store.get_checkin(&alice, &c1.id).await.expect("g"), None);
    assert_eq!(
        store.get_thought(&alice, &t_late.id).await.expect("g"),
        None
    );
    assert!(matches!(
        store.settings(&alice).await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(store.counts(&bob).await.expect("counts"), bob_before);
    assert_eq!(store.counts(&carol).await.expect("counts"), alice_counts);
    assert_eq!(
        store.first_person().await.expect("first"),
        Some(bob.clone())
    );
    // Erasing someone who does not exist is harmless.
    store.erase_person(&alice).await.expect("erase again");

    // Erase Carol's records but keep Carol: she still exists with her
    // settings, has nothing left, and Bob's records are untouched.
    let carol_settings = store.settings(&carol).await.expect("settings");
    assert_eq!(carol_settings, changed);
    let carol_thought = store.list_thoughts(&carol, None).await.expect("list")[0].clone();
    store.erase_records(&carol).await.expect("erase records");
    assert!(
        store.person_exists(&carol).await.expect("exists"),
        "{backend:?}: erase_records keeps the person"
    );
    assert_eq!(
        store.settings(&carol).await.expect("settings"),
        carol_settings,
        "{backend:?}: erase_records keeps the settings"
    );
    assert_eq!(
        store.counts(&carol).await.expect("counts"),
        Counts::default()
    );
    assert!(store
        .list_checkins(&carol, None)
        .await
        .expect("l")
        .is_empty());
    assert!(store
        .list_thoughts(&carol, None)
        .await
        .expect("l")
        .is_empty());
    assert!(store.list_wins(&carol, None).await.expect("l").is_empty());
    assert!(store
        .list_setbacks(&carol, None)
        .await
        .expect("l")
        .is_empty());
    assert!(store.checkin_dates(&carol).await.expect("d").is_empty());
    assert_eq!(
        store
            .get_thought(&carol, &carol_thought.id)
            .await
            .expect("g"),
        None
    );
    assert_eq!(
        store.counts(&bob).await.expect("counts"),
        bob_before,
        "{backend:?}: erasing Carol's records leaves Bob's alone"
    );
    let bob_list = store.list_checkins(&bob, None).await.expect("list");
    assert!(
        bob_list.starts_with(&[bob_c.clone(), bob_c2.clone()]),
        "{backend:?}: Bob's check-ins are still there: {bob_list:?}"
    );
    // Carol can start again, on dates she used before, and import her
    // records back in full.
    let fresh = checkin("2026-03-01", 6, 6, Some("a fresh start"));
    store
        .put_checkin(&carol, &fresh, false)
        .await
        .expect("a date freed by erase_records");
    assert_eq!(
        store.list_checkins(&carol, None).await.expect("list"),
        vec![fresh.clone()]
    );
    store.erase_records(&carol).await.expect("erase records");
    let restored = store.import(&carol, &copy).await.expect("import");
    assert_eq!(restored.added(), 24);
    assert_eq!(store.counts(&carol).await.expect("counts"), alice_counts);
    // Erasing the records of someone without any, or of nobody, is harmless.
    store.erase_records(&alice).await.expect("erase nobody");
    store.erase_records(&bob).await.expect("erase bob");
    store.erase_records(&bob).await.expect("erase bob again");
    assert!(store.person_exists(&bob).await.expect("exists"));
    assert_eq!(store.counts(&bob).await.expect("counts"), Counts::default());
    assert_eq!(store.counts(&carol).await.expect("counts"), alice_counts);
}

#[tokio::test]
async fn story_on_sqlite() {
    let db = support::SqliteDb::new();
    let store = db.open(4).await;
    story(&store).await;
    drop(store);
    // Reopening runs the migrations again without harm and keeps the data.
    let again = db.open(1).await;
    assert!(again.first_person().await.expect("first").is_some());
}

#[tokio::test]
async fn story_through_open_url() {
    let db = support::SqliteDb::new();
    let store = goodenough_store::open(&db.url()).await.expect("open");
    assert_eq!(store.backend(), Backend::Sqlite);
    story(store.as_ref()).await;
}

#[test]
fn database_name_is_swapped_in_urls() {
    use support::with_database;
    assert_eq!(
        with_database("postgres://u:p@127.0.0.1:5433/ci", "x"),
        "postgres://u:p@127.0.0.1:5433/x"
    );
    assert_eq!(
        with_database("postgresql://u@h/ci?sslmode=disable", "x"),
        "postgresql://u@h/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h:1", "x"), "postgres://h:1/x");
}

#[tokio::test]
async fn story_on_postgres() {
    let Some(db) = support::PgDb::fresh("store story").await else {
        return;
    };
    let store = db.store(4).await;
    story(&store).await;
    store.pool().close().await;
    // Connecting again re-runs the (already applied) migrations harmlessly.
    let again = db.store(1).await;
    assert!(again.first_person().await.expect("first").is_some());
    again.pool().close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn story_on_postgres_through_open_url() {
    let Some(db) = support::PgDb::fresh("store story (through open)").await else {
        return;
    };
    let store = goodenough_store::open(&db.url).await.expect("open");
    assert_eq!(store.backend(), Backend::Postgres);
    story(store.as_ref()).await;
    drop(store);
    db.drop_db().await;
}
