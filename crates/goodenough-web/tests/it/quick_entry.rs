//! Quick entry and readable lists: the check-in by taps (mood and energy
//! as 0–10 radio groups, life areas as chips, nothing chosen for a new
//! check-in), and the Wins and Thoughts lists (month cards, 30 at first,
//! "Show more", a search box).

use goodenough_web::testing::{api_post, signed_in, TestClient, TestServer};
use reqwest::StatusCode;
use serde_json::json;

const EMAIL: &str = "alex@example.org";
const PW: &str = "correct horse battery";

fn today(srv: &TestServer) -> chrono::NaiveDate {
    srv.state.clock.now().date_naive()
}

/// The markup of a radio as the page writes it when nothing is chosen.
fn radio(name: &str, value: &str) -> String {
    format!("<input type=\"radio\" id=\"{name}-{value}\" name=\"{name}\" value=\"{value}\">")
}

/// The same radio, chosen.
fn chosen(name: &str, value: &str) -> String {
    format!(
        "<input type=\"radio\" id=\"{name}-{value}\" name=\"{name}\" value=\"{value}\" checked>"
    )
}

#[tokio::test]
async fn a_new_checkin_has_nothing_chosen() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/checkin").await;
    assert_eq!(p.status, StatusCode::OK);
    for name in ["mood", "energy"] {
        assert!(p.body.contains(&format!(
            "<legend>{}",
            if name == "mood" { "Mood" } else { "Energy" }
        )));
        for n in 0..=10 {
            let v = n.to_string();
            assert!(
                p.body.contains(&radio(name, &v)),
                "{name} {n} missing or chosen"
            );
            assert!(p.body.contains(&format!("<label for=\"{name}-{n}\">")));
        }
    }
    // The ends of the mood scale carry a word as well as the number.
    assert!(p.body.contains("very low") && p.body.contains("very good"));
    for n in 1..=3 {
        for area in [
            "work",
            "rest",
            "relationships",
            "health",
            "creativity",
            "character",
            "other",
        ] {
            assert!(
                p.body.contains(&radio(&format!("area{n}"), area)),
                "area{n} {area}"
            );
        }
    }
    assert!(
        !p.body.contains(" checked"),
        "nothing is chosen for a new check-in"
    );
    assert!(
        !p.body.contains("type=\"number\""),
        "no number boxes any more"
    );
}

fn fields(date: &str) -> Vec<(&str, &str)> {
    vec![
        ("date", date),
        ("mood", "3"),
        ("energy", "8"),
        ("area1", "health"),
        ("text1", "went for a slow walk"),
        ("area2", "creativity"),
        ("text2", "sketched for ten minutes"),
        ("area3", "character"),
        ("text3", "said sorry first"),
        ("note", "a quiet evening"),
    ]
}

#[tokio::test]
async fn a_missing_mood_is_asked_for_and_everything_typed_is_kept() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let date = today(&srv).to_string();
    c.get("/checkin").await;
    let mut f = fields(&date);
    f.remove(1); // no mood
    f[2] = ("area1", ""); // and no area for the first appreciation
    let p = c.post_form("/checkin", &f).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body.contains(
            "Almost there: please choose your mood (a number from 0 to 10) and a life area for appreciation 1. Everything you typed is kept."
        ),
        "{}",
        p.body
    );
    for text in [
        "went for a slow walk",
        "sketched for ten minutes",
        "said sorry first",
    ] {
        assert!(p.body.contains(&format!("value=\"{text}\"")), "{text} kept");
    }
    assert!(p.body.contains(">a quiet evening</textarea>"));
    // What was chosen stays chosen; the mood is still open.
    assert!(p.body.contains(&chosen("energy", "8")));
    assert!(p.body.contains(&chosen("area2", "creativity")));
    assert!(p.body.contains(&chosen("area3", "character")));
    assert!(p.body.contains(&radio("mood", "3")));
    assert!(!p.body.contains("name=\"mood\" value=\"3\" checked"));
    assert!(c.get("/today").await.body.contains("Not yet today"));
}

#[tokio::test]
async fn a_checkin_by_taps_is_saved_with_the_chosen_values() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let date = today(&srv).to_string();
    c.get("/checkin").await;
    let p = c.post_form("/checkin", &fields(&date)).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(p.path().starts_with("/checkin"));
    // The saved screen: what was saved and one kind sentence.
    assert!(p.body.contains("Check-in saved"));
    assert!(
        p.body.contains("<dt>Mood</dt><dd>3 of 10</dd>"),
        "{}",
        p.body
    );
    assert!(p.body.contains("<dt>Energy</dt><dd>8 of 10</dd>"));
    for text in [
        "went for a slow walk",
        "sketched for ten minutes",
        "said sorry first",
        "a quiet evening",
    ] {
        assert!(p.body.contains(text), "{text}");
    }
    assert!(p
        .body
        .contains("1 evening this week, 1 this month. Every check-in counts."));
    assert!(!p.body.contains("A gentle thought"), "not all work");
    assert!(c
        .get("/today")
        .await
        .body
        .contains("Done for today: mood 3, energy 8."));
    // Opening the day again shows the saved choices.
    let p = c.get(&format!("/checkin?date={date}")).await;
    for (name, value) in [
        ("mood", "3"),
        ("energy", "8"),
        ("area1", "health"),
        ("area2", "creativity"),
        ("area3", "character"),
    ] {
        assert!(p.body.contains(&chosen(name, value)), "{name}={value}");
    }
}

