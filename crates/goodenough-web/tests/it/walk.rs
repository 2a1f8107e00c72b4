//! What a new person's walk through the web app found, each fixed and kept
//! fixed: pages reachable only by address, inputs without a type, internal
//! names in labels and API errors, and ending another account's session.

use goodenough_web::testing::{
    api, api_post, error_of, person_of, signed_in, TestServer, MENU_PAGES as PAGES,
};
use reqwest::StatusCode;
use serde_json::json;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

/// The `<input …>` tags of a page that have no `type` attribute.
fn untyped_inputs(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<input") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..tag_end];
        if !tag.contains(" type=") {
            found.push(tag.to_string());
        }
        rest = &rest[tag_end..];
    }
    found
}

#[tokio::test]
async fn the_awareness_page_links_critic_values_and_practices() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    // The menu's "Awareness" entry leads here.
    let today = c.get("/today").await;
    assert!(today.body.contains("href=\"/assessments\""));
    let p = c.get("/assessments").await;
    assert_eq!(p.status, StatusCode::OK);
    for path in ["/critic", "/values", "/practices"] {
        assert!(
            p.body.contains(&format!("href=\"{path}\"")),
            "the Awareness page does not link {path}"
        );
    }
}

#[tokio::test]
async fn every_input_on_every_page_has_a_type() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let person = person_of(&srv, EMAIL).await;
    srv.import_demo(&person, 56).await;
    // A running box shows its own forms (stop, revise, extend).
    let token = srv.token_for(EMAIL).await;
    let (s, v) = api_post(
        &srv,
        &token,
        "/api/v1/timeboxes",
        &json!({"title": "draft", "limit": "90m"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    let mut inputs = 0;
    for path in PAGES {
        let p = c.get(path).await;
        assert_eq!(p.status, StatusCode::OK, "{path}");
        assert_eq!(p.path(), *path, "{path} sent elsewhere");
        inputs += p.body.matches("<input").count();
        let bare = untyped_inputs(&p.body);
        assert!(
            bare.is_empty(),
            "{path} has inputs without a type: {bare:?}"
        );
    }
    // The timebox page without a running box, the sign-in pages.
    api(
        &srv,
        &token,
        reqwest::Method::POST,
        "/api/v1/timeboxes/current/stop",
        Some(&json!({"outcome": "shipped"})),
    )
    .await;
    let p = c.get("/timeboxes").await;
    assert!(
        untyped_inputs(&p.body).is_empty(),
        "{:?}",
        untyped_inputs(&p.body)
    );
    let mut anon = srv.client();
    for path in ["/login", "/setup"] {
        let p = anon.get(path).await;
        assert!(untyped_inputs(&p.body).is_empty(), "{path}");
    }
    assert!(inputs > 50, "the pages were read ({inputs} inputs)");
}

#[tokio::test]
async fn the_values_page_speaks_of_values_not_type_names() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/values").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.body.contains("LifeValue"), "{}", p.body);
    assert!(p.body.contains("Value or role"));
}

#[tokio::test]
async fn api_errors_for_wrong_types_name_the_field_not_rust_types() {
    let srv = TestServer::start().await;
    let person = srv.add_account(EMAIL, PW).await;
    let token = srv.add_token(&person, "test").await;
    let three = json!([
        {"area": "work", "text": "a"}, {"area": "rest", "text": "b"}, {"area": "health", "text": "c"}
    ]);
    let cases = [
        (
            json!({"mood": "high", "energy": 5, "appreciations": three}),
            "The field \"mood\" should be a whole number, not text.",
        ),
        (
            json!({"mood": 5, "energy": 5, "appreciations": [{"area": "sleep", "text": "a"}]}),
            "The field \"appreciations[0].area\" is \"sleep\", which is not one of: work,",
        ),
        (
            json!({"mood": 5, "energy": 5}),
            "The field \"appreciations\" is missing; add it.",
        ),
        (
            json!({"mood": 5, "energy": 5, "appreciations": three, "date": "tomorrow"}),
            "The field \"date\" is not a date or time that can be read",
        ),
    ];
    for (body, expected) in cases {
        let (s, v) = api_post(&srv, &token, "/api/v1/checkins", &body).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {v}");
        let e = error_of(&v);
        assert!(e.starts_with(expected), "{body}: {e}");
        for internal in [
            "i64",
            "u8",
            "invalid type",
            "invalid value",
            "expected",
            "`",
        ] {
            assert!(!e.contains(internal), "{body}: {e}");
        }
    }
    // Query parameters too.
    let (s, v) = api(
        &srv,
        &token,
        reqwest::Method::GET,
        "/api/v1/boundaries?weeks=lots",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let e = error_of(&v);
    assert!(
        e.starts_with("The query parameter \"weeks\" should be a whole number"),
        "{e}"
    );
    assert!(!e.contains("invalid digit"), "{e}");
    // Broken JSON says where.
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/checkins", srv.base))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"mood\": 5,")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let v: serde_json::Value = res.json().await.expect("json");
    assert!(
        error_of(&v).starts_with("The body is not valid JSON (line 1, column"),
        "{v}"
    );
}

#[tokio::test]
async fn an_api_check_in_with_two_appreciations_names_no_command_line_flag() {
    let srv = TestServer::start().await;
    let person = srv.add_account(EMAIL, PW).await;
    let token = srv.add_token(&person, "test").await;
    let (s, v) = api_post(
        &srv,
        &token,
        "/api/v1/checkins",
        &json!({"mood": 6, "energy": 5, "appreciations": [
            {"area": "work", "text": "a"}, {"area": "rest", "text": "b"}
        ]}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let e = error_of(&v);
    assert!(!e.contains("--"), "{e}");
    assert!(e.contains("exactly three appreciations"), "{e}");
    assert!(e.contains("\"appreciations\""), "the API's own hint: {e}");
}

#[tokio::test]
async fn ending_another_accounts_session_is_a_404_and_ends_nothing() {
    let srv = TestServer::start().await;
    let mut alex = signed_in(&srv, EMAIL, PW).await;
    srv.add_account("sam@example.org", PW).await;
    let mut sam = srv.client();
    assert_eq!(
        sam.login("sam@example.org", PW).await.status,
        StatusCode::OK
    );
    let sam_person = person_of(&srv, "sam@example.org").await;
    let sessions = srv
        .state
        .store
        .list_sessions(&sam_person)
        .await
        .expect("sessions");
    assert_eq!(sessions.len(), 1);
    let sams = sessions[0].token_hash.clone();

    alex.get("/settings/security").await;
    let p = alex
        .post_form("/settings/sessions/end", &[("id", &sams)])
        .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND, "{}", p.body);
    assert!(p.body.contains("There is no session of yours with that id"));
    // Sam is still signed in; Alex too.
    let still = sam.get("/today").await;
    assert_eq!(still.path(), "/today");
    assert_eq!(
        srv.state
            .store
            .list_sessions(&sam_person)
            .await
            .expect("sessions")
            .len(),
        1
    );
    assert_eq!(alex.get("/today").await.path(), "/today");

    // One's own other session still ends, back on the list.
    let mut phone = srv.client();
    phone.login(EMAIL, PW).await;
    let alex_person = person_of(&srv, EMAIL).await;
    let hashes: Vec<String> = srv
        .state
        .store
        .list_sessions(&alex_person)
        .await
        .expect("sessions")
        .into_iter()
        .map(|s| s.token_hash)
        .collect();
    assert_eq!(hashes.len(), 2);
    let page = alex.get("/settings/security").await;
    let row = page.body.find("(this one)").expect("this browser's row");
    let marker = "name=\"id\" value=\"";
    let start = page.body[row..].find(marker).expect("its id") + row + marker.len();
    let end = start + page.body[start..].find('"').expect("end of id");
    let own = &page.body[start..end];
    let phones = hashes
        .iter()
        .find(|h| h.as_str() != own)
        .expect("the phone's");
    let p = alex
        .post_form("/settings/sessions/end", &[("id", phones)])
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(p.path(), "/settings/security");
    assert!(phone.get("/today").await.path().starts_with("/login"));
}
