//! Installable and phone-shaped: the web app manifest, the icons, the
//! service worker, the offline page, and the menu (a tab bar of five, the
//! rest on `/more`, Help now in every header).

use goodenough_web::layout::MORE;
use goodenough_web::testing::{signed_in, TestServer};
use reqwest::StatusCode;

const EMAIL: &str = "sam@example.org";
const PW: &str = "a long enough passphrase";

fn content_type(h: &reqwest::header::HeaderMap) -> String {
    h.get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Status, content type and body bytes of a GET without a session.
async fn fetch(srv: &TestServer, path: &str) -> (StatusCode, String, Vec<u8>) {
    let res = reqwest::get(format!("{}{path}", srv.base))
        .await
        .expect("request");
    let status = res.status();
    let ct = content_type(res.headers());
    (status, ct, res.bytes().await.expect("body").to_vec())
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let n = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    (n(16), n(20))
}

#[tokio::test]
async fn the_manifest_names_the_app_and_its_icons() {
    let srv = TestServer::start().await;
    let (status, ct, body) = fetch(&srv, "/manifest.webmanifest").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "application/manifest+json");
    let m: serde_json::Value = serde_json::from_slice(&body).expect("manifest is JSON");
    assert_eq!(m["name"], "goodenough");
    assert_eq!(m["short_name"], "goodenough");
    assert_eq!(m["start_url"], "/today");
    assert_eq!(m["scope"], "/");
    assert_eq!(m["display"], "standalone");
    for key in ["theme_color", "background_color"] {
        let colour = m[key].as_str().unwrap_or_default();
        assert!(
            colour.len() == 7 && colour.starts_with('#'),
            "{key}: {colour:?}"
        );
    }
    let icons = m["icons"].as_array().expect("icons");
    let mut seen = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().expect("src");
        let sizes = icon["sizes"].as_str().expect("sizes");
        let purpose = icon["purpose"].as_str().expect("purpose");
        assert_eq!(icon["type"], "image/png");
        let (status, ct, bytes) = fetch(&srv, src).await;
        assert_eq!(status, StatusCode::OK, "{src}");
        assert_eq!(ct, "image/png", "{src}");
        let (w, h) = png_size(&bytes);
        assert_eq!(format!("{w}x{h}"), sizes, "{src}");
        seen.push(format!("{sizes} {purpose}"));
    }
    for want in [
        "192x192 any",
        "512x512 any",
        "192x192 maskable",
        "512x512 maskable",
    ] {
        assert!(seen.iter().any(|s| s == want), "{want} in {seen:?}");
    }
}

#[tokio::test]
async fn favicons_are_served() {
    let srv = TestServer::start().await;
    let (status, ct, body) = fetch(&srv, "/favicon.svg").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "image/svg+xml");
    assert!(String::from_utf8_lossy(&body).starts_with("<svg"));
    let (status, ct, body) = fetch(&srv, "/favicon.ico").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "image/x-icon");
    assert!(body.starts_with(&[0, 0, 1, 0]), "an ICO file");
}

