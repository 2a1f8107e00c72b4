//! The printable report: `/report` (a download for the signed-in person,
//! linked from /progress) and `GET /api/v1/report`, against the real server:
//! signed in, refused when signed out, 4xx sentences for bad input, and
//! another account never sees the first one's records.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use goodenough_core::evidence::{Attribution, EvidenceEntry, EvidenceKind};
use goodenough_core::{Appreciation, CheckIn, LifeArea, Setback, Win};
use goodenough_web::testing::{person_of, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::Value;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

/// Two months of check-ins, a win, a setback and evidence entries.
async fn seed(srv: &TestServer, person: &str) {
    let store = &srv.state.store;
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    for i in 0..8 {
        let date = start + Duration::days(i * 7);
        let c = CheckIn::new(
            format!("c{i}"),
            date,
            3 + (i % 5),
            5,
            [LifeArea::Work, LifeArea::Rest, LifeArea::Health]
                .iter()
                .map(|a| Appreciation {
                    area: *a,
                    text: "kept going".into(),
                })
                .collect(),
            None,
        )
        .expect("check-in");
        store.put_checkin(person, &c, false).await.expect("save");
    }
    let at = Utc
        .with_ymd_and_hms(2026, 2, 3, 20, 0, 0)
        .single()
        .expect("at");
    store
        .add_win(
            person,
            &Win {
                id: "w1".into(),
                created_at: at,
                date: start + Duration::days(20),
                text: "Sent the draft at good enough".into(),
            },
        )
        .await
        .expect("win");
    store
        .add_setback(
            person,
            &Setback {
                id: "s1".into(),
                created_at: at,
                date: start + Duration::days(30),
                text: "Private setback text".into(),
                lesson: Some("Rest first".into()),
            },
        )
        .await
        .expect("setback");
    for (i, a) in [Attribution::Luck, Attribution::Effort, Attribution::Ability]
        .into_iter()
        .enumerate()
    {
        let e = EvidenceEntry::new(
            format!("e{i}"),
            EvidenceKind::Accomplishment,
            "Shipped it",
            start + Duration::days(i as i64 * 25),
            None,
            a,
            at,
        )
        .expect("evidence");
        store.add_evidence(person, &e).await.expect("add");
    }
}

#[tokio::test]
async fn page_serves_the_report_as_a_download() {
    let srv = TestServer::start().await;
    let anon = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let res = anon
        .get(format!("{}/report", srv.base))
        .send()
        .await
        .expect("get");
    assert!(res.status().is_redirection());

    let mut c = signed_in(&srv, EMAIL, PW).await;
    let person = person_of(&srv, EMAIL).await;
    seed(&srv, &person).await;
    let p = c.get("/progress").await;
    assert!(
        p.body.contains("action=\"/report\""),
        "the form is on /progress"
    );

    let p = c.get("/report?from=2026-01-01&to=2026-02-28").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.headers["content-type"]
        .to_str()
        .expect("type")
        .starts_with("text/html"));
    let disposition = p.headers["content-disposition"].to_str().expect("disp");
    assert!(disposition.contains("attachment"), "{disposition}");
    assert!(disposition.contains("goodenough-report-2026-01-01-to-2026-02-28.html"));
    for needle in [
        "Less overwork",
        "Healthier boundaries",
        "More room for imperfection",
        "More joy",
        "<svg",
        "Private setback text",
        "Sent the draft at good enough",
        "Evidence and attribution",
    ] {
        assert!(p.body.contains(needle), "{needle}");
    }
    assert!(!p.body.contains("<script") && !p.body.contains("https://"));

    let p = c.get("/report?format=md").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.headers["content-type"]
        .to_str()
        .expect("type")
        .starts_with("text/markdown"));
    assert!(p.body.contains("## More joy"));
    // The default range starts at the first record.
    assert!(p.body.contains("2026-01-05 to"), "{}", &p.body[..200]);

    for (query, needle) in [
        (
            "/report?from=2026-03-01&to=2026-02-01",
            "after it ends on 2026-02-01",
        ),
        ("/report?format=pdf", "is not a report format; use html"),
        ("/report?from=2026-02-30", "is not a date that exists"),
    ] {
        let p = c.get(query).await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(p.body.contains(needle), "{query}");
        assert!(p.body.contains("Download the report"));
    }
}

#[tokio::test]
async fn api_serves_the_same_document_and_only_to_its_owner() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let person = person_of(&srv, EMAIL).await;
    seed(&srv, &person).await;
    let t = srv.token_for(EMAIL).await;
    let get = |token: String, path: &'static str| {
        let base = srv.base.clone();
        async move {
            reqwest::Client::new()
                .get(format!("{base}{path}"))
                .bearer_auth(token)
                .send()
                .await
                .expect("get")
        }
    };
    let res = get(t.clone(), "/api/v1/report?from=2026-01-01&to=2026-02-28").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .expect("disp")
        .contains("attachment"));
    let body = res.text().await.expect("body");
    assert!(body.starts_with("<!DOCTYPE html>"));
    assert!(body.contains("Private setback text"));

    let res = get(t.clone(), "/api/v1/report?from=2026-03-01&to=2026-01-01").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: Value = res.json().await.expect("json");
    assert!(e["error"]
        .as_str()
        .expect("error")
        .contains("after it ends"));
    let res = get(t.clone(), "/api/v1/report?format=docx").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Another account gets a report of its own, empty.
    let other = srv.add_account("bo@example.org", PW).await;
    let t2 = srv.add_token(&other, "cli").await;
    let res = get(t2, "/api/v1/report?format=md").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.expect("body");
    assert!(!body.contains("Private setback text"));
    assert!(!body.contains("Sent the draft"));

    let res = reqwest::get(format!("{}/api/v1/report", srv.base))
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
