//! `goodenough practice-settings show|set`: the operator's settings of a
//! practice — its name (in the web pages' header) and the crisis resources
//! of its region, which Help now shows first, on the web and here. Stored
//! in the database, so every server on it shows the same. Whoever can open
//! the store is its operator; nothing here reads anyone's records.
//!
//! (`goodenough practice` is the mindfulness practice log, hence the name.)

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result};
use clap::Subcommand;
use goodenough_app::{App, Catalogues};
use goodenough_core::practice_settings::{parse_lines, PracticeSettings};

/// Subcommands of `goodenough practice-settings`.
#[derive(Debug, Subcommand)]
pub enum PracticeSettingsCommand {
    /// Show the practice's name and crisis resources.
    Show,
    /// Set the practice's name and/or its crisis resources.
    Set {
        /// The practice's name, shown in the page header ("" to remove it).
        #[arg(long)]
        name: Option<String>,
        /// A text file of crisis resources, one a line:
        /// `name | phone, text number or web address | when available`
        /// (an empty file removes them).
        #[arg(long, value_name = "FILE")]
        crisis_file: Option<PathBuf>,
    },
}

/// Runs `goodenough practice-settings …`.
pub async fn run(
    data_dir: Option<&Path>,
    database: Option<&str>,
    json: bool,
    cmd: PracticeSettingsCommand,
) -> Result<()> {
    match cmd {
        PracticeSettingsCommand::Show => {
            let (_, store) = super::user::open_store(data_dir, database).await?;
            let app = App::new(Arc::from(store), Arc::new(Catalogues::shipped()));
            let settings = app.practice_settings().await?;
            print(&settings, json)
        }
        PracticeSettingsCommand::Set { name, crisis_file } => {
            if name.is_none() && crisis_file.is_none() {
                anyhow::bail!("Nothing to set: give --name NAME, --crisis-file FILE, or both.");
            }
            // Read and check the file before the store is opened: a bad
            // line changes nothing.
            let resources = match &crisis_file {
                Some(path) => {
                    let text = std::fs::read_to_string(path).with_context(|| {
                        format!(
                            "cannot read the crisis resources file {}; check the path",
                            path.display()
                        )
                    })?;
                    Some(parse_lines(&text).with_context(|| {
                        format!("{} was not used; nothing was changed", path.display())
                    })?)
                }
                None => None,
            };
            let (_, store) = super::user::open_store(data_dir, database).await?;
            let app = App::new(Arc::from(store), Arc::new(Catalogues::shipped()));
            let kept = app.practice_settings().await?;
            let name = match &name {
                Some(n) => Some(n.as_str()),
                None => kept.name.as_deref(),
            };
            let resources = resources.unwrap_or(kept.crisis_resources);
            let saved = app
                .set_practice_settings(name, &resources, crate::context::now())
                .await
                .context("nothing was changed")?;
            if !json {
                println!("Saved. Help now shows these first, on the web and here:");
            }
            print(&saved, json)
        }
    }
}

fn print(settings: &PracticeSettings, json: bool) -> Result<()> {
    if json {
        return crate::output::json(settings);
    }
    match &settings.name {
        Some(name) => println!("Practice name: {name}"),
        None => println!("Practice name: (none set)"),
    }
    if settings.crisis_resources.is_empty() {
        println!("Crisis resources: none of the practice's own; Help now shows the general message that ships with goodenough.");
    } else {
        println!("Crisis resources:");
        for r in &settings.crisis_resources {
            println!("  {}", r.line());
        }
    }
    Ok(())
}
