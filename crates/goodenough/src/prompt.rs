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

/// Asks for a line of text (empty allowed when `optional`).
pub fn text(question: &str, optional: bool) -> Result<String> {
    let answer: String = dialoguer::Input::new()
        .with_prompt(question)
        .allow_empty(optional)
        .interact_text()?;
    Ok(answer)
}

/// Asks for a whole number within a range, re-asking until valid.
pub fn number(question: &str, min: i64, max: i64) -> Result<i64> {
    let answer: i64 = dialoguer::Input::new()
        .with_prompt(format!("{question} ({min}-{max})"))
        .validate_with(move |v: &i64| -> std::result::Result<(), String> {
            if *v < min || *v > max {
                Err(format!("please give a whole number from {min} to {max}"))
            } else {
                Ok(())
            }
        })
        .interact_text()?;
    Ok(answer)
}

/// Picks one of several options.
pub fn select(question: &str, options: &[&str]) -> Result<usize> {
    Ok(dialoguer::Select::new()
        .with_prompt(question)
        .items(options)
        .default(0)
        .interact()?)
}

/// Yes or no.
pub fn confirm(question: &str, default: bool) -> Result<bool> {
    Ok(dialoguer::Confirm::new()
        .with_prompt(question)
        .default(default)
        .interact()?)
}

/// Picks any number of options (space to toggle, Enter to confirm).
pub fn multi_select(question: &str, options: &[String], defaults: &[bool]) -> Result<Vec<usize>> {
    Ok(dialoguer::MultiSelect::new()
        .with_prompt(question)
        .items(options)
        .defaults(defaults)
        .interact()?)
}
