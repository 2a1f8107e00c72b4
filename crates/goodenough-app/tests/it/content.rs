//! A coach's own content, on SQLite and (when GOODENOUGH_TEST_DATABASE_URL
//! names a server) PostgreSQL: a file with several problems is refused with
//! each named by line and field and nothing kept; a good file is kept; an id
//! the server offers or the coach already has is a sentence (replace puts
//! the new one in place); only a coach uploads; the coach's linked client
//! reads their scripts and questionnaires, another person finds nothing;
//! the client fills the coach's script and the coach may assign it;
//! erasing the coach's data removes their content.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use goodenough_app::content::{self, Upload, Uploaded};
use goodenough_app::{data, practice, Actor, App, AppError, Catalogues, Scope};
use goodenough_core::coach_content::ContentKind;
use goodenough_core::Settings;
use goodenough_store::{Role, Store, StoreError};

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0)
        .single()
        .expect("an instant")
}

fn own(app: &App, person: &str) -> Scope {
    app.scope(Actor::person(person), person, at(5))
}

const GOOD_SCRIPT: &str = "name = \"thank-you\"\ntitle = \"Saying thank you\"\nwhen = \"Someone helped you.\"\ntemplate = \"Thank you, {person}.\"\n\n[[variables]]\nname = \"person\"\ndescription = \"Who helped\"\n";

const BAD_SCRIPT: &str = "name = \"two words\"\ntitle = \"T\"\nwhen = \"W\"\ntemplate = \"Hi {who}\"\n\n[[variables]]\nname = \"whom\"\ndescription = \"\"\n";

const GOOD_QUESTIONNAIRE: &str = "id = \"calm-check\"\ntitle = \"Calm check\"\n[scale]\nvalues = [0, 1, 2]\nlabels = [\"no\", \"some\", \"yes\"]\n[[items]]\nid = \"a\"\ntext = \"I felt calm.\"\n";

fn upload(kind: &str, text: &str, replace: bool) -> Upload {
    Upload {
        kind: kind.to_string(),
        text: text.to_string(),
        replace,
    }
}

fn conflict(result: Result<Uploaded, AppError>, words: &str) {
    match result {
        Err(AppError::Store(StoreError::Conflict(m))) => assert!(m.contains(words), "{m}"),
        other => panic!("expected a clash naming {words:?}, got {other:?}"),
    }
}

