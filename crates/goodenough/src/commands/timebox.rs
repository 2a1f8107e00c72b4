//! `goodenough timebox start|status|watch|revise|recheck|extend|stop` and
//! `goodenough timeboxes`.
//!
//! One running box per person (the store enforces it). `--at` lets a person
//! catch up on a box they forgot to start or stop, and makes tests
//! deterministic; it accepts RFC 3339 or "YYYY-MM-DD HH:MM" in the person's
//! time zone. Overruns are reported as information, never as failure.

use std::time::Duration as StdDuration;

use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use goodenough_app::timeboxes::{self, When};
use goodenough_app::AppError;
use goodenough_core::duration::format_minutes;
use goodenough_core::timebox::{Outcome, Timebox};
use goodenough_core::ValidationError;

use crate::context::{now, Context};

/// `goodenough timebox …`
#[derive(Debug, Subcommand)]
pub enum TimeboxCommand {
    /// Start a box: `timebox start "TITLE" --limit 90m`.
    Start {
        /// What you are working on.
        title: String,
        /// How long the box is: 90m, 1h30m, 2h.
        #[arg(long, allow_hyphen_values = true)]
        limit: String,
        /// When it started (default: now); RFC 3339 or "YYYY-MM-DD HH:MM".
        #[arg(long)]
        at: Option<String>,
    },
    /// How much time is left in the running box (or how far past it).
    Status,
    /// A live progress bar until the box ends; then, at a terminal, asks
    /// whether the work is good enough to ship.
    Watch {
        /// Draw the bar once and return (for scripts and tests).
        #[arg(long)]
        once: bool,
        /// Seconds between redraws.
        #[arg(long, default_value_t = 1, value_parser = crate::args::whole_in(1u64, 3600))]
        tick: u64,
    },
    /// Count one more revision (of the running box, or else the last finished one).
    Revise {
        /// What changed in this pass.
        #[arg(long)]
        note: Option<String>,
        /// When (default: now).
        #[arg(long)]
        at: Option<String>,
    },
    /// Count one more re-check (of the running box, or else the last finished one).
    Recheck,
    /// Give the running box more time: `timebox extend 15m --reason "…"`.
    Extend {
        /// How much more: 15m, 1h.
        #[arg(allow_hyphen_values = true)]
        minutes: String,
        /// Why it needs more time (information for later).
        #[arg(long)]
        reason: String,
        /// When (default: now).
        #[arg(long)]
        at: Option<String>,
    },
    /// End the running box.
    Stop {
        /// shipped (default), extended or dropped.
        #[arg(long, default_value = "shipped")]
        outcome: String,
        /// When it ended (default: now).
        #[arg(long)]
        at: Option<String>,
    },
}

/// Flags of `goodenough timeboxes`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Per-week figures instead of the boxes: overrun rate, median revisions, re-checks.
    #[arg(long)]
    weekly: bool,
}

const NONE_RUNNING: &str =
    "No timebox is running. Start one with `goodenough timebox start \"TITLE\" --limit 90m`.";

/// A use case's answer, with the command line's sentence when there was no
/// box to change (`none`).
fn or_none<T>(r: goodenough_app::Result<T>, none: &str) -> Result<T> {
    match r {
        Err(AppError::NotFound { .. }) => bail!("{none}"),
        other => Ok(other?),
    }
}

/// Counting a revision or re-check with no box at all.
const NO_BOX_YET: &str = "There is no timebox yet to count this against. Start one with `goodenough timebox start \"TITLE\" --limit 90m`.";

async fn running(ctx: &Context) -> Result<Timebox> {
    match timeboxes::running(&ctx.scope()).await? {
        Some(b) => Ok(b),
        None => bail!("{NONE_RUNNING}"),
    }
}

fn print_view(ctx: &Context, b: &Timebox, at: DateTime<Utc>, text: &str) -> Result<()> {
    if ctx.json {
        crate::output::json(&b.view(at))
    } else {
        println!("{text}");
        Ok(())
    }
}

