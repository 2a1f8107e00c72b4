//! The coaching practice in two real browsers: the coach makes an
//! invitation link, the client accepts it in her own browser and shares her
//! check-ins only; the coach reads her check-ins but not her thoughts; she
//! gives her an experiment due on Friday, which she sees on Today, does on
//! her phone, and the coach sees done; she revokes and the coach's next
//! page says "Not shared"; she reads every one of the coach's attempts in
//! her access log.

use crate::support;

use chrono::Datelike;
use goodenough_web::testing::{api_post, TestServer};
use serde_json::json;

const PW: &str = "a long enough passphrase";

async fn sign_in(b: &support::Browser, base: &str, email: &str) {
    b.goto(base, "/login").await;
    b.fill("#email", email).await;
    b.fill("#password", PW).await;
    b.click_to("main form button[type=submit]", "/today").await;
}

/// Taps an element after scrolling it to the middle of the screen (on a
/// phone the tab bar covers the bottom edge, as it does for a person).
async fn tap(b: &support::Browser, css: &str) {
    let el = b.el(css).await;
    b.driver
        .execute(
            "arguments[0].scrollIntoView({block: 'center'}); return 1",
            vec![el.to_json().expect("element")],
        )
        .await
        .expect("scroll");
    el.click().await.expect("tap");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_sees_only_what_the_client_shares_and_she_sees_every_read() {
    let Some(coach) = support::start("coaching story (coach)", 1280, 900).await else {
        return;
    };
    let Some(client) = support::start("coaching story (client)", 390, 844).await else {
        return;
    };
    story(&TestServer::start().await, &coach, &client).await;
    coach.quit().await;
    client.quit().await;
}

/// The same story with the practice on PostgreSQL, as a practice runs it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_coaching_story_holds_on_postgres() {
    let Some(db) = goodenough_web::testing::PgDb::fresh("the coaching browser story").await else {
        return;
    };
    let Some(coach) = support::start("coaching story on PostgreSQL (coach)", 1280, 900).await
    else {
        return;
    };
    let Some(client) = support::start("coaching story on PostgreSQL (client)", 390, 844).await
    else {
        return;
    };
    let store = goodenough_store::open_pool(&db.url, 4)
        .await
        .expect("the PostgreSQL store opens");
    let store: std::sync::Arc<dyn goodenough_store::Store> = std::sync::Arc::from(store);
    story(&TestServer::start_on(store.clone()).await, &coach, &client).await;
    coach.quit().await;
    client.quit().await;
    store.close().await;
    db.drop_db().await;
}

