//! Encrypted exports through the real server: the Data page's download with
//! a passphrase (armored age) pasted back into another account's import,
//! the API's pair (`POST /api/v1/export/encrypted`, binary; `POST
//! /api/v1/import/encrypted`, base64 or armored), and the bad inputs
//! (wrong passphrase, truncated, tampered, not age, passphrases that differ
//! or are short): each a sentence with a 4xx, nothing imported.

use base64::Engine as _;
use goodenough_web::testing::{api_get, api_post, error_of, person_of, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

const PW: &str = "correct horse battery";
const PASSPHRASE: &str = "a long walk by the river";

async fn export_of(srv: &TestServer, token: &str) -> Value {
    let (status, doc) = api_get(srv, token, "/api/v1/export").await;
    assert_eq!(status, StatusCode::OK);
    doc
}

fn same_records(a: &Value, b: &Value) {
    for kind in [
        "checkins",
        "thoughts",
        "wins",
        "setbacks",
        "experiments",
        "timeboxes",
    ] {
        assert_eq!(a[kind], b[kind], "{kind} differ");
    }
}

#[tokio::test]
async fn the_data_page_exports_with_a_passphrase_and_imports_it_back() {
    let srv = TestServer::start().await;
    let mut alex = srv.client();
    alex.setup("alex@example.org", PW).await;
    let person = person_of(&srv, "alex@example.org").await;
    srv.import_demo(&person, 60).await;
    let token = srv.token_for("alex@example.org").await;
    let before = export_of(&srv, &token).await;

    let data = alex.get("/data").await;
    assert!(
        data.body.contains("Download encrypted (.json.age)"),
        "{}",
        data.body
    );
    assert!(data
        .body
        .contains("Passphrase (only for an encrypted export)"));

    // Passphrases that differ, or a short one: a sentence, no file.
    let differ = alex
        .post_form(
            "/data/export.json.age",
            &[
                ("passphrase", PASSPHRASE),
                ("passphrase_again", "a long walk by the sea"),
            ],
        )
        .await;
    assert_eq!(differ.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(differ.body.contains("The two passphrases are not the same"));
    let short = alex
        .post_form(
            "/data/export.json.age",
            &[("passphrase", "abc"), ("passphrase_again", "abc")],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short.body.contains("at least 8 characters"),
        "{}",
        short.body
    );

    let file = alex
        .post_form(
            "/data/export.json.age",
            &[("passphrase", PASSPHRASE), ("passphrase_again", PASSPHRASE)],
        )
        .await;
    assert_eq!(file.status, StatusCode::OK, "{}", file.body);
    let disposition = file
        .headers
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(disposition.contains(".json.age"), "{disposition}");
    assert!(file.body.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    let needle = before["checkins"][0]["appreciations"][0]["text"]
        .as_str()
        .expect("a text");
    assert!(!file.body.contains(needle), "no record text in the clear");
    // As a browser sends a textarea: CR LF line breaks.
    let pasted = file.body.replace('\n', "\r\n");

    // Alex imports it on another server (a store of its own: ids are
    // unique across a store, so the same store would skip them all).
    let other = TestServer::start().await;
    let sam_person = other.add_account("alex@example.org", PW).await;
    let mut sam = other.client();
    sam.login("alex@example.org", PW).await;
    let sam_token = other.add_token(&sam_person, "test").await;
    let empty = export_of(&other, &sam_token).await;

    for (passphrase, says) in [
        ("", "This export is encrypted: type its passphrase"),
        (
            "not the passphrase",
            "That passphrase does not open this file",
        ),
    ] {
        let page = sam
            .post_form(
                "/data/import",
                &[("export", &pasted), ("passphrase", passphrase)],
            )
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
        assert!(page.body.contains(says), "{}", page.body);
        assert!(page.body.contains("Nothing was imported"), "{}", page.body);
        same_records(&export_of(&other, &sam_token).await, &empty);
    }
    let page = sam
        .post_form(
            "/data/import",
            &[("export", &pasted), ("passphrase", PASSPHRASE)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Imported"), "{}", page.body);
    same_records(&export_of(&other, &sam_token).await, &before);
}

async fn sealed_by_api(srv: &TestServer, token: &str, passphrase: &str) -> (StatusCode, Vec<u8>) {
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/export/encrypted", srv.base))
        .bearer_auth(token)
        .json(&json!({ "passphrase": passphrase }))
        .send()
        .await
        .expect("request");
    let status = res.status();
    (status, res.bytes().await.expect("body").to_vec())
}

#[tokio::test]
async fn the_api_round_trips_and_refuses_every_bad_file() {
    let srv = TestServer::start().await;
    let alex = srv.add_account("alex@example.org", PW).await;
    srv.import_demo(&alex, 45).await;
    let token = srv.add_token(&alex, "test").await;
    let before = export_of(&srv, &token).await;

    let (status, bytes) = sealed_by_api(&srv, &token, "short").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let refusal: Value = serde_json::from_slice(&bytes).expect("json");
    assert!(error_of(&refusal).contains("at least 8 characters"));

    let (status, sealed) = sealed_by_api(&srv, &token, PASSPHRASE).await;
    assert_eq!(status, StatusCode::OK);
    assert!(sealed.starts_with(b"age-encryption.org/v1\n"), "binary age");

    // Into a store of its own (ids are unique across a store).
    let other = TestServer::start().await;
    let sam = other.add_account("alex@example.org", PW).await;
    let sam_token = other.add_token(&sam, "test").await;
    let empty = export_of(&other, &sam_token).await;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let mut tampered = sealed.clone();
    let at = tampered.len() - 30;
    tampered[at] ^= 0x01;
    let cases = [
        (
            json!({"passphrase": "not the passphrase", "file": b64(&sealed)}),
            "That passphrase does not open this file",
        ),
        (
            json!({"passphrase": PASSPHRASE, "file": b64(&sealed[..sealed.len() - 50])}),
            "is damaged",
        ),
        (
            json!({"passphrase": PASSPHRASE, "file": b64(&tampered)}),
            "is damaged",
        ),
        (
            json!({"passphrase": PASSPHRASE, "file": b64(b"{\"format\": 1}")}),
            "not age-encrypted",
        ),
        (
            json!({"passphrase": PASSPHRASE, "file": "%%% not base64 %%%"}),
            "neither an armored age file nor a base64",
        ),
    ];
    for (body, says) in cases {
        let (status, answer) =
            api_post(&other, &sam_token, "/api/v1/import/encrypted", &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert!(error_of(&answer).contains(says), "{answer}");
        assert!(
            error_of(&answer).contains("Nothing was imported"),
            "{answer}"
        );
        same_records(&export_of(&other, &sam_token).await, &empty);
    }

    let (status, answer) = api_post(
        &other,
        &sam_token,
        "/api/v1/import/encrypted",
        &json!({"passphrase": PASSPHRASE, "file": b64(&sealed)}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer["added"].as_u64().expect("a count") > 30, "{answer}");
    assert_eq!(answer["skipped"], 0);
    same_records(&export_of(&other, &sam_token).await, &before);
}
