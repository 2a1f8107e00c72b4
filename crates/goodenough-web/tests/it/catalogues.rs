//! The data directory's own content on the web: a server started with a data
//! directory holding one own file of each kind (thinking traps, a script, a
//! questionnaire, a practice, a programme) offers them on the pages and in
//! the API, as the CLI does; a broken own file is left out, hides nothing
//! else and is shown to admins on /settings; and every file is read once at
//! start (removing them afterwards changes nothing).

use goodenough_app::catalogues::{Catalogues, Naming};
use goodenough_web::testing::{api, signed_in, TestServer};
use goodenough_web::WebConfig;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

const TRAPS: &str = "[[trap]]\nslug = \"comparing\"\nname = \"Comparing\"\n\
definition = \"Measuring myself against the best person in the room.\"\n\
patterns = ['\\bbetter than me\\b']\n";

const SCRIPT: &str = "name = \"thanks\"\ntitle = \"Thanking a colleague\"\n\
when = \"Someone covered for you.\"\ntemplate = \"Thank you, {person}, for covering.\"\n\n\
[[variables]]\nname = \"person\"\ndescription = \"Who helped\"\n";

const INSTRUMENT: &str = "id = \"calm\"\ntitle = \"Calm check\"\n\
licence = \"Invented for a test.\"\ninstructions = \"Past week.\"\nhigher_is_better = true\n\n\
[scale]\nvalues = [0, 1, 2, 3]\nlabels = [\"never\", \"sometimes\", \"often\", \"always\"]\n\n\
[[items]]\nid = \"rested\"\ntext = \"I felt rested.\"\n\n\
[[items]]\nid = \"steady\"\ntext = \"I felt steady.\"\n";

const PRACTICE: &str = "id = \"walk\"\ntitle = \"Slow walk\"\ndefault_minutes = 5\n\
cues = [{ at_seconds = 0, text = \"Feel your feet.\" }, { at_seconds = 60, text = \"Notice the air.\" }]\n";

const PROGRAMME: &str = "id = \"gentle\"\ntitle = \"A gentle start\"\nweeks = 2\n\
[[phases]]\nname = \"Only\"\nweeks = [1, 2]\n";

/// A late cue: the practice ends after 60 s.
const BROKEN_PRACTICE: &str = "id = \"late\"\ntitle = \"Late\"\ndefault_minutes = 1\n\
cues = [{ at_seconds = 90, text = \"too late\" }]\n";

fn write(dir: &std::path::Path, name: &str, src: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("dir");
    }
    std::fs::write(path, src).expect("write");
}

/// A data directory with one own file of each kind and one broken practice.
fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "traps.toml", TRAPS);
    write(dir.path(), "scripts/thanks.toml", SCRIPT);
    write(dir.path(), "instruments/calm.toml", INSTRUMENT);
    write(dir.path(), "practices/walk.toml", PRACTICE);
    write(dir.path(), "practices/late.toml", BROKEN_PRACTICE);
    write(dir.path(), "programmes/gentle.toml", PROGRAMME);
    dir
}

async fn server(dir: &std::path::Path) -> TestServer {
    TestServer::start_with_catalogues(
        WebConfig::default(),
        Catalogues::with_data_dir(dir).naming(Naming::InDataDir),
    )
    .await
}

fn ids<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .expect("array")
        .iter()
        .filter_map(|x| x[key].as_str())
        .collect()
}

