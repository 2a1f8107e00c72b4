//! Every use case goes through the access check: an actor who may do
//! nothing gets a refusal from each one, and the store is left as it was.
//!
//! The table below lists every use case. A test reads the crate's sources and
//! fails when a public use case (a `pub async fn` taking a `&Scope`) is
//! missing from it, so a new use case cannot skip this test.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use goodenough_app::{
    assessments, assignments, awareness, boundaries, calendar, checkins, content, crisis, data,
    day, evidence, experiments, journal, joy, offers, outcomes, practice, programme, progress,
    push, report, reviews, settings, thoughts, timeboxes, today, Actor, App, AppError, Scope,
};
use goodenough_core::Settings;
use goodenough_store::Store;

type Call = for<'a> fn(&'a Scope) -> Pin<Box<dyn Future<Output = Result<(), AppError>> + 'a>>;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).expect("a real date")
}

fn a_checkin() -> checkins::NewCheckIn {
    checkins::NewCheckIn {
        date: Some(day()),
        mood: 6,
        energy: 5,
        appreciations: vec![
            goodenough_core::Appreciation {
                area: goodenough_core::LifeArea::Rest,
                text: "slept early".into(),
            },
            goodenough_core::Appreciation {
                area: goodenough_core::LifeArea::Health,
                text: "walked".into(),
            },
            goodenough_core::Appreciation {
                area: goodenough_core::LifeArea::Work,
                text: "asked for help".into(),
            },
        ],
        note: None,
    }
}

fn an_instrument() -> goodenough_core::assessment::Instrument {
    goodenough_core::assessment::load_all(&[])
        .expect("the shipped questionnaires load")
        .into_iter()
        .next()
        .expect("at least one questionnaire")
}

