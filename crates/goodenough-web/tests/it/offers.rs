//! Programme offers through the server: a coach uploads a programme and
//! offers it to a linked client in the page and the API; bad offers are
//! refused with a sentence and keep nothing; the client sees the offer on
//! Today and "Your coach", accepts it in the page and it runs on their
//! Programme page and in the API's status like a shipped one; the coach's
//! roster shows its week; a second offer is declined through the API with
//! a reason the coach reads; nobody else can answer an offer.

use goodenough_web::testing::{api_get, api_post, error_of, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::json;

const PW: &str = "correct horse battery";

const PLAN: &str = "id = \"gentle\"\ntitle = \"A gentle start\"\nsummary = \"Two easy weeks.\"\nweeks = 2\n\n[[phases]]\nname = \"Settling in\"\nweeks = [1, 2]\n";

const BRISK: &str = "id = \"brisk\"\ntitle = \"A brisk month\"\nsummary = \"Four weeks.\"\nweeks = 4\n\n[[phases]]\nname = \"All of it\"\nweeks = [1, 4]\n";

#[tokio::test]
async fn a_coach_offers_a_programme_the_client_accepts_and_runs() {
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
    let offers = format!("/api/v1/clients/{alice_id}/programme-offers");

    // Before Kim has a programme: the page points to uploading one, and
    // the API says so.
    let overview = kim.get(&format!("/clients/{alice_id}")).await;
    assert!(
        overview.body.contains("Programmes offered"),
        "{}",
        overview.body
    );
    assert!(overview.body.contains("Upload one"), "{}", overview.body);
    let (s, v) = api_post(
        &srv,
        &kim_token,
        &offers,
        &json!({"programme_id": "gentle"}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(error_of(&v).contains("upload one"), "{v}");
    for toml in [PLAN, BRISK] {
        let (s, v) = api_post(
            &srv,
            &kim_token,
            "/api/v1/content",
            &json!({"kind": "programme", "toml": toml}),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }

    // Refused, each with a sentence; nothing kept.
    let (s, v) = api_post(&srv, &kim_token, &offers, &json!({"programme_id": "slow"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(error_of(&v).contains("brisk, gentle"), "{v}");
    let (s, v) = api_post(
        &srv,
        &kim_token,
        &format!("/api/v1/clients/{bob_id}/programme-offers"),
        &json!({"programme_id": "gentle"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, v) = api_post(
        &srv,
        &bob_token,
        &offers,
        &json!({"programme_id": "gentle"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, v) = api_post(&srv, &kim_token, &offers, &json!({"programme": "gentle"})).await;
    assert!(s.is_client_error(), "{v}");
    let (_, mine) = api_get(&srv, &alice_token, "/api/v1/programme-offers").await;
    assert_eq!(mine, json!([]));

    // Offered in the page, with a note; a second time is a clash.
    let page = kim
        .post_form(
            &format!("/clients/{alice_id}/offers"),
            &[("programme", "gentle"), ("note", "For the busy month.")],
        )
        .await;
    assert_eq!(page.path(), format!("/clients/{alice_id}"));
    assert!(page.body.contains("Offered."), "{}", page.body);
    assert!(page.body.contains("waiting for an answer"), "{}", page.body);
    let (s, v) = api_post(
        &srv,
        &kim_token,
        &offers,
        &json!({"programme_id": "gentle"}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(error_of(&v).contains("not answered yet"), "{v}");

    // Alice sees it on Today and on Your coach, with what it holds.
    let today = alice.get("/today").await;
    assert!(today.body.contains("A programme for you"), "{}", today.body);
    assert!(today.body.contains("A gentle start"), "{}", today.body);
    let yours = alice.get("/your-coach").await;
    assert!(
        yours.body.contains("Programmes offered to you"),
        "{}",
        yours.body
    );
    assert!(yours.body.contains("For the busy month."));
    assert!(yours.body.contains("Two easy weeks."));
    assert!(yours.body.contains("Settling in"));
    let (_, mine) = api_get(&srv, &alice_token, "/api/v1/programme-offers").await;
    let gentle = mine[0]["id"].as_str().expect("an id").to_string();
    assert_eq!(mine[0]["status"], "offered");
    assert_eq!(mine[0]["weeks"], 2);
    assert_eq!(mine[0]["coach_name"], "Kim");
    assert_eq!(mine[0]["body"], PLAN);

    // Bob cannot answer it; a bad start date is a sentence.
    let (s, v) = api_post(
        &srv,
        &bob_token,
        &format!("/api/v1/programme-offers/{gentle}/accept"),
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let bad = alice
        .post_form(
            &format!("/your-coach/offers/{gentle}/accept"),
            &[("on", "31/02/2026")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);

    // Accepted in the page: it runs, in the page and the API.
    let started = alice
        .post_form(
            &format!("/your-coach/offers/{gentle}/accept"),
            &[("on", "")],
        )
        .await;
    assert_eq!(started.path(), "/programme", "{}", started.body);
    assert!(started.body.contains("A gentle start"), "{}", started.body);
    assert!(started.body.contains("Week 1 of 2"), "{}", started.body);
    let (s, status) = api_get(&srv, &alice_token, "/api/v1/enrolment").await;
    assert_eq!(s, StatusCode::OK, "{status}");
    assert_eq!(status["standing"]["title"], "A gentle start", "{status}");
    assert_eq!(status["standing"]["week"], 1, "{status}");
    let today = alice.get("/today").await;
    assert!(
        !today.body.contains("A programme for you"),
        "answered offers leave Today"
    );
    let (s, v) = api_post(
        &srv,
        &alice_token,
        &format!("/api/v1/programme-offers/{gentle}/accept"),
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");

    // Kim sees the answer (whatever Alice shares) and, once she shares
    // her programme, its week on the roster.
    let (_, given) = api_get(&srv, &kim_token, &offers).await;
    assert_eq!(given[0]["status"], "accepted", "{given}");
    let (_, coaches) = api_get(&srv, &alice_token, "/api/v1/coaches").await;
    let link = coaches[0]["link"]["id"]
        .as_str()
        .or_else(|| coaches[0]["id"].as_str())
        .expect("the link")
        .to_string();
    let (s, v) = goodenough_web::testing::api(
        &srv,
        &alice_token,
        reqwest::Method::PUT,
        &format!("/api/v1/coaches/{link}/consent"),
        Some(&json!({"shared": {"programme": null}})),
    )
    .await;
    assert!(s.is_success(), "{v}");
    let roster = kim.get("/clients").await;
    assert!(
        roster.body.contains("A gentle start: week 1 of 2"),
        "{}",
        roster.body
    );

    // A second offer, declined through the API with a reason: running it
    // would need replace, declining it changes nothing else.
    let (s, brisk) = api_post(
        &srv,
        &kim_token,
        &offers,
        &json!({"programme_id": "brisk", "note": "Only if you like."}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{brisk}");
    let brisk_id = brisk["id"].as_str().expect("an id").to_string();
    let (s, v) = api_post(
        &srv,
        &alice_token,
        &format!("/api/v1/programme-offers/{brisk_id}/accept"),
        &json!({}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(error_of(&v).contains("only one runs at a time"), "{v}");
    let yours = alice.get("/your-coach").await;
    assert!(
        yours.body.contains("Stop A gentle start today"),
        "{}",
        yours.body
    );
    let (s, v) = api_post(
        &srv,
        &alice_token,
        &format!("/api/v1/programme-offers/{brisk_id}/decline"),
        &json!({"reason": "Not this month"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "declined");
    let overview = kim.get(&format!("/clients/{alice_id}")).await;
    assert!(overview.body.contains("declined"), "{}", overview.body);
    assert!(
        overview.body.contains("Not this month"),
        "{}",
        overview.body
    );
    let (_, status) = api_get(&srv, &alice_token, "/api/v1/enrolment").await;
    assert_eq!(status["standing"]["title"], "A gentle start");

    // Alice's access log names Kim's offers and looks.
    let (_, log) = api_get(&srv, &alice_token, "/api/v1/access-log").await;
    assert!(
        log.to_string().contains("programme offers"),
        "the offers are in the log: {log}"
    );
}
