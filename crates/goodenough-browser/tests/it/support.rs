//! Starts Debian's chromedriver and a headless Chromium session for a test.
//!
//! - Binaries: `/usr/bin/chromium` and `/usr/bin/chromedriver`, or the paths
//!   in `GOODENOUGH_CHROMIUM` / `GOODENOUGH_CHROMEDRIVER`. Nothing is ever
//!   downloaded.
//! - When they are missing, [`start`] prints that the test skipped and
//!   returns `None`, unless `GOODENOUGH_REQUIRE_BROWSER=1` (CI), which turns
//!   the skip into a failure.
//! - chromedriver listens on a free loopback port and runs in a process group
//!   of its own; the group (driver and browser) is killed when [`Browser`] is
//!   dropped, also when a test panics.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use thirtyfour::extensions::query::ElementPollerWithTimeout;
use thirtyfour::prelude::*;

/// A WebDriver session on its own chromedriver and browser profile.
pub struct Browser {
    pub driver: WebDriver,
    chromedriver: Child,
    _profile: tempfile::TempDir,
    /// Where the browser saves downloads (inside the profile directory).
    pub downloads: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The whole group: chromedriver and the browser it started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.chromedriver.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
    }
}

impl Browser {
    /// Ends the WebDriver session politely (the drop kills what is left).
    pub async fn quit(self) {
        let _ = self.driver.clone().quit().await;
    }

    /// Goes to `base` + `path`.
    pub async fn goto(&self, base: &str, path: &str) {
        self.driver
            .goto(format!("{base}{path}"))
            .await
            .unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
    }

    /// The path of the current page.
    pub async fn path(&self) -> String {
        self.driver
            .current_url()
            .await
            .expect("current url")
            .path()
            .to_string()
    }

    /// Clicks a button and waits until a new document has loaded whose path
    /// starts with `path`. Returns the path.
    pub async fn click_to(&self, css: &str, path: &str) -> String {
        // Mark the current document; the next one will not carry the mark
        // (also when a form posts back to the same path).
        self.driver
            .execute("window.__geOld = true; return 1", Vec::new())
            .await
            .expect("mark document");
        let el = self.el(css).await;
        // In the middle of the screen first, as a person would scroll it:
        // on a phone the tab bar covers the bottom edge.
        self.driver
            .execute(
                "arguments[0].scrollIntoView({block: 'center'}); return 1",
                vec![el.to_json().expect("element")],
            )
            .await
            .expect("scroll");
        el.click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css:?}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let state = self
                .driver
                .execute(
                    "return [window.__geOld === true, document.readyState, location.pathname]",
                    Vec::new(),
                )
                .await
                .ok()
                .map(|r| r.json().clone());
            if let Some(v) = &state {
                let old = v[0].as_bool().unwrap_or(true);
                let ready = v[1].as_str() == Some("complete");
                let now = v[2].as_str().unwrap_or_default();
                if !old && ready && now.starts_with(path) {
                    return now.to_string();
                }
            }
            assert!(
                Instant::now() < deadline,
                "after clicking {css:?} the browser did not reach {path}: {state:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The first element matching a CSS selector, scrolled to the middle of
    /// the screen (chromedriver's own scrolling can leave it under the
    /// phone's fixed tab bar).
    pub async fn centred(&self, css: &str) -> WebElement {
        let el = self.el(css).await;
        self.driver
            .execute(
                "arguments[0].scrollIntoView({block: 'center'}); return 1",
                vec![el.to_json().expect("element as an argument")],
            )
            .await
            .unwrap_or_else(|e| panic!("cannot scroll to {css:?}: {e}"));
        el
    }

    /// The first element matching a CSS selector, waiting for it briefly.
    pub async fn el(&self, css: &str) -> WebElement {
        match self.driver.query(By::Css(css)).first().await {
            Ok(el) => el,
            Err(e) => panic!("no element {css:?} on {}: {e}", self.path().await),
        }
    }

    /// Replaces the value of a text-like field.
    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.el(css).await;
        el.clear().await.expect("clear");
        el.send_keys(text).await.expect("type");
    }

    /// Clicks (taps) an element, such as the label of a radio button. It is
    /// scrolled to the middle of the screen first, as a person would, so
    /// the phone's fixed tab bar is not in the way.
    pub async fn tap(&self, css: &str) {
        let el = self.centred(css).await;
        el.click()
            .await
            .unwrap_or_else(|e| panic!("cannot tap {css:?}: {e}"));
    }