/// Every use case, called with harmless arguments. The name is
/// `module::function`, as in the sources.
fn use_cases() -> Vec<(&'static str, Call)> {
    vec![
        ("assessments::record", |s| {
            Box::pin(async move {
                let i = an_instrument();
                let new = assessments::NewAssessment {
                    answers: vec![i.scale.min(); i.items.len()],
                    ..Default::default()
                };
                assessments::record(s, &i, new).await.map(drop)
            })
        }),
        ("assessments::list", |s| {
            Box::pin(async move { assessments::list(s, None).await.map(drop) })
        }),
        ("assessments::get", |s| {
            Box::pin(async move { assessments::get(s, "some-id").await.map(drop) })
        }),
        ("assessments::history_of", |s| {
            Box::pin(async move { assessments::history_of(s, &an_instrument()).await.map(drop) })
        }),
        ("assessments::history_all", |s| {
            Box::pin(async move {
                assessments::history_all(s, &[an_instrument()])
                    .await
                    .map(drop)
            })
        }),
        ("checkins::record", |s| {
            Box::pin(async move { checkins::record(s, a_checkin(), false).await.map(drop) })
        }),
        ("checkins::on", |s| {
            Box::pin(async move { checkins::on(s, day()).await.map(drop) })
        }),
        ("checkins::get", |s| {
            Box::pin(async move { checkins::get(s, "some-id").await.map(drop) })
        }),
        ("checkins::list", |s| {
            Box::pin(async move { checkins::list(s, None).await.map(drop) })
        }),
        ("checkins::all", |s| {
            Box::pin(async move { checkins::all(s).await.map(drop) })
        }),
        ("checkins::all_json", |s| {
            Box::pin(async move { checkins::all_json(s).await.map(drop) })
        }),
        ("checkins::consistency", |s| {
            Box::pin(async move { checkins::consistency(s).await.map(drop) })
        }),
        ("checkins::recent_consistency", |s| {
            Box::pin(async move { checkins::recent_consistency(s).await.map(drop) })
        }),
        ("crisis::shown", |s| {
            Box::pin(async move { crisis::shown(s).await.map(drop) })
        }),
        ("crisis::dates", |s| {
            Box::pin(async move { crisis::dates(s).await.map(drop) })
        }),
        ("data::export", |s| {
            Box::pin(async move { data::export(s).await.map(drop) })
        }),
        ("data::import", |s| {
            Box::pin(async move {
                let doc = goodenough_core::export::ExportDoc::new(
                    Settings::defaults("UTC"),
                    vec![],
                    vec![],
                    vec![],
                    vec![],
                    now(),
                );
                data::import(s, &doc).await.map(drop)
            })
        }),
        ("data::counts", |s| {
            Box::pin(async move { data::counts(s).await.map(drop) })
        }),
        ("data::erase", |s| {
            Box::pin(async move { data::erase(s).await.map(drop) })
        }),
        ("data::holdings", |s| {
            Box::pin(async move { data::holdings(s).await.map(drop) })
        }),
        ("data::fill", |s| {
            Box::pin(async move {
                let doc = goodenough_core::export::ExportDoc::new(
                    Settings::defaults("UTC"),
                    vec![],
                    vec![],
                    vec![],
                    vec![],
                    now(),
                );
                data::fill(s, &doc, true).await.map(drop)
            })
        }),
        ("outcomes::weekly", |s| {
            Box::pin(async move { outcomes::weekly(s, 12).await.map(drop) })
        }),
        ("outcomes::git_weeks", |s| {
            Box::pin(async move { outcomes::git_weeks(s, None).await.map(drop) })
        }),
        ("outcomes::add_git_commits", |s| {
            Box::pin(async move { outcomes::add_git_commits(s, &[]).await.map(drop) })
        }),
        ("programme::today", |s| {
            Box::pin(async move { programme::today(s, &[], None).await.map(drop) })
        }),
        ("programme::running", |s| {
            Box::pin(async move { programme::running(s).await.map(drop) })
        }),
        ("programme::status", |s| {
            Box::pin(async move { programme::status(s, &[]).await.map(drop) })
        }),
        ("programme::standings", |s| {
            Box::pin(async move {
                // Asked about the scope's subject: the answer for them is the
                // check's (a refusal inside the list, not the whole call).
                let subject = s.subject().to_string();
                let mut all = programme::standings(s, &[subject], &[]).await?;
                match all.pop() {
                    Some((_, Err(d))) => Err(AppError::Denied(d)),
                    _ => Ok(()),
                }
            })
        }),
        ("programme::roster", |s| {
            Box::pin(async move { programme::roster(s, &[]).await.map(drop) })
        }),
        ("programme::roster_page", |s| {
            Box::pin(async move {
                programme::roster_page(s, &[], &programme::RosterWindow::all())
                    .await
                    .map(drop)
            })
        }),
        ("programme::start", |s| {
            Box::pin(async move {
                programme::start(s, &[], "no-such-programme", None, false)
                    .await
                    .map(drop)
            })
        }),
        ("programme::stop", |s| {
            Box::pin(async move { programme::stop(s).await.map(drop) })
        }),
        ("report::build", |s| {
            Box::pin(async move {
                let request = report::ReportRequest {
                    from: None,
                    to: None,
                    format: goodenough_core::report::Format::Markdown,
                };
                report::build(s, request, &[], &[]).await.map(drop)
            })
        }),
        ("reviews::week", |s| {
            Box::pin(async move { reviews::week(s, None).await.map(drop) })
        }),
        ("reviews::save", |s| {
            Box::pin(async move {
                let reflection =
                    goodenough_core::review::Reflection::new(&[], &[], Some("rested on Sunday"))
                        .expect("a reflection");
                reviews::save(s, None, reflection).await.map(drop)
            })
        }),
        ("reviews::list", |s| {
            Box::pin(async move { reviews::list(s).await.map(drop) })
        }),
        ("progress::outcomes", |s| {
            Box::pin(async move { progress::outcomes(s).await.map(drop) })
        }),
        ("progress::series", |s| {
            Box::pin(async move { progress::series(s).await.map(drop) })
        }),
        ("settings::get", |s| {
            Box::pin(async move { settings::get(s).await.map(drop) })
        }),
        ("settings::today", |s| {
            Box::pin(async move { settings::today(s).await.map(drop) })
        }),
        ("settings::save", |s| {
            Box::pin(async move {
                settings::save(s, Settings::defaults("Europe/Berlin"))
                    .await
                    .map(drop)
            })
        }),
        ("push::subscribe", |s| {
            Box::pin(async move {
                push::subscribe(
                    s,
                    push::NewSubscription {
                        endpoint: "https://push.example/device".into(),
                        p256dh: "key".into(),
                        auth: "secret".into(),
                        device: "Phone".into(),
                    },
                )
                .await
                .map(drop)
            })
        }),
        ("push::devices", |s| {
            Box::pin(async move { push::devices(s).await.map(drop) })
        }),
        ("push::unsubscribe", |s| {
            Box::pin(async move { push::unsubscribe(s, "some-id").await.map(drop) })
        }),
        ("push::for_test", |s| {
            Box::pin(async move { push::for_test(s).await.map(drop) })
        }),
        ("push::plan", |s| {
            Box::pin(async move { push::plan(s).await.map(drop) })
        }),
        ("today::overview", |s| {
            Box::pin(async move { today::overview(s).await.map(drop) })
        }),
        ("joy::add_hobby", |s| {
            Box::pin(async move { joy::add_hobby(s, "piano").await.map(drop) })
        }),
        ("joy::hobbies", |s| {
            Box::pin(async move { joy::hobbies(s).await.map(drop) })
        }),
        ("joy::add_block", |s| {
            Box::pin(async move {
                let weekly =
                    goodenough_core::joy::parse_weekly("sat 10:00-12:00").expect("a weekly time");
                let new = joy::NewBlock {
                    title: "painting".into(),
                    weekly,
                    hobby: Some("painting".into()),
                };
                joy::add_block(s, new).await.map(drop)
            })
        }),
        ("joy::blocks", |s| {
            Box::pin(async move { joy::blocks(s).await.map(drop) })
        }),
        ("joy::upcoming", |s| {
            Box::pin(async move { joy::upcoming(s).await.map(drop) })
        }),
        ("joy::get_block", |s| {
            Box::pin(async move { joy::get_block(s, "some-id").await.map(drop) })
        }),
        ("joy::mark", |s| {
            Box::pin(async move {
                joy::mark(s, "some-id", Some(day()), true, None)
                    .await
                    .map(drop)
            })
        }),
        ("joy::occurrence", |s| {
            Box::pin(async move { joy::occurrence(s, "some-id", day()).await.map(drop) })
        }),
        ("joy::log", |s| {
            Box::pin(async move {
                let new = joy::NewJoyLog {
                    hobby: "piano".into(),
                    minutes: 45,
                    date: Some(day()),
                };
                joy::log(s, new).await.map(drop)
            })
        }),
        ("joy::logs", |s| {
            Box::pin(async move { joy::logs(s).await.map(drop) })
        }),
        ("joy::add_rest", |s| {
            Box::pin(async move {
                let new = joy::NewRest {
                    from: day(),
                    to: day(),
                    kind: goodenough_core::joy::RestKind::RestDay,
                    guilt: Some(2),
                };
                joy::add_rest(s, new).await.map(drop)
            })
        }),
        ("joy::rests", |s| {
            Box::pin(async move { joy::rests(s).await.map(drop) })
        }),
        ("joy::summary", |s| {
            Box::pin(async move { joy::summary(s, 8).await.map(drop) })
        }),
        ("joy::overview", |s| {
            Box::pin(async move { joy::overview(s, 8).await.map(drop) })
        }),
        ("boundaries::add_no", |s| {
            Box::pin(async move {
                let new = boundaries::NewNo {
                    date: Some(day()),
                    request: "one more meeting".into(),
                    response: "not this week".into(),
                    guilt_before: 6,
                    guilt_after: None,
                    outcome: None,
                };
                boundaries::add_no(s, new).await.map(drop)
            })
        }),
        ("boundaries::get_no", |s| {
            Box::pin(async move { boundaries::get_no(s, "some-id").await.map(drop) })
        }),
        ("boundaries::complete_no", |s| {
            Box::pin(async move {
                boundaries::complete_no(s, "some-id", Some(2), None)
                    .await
                    .map(drop)
            })
        }),
        ("boundaries::noes", |s| {
            Box::pin(async move { boundaries::noes(s).await.map(drop) })
        }),
        ("boundaries::all", |s| {
            Box::pin(async move { boundaries::all(s).await.map(drop) })
        }),
        ("boundaries::add_delegation", |s| {
            Box::pin(async move {
                let new = boundaries::NewDelegation {
                    date: Some(day()),
                    task: "the report".into(),
                    to: "Sam".into(),
                    outcome: None,
                    fine: None,
                };
                boundaries::add_delegation(s, new).await.map(drop)
            })
        }),
        ("boundaries::get_delegation", |s| {
            Box::pin(async move { boundaries::get_delegation(s, "some-id").await.map(drop) })
        }),
        ("boundaries::complete_delegation", |s| {
            Box::pin(async move {
                boundaries::complete_delegation(s, "some-id", None, Some(true))
                    .await
                    .map(drop)
            })
        }),
        ("boundaries::delegations", |s| {
            Box::pin(async move { boundaries::delegations(s).await.map(drop) })
        }),
        ("boundaries::add_mistake", |s| {
            Box::pin(async move {
                let new = boundaries::NewMistake {
                    date: Some(day()),
                    what: "sent the wrong file".into(),
                    cost: "ten minutes".into(),
                    factors: None,
                    taught: "check the name".into(),
                    friend: "it happens".into(),
                    thought_id: None,
                };
                boundaries::add_mistake(s, new).await.map(drop)
            })
        }),
        ("boundaries::mistakes", |s| {
            Box::pin(async move { boundaries::mistakes(s).await.map(drop) })
        }),
        ("boundaries::get_mistake", |s| {
            Box::pin(async move { boundaries::get_mistake(s, "some-id").await.map(drop) })
        }),
        ("day::today", |s| {
            Box::pin(async move {
                day::today(s, goodenough_app::Category::Boundaries)
                    .await
                    .map(drop)
            })
        }),
        ("thoughts::list", |s| {
            Box::pin(async move { thoughts::list(s, None).await.map(drop) })
        }),
        ("day::settings", |s| {
            Box::pin(async move {
                day::settings(s, goodenough_app::Category::Boundaries)
                    .await
                    .map(drop)
            })
        }),
        ("timeboxes::start", |s| {
            Box::pin(async move {
                let new = timeboxes::NewTimebox {
                    title: "the draft",
                    limit: "90m",
                    started: timeboxes::When::Now,
                };
                timeboxes::start(s, new).await.map(drop)
            })
        }),
        ("timeboxes::running", |s| {
            Box::pin(async move { timeboxes::running(s).await.map(drop) })
        }),
        ("timeboxes::get", |s| {
            Box::pin(async move { timeboxes::get(s, "some-id").await.map(drop) })
        }),
        ("timeboxes::list", |s| {
            Box::pin(async move { timeboxes::list(s).await.map(drop) })
        }),
        ("timeboxes::listing", |s| {
            Box::pin(async move { timeboxes::listing(s).await.map(drop) })
        }),
        ("timeboxes::stop", |s| {
            Box::pin(async move {
                let outcome = goodenough_core::timebox::Outcome::Shipped;
                timeboxes::stop(s, outcome, timeboxes::When::Now)
                    .await
                    .map(drop)
            })
        }),
        ("timeboxes::revise", |s| {
            Box::pin(async move {
                timeboxes::revise(s, timeboxes::When::Now, None)
                    .await
                    .map(drop)
            })
        }),
        ("timeboxes::recheck", |s| {
            Box::pin(async move { timeboxes::recheck(s).await.map(drop) })
        }),
        ("timeboxes::extend", |s| {
            Box::pin(async move {
                timeboxes::extend(s, "15m", "one more pass", timeboxes::When::Now)
                    .await
                    .map(drop)
            })
        }),
        ("experiments::ladder", |s| {
            Box::pin(async move { experiments::ladder(s).await.map(drop) })
        }),
        ("experiments::add_rung", |s| {
            Box::pin(async move {
                experiments::add_rung(s, "ask a question in the meeting", 30)
                    .await
                    .map(drop)
            })
        }),
        ("experiments::get_rung", |s| {
            Box::pin(async move { experiments::get_rung(s, "0123abcd").await.map(drop) })
        }),
        ("experiments::rung_done", |s| {
            Box::pin(async move {
                experiments::rung_done(s, "0123abcd", Some(day()))
                    .await
                    .map(drop)
            })
        }),
        ("experiments::remove_rung", |s| {
            Box::pin(async move { experiments::remove_rung(s, "0123abcd").await.map(drop) })
        }),
        ("experiments::plan", |s| {
            Box::pin(async move {
                let new = experiments::NewExperiment {
                    belief: "they will think less of me".into(),
                    prediction: "silence".into(),
                    likelihood: 70,
                    anxiety: 50,
                    ..Default::default()
                };
                experiments::plan(s, new).await.map(drop)
            })
        }),
        ("experiments::get_experiment", |s| {
            Box::pin(async move { experiments::get_experiment(s, "0123abcd").await.map(drop) })
        }),
        ("experiments::record", |s| {
            Box::pin(async move {
                let new = experiments::NewResult {
                    happened: "no".into(),
                    actual: "a nod".into(),
                    anxiety_after: 20,
                    learned: "it was fine".into(),
                    ..Default::default()
                };
                experiments::record(s, "0123abcd", new).await.map(drop)
            })
        }),
        ("experiments::list", |s| {
            Box::pin(async move { experiments::list(s, None).await.map(drop) })
        }),
        ("experiments::calibration", |s| {
            Box::pin(async move { experiments::calibration(s, None).await.map(drop) })
        }),
        ("experiments::overview", |s| {
            Box::pin(async move { experiments::overview(s).await.map(drop) })
        }),
        ("evidence::add", |s| {
            Box::pin(async move {
                let new = evidence::NewEvidence {
                    kind: goodenough_core::evidence::EvidenceKind::Praise,
                    text: "clear write-up".into(),
                    attribution: goodenough_core::evidence::Attribution::Effort,
                    source: Some("Ana".into()),
                    date: Some(day()),
                };
                evidence::add(s, new).await.map(drop)
            })
        }),
        ("evidence::list", |s| {
            Box::pin(async move { evidence::list(s).await.map(drop) })
        }),
        ("evidence::summary", |s| {
            Box::pin(async move { evidence::summary(s).await.map(drop) })
        }),
        ("awareness::set_critic", |s| {
            Box::pin(async move {
                let new = awareness::NewCritic {
                    name: "the judge".into(),
                    says: vec!["not good enough".into()],
                    ..Default::default()
                };
                awareness::set_critic(s, new).await.map(drop)
            })
        }),
        ("awareness::critic", |s| {
            Box::pin(async move { awareness::critic(s).await.map(drop) })
        }),
        ("awareness::add_value", |s| {
            Box::pin(async move {
                awareness::add_value(s, "friend", "call one friend a week")
                    .await
                    .map(drop)
            })
        }),
        ("awareness::values", |s| {
            Box::pin(async move { awareness::values(s).await.map(drop) })
        }),
        ("awareness::remove_value", |s| {
            Box::pin(async move { awareness::remove_value(s, "some-id").await.map(drop) })
        }),
        ("awareness::log_practice", |s| {
            Box::pin(async move {
                let catalogue = goodenough_core::awareness::practice_catalog(&[])
                    .expect("the shipped practices load");
                let id = catalogue[0].id.clone();
                awareness::log_practice(s, &catalogue, &id, 10, Some(day()))
                    .await
                    .map(drop)
            })
        }),
        ("awareness::practice_logs", |s| {
            Box::pin(async move { awareness::practice_logs(s).await.map(drop) })
        }),
        ("journal::add_win", |s| {
            Box::pin(async move {
                journal::add_win(s, Some(day()), "shipped the draft")
                    .await
                    .map(drop)
            })
        }),
        ("journal::wins", |s| {
            Box::pin(async move { journal::wins(s, None).await.map(drop) })
        }),
        ("journal::get_win", |s| {
            Box::pin(async move { journal::get_win(s, "some-id").await.map(drop) })
        }),
        ("journal::add_setback", |s| {
            Box::pin(async move {
                journal::add_setback(s, Some(day()), "missed the train", None)
                    .await
                    .map(drop)
            })
        }),
        ("journal::setbacks", |s| {
            Box::pin(async move { journal::setbacks(s, None).await.map(drop) })
        }),
        ("journal::get_setback", |s| {
            Box::pin(async move { journal::get_setback(s, "some-id").await.map(drop) })
        }),
        ("calendar::ics", |s| {
            Box::pin(async move { calendar::ics(s, true).await.map(drop) })
        }),
        ("thoughts::add", |s| {
            Box::pin(async move {
                let catalogue =
                    goodenough_core::traps::TrapCatalog::shipped().expect("the shipped traps load");
                let new = thoughts::NewThought {
                    date: Some(day()),
                    situation: "a review".into(),
                    thought: "I always get it wrong".into(),
                    belief: 70,
                    ..Default::default()
                };
                thoughts::add(s, &catalogue, new).await.map(drop)
            })
        }),
        ("thoughts::get", |s| {
            Box::pin(async move { thoughts::get(s, "some-id").await.map(drop) })
        }),
        ("practice::invite", |s| {
            Box::pin(async move { practice::invite(s, "hash", None).await.map(drop) })
        }),
        ("practice::invitations", |s| {
            Box::pin(async move { practice::invitations(s).await.map(drop) })
        }),
        ("practice::offer", |s| {
            Box::pin(async move { practice::offer(s, "hash").await.map(drop) })
        }),
        ("practice::accept", |s| {
            Box::pin(async move { practice::accept(s, "hash").await.map(drop) })
        }),
        ("practice::coaches", |s| {
            Box::pin(async move { practice::coaches(s).await.map(drop) })
        }),
        ("practice::clients", |s| {
            Box::pin(async move { practice::clients(s).await.map(drop) })
        }),
        ("practice::client", |s| {
            Box::pin(async move { practice::client(s, "someone").await.map(drop) })
        }),
        ("practice::set_consent", |s| {
            Box::pin(async move {
                practice::set_consent(s, "link", Default::default())
                    .await
                    .map(drop)
            })
        }),
        ("practice::share", |s| {
            Box::pin(async move {
                practice::share(s, "link", goodenough_app::Category::CheckIns, None)
                    .await
                    .map(drop)
            })
        }),
        ("practice::unshare", |s| {
            Box::pin(async move {
                practice::unshare(s, "link", goodenough_app::Category::CheckIns)
                    .await
                    .map(drop)
            })
        }),
        ("practice::consent_history", |s| {
            Box::pin(async move { practice::consent_history(s, "link").await.map(drop) })
        }),
        ("practice::end", |s| {
            Box::pin(async move { practice::end(s, "link").await.map(drop) })
        }),
        ("practice::access_log", |s| {
            Box::pin(async move { practice::access_log(s).await.map(drop) })
        }),
        ("practice::add_note", |s| {
            Box::pin(async move {
                let new = practice::NewNote {
                    notes: "we talked".into(),
                    ..Default::default()
                };
                practice::add_note(s, "someone", new).await.map(drop)
            })
        }),
        ("practice::notes_about", |s| {
            Box::pin(async move { practice::notes_about(s, "someone").await.map(drop) })
        }),
        ("assignments::assign", |s| {
            Box::pin(async move {
                let new = assignments::NewAssignment {
                    kind: "thought_record".into(),
                    detail: None,
                    due: day(),
                    note: String::new(),
                };
                assignments::assign(s, "someone", new).await.map(drop)
            })
        }),
        ("assignments::given", |s| {
            Box::pin(async move { assignments::given(s, "someone").await.map(drop) })
        }),
        ("assignments::mine", |s| {
            Box::pin(async move { assignments::mine(s).await.map(drop) })
        }),
        ("assignments::mark", |s| {
            Box::pin(async move {
                assignments::mark(s, "some-id", "done", None)
                    .await
                    .map(drop)
            })
        }),
        ("assessments::available", |s| {
            Box::pin(async move { assessments::available(s, &[]).await.map(drop) })
        }),
        ("offers::offer", |s| {
            Box::pin(async move {
                offers::offer(s, "someone", "a-programme", "")
                    .await
                    .map(drop)
            })
        }),
        ("offers::given", |s| {
            Box::pin(async move { offers::given(s, "someone").await.map(drop) })
        }),
        ("offers::mine", |s| {
            Box::pin(async move { offers::mine(s).await.map(drop) })
        }),
        ("offers::get", |s| {
            Box::pin(async move { offers::get(s, "some-id").await.map(drop) })
        }),
        ("offers::accept", |s| {
            Box::pin(async move { offers::accept(s, "some-id", None, false).await.map(drop) })
        }),
        ("offers::decline", |s| {
            Box::pin(async move { offers::decline(s, "some-id", None).await.map(drop) })
        }),
        ("practice::my_notes", |s| {
            Box::pin(async move { practice::my_notes(s).await.map(drop) })
        }),
        ("practice::recent_log", |s| {
            Box::pin(async move { practice::recent_log(s, true, 10).await.map(drop) })
        }),
        ("practice::my_reads", |s| {
            Box::pin(async move { practice::my_reads(s).await.map(drop) })
        }),
        ("content::upload", |s| {
            Box::pin(async move {
                let upload = content::Upload {
                    kind: "script".into(),
                    text: "name = \"x\"".into(),
                    replace: false,
                };
                content::upload(s, upload).await.map(drop)
            })
        }),
        ("content::mine", |s| {
            Box::pin(async move { content::mine(s).await.map(drop) })
        }),
        ("content::from_coaches", |s| {
            Box::pin(async move { content::from_coaches(s).await.map(drop) })
        }),
        ("content::get", |s| {
            Box::pin(async move { content::get(s, "some-id").await.map(drop) })
        }),
        ("content::coach_scripts", |s| {
            Box::pin(async move { content::coach_scripts(s).await.map(drop) })
        }),
        ("content::remove", |s| {
            Box::pin(async move { content::remove(s, "some-id").await.map(drop) })
        }),
    ]
}

