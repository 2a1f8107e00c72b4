//! "Today" computed from only what the day needs (open experiments planned
//! for the day or earlier, results inside today's assessment windows) is
//! the same answer as from the whole history, on every day of a demo
//! journey (the store's range reads are checked against full lists in the
//! store's `today_store` test).

use chrono::{Duration, NaiveDate};
use goodenough_core::demo;
use goodenough_core::programme::{load_all, Today, TodayInput};

#[test]
fn the_bounded_inputs_give_the_same_today_every_day() {
    let end = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let data = demo::generate(42, end, 400);
    let (programmes, errors) = load_all(&[]);
    assert!(errors.is_empty());
    let enrolment = data.enrolments.first().expect("the demo enrols");
    let programme = programmes
        .iter()
        .find(|p| p.id == enrolment.programme_id)
        .expect("a shipped programme");
    assert!(data.experiments.iter().any(|e| e.due.is_some()));
    assert!(!data.assessments.is_empty());

    let first = end - Duration::days(399);
    let mut windows_seen = 0;
    for offset in 0..400 {
        let date = first + Duration::days(offset);
        let running = Some((programme, enrolment));
        let experiments: Vec<_> = data
            .experiments
            .iter()
            .filter(|e| e.result.is_none() && e.due.is_some_and(|d| d <= date))
            .cloned()
            .collect();
        let windows = Today::assessment_windows(running, date);
        windows_seen += windows.len();
        let assessments: Vec<_> = data
            .assessments
            .iter()
            .filter(|a| {
                windows
                    .iter()
                    .any(|(i, from, to)| a.instrument == *i && a.date >= *from && a.date <= *to)
            })
            .cloned()
            .collect();
        for checked_in in [false, true] {
            let full = Today::compute(&TodayInput {
                date,
                programme: running,
                checked_in,
                review_done: false,
                experiments: &data.experiments,
                blocks: &data.blocks,
                assessments: &data.assessments,
            });
            let bounded = Today::compute(&TodayInput {
                date,
                programme: running,
                checked_in,
                review_done: false,
                experiments: &experiments,
                blocks: &data.blocks,
                assessments: &assessments,
            });
            assert_eq!(full, bounded, "{date}");
        }
    }
    assert!(windows_seen > 0, "some days have assessment windows");
}
