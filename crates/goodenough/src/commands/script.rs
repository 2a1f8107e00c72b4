//! `goodenough script list|show|fill`: communication scripts with named
//! blanks. Shipped scripts plus the person's own in `<data-dir>/scripts/`.

use anyhow::Result;
use clap::Subcommand;
use goodenough_core::scripts::{parse_vars, FilledScript, ScriptError};

use crate::context::Context;

/// `goodenough script …`.
#[derive(Debug, Subcommand)]
pub enum ScriptCommand {
    /// List every script.
    List,
    /// Show one script, its blanks and its template.
    Show {
        /// The script's name (see `script list`).
        name: String,
    },
    /// Fill a script's blanks and print the message.
    Fill {
        /// The script's name.
        name: String,
        /// A blank's value, as NAME=VALUE (repeat for each blank).
        #[arg(long = "var", value_name = "NAME=VALUE")]
        vars: Vec<String>,
    },
}

/// Runs a script subcommand.
pub async fn run(ctx: &Context, command: ScriptCommand) -> Result<()> {
    let lib = ctx.catalogues().scripts();
    match command {
        ScriptCommand::List => {
            let all = lib.list();
            if ctx.json {
                return crate::output::json(&all);
            }
            for s in all {
                println!("{:<16} {}", s.name, s.title);
            }
            println!("\nFill one with `goodenough script fill NAME --var blank=value …`.");
        }
        ScriptCommand::Show { name } => {
            let s = lib.get(&name)?;
            if ctx.json {
                return crate::output::json(s);
            }
            println!("{} ({})\n{}\n", s.title, s.name, s.when);
            println!("Blanks:");
            for v in &s.variables {
                println!("  {:<14} {}", v.name, v.description);
            }
            println!("\n{}", s.template.trim());
        }
        ScriptCommand::Fill { name, vars } => {
            let s = lib.get(&name)?;
            let values = parse_vars(vars.iter().map(String::as_str)).map_err(|e| {
                super::flag_hint(e, |_| true, "Give each blank as --var NAME=VALUE.")
            })?;
            let text = s.fill(&values).map_err(|e| {
                super::flag_hint(
                    e,
                    |e| matches!(e, ScriptError::MissingVariables { .. }),
                    "Give each as --var NAME=VALUE.",
                )
            })?;
            if ctx.json {
                return crate::output::json(&FilledScript {
                    name: s.name.clone(),
                    text,
                });
            }
            println!("{text}");
        }
    }
    Ok(())
}
