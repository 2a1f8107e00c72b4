//! Tests of the programme format, the schedule, enrolment and Today.

use super::*;
use crate::assessment::AssessmentResult;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};

const BASE: &str = r#"
id = "t"
title = "Test"
weeks = 8

[review]
cadence = "weekly on sun"

[[phases]]
name = "One"
weeks = [1, 4]
focus = ["awareness"]

[[phases]]
name = "Two"
weeks = [5, 8]
focus = ["joy", "self-compassion"]

[[exercises]]
id = "checkin"
title = "Check in"
feature = "checkin"
cadence = "daily"

[[exercises]]
id = "snap"
title = "Snapshot"
feature = "assessment"
target = "perfectionism-snapshot"
cadence = "every 4 weeks"

[[exercises]]
id = "rung"
title = "Climb"
feature = "ladder"
cadence = "weekly on wed"
weeks = [5, 8]

[[milestones]]
week = 4
title = "Halfway"
marks = "the first half"

[maintenance]
summary = "keep going"
checkup = "every 4 weeks on sun"
[maintenance.relapse_prevention]
warning_signs = ["late nights"]
what_to_do = ["rest"]
"#;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn errors(src: &str) -> String {
    Programme::parse("t.toml", src, "t.toml")
        .expect_err("should fail")
        .to_string()
}

#[test]
fn shipped_programmes_load() {
    let (list, errs) = load_all(&[]);
    assert!(errs.is_empty(), "{errs:?}");
    let p = list
        .iter()
        .find(|p| p.id == PERFECTIONISM)
        .expect("perfectionism");
    assert!((30..=38).contains(&p.weeks));
    let pillars: BTreeSet<Pillar> = p.phases.iter().flat_map(|ph| ph.focus.clone()).collect();
    assert_eq!(pillars.len(), 5, "every pillar has a phase");
    assert!(p
        .maintenance
        .as_ref()
        .is_some_and(|m| !m.relapse_prevention.warning_signs.is_empty()));
    let imp = list.iter().find(|p| p.id == "impostor").expect("impostor");
    assert!((12..=16).contains(&imp.weeks));
    assert!(imp.exercises.iter().any(|e| e.feature == Feature::Evidence));
    assert!(imp
        .exercises
        .iter()
        .any(|e| e.target.as_deref() == Some("impostor-snapshot")));
}

#[test]
fn parses_the_base() {
    let p = Programme::parse("t.toml", BASE, "x").expect("valid");
    assert_eq!(p.phases.len(), 2);
    assert_eq!(
        p.exercises[1].cadence,
        Cadence::Every {
            weeks: 4,
            from: 1,
            day: None
        }
    );
    assert_eq!(p.exercises[2].weeks, Some((5, 8)));
}

#[test]
fn overlapping_phases_are_refused_with_line_and_field() {
    let src = BASE.replace(
        "weeks = [5, 8]\nfocus = [\"joy\"",
        "weeks = [4, 8]\nfocus = [\"joy\"",
    );
    let e = errors(&src);
    assert!(
        e.contains("t.toml line 16, phases[1].weeks: \"Two\" (weeks 4-8) overlaps \"One\""),
        "{e}"
    );
}

#[test]
fn gaps_between_phases_are_refused() {
    let src = BASE.replace(
        "weeks = [5, 8]\nfocus = [\"joy\"",
        "weeks = [6, 8]\nfocus = [\"joy\"",
    );
    let e = errors(&src);
    assert!(
        e.contains("phases[1].weeks: weeks 5-5 belong to no phase"),
        "{e}"
    );
    let src = BASE.replace(
        "weeks = [5, 8]\nfocus = [\"joy\"",
        "weeks = [5, 7]\nfocus = [\"joy\"",
    );
    assert!(errors(&src).contains("phases: weeks 8-8 belong to no phase"));
}

#[test]
fn unknown_feature_is_named() {
    let src = BASE.replace("feature = \"ladder\"", "feature = \"meditation\"");
    let e = errors(&src);
    assert!(
        e.contains("t.toml line 35, exercises[2].feature: \"meditation\" is not a feature"),
        "{e}"
    );
    assert!(e.contains("checkin, reframe"));
}

#[test]
fn unschedulable_cadences_are_refused() {
    for (bad, says) in [
        ("every 0 weeks", "every 0 weeks never comes round"),
        ("weekly on funday", "\"funday\" is not a day of the week"),
        ("once in week 0", "week 0 never comes"),
        ("fortnightly", "cannot read \"fortnightly\""),
        ("weekly", "needs a weekday"),
        ("every 2 weeks from week 0", "from week 0"),
    ] {
        let src = BASE.replace(
            "cadence = \"every 4 weeks\"",
            &format!("cadence = \"{bad}\""),
        );
        let e = errors(&src);
        assert!(e.contains("exercises[1].cadence: "), "{bad}: {e}");
        assert!(e.contains(says), "{bad}: {e}");
    }
}

