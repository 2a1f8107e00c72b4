//! Weekly reviews and the four outcomes: the /reviews page (figures beside
//! recent weeks, the reflection form, past weeks, saved reviews), the
//! outcomes on /progress and the JSON API, against the real server: signed
//! in, refused when signed out, CSRF, 4xx sentences, and another account
//! seeing nothing.

use goodenough_web::testing::{api_get, api_post_with_headers, error_of, signed_in, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

#[tokio::test]
async fn api_week_view_reflection_and_outcomes() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let t = srv.token_for(EMAIL).await;

    // A win today shows in this week's view.
    let (s, _, w) = api_post_with_headers(
        &srv,
        &t,
        "/api/v1/wins",
        &json!({"text": "Left the slides at good enough"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    let (s, view) = api_get(&srv, &t, "/api/v1/reviews/week").await;
    assert_eq!(s, StatusCode::OK, "{view}");
    assert_eq!(view["wins"][0]["text"], "Left the slides at good enough");
    assert_eq!(view["recent_weeks"], 4);
    assert_eq!(view["review"], Value::Null);
    let this_week = view["week"].as_str().expect("week").to_string();
    assert!(view["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .any(|r| r["measure"] == "checkins"));

    // A past week by its label.
    let (s, past) = api_get(&srv, &t, "/api/v1/reviews/week?week=2020-W10").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(past["week_start"], "2020-03-02");
    assert!(past["summary"]
        .as_str()
        .expect("s")
        .starts_with("A quiet week"));

    // Save, then save the same week again: replaced, one review.
    let (s, _, r) = api_post_with_headers(
        &srv,
        &t,
        "/api/v1/reviews",
        &json!({"breakthroughs": ["Shipped at 80%"], "celebrate": "A quiet Sunday"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["week"], this_week.as_str());
    let id = r["id"].clone();
    let (s, headers, r) = api_post_with_headers(
        &srv,
        &t,
        "/api/v1/reviews",
        &json!({"setbacks": ["Some nights I want to kill myself"]}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["id"], id);
    assert_eq!(r["breakthroughs"], json!([]));
    assert_eq!(
        headers
            .get("x-goodenough-help-now")
            .and_then(|v| v.to_str().ok()),
        Some("/help-now")
    );
    let (s, _, r) = api_post_with_headers(
        &srv,
        &t,
        "/api/v1/reviews",
        &json!({"week": "2020-W10", "celebrate": "Started"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let (_, list) = api_get(&srv, &t, "/api/v1/reviews").await;
    let weeks: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["week"].as_str().expect("week"))
        .collect();
    assert_eq!(weeks, ["2020-W10", this_week.as_str()]);
    let (_, view) = api_get(&srv, &t, "/api/v1/reviews/week").await;
    assert_eq!(view["review"]["id"], id);

    // Bad input: one sentence each, nothing saved.
    for (path, status, needle) in [
        (
            "/api/v1/reviews/week?on=2026-02-30",
            StatusCode::UNPROCESSABLE_ENTITY,
            "is not a date that exists",
        ),
        (
            "/api/v1/reviews/week?on=2999-01-01",
            StatusCode::UNPROCESSABLE_ENTITY,
            "in the future",
        ),
        (
            "/api/v1/reviews/week?week=2020-W99",
            StatusCode::UNPROCESSABLE_ENTITY,
            "not an ISO week",
        ),
        (
            "/api/v1/reviews/week?week=2020-W10&on=2020-03-03",
            StatusCode::UNPROCESSABLE_ENTITY,
            "not both",
        ),
    ] {
        let (s, e) = api_get(&srv, &t, path).await;
        assert_eq!(s, status, "{path} {e}");
        assert!(error_of(&e).contains(needle), "{e}");
    }
    for (body, needle) in [
        (json!({"celebrate": "   "}), "the reflection is empty"),
        (
            json!({"on": "2999-01-01", "celebrate": "x"}),
            "in the future",
        ),
        (json!({"week": "soon", "celebrate": "x"}), "not an ISO week"),
    ] {
        let (s, _, e) = api_post_with_headers(&srv, &t, "/api/v1/reviews", &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert!(error_of(&e).contains(needle), "{e}");
    }
    let (s, _, _) = api_post_with_headers(&srv, &t, "/api/v1/reviews", &json!({"mood": 3})).await;
    assert!(s.is_client_error());
    let (_, list) = api_get(&srv, &t, "/api/v1/reviews").await;
    assert_eq!(list.as_array().map(Vec::len), Some(2));

    // Outcomes month by month.
    let (s, o) = api_get(&srv, &t, "/api/v1/progress/outcomes").await;
    assert_eq!(s, StatusCode::OK, "{o}");
    let keys: Vec<&str> = o["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .map(|x| x["outcome"].as_str().expect("key"))
        .collect();
    assert_eq!(
        keys,
        ["overwork", "boundaries", "imperfection", "happiness"]
    );
    assert!(!o["months"].as_array().expect("months").is_empty());

    // Signed out: refused.
    for path in [
        "/api/v1/reviews",
        "/api/v1/reviews/week",
        "/api/v1/progress/outcomes",
    ] {
        let res = reqwest::get(format!("{}{path}", srv.base))
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn page_shows_the_week_saves_the_reflection_and_lists_reviews() {
    let srv = TestServer::start().await;
    let anon = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let res = anon
        .get(format!("{}/reviews", srv.base))
        .send()
        .await
        .expect("get");
    assert!(res.status().is_redirection());

    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/reviews").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Weekly review"));
    assert!(p.body.contains("A quiet week"));
    assert!(p.body.contains("href=\"/reviews\""), "in the nav");
    assert!(p.body.contains("No reviews saved yet"));
    assert!(p.body.contains("name=\"csrf\""));

    // A past week: its form carries its Monday.
    let p = c.get("/reviews?on=2020-03-04").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Week 2020-W10 (2020-03-02 to 2020-03-08)"));
    // A past week links to the weeks on either side; this week has no week after.
    assert!(
        p.body.contains("href=\"/reviews?on=2020-02-24\""),
        "the week before"
    );
    assert!(
        p.body.contains("href=\"/reviews?on=2020-03-09\""),
        "the week after"
    );
    let now = c.get("/reviews").await;
    assert!(now.body.contains("The week before"));
    assert!(
        !now.body.contains("The week after"),
        "no link into the future"
    );
    let p = c
        .post_form(
            "/reviews",
            &[
                ("week_start", "2020-03-02"),
                (
                    "breakthroughs",
                    "Asked for help early\nLeft a typo in the email",
                ),
                ("setbacks", ""),
                ("celebrate", "Five evenings off"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.body.contains("Saved your review"));
    assert!(p.body.contains("Left a typo in the email"));
    assert!(p.body.contains("celebrate: Five evenings off"));
    assert!(p.body.contains("href=\"/reviews?week=2020-W10\""));

    // Bad input: an empty reflection, a date in the future, a bad ?on.
    let p = c
        .post_form(
            "/reviews",
            &[
                ("week_start", "2020-03-02"),
                ("breakthroughs", "  "),
                ("celebrate", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("the reflection is empty"));
    let p = c
        .post_form(
            "/reviews",
            &[("week_start", "2999-01-04"), ("celebrate", "x")],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("in the future"));
    let p = c.get("/reviews?on=yesterday").await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("is not a date that exists"));
    let t = srv.token_for(EMAIL).await;
    let (_, list) = api_get(&srv, &t, "/api/v1/reviews").await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(list[0]["celebrate"], "Five evenings off");

    // Progress shows the four outcomes.
    let p = c.get("/progress").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("The four outcomes, month by month"));
}

#[tokio::test]
async fn missing_csrf_is_refused_and_nothing_saved() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/reviews").await;
    let p = c
        .post_form_raw(
            "/reviews",
            &[("week_start", "2020-03-02"), ("celebrate", "sneaky")],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let res = c
        .http
        .post(format!("{}/api/v1/reviews", c.base))
        .json(&json!({"celebrate": "sneaky"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let p = c.get("/reviews").await;
    assert!(!p.body.contains("sneaky"));
}

#[tokio::test]
async fn another_person_sees_nothing() {
    let srv = TestServer::start().await;
    let _c = signed_in(&srv, EMAIL, PW).await;
    let t = srv.token_for(EMAIL).await;
    let (s, _, _) = api_post_with_headers(
        &srv,
        &t,
        "/api/v1/reviews",
        &json!({"week": "2020-W10", "celebrate": "private-celebration"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    api_post_with_headers(&srv, &t, "/api/v1/wins", &json!({"text": "private-win"})).await;

    let other = srv
        .add_account("sam@example.org", "another long password")
        .await;
    let t2 = srv.add_token(&other, "t").await;
    let (_, list) = api_get(&srv, &t2, "/api/v1/reviews").await;
    assert_eq!(list, json!([]));
    let (_, view) = api_get(&srv, &t2, "/api/v1/reviews/week?week=2020-W10").await;
    assert_eq!(view["review"], Value::Null);
    let (_, view) = api_get(&srv, &t2, "/api/v1/reviews/week").await;
    assert_eq!(view["wins"], json!([]));
    let (_, o) = api_get(&srv, &t2, "/api/v1/progress/outcomes").await;
    assert_eq!(o["months"], json!([]));
    let mut c2 = srv.client();
    c2.login("sam@example.org", "another long password").await;
    let p = c2.get("/reviews?week=2020-W10").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.body.contains("private-celebration"));
    assert!(!p.body.contains("private-win"));
}

/// Moves the server's clock forward to the coming Wednesday (the person's
/// local day, from the week view) and returns that Wednesday.
async fn to_wednesday(srv: &TestServer, token: &str) -> chrono::NaiveDate {
    let (_, view) = api_get(srv, token, "/api/v1/reviews/week").await;
    let d = view["coverage"]["days_so_far"]
        .as_i64()
        .expect("days so far");
    srv.state
        .clock
        .advance(chrono::Duration::days((3 - d).rem_euclid(7)));
    let (_, view) = api_get(srv, token, "/api/v1/reviews/week").await;
    assert_eq!(view["coverage"]["days_so_far"], 3, "{view}");
    view["week_start"]
        .as_str()
        .and_then(|s| s.parse::<chrono::NaiveDate>().ok())
        .expect("monday")
        + chrono::Duration::days(2)
}

#[tokio::test]
async fn the_week_and_month_under_way_are_shown_so_far() {
    let srv = TestServer::start().await;
    let _ = signed_in(&srv, EMAIL, PW).await;
    let t = srv.token_for(EMAIL).await;
    let wednesday = to_wednesday(&srv, &t).await;
    // Signed in again on Wednesday (a session ends after hours idle).
    let mut c = srv.client();
    c.login(EMAIL, PW).await;
    let day = wednesday.to_string();
    let (s, _, r) = api_post_with_headers(
        &srv,
        &t,
        "/api/v1/checkins",
        &json!({"date": day, "mood": 7, "energy": 5, "appreciations": [
            {"area": "work", "text": "finished the draft"},
            {"area": "rest", "text": "a slow breakfast"},
            {"area": "health", "text": "walked home"},
        ]}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");

    // The review: Wednesday is 3 of 7 days into the week.
    let (_, view) = api_get(&srv, &t, "/api/v1/reviews/week").await;
    assert_eq!(
        view["coverage"],
        json!({"complete": false, "days_so_far": 3, "days": 7})
    );
    assert!(
        view["summary"]
            .as_str()
            .expect("summary")
            .starts_with("This week so far (3 of 7 days)"),
        "{view}"
    );
    let checkins = view["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["measure"] == "checkins")
        .expect("row");
    assert_eq!(
        checkins["sentence"],
        Value::Null,
        "counts wait for the week to end"
    );
    let page = c.get("/reviews").await;
    assert!(
        page.body.contains("This week (so far: 3 of 7 days)"),
        "{}",
        page.body
    );

    // The outcomes: this month is marked, never the latest value.
    let day_of_month = chrono::Datelike::day(&wednesday);
    let (_, p) = api_get(&srv, &t, "/api/v1/progress/outcomes").await;
    let last = p["coverage"].as_array().and_then(|c| c.last()).cloned();
    let month_ends_today = wednesday.succ_opt().map(|d| chrono::Datelike::day(&d)) == Some(1);
    assert_eq!(
        last.as_ref().map(|c| c["days_so_far"].clone()),
        Some(json!(day_of_month))
    );
    assert_eq!(
        last.map(|c| c["complete"].clone()),
        Some(json!(month_ends_today))
    );
    let mood = &p["outcomes"][3]["measures"][0];
    assert_eq!(mood["measure"], "mean_mood");
    if !month_ends_today {
        assert_eq!(mood["so_far"], 7.0);
        assert_eq!(mood["latest"], Value::Null, "{mood}");
        let page = c.get("/progress").await;
        assert!(
            page.body.contains(&format!("so far: {day_of_month} of ")),
            "{}",
            page.body
        );
        assert!(page.body.contains("is not over ("), "{}", page.body);
    }

    // The weekly and monthly series behind /progress.
    let (_, series) = api_get(&srv, &t, "/api/v1/progress").await;
    assert_eq!(
        series["weekly"][0]["coverage"],
        json!({"complete": false, "days_so_far": 3, "days": 7})
    );
    let page = c.get("/progress").await;
    assert!(page.body.contains("(so far: 3 of 7 days)"), "{}", page.body);
}
