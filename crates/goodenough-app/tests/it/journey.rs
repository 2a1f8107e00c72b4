//! The journey's use cases on a real store: a programme's start and
//! conflicts, today, a week in the future, the summary window and a
//! questionnaire's baseline.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use goodenough_app::{assessments, outcomes, programme, reviews, Actor, App, AppError, Catalogues};
use goodenough_core::Settings;
use goodenough_store::{Store, StoreError};

async fn mine() -> (tempfile::TempDir, goodenough_app::Scope) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("goodenough.db").display());
    let store: Arc<dyn Store> = Arc::from(goodenough_store::open(&url).await.expect("store opens"));
    let person = store
        .create_person(&Settings::defaults("Europe/Berlin"))
        .await
        .expect("a person");
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 20, 0, 0)
        .single()
        .expect("an instant");
    let scope = App::new(store, Arc::new(Catalogues::shipped())).scope(
        Actor::person(&person),
        &person,
        now,
    );
    (dir, scope)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("a real date")
}

#[tokio::test]
async fn one_programme_runs_at_a_time_and_today_follows_it() {
    let (_dir, scope) = mine().await;
    let catalogues = Catalogues::shipped();
    let all = &catalogues.programmes().list;
    let first = all.first().expect("a shipped programme");

    let missing = programme::start(&scope, all, "no-such-programme", None, false).await;
    assert!(matches!(
        missing,
        Err(AppError::NotFound { what: "programme" })
    ));

    let started = programme::start(&scope, all, &first.id, Some(day(2)), false)
        .await
        .expect("starts");
    assert_eq!(started.enrolment.started_on, day(2));
    assert!(started.stopped.is_none());
    let standing = started.status.standing.expect("a standing");
    assert_eq!(standing.programme_id, first.id);

    let again = programme::start(&scope, all, &first.id, None, false).await;
    assert!(
        matches!(again, Err(AppError::Store(StoreError::Conflict(_)))),
        "{again:?}"
    );
    let switched = programme::start(&scope, all, &first.id, None, true)
        .await
        .expect("replaces");
    assert_eq!(switched.stopped.map(|e| e.started_on), Some(day(2)));
    assert_eq!(switched.enrolment.started_on, day(10));

    let today = programme::today(&scope, all, None).await.expect("today");
    assert_eq!(today.date, day(10));
    assert_eq!(
        today.programme.map(|s| s.programme_id),
        Some(first.id.clone())
    );
    let without = programme::today(&scope, &[], None).await.expect("today");
    assert!(without.programme.is_none());

    let stopped = programme::stop(&scope).await.expect("stops");
    assert!(stopped.is_some());
    assert!(programme::stop(&scope)
        .await
        .expect("nothing to stop")
        .is_none());
}

#[tokio::test]
async fn a_week_after_today_and_a_window_out_of_range_are_refused() {
    let (_dir, scope) = mine().await;
    let future = reviews::week(&scope, Some(day(20))).await;
    assert!(matches!(future, Err(AppError::Invalid(_))), "{future:?}");
    let view = reviews::week(&scope, None).await.expect("this week");
    assert_eq!(view.week_start, day(9));

    for weeks in [0, outcomes::MAX_WEEKS + 1] {
        let refused = outcomes::weekly(&scope, weeks).await;
        assert!(matches!(refused, Err(AppError::Invalid(_))), "{weeks}");
    }
    let rows = outcomes::weekly(&scope, 3).await.expect("three weeks");
    assert_eq!(rows.len(), 3);
}

#[tokio::test]
async fn the_first_result_of_a_questionnaire_is_the_baseline() {
    let (_dir, scope) = mine().await;
    let catalogues = Catalogues::shipped();
    let i = catalogues
        .instruments()
        .first()
        .expect("a shipped questionnaire");
    let answers = vec![i.scale.min(); i.items.len()];
    let new = |date| assessments::NewAssessment {
        answers: answers.clone(),
        notes: Default::default(),
        date: Some(date),
    };
    let first = assessments::record(&scope, i, new(day(1)))
        .await
        .expect("saved");
    assert!(first.first);
    let second = assessments::record(&scope, i, new(day(8)))
        .await
        .expect("saved");
    assert!(!second.first);
    let future = assessments::record(&scope, i, new(day(11))).await;
    assert!(matches!(future, Err(AppError::Invalid(_))), "{future:?}");

    let got = assessments::get(&scope, &second.result.id)
        .await
        .expect("found");
    assert_eq!(got.date, day(8));
    assert!(matches!(
        assessments::get(&scope, "no-such-id").await,
        Err(AppError::NotFound { .. })
    ));
    let history = assessments::history_of(&scope, i).await.expect("history");
    assert_eq!(history.len(), 2);
}
