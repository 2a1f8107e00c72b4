//! `goodenough report` through the real binary: the demo persona's report
//! (HTML and Markdown), a questionnaire with norms and its reliable-change
//! classification, and bad input (range, path, format) that leaves no file.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const NOW: &str = "2026-08-31T18:00:00Z";

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("goodenough").expect("binary builds");
    c.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", NOW)
        .arg("--data-dir")
        .arg(dir)
        .write_stdin("");
    c
}

fn demo() -> TempDir {
    let dir = TempDir::new().expect("tmp");
    cmd(&dir.path().join("data"))
        .args(["demo", "--end", "2026-08-31"])
        .assert()
        .success();
    dir
}

fn report(dir: &TempDir, out: &Path, extra: &[&str]) -> String {
    cmd(&dir.path().join("data"))
        .arg("report")
        .arg("--out")
        .arg(out)
        .args(extra)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote your progress report"));
    std::fs::read_to_string(out).expect("report written")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn demo_report_is_self_contained_and_tells_the_story() {
    let dir = demo();
    let out = dir.path().join("report.html");
    let html = report(&dir, &out, &[]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for (key, title) in [
        ("overwork", "Less overwork"),
        ("boundaries", "Healthier boundaries"),
        ("imperfection", "More room for imperfection"),
        ("happiness", "More joy"),
    ] {
        assert!(html.contains(&format!("id=\"{key}\"")), "{key}");
        assert!(html.contains(title), "{title}");
    }
    for figure in [
        "Timeboxes overrun",
        "Revisions per timebox",
        "Commits after hours",
        "Times you said no",
        "Delegations",
        "Guilt drop after a no",
        "Rest days",
        "Experiments done",
        "Fear calibration",
        "Anxiety before",
        "Anxiety after",
        "Mood (0-10)",
        "Appreciations beyond work",
        "Personal time kept",
        "Joy minutes",
    ] {
        assert!(html.contains(figure), "{figure}");
    }
    assert!(
        html.matches("<svg").count() >= 17,
        "one chart per figure and the timeline"
    );
    assert!(html.contains("Breakthroughs and setbacks per month"));
    assert!(html.contains("@media print"));
    // Nothing loads from the network, nothing runs.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<link"));
    // Reliable change wording, a setback and a breakthrough on the timeline.
    assert!(html.contains("reliable change index"));
    assert!(html.contains("reliably improved"));
    assert!(html.contains("no norms"));
    assert!(html.contains("▼ Setback"));
    assert!(html.contains("▲ Breakthrough"));
    // The published questionnaires the persona takes are classified: a
    // reliable change for the better, and which side of the cut-off each
    // score sits on.
    for title in [
        "WHO-5 Well-Being Index",
        "Copenhagen Burnout Inventory: personal burnout",
    ] {
        let start = html.find(&format!("<h3>{title}</h3>")).expect(title);
        let rest = &html[start + 4..];
        let section = &rest[..rest.find("<h3>").unwrap_or(rest.len())];
        assert!(section.contains("reliably improved"), "{title}");
        assert!(!section.contains("not classified"), "{title}");
        assert!(section.contains("Side of the cut-off"), "{title}");
        assert!(
            section.contains("published cut-off") || section.contains("reference group"),
            "{title}"
        );
    }
    // The story is not a straight line: better overall, with a step back.
    assert!(html.contains("The story so far"));
    assert!(html.contains("with a step back in"));
    assert!(html.contains("Wins worth remembering"));
    assert!(html.contains("Evidence and attribution"));
    assert!(html.contains("more of your successes count as yours"));
    // The default range is all of the data: eight months of the demo.
    assert!(html.contains("2026-01-04 to 2026-08-31"));
    assert!(html.contains("2026-01") && html.contains("2026-08"));
    // Written atomically: only the report in the directory, no temp file.
    assert_eq!(files_in(dir.path()), ["data", "report.html"]);
}

#[test]
fn markdown_has_the_same_sections_and_a_range_cuts_it() {
    let dir = demo();
    let out = dir.path().join("report.md");
    let md = report(
        &dir,
        &out,
        &[
            "--format",
            "md",
            "--from",
            "2026-03-01",
            "--to",
            "2026-05-31",
        ],
    );
    for title in [
        "## The story so far",
        "## Less overwork",
        "## Healthier boundaries",
        "## More room for imperfection",
        "## More joy",
        "## Questionnaires over time",
        "## Milestones, setbacks and breakthroughs",
        "## Wins worth remembering",
        "## Evidence and attribution",
    ] {
        assert!(md.contains(title), "{title}");
    }
    assert!(md.contains("| 2026-03 |") && md.contains("| 2026-05 |"));
    assert!(!md.contains("| 2026-02 |") && !md.contains("| 2026-06 |"));
    assert!(!md.contains("<svg") && !md.contains("http"));
    assert!(md.contains("**Setback**"));
}

const CALM: &str = r#"id = "calm"
title = "Calm (test instrument, invented norms)"
licence = "Invented for a test."
instructions = "Past week."
higher_is_better = true

[scale]
values = [0, 1, 2, 3]
labels = ["never", "sometimes", "often", "always"]

[[items]]
id = "rested"
text = "I felt rested."

[[items]]
id = "worry"
text = "I worried about work at night."
reverse = true

[norms]
mean = 3.0
sd = 1.5
reliability = 0.8

[cutoffs]
functional_mean = 4.5
functional_sd = 1.0
dysfunctional_mean = 1.5
dysfunctional_sd = 1.0
"#;

#[test]
fn questionnaires_with_norms_show_their_classification_and_a_breakthrough() {
    let dir = TempDir::new().expect("tmp");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("instruments")).expect("dir");
    std::fs::write(data.join("instruments").join("calm.toml"), CALM).expect("write");
    for (answers, date) in [
        ("0,3", "2026-01-10"),
        ("1,2", "2026-02-10"),
        ("3,0", "2026-03-10"),
    ] {
        cmd(&data)
            .args([
                "assess",
                "take",
                "calm",
                "--answers",
                answers,
                "--date",
                date,
            ])
            .assert()
            .success();
    }
    let out = dir.path().join("r.html");
    let html = report(&dir, &out, &[]);
    assert!(html.contains("Calm (test instrument, invented norms)"));
    assert!(html.contains("the first result: the baseline"));
    // 0 → 2: RCI = 2 / (√2 · 1.5 · √0.2) = 2.11, reliable, below the cut-off 3.
    assert!(html.contains("reliably improved: a change in the hoped-for direction"));
    // 0 → 6: above the cut-off.
    assert!(html
        .contains("reliably improved, across the cut-off: a change larger than measurement noise"));
    assert!(html.contains("a reliable change for the better"));
}

#[test]
fn bad_input_is_a_sentence_and_leaves_no_file() {
    let dir = demo();
    let data = dir.path().join("data");
    let out = dir.path().join("r.html");
    cmd(&data)
        .args([
            "report",
            "--from",
            "2026-05-01",
            "--to",
            "2026-04-01",
            "--out",
        ])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "The report would start on 2026-05-01, after it ends on 2026-04-01",
        ))
        .stderr(predicate::str::contains("panicked").not());
    cmd(&data)
        .args(["report", "--format", "pdf", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "\"pdf\" is not a report format; use html",
        ));
    cmd(&data)
        .args(["report", "--from", "2026-02-30", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "\"2026-02-30\" is not a date that exists",
        ));
    let missing = dir.path().join("no-such-dir").join("r.html");
    cmd(&data)
        .arg("report")
        .arg("--out")
        .arg(&missing)
        .assert()
        .failure()
        .stderr(predicate::str::contains("the directory"))
        .stderr(predicate::str::contains("does not exist"));
    cmd(&data)
        .arg("report")
        .arg("--out")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("it is a directory"));
    assert_eq!(files_in(dir.path()), ["data"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_is_refused_and_an_old_report_is_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = demo();
    let data = dir.path().join("data");
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).expect("dir");
    let out = ro.join("r.html");
    std::fs::write(&out, "the old report").expect("write");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root ignores permissions; then /proc stands in for a place nobody can write.
    let probe = std::fs::File::create(ro.join("probe"));
    if probe.is_ok() {
        let _ = std::fs::remove_file(ro.join("probe"));
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        cmd(&data)
            .args(["report", "--out", "/proc/goodenough-report.html"])
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "cannot write the report to /proc/goodenough-report.html",
            ));
        assert!(!Path::new("/proc/goodenough-report.html").exists());
        return;
    }
    cmd(&data)
        .arg("report")
        .arg("--out")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot write the report to"));
    assert_eq!(
        std::fs::read_to_string(&out).expect("kept"),
        "the old report"
    );
    assert_eq!(files_in(&ro), ["r.html"]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// The default range starts at the earliest thing the report shows, so a
/// programme started before any other record, and a weekly review whose
/// Monday comes before the first entry, are both on the timeline.
#[test]
fn default_range_reaches_back_to_the_programme_start_and_the_reviewed_week() {
    let dir = TempDir::new().expect("tmp");
    let data = dir.path().join("data");
    let on_wednesday = |args: &[&str]| {
        cmd(&data)
            .env("GOODENOUGH_NOW", "2026-09-02T18:00:00Z")
            .args(args)
            .assert()
            .success();
    };
    on_wednesday(&["programme", "start", "perfectionism", "--on", "2026-08-20"]);
    on_wednesday(&[
        "review",
        "week",
        "--breakthrough",
        "Sent the draft unpolished",
        "--celebrate",
        "A calm week",
    ]);
    on_wednesday(&[
        "evidence",
        "add",
        "Finished the migration",
        "--kind",
        "accomplishment",
        "--attribution",
        "effort",
    ]);
    let out = dir.path().join("report.md");
    cmd(&data)
        .env("GOODENOUGH_NOW", "2026-09-02T18:00:00Z")
        .args(["report", "--format", "md", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-08-20 to 2026-09-02"));
    let md = std::fs::read_to_string(&out).expect("report written");
    assert!(md.contains("Sent the draft unpolished"), "{md}");
    assert!(md.contains("Started the programme"), "{md}");
}

/// A programme started long ago and stopped is history, not the start of
/// the report: the default range begins at the first record (a running
/// programme's start would still count).
#[test]
fn a_stopped_programme_does_not_stretch_the_default_range() {
    let dir = TempDir::new().expect("tmp");
    let data = dir.path().join("data");
    let run = |args: &[&str]| {
        cmd(&data)
            .env("GOODENOUGH_NOW", "2026-09-02T18:00:00Z")
            .args(args)
            .assert()
            .success();
    };
    run(&["settings", "--time-zone", "UTC"]);
    run(&["programme", "start", "perfectionism", "--on", "2026-03-02"]);
    run(&["programme", "stop"]);
    run(&["win", "Sent the draft unpolished", "--date", "2026-08-28"]);
    let out = dir.path().join("report.md");
    cmd(&data)
        .env("GOODENOUGH_NOW", "2026-09-02T18:00:00Z")
        .args(["report", "--format", "md", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-08-28 to 2026-09-02"));
}

/// Control characters typed into a record (a bell, an escape sequence
/// pasted from a terminal) are removed when it is saved, so the printable
/// report is valid HTML.
#[test]
fn control_characters_never_reach_the_report() {
    let dir = TempDir::new().expect("tmp");
    let data = dir.path().join("data");
    cmd(&data)
        .args([
            "win",
            "Rang\u{7} the bell \u{1b}[31mloudly\u{1b}[0m\r\nand smiled",
            "--date",
            "2026-08-30",
        ])
        .assert()
        .success();
    let out = dir.path().join("report.html");
    cmd(&data)
        .args(["report", "--out"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).expect("report written");
    assert!(
        html.contains("Rang the bell [31mloudly[0m"),
        "the words are kept"
    );
    let bad: Vec<char> = html
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        .collect();
    assert!(bad.is_empty(), "control characters in the report: {bad:?}");
}
