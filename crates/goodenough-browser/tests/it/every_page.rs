//! Every page the router serves, in real Chromium, at 390 × 844 and
//! 1280 × 800, light and dark: no page is wider than the viewport, and
//! axe-core finds no serious or critical accessibility violation.
//!
//! The list of pages comes from the router itself
//! (`goodenough_web::pages::paths`): a new page is walked without anyone
//! adding it here. Each is opened by the person it is for: signed out, a
//! client with eight weeks of demo records who shares everything with a
//! coach, that coach, and the operator. A path with a parameter
//! (`/thoughts/{id}`) is opened through a link found on the pages already
//! seen, or a token made for the test (an invitation, a password reset); a
//! path that answers with no page (a download, a redirect) is checked by
//! no one, and one that nobody could open fails the test. Two pages only
//! exist for a moment and are looked at then: setting the server up (before
//! the operator exists) and the second step of signing in.
//!
//! With `GOODENOUGH_SCREENSHOT_DIR` set, every look is also saved there as
//! a full-page PNG (`scripts/screenshots.sh` does that).
//!
//! axe-core is not part of the product: `.ci/axe` fetches the pinned
//! version and `.ci/run` names it in `GOODENOUGH_AXE_JS`. Without it the
//! test skips, unless `GOODENOUGH_REQUIRE_BROWSER=1`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use goodenough_web::testing::{api, api_post, person_of, turn_on_two_step, TestClient, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

use crate::support::{self, Browser};

const PW: &str = "a long enough passphrase";
const OPERATOR: &str = "olga@example.org";
const CLIENT: &str = "alex@example.org";
const COACH: &str = "sam@example.org";

/// Window sizes that give these viewports in `--headless=new` (143 px of
/// the window are not page), and the theme.
const LOOKS: [(u32, u32, &str); 4] = [
    (390, 844, "light"),
    (390, 844, "dark"),
    (1280, 800, "light"),
    (1280, 800, "dark"),
];

/// Paths that are not pages: downloads and feeds (checked by their own
/// tests). Anything else that answers without a page is reported.
fn is_page(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

/// Routes no page links to that answer a GET with something other than a
/// page, and why; each is tested where it is built.
const NOT_PAGES: &[(&str, &str)] = &[(
    "/calendar/{file}",
    "the calendar feed (text/calendar), tested by the calendar tests",
)];

/// `/thoughts/{id}` as a pattern that matches `/thoughts/abc`.
fn matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}

fn hrefs(body: &str, out: &mut BTreeSet<String>) {
    for part in body.split("href=\"").skip(1) {
        let Some(end) = part.find('"') else { continue };
        let href = &part[..end];
        let href = href.split(['?', '#']).next().unwrap_or_default();
        if href.starts_with('/') && !href.starts_with("//") {
            out.insert(href.to_string());
        }
    }
}

async fn sign_in(b: &Browser, base: &str, email: &str) {
    sign_in_to(b, base, email, "/").await;
}

async fn sign_in_to(b: &Browser, base: &str, email: &str, to: &str) {
    b.goto(base, "/login").await;
    b.fill("#email", email).await;
    b.fill("#password", PW).await;
    b.click_to("main form button[type=submit]", to).await;
}

async fn sign_out(b: &Browser, base: &str) {
    b.driver
        .delete_all_cookies()
        .await
        .expect("cookies cleared");
    b.goto(base, "/login").await;
}

/// Sets the viewport and the colour scheme through DevTools (kept across
/// navigations in this tab).
async fn look(b: &Browser, width: u32, height: u32, theme: &str) {
    let cdp = b.driver.cdp();
    cdp.send_raw(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
    )
    .await
    .expect("viewport");
    cdp.send_raw(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": theme}]}),
    )
    .await
    .expect("colour scheme");
}

/// The serious and critical violations axe-core finds on the current
/// document, one line each.
async fn axe(b: &Browser, source: &str) -> Vec<String> {
    b.driver
        .execute(
            &format!("if (!window.axe) {{ {source} }} return 1"),
            Vec::new(),
        )
        .await
        .expect("axe-core loads");
    let ret = b
        .driver
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, {resultTypes: ['violations']})
                 .then(r => done(r.violations
                   .filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3)
                     .map(n => n.target.join(' ')).join(', '))))
                 .catch(e => done(['axe failed: ' + e]));"#,
            Vec::new(),
        )
        .await
        .expect("axe-core runs");
    serde_json::from_value(ret.json().clone()).expect("a list of lines")
}

