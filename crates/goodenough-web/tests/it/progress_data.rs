//! Progress page and API, the Data page (export, import, erase) and the
//! calendar feed, driven through the real server like a browser.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use goodenough_core::{Appreciation, CheckIn, LifeArea, Settings, ThoughtRecord};
use goodenough_web::testing::{person_of, TestClient, TestServer};
use reqwest::StatusCode;

const PW: &str = "correct horse battery";

/// Three weeks of check-ins (one work-only evening) and two reframes.
async fn seed(srv: &TestServer, person: &str) {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"); // a Monday
    for (i, (mood, energy)) in [(4, 5), (6, 7), (5, 5), (7, 6), (8, 8)].iter().enumerate() {
        let date = start + Duration::days(i as i64 * 5);
        let areas = if i == 0 {
            [LifeArea::Work, LifeArea::Work, LifeArea::Work]
        } else {
            [LifeArea::Work, LifeArea::Rest, LifeArea::Relationships]
        };
        let c = CheckIn::new(
            format!("c{i}"),
            date,
            *mood,
            *energy,
            areas
                .iter()
                .map(|a| Appreciation {
                    area: *a,
                    text: "kept going".into(),
                })
                .collect(),
            None,
        )
        .expect("valid check-in");
        srv.state
            .store
            .put_checkin(person, &c, false)
            .await
            .expect("save");
    }
    for (i, (before, after)) in [(80u8, 50u8), (70, 30)].iter().enumerate() {
        let t = ThoughtRecord {
            id: format!("t{i}"),
            created_at: Utc
                .with_ymd_and_hms(2024, 1, 2 + i as u32 * 20, 20, 0, 0)
                .single()
                .expect("instant"),
            date: start + Duration::days(1 + i as i64 * 20),
            situation: "a meeting".into(),
            thought: "it must be perfect".into(),
            belief: *before,
            emotions: vec![],
            traps: vec![],
            reframe: Some("good enough is fine".into()),
            belief_after: Some(*after),
        };
        srv.state.store.add_thought(person, &t).await.expect("save");
    }
}

async fn signed_in(srv: &TestServer) -> (TestClient, String) {
    let mut c = srv.client();
    let p = c.setup("alex@example.org", PW).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let person = person_of(srv, "alex@example.org").await;
    (c, person)
}

fn header<'a>(page: &'a goodenough_web::testing::Page, name: &str) -> &'a str {
    page.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn every_route_refuses_without_sign_in() {
    let srv = TestServer::start().await;
    let (mut owner, person) = signed_in(&srv).await;
    seed(&srv, &person).await;
    owner.get("/data").await;
    let page = owner.post_form("/data/calendar", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("/calendar/"));
    let mut c = srv.client();
    for path in [
        "/progress",
        "/data",
        "/data/export.json",
        "/data/export/checkins.csv",
    ] {
        let page = c.get(path).await;
        assert_eq!(page.path(), "/login", "{path} should send to sign-in");
        assert!(!page.body.contains("kept going"));
    }
    for path in ["/api/v1/progress", "/api/v1/export"] {
        let page = c.get(path).await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    for path in [
        "/data/import",
        "/data/erase",
        "/data/calendar",
        "/data/calendar/off",
    ] {
        let page = c.post_form_raw(path, &[("password", PW)]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        srv.state
            .store
            .counts(&person)
            .await
            .expect("counts")
            .total(),
        7
    );
    assert!(srv
        .state
        .store
        .calendar_token(&person)
        .await
        .expect("token")
        .is_some());
}

#[tokio::test]
async fn progress_page_and_api_show_the_series() {
    let srv = TestServer::start().await;
    let (mut c, person) = signed_in(&srv).await;

    let empty = c.get("/progress").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("Nothing to chart yet"));
    assert!(!empty.body.contains("<svg class=\"chart"));
    let api = c.get("/api/v1/progress").await.json();
    assert_eq!(api["weekly"], serde_json::json!([]));

    seed(&srv, &person).await;
    let page = c.get("/progress").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body
            .matches("<svg class=\"chart chart-narrow\" role=\"img\"")
            .count(),
        3 + 4,
        "three series charts and one per outcome"
    );
    for id in [
        "chart-mood",
        "chart-share",
        "chart-belief",
        "chart-overwork",
        "chart-boundaries",
        "chart-imperfection",
        "chart-happiness",
    ] {
        assert!(
            page.body
                .contains(&format!("<title id=\"{id}-narrow-title\">"))
                && page
                    .body
                    .contains(&format!("<title id=\"{id}-wide-title\">")),
            "{id}"
        );
        assert!(
            page.body
                .contains(&format!("<desc id=\"{id}-narrow-desc\">")),
            "{id}"
        );
    }
    assert!(page.body.contains("<polyline"));
    assert!(!page.body.contains("style="), "CSP: no inline styles");
    // The numbers are there as text too.
    assert!(page.body.contains("<table"));
    assert!(
        page.body.contains("<th scope=\"row\">1 Jan"),
        "weeks named by their Monday"
    );

    let api = c.get("/api/v1/progress").await.json();
    let weekly = api["weekly"].as_array().expect("weekly");
    // Check-ins on Jan 1, 6 (week 1), 11 (week 2), 16, 21 (week 3); a
    // reframe on Jan 2 (week 1) and Jan 22 (week 4).
    assert_eq!(weekly.len(), 4);
    assert_eq!(weekly[0]["period"], "2024-W01");
    assert_eq!(weekly[0]["checkins"], 2);
    assert_eq!(weekly[0]["mean_mood"], 5.0);
    assert_eq!(weekly[0]["mean_energy"], 6.0);
    assert_eq!(weekly[0]["non_work_share"], 0.33);
    assert_eq!(weekly[0]["mean_belief_before"], 80.0);
    assert_eq!(weekly[3]["checkins"], 0);
    assert_eq!(weekly[3]["mean_belief_after"], 30.0);
    assert_eq!(api["monthly"][0]["period"], "2024-01");
    assert_eq!(api["monthly"][0]["checkins"], 5);
}

