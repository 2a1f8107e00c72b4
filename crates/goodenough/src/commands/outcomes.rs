//! `goodenough boundaries`: the outcome summary per ISO week (timebox
//! overruns and revisions, noes and guilt, delegations, after-hours and
//! weekend commits). Reads only the weeks asked for.

use anyhow::{bail, Result};
use clap::Args;
use goodenough_core::gitsignals::{local_midnight, WorkHours};
use goodenough_core::outcomes::{self, decimal, percent, WeekOutcome};

use crate::context::Context;

/// The most weeks one summary covers (ten years).
pub const MAX_WEEKS: u32 = 530;

/// Flags of `goodenough boundaries`.
#[derive(Debug, Args)]
pub struct BoundariesArgs {
    /// How many ISO weeks, ending with this one.
    #[arg(long, default_value_t = 12, value_parser = crate::args::whole(1, MAX_WEEKS))]
    weeks: u32,
}

/// The summary of the last `weeks` weeks for a person.
pub async fn summary(
    store: &dyn goodenough_store::Store,
    person: &str,
    today: chrono::NaiveDate,
    weeks: u32,
) -> Result<Vec<WeekOutcome>> {
    if weeks == 0 || weeks > MAX_WEEKS {
        bail!("--weeks must be between 1 and {MAX_WEEKS}; you gave {weeks}.");
    }
    let settings = store.settings(person).await?;
    let hours = WorkHours::from_settings(&settings)?;
    let from = outcomes::window_start(today, weeks);
    let facts = store
        .outcome_facts(person, local_midnight(from, &hours.tz), from)
        .await?;
    Ok(outcomes::summarize(&facts, &hours, from, today))
}

/// Runs `goodenough boundaries`.
pub async fn run(ctx: &Context, args: BoundariesArgs) -> Result<()> {
    let today = ctx.today().await?;
    let weeks = summary(ctx.store.as_ref(), &ctx.person, today, args.weeks).await?;
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