/// Looks at the current page in the four looks: its width against the
/// viewport and axe-core's serious and critical findings.
pub(crate) async fn check_looks(
    b: &Browser,
    source: &str,
    at: &str,
    problems: &mut Vec<String>,
) -> usize {
    for (w, h, theme) in LOOKS {
        look(b, w, h, theme).await;
        let scroll = b
            .number("return document.documentElement.scrollWidth")
            .await;
        let inner = b.number("return window.innerWidth").await;
        let at = format!("{at} ({w} px, {theme})");
        if scroll > inner {
            problems.push(format!("{at}: {scroll} px wide in a {inner} px viewport"));
        }
        for v in axe(b, source).await {
            problems.push(format!("{at}: {v}"));
        }
        if let Some(dir) = std::env::var_os("GOODENOUGH_SCREENSHOT_DIR") {
            screenshot(b, &std::path::PathBuf::from(dir), &at, w).await;
        }
    }
    LOOKS.len()
}

/// The whole page as a PNG in `dir`, named after `at` (for people to look
/// at: `scripts/screenshots.sh`). The viewport is made as tall as the page
/// for the picture, so the phone's tab bar sits at the bottom as it does
/// on a phone; the next look sets it back.
async fn screenshot(b: &Browser, dir: &std::path::Path, at: &str, width: u32) {
    use base64::Engine as _;
    let name: String = at
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let height = b
        .number("return document.documentElement.scrollHeight")
        .await;
    let cdp = b.driver.cdp();
    cdp.send_raw(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height as u32, "deviceScaleFactor": 1, "mobile": width < 600}),
    )
    .await
    .expect("a tall viewport");
    let shot = cdp
        .send_raw("Page.captureScreenshot", json!({"format": "png"}))
        .await
        .expect("a screenshot");
    let png = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().expect("image data"))
        .expect("base64");
    std::fs::create_dir_all(dir).expect("screenshot folder");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
}

