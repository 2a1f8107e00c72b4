//! Static assets, embedded in the binary: the stylesheet, the little
//! JavaScript there is (pages work without it), the icons, the web app
//! manifest and the service worker.
//!
//! The icons are drawn once by `scripts/icons.py` and committed.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::layout::THEME_LIGHT;
use crate::AppState;

const APP_CSS: &str = include_str!("../assets/app.css");
const APP_JS: &str = include_str!("../assets/app.js");
const SW_JS: &str = include_str!("../assets/sw.js");
const FAVICON_SVG: &str = include_str!("../assets/icons/favicon.svg");
const FAVICON_ICO: &[u8] = include_bytes!("../assets/icons/favicon.ico");
const ICONS: &[(&str, &[u8])] = &[
    (
        "/assets/icons/icon-192.png",
        include_bytes!("../assets/icons/icon-192.png"),
    ),
    (
        "/assets/icons/icon-512.png",
        include_bytes!("../assets/icons/icon-512.png"),
    ),
    (
        "/assets/icons/icon-maskable-192.png",
        include_bytes!("../assets/icons/icon-maskable-192.png"),
    ),
    (
        "/assets/icons/icon-maskable-512.png",
        include_bytes!("../assets/icons/icon-maskable-512.png"),
    ),
];

/// The page background, also the splash screen's colour when the installed
/// app starts (the manifest has one colour; dark mode follows once the page
/// is shown).
const BACKGROUND_LIGHT: &str = "#fbfaf7";

/// The web app manifest: installable, opens on Today.
pub fn manifest() -> String {
    serde_json::json!({
        "id": "/today",
        "name": "goodenough",
        "short_name": "goodenough",
        "description": "A private coaching companion for everyday perfectionism: check in, notice, practise.",
        "lang": "en",
        "start_url": "/today",
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND_LIGHT,
        "theme_color": THEME_LIGHT,
        "icons": [
            {"src": "/assets/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": "/assets/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": "/assets/icons/icon-maskable-192.png", "sizes": "192x192", "type": "image/png", "purpose": "maskable"},
            {"src": "/assets/icons/icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    })
    .to_string()
}

/// FNV-1a, 64 bit: a stable fingerprint of what the service worker caches.
fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The service worker, its cache named after a fingerprint of the cached
/// files (the help message can differ per deployment), so an upgrade or a
/// new help message replaces the old cache.
fn service_worker(state: &AppState) -> String {
    let mut parts: Vec<&[u8]> = vec![
        env!("CARGO_PKG_VERSION").as_bytes(),
        APP_CSS.as_bytes(),
        APP_JS.as_bytes(),
        SW_JS.as_bytes(),
        FAVICON_SVG.as_bytes(),
        FAVICON_ICO,
        state.safety.help_message().as_bytes(),
    ];
    parts.extend(ICONS.iter().map(|(_, bytes)| *bytes));
    SW_JS.replace("__VERSION__", &format!("{:016x}", fingerprint(&parts)))
}

/// `/assets/app.css`, `/assets/app.js`, `/assets/icons/*.png`,
/// `/favicon.svg`, `/favicon.ico`, `/manifest.webmanifest` and `/sw.js`
/// (served from the root, so its scope is the whole app).
pub fn routes() -> Router<AppState> {
    let mut r = Router::new()
        .route(
            "/assets/app.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], APP_CSS) }),
        )
        .route(
            "/assets/app.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    APP_JS,
                )
                    .into_response()
            }),
        )
        .route(
            "/favicon.svg",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "image/svg+xml"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    FAVICON_SVG,
                )
            }),
        )
        .route(
            "/favicon.ico",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "image/x-icon"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    FAVICON_ICO,
                )
            }),
        )
        .route(
            "/manifest.webmanifest",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "application/manifest+json"),
                        (header::CACHE_CONTROL, "no-cache"),
                    ],
                    manifest(),
                )
            }),
        )
        .route(
            "/sw.js",
            get(|State(state): State<AppState>| async move {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "no-cache"),
                    ],
                    service_worker(&state),
                )
            }),
        );
    for (path, bytes) in ICONS {
        let bytes: &'static [u8] = bytes;
        r = r.route(
            path,
            get(move || async move { ([(header::CONTENT_TYPE, "image/png")], bytes) }),
        );
    }
    r
}