#[tokio::test]
async fn pages_and_api_offer_the_data_directorys_own_content() {
    let dir = data_dir();
    let srv = server(dir.path()).await;
    let mut c = signed_in(&srv, EMAIL, PW).await;

    // Pages.
    let p = c.get("/traps").await;
    assert!(p.body.contains("Comparing"), "{}", p.body);
    let p = c
        .get("/traps?text=Everyone%20was%20better%20than%20me")
        .await;
    assert!(p.body.contains("better than me"), "{}", p.body);
    let p = c.get("/scripts").await;
    assert!(p.body.contains("href=\"/scripts/thanks\""), "{}", p.body);
    let p = c.post_form("/scripts/thanks", &[("person", "Sam")]).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(
        p.body.contains("Thank you, Sam, for covering."),
        "{}",
        p.body
    );
    let p = c.get("/assessments").await;
    assert!(p.body.contains("href=\"/assessments/calm\""), "{}", p.body);
    let p = c.get("/assessments/calm").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("I felt steady."));
    let p = c.get("/practices").await;
    assert!(p.body.contains("Slow walk"), "{}", p.body);
    assert!(p.body.contains("Feel your feet."));
    let p = c.get("/programme").await;
    assert!(p.body.contains("A gentle start"), "{}", p.body);
    assert!(
        p.body.contains("(from programmes/gentle.toml)"),
        "{}",
        p.body
    );

    // The API.
    let t = srv.token_for(EMAIL).await;
    let (s, traps) = api(&srv, &t, Method::GET, "/api/v1/traps", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(ids(&traps, "slug").contains(&"comparing"), "{traps}");
    let (_, found) = api(
        &srv,
        &t,
        Method::GET,
        "/api/v1/traps/explain?text=Everyone%20was%20better%20than%20me",
        None,
    )
    .await;
    assert!(ids(&found, "slug").contains(&"comparing"), "{found}");
    let (s, filled) = api(
        &srv,
        &t,
        Method::POST,
        "/api/v1/scripts/thanks/fill",
        Some(&json!({"vars": {"person": "Sam"}})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{filled}");
    assert_eq!(filled["text"], "Thank you, Sam, for covering.");
    let (s, calm) = api(&srv, &t, Method::GET, "/api/v1/instruments/calm", None).await;
    assert_eq!(s, StatusCode::OK, "{calm}");
    assert_eq!(calm["title"], "Calm check");
    let (s, taken) = api(
        &srv,
        &t,
        Method::POST,
        "/api/v1/assessments",
        Some(&json!({"instrument": "calm", "answers": [2, 3]})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{taken}");
    let (_, practices) = api(&srv, &t, Method::GET, "/api/v1/practices", None).await;
    assert!(ids(&practices, "id").contains(&"walk"), "{practices}");
    let (s, log) = api(
        &srv,
        &t,
        Method::POST,
        "/api/v1/practice-logs",
        Some(&json!({"practice": "walk", "minutes": 5})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{log}");
    let (_, programmes) = api(&srv, &t, Method::GET, "/api/v1/programmes", None).await;
    assert_eq!(
        ids(&programmes, "id"),
        ["impostor", "perfectionism", "gentle"]
    );
}

#[tokio::test]
async fn a_broken_own_file_hides_nothing_else_and_admins_see_it_on_settings() {
    let dir = data_dir();
    let srv = server(dir.path()).await;
    let problems = &srv.state.content_problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].file, "practices/late.toml");

    // The first account (set up on the web) is the admin.
    let mut admin = signed_in(&srv, EMAIL, PW).await;
    let p = admin.get("/settings").await;
    assert!(p.body.contains("Content files left out"), "{}", p.body);
    assert!(
        p.body.contains("practices/late.toml") && p.body.contains("past the practice"),
        "{}",
        p.body
    );
    // Everything else is there: the other own practice and the shipped ones.
    let p = admin.get("/practices").await;
    assert!(p.body.contains("Slow walk") && p.body.contains("Paced breathing"));
    assert!(!p.body.contains("too late"));

    // Another account is not the operator and sees no such section.
    srv.add_account("sam@example.org", PW).await;
    let mut other = srv.client();
    other.login("sam@example.org", PW).await;
    let p = other.get("/settings").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.body.contains("Content files left out"), "{}", p.body);
    assert!(!p.body.contains("late.toml"));
}

#[tokio::test]
async fn content_files_are_read_once_at_start_and_never_on_a_request() {
    let dir = data_dir();
    let srv = server(dir.path()).await;
    // Gone after start: what was loaded still serves every request.
    std::fs::remove_dir_all(dir.path().join("programmes")).expect("remove");
    std::fs::remove_dir_all(dir.path().join("instruments")).expect("remove");
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c
        .post_form("/programme/start", &[("id", "gentle"), ("on", "")])
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let p = c.get("/today").await;
    assert!(p.body.contains("A gentle start"), "{}", p.body);
    assert!(p.body.contains("Week 1 of 2"), "{}", p.body);
    let p = c.get("/assessments/calm").await;
    assert_eq!(p.status, StatusCode::OK);
    // A file added after start is not read either (until the next start).
    write(
        dir.path(),
        "programmes/later.toml",
        &PROGRAMME.replace("gentle", "later"),
    );
    let p = c.get("/programme").await;
    assert!(!p.body.contains("href=\"/programme/later\""), "{}", p.body);
}