/// `n` wins, one a day back from today: "win number 00" is today's.
async fn many_wins(srv: &TestServer, n: i64) {
    let token = srv.token_for(EMAIL).await;
    for i in 0..n {
        let date = today(srv) - chrono::Days::new(u64::try_from(i).expect("small"));
        let body = json!({"text": format!("win number {i:02}"), "date": date.to_string()});
        let (s, v) = api_post(srv, &token, "/api/v1/wins", &body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
}

fn count(body: &str, needle: &str) -> usize {
    body.matches(needle).count()
}

#[tokio::test]
async fn wins_show_thirty_then_more_newest_first_by_month() {
    let srv = TestServer::start().await;
    let mut c: TestClient = signed_in(&srv, EMAIL, PW).await;
    many_wins(&srv, 45).await;
    let p = c.get("/wins").await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(count(&p.body, "<li class=\"card\" id=\"win-"), 30);
    assert!(p.body.contains("win number 29") && !p.body.contains("win number 30"));
    let first = p.body.find("win number 00").expect("newest");
    let later = p.body.find("win number 01").expect("next");
    assert!(first < later, "newest first");
    // Human dates and month headings.
    let t = today(&srv);
    assert!(p.body.contains(&format!(
        "<time class=\"card-date\" datetime=\"{t}\">{}</time>",
        t.format("%a %-d %b")
    )));
    assert!(p
        .body
        .contains(&format!("<h3 class=\"month\">{}</h3>", t.format("%B %Y"))));
    assert!(p.body.contains("Showing 30 of 45."));
    assert!(
        p.body
            .contains("href=\"/wins?limit=60#win-31\">Show more</a>"),
        "{}",
        p.body
    );

    let p = c.get("/wins?limit=60").await;
    assert_eq!(count(&p.body, "<li class=\"card\" id=\"win-"), 45);
    assert!(p.body.contains("win number 44"));
    assert!(p.body.contains("id=\"win-31\""));
    assert!(!p.body.contains("Show more"));
}

#[tokio::test]
async fn search_finds_and_misses() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    many_wins(&srv, 12).await;
    let p = c.get("/wins").await;
    assert!(p.body.contains(
        "<form class=\"search\" method=\"get\" action=\"/wins#look-back\" role=\"search\">"
    ));
    let p = c.get("/wins?q=NUMBER+07").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("win number 07"));
    assert!(!p.body.contains("win number 08"));
    assert!(
        p.body.contains("1 of 12 wins match “NUMBER 07”."),
        "{}",
        p.body
    );
    assert!(
        p.body.contains("value=\"NUMBER 07\""),
        "the box keeps the words"
    );
    let p = c.get("/wins?q=zebra").await;
    assert!(p.body.contains("No wins match “zebra”."));
    assert!(p
        .body
        .contains("<a href=\"/wins#wins-list\">Clear the search</a>"));
    assert!(!p.body.contains("win number"));

    // Thoughts: the situation, thought and reframe are searched.
    let token = srv.token_for(EMAIL).await;
    for (situation, thought) in [
        ("Code review on Monday", "I always get it wrong"),
        ("Dinner with Sam", "I talked too much"),
    ] {
        let body = json!({"situation": situation, "thought": thought, "belief": 60});
        let (s, v) = api_post(&srv, &token, "/api/v1/thoughts", &body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let p = c.get("/thoughts").await;
    assert!(p
        .body
        .contains("label for=\"q\">Search your thought records"));
    assert!(p.body.contains("I always get it wrong") && p.body.contains("I talked too much"));
    let p = c.get("/thoughts?q=code+REVIEW").await;
    assert!(p.body.contains("I always get it wrong"));
    assert!(!p.body.contains("I talked too much"));
    assert!(p
        .body
        .contains("1 of 2 thought records match “code REVIEW”."));
    let p = c.get("/thoughts?q=holiday").await;
    assert!(p.body.contains("No thought records match “holiday”."));
    assert!(p
        .body
        .contains("<a href=\"/thoughts\">Clear the search</a>"));
    assert!(!p.body.contains("I talked too much"));
}

/// Thought records as the signed-in browser sees them through the API.
async fn thought_records(c: &TestClient) -> Vec<serde_json::Value> {
    let res = c
        .http
        .get(format!("{}/api/v1/thoughts", c.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    let v: serde_json::Value = res.json().await.expect("json");
    v.as_array().expect("array").clone()
}

#[tokio::test]
async fn emotions_are_ticked_from_a_list_with_sliders_and_typed_ones_still_count() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/thoughts/new").await;
    // Every listed emotion: a checkbox and a 0-100 slider, none ticked.
    for name in ["anxious", "ashamed", "sad", "overwhelmed"] {
        assert!(
            p.body.contains(&format!(
                "<input type=\"checkbox\" id=\"emotion-{name}\" name=\"emotion\" value=\"{name}\">"
            )),
            "{name}: {}",
            p.body
        );
        assert!(p.body.contains(&format!(
            "type=\"range\" id=\"intensity-{name}\" name=\"intensity-{name}\" min=\"0\" max=\"100\""
        )));
    }
    assert!(p.body.contains("name=\"emotions\""), "the text field stays");

    let step_one = [
        ("date", "2026-03-02"),
        ("situation", "Code review on Monday"),
        ("thought", "I always mess up"),
        ("belief", "80"),
        ("emotion", "anxious"),
        ("intensity-anxious", "70"),
        ("intensity-sad", "90"),
        ("emotion", "overwhelmed"),
        ("intensity-overwhelmed", "35"),
        ("emotions", "lonely:60"),
    ];
    let p = c.post_form("/thoughts/new", &step_one).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    // Ticked ones with their slider, an unticked slider ignored, the typed
    // one kept; carried to step 2 in one hidden field.
    assert!(
        p.body
            .contains("name=\"emotions\" value=\"anxious:70, overwhelmed:35, lonely:60\""),
        "{}",
        p.body
    );
    // The traps are chips, the suggested one with the words that matched.
    assert!(
        p.body.contains("fieldset class=\"trap-chips\""),
        "{}",
        p.body
    );
    assert!(p.body.contains("class=\"chip suggested\""));
    assert!(
        p.body.contains("suggested: \u{201c}always\u{201d}"),
        "{}",
        p.body
    );
    // The original thought is repeated just above the reframe.
    let again = p.body.find("class=\"original-again\"").expect("repeated");
    let reframe = p.body.find("id=\"reframe\"").expect("reframe");
    assert!(again < reframe);

    // "Change what I wrote first": the listed ones come back ticked with
    // their intensity, the typed one in the text field.
    let mut back: Vec<(&str, &str)> = step_one[..4].to_vec();
    back.extend([
        ("emotions", "anxious:70, overwhelmed:35, lonely:60"),
        ("action", "back"),
    ]);
    let p = c.post_form("/thoughts", &back).await;
    assert!(p.body.contains(
        "<input type=\"checkbox\" id=\"emotion-anxious\" name=\"emotion\" value=\"anxious\" checked>"
    ), "{}", p.body);
    assert!(p
        .body
        .contains("name=\"intensity-overwhelmed\" min=\"0\" max=\"100\" step=\"5\" value=\"35\""));
    assert!(p.body.contains(">lonely:60</textarea>"), "{}", p.body);

    let mut save = back[..4].to_vec();
    save.extend([
        ("emotions", "anxious:70, overwhelmed:35, lonely:60"),
        ("action", "save"),
    ]);
    let p = c.post_form("/thoughts", &save).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let list = thought_records(&c).await;
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0]["emotions"],
        json!([
            {"name": "anxious", "intensity": 70},
            {"name": "overwhelmed", "intensity": 35},
            {"name": "lonely", "intensity": 60}
        ])
    );
}

#[tokio::test]
async fn a_slider_past_100_is_explained_and_nothing_is_saved() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    c.get("/thoughts/new").await;
    let p = c
        .post_form(
            "/thoughts/new",
            &[
                ("date", "2026-03-02"),
                ("situation", "a meeting"),
                ("thought", "kept words"),
                ("belief", "50"),
                ("emotion", "sad"),
                ("intensity-sad", "150"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", p.body);
    assert!(p.body.contains("class=\"notice error\""), "{}", p.body);
    assert!(p.body.contains("kept words"));
    assert!(thought_records(&c).await.is_empty());
}

#[tokio::test]
async fn the_checkin_form_can_be_kept_offline_and_questionnaires_go_one_by_one() {
    let srv = TestServer::start().await;
    let mut c = signed_in(&srv, EMAIL, PW).await;
    let p = c.get("/checkin").await;
    assert!(p.body.contains("data-offline-queue"), "{}", p.body);
    assert!(p.body.contains("id=\"checkin-queue\""));
    let offline = srv.client().get("/offline").await;
    assert!(
        offline.body.contains("kept on this device only"),
        "{}",
        offline.body
    );

    let list = c.get("/assessments").await;
    let href = list
        .body
        .split("href=\"/assessments/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a questionnaire");
    let p = c.get(&format!("/assessments/{href}")).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("data-one-by-one"), "{}", p.body);
    assert!(p.body.contains("fieldset class=\"item\""));
    assert!(p.body.contains("label class=\"option\""));
}