async fn story(store: Arc<dyn Store>) {
    let app = App::new(store.clone(), Arc::new(Catalogues::shipped()));
    let coach_settings = Settings {
        display_name: "Coach Ida".to_string(),
        ..Settings::defaults("UTC")
    };
    let coach = store
        .create_account("coach@example.org", "hash-c", Role::Coach, &coach_settings)
        .await
        .expect("the coach");
    let alice = store
        .create_account(
            "alice@example.org",
            "hash-a",
            Role::Client,
            &Settings::defaults("UTC"),
        )
        .await
        .expect("alice");
    let bob = store
        .create_account(
            "bob@example.org",
            "hash-b",
            Role::Client,
            &Settings::defaults("UTC"),
        )
        .await
        .expect("bob");
    practice::invite(&own(&app, &coach), "h1", None)
        .await
        .expect("an invitation");
    practice::accept(&own(&app, &alice), "h1")
        .await
        .expect("alice accepts");

    // Several problems: each named by line and field, nothing kept.
    let Uploaded::Refused(problems) =
        content::upload(&own(&app, &coach), upload("script", BAD_SCRIPT, false))
            .await
            .expect("checked")
    else {
        panic!("a broken script was kept");
    };
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].starts_with("line 1, field `name`:"), "{lines:?}");
    assert!(
        lines[1].starts_with("line 4, field `template`:"),
        "{lines:?}"
    );
    assert!(
        lines[2].starts_with("line 7, field `variables[0].name`:"),
        "{lines:?}"
    );
    assert!(
        lines[3].starts_with("line 8, field `variables[0].description`:"),
        "{lines:?}"
    );
    assert!(content::mine(&own(&app, &coach))
        .await
        .expect("list")
        .is_empty());

    // An unknown kind is a sentence; a client account may not upload.
    match content::upload(&own(&app, &coach), upload("recipe", GOOD_SCRIPT, false)).await {
        Err(AppError::Invalid(v)) => {
            assert!(v.to_string().contains("not a kind of content"), "{v}")
        }
        other => panic!("expected a sentence, got {other:?}"),
    }
    match content::upload(&own(&app, &alice), upload("script", GOOD_SCRIPT, false)).await {
        Err(AppError::Refused(m)) => assert!(m.contains("only a coach account"), "{m}"),
        other => panic!("a client uploaded: {other:?}"),
    }

    // A shipped id is a clash.
    let shipped = GOOD_SCRIPT.replace("thank-you", "decline");
    conflict(
        content::upload(&own(&app, &coach), upload("script", &shipped, false)).await,
        "already offers a script with the id \"decline\"",
    );

    // Good files are kept.
    let Uploaded::Kept(script) =
        content::upload(&own(&app, &coach), upload("script", GOOD_SCRIPT, false))
            .await
            .expect("kept")
    else {
        panic!("a good script was refused");
    };
    assert_eq!(script.kind, ContentKind::Script);
    assert_eq!(script.content_id, "thank-you");
    assert_eq!(script.coach_name, "Coach Ida");
    assert_eq!(script.body, GOOD_SCRIPT);
    let Uploaded::Kept(questionnaire) = content::upload(
        &own(&app, &coach),
        upload("questionnaire", GOOD_QUESTIONNAIRE, false),
    )
    .await
    .expect("kept") else {
        panic!("a good questionnaire was refused");
    };

    // The same id again: a clash, unless replacing.
    conflict(
        content::upload(&own(&app, &coach), upload("script", GOOD_SCRIPT, false)).await,
        "You already have a script with the id \"thank-you\"",
    );
    let changed = GOOD_SCRIPT.replace("Saying thank you", "Thanks, kindly");
    let Uploaded::Kept(replaced) =
        content::upload(&own(&app, &coach), upload("script", &changed, true))
            .await
            .expect("replaced")
    else {
        panic!("the replacement was refused");
    };
    let mine = content::mine(&own(&app, &coach)).await.expect("list");
    let titles: Vec<&str> = mine.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, vec!["Calm check", "Thanks, kindly"]);

    // The linked client reads the scripts and questionnaires; Bob finds
    // nothing, not even by id.
    let theirs = content::from_coaches(&own(&app, &alice))
        .await
        .expect("alice's");
    assert_eq!(theirs.len(), 2);
    assert!(theirs.iter().all(|c| c.coach_name == "Coach Ida"));
    content::get(&own(&app, &alice), &replaced.id)
        .await
        .expect("alice reads her coach's script");
    assert!(content::from_coaches(&own(&app, &bob))
        .await
        .expect("bob's")
        .is_empty());
    for id in [&replaced.id, &questionnaire.id] {
        match content::get(&own(&app, &bob), id).await {
            Err(AppError::NotFound { .. }) => {}
            other => panic!("bob read the coach's file: {other:?}"),
        }
        match content::remove(&own(&app, &bob), id).await {
            Err(AppError::NotFound { .. }) => {}
            other => panic!("bob removed the coach's file: {other:?}"),
        }
    }
    assert!(
        content::get(&own(&app, &coach), &script.id).await.is_err(),
        "the replaced row is gone"
    );

    // Alice fills it beside the shipped scripts; the coach may name it in
    // an assignment; Bob has no such script.
    let scripts = content::coach_scripts(&own(&app, &alice))
        .await
        .expect("scripts");
    assert_eq!(scripts.len(), 1);
    assert_eq!(scripts[0].script.name, "thank-you");
    assert_eq!(scripts[0].coach_name, "Coach Ida");
    assert!(content::coach_scripts(&own(&app, &bob))
        .await
        .expect("none")
        .is_empty());
    let step = goodenough_app::assignments::NewAssignment {
        kind: "script".into(),
        detail: Some("thank-you".into()),
        due: chrono::NaiveDate::from_ymd_opt(2026, 3, 9).expect("a date"),
        note: String::new(),
    };
    goodenough_app::assignments::assign(&own(&app, &coach), &alice, step)
        .await
        .expect("the coach's own script can be assigned");

    // Removing one; erasing the coach's data removes the rest.
    content::remove(&own(&app, &coach), &questionnaire.id)
        .await
        .expect("removed");
    assert_eq!(
        content::mine(&own(&app, &coach)).await.expect("list").len(),
        1
    );
    data::erase(&own(&app, &coach)).await.expect("erase");
    assert!(content::mine(&own(&app, &coach))
        .await
        .expect("list")
        .is_empty());
}

#[tokio::test]
async fn content_on_sqlite() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store: Arc<dyn Store> = Arc::from(
        goodenough_store::open_pool(&url, 2)
            .await
            .expect("store opens"),
    );
    story(store).await;
}

#[tokio::test]
async fn content_on_postgres() {
    let Ok(server) = std::env::var("GOODENOUGH_TEST_DATABASE_URL") else {
        eprintln!("GOODENOUGH_TEST_DATABASE_URL is not set: skipped the PostgreSQL content story");
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
    store.close().await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&admin)
        .await
        .expect("drop the test database");
}