pub(crate) async fn store_with_a_person() -> (tempfile::TempDir, Arc<dyn Store>, String) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store: Arc<dyn Store> = Arc::from(goodenough_store::open(&url).await.expect("store opens"));
    let person = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("a person");
    (dir, store, person)
}

pub(crate) fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 20, 0, 0)
        .single()
        .expect("an instant")
}

#[tokio::test]
async fn an_actor_allowed_nothing_is_refused_by_every_use_case_and_nothing_changes() {
    let (_dir, store, person) = store_with_a_person().await;
    let app = App::new(
        store.clone(),
        Arc::new(goodenough_app::Catalogues::shipped()),
    );
    let mine = app.scope(Actor::person(&person), &person, now());
    checkins::record(&mine, a_checkin(), false)
        .await
        .expect("the owner may check in");
    let before = data::counts(&mine).await.expect("the owner may count");

    let nobody = app.scope(Actor::Nobody, &person, now());
    let stranger = app.scope(Actor::person("someone-else"), &person, now());
    for (name, call) in use_cases() {
        for scope in [&nobody, &stranger] {
            match call(scope).await {
                Err(AppError::Denied(d)) => {
                    assert!(d.to_string().starts_with("you may not"), "{name}: {d}")
                }
                other => panic!("{name} was not refused: {other:?}"),
            }
        }
    }
    assert_eq!(
        data::counts(&mine).await.expect("counts").total(),
        before.total()
    );
    assert_eq!(before.total(), 1);
}

