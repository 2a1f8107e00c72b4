//! Importing a real-sized export through the Data page: the import form
//! takes bodies larger than the usual 256 KiB, every other route keeps
//! that limit, and the form offers a file picker only with JavaScript.

use chrono::{NaiveDate, TimeZone, Utc};
use goodenough_core::export::ExportDoc;
use goodenough_core::Settings;
use goodenough_web::testing::TestServer;
use reqwest::StatusCode;

const PW: &str = "correct horse battery";

/// Three years of the demo persona as one export document. (The
/// eight-month demo, 240 days, posts about 180 KB: under the usual limit.)
const DAYS: u32 = 3 * 365;

fn demo_export() -> (String, usize) {
    let end = NaiveDate::from_ymd_opt(2024, 8, 31).expect("date");
    let data = goodenough_core::demo::generate(42, end, DAYS);
    let total = data.checkins.len() + data.thoughts.len() + data.wins.len() + data.setbacks.len();
    let doc = ExportDoc::new(
        Settings::defaults("UTC"),
        data.checkins,
        data.thoughts,
        data.wins,
        data.setbacks,
        Utc.with_ymd_and_hms(2024, 9, 1, 8, 0, 0)
            .single()
            .expect("instant"),
    );
    (serde_json::to_string_pretty(&doc).expect("JSON"), total)
}

#[tokio::test]
async fn a_demo_sized_export_imports_through_the_page() {
    let (json, total) = demo_export();
    let limit = goodenough_web::WebConfig::default().body_limit;
    let posted = serde_urlencoded::to_string([("export", json.as_str())])
        .expect("encode")
        .len();
    assert!(
        posted > limit,
        "the posted demo export ({posted} bytes) should be larger than the usual limit ({limit})"
    );

    let srv = TestServer::start().await;
    let mut c = srv.client();
    assert_eq!(c.setup("alex@example.org", PW).await.status, StatusCode::OK);
    let person = srv
        .state
        .store
        .account_by_email("alex@example.org")
        .await
        .expect("lookup")
        .expect("account")
        .person_id;

    let page = c.get("/data").await;
    // The file picker is there but hidden until app.js shows it; the text
    // field works without it, and no script is inline.
    assert!(page.body.contains("type=\"file\""), "{}", page.body);
    assert!(page.body.contains("data-fills=\"export\""));
    assert!(page.body.contains("class=\"file-pick\" hidden"));
    assert!(page
        .body
        .contains("<textarea id=\"export\" name=\"export\""));
    assert!(!page.body.contains("<script>"));

    let done = c.post_form("/data/import", &[("export", &json)]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.path(), "/data");
    let counts = srv.state.store.counts(&person).await.expect("counts");
    assert_eq!(counts.total() as usize, total);
    assert!(counts.checkins > 100, "{counts:?}");

    // Other forms keep the usual limit.
    let big_note = "x".repeat(limit + 1);
    let refused = c
        .post_form("/setbacks", &[("text", big_note.as_str())])
        .await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_import_limit_is_what_lets_it_through() {
    let (json, _) = demo_export();
    let srv = TestServer::start_with(goodenough_web::WebConfig {
        import_limit: 256 * 1024,
        ..goodenough_web::WebConfig::default()
    })
    .await;
    let mut c = srv.client();
    assert_eq!(c.setup("alex@example.org", PW).await.status, StatusCode::OK);
    c.get("/data").await;
    let refused = c.post_form("/data/import", &[("export", &json)]).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(refused.body.contains("256 KiB"), "{}", refused.body);
}

#[tokio::test]
async fn app_js_reads_the_chosen_file_into_the_text_field() {
    let srv = TestServer::start().await;
    let mut c = srv.client();
    let js = c.get("/assets/app.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.body.contains("data-fills"));
    // The file is read as bytes: an export as text, a binary age file
    // (an encrypted export) armored for the text field.
    assert!(js.body.contains("readAsArrayBuffer"));
    assert!(js.body.contains("-----BEGIN AGE ENCRYPTED FILE-----"));
}
