//! `goodenough help-now`: where to get help now. Works without a store.

use std::path::Path;

use anyhow::Result;
use goodenough_core::safety::SafetyRules;

use crate::config::Config;

/// Prints the help message (the operator's, when configured).
pub fn run(data_dir: Option<&Path>, database: Option<&str>, json: bool) -> Result<()> {
    let rules = SafetyRules::shipped()?;
    let help = Config::load(data_dir, database)
        .ok()
        .and_then(|c| c.help_now);
    let rules = match help {
        Some(text) => rules.with_help_message(&text),
        None => rules,
    };
    if json {
        crate::output::json(&serde_json::json!({ "message": rules.help_message() }))
    } else {
        println!("{}", rules.help_message());
        Ok(())
    }
}
