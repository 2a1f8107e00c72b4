//! Tests of the demo generator.

use super::*;
use crate::traps::TrapCatalog;

fn end() -> NaiveDate {
    crate::text::parse_date("2026-11-01").expect("date")
}

#[test]
fn same_seed_same_data() {
    let a = generate(7, end(), 240);
    let b = generate(7, end(), 240);
    assert_eq!(a.checkins, b.checkins);
    assert_eq!(a.thoughts, b.thoughts);
    let c = generate(8, end(), 240);
    assert_ne!(a.checkins, c.checkins);
}

#[test]
fn journey_is_realistic_and_non_linear() {
    let d = generate(42, end(), 240);
    // Missed days exist, but most evenings have a check-in.
    assert!(
        d.checkins.len() > 120 && d.checkins.len() < 235,
        "{}",
        d.checkins.len()
    );
    let mean_mood = |from: usize, to: usize| {
        let xs: Vec<f64> = d.checkins[from..to]
            .iter()
            .map(|c| f64::from(c.mood))
            .collect();
        xs.iter().sum::<f64>() / xs.len() as f64
    };
    let n = d.checkins.len();
    let first = mean_mood(0, n / 5);
    let last = mean_mood(n - n / 5, n);
    assert!(last > first + 1.5, "mood should improve: {first} -> {last}");
    // Belief drops after reframes grow over time, unevenly.
    let drops: Vec<i64> = d.thoughts.iter().filter_map(|t| t.belief_shift()).collect();
    let third = drops.len() / 3;
    let early: i64 = drops[..third].iter().sum::<i64>() / third as i64;
    let late: i64 = drops[drops.len() - third..].iter().sum::<i64>() / third as i64;
    assert!(late > early + 10, "{drops:?}");
    assert!(!d.setbacks.is_empty() && d.wins.len() > 20);
    for c in &d.checkins {
        c.validate().expect("demo check-ins are valid");
    }
    // Demo traps exist in the shipped catalogue.
    let cat = TrapCatalog::shipped().expect("loads");
    for t in &d.thoughts {
        for slug in &t.traps {
            assert!(cat.contains(slug), "{slug}");
        }
    }
}

#[test]
fn quiet_stretches_and_a_crunch() {
    let d = generate(42, end(), 240);
    let start = end() - Duration::days(239);
    // At least one run of three or more evenings without a check-in.
    let longest_gap = d
        .checkins
        .windows(2)
        .map(|w| (w[1].date - w[0].date).num_days() - 1)
        .max()
        .unwrap_or(0);
    assert!(longest_gap >= 3, "longest gap {longest_gap}");
    // Setbacks cluster in the crunch (days 91-134) more than in the
    // last third, over several seeds (one seed is a small sample).
    let (mut crunch, mut late) = (0usize, 0usize);
    for seed in 1..=10 {
        for s in generate(seed, end(), 240).setbacks {
            match (s.date - start).num_days() {
                91..=134 => crunch += 1,
                160..=239 => late += 1,
                _ => {}
            }
        }
    }
    // Per day: 44 crunch days against 80 late days.
    assert!(
        crunch * 80 > 2 * late * 44,
        "crunch {crunch} vs late {late}"
    );
    // Not every thought gets a reframe the same evening.
    assert!(d.thoughts.iter().any(|t| t.reframe.is_none()));
    assert!(d
        .thoughts
        .iter()
        .all(|t| t.reframe.is_some() == t.belief_after.is_some()));
}

#[test]
fn ten_years_are_valid_and_distinct() {
    let d = generate(42, end(), 3650);
    assert!(d.checkins.len() > 2500, "{}", d.checkins.len());
    let mut ids = std::collections::HashSet::new();
    for id in d
        .checkins
        .iter()
        .map(|c| &c.id)
        .chain(d.thoughts.iter().map(|t| &t.id))
        .chain(d.wins.iter().map(|w| &w.id))
        .chain(d.setbacks.iter().map(|s| &s.id))
    {
        assert!(ids.insert(id.clone()), "duplicate id {id}");
    }
    let doc = crate::export::ExportDoc::new(
        crate::Settings::defaults("UTC"),
        d.checkins,
        d.thoughts,
        d.wins,
        d.setbacks,
        Utc::now(),
    );
    doc.validate().expect("ten years of demo data validate");
}

