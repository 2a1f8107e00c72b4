//! On a 390 × 844 phone: the header and the tab bar take under 15% of the
//! screen on every page of the menu, no page of the menu is wider than the
//! screen, the manifest is valid, the service worker registers, and when the
//! server cannot be reached a page shows the offline page, Help now still
//! opens, and the device's cache holds no signed-in page. At 1280 px the
//! menu is one column beside the page, no entry wrapping.

use std::time::Duration;

use crate::support;

use goodenough_web::testing::TestServer;
use serde_json::Value;

const EMAIL: &str = "robin@example.org";
const PW: &str = "a long enough passphrase";

async fn json(b: &support::Browser, script: &str) -> Value {
    b.driver
        .execute(script, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("script {script:?}: {e}"))
        .json()
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_gets_a_tab_bar_an_installable_app_and_an_offline_page() {
    // In --headless=new the page area is 143 px shorter than the window:
    // 390×987 gives a 390×844 phone.
    let Some(b) = support::start("installable_on_a_phone", 390, 987).await else {
        return;
    };
    // A server of its own on the test server's state, so the test can stop
    // it and see what the phone shows without a connection.
    let srv = TestServer::start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(goodenough_web::serve_with_shutdown(
        listener,
        srv.state.clone(),
        async move {
            let _ = stopped.await;
        },
    ));
    let base = base.as_str();

    b.set_up(base, "Robin", EMAIL, PW).await;

    let inner_w = b.number("return window.innerWidth").await;
    let inner_h = b.number("return window.innerHeight").await;
    assert!(
        (inner_w - 390.0).abs() < 1.0,
        "viewport is {inner_w} px wide"
    );
    assert!(
        (inner_h - 844.0).abs() < 1.0,
        "viewport is {inner_h} px high"
    );

    // Every destination of the menu, as the page lists it.
    let paths = json(
        &b,
        "return Array.from(document.querySelectorAll('nav.site-nav a')).map(a => a.getAttribute('href'))",
    )
    .await;
    let paths: Vec<String> = paths
        .as_array()
        .expect("links")
        .iter()
        .map(|v| v.as_str().expect("href").to_string())
        .collect();
    assert!(paths.len() >= 10, "{paths:?}");
    let mut problems = Vec::new();
    let mut tallest: f64 = 0.0;
    for path in &paths {
        b.goto(base, path).await;
        assert_eq!(b.path().await, *path, "{path} sent elsewhere");
        let m = json(
            &b,
            "const h = document.querySelector('header.site-header').getBoundingClientRect();
             const n = document.querySelector('nav.site-nav').getBoundingClientRect();
             const tabs = Array.from(document.querySelectorAll('nav.site-nav a'))
               .filter(a => a.getBoundingClientRect().height > 0).length;
             const help = document.querySelector('header a.help-now').getBoundingClientRect();
             return [h.height, n.height, n.bottom, document.documentElement.scrollWidth,
                     window.innerWidth, tabs, help.height > 0 && help.right <= window.innerWidth];",
        )
        .await;
        let n = |i: usize| m[i].as_f64().unwrap_or(f64::NAN);
        let chrome = n(0) + n(1);
        tallest = tallest.max(chrome);
        if chrome >= 0.15 * inner_h {
            problems.push(format!("{path}: header + tab bar {chrome} px"));
        }
        if (n(2) - inner_h).abs() > 1.0 {
            problems.push(format!("{path}: tab bar ends at {} px", n(2)));
        }
        if n(3) > n(4) {
            problems.push(format!("{path}: {} px wide", n(3)));
        }
        if n(5) != 5.0 {
            problems.push(format!("{path}: {} tabs shown", n(5)));
        }
        if m[6] != Value::Bool(true) {
            problems.push(format!("{path}: Help now not in view"));
        }
    }
    assert!(problems.is_empty(), "{problems:?}");
    eprintln!("header + tab bar at 390×844: at most {tallest} px");

    // The manifest, as the browser fetches it.
    b.goto(base, "/today").await;
    let m = json(
        &b,
        "const href = document.querySelector('link[rel=manifest]').href;
         return fetch(href).then(r => r.json());",
    )
    .await;
    assert_eq!(m["start_url"], "/today", "{m}");
    assert_eq!(m["display"], "standalone", "{m}");
    let sizes: Vec<&str> = m["icons"]
        .as_array()
        .expect("icons")
        .iter()
        .filter_map(|i| i["sizes"].as_str())
        .collect();
    assert!(
        sizes.contains(&"192x192") && sizes.contains(&"512x512"),
        "{sizes:?}"
    );

    // The service worker registers, and controls the page after a reload.
    let scope = json(
        &b,
        "return Promise.race([
           navigator.serviceWorker.ready.then(r => r.scope),
           new Promise(res => setTimeout(() => res('not ready after 10 s'), 10000))]);",
    )
    .await;
    assert_eq!(scope, Value::String(format!("{base}/")));
    b.goto(base, "/checkin").await;
    let controlled = json(&b, "return navigator.serviceWorker.controller !== null").await;
    assert_eq!(controlled, Value::Bool(true));
    // Settings: with JavaScript, "Reminders on this device" offers to turn
    // them on once the service worker is ready (subscribing itself needs
    // Chromium's push service, which this machine cannot reach).
    b.goto(base, "/settings").await;
    let offered = json(
        &b,
        "return new Promise(res => { const t0 = Date.now(); (function poll() {
           const a = document.getElementById('push-actions');
           const on = document.getElementById('push-on');
           const said = document.getElementById('push-status');
           if (a && !a.hidden && on && !on.hidden) { return res('offered: ' + on.textContent.trim()); }
           if (said && said.textContent.trim()) { return res('said: ' + said.textContent.trim()); }
           if (Date.now() - t0 > 20000) { return res('nothing after 20 s'); }
           setTimeout(poll, 200); })(); });",
    )
    .await;
    let offered = offered.as_str().unwrap_or_default().to_string();
    assert!(
        offered.starts_with("offered: ") && offered.contains("Turn on"),
        "{offered}"
    );
    // What the device keeps: public files only.
    let kept = json(
        &b,
        "return caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k)
           .then(c => c.keys()).then(rs => rs.map(r => new URL(r.url).pathname)))))
           .then(lists => lists.flat());",
    )
    .await;
    let kept: Vec<&str> = kept
        .as_array()
        .expect("cached")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        kept.contains(&"/offline") && kept.contains(&"/help-now"),
        "{kept:?}"
    );
    for path in &kept {
        assert!(
            ["/offline", "/help-now"].contains(path)
                || path.starts_with("/assets/")
                || path.starts_with("/favicon."),
            "{path} kept on the device: {kept:?}"
        );
    }

    // The server goes away: a page shows the offline page, Help now opens.
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops")
        .expect("server task")
        .expect("server");
    b.goto(base, "/today").await;
    let text = b.body_text().await;
    assert!(text.contains("You are offline"), "{text}");
    let sticky = json(
        &b,
        "return getComputedStyle(document.querySelector('header.site-header')).position",
    )
    .await;
    assert_eq!(sticky, "sticky", "the stylesheet came from the cache");
    b.click_to("header a.help-now", "/help-now").await;
    let text = b.body_text().await;
    assert!(text.contains("not an emergency service"), "{text}");
    b.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wide_screen_gets_a_side_menu_that_does_not_wrap() {
    let Some(b) = support::start("side_menu_at_1280", 1280, 943).await else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.as_str();
    b.set_up(base, "Robin", EMAIL, PW).await;
    for path in ["/today", "/wins", "/settings"] {
        b.goto(base, path).await;
        let m = json(
            &b,
            "const links = Array.from(document.querySelectorAll('nav.site-nav a'));
             const shown = links.filter(a => a.getBoundingClientRect().height > 0);
             const lh = parseFloat(getComputedStyle(shown[0]).lineHeight) || 24;
             const wrapped = shown.filter(a => a.querySelector('span').getBoundingClientRect().height > lh * 1.5)
               .map(a => a.textContent);
             const nav = document.querySelector('nav.site-nav').getBoundingClientRect();
             const main = document.querySelector('main').getBoundingClientRect();
             return [links.length, shown.length, wrapped, nav.right <= main.left,
                     document.documentElement.scrollWidth <= window.innerWidth,
                     document.querySelector('header.site-header').getBoundingClientRect().height];",
        )
        .await;
        // Every entry but the "More" tab shows, each on one line.
        assert_eq!(m[1].as_f64(), m[0].as_f64().map(|n| n - 1.0), "{path}: {m}");
        assert_eq!(m[2], serde_json::json!([]), "{path}: wrapped entries");
        assert_eq!(m[3], Value::Bool(true), "{path}: menu beside the page");
        assert_eq!(m[4], Value::Bool(true), "{path}: wider than the screen");
        assert!(m[5].as_f64().unwrap_or(999.0) < 80.0, "{path}: header {m}");
    }
    b.quit().await;
}