/// Who opens which pages.
struct Role {
    name: &'static str,
    email: Option<&'static str>,
    client: TestClient,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_the_screen_and_passes_axe_in_both_themes_and_sizes() {
    let axe_path = std::env::var("GOODENOUGH_AXE_JS").unwrap_or_default();
    let source = match std::fs::read_to_string(&axe_path) {
        Ok(s) => s,
        Err(e) => {
            let msg = format!(
                "axe-core not found at GOODENOUGH_AXE_JS={axe_path:?} ({e}); run GOODENOUGH_AXE_JS=\"$(.ci/axe)\""
            );
            if std::env::var("GOODENOUGH_REQUIRE_BROWSER").is_ok_and(|v| v == "1" || v == "true") {
                panic!("GOODENOUGH_REQUIRE_BROWSER=1 but {msg}");
            }
            let _ = writeln!(std::io::stderr(), "SKIPPED browser test every_page: {msg}");
            return;
        }
    };
    let Some(mut b) = support::start("every_page", 1280, 943).await else {
        return;
    };
    let srv = TestServer::start().await;
    let base = srv.base.clone();

    // The first page anyone sees: setting the server up (it is gone once
    // the operator exists, so it is looked at now).
    let mut problems = Vec::new();
    b.goto(&base, "/setup").await;
    let mut checked = check_looks(&b, &source, "/setup (first start)", &mut problems).await;
    look(&b, 1280, 800, "light").await;

    // The operator sets the server up; a client with eight weeks of records
    // shares everything with her coach.
    b.fill("#name", "Olga").await;
    b.fill("#email", OPERATOR).await;
    b.fill("#password", PW).await;
    b.click_to("main form button[type=submit]", "/today").await;
    let alex = srv.add_account(CLIENT, PW).await;
    srv.import_demo(&alex, 56).await;
    srv.add_coach(COACH, PW, "Sam").await;
    let alex_token = srv.token_for(CLIENT).await;
    let coach_token = srv.token_for(COACH).await;
    let operator_token = srv.token_for(OPERATOR).await;
    let (s, inv) = api_post(&srv, &coach_token, "/api/v1/invitations", &json!({})).await;
    assert_eq!(s.as_u16(), 201, "{inv}");
    let (s, link) = api_post(
        &srv,
        &alex_token,
        "/api/v1/invitations/accept",
        &json!({"token": inv["token"]}),
    )
    .await;
    assert_eq!(s.as_u16(), 201, "{link}");
    let all: serde_json::Map<String, Value> = [
        "checkins",
        "thoughts",
        "wins",
        "boundaries",
        "experiments",
        "assessments",
        "joy",
        "evidence",
        "progress",
        "programme",
    ]
    .iter()
    .map(|k| (k.to_string(), Value::Null))
    .collect();
    let (s, v) = api(
        &srv,
        &alex_token,
        Method::PUT,
        &format!(
            "/api/v1/coaches/{}/consent",
            link["id"].as_str().expect("id")
        ),
        Some(&json!({ "shared": all })),
    )
    .await;
    assert_eq!(s.as_u16(), 200, "{v}");
    // The coach's own script, so their content pages have a record to show
    // (and Alex sees it beside the shipped scripts).
    let (s, v) = api_post(
        &srv,
        &coach_token,
        "/api/v1/content",
        &json!({"kind": "script", "toml": "name = \"thank-you\"\ntitle = \"Saying thank you\"\nwhen = \"Someone helped you.\"\ntemplate = \"Thank you, {person}.\"\n\n[[variables]]\nname = \"person\"\ndescription = \"Who helped\"\n"}),
    )
    .await;
    assert_eq!(s.as_u16(), 201, "{v}");
    // Tokens for the signed-out pages that need one.
    let (s, open_inv) = api_post(&srv, &coach_token, "/api/v1/invitations", &json!({})).await;
    assert_eq!(s.as_u16(), 201, "{open_inv}");
    let (s, reset) = api_post(
        &srv,
        &operator_token,
        &format!(
            "/api/v1/admin/accounts/{}/reset",
            person_of(&srv, COACH).await
        ),
        &json!({}),
    )
    .await;
    assert_eq!(s.as_u16(), 201, "{reset}");
    let mut known: BTreeSet<String> = BTreeSet::new();
    known.insert(format!(
        "/invite/{}",
        open_inv["token"].as_str().expect("a token")
    ));
    known.insert(reset["path"].as_str().expect("a reset path").to_string());
    known.insert("/no-such-page".to_string());

    let mut roles = Vec::new();
    for (name, email) in [
        ("signed out", None),
        ("client", Some(CLIENT)),
        ("coach", Some(COACH)),
        ("operator", Some(OPERATOR)),
    ] {
        let mut client = srv.client();
        if let Some(email) = email {
            client.login(email, PW).await;
        }
        roles.push(Role {
            name,
            email,
            client,
        });
    }

    // What each role gets at each path of the router: plain paths first
    // (their pages give the links), then each template through a link seen
    // on a page (or a token made above), twice, so links found on template
    // pages are followed too.
    #[derive(Clone)]
    struct Answer {
        status: u16,
        path: String,
        page: bool,
    }
    let templates = goodenough_web::pages::paths();
    let mut answers: BTreeMap<(String, usize), Answer> = BTreeMap::new();
    let mut seen_links: Vec<BTreeSet<String>> = vec![known.clone(); roles.len()];
    let mut asked: BTreeSet<(usize, String)> = BTreeSet::new();
    for round in 0..3 {
        for template in &templates {
            if (round == 0) == template.contains('{') {
                continue;
            }
            for (i, role) in roles.iter_mut().enumerate() {
                if answers.contains_key(&(template.to_string(), i)) {
                    continue;
                }
                let path = if template.contains('{') {
                    match seen_links[i].iter().find(|l| matches(template, l)) {
                        Some(p) => p.clone(),
                        // No link to it: a form's action, most likely. Asked
                        // with a made-up id, such a route answers 405 to a
                        // GET (it has no page); anything else stays
                        // unanswered until a link turns up.
                        None if round == 2 => {
                            let made_up: String = template
                                .split('/')
                                .map(|part| {
                                    if part.starts_with('{') {
                                        "no-such-id"
                                    } else {
                                        part
                                    }
                                })
                                .collect::<Vec<_>>()
                                .join("/");
                            let page = role.client.get(&made_up).await;
                            if page.status.as_u16() == 405 {
                                answers.insert(
                                    (template.to_string(), i),
                                    Answer {
                                        status: 405,
                                        path: String::new(),
                                        page: false,
                                    },
                                );
                            }
                            continue;
                        }
                        None => continue,
                    }
                } else {
                    template.to_string()
                };
                if !asked.insert((i, path.clone())) {
                    continue;
                }
                let page = role.client.get(&path).await;
                let ct = page
                    .headers
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                // A download (the report is an HTML file to keep) is no page.
                let download = page
                    .headers
                    .get("content-disposition")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("attachment"));
                let ct = if download { String::new() } else { ct };
                if is_page(&ct) && page.status.is_success() {
                    hrefs(&page.body, &mut seen_links[i]);
                }
                answers.insert(
                    (template.to_string(), i),
                    Answer {
                        status: page.status.as_u16(),
                        path: if page.path() == path {
                            path
                        } else {
                            String::new()
                        },
                        page: is_page(&ct),
                    },
                );
            }
        }
    }
    // Who looks at each page: the person it is for (the coach for a
    // client's pages, the operator for /admin, else the client, else the
    // first role that gets it).
    let mut visits: Vec<(usize, String)> = Vec::new();
    let mut no_page: BTreeSet<&str> = BTreeSet::new();
    let mut unreached: Vec<&str> = Vec::new();
    for template in &templates {
        let order: [usize; 4] = if template.starts_with("/clients") {
            [2, 1, 3, 0]
        } else if template.starts_with("/admin") {
            [3, 1, 2, 0]
        } else {
            [1, 2, 3, 0]
        };
        let mut found = false;
        for i in order {
            let Some(a) = answers.get(&(template.to_string(), i)) else {
                continue;
            };
            if a.status == 405 || (a.status == 200 && !a.page) {
                no_page.insert(template);
                found = true;
                break;
            }
            if a.status == 200 && !a.path.is_empty() {
                visits.push((i, a.path.clone()));
                // A page for signed-out people is looked at that way too.
                if i != 0 {
                    if let Some(out) = answers.get(&(template.to_string(), 0)) {
                        if out.status == 200 && out.page && !out.path.is_empty() {
                            visits.push((0, out.path.clone()));
                        }
                    }
                }
                found = true;
                break;
            }
            // A redirect or a refusal: not a page for this role.
            if a.status == 200 && a.path.is_empty() {
                continue;
            }
        }
        if !found {
            // A path that sends every role elsewhere (a redirect kept for
            // old links) is no page either; one nobody could even ask for
            // is a gap in this test.
            let asked_by_someone =
                (0..roles.len()).any(|i| answers.contains_key(&(template.to_string(), i)));
            if asked_by_someone || NOT_PAGES.iter().any(|(t, _)| t == template) {
                no_page.insert(template);
            } else {
                unreached.push(template);
            }
        }
    }
    // The 404 page, signed in and out.
    visits.push((0, "/no-such-page".to_string()));
    visits.push((1, "/no-such-page".to_string()));
    visits.sort();
    visits.dedup();

