//! The authorization matrix: every API route the document describes (the
//! document is checked against the router in `openapi.rs`, so a new route
//! appears here by itself) and every page of the menu plus the coach's
//! pages, asked by eight people: nobody signed in, client A, client B, A's
//! coach who is shared check-ins, A's coach who is shared nothing, A's coach
//! after A revoked, B's coach, and the operator. Each cell's status is
//! asserted where the practice decides it, and in every answer but A's own
//! and the one cell A shares, nothing of A's appears: no id of any of A's
//! records, no word A wrote. A's access log holds exactly the attempts of
//! A's three coaches.

use std::collections::BTreeSet;

use goodenough_web::testing::{
    api, api_get, api_post, signed_in, TestClient, TestServer, MENU_PAGES,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const PW: &str = "correct horse battery";
const CANARY: &str = "kestrel-canary-4471";

struct Actor {
    name: &'static str,
    token: Option<String>,
    browser: TestClient,
}

fn ids_in(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if k == "id" {
                    if let Some(s) = x.as_str() {
                        out.insert(s.to_string());
                    }
                }
                ids_in(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| ids_in(x, out)),
        _ => {}
    }
}

/// A leak of A's data in `body`: the canary or one of A's record ids.
fn leak<'a>(body: &str, a_ids: &'a BTreeSet<String>) -> Option<&'a str> {
    if body.contains(CANARY) {
        return Some(CANARY);
    }
    a_ids
        .iter()
        .find(|id| body.contains(id.as_str()))
        .map(String::as_str)
}