/// Runs `goodenough timebox …`.
pub async fn run(ctx: &Context, command: TimeboxCommand) -> Result<()> {
    match command {
        TimeboxCommand::Start { title, limit, at } => {
            let new = timeboxes::NewTimebox {
                title: &title,
                limit: &limit,
                started: When::typed_or_now(at.as_deref()),
            };
            let b = timeboxes::start(&ctx.scope(), new).await?;
            let at = b.started_at;
            let text = format!(
                "Started \"{}\" with a {} box; it ends at {}. When it ends, ask: is this good enough to ship?",
                b.title,
                format_minutes(i64::from(b.limit_minutes)),
                local_time(ctx, b.ends_at()).await?
            );
            print_view(ctx, &b, at, &text)
        }
        TimeboxCommand::Status => {
            let at = goodenough_core::clock::round(now());
            match timeboxes::running(&ctx.scope()).await? {
                Some(b) => print_view(ctx, &b, at, &b.status_sentence(at)),
                None if ctx.json => crate::output::json(&serde_json::Value::Null),
                None => {
                    println!("No timebox is running. Start one with `goodenough timebox start \"TITLE\" --limit 90m`.");
                    Ok(())
                }
            }
        }
        TimeboxCommand::Watch { once, tick } => watch(ctx, once, tick).await,
        TimeboxCommand::Revise { note, at } => {
            let revised = timeboxes::revise(
                &ctx.scope(),
                When::typed_or_now(at.as_deref()),
                note.as_deref(),
            )
            .await;
            let b = match revised {
                Err(AppError::Invalid(e)) => return Err(at_hint(e)),
                other => or_none(other, NO_BOX_YET)?,
            };
            let at = b
                .revisions
                .last()
                .map(|r| r.at)
                .unwrap_or_else(|| goodenough_core::clock::round(now()));
            let text = format!(
                "Revision {} of \"{}\" counted. Each pass is worth asking: does this one change what the reader gets?",
                b.revisions.len(),
                b.title
            );
            print_view(ctx, &b, at, &text)
        }
        TimeboxCommand::Recheck => {
            let b = or_none(timeboxes::recheck(&ctx.scope()).await, NO_BOX_YET)?;
            let text = format!(
                "Re-check {} of \"{}\" counted. Noticing the urge is the first step; it is fine to let it pass next time.",
                b.rechecks, b.title
            );
            print_view(ctx, &b, goodenough_core::clock::round(now()), &text)
        }
        TimeboxCommand::Extend {
            minutes,
            reason,
            at,
        } => {
            let when = When::typed_or_now(at.as_deref());
            let b = match timeboxes::extend(&ctx.scope(), &minutes, &reason, when).await {
                Err(AppError::Invalid(e)) => {
                    return Err(
                        if matches!(e, ValidationError::Empty { .. }) && reason.trim().is_empty() {
                            super::flag_hint(e, |_| true, "Give it with --reason \"…\".")
                        } else {
                            at_hint(e)
                        },
                    )
                }
                other => or_none(other, NONE_RUNNING)?,
            };
            let at = b
                .extensions
                .last()
                .map(|e| e.at)
                .unwrap_or_else(|| goodenough_core::clock::round(now()));
            let text = format!(
                "\"{}\" now has {} in all (the original {} stays the yardstick for overrun). {}",
                b.title,
                format_minutes(i64::from(b.total_limit_minutes())),
                format_minutes(i64::from(b.limit_minutes)),
                b.status_sentence(at)
            );
            print_view(ctx, &b, at, &text)
        }
        TimeboxCommand::Stop { outcome, at } => {
            let outcome: Outcome = outcome.parse()?;
            let b = match timeboxes::stop(&ctx.scope(), outcome, When::typed_or_now(at.as_deref()))
                .await
            {
                Err(AppError::Invalid(e)) => return Err(at_hint(e)),
                other => or_none(other, NONE_RUNNING)?,
            };
            let at = b
                .ended_at
                .unwrap_or_else(|| goodenough_core::clock::round(now()));
            print_view(ctx, &b, at, &b.summary_sentence())
        }
    }
}

/// Core says "give a later time"; on the command line that time is `--at`.
fn at_hint(e: ValidationError) -> anyhow::Error {
    super::flag_hint(
        e,
        |e| {
            e.to_string()
                .starts_with("That time is before the box started")
        },
        "Use a later --at.",
    )
}

async fn local_time(ctx: &Context, at: DateTime<Utc>) -> Result<String> {
    let tz = goodenough_app::day::settings(&ctx.scope(), goodenough_app::Category::Boundaries)
        .await?
        .tz();
    Ok(at.with_timezone(&tz).format("%H:%M").to_string())
}