#[tokio::test]
async fn the_owner_gets_past_the_check_in_every_use_case() {
    let (_dir, store, person) = store_with_a_person().await;
    let app = App::new(store, Arc::new(goodenough_app::Catalogues::shipped()));
    let mine = app.scope(Actor::person(&person), &person, now());
    for (name, call) in use_cases() {
        if let Err(AppError::Denied(d)) = call(&mine).await {
            panic!("{name} refused the owner: {d}");
        }
    }
}

/// Public use cases in the sources: `pub async fn NAME(scope: &Scope`.
fn use_cases_in_sources() -> Vec<String> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("the sources can be read") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            let module = path
                .strip_prefix(&src)
                .expect("under src")
                .with_extension("")
                .to_string_lossy()
                .replace('/', "::")
                .trim_end_matches("::mod")
                .to_string();
            let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for piece in flat.split("pub async fn ").skip(1) {
                let Some((name, rest)) = piece.split_once('(') else {
                    continue;
                };
                if rest.trim_start().starts_with("scope: &Scope") {
                    found.push(format!("{module}::{name}"));
                }
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_use_case_in_the_sources_is_in_the_table() {
    let listed: Vec<&str> = use_cases().iter().map(|(n, _)| *n).collect();
    let found = use_cases_in_sources();
    assert!(
        found.len() >= 10,
        "the source scan found too few: {found:?}"
    );
    let missing: Vec<&String> = found
        .iter()
        .filter(|n| !listed.contains(&n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "use cases missing from the table in tests/it/denied.rs: {missing:?}"
    );
    let stale: Vec<&&str> = listed
        .iter()
        .filter(|n| !found.iter().any(|f| f == **n))
        .collect();
    assert!(
        stale.is_empty(),
        "table entries with no use case: {stale:?}"
    );
}
