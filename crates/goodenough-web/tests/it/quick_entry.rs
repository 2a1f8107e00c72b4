//! Readable lists: Wins and Thoughts as month cards, 30 at first, "Show
//! more", and a search box.

use goodenough_web::testing::{api_post, signed_in, TestClient, TestServer};
use reqwest::StatusCode;
use serde_json::json;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

fn today(srv: &TestServer) -> chrono::NaiveDate {
    srv.state.clock.now().date_naive()
}

/// `n` wins, one a day back from today: "win number 00" is today's.
async fn many_wins(srv: &TestServer, n: i64) {
    let token = srv.token_for(EMAIL).await;
    for i in 0..n {
        let date = today(srv) - chrono::Days::new(u64::try_from(i).expect("small"));
        let body = json!({"text": format!("win number {i:02}"), "date": date.to_string()});
        let (s, v) = api_post(srv, &token, "/api/v1/wins", &body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
}

fn count(body: &str, needle: &str) -> usize {
    body.matches(needle).count()
}

#[tokio::test]
async fn wins_show_thirty_then_more_newest_first_by_month() {
    let srv = TestServer::start().await;
    let mut c: TestClient = signed_in(&srv, EMAIL, PW).await;
    many_wins(&srv, 45).await;
    let p = c.get("/wins").await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(count(&p.body, "<li class=\"card\" id=\"win-"), 30);
    assert!(p.body.contains("win number 29") && !p.body.contains("win number 30"));
    let first = p.body.find("win number 00").expect("newest");
    let later = p.body.find("win number 01").expect("next");
    assert!(first < later, "newest first");
    // Human dates and month headings.
    let t = today(&srv);
    assert!(p.body.contains(&format!(
        "<time class=\"card-date\" datetime=\"{t}\">{}</time>",
        t.format("%a %-d %b")
    )));
    assert!(p
        .body
        .contains(&format!("<h3 class=\"month\">{}</h3>", t.format("%B %Y"))));
    assert!(p.body.contains("Showing 30 of 45."));
    assert!(
        p.body
            .contains("href=\"/wins?limit=60#win-31\">Show more</a>"),
        "{}",
        p.body
    );

    let p = c.get("/wins?limit=60").await;
    assert_eq!(count(&p.body, "<li class=\"card\" id=\"win-"), 45);
    assert!(p.body.contains("win number 44"));
    assert!(p.body.contains("id=\"win-31\""));
    assert!(!p.body.contains("Show more"));
}

#[tokio::test]
async fn search_finds_and_misses() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    many_wins(&srv, 12).await;
    let p = c.get("/wins").await;
    assert!(p.body.contains(
        "<form class=\"search\" method=\"get\" action=\"/wins#look-back\" role=\"search\">"
    ));
    let p = c.get("/wins?q=NUMBER+07").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("win number 07"));
    assert!(!p.body.contains("win number 08"));
    assert!(
        p.body.contains("1 of 12 wins match “NUMBER 07”."),
        "{}",
        p.body
    );
    assert!(
        p.body.contains("value=\"NUMBER 07\""),
        "the box keeps the words"
    );
    let p = c.get("/wins?q=zebra").await;
    assert!(p.body.contains("No wins match “zebra”."));
    assert!(p
        .body
        .contains("<a href=\"/wins#wins-list\">Clear the search</a>"));
    assert!(!p.body.contains("win number"));

    // Thoughts: the situation, thought and reframe are searched.
    let token = srv.token_for(EMAIL).await;
    for (situation, thought) in [
        ("Code review on Monday", "I always get it wrong"),
        ("Dinner with Sam", "I talked too much"),
    ] {
        let body = json!({"situation": situation, "thought": thought, "belief": 60});
        let (s, v) = api_post(&srv, &token, "/api/v1/thoughts", &body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let p = c.get("/thoughts").await;
    assert!(p
        .body
        .contains("label for=\"q\">Search your thought records"));
    assert!(p.body.contains("I always get it wrong") && p.body.contains("I talked too much"));
    let p = c.get("/thoughts?q=code+REVIEW").await;
    assert!(p.body.contains("I always get it wrong"));
    assert!(!p.body.contains("I talked too much"));
    assert!(p
        .body
        .contains("1 of 2 thought records match “code REVIEW”."));
    let p = c.get("/thoughts?q=holiday").await;
    assert!(p.body.contains("No thought records match “holiday”."));
    assert!(p
        .body
        .contains("<a href=\"/thoughts\">Clear the search</a>"));
    assert!(!p.body.contains("I talked too much"));
}
