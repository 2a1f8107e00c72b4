//! The practice's settings through the server: the operator sets the
//! practice's name and its region's crisis resources on `/admin` and with
//! `PUT /api/v1/admin/practice`; a bad line gets one sentence naming it and
//! changes nothing; nobody else may read or change them there; everyone
//! (signed in or not) sees the resources first on Help now, in the help
//! block after a crisis phrase, and in `GET /api/v1/help-now`; the name is
//! in the page header. On SQLite and PostgreSQL; and a second server on the
//! same PostgreSQL shows a change made through the first.

use std::sync::Arc;

use goodenough_web::testing::{api, api_get, error_of, signed_in, TestServer};
use goodenough_web::WebConfig;
use reqwest::{Method, StatusCode};
use serde_json::json;

const PW: &str = "correct horse battery";

async fn story(srv: &TestServer) {
    // The first account set up is the operator.
    let mut op = signed_in(srv, "op@example.org", PW).await;
    let op_token = srv.token_for("op@example.org").await;
    srv.add_account("alex@example.org", PW).await;
    let alex_token = srv.token_for("alex@example.org").await;
    let mut alex = srv.client();
    alex.login("alex@example.org", PW).await;

    // Nothing set yet: Help now shows only the shipped message.
    let p = alex.get("/help-now").await;
    assert!(!p.body.contains("practice-resources"), "{}", p.body);
    let (s, v) = api_get(srv, &op_token, "/api/v1/admin/practice").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v, json!({"name": null, "crisis_resources": []}));

    // A bad line on /admin: one sentence naming the line, typed values
    // kept, nothing saved.
    let p = op
        .post_form(
            "/admin/practice",
            &[
                ("name", "North Star Coaching"),
                (
                    "crisis",
                    "Northside Line | 116 123 | any time\nCall us | soon",
                ),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", p.body);
    assert!(p.body.contains("Crisis resource line 2"), "{}", p.body);
    assert!(p.body.contains("Nothing was changed"), "{}", p.body);
    assert!(p.body.contains("Call us | soon"), "the typed text is kept");
    let (_, v) = api_get(srv, &op_token, "/api/v1/admin/practice").await;
    assert_eq!(v["name"], json!(null), "nothing saved: {v}");

    // A good form: saved, shown back, and on Help now for everyone.
    let p = op
        .post_form(
            "/admin/practice",
            &[
                ("name", "North Star Coaching"),
                (
                    "crisis",
                    "Northside Line | 116 123 | any time, day or night\nMind | https://www.mind.org.uk/",
                ),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(
        p.body.contains("The practice settings are saved"),
        "{}",
        p.body
    );
    assert!(p.body.contains("Mind | https://www.mind.org.uk/"));
    for page in [
        alex.get("/help-now").await,
        srv.client().get("/help-now").await,
    ] {
        let body = &page.body;
        let ours = body
            .find("Northside Line")
            .expect("the practice's resource");
        let shipped = body
            .find("not an emergency service")
            .expect("the shipped words");
        assert!(
            ours < shipped,
            "the practice's resources come first: {body}"
        );
        assert!(body.contains("116 123"));
        assert!(body.contains("href=\"https://www.mind.org.uk/\""), "{body}");
    }
    // The name is in the header and title of a signed-in page.
    let p = alex.get("/today").await;
    assert!(
        p.body
            .contains("class=\"practice-name\">North Star Coaching"),
        "{}",
        p.body
    );
    assert!(
        p.body.contains("· North Star Coaching</title>"),
        "{}",
        p.body
    );

    // The help block after a crisis phrase shows them first too.
    let p = alex
        .post_form(
            "/evidence",
            &[
                ("kind", "accomplishment"),
                ("text", "some nights I want to kill myself"),
                ("attribution", "effort"),
            ],
        )
        .await;
    assert!(p.body.contains("id=\"help-heading\""), "{}", p.body);
    let block = &p.body[p.body.find("id=\"help-heading\"").expect("block")..];
    assert!(block.contains("Northside Line"), "{block}");

    // The API: everyone reads help-now; only the operator the settings.
    let (s, v) = api_get(srv, &alex_token, "/api/v1/help-now").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["practice_name"], "North Star Coaching");
    assert_eq!(v["crisis_resources"][0]["contact"], "116 123");
    assert!(v["message"].is_string());
    let anon = reqwest::get(format!("{}/api/v1/help-now", srv.base))
        .await
        .expect("get");
    assert_eq!(anon.status(), StatusCode::OK);
    for (method, body) in [
        (Method::GET, None),
        (Method::PUT, Some(json!({"name": "Mine"}))),
    ] {
        let (s, v) = api(
            srv,
            &alex_token,
            method,
            "/api/v1/admin/practice",
            body.as_ref(),
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
        assert!(error_of(&v).contains("Only the operator"), "{v}");
    }
    assert_eq!(alex.get("/admin").await.status, StatusCode::FORBIDDEN);
    let p = alex
        .post_form("/admin/practice", &[("name", "Mine"), ("crisis", "")])
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);

    // PUT: bad input is one sentence and changes nothing; good input
    // replaces everything.
    let (s, v) = api(
        srv,
        &op_token,
        Method::PUT,
        "/api/v1/admin/practice",
        Some(&json!({"name": "Elsewhere", "crisis_resources": [
            {"name": "Line", "contact": "116 123"},
            {"name": "Site", "contact": "www.example.org"}
        ]})),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(error_of(&v).contains("line 2"), "{v}");
    let (_, v) = api_get(srv, &op_token, "/api/v1/admin/practice").await;
    assert_eq!(v["name"], "North Star Coaching", "unchanged: {v}");
    let (s, v) = api(
        srv,
        &op_token,
        Method::PUT,
        "/api/v1/admin/practice",
        Some(&json!({"name": "  ", "crisis_resources": [
            {"name": "Helpline", "contact": "0800 000 000", "hours": "weekdays 9-17"}
        ]})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        v,
        json!({"name": null, "crisis_resources": [
            {"name": "Helpline", "contact": "0800 000 000", "hours": "weekdays 9-17"}
        ]})
    );
    let p = alex.get("/help-now").await;
    assert!(p.body.contains("Helpline"), "{}", p.body);
    assert!(!p.body.contains("Northside Line"), "replaced");
    assert!(!alex.get("/today").await.body.contains("practice-name"));
}

#[tokio::test]
async fn practice_settings_on_sqlite() {
    story(&TestServer::start().await).await;
}

#[tokio::test]
async fn practice_settings_on_postgres_and_seen_by_a_second_server() {
    let Some(db) = crate::pg::PgDb::fresh("the practice settings").await else {
        return;
    };
    let store = goodenough_store::open_pool(&db.url, 4)
        .await
        .expect("store opens");
    let store: Arc<dyn goodenough_store::Store> = Arc::from(store);
    let first = TestServer::start_on(store.clone()).await;
    // The second server reads the settings again on every request.
    let second = TestServer::start_on_with(
        store.clone(),
        WebConfig {
            practice_refresh: std::time::Duration::ZERO,
            ..WebConfig::default()
        },
    )
    .await;
    assert!(!second
        .client()
        .get("/help-now")
        .await
        .body
        .contains("Helpline"));
    story(&first).await;
    let p = second.client().get("/help-now").await;
    assert!(p.body.contains("Helpline"), "{}", p.body);
    store.close().await;
    db.drop_db().await;
}
