//! `goodenough boundaries`: the outcome summary per ISO week (timebox
//! overruns and revisions, noes and guilt, delegations, after-hours and
//! weekend commits). Reads only the weeks asked for.

use anyhow::{bail, Result};
use clap::Args;
use goodenough_app::{outcomes, AppError};
use goodenough_core::outcomes::{decimal, percent};

use crate::context::Context;

/// The most weeks one summary covers (ten years).
pub const MAX_WEEKS: u32 = outcomes::MAX_WEEKS;

/// Flags of `goodenough boundaries`.
#[derive(Debug, Args)]
pub struct BoundariesArgs {
    /// How many ISO weeks, ending with this one.
    #[arg(long, default_value_t = 12, value_parser = crate::args::whole(1, MAX_WEEKS))]
    weeks: u32,
}

/// Runs `goodenough boundaries`.
pub async fn run(ctx: &Context, args: BoundariesArgs) -> Result<()> {
    let weeks = match outcomes::weekly(&ctx.scope(), args.weeks).await {
        // The window is the flag's: name it.
        Err(AppError::Invalid(e)) if e.to_string().starts_with("weeks must") => {
            bail!("--{e}")
        }
        other => other?,
    };
    if ctx.json {
        return crate::output::json(&weeks);
    }
    println!("week      boxes overrun revisions  noes guilt drop  delegations  commits after hours weekend");
    for w in &weeks {
        println!(
            "{}  {:>5} {:>7} {:>9}  {:>4} {:>10}  {:>11}  {:>7} {:>11} {:>7}",
            w.week,
            w.timeboxes,
            percent(w.overrun_rate),
            decimal(w.median_revisions),
            w.noes,
            decimal(w.mean_guilt_drop),
            w.delegations,
            w.commits,
            percent(w.after_hours_share),
            percent(w.weekend_share)
        );
    }
    println!("\"—\" means nothing was recorded that week for that figure; that is not a score.");
    Ok(())
}
