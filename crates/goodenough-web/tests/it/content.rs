//! A coach's own content through the server: an upload with several
//! problems is refused in the API (each problem by line and field, 422) and
//! in the page (each listed, the text kept in the box), and nothing is
//! kept; a good upload is kept and listed; a clash with a shipped id is a
//! sentence (409); the coach's linked client reads the script, another
//! person gets 404; the coach removes it; a client account cannot upload;
//! a linked client takes the coach's questionnaire.

use goodenough_web::testing::{api, api_get, api_post, error_of, signed_in, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::json;

const PW: &str = "correct horse battery";

const GOOD_SCRIPT: &str = "name = \"thank-you\"\ntitle = \"Saying thank you\"\nwhen = \"Someone helped you.\"\ntemplate = \"Thank you, {person}.\"\n\n[[variables]]\nname = \"person\"\ndescription = \"Who helped\"\n";

const BAD_PROGRAMME: &str =
    "id = \"my plan\"\ntitle = \"\"\nweeks = 0\n\n[[phases]]\nname = \"Start\"\nweeks = [1, 2]\n";

#[tokio::test]
async fn a_coach_uploads_checks_shares_and_removes_their_content() {
    let srv = TestServer::start().await;
    let mut alice = signed_in(&srv, "alice@example.org", PW).await;
    let alice_token = srv.token_for("alice@example.org").await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let kim_token = srv.token_for("kim@example.org").await;
    let mut kim = srv.client();
    kim.login("kim@example.org", PW).await;
    srv.add_account("bob@example.org", PW).await;
    let bob_token = srv.token_for("bob@example.org").await;
    let (_, invitation) = api_post(&srv, &kim_token, "/api/v1/invitations", &json!({})).await;
    let path = invitation["path"].as_str().expect("the invitation's page");
    alice.post_form(path, &[]).await;

    // Several problems, each by line and field; nothing kept.
    let (s, v) = api_post(
        &srv,
        &kim_token,
        "/api/v1/content",
        &json!({"kind": "programme", "toml": BAD_PROGRAMME}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let problems = v["problems"].as_array().expect("the problems");
    assert!(problems.len() >= 3, "{v}");
    assert_eq!(problems[0]["line"], 1, "{v}");
    assert_eq!(problems[0]["field"], "id", "{v}");
    assert_eq!(problems[1]["line"], 2, "{v}");
    assert_eq!(problems[1]["field"], "title", "{v}");
    assert_eq!(problems[2]["line"], 3, "{v}");
    assert_eq!(problems[2]["field"], "weeks", "{v}");
    assert!(error_of(&v).contains("line 1, field `id`"), "{v}");
    assert!(error_of(&v).contains("line 3, field `weeks`"), "{v}");
    // The page lists them too and keeps the text.
    kim.get("/content").await;
    let page = kim
        .post_form(
            "/content",
            &[("kind", "programme"), ("toml", BAD_PROGRAMME)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("line 2, field `title`"), "{}", page.body);
    assert!(
        page.body.contains("id = &quot;my plan&quot;"),
        "{}",
        page.body
    );
    let (_, list) = api_get(&srv, &kim_token, "/api/v1/content").await;
    assert_eq!(list, json!([]));

    // A shipped id clashes; too big a file is a sentence.
    let (s, v) = api_post(
        &srv,
        &kim_token,
        "/api/v1/content",
        &json!({"kind": "script", "toml": GOOD_SCRIPT.replace("thank-you", "decline")}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(error_of(&v).contains("already offers a script"), "{v}");
    let big = format!("{GOOD_SCRIPT}\n{}", "# a long comment\n".repeat(5000));
    let (s, v) = api_post(
        &srv,
        &kim_token,
        "/api/v1/content",
        &json!({"kind": "script", "toml": big}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        error_of(&v).contains("the most a file may hold is 64 KiB"),
        "{v}"
    );

    // A client account may not upload.
    let (s, v) = api_post(
        &srv,
        &alice_token,
        "/api/v1/content",
        &json!({"kind": "script", "toml": GOOD_SCRIPT}),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");

    // A good upload, in the page.
    let page = kim
        .post_form("/content", &[("kind", "script"), ("toml", GOOD_SCRIPT)])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Saying thank you"), "{}", page.body);
    let (_, list) = api_get(&srv, &kim_token, "/api/v1/content").await;
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["content_id"], "thank-you");
    assert_eq!(list[0]["mine"], true);
    let id = list[0]["id"].as_str().expect("an id").to_string();
    let one = format!("/api/v1/content/{id}");

    // The linked client sees it, from her coach; Bob does not.
    let (s, v) = api_get(&srv, &alice_token, &one).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["toml"], GOOD_SCRIPT);
    assert_eq!(v["coach_name"], "Kim");
    assert_eq!(v["mine"], false);
    let page = alice.get("/content").await;
    assert!(page.body.contains("from your coach Kim"), "{}", page.body);
    let (s, v) = api_get(&srv, &bob_token, &one).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (_, v) = api_get(&srv, &bob_token, "/api/v1/content").await;
    assert_eq!(v, json!([]));

    // Alice finds it beside the shipped scripts and fills it; Bob does not.
    let page = alice.get("/scripts").await;
    assert!(page.body.contains("from your coach Kim"), "{}", page.body);
    let page = alice.get("/scripts/thank-you").await;
    assert_eq!(page.status, StatusCode::OK);
    let page = alice
        .post_form("/scripts/thank-you", &[("person", "Sam")])
        .await;
    assert!(page.body.contains("Thank you, Sam."), "{}", page.body);
    let (s, v) = api_post(
        &srv,
        &alice_token,
        "/api/v1/scripts/thank-you/fill",
        &json!({"vars": {"person": "Sam"}}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["text"], "Thank you, Sam.");
    let (s, _) = api_get(&srv, &bob_token, "/api/v1/scripts/thank-you").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let mut bob = srv.client();
    bob.login("bob@example.org", PW).await;
    let page = bob.get("/scripts/thank-you").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);

    // Bob cannot remove it; Kim can.
    let delete = |token: String| {
        let url = format!("{}{one}", srv.base);
        async move {
            reqwest::Client::new()
                .delete(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("DELETE")
                .status()
        }
    };
    assert_eq!(delete(bob_token.clone()).await, StatusCode::NOT_FOUND);
    assert_eq!(delete(kim_token.clone()).await, StatusCode::NO_CONTENT);
    let (s, _) = api(&srv, &alice_token, Method::GET, &one, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

const CALM: &str = "id = \"calm-check\"\ntitle = \"Calm check\"\n[scale]\nvalues = [0, 1, 2]\nlabels = [\"no\", \"some\", \"yes\"]\n[[items]]\nid = \"a\"\ntext = \"I felt calm.\"\n";

/// A coach's questionnaire is one their linked client can take, in the
/// page and the API, with its history; it completes a "questionnaire" step
/// naming it; a person who is not their client can neither see nor take it.
#[tokio::test]
async fn a_client_takes_their_coachs_questionnaire() {
    let srv = TestServer::start().await;
    let mut alice = signed_in(&srv, "alice@example.org", PW).await;
    let alice_id = goodenough_web::testing::person_of(&srv, "alice@example.org").await;
    let alice_token = srv.token_for("alice@example.org").await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let kim_token = srv.token_for("kim@example.org").await;
    srv.add_account("bob@example.org", PW).await;
    let bob_token = srv.token_for("bob@example.org").await;
    let (_, invitation) = api_post(&srv, &kim_token, "/api/v1/invitations", &json!({})).await;
    let path = invitation["path"].as_str().expect("the invitation's page");
    alice.post_form(path, &[]).await;
    let (s, v) = api_post(
        &srv,
        &kim_token,
        "/api/v1/content",
        &json!({"kind": "questionnaire", "toml": CALM}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let due = (srv.state.clock.now().date_naive() + chrono::Duration::days(7)).to_string();
    let (s, step) = api_post(
        &srv,
        &kim_token,
        &format!("/api/v1/clients/{alice_id}/assignments"),
        &json!({"kind": "questionnaire", "detail": "calm-check", "due": due}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{step}");

    // Alice: listed (from her coach), readable, taken in the page.
    let (_, list) = api_get(&srv, &alice_token, "/api/v1/instruments").await;
    let calm = list
        .as_array()
        .and_then(|l| l.iter().find(|i| i["id"] == "calm-check"))
        .expect("the coach's questionnaire is listed");
    assert_eq!(calm["source"], "from your coach Kim");
    let page = alice.get("/assessments").await;
    assert!(page.body.contains("Calm check"), "{}", page.body);
    assert!(page.body.contains("from your coach Kim"), "{}", page.body);
    let page = alice.get("/assessments/calm-check").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("I felt calm."), "{}", page.body);
    let saved = alice
        .post_form("/assessments/calm-check", &[("a", "2")])
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert!(
        saved.path().starts_with("/assessments/calm-check"),
        "{}",
        saved.path()
    );
    let (s, v) = api_post(
        &srv,
        &alice_token,
        "/api/v1/assessments",
        &json!({"instrument": "calm-check", "answers": [5]}),
    )
    .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an answer off the scale: {v}"
    );
    let (_, history) = api_get(
        &srv,
        &alice_token,
        "/api/v1/assessments?instrument=calm-check",
    )
    .await;
    assert_eq!(history.as_array().map(Vec::len), Some(1), "{history}");
    let (_, steps) = api_get(&srv, &alice_token, "/api/v1/assignments").await;
    assert_eq!(
        steps[0]["status"], "done",
        "taking it completes the step: {steps}"
    );

    // Bob is nobody's client: not listed, not readable, not taken.
    let (_, list) = api_get(&srv, &bob_token, "/api/v1/instruments").await;
    assert!(!list.to_string().contains("calm-check"), "{list}");
    let (s, _) = api_get(&srv, &bob_token, "/api/v1/instruments/calm-check").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = api_post(
        &srv,
        &bob_token,
        "/api/v1/assessments",
        &json!({"instrument": "calm-check", "answers": [1]}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    assert!(error_of(&v).contains("questionnaire"), "{v}");
}