    let mut current: Option<usize> = None;
    for (i, path) in &visits {
        if current != Some(*i) {
            sign_out(&b, &base).await;
            if let Some(email) = roles[*i].email {
                sign_in(&b, &base, email).await;
            }
            current = Some(*i);
        }
        if let Err(e) = b.driver.goto(format!("{base}{path}")).await {
            // A renderer lost on a loaded machine: a new browser, the same
            // person, the same page.
            eprintln!("the browser went away at {path} ({e}); starting a new one");
            b = support::start("every_page", 1280, 943)
                .await
                .expect("the browser started before, so it starts again");
            if let Some(email) = roles[*i].email {
                sign_in(&b, &base, email).await;
            }
            b.goto(&base, path).await;
        }
        assert_eq!(
            &b.path().await,
            path,
            "{} at {path} was sent elsewhere",
            roles[*i].name
        );
        checked += check_looks(
            &b,
            &source,
            &format!("{path} ({})", roles[*i].name),
            &mut problems,
        )
        .await;
    }
    // The second step of signing in, for someone with two-step sign-in on.
    let two_step = "robin@example.org";
    srv.add_account(two_step, PW).await;
    let mut robin = srv.client();
    robin.login(two_step, PW).await;
    turn_on_two_step(&srv, &mut robin).await;
    sign_out(&b, &base).await;
    sign_in_to(&b, &base, two_step, "/login/totp").await;
    checked += check_looks(&b, &source, "/login/totp (signing in)", &mut problems).await;
    b.quit().await;

    assert!(
        unreached.is_empty(),
        "no role could open these routes (give the test a link or a token for them): {unreached:?}"
    );
    assert!(
        checked >= 4 * 50,
        "only {checked} looks at {} pages were taken",
        visits.len()
    );
    assert!(
        problems.is_empty(),
        "{} problems on {} pages:\n{}",
        problems.len(),
        visits.len(),
        problems.join("\n")
    );
    let _ = writeln!(
        std::io::stderr(),
        "every_page: {} pages, {checked} looks, not pages: {no_page:?}",
        visits.len()
    );
}
