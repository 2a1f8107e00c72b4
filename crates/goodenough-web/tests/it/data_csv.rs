//! The CSV files of the Data page: every file the CLI's
//! `goodenough export --format csv` writes is listed and served, from the
//! same renderer (`goodenough_core::export::csv`), for the signed-in person
//! only; an unknown name is a 404 with a sentence.

use chrono::{NaiveDate, TimeZone, Utc};
use goodenough_core::export::{csv, ExportDoc};
use goodenough_core::Settings;
use goodenough_web::testing::{person_of, TestClient, TestServer};
use reqwest::StatusCode;

const PW: &str = "correct horse battery";

/// Eight weeks of the demo persona, with evidence, an enrolment and weekly
/// reviews, as one export document.
fn demo_doc() -> ExportDoc {
    let end = NaiveDate::from_ymd_opt(2024, 8, 31).expect("date");
    let data = goodenough_core::demo::generate(7, end, 56);
    let mut doc = ExportDoc::new(
        Settings::defaults("UTC"),
        data.checkins,
        data.thoughts,
        data.wins,
        data.setbacks,
        Utc.with_ymd_and_hms(2024, 9, 1, 8, 0, 0)
            .single()
            .expect("instant"),
    );
    doc.evidence = data.evidence;
    doc.enrolments = data.enrolments;
    doc.reviews = goodenough_core::demo::weekly_reviews(&doc, 7);
    doc
}

async fn signed_in(srv: &TestServer, email: &str, first: bool) -> (TestClient, String) {
    let mut c = srv.client();
    if first {
        assert_eq!(c.setup(email, PW).await.status, StatusCode::OK);
    } else {
        srv.add_account(email, PW).await;
        assert_eq!(c.login(email, PW).await.status, StatusCode::OK);
    }
    let person = person_of(srv, email).await;
    (c, person)
}

#[tokio::test]
async fn every_cli_file_is_listed_and_served_from_the_one_renderer() {
    let srv = TestServer::start().await;
    let (mut a, alex) = signed_in(&srv, "alex@example.org", true).await;
    let doc = demo_doc();
    assert!(!doc.evidence.is_empty() && !doc.enrolments.is_empty() && !doc.reviews.is_empty());
    srv.state.store.import(&alex, &doc).await.expect("import");

    let page = a.get("/data").await;
    assert_eq!(page.status, StatusCode::OK);
    for name in csv::FILES {
        assert!(
            page.body.contains(&format!("href=\"/data/export/{name}\"")),
            "the Data page links {name}"
        );
    }

    // What the store holds for alex, through the JSON export; the CSV bytes
    // the page serves are exactly what the shared renderer (which the CLI
    // writes to disk) makes of it.
    let stored = ExportDoc::parse(&a.get("/data/export.json").await.body).expect("export");
    for name in csv::FILES {
        let served = a.get(&format!("/data/export/{name}")).await;
        assert_eq!(served.status, StatusCode::OK, "{name}");
        let content_type = served
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(content_type.starts_with("text/csv"), "{name}");
        let expected = csv::file(&stored, name).expect("known").expect("csv");
        assert_eq!(served.body.as_bytes(), expected.as_slice(), "{name}");
    }

    let evidence = a.get("/data/export/evidence.csv").await.body;
    assert_eq!(evidence.lines().count(), doc.evidence.len() + 1);
    assert!(evidence.starts_with("id,date,kind,text,source,attribution,logged_at\n"));
    let reviews = a.get("/data/export/reviews.csv").await.body;
    assert_eq!(reviews.lines().count(), doc.reviews.len() + 1);
    assert!(reviews.starts_with("id,week,week_start,"));
    let enrolments = a.get("/data/export/enrolments.csv").await.body;
    assert!(enrolments.starts_with("id,programme_id,started_on,stopped_on,created_at\n"));
    assert!(enrolments.contains(&doc.enrolments[0].id));
}

#[tokio::test]
async fn another_account_gets_only_its_own_files() {
    let srv = TestServer::start().await;
    let (_, alex) = signed_in(&srv, "alex@example.org", true).await;
    let doc = demo_doc();
    srv.state.store.import(&alex, &doc).await.expect("import");

    let (mut b, _) = signed_in(&srv, "sam@example.org", false).await;
    for name in ["evidence.csv", "reviews.csv", "enrolments.csv"] {
        let served = b.get(&format!("/data/export/{name}")).await;
        assert_eq!(served.status, StatusCode::OK, "{name}");
        assert_eq!(served.body.lines().count(), 1, "{name}: header only");
    }
    let evidence = b.get("/data/export/evidence.csv").await.body;
    assert!(!evidence.contains(&doc.evidence[0].id));
}

#[tokio::test]
async fn unknown_files_are_a_404_with_a_sentence_and_signed_out_is_refused() {
    let srv = TestServer::start().await;
    let (mut a, _) = signed_in(&srv, "alex@example.org", true).await;
    for name in ["passwords.csv", "checkins.json", "..%2Fcheckins.csv"] {
        let page = a.get(&format!("/data/export/{name}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{name}");
    }
    let page = a.get("/data/export/passwords.csv").await;
    assert!(
        page.body.contains("There is no export file called"),
        "{}",
        page.body
    );

    let mut out = srv.client();
    let page = out.get("/data/export/evidence.csv").await;
    assert!(
        page.status == StatusCode::SEE_OTHER
            || page.status == StatusCode::UNAUTHORIZED
            || page.path() == "/login",
        "signed out: {} at {}",
        page.status,
        page.path()
    );
    assert!(!page.body.contains("id,date,kind"));
}