/// The demo ends on its `end` day: an export of it imports that same day
/// (nothing that happened is dated after today), and the dates are
/// really checked (a day earlier, the last check-in is refused).
#[test]
fn every_demo_date_is_one_a_person_could_mean() {
    let d = generate(42, end(), 400);
    let mut doc = crate::export::ExportDoc::new(
        crate::Settings::defaults("UTC"),
        d.checkins,
        d.thoughts,
        d.wins,
        d.setbacks,
        Utc::now(),
    );
    doc.noes = d.noes;
    doc.delegations = d.delegations;
    doc.mistakes = d.mistakes;
    doc.rungs = d.rungs;
    doc.experiments = d.experiments;
    doc.block_occurrences = d.block_occurrences;
    doc.joy_logs = d.joy_logs;
    doc.rests = d.rests;
    doc.assessments = d.assessments;
    doc.practice_logs = d.practice_logs;
    doc.evidence = d.evidence;
    doc.enrolments = d.enrolments;
    doc.reviews = weekly_reviews(&doc, 42);
    assert!(!doc.reviews.is_empty() && !doc.evidence.is_empty());
    assert_eq!(doc.check_dates(end()), Ok(()));
    let day_before = end() - Duration::days(1);
    match doc.check_dates(day_before) {
        Err(crate::export::ImportError::Invalid { at, message }) => {
            assert!(at.starts_with("checkins["), "{at}");
            assert!(message.contains("can't be dated"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn experiments_climb_the_ladder_and_fears_rarely_come_true() {
    use crate::experiment::{ladder_gaps, sort_ladder};
    let d = generate(42, end(), 240);
    assert_eq!(d.rungs.len(), 8);
    let n = d.experiments.len();
    assert!((20..=32).contains(&n), "{n} experiments");
    for e in &d.experiments {
        e.validate().expect("valid experiment");
        let r = e.rung_id.as_deref().expect("on a rung");
        assert!(d.rungs.iter().any(|x| x.id == r));
    }
    let mut rungs = d.rungs.clone();
    sort_ladder(&mut rungs);
    assert_eq!(ladder_gaps(&rungs).len(), 1);
    assert!(rungs.iter().filter(|r| r.done_on.is_some()).count() >= 6);
    // Early fears feel likely, late ones less so; the feared outcome
    // fully happens rarely.
    let items: Vec<_> = d.experiments.iter().filter_map(|e| e.forecast()).collect();
    let report = crate::calibration::report(None, &items);
    let first = &report.months[0].figures;
    let last = &report.months[report.months.len() - 1].figures;
    assert!(first.mean_predicted >= 70.0, "{first:?}");
    assert!(
        last.mean_predicted < first.mean_predicted - 15.0,
        "{last:?}"
    );
    let overall = report.overall.expect("recorded");
    assert!(overall.happened * 5 <= overall.experiments, "{overall:?}");
    assert!(overall.partly >= 1);
    assert!(overall.observed_rate < 30.0);
    // Same seed, same experiments; ten years stay valid.
    assert_eq!(generate(42, end(), 240).experiments, d.experiments);
    let ten = generate(42, end(), 3650);
    assert!(ten.experiments.len() > 300, "{}", ten.experiments.len());
}

#[test]
fn snapshot_every_four_weeks_eases_unevenly() {
    let end = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let data = generate(7, end, DEFAULT_DAYS);
    let a: Vec<_> = data
        .assessments
        .iter()
        .filter(|r| r.instrument == crate::assessment::PERFECTIONISM_SNAPSHOT)
        .cloned()
        .collect();
    assert_eq!(a.len(), (DEFAULT_DAYS as usize).div_ceil(28));
    for w in a.windows(2) {
        assert_eq!((w[1].date - w[0].date).num_days(), 28);
    }
    assert_eq!(a[0].notes.len(), 4, "the intake has an example per area");
    let last = a.last().expect("some");
    assert!(
        last.total < a[0].total - 8.0,
        "{} vs {}",
        last.total,
        a[0].total
    );
    // The crunch brings a bump: some result is higher than the one before.
    assert!(a.windows(2).any(|w| w[1].total > w[0].total));
    assert_eq!(generate(7, end, DEFAULT_DAYS).assessments, data.assessments);
}

#[test]
fn who5_and_cbi_change_reliably_and_not_in_a_straight_line() {
    use crate::assessment::{history, shipped, Classification, CBI_PERSONAL, WHO5};
    for seed in [7, 42, 2026] {
        let data = generate(seed, end(), DEFAULT_DAYS);
        assert!(data.assessments.windows(2).all(|w| w[0].date <= w[1].date));
        for (id, better) in [(WHO5, 1.0), (CBI_PERSONAL, -1.0)] {
            let i = shipped(id).expect(id);
            let mine: Vec<_> = data
                .assessments
                .iter()
                .filter(|r| r.instrument == id)
                .cloned()
                .collect();
            assert_eq!(mine.len(), (DEFAULT_DAYS as usize).div_ceil(28), "{id}");
            // Every total is what the shipped definition scores.
            for r in &mine {
                let answers: Vec<i64> = r.answers.iter().map(|a| a.value).collect();
                assert_eq!(i.score(&answers).expect("valid").total, r.total, "{id}");
                assert!(i.score(&answers).expect("valid").help_now.is_empty());
            }
            let h = history(&i, mine);
            let last = h.last().and_then(|e| e.change).expect("a classification");
            assert!(
                matches!(
                    last.classification,
                    Classification::Improved | Classification::Recovered
                ),
                "seed {seed}, {id}: {last:?}"
            );
            // Not a straight line: some sitting is worse than the one before.
            assert!(
                h.windows(2)
                    .any(|w| better * (w[1].result.total - w[0].result.total) < 0.0),
                "seed {seed}, {id}"
            );
        }
    }
    let a = generate(7, end(), DEFAULT_DAYS).assessments;
    assert_eq!(a, generate(7, end(), DEFAULT_DAYS).assessments);
}
