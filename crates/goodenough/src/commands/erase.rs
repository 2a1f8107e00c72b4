//! `goodenough erase`: removes every record of the person, for real. On
//! SQLite the store also checkpoints the write-ahead log and compacts the
//! file, so the deleted text is not left behind in free pages.

use anyhow::{bail, Result};
use clap::Args;
use goodenough_core::export::kinds::KindCounts;
use goodenough_core::text;
use goodenough_store::Backend;
use serde::Serialize;

use crate::context::Context;
use crate::prompt;

/// The word to type when asked to confirm.
const CONFIRM_WORD: &str = "erase";

/// Flags of `goodenough erase`.
#[derive(Debug, Args)]
pub struct EraseArgs {
    /// Confirm without being asked (needed when stdin is not a terminal).
    #[arg(long)]
    yes: bool,
}

/// What `--json` prints: how many records of every kind were erased.
#[derive(Debug, Serialize)]
struct Erased {
    erased: KindCounts,
}

/// Runs the command.
pub async fn run(ctx: &Context, args: EraseArgs) -> Result<()> {
    let scope = ctx.scope();
    let counts = goodenough_app::data::counts(&scope).await?;
    if !args.yes {
        if !prompt::interactive() {
            bail!("erase removes every record for good, so it needs confirmation: add --yes (stdin is not a terminal, so goodenough cannot ask). Nothing was erased.");
        }
        eprintln!(
            "This removes all your records ({}) and your settings, for good.",
            counts.sentence()
        );
        eprintln!("If you want a copy first, run `goodenough export --out FILE`.");
        let answer = prompt::text(&format!("Type {CONFIRM_WORD} to confirm"), true)?;
        if answer.trim() != CONFIRM_WORD {
            println!("Nothing was erased.");
            return Ok(());
        }
    }
    let counts = goodenough_app::data::erase(&scope).await?;
    if ctx.json {
        return crate::output::json(&Erased { erased: counts });
    }
    println!(
        "Erased {} and your settings: {}.",
        text::count(counts.total(), "record", "records"),
        counts.sentence()
    );
    if ctx.app.backend() == Backend::Sqlite {
        println!("The database file was compacted, so the removed text is not left behind in it.");
    }
    Ok(())
}