/// The client accepts a new invitation of the coach's; the link's id.
pub(crate) async fn link_coach(srv: &TestServer, coach_token: &str, client_token: &str) -> String {
    let (s, inv) = api_post(srv, coach_token, "/api/v1/invitations", &json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    let (s, link) = api_post(
        srv,
        client_token,
        "/api/v1/invitations/accept",
        &json!({"token": inv["token"]}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{link}");
    link["id"].as_str().expect("a link id").to_string()
}

/// The client shares `shared` on the link (through the API).
pub(crate) async fn consent(srv: &TestServer, token: &str, link: &str, shared: Value) {
    let (s, v) = api(
        srv,
        token,
        Method::PUT,
        &format!("/api/v1/coaches/{link}/consent"),
        Some(&json!({ "shared": shared })),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

#[tokio::test]
async fn every_route_for_every_role_gives_the_expected_answer_and_nothing_of_a_leaks() {
    matrix(&TestServer::start().await).await;
}

#[tokio::test]
async fn the_matrix_holds_on_postgres() {
    let Some(db) = crate::pg::PgDb::fresh("the authorization matrix").await else {
        return;
    };
    let store = goodenough_store::open_pool(&db.url, 4)
        .await
        .expect("the store opens");
    let store: std::sync::Arc<dyn goodenough_store::Store> = std::sync::Arc::from(store);
    matrix(&TestServer::start_on(store.clone()).await).await;
    store.close().await;
    db.drop_db().await;
}

async fn matrix(srv: &TestServer) {
    // The operator is the first account (set up in the browser, an admin).
    let operator_browser = signed_in(srv, "operator@example.org", PW).await;
    let a_id = srv.add_account("a@example.org", PW).await;
    srv.add_account("b@example.org", PW).await;
    for (email, name) in [
        ("shared@example.org", "Coach Shared"),
        ("none@example.org", "Coach None"),
        ("revoked@example.org", "Coach Revoked"),
        ("bcoach@example.org", "Coach of B"),
    ] {
        srv.add_coach(email, PW, name).await;
    }
    let token = |email: &'static str| srv.token_for(email);
    let a_token = token("a@example.org").await;
    let b_token = token("b@example.org").await;

    // A's records: the demo's every kind, and the canary in a check-in, a
    // thought and a win.
    srv.import_demo(&a_id, 28).await;
    let (s, v) = api_post(
        srv,
        &a_token,
        "/api/v1/checkins?replace=true",
        &json!({"mood": 5, "energy": 5, "appreciations": [
            {"area": "rest", "text": CANARY},
            {"area": "health", "text": "a glass of water"},
            {"area": "work", "text": "left on time"}]}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, thought) = api_post(
        srv,
        &a_token,
        "/api/v1/thoughts",
        &json!({"situation": "standup", "thought": CANARY, "belief": 60}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{thought}");
    let (s, _) = api_post(srv, &a_token, "/api/v1/wins", &json!({"text": CANARY})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, export) = api_get(srv, &a_token, "/api/v1/export").await;
    let mut a_ids = BTreeSet::new();
    ids_in(&export, &mut a_ids);
    assert!(a_ids.len() > 100, "the demo gives A many records");
    let a_thought = thought["id"].as_str().expect("an id").to_string();

    // A's three coaches and B's.
    let shared_token = token("shared@example.org").await;
    let none_token = token("none@example.org").await;
    let revoked_token = token("revoked@example.org").await;
    let bcoach_token = token("bcoach@example.org").await;
    let shared_link = link_coach(srv, &shared_token, &a_token).await;
    // The shared coach also sees the dates crisis help was shown (A opted
    // in); the revoked one saw them before A took everything back.
    consent(
        srv,
        &a_token,
        &shared_link,
        json!({"checkins": null, "crisis": null}),
    )
    .await;
    link_coach(srv, &none_token, &a_token).await;
    let revoked_link = link_coach(srv, &revoked_token, &a_token).await;
    consent(
        srv,
        &a_token,
        &revoked_link,
        json!({"checkins": null, "thoughts": null, "crisis": null}),
    )
    .await;
    consent(srv, &a_token, &revoked_link, json!({})).await;
    let b_link = link_coach(srv, &bcoach_token, &b_token).await;
    consent(srv, &b_token, &b_link, json!({"checkins": null})).await;
    // A script of A's shared coach: A and that coach read it, nobody else.
    let (s, script) = api_post(
        srv,
        &shared_token,
        "/api/v1/content",
        &json!({"kind": "script", "toml": "name = \"thanks\"\ntitle = \"Thanks\"\nwhen = \"After help.\"\ntemplate = \"Thank you.\"\n"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{script}");
    let script_id = script["id"].as_str().expect("an id").to_string();

    let operator_token = token("operator@example.org").await;
    let browser = |email: &'static str| {
        let mut c = srv.client();
        async move {
            c.login(email, PW).await;
            c
        }
    };
    let mut actors = vec![
        Actor {
            name: "anonymous",
            token: None,
            browser: srv.client(),
        },
        Actor {
            name: "A",
            token: Some(a_token.clone()),
            browser: browser("a@example.org").await,
        },
        Actor {
            name: "B",
            token: Some(b_token.clone()),
            browser: browser("b@example.org").await,
        },
        Actor {
            name: "A's coach, shared",
            token: Some(shared_token),
            browser: browser("shared@example.org").await,
        },
        Actor {
            name: "A's coach, nothing shared",
            token: Some(none_token),
            browser: browser("none@example.org").await,
        },
        Actor {
            name: "A's coach, revoked",
            token: Some(revoked_token),
            browser: browser("revoked@example.org").await,
        },
        Actor {
            name: "B's coach",
            token: Some(bcoach_token),
            browser: browser("bcoach@example.org").await,
        },
        Actor {
            name: "operator",
            token: Some(operator_token),
            browser: operator_browser,
        },
    ];
    let a_coaches = [
        "A's coach, shared",
        "A's coach, nothing shared",
        "A's coach, revoked",
    ];

    // The API: every GET the document describes.
    let (_, doc) = api_get(srv, &a_token, "/api/v1/openapi.json").await;
    let paths = doc["paths"].as_object().expect("paths");
    let mut logged = 0;
    let http = reqwest::Client::new();
    for (template, item) in paths {
        if !item["get"].is_object() {
            continue;
        }
        let client_route = template.starts_with("/api/v1/clients/{id}/");
        let path = if client_route {
            template.replace("{id}", &a_id)
        } else if template.starts_with("/api/v1/coaches/{id}") {
            template.replace("{id}", &shared_link)
        } else if template == "/api/v1/content/{id}" {
            template.replace("{id}", &script_id)
        } else {
            template.replace("{id}", &a_thought)
        };
        for actor in &actors {
            let mut req = http.get(format!("{}{path}", srv.base));
            if let Some(t) = &actor.token {
                req = req.bearer_auth(t);
            }
            let res = req.send().await.expect("request");
            let status = res.status();
            let body = res.text().await.expect("body");
            let cell = format!("{} GET {template}", actor.name);
            assert!(!status.is_server_error(), "{cell}: {status} {body}");
            if template == "/api/v1/help-now" {
                // Where to get help now is for everyone, signed in or not.
                assert_eq!(status, StatusCode::OK, "{cell}: {body}");
            } else if actor.name == "anonymous" {
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{cell}");
            }
            if template.starts_with("/api/v1/admin/") && actor.name != "anonymous" {
                let expected = if actor.name == "operator" {
                    StatusCode::OK
                } else {
                    StatusCode::FORBIDDEN
                };
                assert_eq!(status, expected, "{cell}: {body}");
            }
            if template == "/api/v1/content/{id}" && actor.name != "anonymous" {
                // A coach's own script: the coach and their linked client.
                let expected = match actor.name {
                    "A" | "A's coach, shared" => StatusCode::OK,
                    _ => StatusCode::NOT_FOUND,
                };
                assert_eq!(status, expected, "{cell}: {body}");
            }
            if template == "/api/v1/content" && actor.name != "anonymous" {
                assert_eq!(status, StatusCode::OK, "{cell}: {body}");
                assert_eq!(
                    body.contains(&script_id),
                    matches!(actor.name, "A" | "A's coach, shared"),
                    "{cell}: {body}"
                );
            }
            if template == "/api/v1/clients/{id}/notes"
                || template == "/api/v1/clients/{id}/assignments"
                || template == "/api/v1/clients/{id}/programme-offers"
            {
                // A coach's own notes about a client of theirs (not A's
                // data, so not in her log), and the status of the steps
                // they gave her (whatever she shares; in her log): linked
                // coaches only, nobody else.
                let expected = match actor.name {
                    "anonymous" => StatusCode::UNAUTHORIZED,
                    name if a_coaches.contains(&name) => StatusCode::OK,
                    _ => StatusCode::NOT_FOUND,
                };
                assert_eq!(status, expected, "{cell}: {body}");
                if (template.ends_with("/assignments") || template.ends_with("/programme-offers"))
                    && a_coaches.contains(&actor.name)
                {
                    logged += 1;
                }
            } else if client_route {
                // Check-ins, and the crisis-help dates A opted in to, for
                // the coach she shares them with; nothing for anyone else.
                let allowed = actor.name == "A's coach, shared"
                    && (template.ends_with("/checkins") || template.ends_with("/crisis-dates"));
                let expected = if actor.name == "anonymous" {
                    StatusCode::UNAUTHORIZED
                } else if allowed {
                    StatusCode::OK
                } else {
                    StatusCode::NOT_FOUND
                };
                assert_eq!(status, expected, "{cell}: {body}");
                if allowed && template.ends_with("/crisis-dates") {
                    // Dates only: a JSON array of them, never a word of A's.
                    let dates: Vec<chrono::NaiveDate> =
                        serde_json::from_str(&body).expect("a list of dates");
                    assert!(dates.len() <= 1, "{cell}: {body}");
                } else if allowed {
                    assert!(
                        body.contains(CANARY),
                        "{cell}: the shared check-in is there"
                    );
                }
                if a_coaches.contains(&actor.name) {
                    logged += 1;
                }
            }
            let own = actor.name == "A";
            let shared_cell =
                actor.name == "A's coach, shared" && template == "/api/v1/clients/{id}/checkins";
            if !own && !shared_cell {
                // An error may echo the id the asker sent; that is theirs.
                let answer = body.replace(&a_thought, "");
                assert_eq!(leak(&answer, &a_ids), None, "{cell}: {body}");
            }
        }
    }

    // Writes that name A's link: only A may change or end it.
    for actor in &actors {
        if actor.name == "A" || actor.name == "A's coach, shared" {
            continue;
        }
        let Some(t) = &actor.token else { continue };
        let (s, v) = api(
            srv,
            t,
            Method::PUT,
            &format!("/api/v1/coaches/{shared_link}/consent"),
            Some(&json!({"shared": {"thoughts": null}})),
        )
        .await;
        assert_eq!(
            s,
            StatusCode::NOT_FOUND,
            "{} changing A's consent: {v}",
            actor.name
        );
        let res = http
            .delete(format!("{}/api/v1/links/{shared_link}", srv.base))
            .bearer_auth(t)
            .send()
            .await
            .expect("DELETE");
        assert_eq!(
            res.status(),
            StatusCode::NOT_FOUND,
            "{} ending A's link",
            actor.name
        );
    }

    // The pages: the menu, and the coach's pages about A.
    let coach_pages = [
        "",
        "/checkins",
        "/thoughts",
        "/wins",
        "/evidence",
        "/experiments",
        "/boundaries",
        "/assessments",
        "/joy",
    ];
    for actor in &mut actors {
        for path in MENU_PAGES {
            let p = actor.browser.get(path).await;
            let cell = format!("{} {path}", actor.name);
            assert!(!p.status.is_server_error(), "{cell}");
            // Help now is for everyone, signed in or not.
            if actor.name == "anonymous" && *path != "/help-now" {
                assert_eq!(p.path(), "/login", "{cell}");
            } else {
                assert_eq!(p.status, StatusCode::OK, "{cell}");
            }
            if actor.name != "A" {
                assert_eq!(leak(&p.body, &a_ids), None, "{cell}");
            }
        }
        // Your content: every signed-in person (a coach's uploads and
        // what their coaches share with them).
        let p = actor.browser.get("/content").await;
        let cell = format!("{} /content", actor.name);
        match actor.name {
            "anonymous" => assert_eq!(p.path(), "/login", "{cell}"),
            _ => assert_eq!(p.status, StatusCode::OK, "{cell}"),
        }
        assert_eq!(
            p.body.contains("/content/"),
            matches!(actor.name, "A" | "A's coach, shared"),
            "{cell}"
        );
        // The operator's page: the operator only, a kind 403 for the rest.
        let p = actor.browser.get("/admin").await;
        let cell = format!("{} /admin", actor.name);
        match actor.name {
            "anonymous" => assert_eq!(p.path(), "/login", "{cell}"),
            "operator" => assert_eq!(p.status, StatusCode::OK, "{cell}"),
            _ => assert_eq!(p.status, StatusCode::FORBIDDEN, "{cell}"),
        }
        assert_eq!(leak(&p.body, &a_ids), None, "{cell}");
        for view in coach_pages {
            let path = format!("/clients/{a_id}{view}");
            let p = actor.browser.get(&path).await;
            let cell = format!("{} {path}", actor.name);
            let a_coach = a_coaches.contains(&actor.name);
            let expected = match (actor.name, view) {
                ("anonymous", _) => StatusCode::OK, // the sign-in page
                ("A's coach, shared", "" | "/checkins") => StatusCode::OK,
                (_, "") if a_coach => StatusCode::OK,
                _ => StatusCode::NOT_FOUND,
            };
            assert_eq!(p.status, expected, "{cell}");
            if actor.name == "anonymous" {
                assert_eq!(p.path(), "/login", "{cell}");
            }
            let shared_cell = actor.name == "A's coach, shared" && view == "/checkins";
            if shared_cell {
                assert!(p.body.contains(CANARY), "{cell}");
            } else {
                assert_eq!(leak(&p.body, &a_ids), None, "{cell}");
            }
            // Every coach page about A is in her log; the overview's lines
            // are for the status of the steps the coach gave her and the
            // answers to the programmes they offered her.
            if a_coach {
                logged += 1;
                if view.is_empty() {
                    logged += 1;
                }
            }
            // The shared coach's overview also reads the crisis-help dates
            // A opted in to: one more line in her log.
            if actor.name == "A's coach, shared" && view.is_empty() {
                logged += 1;
            }
        }
    }

    // A's log: exactly the attempts of A's three coaches, and nobody
    // else's (B's coach and the operator have no link to A).
    let (_, all) = api_get(srv, &a_token, "/api/v1/access-log?limit=500").await;
    let all = all.as_array().expect("a list");
    assert_eq!(all.len(), logged, "one line per attempt of A's coaches");
    let names: BTreeSet<&str> = all
        .iter()
        .filter_map(|l| l["coach_name"].as_str())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["Coach None", "Coach Revoked", "Coach Shared"])
    );
    // Allowed reads of her records: the shared coach's check-ins and the
    // crisis-help dates she opted in to, each by the API and the page;
    // every other allowed line is a coach looking at
    // the steps they gave her or the programmes they offered her (the API
    // route and the overview page, for each of the three).
    let allowed: Vec<&str> = all
        .iter()
        .filter(|l| l["allowed"] == true)
        .filter_map(|l| l["category"].as_str())
        .collect();
    assert_eq!(
        allowed.iter().filter(|c| **c == "checkins").count(),
        2,
        "the shared coach's check-ins, by the API and the page: {allowed:?}"
    );
    assert_eq!(
        allowed.iter().filter(|c| **c == "assignments").count(),
        6,
        "{allowed:?}"
    );
    assert_eq!(
        allowed.iter().filter(|c| **c == "crisis").count(),
        2,
        "the shared coach's crisis-help dates, by the API and the overview: {allowed:?}"
    );
    assert_eq!(
        allowed
            .iter()
            .filter(|c| **c == goodenough_app::offers::LOG_CATEGORY)
            .count(),
        6,
        "the programmes they offered her, by the API and the overview: {allowed:?}"
    );
    assert_eq!(allowed.len(), 16, "{allowed:?}");
}
