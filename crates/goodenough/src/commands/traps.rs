//! `goodenough traps`: the thinking-trap catalogue (shipped traps plus the
//! person's own from `<data dir>/traps.toml`) and `goodenough traps explain`,
//! which shows which traps a text suggests and the exact words that matched.
//! The rules are plain patterns anyone can read; nothing is hidden.

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::commands::reframe::quoted;
use crate::context::Context;

/// Flags of `goodenough traps`.
#[derive(Debug, Args)]
pub struct TrapsArgs {
    #[command(subcommand)]
    command: Option<TrapsCommand>,
}

/// What `goodenough traps` can do besides listing.
#[derive(Debug, Subcommand)]
enum TrapsCommand {
    /// Show which thinking traps a text suggests, and the words that matched.
    Explain {
        /// The text to look at, for example a thought you had today.
        text: String,
    },
}

/// Runs the command.
pub async fn run(ctx: &Context, args: TrapsArgs) -> Result<()> {
    let catalog = ctx.traps();
    match args.command {
        None => {
            if ctx.json {
                return crate::output::json(catalog.traps());
            }
            for (i, t) in catalog.traps().iter().enumerate() {
                if i > 0 {
                    println!();
                }
                println!("{} [{}]", t.name, t.slug);
                println!("    {}", t.definition);
                println!("    from: {}", t.origin);
                for p in &t.patterns {
                    println!("    rule: {p}");
                }
            }
            println!(
                "\nRules are matched without regard to case. Add your own traps in {}.",
                ctx.config.data_dir.join("traps.toml").display()
            );
            Ok(())
        }
        Some(TrapsCommand::Explain { text }) => {
            let text = goodenough_core::text::required("text", &text)?;
            let suggestions = catalog.suggest(&text);
            if ctx.json {
                crate::output::json(&suggestions)?;
            } else if suggestions.is_empty() {
                println!(
                    "No thinking traps are suggested by the words in that text. The rules only \
                     look at words, so if one still feels familiar, trust yourself over them."
                );
            } else {
                println!("The words in that text suggest:");
                for s in &suggestions {
                    println!("  {} [{}]: matched {}", s.name, s.slug, quoted(&s.matched));
                    if let Some(t) = catalog.get(&s.slug) {
                        println!("      {}", t.definition);
                    }
                }
                println!("These are hints from simple word rules, not verdicts; you know best.");
            }
            ctx.safety_check([text.as_str()])?;
            Ok(())
        }
    }
}
