//! The weight of the evening pages: Today and Check-in, with the stylesheet
//! and the script they load, stay under 40 KB as sent gzip-compressed to a
//! signed-in person with eight weeks of the demo persona's records (a phone
//! on a slow line fetches this every evening). Byte counts, never times.

use goodenough_web::testing::TestServer;
use goodenough_web::testing::{person_of, signed_in, TestClient};
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING};
use reqwest::StatusCode;

const EMAIL: &str = "robin@example.org";
const PW: &str = "a long enough passphrase";
/// The budget of issue 13: HTML + CSS + JS of one page, compressed.
const BUDGET: usize = 40 * 1024;

/// The bytes on the wire for `path`, asked for with `Accept-Encoding`
/// (the client here decompresses nothing), and the encoding the server
/// chose.
async fn fetch(c: &TestClient, path: &str, encoding: &str) -> (Vec<u8>, Option<String>) {
    let res = c
        .http
        .get(format!("{}{path}", c.base))
        .header(ACCEPT_ENCODING, encoding)
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let enc = res
        .headers()
        .get(CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (res.bytes().await.expect("body").to_vec(), enc)
}

#[tokio::test]
async fn today_and_checkin_stay_under_40_kb_compressed() {
    let srv = TestServer::start().await;
    let c = signed_in(&srv, EMAIL, PW).await;
    let person = person_of(&srv, EMAIL).await;
    srv.import_demo(&person, 56).await;

    let mut report = Vec::new();
    let mut shared = 0;
    for asset in ["/assets/app.css", "/assets/app.js"] {
        let (gz, enc) = fetch(&c, asset, "gzip").await;
        let (plain, plain_enc) = fetch(&c, asset, "identity").await;
        assert_eq!(enc.as_deref(), Some("gzip"), "{asset} is sent compressed");
        assert_eq!(
            plain_enc, None,
            "{asset}: a client without gzip gets it plain"
        );
        assert_eq!(&gz[..2], &[0x1f, 0x8b], "{asset}: a gzip stream");
        assert!(
            gz.len() < plain.len(),
            "{asset}: compression makes it smaller"
        );
        report.push(format!(
            "{asset}: {} B plain, {} B gzip",
            plain.len(),
            gz.len()
        ));
        shared += gz.len();
    }
    for page in ["/today", "/checkin"] {
        let (gz, enc) = fetch(&c, page, "gzip").await;
        let (plain, _) = fetch(&c, page, "identity").await;
        assert_eq!(enc.as_deref(), Some("gzip"), "{page} is sent compressed");
        assert!(
            String::from_utf8_lossy(&plain).contains("href=\"/assets/app.css\""),
            "{page}: signed in, the page with its stylesheet"
        );
        let total = gz.len() + shared;
        report.push(format!(
            "{page}: {} B plain, {} B gzip; with CSS and JS {total} B",
            plain.len(),
            gz.len()
        ));
        assert!(
            total < BUDGET,
            "{page} with its CSS and JS is {total} B compressed, over the {BUDGET} B budget: {report:?}"
        );
    }
    // A page answering a query string (it may echo what a third party
    // chose, next to the CSRF token) is never compressed (BREACH).
    let (_, enc) = fetch(&c, "/thoughts?q=secret", "gzip").await;
    assert_eq!(enc, None, "a search answer goes out plain");
    let (_, enc) = fetch(&c, "/assets/app.css?v=1", "gzip").await;
    assert_eq!(
        enc.as_deref(),
        Some("gzip"),
        "the stylesheet stays compressed"
    );

    // The figures for benches/README.md (cargo test -- --nocapture).
    println!("{}", report.join("\n"));
}