#[test]
fn weeks_past_the_end_are_refused() {
    let e = errors(&BASE.replace(
        "weeks = [5, 8]\nfocus = [\"joy\"",
        "weeks = [5, 9]\nfocus = [\"joy\"",
    ));
    assert!(e.contains("phases[1].weeks: week 9 is past the end"), "{e}");
    let e = errors(&BASE.replace(
        "cadence = \"every 4 weeks\"",
        "cadence = \"once in week 12\"",
    ));
    assert!(
        e.contains("exercises[1].cadence: week 12 is past the end"),
        "{e}"
    );
    let e = errors(&BASE.replace(
        "weeks = [5, 8]\n\n[[milestones]]",
        "weeks = [5, 10]\n\n[[milestones]]",
    ));
    assert!(
        e.contains("exercises[2].weeks: week 10 is past the end"),
        "{e}"
    );
    let e = errors(&BASE.replace("week = 4\n", "week = 9\n"));
    assert!(
        e.contains("milestones[0].week: week 9 is past the end"),
        "{e}"
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let e = errors(&BASE.replace("id = \"rung\"", "id = \"snap\""));
    assert!(
        e.contains("exercises[2].id: the exercise id \"snap\" is used twice"),
        "{e}"
    );
    let own = vec![(
        "own/perf.toml".to_string(),
        BASE.replace("id = \"t\"", "id = \"perfectionism\""),
    )];
    let (list, errs) = load_all(&own);
    assert_eq!(list.iter().filter(|p| p.id == PERFECTIONISM).count(), 1);
    assert!(errs[0].to_string().contains(
        "own/perf.toml, id: the id \"perfectionism\" is already used by a shipped programme"
    ));
}

#[test]
fn unknown_targets_are_named_when_checked() {
    let src = BASE.replace(
        "target = \"perfectionism-snapshot\"",
        "target = \"perfectionsm-snapshot\"",
    );
    assert!(Programme::parse("t.toml", &src, "x").is_ok(), "unchecked");
    let e = Programme::parse_checked("t.toml", &src, "x", Some(&Targets::shipped()))
        .expect_err("unknown questionnaire")
        .to_string();
    assert!(
        e.contains("t.toml line 29, exercises[1].target: there is no questionnaire \"perfectionsm-snapshot\""),
        "{e}"
    );
    let mut known = Targets::shipped();
    known.instruments.push("perfectionsm-snapshot".into());
    assert!(Programme::parse_checked("t.toml", &src, "x", Some(&known)).is_ok());
}

#[test]
fn a_broken_file_hides_nothing_else() {
    let own = vec![
        (
            "a.toml".to_string(),
            "id = \"a\"\ntitle = \"A\"\nweeks = oops".to_string(),
        ),
        (
            "b.toml".to_string(),
            BASE.replace("id = \"t\"", "id = \"b\""),
        ),
    ];
    let (list, errs) = load_all(&own);
    assert!(list.iter().any(|p| p.id == "b"));
    assert_eq!(list.len(), 3);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].to_string().starts_with("a.toml line 3, toml: "),
        "{}",
        errs[0]
    );
}

#[test]
fn a_value_with_a_line_break_is_named_on_one_line() {
    // A multi-line string where a pillar belongs (found by the million-case
    // run of benches/parsers.sh): the problem stays one line of the list.
    let e = errors(&BASE.replace("\"awareness\"]", "\"\"\"self-compassio\n\"\"\"]"));
    let line = e
        .lines()
        .find(|l| l.contains("is not a pillar"))
        .unwrap_or_else(|| panic!("the pillar is named: {e}"));
    assert!(
        line.contains("phases[0].focus[0]: \"self-compassio \" is not a pillar"),
        "{e}"
    );
    assert!(!e.contains("\n\" is"), "{e}");
}

#[test]
fn missing_fields_and_unknown_pillars_are_named() {
    let e = errors("id = \"x\"\ntitle = \"X\"\n");
    assert!(e.contains("missing field `weeks`"), "{e}");
    let e = errors(&BASE.replace("\"awareness\"]", "\"kindness\"]"));
    assert!(
        e.contains("phases[0].focus[0]: \"kindness\" is not a pillar"),
        "{e}"
    );
    let e = errors(&BASE.replace("target = \"perfectionism-snapshot\"\n", ""));
    assert!(
        e.contains("exercises[1].target: an assessment exercise needs a target"),
        "{e}"
    );
}