    /// Makes the first account through the setup page, as a person does on
    /// a new goodenough, and lands on Today signed in.
    pub async fn set_up(&self, base: &str, name: &str, email: &str, password: &str) {
        self.goto(base, "/setup").await;
        self.fill("#name", name).await;
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click_to("main form button[type=submit]", "/today")
            .await;
    }

    /// Chooses an option of a `<select>` by value.
    pub async fn choose(&self, select_css: &str, value: &str) {
        self.el(&format!("{select_css} option[value=\"{value}\"]"))
            .await
            .click()
            .await
            .expect("choose option");
    }

    /// The visible text of the page body.
    pub async fn body_text(&self) -> String {
        self.el("body").await.text().await.expect("body text")
    }

    /// Waits until the download folder holds one finished file whose name
    /// ends with `suffix` and returns its path (10 s at most).
    pub async fn downloaded(&self, suffix: &str) -> PathBuf {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mut names = Vec::new();
            if let Ok(dir) = std::fs::read_dir(&self.downloads) {
                for entry in dir.flatten() {
                    names.push(entry.path());
                }
            }
            // Chromium writes to a `.crdownload` file and renames it when done.
            let partial = names
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == "crdownload"));
            let done: Vec<&PathBuf> = names
                .iter()
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect();
            if !partial && done.len() == 1 {
                return done[0].clone();
            }
            assert!(
                Instant::now() < deadline,
                "no finished download ending with {suffix:?} in {}: {names:?}",
                self.downloads.display()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs a script that returns a number.
    pub async fn number(&self, script: &str) -> f64 {
        let ret = self
            .driver
            .execute(script, Vec::new())
            .await
            .expect("script");
        ret.json().as_f64().expect("a number")
    }
}

fn require_browser() -> bool {
    std::env::var("GOODENOUGH_REQUIRE_BROWSER").is_ok_and(|v| v == "1" || v == "true")
}

fn binary(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default))
}

/// Starts chromedriver and a headless Chromium session with a window of the
/// given size. `None` (after printing why) when the browser is not installed
/// and not required.
pub async fn start(test: &str, width: u32, height: u32) -> Option<Browser> {
    let chromium = binary("GOODENOUGH_CHROMIUM", "/usr/bin/chromium");
    let chromedriver = binary("GOODENOUGH_CHROMEDRIVER", "/usr/bin/chromedriver");
    for path in [&chromium, &chromedriver] {
        if !path.exists() {
            let msg = format!(
                "{} is not installed (apt-get install -y chromium chromium-driver fonts-dejavu-core)",
                path.display()
            );
            if require_browser() {
                panic!("GOODENOUGH_REQUIRE_BROWSER=1 but {msg}");
            }
            // Straight to stderr (not eprintln!), so the harness does not
            // swallow the note for a passing test.
            let _ = writeln!(std::io::stderr(), "SKIPPED browser test {test}: {msg}");
            return None;
        }
    }

    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
    let profile = tempfile::tempdir().expect("profile dir");
    let downloads = profile.path().join("downloads");
    std::fs::create_dir_all(&downloads).expect("download dir");
    let mut browser_guard = Guard(Some(child));
    wait_ready(port);

    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(&chromium.to_string_lossy())
        .expect("binary");
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
        &format!("--window-size={width},{height}"),
        &format!("--user-data-dir={}", profile.path().display()),
    ] {
        caps.add_arg(arg).expect("browser argument");
    }
    // Downloads go straight to the profile's folder, without a prompt.
    caps.add_experimental_option(
        "prefs",
        serde_json::json!({
            "download.default_directory": downloads.to_string_lossy(),
            "download.prompt_for_download": false,
            "download.directory_upgrade": true,
        }),
    )
    .expect("download preferences");
    let driver = WebDriver::builder(format!("http://127.0.0.1:{port}"), caps)
        .poller(Arc::new(ElementPollerWithTimeout::new(
            Duration::from_secs(10),
            Duration::from_millis(50),
        )))
        .await
        .unwrap_or_else(|e| panic!("cannot start a Chromium session: {e}"));
    driver
        .set_window_rect(0, 0, width, height)
        .await
        .expect("window size");
    Some(Browser {
        driver,
        chromedriver: browser_guard.0.take().expect("child"),
        _profile: profile,
        downloads,
    })
}

/// Kills chromedriver if starting the session fails half-way.
struct Guard(Option<Child>);

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", c.id())])
                .stderr(Stdio::null())
                .status();
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Polls chromedriver's `GET /status` until it says ready (20 s at most).
fn wait_ready(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if status_ready(port) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "chromedriver on port {port} did not become ready"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn status_ready(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let req =
        format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body.contains("\"ready\":true") || body.contains("\"ready\": true")
}
