//! `goodenough help-now`: where to get help now. Works without a store; when
//! there is one, the practice's own crisis resources come first.

use std::path::Path;

use anyhow::Result;
use goodenough_core::safety::SafetyRules;

use crate::config::Config;

/// Prints the practice's crisis resources (when the operator set any), then
/// the help message (the operator's, when configured).
pub fn run(data_dir: Option<&Path>, database: Option<&str>, json: bool) -> Result<()> {
    let rules = SafetyRules::shipped()?;
    let config = Config::load(data_dir, database).ok();
    let practice = config
        .as_ref()
        .and_then(crate::signpost::practice_resources)
        .unwrap_or_default();
    let rules = match config.and_then(|c| c.help_now) {
        Some(text) => rules.with_help_message(&text),
        None => rules,
    };
    if json {
        crate::output::json(&serde_json::json!({
            "practice_name": practice.name,
            "crisis_resources": practice.crisis_resources,
            "message": rules.help_message(),
        }))
    } else {
        if let Some(first) = practice.help_text() {
            println!("{first}\n");
        }
        println!("{}", rules.help_message());
        Ok(())
    }
}