async fn story(srv: &TestServer, coach: &support::Browser, client: &support::Browser) {
    let base = srv.base.as_str();
    let alice = srv.add_account("alice@example.org", PW).await;
    srv.add_coach("kim@example.org", PW, "Kim").await;
    let token = srv.token_for("alice@example.org").await;
    let (s, _) = api_post(
        srv,
        &token,
        "/api/v1/checkins",
        &json!({"mood": 7, "energy": 6, "appreciations": [
            {"area": "rest", "text": "sat in the sun for ten minutes"},
            {"area": "health", "text": "cooked a real dinner"},
            {"area": "work", "text": "sent the draft as it was"}]}),
    )
    .await;
    assert!(s.is_success());
    let (s, _) = api_post(
        srv,
        &token,
        "/api/v1/thoughts",
        &json!({"situation": "a late reply", "thought": "I never finish anything", "belief": 70}),
    )
    .await;
    assert!(s.is_success());

    // The coach makes an invitation link.
    sign_in(coach, base, "kim@example.org").await;
    coach.goto(base, "/clients").await;
    coach
        .click_to("form[action=\"/clients/invite\"] button", "/clients")
        .await;
    let link = coach
        .el("code.invite-link")
        .await
        .text()
        .await
        .expect("the link");
    assert!(link.starts_with("/invite/"), "{link}");

    // The client accepts in her own browser (a phone) and shares check-ins.
    sign_in(client, base, "alice@example.org").await;
    client.goto(base, &link).await;
    assert!(client.body_text().await.contains("Kim invites you"));
    client
        .click_to("form[action^=\"/invite/\"] button", "/your-coach")
        .await;
    assert!(client.body_text().await.contains("Nothing is shared yet"));
    tap(client, "input[name=share_checkins]").await;
    client
        .click_to(
            "form[action$=\"/consent\"] button[type=submit]",
            "/your-coach",
        )
        .await;
    assert!(client.body_text().await.contains("Saved."));

    // The coach reads her check-ins, and not her thoughts.
    coach.goto(base, "/clients").await;
    coach
        .click_to(&format!("a[href=\"/clients/{alice}\"]"), "/clients/")
        .await;
    coach
        .click_to(
            &format!("a[href=\"/clients/{alice}/checkins\"]"),
            "/clients/",
        )
        .await;
    assert!(coach
        .body_text()
        .await
        .contains("sat in the sun for ten minutes"));
    coach
        .goto(base, &format!("/clients/{alice}/thoughts"))
        .await;
    let page = coach.body_text().await;
    assert!(page.contains("Not shared"), "{page}");
    assert!(!page.contains("I never finish anything"));

    // The coach gives her an experiment, due on Friday.
    let today = srv.state.clock.now().date_naive();
    let ahead = (4 + 7 - i64::from(today.weekday().num_days_from_monday())) % 7;
    let friday = today + chrono::Duration::days(if ahead == 0 { 7 } else { ahead });
    coach.goto(base, &format!("/clients/{alice}")).await;
    coach.choose("#assign-kind", "experiment").await;
    let due = coach.el("#assign-due").await;
    coach
        .driver
        .execute(
            "arguments[0].value = arguments[1]; return 1",
            vec![
                due.to_json().expect("element"),
                serde_json::Value::String(friday.to_string()),
            ],
        )
        .await
        .expect("set the due date");
    coach
        .fill("#assign-note", "Send one email without rereading it.")
        .await;
    coach
        .click_to(
            "form[action$=\"/assignments\"] button[type=submit]",
            "/clients/",
        )
        .await;
    let page = coach.body_text().await;
    assert!(page.contains("Assignment given"), "{page}");
    assert!(
        page.contains("Try an experiment and record what happened"),
        "{page}"
    );

    // She sees it on Today, plans and records an experiment on her phone.
    client.goto(base, "/today").await;
    let page = client.body_text().await;
    assert!(page.contains("From your coach"), "{page}");
    assert!(
        page.contains("Try an experiment and record what happened"),
        "{page}"
    );
    assert!(
        page.contains("Send one email without rereading it."),
        "{page}"
    );
    client.goto(base, "/experiments").await;
    client
        .fill("#plan-belief", "People will think less of me")
        .await;
    client
        .fill("#plan-prediction", "Someone points out a typo")
        .await;
    client.fill("#plan-likelihood", "70").await;
    client.fill("#plan-anxiety", "60").await;
    client
        .click_to(
            "form[action=\"/experiments\"] button[type=submit]",
            "/experiments",
        )
        .await;
    tap(client, "details:has(form[action$=\"/record\"]) > summary").await;
    tap(
        client,
        "form[action$=\"/record\"] input[name=happened][value=no]",
    )
    .await;
    client
        .fill(
            "form[action$=\"/record\"] textarea[name=actual]",
            "Nobody said a thing",
        )
        .await;
    client
        .fill("form[action$=\"/record\"] input[name=anxiety_after]", "20")
        .await;
    client
        .fill(
            "form[action$=\"/record\"] textarea[name=learned]",
            "Good enough was fine",
        )
        .await;
    client
        .click_to(
            "form[action$=\"/record\"] button[type=submit]",
            "/experiments",
        )
        .await;
    client.goto(base, "/assignments").await;
    let page = client.body_text().await;
    assert!(page.contains("Done or set aside"), "{page}");

    // The coach sees it done, though experiments are not shared.
    coach.goto(base, &format!("/clients/{alice}")).await;
    let row = coach
        .el("table.assignments tbody tr")
        .await
        .text()
        .await
        .expect("the assignment's row");
    assert!(
        row.contains("Try an experiment") && row.contains("done"),
        "{row}"
    );
    assert!(!coach.body_text().await.contains("Nobody said a thing"));

    // She revokes; the coach's next page says so.
    client.goto(base, "/your-coach").await;
    tap(client, "input[name=share_checkins]").await;
    client
        .click_to(
            "form[action$=\"/consent\"] button[type=submit]",
            "/your-coach",
        )
        .await;
    coach
        .goto(base, &format!("/clients/{alice}/checkins"))
        .await;
    let page = coach.body_text().await;
    assert!(page.contains("Not shared"), "{page}");
    assert!(!page.contains("sat in the sun"));

    // Her log: the allowed read, the refused thoughts, the refused read
    // after revoking, newest first.
    client.goto(base, "/your-coach").await;
    let rows = client
        .driver
        .find_all(thirtyfour::By::Css("table tbody tr"))
        .await
        .expect("log rows");
    let mut lines = Vec::new();
    for r in &rows {
        lines.push(r.text().await.expect("row text"));
    }
    // Newest first: the refused check-ins after revoking, the coach
    // looking at the finished step, at the page after giving it, giving
    // it, looking at her overview, the refused thoughts, the allowed
    // check-ins, and the overview before them. Each look at the overview
    // reads the steps given and the answers to programmes offered.
    assert_eq!(lines.len(), 12, "{lines:?}");
    let expected = [
        ("check-ins", "refused"),
        ("read programme offers", "allowed"),
        ("read assignments", "allowed"),
        ("read programme offers", "allowed"),
        ("read assignments", "allowed"),
        ("write assignments", "allowed"),
        ("read programme offers", "allowed"),
        ("read assignments", "allowed"),
        ("thoughts", "refused"),
        ("check-ins", "allowed"),
        ("read programme offers", "allowed"),
        ("read assignments", "allowed"),
    ];
    for (line, (what, answer)) in lines.iter().zip(expected) {
        assert!(
            line.contains(what) && line.contains(answer),
            "{what} {answer}: {lines:?}"
        );
    }
    assert!(lines.iter().all(|l| l.contains("Kim")));
}
