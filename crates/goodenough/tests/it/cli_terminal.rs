//! The interactive prompts through a real pseudo-terminal: the binary runs
//! with stdin, stdout and stderr on a pty, the test answers the questions as
//! a person would (keys, arrows, Enter), and then reads back what was saved
//! with `--json` through a plain (non-terminal) run.
//!
//! Every expectation waits up to 30 s (the CI machine is small and busy);
//! nothing is asserted about time. If a pseudo-terminal cannot be opened at
//! all, each test prints why and returns.

use std::path::Path;
use std::process::{Command, Stdio};

use rexpect::process::WaitStatus;
use rexpect::reader::Options;
use rexpect::session::{spawn_with_options, PtySession};
use serde_json::Value;
use tempfile::TempDir;

/// "Today" for every run: Tuesday 10 March 2026, evening in UTC.
const NOW: &str = "2026-03-10T18:00:00Z";
const TODAY: &str = "2026-03-10";
/// Generous: one expectation may wait this long before the test fails.
const TIMEOUT_MS: u64 = 30_000;
/// Cursor keys as a terminal sends them.
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
/// The areas in the order the check-in offers them.
const AREAS: [&str; 7] = [
    "work",
    "relationships",
    "health",
    "creativity",
    "rest",
    "character",
    "other",
];

fn base(dir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("goodenough"));
    cmd.env_remove("GOODENOUGH_HOME")
        .env_remove("GOODENOUGH_DATABASE_URL")
        .env_remove("GOODENOUGH_HELP_NOW")
        .env("GOODENOUGH_NOW", NOW)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .arg("--data-dir")
        .arg(dir);
    cmd
}

/// A plain run without a terminal; must succeed.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = base(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// A plain `--json` read.
fn json(dir: &Path, args: &[&str]) -> Value {
    let out = run(dir, &[&["--json"], args].concat());
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} is not JSON ({e}): {out}"))
}

/// A fresh data directory whose person lives in UTC, so `NOW` is `TODAY`.
fn fresh() -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    run(dir.path(), &["settings", "--time-zone", "UTC"]);
    dir
}

/// The binary on a pseudo-terminal, answered by the test.
struct Pty {
    session: PtySession,
    /// Everything read so far, for failure messages.
    transcript: String,
}

impl Pty {
    /// Starts `goodenough ARGS` on a new pty; `None` (with the reason
    /// printed) only when no pseudo-terminal can be opened here.
    fn start(dir: &Path, args: &[&str]) -> Option<Pty> {
        Pty::start_with(dir, args, true)
    }

    fn start_with(dir: &Path, args: &[&str], strip_ansi: bool) -> Option<Pty> {
        if !Path::new("/dev/ptmx").exists() {
            eprintln!("skipped: /dev/ptmx is missing, so no pseudo-terminal can be opened");
            return None;
        }
        let mut cmd = base(dir);
        cmd.args(args);
        let options = Options::new()
            .timeout_ms(Some(TIMEOUT_MS))
            .strip_ansi_escape_codes(strip_ansi);
        match spawn_with_options(cmd, options) {
            Ok(session) => Some(Pty {
                session,
                transcript: String::new(),
            }),
            Err(e) => {
                eprintln!("skipped: cannot open a pseudo-terminal: {e}");
                None
            }
        }
    }

    /// Waits until `needle` has been printed.
    fn expect(&mut self, needle: &str) {
        match self.session.exp_string(needle) {
            Ok(before) => {
                self.transcript.push_str(&before);
                self.transcript.push_str(needle);
            }
            Err(e) => panic!(
                "waiting for {needle:?}: {e}\n--- transcript so far ---\n{}",
                self.transcript
            ),
        }
    }

    /// Types raw keys.
    fn keys(&mut self, keys: &str) {
        self.session.send(keys).expect("send keys");
        self.session.flush().expect("flush keys");
    }

    /// Waits for the question, then types the answer and Enter.
    fn answer(&mut self, question: &str, answer: &str) {
        self.expect(question);
        self.keys(answer);
        self.keys(ENTER);
    }

    /// Waits for a list question, moves down to `options[index]` one arrow
    /// at a time (waiting for each redraw) and presses Enter.
    fn pick(&mut self, question: &str, options: &[&str], index: usize) {
        self.expect(question);
        self.expect(options.last().expect("options"));
        for option in &options[1..=index] {
            self.keys(DOWN);
            self.expect(&format!("> {option}"));
        }
        self.keys(ENTER);
    }

