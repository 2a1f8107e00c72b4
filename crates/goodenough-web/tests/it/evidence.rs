//! The evidence log: the /evidence page (form, list, attribution summary)
//! and `/api/v1/evidence` against the real server: signed in, refused when
//! signed out, CSRF, 4xx sentences, and another account seeing nothing.

use goodenough_web::testing::{api_get, api_post_with_headers, error_of, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::json;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

#[tokio::test]
async fn api_adds_lists_and_summarises_evidence() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let t = srv.token_for(EMAIL).await;

    let (s, _, e) = api_post_with_headers(
        &srv,
        &t,
        "/api/v1/evidence",
        &json!({"kind": "praise", "text": "Great demo", "attribution": "ability",
                "source": "Sam", "date": "2026-03-02"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    assert_eq!(e["source"], "Sam");
    let (s, _, e) = api_post_with_headers(
        &srv,
        &t,
        "/api/v1/evidence",
        &json!({"kind": "accomplishment", "text": "Fixed the build", "attribution": "luck",
                "date": "2026-01-15"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let (s, list) = api_get(&srv, &t, "/api/v1/evidence").await;
    assert_eq!(s, StatusCode::OK);
    let texts: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["text"].as_str().expect("text"))
        .collect();
    assert_eq!(texts, ["Fixed the build", "Great demo"]);
    let (s, sum) = api_get(&srv, &t, "/api/v1/evidence/summary").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(sum["total"], 2);
    assert_eq!(sum["months"][0]["luck_share"], 1.0);
    assert_eq!(sum["months"][1]["own_share"], 1.0);

    // Crisis language: saved, with the help-now headers.
    let (s, h, _) = api_post_with_headers(
        &srv,
        &t,
        "/api/v1/evidence",
        &json!({"kind": "accomplishment", "text": "made it through though I felt suicidal",
                "attribution": "effort"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(h.get("x-goodenough-help-now").is_some());

    for (body, needle) in [
        (
            json!({"kind": "trophy", "text": "x", "attribution": "luck"}),
            "not a kind of evidence",
        ),
        (
            json!({"kind": "praise", "text": "x", "attribution": "fate"}),
            "not an attribution",
        ),
        (
            json!({"kind": "praise", "text": "   ", "attribution": "luck"}),
            "evidence text is empty",
        ),
    ] {
        let (s, _, e) = api_post_with_headers(&srv, &t, "/api/v1/evidence", &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert!(error_of(&e).contains(needle), "{e}");
    }
    let (s, _, _) =
        api_post_with_headers(&srv, &t, "/api/v1/evidence", &json!({"kind": "praise"})).await;
    assert!(s.is_client_error());
    let (_, list) = api_get(&srv, &t, "/api/v1/evidence").await;
    assert_eq!(list.as_array().map(Vec::len), Some(3));

    // Another account sees nothing.
    let other = srv.add_account("bo@example.org", PW).await;
    let t2 = srv.add_token(&other, "cli").await;
    let (_, list) = api_get(&srv, &t2, "/api/v1/evidence").await;
    assert_eq!(list, json!([]));
    let (_, sum) = api_get(&srv, &t2, "/api/v1/evidence/summary").await;
    assert_eq!(sum["total"], 0);

    // Signed out: refused.
    let res = reqwest::get(format!("{}/api/v1/evidence", srv.base))
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn page_form_list_summary_and_csrf() {
    let srv = TestServer::start().await;
    let anon = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let res = anon
        .get(format!("{}/evidence", srv.base))
        .send()
        .await
        .expect("get");
    assert!(res.status().is_redirection());

    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/wins").await;
    assert!(p.body.contains("href=\"/evidence\""), "linked from /wins");
    let p = c.get("/evidence").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Evidence log"));
    assert!(p.body.contains("No evidence logged yet"));

    let p = c
        .post_form(
            "/evidence",
            &[
                ("kind", "praise"),
                ("text", "Thanked for the careful review"),
                ("attribution", "effort"),
                ("source", "Priya"),
                ("date", "2026-02-10"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("Thanked for the careful review"));
    assert!(p.body.contains("Priya"));
    assert!(p.body.contains("2026-02"));
    assert!(p.body.contains("100%"), "{}", p.body);

    for (fields, needle) in [
        (
            vec![("kind", "praise"), ("text", "x"), ("attribution", "fate")],
            "not an attribution",
        ),
        (
            vec![
                ("kind", "praise"),
                ("text", "x"),
                ("attribution", "luck"),
                ("date", "2026-02-30"),
            ],
            "is not a date that exists",
        ),
        (
            vec![("kind", "praise"), ("text", " "), ("attribution", "luck")],
            "evidence text is empty",
        ),
    ] {
        let p = c.post_form("/evidence", &fields).await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(p.body.contains(needle), "{needle}");
    }

    // Without the CSRF token: refused, nothing saved.
    let p = c
        .post_form_raw(
            "/evidence",
            &[
                ("kind", "praise"),
                ("text", "sneaky"),
                ("attribution", "luck"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let t = srv.token_for(EMAIL).await;
    let (_, list) = api_get(&srv, &t, "/api/v1/evidence").await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
}
