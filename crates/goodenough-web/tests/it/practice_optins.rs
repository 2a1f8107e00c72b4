//! Two pieces of the practice through the server: the dates crisis help
//! was shown (kept wherever the help is shown, by session or token, the
//! date only; a coach sees them only when the client opted in, and every
//! read is logged), and signing up through an invitation link while signed
//! out (the account and the link in one step; bad links and bad input a
//! sentence, with nothing kept).

use goodenough_web::testing::{api, api_get, api_post, error_of, signed_in, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::json;

const PW: &str = "correct horse battery";
const CRISIS: &str = "I want to die";

#[tokio::test]
async fn a_coach_sees_the_dates_help_was_shown_only_when_the_client_opts_in() {
    let srv = TestServer::start().await;
    // One day throughout: the dates kept are the server's today.
    srv.state.clock.freeze();
    let mut alice = signed_in(&srv, "alice@example.org", PW).await;
    let alice_id = goodenough_web::testing::person_of(&srv, "alice@example.org").await;
    let alice_token = srv.token_for("alice@example.org").await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let kim_token = srv.token_for("kim@example.org").await;
    let mut kim = srv.client();
    kim.login("kim@example.org", PW).await;
    let (_, invitation) = api_post(&srv, &kim_token, "/api/v1/invitations", &json!({})).await;
    let path = invitation["path"].as_str().expect("the invitation's page");
    alice.get(path).await;
    alice.post_form(path, &[]).await;
    let (_, coaches) = api_get(&srv, &alice_token, "/api/v1/coaches").await;
    let link = coaches[0]["id"].as_str().expect("a link").to_string();

    // Calm words keep no date.
    let (s, _) = api_post(
        &srv,
        &alice_token,
        "/api/v1/wins",
        &json!({"text": "asked for help"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, export) = api_get(&srv, &alice_token, "/api/v1/export").await;
    assert!(export.get("help_shown_on").is_none(), "{export}");

    // Words of crisis through the API (a token) and a page (a session):
    // one date, and never the words.
    let (s, _) = api_post(&srv, &alice_token, "/api/v1/wins", &json!({"text": CRISIS})).await;
    assert_eq!(s, StatusCode::CREATED);
    let page = alice
        .post_form(
            "/evidence",
            &[
                ("kind", "accomplishment"),
                ("text", CRISIS),
                ("attribution", "effort"),
            ],
        )
        .await;
    assert!(page.body.contains("id=\"help-heading\""));
    let (_, export) = api_get(&srv, &alice_token, "/api/v1/export").await;
    let dates = export["help_shown_on"]
        .as_array()
        .expect("the dates")
        .clone();
    assert_eq!(dates.len(), 1, "{export}");

    // Off by default: a 404 with a sentence, and the attempt in her log.
    let route = format!("/api/v1/clients/{alice_id}/crisis-dates");
    let (s, v) = api_get(&srv, &kim_token, &route).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    assert!(error_of(&v).contains("not shared"), "{v}");
    let overview = kim.get(&format!("/clients/{alice_id}")).await;
    assert!(
        overview.body.contains("crisis-help dates — not shared"),
        "{}",
        overview.body
    );
    assert!(!overview.body.contains(CRISIS));

    // The consent page says what the opt-in means, in plain words.
    let consent = alice.get("/your-coach").await;
    assert!(
        consent.body.contains("share_crisis"),
        "the opt-in box is there"
    );
    assert!(consent.body.contains("A coach is not an emergency service"));

    // Alice opts in: Kim reads the dates (API and page), never the words.
    let (s, v) = api(
        &srv,
        &alice_token,
        Method::PUT,
        &format!("/api/v1/coaches/{link}/consent"),
        Some(&json!({"shared": {"crisis": null}})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = api_get(&srv, &kim_token, &route).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v, json!(dates));
    let overview = kim.get(&format!("/clients/{alice_id}")).await;
    assert!(
        overview.body.contains("never what was written"),
        "{}",
        overview.body
    );
    assert!(!overview.body.contains(CRISIS));
    let (_, log) = api_get(&srv, &alice_token, "/api/v1/access-log").await;
    let crisis_lines: Vec<bool> = log
        .as_array()
        .expect("the log")
        .iter()
        .filter(|l| l["category"] == "crisis")
        .map(|l| l["allowed"].as_bool().expect("allowed"))
        .collect();
    assert_eq!(crisis_lines, [false, true, true], "{log}");

    // Revoked: a 404 again at the next request.
    api(
        &srv,
        &alice_token,
        Method::PUT,
        &format!("/api/v1/coaches/{link}/consent"),
        Some(&json!({"shared": {}})),
    )
    .await;
    let (s, _) = api_get(&srv, &kim_token, &route).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_newcomer_signs_up_and_accepts_an_invitation_in_one_step() {
    let srv = TestServer::start().await;
    srv.add_account("alice@example.org", PW).await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let kim_token = srv.token_for("kim@example.org").await;
    let (_, invitation) = api_post(&srv, &kim_token, "/api/v1/invitations", &json!({})).await;
    let path = invitation["path"]
        .as_str()
        .expect("the invitation's page")
        .to_string();
    let sign_up = format!("{path}/sign-up");

    // Forged: one sentence.
    let mut newcomer = srv.client();
    let forged = newcomer.get("/invite/not-a-real-link").await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert!(forged.body.contains("not valid"), "{}", forged.body);

    // Signed out, the link offers both ways in.
    let offer = newcomer.get(&path).await;
    assert_eq!(offer.status, StatusCode::OK, "{}", offer.body);
    assert!(offer.body.contains("Kim invites you"));
    assert!(offer.body.contains(&format!("/login?next={path}")));
    assert!(offer.body.contains("Create my account and accept"));

    // Bad input: each a sentence, nothing kept, the link still usable.
    let short = newcomer
        .post_form(
            &sign_up,
            &[
                ("display_name", "Dana"),
                ("email", "dana@example.org"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("at least"), "{}", short.body);
    let nameless = newcomer
        .post_form(
            &sign_up,
            &[
                ("display_name", " "),
                ("email", "dana@example.org"),
                ("password", PW),
            ],
        )
        .await;
    assert_eq!(nameless.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nameless.body.contains("your name"), "{}", nameless.body);
    let taken = newcomer
        .post_form(
            &sign_up,
            &[
                ("display_name", "Alice"),
                ("email", "alice@example.org"),
                ("password", PW),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert!(taken.body.contains("already exists"), "{}", taken.body);
    assert!(srv
        .state
        .store
        .account_by_email("dana@example.org")
        .await
        .expect("read")
        .is_none());
    let (_, clients) = api_get(&srv, &kim_token, "/api/v1/clients").await;
    assert_eq!(clients, json!([]), "nothing half-written");

    // Done: signed in, linked, nothing shared.
    let done = newcomer
        .post_form(
            &sign_up,
            &[
                ("display_name", "Dana"),
                ("email", "Dana@Example.org"),
                ("password", PW),
            ],
        )
        .await;
    assert_eq!(done.path(), "/your-coach", "{}", done.body);
    assert!(done.body.contains("Nothing is shared yet"), "{}", done.body);
    let (_, clients) = api_get(&srv, &kim_token, "/api/v1/clients").await;
    assert_eq!(clients.as_array().map(Vec::len), Some(1), "{clients}");
    assert_eq!(clients[0]["client_name"], "Dana");
    assert_eq!(clients[0]["consent"]["shared"], json!({}));
    let mut again = srv.client();
    let signed = again.login("dana@example.org", PW).await;
    assert_eq!(signed.path(), "/today");

    // The link is used now.
    let mut other = srv.client();
    let used = other.get(&path).await;
    assert_eq!(used.status, StatusCode::NOT_FOUND);
    assert!(used.body.contains("used or has expired"), "{}", used.body);
    other.get("/login").await; // a signed-out form's token
    let late = other
        .post_form(
            &sign_up,
            &[
                ("display_name", "Eve"),
                ("email", "eve@example.org"),
                ("password", PW),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::NOT_FOUND);
    assert!(srv
        .state
        .store
        .account_by_email("eve@example.org")
        .await
        .expect("read")
        .is_none());

    // An invitation for one email: that address only.
    let (_, for_fay) = api_post(
        &srv,
        &kim_token,
        "/api/v1/invitations",
        &json!({"email": "fay@example.org"}),
    )
    .await;
    let fay_path = for_fay["path"].as_str().expect("a page").to_string();
    let mut fay = srv.client();
    let offer = fay.get(&fay_path).await;
    assert!(offer.body.contains("fay@example.org"), "{}", offer.body);
    let wrong = fay
        .post_form(
            &format!("{fay_path}/sign-up"),
            &[
                ("display_name", "Fay"),
                ("email", "eve@example.org"),
                ("password", PW),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(wrong.body.contains("another email"), "{}", wrong.body);
    let done = fay
        .post_form(
            &format!("{fay_path}/sign-up"),
            &[("display_name", "Fay"), ("password", PW)],
        )
        .await;
    assert_eq!(done.path(), "/your-coach", "{}", done.body);
    assert!(srv
        .state
        .store
        .account_by_email("fay@example.org")
        .await
        .expect("read")
        .is_some());

    // Expired: a week and a day later.
    let (_, late_one) = api_post(&srv, &kim_token, "/api/v1/invitations", &json!({})).await;
    let late_path = late_one["path"].as_str().expect("a page").to_string();
    srv.state.clock.advance(chrono::Duration::days(8));
    let mut slow = srv.client();
    let expired = slow.get(&late_path).await;
    assert_eq!(expired.status, StatusCode::NOT_FOUND);
    assert!(
        expired.body.contains("used or has expired"),
        "{}",
        expired.body
    );
}

#[tokio::test]
async fn the_api_signs_a_newcomer_up_through_an_invitation() {
    let srv = TestServer::start().await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let kim_token = srv.token_for("kim@example.org").await;
    let (_, invitation) = api_post(&srv, &kim_token, "/api/v1/invitations", &json!({})).await;
    let token = invitation["token"]
        .as_str()
        .expect("the secret")
        .to_string();
    let http = reqwest::Client::new();
    let post = |body: serde_json::Value| {
        let http = http.clone();
        let url = format!("{}/api/v1/invitations/sign-up", srv.base);
        async move {
            let res = http.post(url).json(&body).send().await.expect("POST");
            let status = res.status();
            (status, res.json::<serde_json::Value>().await.expect("JSON"))
        }
    };
    let (s, v) = post(json!({"token": "forged", "display_name": "Dana", "email": "dana@example.org", "password": PW})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    assert!(error_of(&v).contains("not valid"), "{v}");
    let (s, v) = post(json!({"token": token, "display_name": "Dana", "email": "dana@example.org", "password": "short"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, v) = post(
        json!({"token": token, "display_name": "Dana", "email": "kim@example.org", "password": PW}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(error_of(&v).contains("already exists"), "{v}");
    let (s, v) = post(json!({"token": token, "display_name": "Dana", "email": "dana@example.org", "password": PW})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["coach_name"], "Kim");
    let mut dana = srv.client();
    assert_eq!(dana.login("dana@example.org", PW).await.path(), "/today");
    let (s, v) = post(
        json!({"token": token, "display_name": "Eve", "email": "eve@example.org", "password": PW}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    assert!(error_of(&v).contains("used or has expired"), "{v}");
}

#[tokio::test]
async fn a_safety_item_answered_past_its_threshold_keeps_the_date_too() {
    let srv = TestServer::start().await;
    srv.state.clock.freeze();
    let mut page = signed_in(&srv, "page@example.org", PW).await;
    // By token: calm answers keep nothing, the safety item past its
    // threshold keeps today.
    srv.add_account("api@example.org", PW).await;
    let token = srv.token_for("api@example.org").await;
    let calm = json!({"instrument": "cbi-personal", "answers": [1, 1, 1, 0, 1, 1]});
    let (s, v) = api_post(&srv, &token, "/api/v1/assessments", &calm).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, export) = api_get(&srv, &token, "/api/v1/export").await;
    assert!(export.get("help_shown_on").is_none(), "{export}");
    let past = json!({"instrument": "cbi-personal", "answers": [1, 1, 1, 4, 1, 1]});
    let (s, v) = api_post(&srv, &token, "/api/v1/assessments", &past).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, export) = api_get(&srv, &token, "/api/v1/export").await;
    assert_eq!(
        export["help_shown_on"].as_array().map(Vec::len),
        Some(1),
        "{export}"
    );

    // By the page (a session), with no words of crisis at all.
    let page_token = srv.token_for("page@example.org").await;
    page.get("/assessments/cbi-personal").await;
    let answers = [
        ("tired", "1"),
        ("physically_exhausted", "1"),
        ("emotionally_exhausted", "1"),
        ("cant_take_it", "4"),
        ("worn_out", "1"),
        ("weak", "1"),
    ];
    let shown = page.post_form("/assessments/cbi-personal", &answers).await;
    assert!(shown.body.contains("id=\"help-heading\""), "{}", shown.body);
    let (_, export) = api_get(&srv, &page_token, "/api/v1/export").await;
    assert_eq!(
        export["help_shown_on"].as_array().map(Vec::len),
        Some(1),
        "{export}"
    );
}
