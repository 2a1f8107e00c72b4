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