#[tokio::test]
async fn export_imports_on_another_server_once_and_refuses_bad_files() {
    let one = TestServer::start().await;
    let (mut a, person) = signed_in(&one).await;
    seed(&one, &person).await;

    let file = a.get("/data/export.json").await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(header(&file, "content-disposition")
        .starts_with("attachment; filename=\"goodenough-export-"));
    let doc = file.json();
    assert_eq!(doc["format"], "goodenough-export");
    assert_eq!(doc["checkins"].as_array().map(Vec::len), Some(5));
    assert_eq!(doc["thoughts"].as_array().map(Vec::len), Some(2));

    let csv = a.get("/data/export/checkins.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(header(&csv, "content-type").starts_with("text/csv"));
    assert!(header(&csv, "content-disposition").contains("checkins.csv"));
    let mut lines = csv.body.lines();
    assert_eq!(
        lines.next(),
        Some("id,date,mood,energy,appreciation_1_area,appreciation_1_text,appreciation_2_area,appreciation_2_text,appreciation_3_area,appreciation_3_text,note")
    );
    assert_eq!(lines.count(), 5);
    let thoughts = a.get("/data/export/thoughts.csv").await;
    assert!(thoughts.body.contains("good enough is fine"));
    assert_eq!(
        a.get("/data/export/passwords.csv").await.status,
        StatusCode::NOT_FOUND
    );

    // The API gives the same document.
    let token = one.add_token(&person, "script").await;
    let api: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/export", one.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert_eq!(api["checkins"], doc["checkins"]);
    assert_eq!(api["thoughts"], doc["thoughts"]);

    // Another installation, another account.
    let two = TestServer::start().await;
    let (mut b, other) = signed_in(&two).await;
    let store = &two.state.store;
    b.get("/data").await;

    // Without the CSRF token: refused, nothing added.
    let refused = b
        .post_form_raw("/data/import", &[("export", &file.body)])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(store.counts(&other).await.expect("counts").total(), 0);

    // Malformed and foreign files: a 4xx with the reason, nothing added.
    for (bad, says) in [
        ("{\"format\": \"goodenough-exp", "not valid JSON"),
        ("{\"entries\": []}", "not a goodenough export"),
    ] {
        let page = b.post_form("/data/import", &[("export", bad)]).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(page.body.contains(says), "{}", page.body);
        assert!(page.body.contains("nothing was imported"));
        assert_eq!(store.counts(&other).await.expect("counts").total(), 0);
    }
    // One invalid record spoils the whole file.
    let mut broken = doc.clone();
    broken["checkins"][4]["mood"] = serde_json::json!(11);
    let page = b
        .post_form("/data/import", &[("export", &broken.to_string())])
        .await;
    assert!(page.status.is_client_error(), "{}", page.status);
    assert!(page.body.contains("checkins[4]"));
    assert_eq!(store.counts(&other).await.expect("counts").total(), 0);

    let page = b.post_form("/data/import", &[("export", &file.body)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.path(), "/data");
    // Every kind is named (from core's one list of kinds), with its plural.
    assert!(
        page.body
            .contains("Imported 5 check-ins and 2 thought records; none of: wins, setbacks, times you said no, delegations,"),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("programme enrolments, evidence entries."));
    assert!(page
        .body
        .contains("You keep 7 records: 5 check-ins and 2 thought records; none of: wins,"));
    assert_eq!(store.counts(&other).await.expect("counts").total(), 7);

    let again = b.post_form("/data/import", &[("export", &file.body)]).await;
    assert!(
        again.body.contains("Imported no records of any kind."),
        "{}",
        again.body
    );
    assert!(again
        .body
        .contains("7 records were already here and skipped."));
    assert_eq!(store.counts(&other).await.expect("counts").total(), 7);
}

#[tokio::test]
async fn erase_needs_the_password_and_ends_the_session() {
    let srv = TestServer::start().await;
    let (mut c, person) = signed_in(&srv).await;
    seed(&srv, &person).await;
    let store = &srv.state.store;

    let page = c.get("/data").await;
    assert!(page
        .body
        .contains("erases your account together with every record"));

    let refused = c.post_form_raw("/data/erase", &[("password", PW)]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let wrong = c
        .post_form("/data/erase", &[("password", "not my password")])
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(wrong.body.contains("nothing was erased"));
    assert_eq!(store.counts(&person).await.expect("counts").total(), 7);
    assert!(store.person_exists(&person).await.expect("exists"));

    let done = c.post_form("/data/erase", &[("password", PW)]).await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(done.path(), "/data/erased");
    assert!(done.body.contains("Your account is erased"));
    assert!(!store.person_exists(&person).await.expect("exists"));
    assert_eq!(store.counts(&person).await.expect("counts").total(), 0);
    assert!(store
        .account_by_email("alex@example.org")
        .await
        .expect("lookup")
        .is_none());
    // Signed out: with no account left, the server offers setup again.
    let after = c.get("/today").await;
    assert!(
        ["/login", "/setup"].contains(&after.path()),
        "{}",
        after.path()
    );
    assert_eq!(
        c.get("/api/v1/export").await.status,
        StatusCode::UNAUTHORIZED
    );
}

fn feed_path(body: &str) -> String {
    let start = body.find("/calendar/").expect("feed address shown");
    let end = body[start..].find(".ics").expect("ends in .ics") + start + 4;
    body[start..end].to_string()
}

#[tokio::test]
async fn calendar_feed_has_a_daily_reminder_and_can_be_replaced() {
    let srv = TestServer::start().await;
    let (mut c, person) = signed_in(&srv).await;
    let mut s = Settings::defaults("Europe/Berlin");
    s.reminder_time = "20:15".into();
    srv.state
        .store
        .put_settings(&person, &s)
        .await
        .expect("settings");

    let page = c.get("/data").await;
    assert!(page.body.contains("No calendar address yet"));
    let made = c.post_form("/data/calendar", &[]).await;
    assert_eq!(made.status, StatusCode::OK);
    assert!(made.body.contains(&format!("{}/calendar/", srv.base)));
    let first = feed_path(&made.body);

    // No session needed: the token is the credential.
    let mut outsider = srv.client();
    let feed = outsider.get(&first).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(header(&feed, "content-type").starts_with("text/calendar"));
    let lines: Vec<&str> = feed.body.lines().map(str::trim_end).collect();
    let mut stack = Vec::new();
    for l in &lines {
        if let Some(k) = l.strip_prefix("BEGIN:") {
            stack.push(k);
        } else if let Some(k) = l.strip_prefix("END:") {
            assert_eq!(stack.pop(), Some(k), "balanced BEGIN/END");
        }
    }
    assert!(stack.is_empty());
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert!(lines.contains(&"BEGIN:VEVENT"));
    assert!(lines.contains(&"RRULE:FREQ=DAILY"));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("DTSTART;TZID=Europe/Berlin:") && l.ends_with("T201500")));
    let alarm = lines
        .iter()
        .position(|l| *l == "BEGIN:VALARM")
        .expect("alarm");
    assert!(lines[alarm..].contains(&"ACTION:DISPLAY"));
    assert!(!feed.body.contains("alex@example.org"));

    assert_eq!(
        outsider.get("/calendar/not-a-token.ics").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        outsider.get(first.trim_end_matches(".ics")).await.status,
        StatusCode::NOT_FOUND
    );

    // Without the CSRF token nothing changes.
    let refused = c.post_form_raw("/data/calendar", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(outsider.get(&first).await.status, StatusCode::OK);

    c.get("/data").await;
    let again = c.post_form("/data/calendar", &[]).await;
    let second = feed_path(&again.body);
    assert_ne!(first, second);
    assert_eq!(outsider.get(&first).await.status, StatusCode::NOT_FOUND);
    assert_eq!(outsider.get(&second).await.status, StatusCode::OK);

    let off = c.post_form("/data/calendar/off", &[]).await;
    assert!(off.body.contains("The calendar address is off."));
    assert_eq!(outsider.get(&second).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_second_account_sees_only_its_own_data() {
    let srv = TestServer::start().await;
    let (_, alex) = signed_in(&srv).await;
    seed(&srv, &alex).await;
    let sam = srv.add_account("sam@example.org", PW).await;
    let mut c = srv.client();
    assert_eq!(c.login("sam@example.org", PW).await.status, StatusCode::OK);

    let export = c.get("/data/export.json").await.json();
    assert_eq!(export["checkins"], serde_json::json!([]));
    assert_eq!(export["thoughts"], serde_json::json!([]));
    let csv = c.get("/data/export/checkins.csv").await;
    assert_eq!(csv.body.lines().count(), 1);
    assert!(c
        .get("/progress")
        .await
        .body
        .contains("Nothing to chart yet"));
    assert_eq!(
        c.get("/api/v1/progress").await.json()["weekly"],
        serde_json::json!([])
    );
    let token = srv.add_token(&sam, "sam").await;
    let api: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/export", srv.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert_eq!(api["checkins"], serde_json::json!([]));
    assert_eq!(
        srv.state.store.counts(&alex).await.expect("counts").total(),
        7
    );
}
