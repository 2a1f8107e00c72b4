//! Interactive prompts, only when stdin is a terminal. Scripts always use
//! flags; a missing flag without a terminal is an error naming the flag.

use std::io::IsTerminal;

use anyhow::{bail, Result};

/// Whether we may ask questions.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Fails with a clear message naming the missing flags when not interactive.
pub fn require_flags(missing: &[&str]) -> Result<()> {
    if !missing.is_empty() && !interactive() {
        bail!(
            "missing {}. Give {} as flags (stdin is not a terminal, so goodenough cannot ask).",
            missing.join(", "),
            if missing.len() == 1 { "it" } else { "them" }
        );
    }
    Ok(())
}

/// Ctrl-C while a question waits: the default ending of the program would
/// leave the cursor hidden in the person's shell (lists and yes/no questions
/// hide it while they draw). Instead, give the cursor back, say so kindly and
/// exit 130, the usual status for an interrupt. Installed before the first
/// question only, so scripts and `serve` keep the default behaviour.
fn handle_ctrl_c() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // If no handler can be installed, Ctrl-C still ends the program.
        let _ = ctrlc::set_handler(stopped);
    });
}

/// Ends the program after Ctrl-C at a question.
fn stopped() {
    let term = dialoguer::console::Term::stderr();
    let _ = term.show_cursor();
    let _ = term.write_line("\nStopped; nothing more was saved.");
    std::process::exit(130);
}

/// Runs one question; Ctrl-C (which the terminal library reports as an
/// interrupted read) ends the program the same way as the signal.
fn ask<T>(question: impl FnOnce() -> dialoguer::Result<T>) -> Result<T> {
    handle_ctrl_c();
    match question() {
        Ok(answer) => Ok(answer),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            stopped();
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Asks for a line of text (empty allowed when `optional`).
pub fn text(question: &str, optional: bool) -> Result<String> {
    let answer: String = ask(|| {
        dialoguer::Input::new()
            .with_prompt(question)
            .allow_empty(optional)
            .interact_text()
    })?;
    // Help now at once, before the next question, when the answer needs it.
    crate::signpost::check([answer.as_str()]);
    Ok(answer)
}

/// Asks for a whole number within a range, re-asking until valid. Anything
/// that is not a whole number in range (words, "7.5", "11") gets the same
/// sentence, never the parser's own wording.
pub fn number(question: &str, min: i64, max: i64) -> Result<i64> {
    let answer: String = ask(|| {
        dialoguer::Input::new()
            .with_prompt(format!("{question} ({min}-{max})"))
            .validate_with(move |v: &String| -> std::result::Result<(), String> {
                in_range(v, min, max)
                    .map(|_| ())
                    .ok_or_else(|| format!("please give a whole number from {min} to {max}"))
            })
            .interact_text()
    })?;
    in_range(&answer, min, max)
        .ok_or_else(|| anyhow::anyhow!("please give a whole number from {min} to {max}"))
}

/// `answer` as a whole number when it is one within `min..=max`.
fn in_range(answer: &str, min: i64, max: i64) -> Option<i64> {
    answer
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|v| (min..=max).contains(v))
}

/// Picks one of several options.
pub fn select(question: &str, options: &[&str]) -> Result<usize> {
    ask(|| {
        dialoguer::Select::new()
            .with_prompt(question)
            .items(options)
            .default(0)
            .interact()
    })
}

/// Yes or no.
pub fn confirm(question: &str, default: bool) -> Result<bool> {
    ask(|| {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(default)
            .interact()
    })
}

/// Picks any number of options (space to toggle, Enter to confirm).
pub fn multi_select(question: &str, options: &[String], defaults: &[bool]) -> Result<Vec<usize>> {
    ask(|| {
        dialoguer::MultiSelect::new()
            .with_prompt(question)
            .items(options)
            .defaults(defaults)
            .interact()
    })
}

/// Asks for a passphrase without echoing it; with `confirm`, twice (until
/// both match).
pub fn passphrase(question: &str, confirm: bool) -> Result<goodenough_app::sealed::SecretString> {
    let answer = ask(|| {
        let mut p = dialoguer::Password::new().with_prompt(question);
        if confirm {
            p = p.with_confirmation(
                "The same passphrase again, to be sure",
                "The two were not the same; please type it again.",
            );
        }
        p.interact_on(&dialoguer::console::Term::stderr())
    })?;
    Ok(goodenough_app::sealed::SecretString::from(answer))
}

#[cfg(test)]
mod tests {
    use super::in_range;

    #[test]
    fn only_whole_numbers_in_range_are_accepted() {
        assert_eq!(in_range("7", 0, 10), Some(7));
        assert_eq!(in_range(" 10 ", 0, 10), Some(10));
        assert_eq!(in_range("0", 0, 10), Some(0));
        assert_eq!(in_range("11", 0, 10), None);
        assert_eq!(in_range("-1", 0, 10), None);
        assert_eq!(in_range("seven", 0, 10), None);
        assert_eq!(in_range("7.5", 0, 10), None);
        assert_eq!(in_range("", 0, 10), None);
    }
}
