//! A check-in made on a 390 × 844 phone while it is offline (DevTools
//! network emulation): the page keeps it on the device and says so, sends it
//! when the phone is back online and says it was sent; exactly one check-in
//! with the typed texts is on the server, and sending the kept copy again
//! (an answer lost on the way back) does not save a second one.

use std::time::{Duration, Instant};

use crate::support;

use goodenough_web::testing::{api_get, TestServer};
use serde_json::{json, Value};

const EMAIL: &str = "robin@example.org";
const PW: &str = "a long enough passphrase";
const TEXTS: [&str; 3] = [
    "kept my lunch break",
    "phoned my sister",
    "stopped editing at six",
];

async fn network(b: &support::Browser, offline: bool) {
    let cdp = b.driver.cdp();
    cdp.send_raw("Network.enable", json!({}))
        .await
        .expect("network domain");
    cdp.send_raw(
        "Network.emulateNetworkConditions",
        json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
    )
    .await
    .expect("network conditions");
}

async fn script(b: &support::Browser, js: &str) -> Value {
    b.driver
        .execute(js, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("script {js:?}: {e}"))
        .json()
        .clone()
}

/// Waits (generously) until the check-in page's status line contains
/// `want`; returns the line.
async fn status_says(b: &support::Browser, want: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let line = script(
            b,
            "const el = document.getElementById('checkin-queue');
             return el && !el.hidden ? el.textContent : '';",
        )
        .await;
        let line = line.as_str().unwrap_or_default().to_string();
        if line.contains(want) {
            return line;
        }
        assert!(
            Instant::now() < deadline,
            "the status line never said {want:?}; it says {line:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn checkins(srv: &TestServer, token: &str) -> Vec<Value> {
    let (status, v) = api_get(srv, token, "/api/v1/checkins").await;
    assert!(status.is_success(), "{status}: {v}");
    v.as_array().expect("a list").clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checkin_made_offline_is_kept_on_the_phone_and_sent_once_back_online() {
    let Some(b) = support::start("offline_checkin", 390, 987).await else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.as_str();
    b.set_up(base, "Robin", EMAIL, PW).await;
    let token = srv.token_for(EMAIL).await;

    b.goto(base, "/checkin").await;
    let date = script(&b, "return document.getElementById('date').value").await;
    let date = date.as_str().expect("the form's date").to_string();

    network(&b, true).await;
    let online = script(&b, "return navigator.onLine").await;
    assert_eq!(
        online,
        Value::Bool(false),
        "the page does not know it is offline"
    );
    status_says(&b, "You are offline").await;

    b.tap("label[for=\"mood-7\"]").await;
    b.tap("label[for=\"energy-3\"]").await;
    b.fill("#text1", TEXTS[0]).await;
    b.tap("label[for=\"area1-rest\"]").await;
    b.fill("#text2", TEXTS[1]).await;
    b.tap("label[for=\"area2-relationships\"]").await;
    b.fill("#text3", TEXTS[2]).await;
    b.tap("label[for=\"area3-work\"]").await;
    b.tap("main form button[type=submit]").await;

    let line = status_says(&b, "kept on this device only, until it is sent").await;
    assert!(line.contains("back online"), "{line}");
    // Saved from the end of the form: the message is brought into view.
    let seen = script(
        &b,
        "const r = document.getElementById('checkin-queue').getBoundingClientRect();
         const h = document.querySelector('header.site-header').getBoundingClientRect();
         return r.top >= h.bottom - 1 && r.bottom <= window.innerHeight;",
    )
    .await;
    assert_eq!(seen, Value::Bool(true), "the message is out of view");
    crate::quick_forms::shots(&b, "checkin-kept-offline").await;
    crate::quick_forms::looks_fine(&b, "the check-in kept offline").await;
    assert_eq!(b.path().await, "/checkin", "the page stayed");
    let kept = script(
        &b,
        "return JSON.parse(localStorage.getItem('goodenough-checkin-queue') || '[]').length",
    )
    .await;
    assert_eq!(kept, json!(1), "one check-in kept on the device");
    assert!(checkins(&srv, &token).await.is_empty(), "nothing sent yet");

    network(&b, false).await;
    let line = status_says(&b, "Sent: your check-in").await;
    assert!(line.contains("no longer kept on this device"), "{line}");
    crate::quick_forms::shots(&b, "checkin-sent").await;
    let kept = script(
        &b,
        "return localStorage.getItem('goodenough-checkin-queue')",
    )
    .await;
    assert_eq!(
        kept,
        Value::Null,
        "the sent check-in is removed from the device"
    );

    let list = checkins(&srv, &token).await;
    assert_eq!(list.len(), 1, "{list:?}");
    let c = &list[0];
    assert_eq!(c["date"], json!(date));
    assert_eq!(c["mood"], json!(7));
    assert_eq!(c["energy"], json!(3));
    let texts: Vec<&str> = c["appreciations"]
        .as_array()
        .expect("appreciations")
        .iter()
        .filter_map(|a| a["text"].as_str())
        .collect();
    assert_eq!(texts, TEXTS.to_vec());
    let areas: Vec<&str> = c["appreciations"]
        .as_array()
        .expect("appreciations")
        .iter()
        .filter_map(|a| a["area"].as_str())
        .collect();
    assert_eq!(areas, ["rest", "relationships", "work"]);

    // The link in the message shows what was saved.
    b.click_to("#checkin-queue a", "/checkin").await;
    let page = b.body_text().await;
    assert!(
        page.contains("Check-in saved") && page.contains(TEXTS[1]),
        "{page}"
    );

    // A retry of the same check-in (as if the first answer was lost on the
    // way back): the server refuses a second one for that date, the page
    // says so kindly, and the device forgets its copy.
    script(
        &b,
        &format!(
            "localStorage.setItem('goodenough-checkin-queue', JSON.stringify([{{date: {date:?},
               body: new URLSearchParams({{csrf: document.querySelector('input[name=csrf]').value,
                 date: {date:?}, mood: '1', energy: '1', area1: 'rest', text1: 'a', area2: 'rest',
                 text2: 'b', area3: 'rest', text3: 'c', note: ''}}).toString()}}])); return 1"
        ),
    )
    .await;
    b.goto(base, "/today").await;
    let line = status_says(&b, "not saved twice").await;
    assert!(!line.contains("fail"), "{line}");
    let kept = script(
        &b,
        "return localStorage.getItem('goodenough-checkin-queue')",
    )
    .await;
    assert_eq!(kept, Value::Null);
    let list = checkins(&srv, &token).await;
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(
        list[0]["mood"],
        json!(7),
        "the first check-in stays as it was"
    );
    b.quit().await;
}
