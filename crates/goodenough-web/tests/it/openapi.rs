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
            assert!(op["responses"]["200"].is_object() || op["responses"]["201"].is_object());
            if path.ends_with("{id}") {
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
