//! Two servers on one PostgreSQL behave as one: both start at once on an
//! empty database (the migrations take turns), a browser signed in on one
//! continues on the other, a write on one is in the next read on the other
//! (answers a server keeps follow the database's data version), and a
//! client's revocation on one server refuses her coach's next request on
//! the other. Runs when GOODENOUGH_TEST_DATABASE_URL names a server.

use std::sync::Arc;

use goodenough_store::Store;
use goodenough_web::testing::{api, api_get, api_post, signed_in, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::json;

const PW: &str = "correct horse battery";

#[tokio::test]
async fn two_servers_on_one_postgres_behave_as_one() {
    let Some(db) = crate::pg::PgDb::fresh("the two-server story").await else {
        return;
    };
    // Both start at once on the empty database.
    let (one, two) = tokio::join!(
        goodenough_store::open_pool(&db.url, 4),
        goodenough_store::open_pool(&db.url, 4)
    );
    let one: Arc<dyn Store> = Arc::from(one.expect("the first server's store"));
    let two: Arc<dyn Store> = Arc::from(two.expect("the second server's store"));
    let srv1 = TestServer::start_on(one.clone()).await;
    let srv2 = TestServer::start_on(two.clone()).await;

    // Set up and signed in on one, continued on the other.
    let mut browser = signed_in(&srv1, "alice@example.org", PW).await;
    browser.switch_to(&srv2);
    let today = browser.get("/today").await;
    assert_eq!(today.status, StatusCode::OK);
    assert_eq!(
        today.path(),
        "/today",
        "still signed in on the second server"
    );
    let form = browser.get("/checkin").await;
    let date = form
        .body
        .split("name=\"date\"")
        .nth(1)
        .and_then(|rest| rest.split("value=\"").nth(1))
        .and_then(|v| v.split('"').next())
        .expect("the form's date")
        .to_string();
    let saved = browser
        .post_form(
            "/checkin",
            &[
                ("date", date.as_str()),
                ("mood", "6"),
                ("energy", "5"),
                ("area1", "rest"),
                ("text1", "an early night"),
                ("area2", "health"),
                ("text2", "a walk at lunch"),
                ("area3", "work"),
                ("text3", "left on time"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert!(saved.body.contains("Check-in saved"), "{}", saved.body);

    // A write on one is in the next read on the other, even right after
    // the other answered the same question.
    let token = srv1.token_for("alice@example.org").await;
    let (_, before) = api_get(&srv2, &token, "/api/v1/wins").await;
    assert_eq!(before, json!([]));
    let (s, _) = api_post(
        &srv1,
        &token,
        "/api/v1/wins",
        &json!({"text": "asked for help"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, after) = api_get(&srv2, &token, "/api/v1/wins").await;
    assert_eq!(after.as_array().map(Vec::len), Some(1));
    let (_, checkins) = api_get(&srv1, &token, "/api/v1/checkins").await;
    assert!(
        checkins.to_string().contains("an early night"),
        "{checkins}"
    );

    // The practice across servers: revoked on one, refused on the other.
    srv2.add_coach("kim@example.org", PW, "Kim").await;
    let kim = srv1.token_for("kim@example.org").await;
    let (_, inv) = api_post(&srv2, &kim, "/api/v1/invitations", &json!({})).await;
    let (s, link) = api_post(
        &srv1,
        &token,
        "/api/v1/invitations/accept",
        &json!({"token": inv["token"]}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{link}");
    let link = link["id"].as_str().expect("a link").to_string();
    let consent = format!("/api/v1/coaches/{link}/consent");
    let (s, _) = api(
        &srv1,
        &token,
        Method::PUT,
        &consent,
        Some(&json!({"shared": {"wins": null}})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let alice = goodenough_web::testing::person_of(&srv1, "alice@example.org").await;
    let wins = format!("/api/v1/clients/{alice}/wins");
    let (s, v) = api_get(&srv2, &kim, &wins).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = api(
        &srv1,
        &token,
        Method::PUT,
        &consent,
        Some(&json!({"shared": {}})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = api_get(&srv2, &kim, &wins).await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "revoked on one server, refused on the other"
    );
    let (_, log) = api_get(&srv2, &token, "/api/v1/access-log").await;
    assert_eq!(log.as_array().map(Vec::len), Some(2), "{log}");

    one.close().await;
    two.close().await;
    db.drop_db().await;
}
