//! The coaching practice through the server, as a coach and a client use
//! it: the coach invites through the API, the client accepts in the
//! browser and shares check-ins only; the coach reads check-ins (API and
//! page) but not thoughts; another person's data is a 404; the client
//! reads every attempt in their access log; revoking and ending take effect
//! on the coach's next request; bad consent and used invitations are
//! refused with a sentence.

use goodenough_web::testing::{api, api_get, api_post, error_of, signed_in, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::json;

const PW: &str = "correct horse battery";
const SECRET: &str = "walked by the river at dusk";

#[tokio::test]
async fn a_coach_reads_only_what_the_client_shares_and_the_client_sees_every_read() {
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

    // Only a coach invites.
    let (s, v) = api_post(&srv, &alice_token, "/api/v1/invitations", &json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(error_of(&v).contains("Only a coach account"), "{v}");
    let (s, v) = api_post(
        &srv,
        &kim_token,
        "/api/v1/invitations",
        &json!({"email": "not an email"}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    // Kim's roster keeps its read of her invitations with her links: one
    // made through the API shows at her next request, one used is gone.
    let roster = kim.get("/clients").await;
    assert!(!roster.body.contains("open invitation"), "{}", roster.body);
    let (s, invitation) = api_post(&srv, &kim_token, "/api/v1/invitations", &json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{invitation}");
    let path = invitation["path"].as_str().expect("the invitation's page");
    let token = invitation["token"].as_str().expect("the secret");
    let roster = kim.get("/clients").await;
    assert!(
        roster.body.contains("1 open invitation,"),
        "{}",
        roster.body
    );

    // Alice opens the link in her browser and accepts.
    let offer = alice.get(path).await;
    assert_eq!(offer.status, StatusCode::OK, "{}", offer.body);
    assert!(offer.body.contains("Kim invites you"));
    let linked = alice.post_form(path, &[]).await;
    assert_eq!(linked.path(), "/your-coach");
    assert!(
        linked.body.contains("Nothing is shared yet"),
        "{}",
        linked.body
    );
    let (_, coaches) = api_get(&srv, &alice_token, "/api/v1/coaches").await;
    let link = coaches[0]["id"].as_str().expect("a link").to_string();
    assert_eq!(coaches[0]["consent"]["shared"], json!({}));
    let roster = kim.get("/clients").await;
    assert!(!roster.body.contains("open invitation"), "{}", roster.body);
    // A used invitation.
    let (s, v) = api_post(
        &srv,
        &bob_token,
        "/api/v1/invitations/accept",
        &json!({"token": token}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_of(&v).contains("used or has expired"), "{v}");

    // Alice's records.
    let (s, _) = api_post(
        &srv,
        &alice_token,
        "/api/v1/checkins",
        &json!({"mood": 6, "energy": 5, "appreciations": [
            {"area": "rest", "text": SECRET},
            {"area": "health", "text": "slept eight hours"},
            {"area": "work", "text": "stopped at six"}]}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = api_post(
        &srv,
        &alice_token,
        "/api/v1/thoughts",
        &json!({"situation": "a review", "thought": "I always get it wrong", "belief": 70}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);

    // Nothing shared: 404 in the API, a kind "not shared" page.
    let checkins = format!("/api/v1/clients/{alice_id}/checkins");
    let (s, v) = api_get(&srv, &kim_token, &checkins).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_of(&v).contains("not shared"), "{v}");
    assert!(!v.to_string().contains(SECRET));
    let page = kim.get(&format!("/clients/{alice_id}/checkins")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Not shared"));
    assert!(!page.body.contains(SECRET));
    let (_, roster) = api_get(&srv, &kim_token, "/api/v1/clients").await;
    assert_eq!(roster.as_array().map(Vec::len), Some(1));
    let roster_page = kim.get("/clients").await;
    assert!(roster_page.body.contains("not shared"));

    // Alice shares check-ins only, on her page.
    let saved = alice
        .post_form(
            &format!("/your-coach/{link}/consent"),
            &[("share_checkins", "on"), ("from_checkins", "")],
        )
        .await;
    assert_eq!(saved.path(), "/your-coach");
    assert!(saved.body.contains("Saved."));
    let (s, v) = api_get(&srv, &kim_token, &checkins).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert!(v.to_string().contains(SECRET));
    let page = kim.get(&format!("/clients/{alice_id}/checkins")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(SECRET));
    let (s, v) = api_get(
        &srv,
        &kim_token,
        &format!("/api/v1/clients/{alice_id}/thoughts"),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(!v.to_string().contains("always get it wrong"));
    let page = kim.get(&format!("/clients/{alice_id}/thoughts")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("always get it wrong"));

    // Someone who is not Kim's client: 404 either way, nothing logged.
    let (s, v) = api_get(
        &srv,
        &kim_token,
        &format!("/api/v1/clients/{bob_id}/checkins"),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, v) = api_get(&srv, &kim_token, "/api/v1/clients/nobody-at-all/checkins").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (_, bobs) = api_get(&srv, &bob_token, "/api/v1/access-log").await;
    assert_eq!(bobs, json!([]));
    // Bob cannot change Alice's consent.
    let (s, _) = api(
        &srv,
        &bob_token,
        Method::PUT,
        &format!("/api/v1/coaches/{link}/consent"),
        Some(&json!({"shared": {"thoughts": null}})),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Alice's log: every attempt, in order, allowed or refused.
    let (_, log) = api_get(&srv, &alice_token, "/api/v1/access-log").await;
    let lines: Vec<(String, bool)> = log
        .as_array()
        .expect("a list")
        .iter()
        .map(|l| {
            (
                l["target"].as_str().unwrap_or("").to_string(),
                l["allowed"].as_bool().unwrap_or(true),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            (format!("GET /api/v1/clients/{alice_id}/checkins"), false),
            (format!("/clients/{alice_id}/checkins"), false),
            (format!("GET /api/v1/clients/{alice_id}/checkins"), true),
            (format!("/clients/{alice_id}/checkins"), true),
            (format!("GET /api/v1/clients/{alice_id}/thoughts"), false),
            (format!("/clients/{alice_id}/thoughts"), false),
        ]
    );
    assert!(log
        .as_array()
        .expect("a list")
        .iter()
        .all(|l| l["coach_name"] == "Kim"));
    let (_, reads) = api_get(&srv, &kim_token, "/api/v1/reads").await;
    assert_eq!(reads, log);
    // Kim's page of her reads: every line, refused ones too, Alice named;
    // the roster links to it.
    let roster = kim.get("/clients").await;
    assert!(
        roster.body.contains(r#"href="/clients/reads""#),
        "{}",
        roster.body
    );
    let page = kim.get("/clients/reads").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches("<tr>").count(),
        1 + reads.as_array().map_or(0, Vec::len),
        "a header and a line per read: {}",
        page.body
    );
    // (Alice's account was made by the setup page, named "Alex".)
    assert!(page.body.contains("refused") && page.body.contains("<td>Alex</td>"));
    let mine = alice.get("/your-coach").await;
    assert!(mine.body.contains("refused") && mine.body.contains("allowed"));

    // Session notes: one shared through the page, one private through the
    // API; Alice reads the shared one and is told the private one exists.
    let kept = kim
        .post_form(
            &format!("/clients/{alice_id}/notes"),
            &[
                ("date", ""),
                ("agenda", "the week"),
                ("notes", "one evening offline this week"),
                ("shared", "on"),
            ],
        )
        .await;
    assert_eq!(kept.path(), format!("/clients/{alice_id}"));
    assert!(kept.body.contains("Note kept.") && kept.body.contains("one evening offline"));
    let (s, v) = api_post(
        &srv,
        &kim_token,
        &format!("/api/v1/clients/{alice_id}/notes"),
        &json!({"notes": "sounded tired; ask about sleep", "shared": false}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) = api_post(
        &srv,
        &kim_token,
        &format!("/api/v1/clients/{alice_id}/notes"),
        &json!({"notes": " "}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, _) = api_post(
        &srv,
        &bob_token,
        &format!("/api/v1/clients/{alice_id}/notes"),
        &json!({"notes": "hi"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let page = alice.get("/your-coach").await;
    assert!(page.body.contains("one evening offline this week"));
    assert!(page.body.contains("also keeps 1 private note"));
    assert!(!page.body.contains("ask about sleep"));
    let (_, notes) = api_get(&srv, &alice_token, "/api/v1/session-notes").await;
    assert_eq!(notes[0]["private_count"], 1);
    assert_eq!(notes[0]["shared"].as_array().map(Vec::len), Some(1));
    assert!(!notes.to_string().contains("ask about sleep"));
    let (_, export) = api_get(&srv, &alice_token, "/api/v1/export").await;
    assert_eq!(
        export["coaching"]["session_notes"].as_array().map(Vec::len),
        Some(1)
    );
    assert!(!export.to_string().contains("ask about sleep"));
    let (_, kims) = api_get(
        &srv,
        &kim_token,
        &format!("/api/v1/clients/{alice_id}/notes"),
    )
    .await;
    assert_eq!(kims.as_array().map(Vec::len), Some(2));

    // The progress report: not shared yet, then a download.
    let page = kim.get(&format!("/clients/{alice_id}/report")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Not shared"));
    let (s, _) = api(
        &srv,
        &alice_token,
        Method::PUT,
        &format!("/api/v1/coaches/{link}/consent"),
        Some(&json!({"shared": {"checkins": null, "progress": null}})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let page = kim.get(&format!("/clients/{alice_id}/report")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .headers
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("attachment")));
    assert!(page.body.contains("<html"), "an HTML report");
    let overview = kim.get(&format!("/clients/{alice_id}")).await;
    assert!(overview.body.contains("download the progress report"));

    // Bad consent: a category that cannot be shared, a date after today.
    let consent = format!("/api/v1/coaches/{link}/consent");
    let (s, v) = api(
        &srv,
        &alice_token,
        Method::PUT,
        &consent,
        Some(&json!({"shared": {"account": null}})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, v) = api(
        &srv,
        &alice_token,
        Method::PUT,
        &consent,
        Some(&json!({"shared": {"checkins": "2999-01-01"}})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");

    // Revoked through the API: Kim's next request is refused.
    let (s, v) = api(
        &srv,
        &alice_token,
        Method::PUT,
        &consent,
        Some(&json!({"shared": {}})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["version"], 4);
    let (s, _) = api_get(&srv, &kim_token, &checkins).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, history) = api_get(&srv, &alice_token, &consent).await;
    assert_eq!(history.as_array().map(Vec::len), Some(4));

    // Shared again, then ended from Alice's page: nothing for Kim.
    let (s, _) = api(
        &srv,
        &alice_token,
        Method::PUT,
        &consent,
        Some(&json!({"shared": {"checkins": null}})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let ended = alice
        .post_form(&format!("/links/{link}/end"), &[("back", "/your-coach")])
        .await;
    assert_eq!(ended.path(), "/your-coach");
    assert!(ended.body.contains("The link has ended"));
    let (s, _) = api_get(&srv, &kim_token, &checkins).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, roster) = api_get(&srv, &kim_token, "/api/v1/clients").await;
    assert_eq!(roster, json!([]));
    let res = reqwest::Client::new()
        .delete(format!("{}/api/v1/links/{link}", srv.base))
        .bearer_auth(&kim_token)
        .send()
        .await
        .expect("DELETE");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

/// Boundaries, questionnaires and joy: not shared is a 404 with a sentence
/// (API) and the kind "Not shared" page; shared from a date, the coach
/// reads the records from that date on (page and API), linked from the
/// client's overview, scores but never the answers to single questions;
/// someone who is not their client is a 404; every attempt is in the
/// client's access log.
async fn views(srv: &TestServer) {
    let alice_id = srv.add_account("alice@example.org", PW).await;
    let alice_token = srv.token_for("alice@example.org").await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let kim_token = srv.token_for("kim@example.org").await;
    let mut kim = srv.client();
    kim.login("kim@example.org", PW).await;
    let bob_id = srv.add_account("bob@example.org", PW).await;

    let (s, invitation) = api_post(srv, &kim_token, "/api/v1/invitations", &json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{invitation}");
    let token = invitation["token"].as_str().expect("the secret");
    let (s, v) = api_post(
        srv,
        &alice_token,
        "/api/v1/invitations/accept",
        &json!({"token": token}),
    )
    .await;
    assert!(s.is_success(), "{v}");
    let (_, coaches) = api_get(srv, &alice_token, "/api/v1/coaches").await;
    let link = coaches[0]["id"].as_str().expect("a link").to_string();

    // Alice's records: an old one (before what she shares) and a new one of
    // each kind.
    let today = srv.state.clock.now().date_naive();
    let (old, new) = (
        today - chrono::Duration::days(10),
        today - chrono::Duration::days(2),
    );
    let from = today - chrono::Duration::days(5);
    for (day, words) in [(old, "OLD-SECRET"), (new, "NEW-SHARED")] {
        let posts = [
            (
                "/api/v1/noes",
                json!({"date": day, "request": format!("{words} weekend call"), "response": "not this time", "guilt_before": 6}),
            ),
            (
                "/api/v1/delegations",
                json!({"date": day, "task": format!("{words} release notes"), "to": "Sam"}),
            ),
            (
                "/api/v1/mistakes",
                json!({"date": day, "what": format!("{words} typo"), "cost": "nothing", "taught": "one read is enough", "friend": "it happens"}),
            ),
            (
                "/api/v1/joy",
                json!({"date": day, "hobby": format!("{words} painting"), "minutes": "40"}),
            ),
            (
                "/api/v1/rests",
                json!({"from": day, "to": day, "kind": "rest-day", "guilt": 1}),
            ),
            (
                "/api/v1/assessments",
                json!({"date": day, "instrument": "who-5", "answers": [3, 3, 3, 3, 3],
                       "notes": {"cheerful": format!("{words} my own words")}}),
            ),
        ];
        for (path, body) in posts {
            let (s, v) = api_post(srv, &alice_token, path, &body).await;
            assert_eq!(s, StatusCode::CREATED, "{path}: {v}");
        }
    }

    let views = ["boundaries", "assessments", "joy"];
    // Not shared: a 404 with a sentence, the kind page, no record of hers.
    for view in views {
        let (s, v) = api_get(
            srv,
            &kim_token,
            &format!("/api/v1/clients/{alice_id}/{view}"),
        )
        .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{view}");
        assert!(error_of(&v).contains("not shared"), "{view}: {v}");
        assert!(!v.to_string().contains("SECRET"), "{view}");
        let page = kim.get(&format!("/clients/{alice_id}/{view}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{view}");
        assert!(page.body.contains("Not shared"), "{view}");
        assert!(!page.body.contains("SECRET") && !page.body.contains("NEW-SHARED"));
    }
    let overview = kim.get(&format!("/clients/{alice_id}")).await;
    for view in views {
        assert!(!overview
            .body
            .contains(&format!("/clients/{alice_id}/{view}\"")));
    }

    // Shared from five days ago.
    let (s, v) = api(
        srv,
        &alice_token,
        Method::PUT,
        &format!("/api/v1/coaches/{link}/consent"),
        Some(&json!({"shared": {"boundaries": from, "assessments": from, "joy": from}})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let overview = kim.get(&format!("/clients/{alice_id}")).await;
    assert!(!overview.body.contains("not built yet"));
    for view in views {
        assert!(
            overview
                .body
                .contains(&format!("href=\"/clients/{alice_id}/{view}\"")),
            "{view} is linked: {}",
            overview.body
        );
        let page = kim.get(&format!("/clients/{alice_id}/{view}")).await;
        assert_eq!(page.status, StatusCode::OK, "{view}");
        assert!(page.body.contains(&format!("from {from} on")), "{view}");
        assert!(!page.body.contains("OLD-SECRET"), "{view}: {}", page.body);
        assert!(!page.body.contains("my own words"), "{view}");
        let (s, v) = api_get(
            srv,
            &kim_token,
            &format!("/api/v1/clients/{alice_id}/{view}"),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{view}: {v}");
        assert!(!v.to_string().contains("OLD-SECRET"), "{view}: {v}");
        assert!(!v.to_string().contains("my own words"), "{view}: {v}");
    }
    let page = kim.get(&format!("/clients/{alice_id}/boundaries")).await;
    for kind in ["weekend call", "release notes", "typo"] {
        assert!(page.body.contains(&format!("NEW-SHARED {kind}")), "{kind}");
    }
    let page = kim.get(&format!("/clients/{alice_id}/joy")).await;
    assert!(page.body.contains("40 min"), "{}", page.body);
    let page = kim.get(&format!("/clients/{alice_id}/assessments")).await;
    assert!(page.body.contains("WHO-5"), "{}", page.body);

    let (_, b) = api_get(
        srv,
        &kim_token,
        &format!("/api/v1/clients/{alice_id}/boundaries"),
    )
    .await;
    for key in ["noes", "delegations", "mistakes"] {
        let dates: Vec<&str> = b[key]
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|r| r["date"].as_str())
            .collect();
        assert_eq!(dates, vec![new.to_string()], "{key}");
    }
    let (_, a) = api_get(
        srv,
        &kim_token,
        &format!("/api/v1/clients/{alice_id}/assessments"),
    )
    .await;
    let a = a.as_array().expect("a list");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["date"], json!(new));
    assert_eq!(a[0]["instrument"], "who-5");
    assert!(a[0]["total"].is_number());
    assert!(a[0].get("answers").is_none(), "scores only: {a:?}");
    let (_, j) = api_get(srv, &kim_token, &format!("/api/v1/clients/{alice_id}/joy")).await;
    assert_eq!(j["logs"].as_array().map(Vec::len), Some(1), "{j}");
    assert_eq!(j["logs"][0]["date"], json!(new));
    assert_eq!(j["rests"].as_array().map(Vec::len), Some(1), "{j}");

    // Bob is not Kim's client: a 404 whatever he shares.
    for view in views {
        let (s, v) = api_get(srv, &kim_token, &format!("/api/v1/clients/{bob_id}/{view}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{view}");
        assert!(error_of(&v).contains("There is no"), "{view}: {v}");
        let page = kim.get(&format!("/clients/{bob_id}/{view}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{view}");
    }

    // Alice's log: each of Kim's attempts, refused and allowed, by name.
    let (_, log) = api_get(srv, &alice_token, "/api/v1/access-log?limit=500").await;
    let log = log.as_array().expect("a list");
    for view in views {
        let lines: Vec<_> = log
            .iter()
            .filter(|l| l["category"] == view)
            .map(|l| l["allowed"] == true)
            .collect();
        // Refused by the API and the page; then allowed: the page and the
        // API in the loop, then the page's and the API's content checks.
        assert_eq!(
            lines,
            vec![false, false, true, true, true, true],
            "{view}: {log:?}"
        );
    }
}

#[tokio::test]
async fn coach_views_of_boundaries_questionnaires_and_joy() {
    views(&TestServer::start().await).await;
}

#[tokio::test]
async fn coach_views_of_boundaries_questionnaires_and_joy_on_postgres() {
    let Some(db) = crate::pg::PgDb::fresh("the coach views").await else {
        return;
    };
    let store = goodenough_store::open_pool(&db.url, 4)
        .await
        .expect("store opens");
    let store: std::sync::Arc<dyn goodenough_store::Store> = std::sync::Arc::from(store);
    views(&TestServer::start_on(store.clone()).await).await;
    store.close().await;
    db.drop_db().await;
}

/// A coach with more clients than one page: the roster comes in pages,
/// oldest link first, with links to the next and previous pages; a name
/// finds a client on any page; only the clients on the page shown are
/// asked about (their access logs say so); a page number that is not one
/// is a 400 with a sentence, a page past the end a 404 that says how many
/// there are.
#[tokio::test]
async fn a_long_roster_comes_in_pages_and_by_name() {
    use chrono::{Duration, TimeZone, Utc};
    use goodenough_core::Settings;
    use goodenough_store::practice::{Invitation, Shared};
    use goodenough_store::Role;

    let srv = TestServer::start().await;
    let coach = srv.add_coach("kim@example.org", PW, "Kim").await;
    let mut kim = srv.client();
    kim.login("kim@example.org", PW).await;
    let store = &srv.state.store;
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .expect("an instant");
    let mut shares_programme = Vec::new();
    for i in 1..=53u32 {
        let name = if i == 52 {
            "Zoë Quartermaine".to_string()
        } else {
            format!("Client {i:02}")
        };
        let settings = Settings {
            display_name: name,
            ..Settings::defaults("UTC")
        };
        let person = store
            .create_account(
                &format!("client{i}@example.org"),
                "not a hash",
                Role::Client,
                &settings,
            )
            .await
            .expect("a client");
        // Links made a minute apart, so "oldest first" is the number order.
        let at = start + Duration::minutes(i64::from(i));
        let invitation = Invitation {
            id: format!("inv-{i}"),
            coach_id: coach.clone(),
            email: None,
            created_at: at,
            expires_at: at + Duration::days(7),
            used_at: None,
        };
        store
            .create_invitation(&invitation, &format!("hash-{i}"))
            .await
            .expect("an invitation");
        let link = format!("link-{i}");
        store
            .accept_invitation(&format!("hash-{i}"), &person, &link, at)
            .await
            .expect("accepted");
        // Client 01 (page 1) and Zoë (page 2) share their programme.
        if i == 1 || i == 52 {
            let mut shared = Shared::new();
            shared.insert("programme".to_string(), None);
            store
                .set_consent(&link, &shared, at)
                .await
                .expect("shares the programme");
            shares_programme.push(person.clone());
        }
    }
    let roster_lines = |person: String| async move {
        store
            .access_log_of_client(&person)
            .await
            .expect("the log")
            .iter()
            .filter(|l| l.target == "/clients")
            .count()
    };

    let first = kim.get("/clients").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(
        first.body.contains("53 clients; 1–50 on this page"),
        "{}",
        first.body
    );
    assert!(first.body.contains("Client 01") && first.body.contains("Client 50"));
    assert!(
        !first.body.contains("Client 51"),
        "the 51st is on the next page"
    );
    assert!(first.body.contains("Page 1 of 2"));
    assert!(
        first.body.contains(r#"href="/clients?page=2""#),
        "{}",
        first.body
    );
    assert!(first.body.contains("Find a client by name"));
    assert_eq!(roster_lines(shares_programme[0].clone()).await, 1);
    assert_eq!(
        roster_lines(shares_programme[1].clone()).await,
        0,
        "Zoë is on page 2: not asked about on page 1"
    );

    let second = kim.get("/clients?page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(
        second.body.contains("51–53 on this page"),
        "{}",
        second.body
    );
    assert!(second.body.contains("Client 51") && second.body.contains("Zoë Quartermaine"));
    assert!(
        !second.body.contains(">Client 01</a>"),
        "the first client is on page 1 (named on page 2 only in the reads)"
    );
    assert!(second.body.contains(r#"href="/clients""#) && second.body.contains("Earlier clients"));
    assert_eq!(roster_lines(shares_programme[1].clone()).await, 1);

    // By name, whatever its case and page.
    let found = kim.get("/clients?q=zo%C3%AB").await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(
        found
            .body
            .contains("1 of 53 clients has “zoë” in their name"),
        "{}",
        found.body
    );
    assert!(found.body.contains("Zoë Quartermaine"));
    assert!(!found.body.contains("Client 51"));
    let none = kim.get("/clients?q=nobody").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(
        none.body.contains("No client has “nobody” in their name"),
        "{}",
        none.body
    );

    // Bad page numbers.
    for bad in ["0", "two", "-1", "1.5"] {
        let page = kim.get(&format!("/clients?page={bad}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "page={bad}");
        assert!(
            page.body
                .contains("The page number should be a whole number from 1 on"),
            "page={bad}: {}",
            page.body
        );
    }
    let long = kim.get(&format!("/clients?q={}", "a".repeat(101))).await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    assert!(
        long.body
            .contains("A name to find is at most 100 characters"),
        "{}",
        long.body
    );
    // The largest page number there is: past the end, not a crash.
    let huge = kim.get(&format!("/clients?page={}", usize::MAX)).await;
    assert_eq!(huge.status, StatusCode::NOT_FOUND, "{}", huge.body);
    assert!(huge.body.contains("it has 2 pages"), "{}", huge.body);
    let past = kim.get("/clients?page=3").await;
    assert_eq!(past.status, StatusCode::NOT_FOUND);
    assert!(
        past.body
            .contains("There is no page 3 of this list: it has 2 pages."),
        "{}",
        past.body
    );
    assert!(past.body.contains("Go to the first page"));
}

/// A client with many evenings shared: the coach's page shows the newest
/// 30, says how many there are and shows more on asking, as the person's
/// own lists do; a limit that is no number is the first screenful, not an
/// error.
#[tokio::test]
async fn a_coachs_view_of_many_checkins_shows_the_newest_first_and_more_on_asking() {
    let srv = TestServer::start().await;
    srv.add_account("alice@example.org", PW).await;
    let alice_id = goodenough_web::testing::person_of(&srv, "alice@example.org").await;
    let alice_token = srv.token_for("alice@example.org").await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let kim_token = srv.token_for("kim@example.org").await;
    let mut kim = srv.client();
    kim.login("kim@example.org", PW).await;
    let link = crate::authz_matrix::link_coach(&srv, &kim_token, &alice_token).await;
    crate::authz_matrix::consent(&srv, &alice_token, &link, json!({"checkins": null})).await;
    // 35 evenings in January, each with its own words.
    for day in 1..=35u32 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date")
            + chrono::Duration::days(i64::from(day) - 1);
        let (s, v) = api_post(
            &srv,
            &alice_token,
            "/api/v1/checkins",
            &json!({"date": date.to_string(), "mood": 6, "energy": 5, "appreciations": [
                {"area": "rest", "text": format!("evening number {day} was calm")},
                {"area": "health", "text": "a walk"},
                {"area": "work", "text": "stopped on time"}]}),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }

    let path = format!("/clients/{alice_id}/checkins");
    let first = kim.get(&path).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body.matches("<article class=\"card\"").count(), 30);
    assert!(
        first.body.contains("evening number 35 was calm"),
        "newest first"
    );
    assert!(first.body.contains("evening number 6 was calm"));
    assert!(
        !first.body.contains("evening number 5 was calm"),
        "the oldest wait"
    );
    assert!(first.body.contains("Showing 30 of 35."), "{}", first.body);
    assert!(
        first
            .body
            .contains(&format!("href=\"{path}?limit=60#checkin-31\"")),
        "{}",
        first.body
    );

    let more = kim.get(&format!("{path}?limit=60")).await;
    assert_eq!(more.body.matches("<article class=\"card\"").count(), 35);
    assert!(more.body.contains("id=\"checkin-31\""));
    assert!(more.body.contains("evening number 1 was calm"));
    assert!(!more.body.contains("Show more"));

    let odd = kim.get(&format!("{path}?limit=lots")).await;
    assert_eq!(odd.status, StatusCode::OK);
    assert_eq!(odd.body.matches("<article class=\"card\"").count(), 30);
}
