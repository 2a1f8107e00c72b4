//! Assignments through the server: a coach gives a linked client steps in
//! the page and the API; bad ones are refused with a sentence; the client
//! sees them on Today and on the Assignments page; a thought record written
//! through the API completes the matching step, which the coach sees
//! though nothing is shared; the client sets one aside with a reason in
//! the page and the coach reads it; nobody else can touch them; the
//! client's access log names each time.

use goodenough_web::testing::{api, api_get, api_post, error_of, signed_in, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::json;

const PW: &str = "correct horse battery";

#[tokio::test]
async fn a_coach_gives_steps_the_client_sees_does_and_sets_aside() {
    let srv = TestServer::start().await;
    let mut alice = signed_in(&srv, "alice@example.org", PW).await;
    let alice_id = goodenough_web::testing::person_of(&srv, "alice@example.org").await;
    let alice_token = srv.token_for("alice@example.org").await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let kim_token = srv.token_for("kim@example.org").await;
    let mut kim = srv.client();
    kim.login("kim@example.org", PW).await;
    let bob_id = srv.add_account("bob@example.org", PW).await;
    let bob_token = srv.token_for("bob@example.org").await;
    let (_, invitation) = api_post(&srv, &kim_token, "/api/v1/invitations", &json!({})).await;
    let path = invitation["path"].as_str().expect("the invitation's page");
    alice.post_form(path, &[]).await;

    let due = (srv.state.clock.now().date_naive() + chrono::Duration::days(14)).to_string();
    let given = format!("/api/v1/clients/{alice_id}/assignments");

    // Refused, each with a sentence, nothing kept.
    for (body, words) in [
        (
            json!({"kind": "homework", "due": due}),
            "not a kind of assignment",
        ),
        (
            json!({"kind": "thought_record", "due": "2001-01-01"}),
            "in the past",
        ),
        (json!({"kind": "free", "due": due}), "Write the step"),
        (
            json!({"kind": "evenings", "detail": "forty", "due": due}),
            "not a number of evenings",
        ),
    ] {
        let (s, v) = api_post(&srv, &kim_token, &given, &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
        assert!(error_of(&v).contains(words), "{body}: {v}");
    }
    let (s, v) = api_post(
        &srv,
        &kim_token,
        &format!("/api/v1/clients/{bob_id}/assignments"),
        &json!({"kind": "thought_record", "due": due}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, v) = api_post(
        &srv,
        &bob_token,
        &given,
        &json!({"kind": "thought_record", "due": due}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (_, mine) = api_get(&srv, &alice_token, "/api/v1/assignments").await;
    assert_eq!(mine, json!([]));

    // One step in the page, one in the API.
    let page = kim
        .post_form(
            &format!("/clients/{alice_id}/assignments"),
            &[
                ("kind", "thought_record"),
                ("detail", ""),
                ("due", &due),
                ("note", "The next time a meeting runs long."),
            ],
        )
        .await;
    assert_eq!(page.path(), format!("/clients/{alice_id}"));
    assert!(page.body.contains("Assignment given"), "{}", page.body);
    assert!(page.body.contains("Write a thought record"));
    let bad = kim
        .post_form(
            &format!("/clients/{alice_id}/assignments"),
            &[
                ("kind", "free"),
                ("detail", " "),
                ("due", &due),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("Write the step"), "{}", bad.body);
    let (s, walk) = api_post(
        &srv,
        &kim_token,
        &given,
        &json!({"kind": "free", "detail": "A walk at lunch, phone at the desk", "due": due}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{walk}");
    assert_eq!(walk["title"], "A walk at lunch, phone at the desk");
    assert_eq!(walk["status"], "open");
    let walk_id = walk["id"].as_str().expect("an id").to_string();

    // Alice sees both on Today and on her page.
    let today = alice.get("/today").await;
    assert!(today.body.contains("From your coach"), "{}", today.body);
    assert!(today.body.contains("Write a thought record"));
    assert!(today.body.contains("The next time a meeting runs long."));
    assert!(today.body.contains("A walk at lunch"));
    let (_, mine) = api_get(&srv, &alice_token, "/api/v1/assignments").await;
    assert_eq!(mine.as_array().map(Vec::len), Some(2));
    let record_id = mine
        .as_array()
        .and_then(|l| l.iter().find(|a| a["kind"] == "thought_record"))
        .and_then(|a| a["id"].as_str())
        .expect("the thought-record step")
        .to_string();

    // She writes a thought record: the step is done, and Kim sees it,
    // though Alice shares nothing.
    let (s, _) = api_post(
        &srv,
        &alice_token,
        "/api/v1/thoughts",
        &json!({"situation": "a review", "thought": "I let everyone down", "belief": 70}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, list) = api_get(&srv, &kim_token, &given).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let record = list
        .as_array()
        .and_then(|l| l.iter().find(|a| a["id"] == record_id.as_str()))
        .expect("listed");
    assert_eq!(record["status"], "done");
    assert_eq!(record["closed_by"], "product");
    assert!(!list.to_string().contains("let everyone down"));
    let overview = kim.get(&format!("/clients/{alice_id}")).await;
    assert!(!overview.body.contains("let everyone down"));

    // The walk is not for her, with a reason, in the page.
    let today = alice.get("/today").await;
    assert!(
        !today.body.contains("Write a thought record"),
        "done steps leave Today"
    );
    let set_aside = alice
        .post_form(
            &format!("/assignments/{walk_id}"),
            &[
                ("status", "not_for_me"),
                ("reason", "Lunch is with my team"),
                ("back", "/assignments"),
            ],
        )
        .await;
    assert_eq!(set_aside.path(), "/assignments");
    assert!(set_aside.body.contains("Saved."));
    assert!(set_aside.body.contains("Done or set aside"));
    let (_, list) = api_get(&srv, &kim_token, &given).await;
    let walk = list
        .as_array()
        .and_then(|l| l.iter().find(|a| a["id"] == walk_id.as_str()))
        .expect("listed");
    assert_eq!(walk["status"], "not_for_me");
    assert_eq!(walk["reason"], "Lunch is with my team");
    let overview = kim.get(&format!("/clients/{alice_id}")).await;
    assert!(overview.body.contains("Lunch is with my team"));

    // Back on her list through the API; a made-up status is refused;
    // nobody else can change it.
    let status = format!("/api/v1/assignments/{walk_id}/status");
    let (s, v) = api(
        &srv,
        &alice_token,
        Method::PUT,
        &status,
        Some(&json!({"status": "failed"})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(error_of(&v).contains("not a status"), "{v}");
    for token in [&bob_token, &kim_token] {
        let (s, v) = api(
            &srv,
            token,
            Method::PUT,
            &status,
            Some(&json!({"status": "done"})),
        )
        .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    }
    let (s, v) = api(
        &srv,
        &alice_token,
        Method::PUT,
        &status,
        Some(&json!({"status": "open"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "open");
    assert_eq!(v["reason"], json!(null));

    // Bob's coachless list, and Kim asking about Bob: nothing.
    let (_, none) = api_get(&srv, &bob_token, "/api/v1/assignments").await;
    assert_eq!(none, json!([]));
    let (s, _) = api_get(
        &srv,
        &kim_token,
        &format!("/api/v1/clients/{bob_id}/assignments"),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Alice's log names every time Kim gave steps or looked at them.
    let (_, log) = api_get(&srv, &alice_token, "/api/v1/access-log").await;
    let lines: Vec<(String, String)> = log
        .as_array()
        .expect("a list")
        .iter()
        .filter(|l| l["category"] == "assignments")
        .map(|l| {
            (
                l["action"].as_str().unwrap_or_default().to_string(),
                l["target"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(lines.contains(&(
        "write".to_string(),
        format!("/clients/{alice_id}/assignments")
    )));
    assert!(lines.contains(&(
        "write".to_string(),
        format!("POST /api/v1/clients/{alice_id}/assignments")
    )));
    assert!(lines.contains(&(
        "read".to_string(),
        format!("GET /api/v1/clients/{alice_id}/assignments")
    )));
    assert!(lines.contains(&("read".to_string(), format!("/clients/{alice_id}"))));
    assert_eq!(
        lines.iter().filter(|(a, _)| a == "write").count(),
        2,
        "refused attempts kept nothing: {lines:?}"
    );
}
