//! `goodenough script list|show|fill`: communication scripts with named
//! blanks. Shipped scripts plus the person's own in `<data-dir>/scripts/`,
//! then those their coaches uploaded (a live link; `origin` names the
//! coach), as on the web's Your content page.

use anyhow::Result;
use clap::Subcommand;
use goodenough_core::coach_content::ContentKind;
use goodenough_core::scripts::{parse_vars, FilledScript, Script, ScriptError};

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

/// The scripts the person's coaches uploaded (over a live link), whose
/// names no shipped or own script has; `origin` says whose they are.
async fn from_coaches(ctx: &Context, taken: &[&Script]) -> Result<Vec<Script>> {
    let items = goodenough_app::content::from_coaches(&ctx.scope()).await?;
    Ok(items
        .into_iter()
        .filter(|i| i.kind == ContentKind::Script)
        .filter_map(|i| {
            let origin = format!("your coach {}", i.coach_name);
            Script::parse(&i.content_id, &i.body, &origin).ok()
        })
        .filter(|s| !taken.iter().any(|t| t.name == s.name))
        .collect())
}

/// Runs a script subcommand.
pub async fn run(ctx: &Context, command: ScriptCommand) -> Result<()> {
    let lib = ctx.catalogues().scripts();
    let own = lib.list();
    let coaches = from_coaches(ctx, &own).await?;
    // A script by name: shipped or own first, then a coach's.
    let find = |name: &str| -> Result<&Script> {
        match lib.get(name) {
            Ok(s) => Ok(s),
            Err(e) => coaches
                .iter()
                .find(|s| s.name == name.trim())
                .ok_or_else(|| e.into()),
        }
    };
    match command {
        ScriptCommand::List => {
            let all: Vec<&Script> = own.iter().copied().chain(coaches.iter()).collect();
            if ctx.json {
                return crate::output::json(&all);
            }
            for s in all {
                if s.origin.starts_with("your coach ") {
                    println!("{:<16} {} (from {})", s.name, s.title, s.origin);
                } else {
                    println!("{:<16} {}", s.name, s.title);
                }
            }
            println!("\nFill one with `goodenough script fill NAME --var blank=value …`.");
        }
        ScriptCommand::Show { name } => {
            let s = find(&name)?;
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
            let s = find(&name)?;
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