    /// Waits for a yes/no question and presses `y` or `n`.
    fn confirm(&mut self, question: &str, yes: bool) {
        self.expect(question);
        match self.session.exp_regex(r"\[[yY]/[nN]\]") {
            Ok((before, hint)) => {
                self.transcript.push_str(&before);
                self.transcript.push_str(&hint);
            }
            Err(e) => panic!(
                "waiting for the yes/no hint: {e}\n--- transcript so far ---\n{}",
                self.transcript
            ),
        }
        self.keys(if yes { "y" } else { "n" });
    }

    /// Waits for the end and returns everything printed after the last
    /// expectation, and whether the process exited with status 0.
    fn finish(self) -> (String, bool) {
        let before = self.transcript.len();
        let (all, ok) = self.finish_transcript();
        (all[before..].to_string(), ok)
    }

    /// Like `finish`, but returns everything printed since the start.
    fn finish_transcript(mut self) -> (String, bool) {
        let rest = match self.session.exp_eof() {
            Ok(rest) => rest,
            Err(e) => panic!(
                "waiting for the end: {e}\n--- transcript so far ---\n{}",
                self.transcript
            ),
        };
        let status = self.session.process().wait().expect("wait");
        self.transcript.push_str(&rest);
        (self.transcript, matches!(status, WaitStatus::Exited(_, 0)))
    }
}

