//! The crisis-language check for everything a person gives the CLI, in one
//! place so no command, flag or question can miss it.
//!
//! Two things reach a command from the person: the command line and the
//! answers typed at interactive questions. Every answer is checked as soon as
//! it is typed (so "Help now" appears at once, before the next question), and
//! the whole command line is checked once the command has run — whatever the
//! command and whether or not it succeeded. On a match the help message goes
//! to stderr (so `--json` output stays clean), at most once per run. Nothing
//! is refused: a crisis phrase is saved like any other text.
//!
//! What it never does: keep or log the text, or claim that something was
//! saved (each command says what it saved). Values of password and token
//! flags are not looked at.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use goodenough_core::practice_settings::PracticeSettings;
use goodenough_core::safety::SafetyRules;

use crate::config::Config;

/// Where the configuration lives (for the operator's own help message).
static WHERE: OnceLock<(Option<PathBuf>, Option<String>)> = OnceLock::new();
/// The rules, compiled on first use only.
static RULES: OnceLock<Option<SafetyRules>> = OnceLock::new();
/// Whether the help message has been shown in this run.
static SHOWN: AtomicBool = AtomicBool::new(false);
/// Help will be shown when the command is done (words of crisis on the
/// command line, which are answered after the command's own output).
static PENDING: AtomicBool = AtomicBool::new(false);
/// Serialises printing so the message appears once even from two threads.
static PRINT: Mutex<()> = Mutex::new(());

/// Remembers the data directory and database given on the command line.
pub fn init(data_dir: Option<PathBuf>, database: Option<String>) {
    let _ = WHERE.set((data_dir, database));
}

fn rules() -> Option<&'static SafetyRules> {
    RULES.get_or_init(|| SafetyRules::shipped().ok()).as_ref()
}

/// Checks texts the person wrote; on a match shows where to get help now
/// (once per run). Returns whether they matched.
pub fn check<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    let Some(rules) = rules() else {
        return false;
    };
    if !rules.matches(texts) {
        return false;
    }
    show(rules);
    true
}

/// Shows where to get help now (once per run), whatever the text: for an
/// answer past a questionnaire's safety threshold.
pub fn show_help() {
    if let Some(rules) = rules() {
        show(rules);
    }
}

/// Checks the command line (arguments after the program name), leaving out
/// what nobody writes as a sentence: the names of commands (`known_words`),
/// flags, values without a letter (dates, numbers), paths given to
/// `--data-dir`/`--database`/`--out`/`--file`, and the values of password,
/// token and key flags. When nothing is left (most reading commands), the
/// rules are not even compiled, so a plain read stays fast.
pub fn check_command_line(args: &[String], known_words: &[String]) -> bool {
    let texts = written_on_command_line(args, known_words);
    if texts.is_empty() {
        return false;
    }
    check(texts.iter().copied())
}

/// What of the command line is left to check once flags, paths, secrets,
/// values without a letter and `known_words` are left out.
pub fn written_on_command_line<'a>(args: &'a [String], known_words: &[String]) -> Vec<&'a str> {
    let mut texts = Vec::with_capacity(args.len());
    let mut skip_next = false;
    for arg in args {
        if skip_next {
            skip_next = false;
            continue;
        }
        if let Some(flag) = arg.strip_prefix("--") {
            let (name, value) = match flag.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (flag, None),
            };
            if is_secret(name) || is_path(name) {
                skip_next = value.is_none();
                continue;
            }
            if let Some(v) = value {
                texts.push(v);
            }
            continue;
        }
        if arg.starts_with('-') && !arg.contains(' ') && arg.len() <= 3 {
            continue; // a short flag such as -h
        }
        if !arg.chars().any(char::is_alphabetic) || known_words.iter().any(|w| w == arg) {
            continue;
        }
        texts.push(arg.as_str());
    }
    texts
}

/// Notes, without printing anything yet, that the command line holds words
/// of crisis, so help will be shown once the command is done: the command
/// keeps the date while its store is open ([`shown_this_run`]).
pub fn expect_from_command_line(args: &[String], known_words: &[String]) {
    let texts = written_on_command_line(args, known_words);
    if !texts.is_empty() && rules().is_some_and(|r| r.matches(texts.iter().copied())) {
        PENDING.store(true, Ordering::SeqCst);
    }
}

/// Whether this run showed help, or will when the command is done: the
/// command then keeps today as a date help was shown (the date only).
pub fn shown_this_run() -> bool {
    SHOWN.load(Ordering::SeqCst) || PENDING.load(Ordering::SeqCst)
}

fn is_secret(flag: &str) -> bool {
    let flag = flag.to_ascii_lowercase();
    flag.contains("password") || flag.contains("token") || flag.contains("key")
}

fn is_path(flag: &str) -> bool {
    matches!(
        flag,
        "data-dir" | "database" | "out" | "file" | "dir" | "crisis-file"
    )
}

fn show(rules: &SafetyRules) {
    let Ok(_guard) = PRINT.lock() else {
        return;
    };
    if SHOWN.swap(true, Ordering::SeqCst) {
        return;
    }
    let config = WHERE
        .get()
        .and_then(|(dir, db)| Config::load(dir.as_deref(), db.as_deref()).ok());
    let practice = config.as_ref().and_then(practice_resources);
    let own = config.and_then(|c| c.help_now);
    let message = match own.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => text.to_string(),
        _ => rules.help_message().to_string(),
    };
    match practice.and_then(|p| p.help_text()) {
        Some(first) => eprintln!("\nHelp now\n\n{first}\n\n{message}\n"),
        None => eprintln!("\nHelp now\n\n{message}\n"),
    }
}

/// The practice's settings (its crisis resources come first in Help now),
/// read from the store the configuration names. `None` when there is no
/// store yet (nothing is created), or it cannot be read: the shipped
/// message is shown all the same. It runs in a thread of its own with its
/// own runtime, so it works from inside a command's runtime and outside it.
pub fn practice_resources(config: &Config) -> Option<PracticeSettings> {
    if config.sqlite_path().is_some_and(|p| !p.exists()) {
        return None;
    }
    let url = config.database_url.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        rt.block_on(async {
            let store = goodenough_store::open(&url).await.ok()?;
            let settings = store.practice_settings().await.ok();
            store.close().await;
            settings
        })
    })
    .join()
    .ok()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn secrets_are_left_out_of_the_command_line() {
        let known = strings(&["user", "add", "win"]);
        let args = strings(&["user", "add", "--password", "kill myself", "--name", "Kim"]);
        assert_eq!(written_on_command_line(&args, &known), vec!["Kim"]);
        let args = strings(&["win", "I want to kill myself"]);
        assert!(check_command_line(&args, &known));
    }

    #[test]
    fn a_reading_command_leaves_nothing_to_check() {
        let known = strings(&["checkins", "thoughts"]);
        let args = strings(&[
            "--data-dir",
            "/home/alex/notes",
            "checkins",
            "--since",
            "2026-11-01",
            "--json",
        ]);
        assert!(written_on_command_line(&args, &known).is_empty());
        // A one-word text that is not a command name is still checked.
        let args = strings(&["win", "--lesson=kms"]);
        assert_eq!(written_on_command_line(&args, &known), vec!["win", "kms"]);
    }
}
