//! PNG screenshots of the main pages, for people to look at (ignored by
//! default; it asserts nothing about looks). `scripts/screenshots.sh` seeds a
//! demo store, starts `goodenough serve` and runs this with:
//!
//! - `GOODENOUGH_SCREENSHOT_URL`: the server, e.g. `http://127.0.0.1:8181`
//! - `GOODENOUGH_SCREENSHOT_EMAIL` / `GOODENOUGH_SCREENSHOT_PASSWORD`: an account
//! - `GOODENOUGH_SCREENSHOT_DIR`: where the PNGs go (default `target/screenshots`)

use crate::support;

use std::path::{Path, PathBuf};

/// Pages and their file names. The printable report (a download from the
/// form on `/progress`) is taken as well, as `report-*.png`.
const PAGES: [(&str, &str); 10] = [
    ("/today", "today"),
    ("/checkin", "checkin"),
    ("/thoughts", "thoughts"),
    ("/thoughts/new", "thought-new"),
    ("/programme", "programme"),
    ("/reviews", "reviews"),
    ("/evidence", "evidence"),
    ("/progress", "progress"),
    ("/settings", "settings"),
    ("/more", "more"),
];

/// Window sizes: (name, width, height). In `--headless=new` the page area is
/// about 143 px shorter than the window, so 987 gives a 390×844 phone.
const SIZES: [(&str, u32, u32); 2] = [("desktop", 1280, 900), ("phone", 390, 987)];

fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set; run scripts/screenshots.sh, which sets it"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes PNGs for people to look at; run scripts/screenshots.sh"]
async fn screenshots() {
    let base = env("GOODENOUGH_SCREENSHOT_URL");
    let email = env("GOODENOUGH_SCREENSHOT_EMAIL");
    let password = env("GOODENOUGH_SCREENSHOT_PASSWORD");
    let dir = std::env::var_os("GOODENOUGH_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/screenshots"));
    std::fs::create_dir_all(&dir).expect("screenshot directory");

    for (size, width, height) in SIZES {
        let Some(b) = support::start("screenshots", width, height).await else {
            return;
        };
        b.goto(&base, "/login").await;
        b.fill("#email", &email).await;
        b.fill("#password", &password).await;
        b.click_to("main form button[type=submit]", "/today").await;
        for (path, name) in PAGES {
            b.goto(&base, path).await;
            shoot(&b, &dir, name, size, width, height).await;
        }
        // The report: ask for it on /progress, open the downloaded file.
        b.goto(&base, "/progress").await;
        b.el("form[action=\"/report\"] button[type=submit]")
            .await
            .click()
            .await
            .expect("ask for the report");
        let file = b.downloaded(".html").await;
        b.driver
            .goto(format!("file://{}", file.display()))
            .await
            .expect("open the report");
        shoot(&b, &dir, "report", size, width, height).await;
        b.quit().await;
    }
}

/// A PNG of the whole current page: the window grows to the document's
/// height for the picture and shrinks back afterwards.
async fn shoot(b: &support::Browser, dir: &Path, name: &str, size: &str, width: u32, height: u32) {
    let full = b
        .number("return document.documentElement.scrollHeight")
        .await;
    let tall = (full as u32 + 143).clamp(height, 6000);
    b.driver
        .set_window_rect(0, 0, width, tall)
        .await
        .expect("resize");
    let png = b.driver.screenshot_as_png().await.expect("screenshot");
    let file = dir.join(format!("{name}-{size}.png"));
    std::fs::write(&file, png).expect("write PNG");
    println!("wrote {}", file.display());
    b.driver
        .set_window_rect(0, 0, width, height)
        .await
        .expect("resize back");
}