/// The live bar. Each tick re-reads the clock (`GOODENOUGH_NOW` pins it in
/// tests) and the store (another process may extend or stop the box).
async fn watch(ctx: &Context, once: bool, tick: u64) -> Result<()> {
    let b = running(ctx).await?;
    let draw = crate::prompt::interactive() && !ctx.json;
    let total = u64::from(b.total_limit_minutes()) * 60;
    let bar = if draw {
        indicatif::ProgressBar::new(total)
    } else {
        indicatif::ProgressBar::hidden()
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template("{prefix} [{bar:40}] {msg}")
        .map(|s| s.progress_chars("=> "))
    {
        bar.set_style(style);
    }
    bar.set_prefix(b.title.clone());
    let mut b = b;
    loop {
        let at = goodenough_core::clock::round(now());
        bar.set_length(u64::from(b.total_limit_minutes()) * 60);
        bar.set_position(u64::try_from(b.elapsed(at).num_seconds()).unwrap_or(0));
        bar.set_message(b.status_sentence(at));
        let ended = b.remaining(at) <= chrono::Duration::zero();
        if once || ended {
            bar.abandon();
            if !draw {
                print_view(ctx, &b, at, &b.status_sentence(at))?;
            }
            if ended && !once {
                return at_the_end(ctx, b).await;
            }
            return Ok(());
        }
        tokio::time::sleep(StdDuration::from_secs(tick)).await;
        match timeboxes::running(&ctx.scope()).await? {
            Some(fresh) if fresh.id == b.id => b = fresh,
            _ => {
                bar.abandon_with_message("The box was stopped elsewhere.");
                return Ok(());
            }
        }
    }
}

/// When the box ends: at a terminal, ask whether it is good enough to ship.
async fn at_the_end(ctx: &Context, b: Timebox) -> Result<()> {
    if !crate::prompt::interactive() || ctx.json {
        if !ctx.json {
            println!("The box has ended. Is it good enough to ship? Stop it with `goodenough timebox stop` (or extend it with a reason).");
        }
        return Ok(());
    }
    let choices = [
        "Good enough: ship it, done when the box ended",
        "Give it 15 more minutes (with a reason)",
        "Set it aside (dropped)",
        "Keep it open for now; I will stop it myself",
    ];
    let at = goodenough_core::clock::round(now());
    match crate::prompt::select("The box has ended. Is it good enough to ship?", &choices)? {
        0 => {
            let end = b.ends_at().min(at);
            let b = or_none(
                timeboxes::stop(&ctx.scope(), Outcome::Shipped, When::At(end)).await,
                NONE_RUNNING,
            )?;
            println!("{}", b.summary_sentence());
        }
        1 => {
            let reason = crate::prompt::text("What needs the extra time?", false)?;
            let b = or_none(
                timeboxes::extend(&ctx.scope(), "15m", &reason, When::At(at)).await,
                NONE_RUNNING,
            )?;
            println!("{}", b.status_sentence(at));
        }
        2 => {
            let b = or_none(
                timeboxes::stop(&ctx.scope(), Outcome::Dropped, When::At(at)).await,
                NONE_RUNNING,
            )?;
            println!("{}", b.summary_sentence());
        }
        _ => println!("It stays open. {}", b.status_sentence(at)),
    }
    Ok(())
}

/// Runs `goodenough timeboxes`.
pub async fn list(ctx: &Context, args: ListArgs) -> Result<()> {
    let timeboxes::Listing {
        boxes,
        weeks,
        settings,
    } = timeboxes::listing(&ctx.scope()).await?;
    let at = goodenough_core::clock::round(now());
    if args.weekly {
        if ctx.json {
            return crate::output::json(&weeks);
        }
        if weeks.is_empty() {
            println!("No finished timeboxes yet.");
        }
        for w in &weeks {
            println!(
                "week of {}: {} boxes, {:.0}% ran over, median {} revisions, {} re-checks",
                w.week_start,
                w.boxes,
                w.overrun_rate * 100.0,
                w.median_revisions,
                w.rechecks
            );
        }
        return Ok(());
    }
    if ctx.json {
        let views: Vec<_> = boxes.iter().map(|b| b.view(at)).collect();
        return crate::output::json(&views);
    }
    if boxes.is_empty() {
        println!(
            "No timeboxes yet. Start one with `goodenough timebox start \"TITLE\" --limit 90m`."
        );
        return Ok(());
    }
    let tz = settings.tz();
    println!(
        "{:<16} {:>6} {:>7} {:>7} {:>4} {:>4}  {:<9} title",
        "started", "limit", "actual", "over", "rev", "chk", "outcome"
    );
    for b in &boxes {
        let over = b.overrun_minutes(at);
        println!(
            "{:<16} {:>6} {:>7} {:>7} {:>4} {:>4}  {:<9} {}",
            b.started_at.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
            format_minutes(i64::from(b.limit_minutes)),
            format_minutes(b.actual_minutes(at)),
            if over > 0 {
                format!("+{}", format_minutes(over))
            } else {
                "-".to_string()
            },
            b.revisions.len(),
            b.rechecks,
            b.outcome.map(Outcome::as_str).unwrap_or("running"),
            b.title
        );
    }
    Ok(())
}

/// Moves demo boxes (generated at UTC mornings) to the same wall-clock
/// morning in the person's time zone, keeping every offset inside a box.
pub fn at_local_mornings(mut boxes: Vec<Timebox>, tz: chrono_tz::Tz) -> Vec<Timebox> {
    use chrono::TimeZone;
    for b in &mut boxes {
        let naive = b.started_at.naive_utc();
        let Some(local) = tz.from_local_datetime(&naive).earliest() else {
            continue;
        };
        let shift = local.with_timezone(&Utc) - b.started_at;
        b.started_at += shift;
        b.ended_at = b.ended_at.map(|t| t + shift);
        for e in &mut b.extensions {
            e.at += shift;
        }
        for r in &mut b.revisions {
            r.at += shift;
        }
    }
    boxes
}