#[test]
fn checkin_without_flags_asks_everything_re_asks_bad_answers_and_saves() {
    let dir = fresh();
    let Some(mut t) = Pty::start(dir.path(), &["checkin"]) else {
        return;
    };
    // Out of range, then not a number: each re-asked with one sentence.
    t.answer("Mood today (0-10)", "11");
    t.expect("please give a whole number from 0 to 10");
    t.answer("Mood today (0-10)", "seven");
    t.expect("please give a whole number from 0 to 10");
    t.answer("Mood today (0-10)", "7");
    t.answer("Energy today (0-10)", "6");
    t.expect("Three things you appreciate about yourself today");
    t.pick("#1 area", &AREAS, 1);
    // Only spaces is not an appreciation: said so, asked again.
    t.answer("#1 I appreciate that I", "   ");
    t.expect("appreciation");
    t.answer("#1 I appreciate that I", "called my sister");
    t.pick("#2 area", &AREAS, 2);
    t.answer("#2 I appreciate that I", "walked to the river");
    t.pick("#3 area", &AREAS, 0);
    t.answer("#3 I appreciate that I", "sent the report at good enough");
    t.answer("A note (optional, Enter to skip)", "");
    t.expect(&format!("Saved your check-in for {TODAY}"));
    let (_, ok) = t.finish();
    assert!(ok, "checkin exits 0");

    let saved = json(dir.path(), &["checkins"]);
    let saved = saved.as_array().expect("a JSON array");
    assert_eq!(saved.len(), 1, "{saved:?}");
    let c = &saved[0];
    assert_eq!(c["date"], TODAY);
    assert_eq!(c["mood"], 7);
    assert_eq!(c["energy"], 6);
    let apps: Vec<(String, String)> = c["appreciations"]
        .as_array()
        .expect("appreciations")
        .iter()
        .map(|a| {
            (
                a["area"].as_str().unwrap_or_default().to_string(),
                a["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        apps,
        [
            ("relationships", "called my sister"),
            ("health", "walked to the river"),
            ("work", "sent the report at good enough"),
        ]
        .map(|(a, t)| (a.to_string(), t.to_string()))
    );
    assert!(
        c["note"].is_null() || c["note"] == "",
        "an empty note saves no note: {c}"
    );
}

#[test]
fn programme_start_while_another_runs_asks_before_replacing() {
    let dir = fresh();
    run(dir.path(), &["programme", "start", "impostor"]);
    let before = json(dir.path(), &["programme", "status"]);
    assert_eq!(before["enrolment"]["programme_id"], "impostor");

    // No: refused with a sentence, nothing changed.
    let Some(mut t) = Pty::start(dir.path(), &["programme", "start", "perfectionism"]) else {
        return;
    };
    t.confirm("Stop it and start", false);
    t.expect("Nothing was changed");
    let (_, ok) = t.finish();
    assert!(!ok, "answering no exits non-zero");
    assert_eq!(json(dir.path(), &["programme", "status"]), before);
    let export = json(dir.path(), &["export"]);
    assert_eq!(export["enrolments"].as_array().map(Vec::len), Some(1));

    // Yes: the running one is stopped today and the new one runs.
    let Some(mut t) = Pty::start(dir.path(), &["programme", "start", "perfectionism"]) else {
        return;
    };
    t.confirm("Stop it and start", true);
    let (_, ok) = t.finish();
    assert!(ok, "answering yes succeeds");
    let after = json(dir.path(), &["programme", "status"]);
    assert_eq!(after["enrolment"]["programme_id"], "perfectionism");
    assert_eq!(after["enrolment"]["started_on"], TODAY);
    let export = json(dir.path(), &["export"]);
    let enrolments = export["enrolments"].as_array().expect("enrolments");
    assert_eq!(enrolments.len(), 2, "{enrolments:?}");
    let stopped: Vec<&Value> = enrolments
        .iter()
        .filter(|e| e["programme_id"] == "impostor")
        .collect();
    assert_eq!(stopped.len(), 1);
    assert_eq!(stopped[0]["stopped_on"], TODAY);
}

#[test]
fn review_week_asks_for_the_reflection_and_saves_it() {
    let dir = fresh();
    let Some(mut t) = Pty::start(dir.path(), &["review", "week"]) else {
        return;
    };
    t.answer("A breakthrough, big or small", "shipped the draft at 80%");
    t.answer("A breakthrough, big or small", "left work on time twice");
    t.answer("A breakthrough, big or small", "");
    t.answer("Something that was hard", "rewrote one email four times");
    t.answer("Something that was hard", "");
    t.answer("One thing to celebrate", "asked for help early");
    t.expect("your review of");
    t.expect("Worth celebrating: asked for help early");
    let (_, ok) = t.finish();
    assert!(ok, "review week exits 0");

    let reviews = json(dir.path(), &["reviews"]);
    let reviews = reviews.as_array().expect("a JSON array");
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    let r = &reviews[0];
    assert_eq!(
        r["breakthroughs"],
        serde_json::json!(["shipped the draft at 80%", "left work on time twice"])
    );
    assert_eq!(
        r["setbacks"],
        serde_json::json!(["rewrote one email four times"])
    );
    assert_eq!(r["celebrate"], "asked for help early");
}

#[test]
fn review_week_with_nothing_written_saves_nothing() {
    let dir = fresh();
    let Some(mut t) = Pty::start(dir.path(), &["review", "week"]) else {
        return;
    };
    t.answer("A breakthrough, big or small", "");
    t.answer("Something that was hard", "");
    t.answer("One thing to celebrate", "");
    t.expect("Nothing written, so nothing was saved");
    let (_, ok) = t.finish();
    assert!(ok);
    assert_eq!(json(dir.path(), &["reviews"]), serde_json::json!([]));
}

#[test]
fn evidence_add_asks_only_for_what_is_missing() {
    let dir = fresh();
    // Nothing given: kind, text, who, attribution are all asked.
    let Some(mut t) = Pty::start(dir.path(), &["evidence", "add"]) else {
        return;
    };
    let kinds = [
        "accomplishment (something I did)",
        "praise (something someone said)",
    ];
    let attributions = [
        "luck",
        "effort (I worked for it)",
        "help (others made it possible)",
        "ability (I am good at this)",
    ];
    t.pick("What kind of evidence is it?", &kinds, 1);
    t.answer("What was said?", "the workshop was clear and calm");
    t.answer("Who said it? (optional)", "Sam");
    t.pick("What do you put it down to?", &attributions, 3);
    let (_, ok) = t.finish();
    assert!(ok, "evidence add exits 0");

    // Text and kind given: only the attribution is asked.
    let Some(mut t) = Pty::start(
        dir.path(),
        &[
            "evidence",
            "add",
            "finished the tax form",
            "--kind",
            "accomplishment",
        ],
    ) else {
        return;
    };
    t.pick("What do you put it down to?", &attributions, 1);
    let (rest, ok) = t.finish();
    assert!(ok, "evidence add exits 0");
    assert!(!rest.contains("What did you do?"), "{rest}");
    assert!(!rest.contains("Who said it?"), "{rest}");

    let log = json(dir.path(), &["evidence", "list"]);
    let log = log.as_array().expect("a JSON array");
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0]["kind"], "praise");
    assert_eq!(log[0]["text"], "the workshop was clear and calm");
    assert_eq!(log[0]["source"], "Sam");
    assert_eq!(log[0]["attribution"], "ability");
    assert_eq!(log[0]["date"], TODAY);
    assert_eq!(log[1]["kind"], "accomplishment");
    assert_eq!(log[1]["text"], "finished the tax form");
    assert_eq!(log[1]["attribution"], "effort");
    assert!(log[1]["source"].is_null(), "{}", log[1]);
}

#[test]
fn reframe_asks_step_by_step_and_saves_the_record() {
    let dir = fresh();
    let Some(mut t) = Pty::start(dir.path(), &["reframe"]) else {
        return;
    };
    t.answer(
        "What happened? (the situation)",
        "a typo in the slides I sent",
    );
    t.answer(
        "What did you tell yourself? (the thought)",
        "I always ruin everything",
    );
    t.answer("How strongly do you believe it right now (0-100)", "150");
    t.expect("please give a whole number from 0 to 100");
    t.answer("How strongly do you believe it right now (0-100)", "80");
    t.answer("Emotion (Enter when done)", "ashamed");
    t.answer("How strong is \"ashamed\" (0-100)", "70");
    t.answer("Emotion (Enter when done)", "");
    // Pick the first trap offered (a suggested one comes first).
    t.expect("Which thinking traps do you recognise?");
    t.expect("> [ ]");
    t.keys(" ");
    t.expect("> [x]");
    t.keys(ENTER);
    t.expect("I always ruin everything");
    t.answer(
        "A kinder, still honest way to see it (Enter to skip)",
        "one typo is one typo; the talk went well",
    );
    t.answer("How strongly do you believe it now (0-100)", "30");
    t.expect(&format!("Saved your thought record for {TODAY}"));
    let (_, ok) = t.finish();
    assert!(ok, "reframe exits 0");

    let thoughts = json(dir.path(), &["thoughts"]);
    let thoughts = thoughts.as_array().expect("a JSON array");
    assert_eq!(thoughts.len(), 1, "{thoughts:?}");
    let r = &thoughts[0];
    assert_eq!(r["situation"], "a typo in the slides I sent");
    assert_eq!(r["thought"], "I always ruin everything");
    assert_eq!(r["belief"], 80);
    assert_eq!(r["emotions"][0]["name"], "ashamed");
    assert_eq!(r["emotions"][0]["intensity"], 70);
    assert_eq!(r["traps"].as_array().map(Vec::len), Some(1), "{r}");
    assert_eq!(r["reframe"], "one typo is one typo; the talk went well");
    assert_eq!(r["belief_after"], 30);
    assert_eq!(r["date"], TODAY);
}

/// Ctrl-C while a list is on screen: the person's terminal gets its cursor
/// back, and nothing is saved.
#[test]
fn ctrl_c_in_a_list_gives_the_cursor_back_and_saves_nothing() {
    let dir = fresh();
    let Some(mut t) = Pty::start_with(dir.path(), &["checkin"], false) else {
        return;
    };
    t.answer("Mood today (0-10)", "7");
    t.answer("Energy today (0-10)", "6");
    t.expect("#1 area");
    t.expect("other");
    t.keys("\x03");
    let (all, ok) = t.finish_transcript();
    assert!(!ok, "an interrupted check-in does not exit 0");
    assert!(all.contains("Stopped; nothing more was saved."), "{all:?}");
    let hidden = all.rfind("\x1b[?25l");
    let shown = all.rfind("\x1b[?25h");
    assert!(
        hidden.is_none() || shown > hidden,
        "the cursor is left hidden: {all:?}"
    );
    assert_eq!(json(dir.path(), &["checkins"]), serde_json::json!([]));
}

/// Ctrl-C at the replace question and at a text question: the running
/// programme stays, and a half-answered reframe leaves no record.
#[test]
fn ctrl_c_at_a_question_changes_nothing() {
    let dir = fresh();
    run(dir.path(), &["programme", "start", "impostor"]);
    let before = json(dir.path(), &["programme", "status"]);
    let Some(mut t) = Pty::start(dir.path(), &["programme", "start", "perfectionism"]) else {
        return;
    };
    t.expect("Stop it and start");
    t.expect("[y/N]");
    t.keys("\x03");
    let (rest, ok) = t.finish();
    assert!(!ok, "an interrupted start does not exit 0");
    assert!(
        rest.contains("Stopped; nothing more was saved."),
        "{rest:?}"
    );
    assert_eq!(json(dir.path(), &["programme", "status"]), before);

    let Some(mut t) = Pty::start(dir.path(), &["reframe"]) else {
        return;
    };
    t.answer("What happened? (the situation)", "a short meeting");
    t.expect("What did you tell yourself? (the thought)");
    t.keys("I should have");
    t.keys("\x03");
    let (rest, ok) = t.finish();
    assert!(!ok);
    assert!(
        rest.contains("Stopped; nothing more was saved."),
        "{rest:?}"
    );
    assert_eq!(json(dir.path(), &["thoughts"]), serde_json::json!([]));
}

/// Three appreciations all about work: the terminal offers to swap the third
/// for another part of the day, and the swap is what gets saved. A second
/// check-in the same day asks before replacing: no keeps the first.
#[test]
fn checkin_all_work_offers_a_swap_and_a_second_one_asks_before_replacing() {
    let dir = fresh();
    let Some(mut t) = Pty::start(dir.path(), &["checkin"]) else {
        return;
    };
    // Ctrl-D at a number question is ignored: the answer after it is clean.
    t.expect("Mood today (0-10)");
    t.keys("\x04");
    t.keys("5");
    t.keys(ENTER);
    t.answer("Energy today (0-10)", "4");
    for (n, text) in [
        "fixed the build",
        "answered the emails",
        "planned the sprint",
    ]
    .iter()
    .enumerate()
    {
        t.pick(&format!("#{} area", n + 1), &AREAS, 0);
        t.answer(&format!("#{} I appreciate that I", n + 1), text);
    }
    t.confirm("Add one from another part of your day", true);
    t.pick("#3 area", &AREAS[1..], 3);
    t.answer("#3 I appreciate that I", "had a slow breakfast");
    t.answer("A note (optional, Enter to skip)", "a full day");
    let (_, ok) = t.finish();
    assert!(ok, "checkin exits 0");
    let saved = json(dir.path(), &["checkins"]);
    let first = saved.clone();
    let c = &saved[0];
    assert_eq!(c["mood"], 5, "{c}");
    assert_eq!(c["energy"], 4);
    assert_eq!(c["appreciations"][0]["area"], "work");
    assert_eq!(c["appreciations"][1]["text"], "answered the emails");
    assert_eq!(c["appreciations"][2]["area"], "rest");
    assert_eq!(c["appreciations"][2]["text"], "had a slow breakfast");
    assert_eq!(c["note"], "a full day");

    // Again today: asked first; no changes nothing.
    let Some(mut t) = Pty::start(dir.path(), &["checkin"]) else {
        return;
    };
    t.confirm(
        &format!("You already checked in for {TODAY}. Replace it?"),
        false,
    );
    t.expect("--replace");
    let (_, ok) = t.finish();
    assert!(!ok, "declining to replace exits non-zero");
    assert_eq!(json(dir.path(), &["checkins"]), first);

    // Yes: the new answers replace the old ones.
    let Some(mut t) = Pty::start(dir.path(), &["checkin"]) else {
        return;
    };
    t.confirm(
        &format!("You already checked in for {TODAY}. Replace it?"),
        true,
    );
    t.answer("Mood today (0-10)", "8");
    t.answer("Energy today (0-10)", "7");
    for (n, text) in ["met a friend", "cooked dinner", "read a chapter"]
        .iter()
        .enumerate()
    {
        t.pick(&format!("#{} area", n + 1), &AREAS, 1);
        t.answer(&format!("#{} I appreciate that I", n + 1), text);
    }
    t.answer("A note (optional, Enter to skip)", "");
    t.expect("replacing the earlier one");
    let (_, ok) = t.finish();
    assert!(ok);
    let saved = json(dir.path(), &["checkins"]);
    assert_eq!(saved.as_array().map(Vec::len), Some(1), "{saved}");
    assert_eq!(saved[0]["mood"], 8);
    assert_eq!(saved[0]["appreciations"][2]["text"], "read a chapter");
}
