//! The OpenAPI document is served without sign-in, is OpenAPI 3.x and
//! describes the routes the server really has.

use goodenough_web::testing::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn openapi_document_describes_the_checkin_api() {
    let srv = TestServer::start().await;
    let mut c = srv.client();
    let page = c.get("/api/v1/openapi.json").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json")));
    let doc: serde_json::Value = serde_json::from_str(&page.body).expect("valid JSON");

    let version = doc["openapi"].as_str().expect("openapi version");
    assert!(version.starts_with("3."), "openapi {version}");

    let paths = doc["paths"].as_object().expect("paths");
    let list = &paths["/api/v1/checkins"];
    assert!(list["get"].is_object() && list["post"].is_object());
    assert!(paths["/api/v1/checkins/{id}"]["get"].is_object());
    let post = &list["post"];
    assert!(post["responses"]["201"].is_object());
    assert!(post["responses"]["409"].is_object());
    let params: Vec<&str> = post["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(params, ["replace"]);

    // Bearer tokens are the documented way in.
    let scheme = &doc["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    assert!(doc["security"][0]["bearer"].is_array());
    // Routes a person uses before they have an account or a token say so:
    // no Authorization header is needed (an empty security requirement).
    for (path, method) in [
        ("/api/v1/help-now", "get"),
        ("/api/v1/invitations/sign-up", "post"),
    ] {
        assert_eq!(
            doc["paths"][path][method]["security"],
            serde_json::json!([{}]),
            "{method} {path} is open to everyone"
        );
    }

    // Core types are described with their serde shapes.
    let schemas = &doc["components"]["schemas"];
    for name in [
        "CheckIn",
        "Appreciation",
        "LifeArea",
        "ThoughtRecord",
        "Emotion",
        "Win",
        "Setback",
        "Settings",
        "NewCheckIn",
        "ErrorBody",
    ] {
        assert!(schemas[name].is_object(), "schema {name} missing");
    }
    let areas: Vec<&str> = schemas["LifeArea"]["enum"]
        .as_array()
        .expect("LifeArea enum")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        areas.contains(&"work") && areas.contains(&"rest"),
        "{areas:?}"
    );
    let required: Vec<&str> = schemas["CheckIn"]["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for field in ["id", "date", "mood", "energy", "appreciations"] {
        assert!(required.contains(&field), "{field} not required");
    }
    assert_eq!(
        schemas["CheckIn"]["properties"]["date"]["format"], "date",
        "dates are documented as dates"
    );
}

#[tokio::test]
async fn api_index_points_to_the_document() {
    let srv = TestServer::start().await;
    let mut c = srv.client();
    let doc = srv_get_json(&mut c, "/api/v1").await;
    assert_eq!(doc["openapi"], "/api/v1/openapi.json");
}

async fn srv_get_json(
    c: &mut goodenough_web::testing::TestClient,
    path: &str,
) -> serde_json::Value {
    let page = c.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.json()
}

/// Every route under `/api/v1` that the server has, with its methods. The
/// index and the document itself are the only ones not described in it.
const API_ROUTES: &[(&str, &[&str])] = &[
    ("/api/v1/critic", &["get", "put"]),
    ("/api/v1/evidence", &["get", "post"]),
    ("/api/v1/evidence/summary", &["get"]),
    ("/api/v1/report", &["get"]),
    ("/api/v1/values", &["get", "post"]),
    ("/api/v1/practices", &["get"]),
    ("/api/v1/practice-logs", &["get", "post"]),
    ("/api/v1/instruments", &["get"]),
    ("/api/v1/instruments/{id}", &["get"]),
    ("/api/v1/assessments", &["get", "post"]),
    ("/api/v1/hobbies", &["get", "post"]),
    ("/api/v1/blocks", &["get", "post"]),
    ("/api/v1/blocks/{id}/occurrences", &["post"]),
    ("/api/v1/joy", &["get", "post"]),
    ("/api/v1/joy/summary", &["get"]),
    ("/api/v1/programmes", &["get"]),
    ("/api/v1/programmes/{id}", &["get"]),
    ("/api/v1/enrolment", &["get", "post", "delete"]),
    ("/api/v1/today", &["get"]),
    ("/api/v1/rests", &["get", "post"]),
    ("/api/v1/checkins", &["get", "post"]),
    ("/api/v1/checkins/{id}", &["get"]),
    ("/api/v1/thoughts", &["get", "post"]),
    ("/api/v1/thoughts/{id}", &["get"]),
    ("/api/v1/traps", &["get"]),
    ("/api/v1/traps/explain", &["get"]),
    ("/api/v1/wins", &["get", "post"]),
    ("/api/v1/setbacks", &["get", "post"]),
    ("/api/v1/progress", &["get"]),
    ("/api/v1/progress/outcomes", &["get"]),
    ("/api/v1/reviews", &["get", "post"]),
    ("/api/v1/reviews/week", &["get"]),
    ("/api/v1/export", &["get"]),
    ("/api/v1/export/encrypted", &["post"]),
    ("/api/v1/import/encrypted", &["post"]),
    ("/api/v1/noes", &["get", "post"]),
    ("/api/v1/noes/{id}", &["post", "patch"]),
    ("/api/v1/delegations", &["get", "post"]),
    ("/api/v1/delegations/{id}", &["post", "patch"]),
    ("/api/v1/scripts", &["get"]),
    ("/api/v1/scripts/{id}", &["get"]),
    ("/api/v1/scripts/{id}/fill", &["post"]),
    ("/api/v1/mistakes", &["get", "post"]),
    ("/api/v1/timeboxes", &["get", "post"]),
    ("/api/v1/timeboxes/current", &["get"]),
    ("/api/v1/timeboxes/{id}", &["get"]),
    ("/api/v1/timeboxes/current/stop", &["post"]),
    ("/api/v1/timeboxes/current/revise", &["post"]),
    ("/api/v1/timeboxes/current/recheck", &["post"]),
    ("/api/v1/timeboxes/current/extend", &["post"]),
    ("/api/v1/ladder", &["get", "post"]),
    ("/api/v1/ladder/gaps", &["get"]),
    ("/api/v1/experiments", &["get", "post"]),
    ("/api/v1/experiments/{id}/record", &["post"]),
    ("/api/v1/calibration", &["get"]),
    ("/api/v1/boundaries", &["get"]),
    ("/api/v1/git/weeks", &["get"]),
    ("/api/v1/invitations", &["get", "post"]),
    ("/api/v1/invitations/accept", &["post"]),
    ("/api/v1/invitations/sign-up", &["post"]),
    ("/api/v1/coaches", &["get"]),
    ("/api/v1/coaches/{id}/consent", &["get", "put"]),
    ("/api/v1/links/{id}", &["delete"]),
    ("/api/v1/access-log", &["get"]),
    ("/api/v1/reads", &["get"]),
    ("/api/v1/clients", &["get"]),
    ("/api/v1/clients/{id}/checkins", &["get"]),
    ("/api/v1/clients/{id}/thoughts", &["get"]),
    ("/api/v1/clients/{id}/wins", &["get"]),
    ("/api/v1/clients/{id}/setbacks", &["get"]),
    ("/api/v1/clients/{id}/notes", &["get", "post"]),
    ("/api/v1/session-notes", &["get"]),
    ("/api/v1/assignments", &["get"]),
    ("/api/v1/assignments/{id}/status", &["put"]),
    ("/api/v1/clients/{id}/assignments", &["get", "post"]),
    ("/api/v1/programme-offers", &["get"]),
    ("/api/v1/programme-offers/{id}/accept", &["post"]),
    ("/api/v1/programme-offers/{id}/decline", &["post"]),
    ("/api/v1/clients/{id}/programme-offers", &["get", "post"]),
    ("/api/v1/content", &["get", "post"]),
    ("/api/v1/content/{id}", &["get", "delete"]),
    ("/api/v1/clients/{id}/report", &["get"]),
    ("/api/v1/clients/{id}/evidence", &["get"]),
    ("/api/v1/clients/{id}/experiments", &["get"]),
    ("/api/v1/clients/{id}/boundaries", &["get"]),
    ("/api/v1/clients/{id}/assessments", &["get"]),
    ("/api/v1/clients/{id}/joy", &["get"]),
    ("/api/v1/clients/{id}/crisis-dates", &["get"]),
    ("/api/v1/admin/accounts", &["get"]),
    ("/api/v1/account/recovery-codes", &["get", "post"]),
    ("/api/v1/account/sessions", &["get"]),
    ("/api/v1/account/sessions/{id}", &["delete"]),
    ("/api/v1/account/passkeys", &["get"]),
    ("/api/v1/account/passkeys/{id}", &["patch", "delete"]),
    ("/api/v1/account/passkeys/register/start", &["post"]),
    ("/api/v1/account/passkeys/register/finish", &["post"]),
    ("/api/v1/push/key", &["get"]),
    ("/api/v1/push/subscriptions", &["get", "post"]),
    ("/api/v1/push/subscriptions/{id}", &["delete"]),
    ("/api/v1/push/test", &["post"]),
    ("/api/v1/admin/accounts/{id}/disable", &["post"]),
    ("/api/v1/admin/accounts/{id}/enable", &["post"]),
    ("/api/v1/admin/accounts/{id}/reset", &["post"]),
    ("/api/v1/admin/practice", &["get", "put"]),
    ("/api/v1/help-now", &["get"]),
];

/// Answers the general rules below do not predict, for the probing person
/// (a client with no coach): (method, path, status, words of the sentence).
const EXCEPTIONS: &[(&str, &str, u16, &str)] = &[
    // No device yet: nothing to send, and that is an answer, not an error.
    ("post", "/api/v1/push/test", 200, "\"sent\":0"),
    ("post", "/api/v1/invitations", 403, "Only a coach account"),
    ("get", "/api/v1/coaches/{id}/consent", 404, "There is no"),
    ("get", "/api/v1/clients/{id}/checkins", 404, "There is no"),
    ("get", "/api/v1/clients/{id}/thoughts", 404, "There is no"),
    ("get", "/api/v1/clients/{id}/wins", 404, "There is no"),
    ("get", "/api/v1/clients/{id}/setbacks", 404, "There is no"),
    ("get", "/api/v1/clients/{id}/notes", 404, "There is no"),
    (
        "get",
        "/api/v1/clients/{id}/assignments",
        404,
        "There is no",
    ),
    (
        "get",
        "/api/v1/clients/{id}/programme-offers",
        404,
        "There is no",
    ),
    (
        "post",
        "/api/v1/programme-offers/{id}/accept",
        404,
        "There is no",
    ),
    (
        "post",
        "/api/v1/programme-offers/{id}/decline",
        404,
        "There is no",
    ),
    ("get", "/api/v1/clients/{id}/report", 404, "There is no"),
    ("get", "/api/v1/clients/{id}/evidence", 404, "There is no"),
    (
        "get",
        "/api/v1/clients/{id}/experiments",
        404,
        "There is no",
    ),
    ("get", "/api/v1/clients/{id}/boundaries", 404, "There is no"),
    (
        "get",
        "/api/v1/clients/{id}/assessments",
        404,
        "There is no",
    ),
    ("get", "/api/v1/clients/{id}/joy", 404, "There is no"),
    (
        "get",
        "/api/v1/clients/{id}/crisis-dates",
        404,
        "There is no",
    ),
    ("get", "/api/v1/admin/accounts", 403, "Only the operator"),
    ("get", "/api/v1/admin/practice", 403, "Only the operator"),
    ("put", "/api/v1/admin/practice", 403, "Only the operator"),
    (
        "post",
        "/api/v1/account/recovery-codes",
        409,
        "Recovery codes go with two-step sign-in",
    ),
    (
        "post",
        "/api/v1/account/passkeys/register/start",
        403,
        "needs your signed-in browser",
    ),
    (
        "post",
        "/api/v1/admin/accounts/{id}/disable",
        403,
        "Only the operator",
    ),
    (
        "post",
        "/api/v1/admin/accounts/{id}/enable",
        403,
        "Only the operator",
    ),
    (
        "post",
        "/api/v1/admin/accounts/{id}/reset",
        403,
        "Only the operator",
    ),
];

/// The methods probed on every path.
const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

#[tokio::test]
async fn every_api_route_is_served_and_documented() {
    let srv = TestServer::start().await;
    let person = srv
        .add_account("alex@example.org", "correct horse battery")
        .await;
    let token = srv.add_token(&person, "test").await;
    let mut c = srv.client();
    let doc = srv_get_json(&mut c, "/api/v1/openapi.json").await;
    let paths = doc["paths"].as_object().expect("paths");
    let http = reqwest::Client::new();

    // Every (method, path) pair: the router answers it (anything but 405)
    // exactly when the list has it and the document describes it, so a
    // method the server has but the document lacks fails here.
    for (path, methods) in API_ROUTES {
        let item = paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} missing from the document"));
        for m in METHODS {
            // The server really has it: an id route answers the handler's
            // own 404 sentence, a POST with an empty object a 4xx about the
            // body, never the fallback.
            let url = format!("{}{}", srv.base, path.replace("{id}", "no-such-id"));
            let res = match m {
                "get" => http.get(&url),
                "put" => http.put(&url).json(&serde_json::json!({})),
                "patch" => http.patch(&url).json(&serde_json::json!({})),
                "delete" => http.delete(&url),
                _ => http.post(&url).json(&serde_json::json!({})),
            }
            .bearer_auth(&token)
            .send()
            .await
            .expect("request");
            let status = res.status();
            let body = res.text().await.expect("body");
            let served = status != StatusCode::METHOD_NOT_ALLOWED;
            let op = &item[m];
            assert_eq!(
                served,
                methods.contains(&m),
                "{m} {path}: the router and the list differ ({status} {body})"
            );
            assert_eq!(
                op.is_object(),
                served,
                "{m} {path}: the router serves it but the document lacks it, or the reverse"
            );
            if !served {
                continue;
            }
            assert!(
                op["responses"]["200"].is_object()
                    || op["responses"]["201"].is_object()
                    || op["responses"]["204"].is_object()
            );
            if let Some((_, _, code, words)) = EXCEPTIONS
                .iter()
                .find(|(em, ep, _, _)| *em == m && ep == path)
            {
                assert_eq!(status.as_u16(), *code, "{m} {path}: {body}");
                assert!(body.contains(words), "{m} {path}: {body}");
            } else if path.ends_with("{id}") {
                assert_eq!(status, StatusCode::NOT_FOUND, "{m} {path}");
                assert!(body.contains("There is no"), "{m} {path}: {body}");
            } else if m == "post" || m == "put" {
                assert!(
                    status == StatusCode::BAD_REQUEST || status == StatusCode::UNPROCESSABLE_ENTITY,
                    "{m} {path}: {status} {body}"
                );
            } else if *path == "/api/v1/traps/explain" {
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{m} {path}");
            } else {
                assert_eq!(status, StatusCode::OK, "{m} {path}: {body}");
            }
        }
    }

    // Nothing is documented that the list above does not know of.
    for (path, item) in paths {
        let known = API_ROUTES.iter().find(|(p, _)| p == path);
        let (_, methods) = known.unwrap_or_else(|| panic!("{path} is documented but not listed"));
        for m in METHODS {
            assert_eq!(
                item[m].is_object(),
                methods.contains(&m),
                "{m} {path}: documented and listed differ"
            );
        }
    }

    // The schemas of the progress and export bodies.
    let schemas = &doc["components"]["schemas"];
    for name in ["Progress", "Period", "ExportDoc"] {
        assert!(schemas[name].is_object(), "schema {name} missing");
    }
    assert_eq!(
        paths["/api/v1/progress"]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"]["$ref"],
        "#/components/schemas/Progress"
    );
    assert_eq!(
        paths["/api/v1/export"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/ExportDoc"
    );

    // The index lists the same endpoints as the document.
    let index = srv_get_json(&mut c, "/api/v1").await;
    let listed: Vec<&str> = index["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let expected: usize = API_ROUTES.iter().map(|(_, m)| m.len()).sum();
    assert_eq!(listed.len(), expected, "{listed:?}");
    assert!(listed.contains(&"GET /api/v1/export"));
    assert!(listed.contains(&"POST /api/v1/setbacks"));
    assert!(listed.contains(&"PATCH /api/v1/noes/{id}"));
    assert!(listed.contains(&"PATCH /api/v1/delegations/{id}"));
}

/// Every `"$ref"` string anywhere in `v`.
fn refs<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "$ref" {
                    if let Some(s) = x.as_str() {
                        out.push(s);
                    }
                } else {
                    refs(x, out);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

/// The operations of the document: (method, path, operation).
fn operations(doc: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for m in METHODS {
            if item[m].is_object() {
                ops.push((m.to_string(), path.clone(), item[m].clone()));
            }
        }
    }
    ops
}

/// What `openapi-spec-validator` and a client generator rely on, checked
/// here in Rust (CI also runs Schemathesis against a live server).
#[tokio::test]
async fn the_document_is_structurally_valid() {
    let srv = TestServer::start().await;
    let mut c = srv.client();
    let doc = srv_get_json(&mut c, "/api/v1/openapi.json").await;
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");

    // Unique operationIds.
    let mut ids = std::collections::BTreeMap::new();
    for (m, path, op) in operations(&doc) {
        let id = op["operationId"].as_str().expect("operationId").to_string();
        if let Some(other) = ids.insert(id.clone(), format!("{m} {path}")) {
            panic!("operationId {id} is used by {other} and {m} {path}");
        }
    }

    // Path parameters are exactly the template's names; nothing read from
    // the query is declared as a path parameter.
    for (m, path, op) in operations(&doc) {
        let template: Vec<&str> = path
            .split('{')
            .skip(1)
            .filter_map(|s| s.split('}').next())
            .collect();
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let in_path: Vec<String> = params
            .iter()
            .filter(|p| p["in"] == "path")
            .filter_map(|p| p["name"].as_str().map(str::to_string))
            .collect();
        for name in &in_path {
            assert!(
                template.contains(&name.as_str()),
                "{m} {path}: path parameter {name} is not in the path"
            );
        }
        for name in &template {
            assert!(
                in_path.iter().any(|n| n == name),
                "{m} {path}: {{{name}}} is not declared"
            );
        }
        // Every operation says what a missing token gets, with the error body.
        assert_eq!(
            op["responses"]["401"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ErrorBody",
            "{m} {path}: 401"
        );
        if op.get("requestBody").is_some() {
            for status in ["400", "403", "413", "415", "422"] {
                assert_eq!(
                    op["responses"][status]["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ErrorBody",
                    "{m} {path}: {status}"
                );
            }
        }
        if !params.is_empty() {
            assert!(op["responses"]["400"].is_object(), "{m} {path}: 400");
        }
    }

    // Every reference resolves.
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{r} does not point at a schema"));
        assert!(schemas.contains_key(name), "{r} does not resolve");
    }

    // The two `Outcome` types have names of their own, so an answer of
    // /progress/outcomes matches its schema and a timebox's outcome its own.
    assert!(!schemas.contains_key("Outcome"));
    let values = |name: &str| -> Vec<String> {
        schemas[name]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} enum"))
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    assert!(values("ProgressOutcome").contains(&"overwork".to_string()));
    assert!(values("TimeboxOutcome").contains(&"shipped".to_string()));

    // Ranges, fixed sets and required text are in the schema.
    let prop = |schema: &str, field: &str| schemas[schema]["properties"][field].clone();
    assert_eq!(prop("NewCheckIn", "mood")["minimum"], 0);
    assert_eq!(prop("NewCheckIn", "mood")["maximum"], 10);
    assert_eq!(prop("NewThought", "belief")["maximum"], 100);
    assert_eq!(prop("NewNo", "guilt_before")["maximum"], 10);
    assert_eq!(prop("NewRung", "distress")["maximum"], 100);
    assert_eq!(prop("NewWin", "text")["minLength"], 1);
    assert_eq!(
        prop("NewEvidence", "kind")["$ref"],
        "#/components/schemas/EvidenceKind"
    );
    assert_eq!(
        prop("RecordExperiment", "happened")["$ref"],
        "#/components/schemas/Happened"
    );
}

/// The array-answering GETs (lists) of the document, with a query that
/// lets each one answer 200.
fn list_paths(doc: &serde_json::Value) -> Vec<String> {
    operations(doc)
        .into_iter()
        .filter(|(m, path, op)| {
            m == "get"
                && !path.contains('{')
                && op["responses"]["200"]["content"]["application/json"]["schema"]["type"]
                    == "array"
        })
        .map(|(_, path, _)| {
            if path == "/api/v1/traps/explain" {
                format!("{path}?text=I%20always%20fail")
            } else {
                path
            }
        })
        .collect()
}

#[tokio::test]
async fn a_write_without_any_credentials_is_a_401_with_the_json_error() {
    let srv = TestServer::start().await;
    let http = reqwest::Client::new();
    for (m, path) in [
        (reqwest::Method::POST, "/api/v1/checkins"),
        (reqwest::Method::POST, "/api/v1/wins"),
        (reqwest::Method::PUT, "/api/v1/critic"),
        (reqwest::Method::PATCH, "/api/v1/noes/some-id"),
        (reqwest::Method::DELETE, "/api/v1/enrolment"),
        (reqwest::Method::POST, "/api/v1/timeboxes/current/recheck"),
    ] {
        let res = http
            .request(m.clone(), format!("{}{path}", srv.base))
            .json(&serde_json::json!({"text": "x"}))
            .send()
            .await
            .expect("request");
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{m} {path}");
        let v: serde_json::Value = res.json().await.expect("json");
        let e = v["error"].as_str().expect("error sentence");
        assert!(e.contains("Bearer"), "{m} {path}: {e}");
        assert!(!e.contains("CSRF"), "{m} {path}: {e}");
    }
}

#[tokio::test]
async fn unreadable_queries_paths_and_bodies_answer_json_in_the_documented_shape() {
    let srv = TestServer::start_with(goodenough_web::WebConfig {
        body_limit: 4 * 1024,
        ..Default::default()
    })
    .await;
    let person = srv
        .add_account("alex@example.org", "correct horse battery")
        .await;
    let token = srv.add_token(&person, "test").await;
    let http = reqwest::Client::new();
    let send = |req: reqwest::RequestBuilder| async {
        let res = req.bearer_auth(&token).send().await.expect("request");
        let status = res.status();
        let json = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let body = res.text().await.expect("body");
        assert!(json, "{status}: not JSON: {body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        (status, v["error"].as_str().expect("error").to_string())
    };
    let url = |p: &str| format!("{}{p}", srv.base);
    let body = serde_json::json!({"text": "shipped it"});

    // Query strings.
    let (s, e) = send(http.get(url("/api/v1/checkins?limit=ten"))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e.contains("\"limit\"") && e.contains("1 to 1000"), "{e}");
    let (s, e) = send(http.get(url("/api/v1/checkins?since="))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e.contains("\"since\" is empty"), "{e}");
    let (s, e) = send(http.post(url("/api/v1/checkins?replace=maybe")).json(&body)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e.contains("\"replace\" should be true or false"), "{e}");
    // A path segment that is not UTF-8.
    let (s, e) = send(http.get(url("/api/v1/checkins/%FF"))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e.contains("path"), "{e}");
    // Bodies: syntax, a list instead of an object, another type, too large.
    let (s, e) = send(
        http.post(url("/api/v1/wins"))
            .header("content-type", "application/json")
            .body("{\"text\": "),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e.starts_with("The body is not valid JSON"), "{e}");
    let (s, e) = send(
        http.post(url("/api/v1/wins"))
            .json(&serde_json::json!([null, "shipped it"])),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e.contains("JSON object"), "{e}");
    let (s, _) = send(
        http.post(url("/api/v1/wins"))
            .header("content-type", "text/plain")
            .body("shipped it"),
    )
    .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (s, e) = send(
        http.post(url("/api/v1/wins"))
            .json(&serde_json::json!({"text": "x".repeat(8 * 1024)})),
    )
    .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(e.contains("KiB"), "{e}");

    // JSON Schema counts 3.0 as an integer; so does the API.
    let res = http
        .post(url("/api/v1/noes"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"request": "r", "response": "no", "guilt_before": 3.0}))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::CREATED);
    let v: serde_json::Value = res.json().await.expect("json");
    assert_eq!(v["guilt_before"], 3);
}

/// The `Link: <…>; rel="next"` target of an answer, if any.
fn next_link(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let link = headers.get("link")?.to_str().ok()?;
    link.split(',')
        .find(|l| l.contains("rel=\"next\""))
        .and_then(|l| l.split('<').nth(1))
        .and_then(|l| l.split('>').next())
        .map(str::to_string)
}

#[tokio::test]
async fn lists_come_in_pages_that_a_client_can_walk() {
    let srv = TestServer::start().await;
    let person = srv
        .add_account("alex@example.org", "correct horse battery")
        .await;
    let token = srv.add_token(&person, "test").await;
    srv.import_demo(&person, 240).await;
    // The operator's lists are the operator's: asked with an admin's token.
    let admin = srv
        .state
        .store
        .create_account(
            "op@example.org",
            "not-a-hash",
            goodenough_store::Role::Admin,
            &goodenough_core::Settings::defaults("UTC"),
        )
        .await
        .expect("an admin");
    let admin_token = srv.add_token(&admin, "test").await;
    let http = reqwest::Client::new();
    let get = |path: String| {
        let token = if path.starts_with("/api/v1/admin/") {
            &admin_token
        } else {
            &token
        };
        let req = http.get(format!("{}{path}", srv.base)).bearer_auth(token);
        async move {
            let res = req.send().await.expect("request");
            let status = res.status();
            let headers = res.headers().clone();
            let v: serde_json::Value = res.json().await.expect("json");
            (status, headers, v)
        }
    };
    let (_, _, export) = get("/api/v1/export".into()).await;
    let all: Vec<&str> = export["checkins"]
        .as_array()
        .expect("checkins")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert!(all.len() > 150, "the demo has {} check-ins", all.len());

    // The first page: the newest 100, oldest first, and a link to older ones.
    let (s, h, first) = get("/api/v1/checkins".into()).await;
    assert_eq!(s, StatusCode::OK);
    let ids: Vec<&str> = first
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids, all[all.len() - 100..]);
    let next = next_link(&h).expect("a next link");
    assert!(
        next.starts_with("/api/v1/checkins?limit=100&before="),
        "{next}"
    );

    // A walk with another page size sees every check-in exactly once.
    let mut seen: Vec<String> = Vec::new();
    let mut path = Some("/api/v1/checkins?limit=37".to_string());
    let mut pages = 0;
    while let Some(p) = path {
        let (s, h, page) = get(p.clone()).await;
        assert_eq!(s, StatusCode::OK, "{p}");
        let items = page.as_array().expect("array");
        assert!(items.len() <= 37 && !items.is_empty(), "{p}");
        // Each page is older than the one before; printed oldest first.
        let mut ids: Vec<String> = items
            .iter()
            .filter_map(|c| c["id"].as_str().map(str::to_string))
            .collect();
        ids.append(&mut seen);
        seen = ids;
        path = next_link(&h);
        pages += 1;
        assert!(pages <= all.len(), "the walk does not end");
    }
    assert_eq!(seen, all, "every check-in once, in order");
    assert_eq!(pages, all.len().div_ceil(37));

    // Other query parameters stay in the link.
    let (_, h, _) = get("/api/v1/checkins?since=2000-01-01&limit=5".into()).await;
    assert!(next_link(&h).expect("next").contains("since=2000-01-01"));

    // A limit out of range or not a number: 400 with a sentence.
    for bad in ["0", "1001", "ten", "-1"] {
        let (s, h, v) = get(format!("/api/v1/checkins?limit={bad}")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "limit={bad}");
        assert!(v["error"]
            .as_str()
            .expect("error")
            .contains("from 1 to 1000"));
        assert!(h.get("link").is_none());
    }

    // Every list of the API takes the same parameters.
    let mut c = srv.client();
    let doc = srv_get_json(&mut c, "/api/v1/openapi.json").await;
    let lists = list_paths(&doc);
    assert!(lists.len() >= 25, "{lists:?}");
    for path in lists {
        let sep = if path.contains('?') { '&' } else { '?' };
        let (s, h, v) = get(format!("{path}{sep}limit=1")).await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        let n = v.as_array().expect("array").len();
        assert!(n <= 1, "{path}: {n} items with limit=1");
        if let Some(next) = next_link(&h) {
            let (s, _, older) = get(next.clone()).await;
            assert_eq!(s, StatusCode::OK, "{next}");
            assert_ne!(older, v, "{next} gives the same page");
        }
        let (s, _, _) = get(format!("{path}{sep}limit=1001")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{path}");
    }
}

/// utoipa names a schema after its type alone, so two API types with one
/// name would leave the document describing one body for both routes (a
/// programme offer's acceptance once replaced an invitation's). Every
/// schema type of the API modules has a name of its own.
#[test]
fn every_schema_type_of_the_api_has_a_name_of_its_own() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
    let mut seen: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the API sources")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    assert!(files.len() > 10, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a source file");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(rest) = line
                .trim_start()
                .strip_prefix("pub struct ")
                .or_else(|| line.trim_start().strip_prefix("pub enum "))
            else {
                continue;
            };
            let derives_schema = lines[i.saturating_sub(4)..i]
                .iter()
                .any(|l| l.contains("derive(") && l.contains("ToSchema"));
            if !derives_schema {
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let here = path.display().to_string();
            if let Some(before) = seen.insert(name.clone(), here.clone()) {
                panic!("the schema name {name} is used in {before} and in {here}");
            }
        }
    }
    assert!(seen.contains_key("OfferAcceptance"), "{seen:?}");
}