#[test]
fn schedule_weeks_phases_and_due() {
    let p = Programme::parse("t.toml", BASE, "x").expect("valid");
    let start = d("2026-03-02"); // a Monday
    assert_eq!(
        p.position(start, d("2026-03-01")),
        Position::Before { starts_on: start }
    );
    assert_eq!(
        p.position(start, d("2026-03-02")),
        Position::Week { week: 1, day: 0 }
    );
    assert_eq!(
        p.position(start, d("2026-03-08")),
        Position::Week { week: 1, day: 6 }
    );
    assert_eq!(
        p.position(start, d("2026-03-09")),
        Position::Week { week: 2, day: 0 }
    );
    assert_eq!(
        p.position(start, d("2026-04-26")),
        Position::Week { week: 8, day: 6 }
    );
    assert_eq!(
        p.position(start, d("2026-04-27")),
        Position::Maintenance { week: 1, day: 0 }
    );
    assert_eq!(p.phase_of(4).map(|ph| ph.name.as_str()), Some("One"));
    assert_eq!(p.phase_of(5).map(|ph| ph.name.as_str()), Some("Two"));
    assert_eq!(p.end_date(start), d("2026-04-26"));
    let ids = |date: &str| -> Vec<String> {
        p.due_on(start, d(date))
            .iter()
            .map(|e| e.id.clone())
            .collect()
    };
    assert_eq!(ids("2026-03-02"), vec!["checkin", "snap"]);
    assert_eq!(ids("2026-03-03"), vec!["checkin"]);
    assert_eq!(
        ids("2026-03-04"),
        vec!["checkin"],
        "ladder only from week 5"
    );
    assert_eq!(
        ids("2026-04-01"),
        vec!["checkin", "rung"],
        "a Wednesday in week 5"
    );
    assert_eq!(
        ids("2026-03-30"),
        vec!["checkin", "snap"],
        "week 5 day 1: every 4 weeks"
    );
    assert!(ids("2026-04-27").is_empty(), "no maintenance exercises");
    assert!(p.review_due(start, d("2026-03-08")));
    assert!(!p.review_due(start, d("2026-03-07")));
    assert!(
        p.review_due(start, d("2026-05-03")),
        "maintenance week 1 sunday"
    );
    assert!(!p.review_due(start, d("2026-05-10")), "maintenance week 2");
    let ms = p.milestones_dated(start);
    assert_eq!(ms[0].date, d("2026-03-29"));
    assert_eq!(
        p.next_milestone(start, d("2026-03-29")).map(|m| m.week),
        Some(4)
    );
    assert_eq!(p.next_milestone(start, d("2026-03-30")), None);
}

fn enrolment(start: &str) -> Enrolment {
    Enrolment {
        id: "e1".into(),
        programme_id: "t".into(),
        started_on: d(start),
        stopped_on: None,
        created_at: DateTime::<Utc>::default(),
    }
}

#[test]
fn today_with_a_programme() {
    let p = Programme::parse("t.toml", BASE, "x").expect("valid");
    let e = enrolment("2026-03-02");
    let day = d("2026-03-04");
    let today = Today::compute(&TodayInput {
        date: day,
        programme: Some((&p, &e)),
        checked_in: false,
        review_done: false,
        experiments: &[],
        blocks: &[],
        assessments: &[],
    });
    let kinds: Vec<DueKind> = today.due.iter().map(|x| x.kind).collect();
    assert_eq!(
        kinds,
        vec![DueKind::Checkin, DueKind::Assessment],
        "assessment still open in week 1"
    );
    let st = today.programme.expect("standing");
    assert_eq!(st.week, Some(1));
    assert_eq!(st.phase.as_deref(), Some("One"));
    assert!(st.sentence.contains("Week 1 of 8"));
    let taken = AssessmentResult {
        id: "a".into(),
        instrument: "perfectionism-snapshot".into(),
        taken_at: DateTime::<Utc>::default(),
        date: d("2026-03-03"),
        answers: Vec::new(),
        total: 10.0,
        subscales: BTreeMap::new(),
        notes: BTreeMap::new(),
    };
    let today = Today::compute(&TodayInput {
        date: day,
        programme: Some((&p, &e)),
        checked_in: true,
        review_done: false,
        experiments: &[],
        blocks: &[],
        assessments: std::slice::from_ref(&taken),
    });
    assert!(today.due.is_empty(), "{:?}", today.due);
    assert!(today.note.contains("Rest counts"));
}

#[test]
fn today_without_a_programme_is_still_useful() {
    let today = Today::compute(&TodayInput {
        date: d("2026-03-04"),
        programme: None,
        checked_in: false,
        review_done: false,
        experiments: &[],
        blocks: &[],
        assessments: &[],
    });
    assert_eq!(today.due[0].kind, DueKind::Checkin);
    assert!(today.programme.is_none());
    assert!(today.note.contains("programme list"));
}

#[test]
fn enrolment_validation() {
    let mut e = enrolment("2026-03-02");
    assert!(e.validate().is_ok());
    e.stopped_on = Some(d("2026-03-01"));
    assert!(e.validate().is_err());
}

#[test]
fn docs_example_is_valid() {
    let doc = include_str!("../../../../docs/programme-format.md");
    let start = doc.find("```toml").expect("an example") + "```toml".len();
    let end = doc[start..].find("```").expect("closed") + start;
    Programme::parse("example.toml", &doc[start..end], "x").expect("the documented example parses");
}