#[tokio::test]
async fn the_service_worker_caches_only_public_files() {
    let srv = TestServer::start().await;
    let (status, ct, body) = fetch(&srv, "/sw.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        ct.starts_with("text/javascript") || ct.starts_with("application/javascript"),
        "{ct}"
    );
    let js = String::from_utf8(body).expect("text");
    assert!(!js.contains("__VERSION__"), "the cache name is filled in");
    assert!(js.contains("var CACHE = \"goodenough-"));
    // The files kept on the device: public ones only.
    let list = js
        .split("var PRECACHE = [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("the precache list");
    let paths: Vec<&str> = list
        .split(',')
        .map(|p| p.trim().trim_matches('"'))
        .filter(|p| !p.is_empty())
        .collect();
    for want in ["/offline", "/help-now", "/assets/app.css", "/assets/app.js"] {
        assert!(paths.contains(&want), "{want} in {paths:?}");
    }
    for path in &paths {
        let (status, _, _) = fetch(&srv, path).await;
        assert_eq!(status, StatusCode::OK, "{path} opens without a session");
        assert!(
            *path == "/offline"
                || *path == "/help-now"
                || path.starts_with("/assets/")
                || path.starts_with("/favicon."),
            "{path} is not a public file"
        );
    }
    // Its credentials are left out when it fetches them.
    assert!(js.contains("credentials: \"omit\""));
    // The policy names the worker and the manifest.
    let res = reqwest::get(format!("{}/today", srv.base))
        .await
        .expect("request");
    let csp = res
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(csp.contains("worker-src 'self'"), "{csp}");
    assert!(csp.contains("manifest-src 'self'"), "{csp}");
}

#[tokio::test]
async fn the_offline_page_is_public_kind_and_links_help_now() {
    let srv = TestServer::start().await;
    let mut anon = srv.client();
    let p = anon.get("/offline").await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(p.path(), "/offline", "no redirect to sign in");
    assert!(p.body.contains("You are offline"));
    assert!(p.body.contains("Nothing you typed is lost by this page"));
    assert!(p.body.contains("href=\"/help-now\""));
    // The same page signed in: nothing of the person in it (it is kept on
    // the device).
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/offline").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.body.contains(EMAIL));
    assert!(!p.body.contains("name=\"csrf\""));
    assert!(!p.body.contains("action=\"/logout\""));
}

#[tokio::test]
async fn every_head_links_the_manifest_and_theme_colours() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let mut anon = srv.client();
    let pages = [
        c.get("/today").await,
        c.get("/more").await,
        c.get("/nowhere").await,
        anon.get("/login").await,
        anon.get("/help-now").await,
        anon.get("/nowhere").await,
    ];
    for p in &pages {
        let path = p.path();
        assert!(
            p.body
                .contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"),
            "{path}"
        );
        assert!(
            p.body
                .contains("name=\"theme-color\" media=\"(prefers-color-scheme: light)\""),
            "{path}"
        );
        assert!(
            p.body
                .contains("name=\"theme-color\" media=\"(prefers-color-scheme: dark)\""),
            "{path}"
        );
        assert!(p.body.contains("rel=\"icon\""), "{path}");
        assert!(p.body.contains("class=\"help-now\""), "{path}: Help now");
        assert!(p.body.contains("href=\"#main\""), "{path}: skip link");
    }
}

#[tokio::test]
async fn the_tab_bar_has_five_places_and_more_lists_the_rest() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/checkin").await;
    assert_eq!(p.body.matches("<li class=\"tab").count(), 5);
    assert!(p.body.contains("href=\"/checkin\" aria-current=\"page\""));
    assert_eq!(p.body.matches("aria-current=\"page\"").count(), 1);

    // A page from "More": the side menu marks it, the More tab looks chosen.
    let p = c.get("/wins").await;
    assert!(p.body.contains("href=\"/wins\" aria-current=\"page\""));
    assert!(p.body.contains("<a class=\"in-more\" href=\"/more\">"));

    let p = c.get("/more").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("href=\"/more\" aria-current=\"page\""));
    let list = p
        .body
        .split("<ul class=\"more-list\">")
        .nth(1)
        .expect("the list");
    for (path, label) in MORE {
        assert!(
            list.contains(&format!("href=\"{path}\">{label}</a>")),
            "{label} on /more"
        );
    }
    assert!(list.contains("href=\"/help-now\""));
    assert!(
        list.contains("action=\"/logout\""),
        "signing out is on /more"
    );

    // Signed out: no menu, Help now in the header.
    let mut anon = srv.client();
    assert_eq!(anon.get("/more").await.path(), "/login");
}

#[tokio::test]
async fn a_missing_page_keeps_the_menu_that_fits() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/no-such-page").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(p.body.contains("There is no page here"));
    assert!(p
        .body
        .contains("<nav class=\"site-nav\" aria-label=\"Main\">"));
    assert!(p.body.contains("class=\"help-now\""));
    let mut anon = srv.client();
    let p = anon.get("/no-such-page").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(p.body.contains("There is no page here"));
    assert!(!p.body.contains("site-nav"), "no menu signed out");
    assert!(p.body.contains("class=\"help-now\""));
    // The API keeps its JSON answer.
    let p = anon.get("/api/v1/no-such-thing").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(p.json()["error"].as_str().is_some());
}
