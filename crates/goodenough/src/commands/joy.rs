//! `goodenough hobby`, `hobbies`, `block`, `blocks`, `joy`, `rest`, `rests`.
//!
//! `joy log NAME 45m` with a hobby that does not exist yet creates it (and
//! says so): logging joy should never be blocked by bookkeeping.

use anyhow::{anyhow, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use goodenough_app::{joy, AppError};
use goodenough_core::duration::{format_minutes, parse_minutes};
use goodenough_core::id::handle;
use goodenough_core::joy::{occurrence_message, parse_weekly, Block, RestKind};
use serde::Serialize;

use crate::context::Context;

/// `goodenough hobby`.
#[derive(Debug, Subcommand)]
pub enum HobbyCommand {
    /// Add a hobby: `hobby add "piano"`.
    Add {
        /// Its name.
        name: String,
    },
}

/// `goodenough block`.
#[derive(Debug, Subcommand)]
pub enum BlockCommand {
    /// Add weekly non-negotiable personal time: `block add "painting" --weekly sat 10:00-12:00`.
    Add {
        /// What the time is for.
        title: String,
        /// The day and local time range, e.g. `--weekly sat 10:00-12:00`.
        #[arg(long, num_args = 1..=2, value_names = ["DAY", "HH:MM-HH:MM"], required = true)]
        weekly: Vec<String>,
        /// The hobby it is for (created if new).
        #[arg(long)]
        hobby: Option<String>,
    },
    /// Mark an occurrence as kept (default: the most recent one).
    Kept {
        /// The block's handle (shown by `goodenough blocks`), or its id.
        id: String,
        /// The date of the occurrence (one of the block's weekdays).
        #[arg(long)]
        date: Option<String>,
    },
    /// Mark an occurrence as skipped — life happens (default: the most recent one).
    Skipped {
        /// The block's handle (shown by `goodenough blocks`), or its id.
        id: String,
        /// The date of the occurrence (one of the block's weekdays).
        #[arg(long)]
        date: Option<String>,
        /// Why, if you want to note it.
        #[arg(long)]
        reason: Option<String>,
    },
}

/// Flags of `goodenough joy`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct JoyArgs {
    #[command(subcommand)]
    command: Option<JoyCommand>,
    /// How many weeks the summary covers (default 8).
    #[arg(long, default_value_t = 8, value_parser = crate::args::whole(1u32, 520))]
    weeks: u32,
}

/// `goodenough joy log`.
#[derive(Debug, Subcommand)]
pub enum JoyCommand {
    /// Log time spent on a hobby: `joy log piano 45m`.
    Log {
        /// The hobby (created if new).
        name: String,
        /// How long, e.g. 45m or 1h30m.
        minutes: String,
        /// The date (default: today).
        #[arg(long)]
        date: Option<String>,
    },
}

/// `goodenough rest`.
#[derive(Debug, Subcommand)]
pub enum RestCommand {
    /// Record a vacation or rest day(s).
    Add {
        /// The first day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// The last day (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// vacation or rest-day.
        #[arg(long)]
        kind: String,
        /// Guilt about taking it, 0-10.
        #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
        guilt: Option<i64>,
    },
}

/// `hobby add`.
pub async fn hobby(ctx: &Context, command: HobbyCommand) -> Result<()> {
    let HobbyCommand::Add { name } = command;
    let joy::Named { hobby: h, created } = joy::add_hobby(&ctx.scope(), &name).await?;
    if ctx.json {
        return crate::output::json(&h);
    }
    if created {
        println!("Added the hobby \"{}\" ({}).", h.name, handle(&h.id));
    } else {
        println!(
            "\"{}\" is already one of your hobbies ({}).",
            h.name,
            handle(&h.id)
        );
    }
    Ok(())
}

/// `hobbies`.
pub async fn hobbies(ctx: &Context) -> Result<()> {
    let hobbies = joy::hobbies(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&hobbies);
    }
    if hobbies.is_empty() {
        println!("No hobbies yet. `goodenough hobby add \"NAME\"` adds one.");
    }
    let handles = crate::ids::handles(hobbies.iter().map(|h| h.id.as_str()));
    for (h, id) in hobbies.iter().zip(&handles) {
        println!("{id}  {}", h.name);
    }
    Ok(())
}

async fn resolve_block(ctx: &Context, id: &str) -> Result<String> {
    let blocks = joy::blocks(&ctx.scope()).await?;
    let ids: Vec<&str> = blocks.iter().map(|b| b.id.as_str()).collect();
    Ok(crate::ids::pick(&crate::ids::BLOCK, id, &ids)?.to_string())
}

async fn mark(
    ctx: &Context,
    id: &str,
    date: Option<&str>,
    kept: bool,
    reason: Option<&str>,
) -> Result<()> {
    let block_id = resolve_block(ctx, id).await?;
    let given = super::parse_date_arg(date)?;
    let joy::Marked {
        block,
        occurrence: occ,
    } = joy::mark(&ctx.scope(), &block_id, given, kept, reason).await?;
    if ctx.json {
        crate::output::json(&occ)?;
    } else {
        println!("{}", occurrence_message(&block, &occ));
    }
    if let Some(r) = &occ.reason {
        ctx.safety_check([r.as_str()])?;
    }
    Ok(())
}

/// `block add|kept|skipped`.
pub async fn block(ctx: &Context, command: BlockCommand) -> Result<()> {
    match command {
        BlockCommand::Add {
            title,
            weekly,
            hobby,
        } => {
            let w = parse_weekly(&weekly.join(" ")).map_err(|e| {
                super::flag_hint(
                    e,
                    |e| e.to_string().contains("is not a weekly time"),
                    "On the command line: --weekly sat 10:00-12:00.",
                )
            })?;
            let scope = ctx.scope();
            let joy::Upcoming { block: b, next } = joy::add_block(
                &scope,
                joy::NewBlock {
                    title,
                    weekly: w,
                    hobby,
                },
            )
            .await?;
            if ctx.json {
                return crate::output::json(&b);
            }
            println!(
                "Added \"{}\" every {} {}-{} ({}). The first one is on {next}; it is yours.",
                b.title,
                b.weekday.full_name(),
                b.start,
                b.end,
                handle(&b.id)
            );
            Ok(())
        }
        BlockCommand::Kept { id, date } => mark(ctx, &id, date.as_deref(), true, None).await,
        BlockCommand::Skipped { id, date, reason } => {
            mark(ctx, &id, date.as_deref(), false, reason.as_deref()).await
        }
    }
}

/// A block as `blocks --json` shows it: the block plus its next date.
#[derive(Debug, Serialize)]
struct BlockView<'a> {
    #[serde(flatten)]
    block: &'a Block,
    next: NaiveDate,
}

/// `blocks`.
pub async fn blocks(ctx: &Context) -> Result<()> {
    let upcoming = joy::upcoming(&ctx.scope()).await?;
    let views: Vec<BlockView<'_>> = upcoming
        .iter()
        .map(|u| BlockView {
            block: &u.block,
            next: u.next,
        })
        .collect();
    if ctx.json {
        return crate::output::json(&views);
    }
    if views.is_empty() {
        println!("No personal-time blocks yet. `goodenough block add \"painting\" --weekly sat 10:00-12:00` adds one.");
    }
    let handles = crate::ids::handles(views.iter().map(|v| v.block.id.as_str()));
    for (v, h) in views.iter().zip(&handles) {
        println!(
            "{h}  {}  {} {}-{}  next {}",
            v.block.title,
            v.block.weekday.as_str(),
            v.block.start,
            v.block.end,
            v.next
        );
    }
    Ok(())
}

/// `joy` (summaries) and `joy log`.
pub async fn run(ctx: &Context, args: JoyArgs) -> Result<()> {
    if let Some(JoyCommand::Log {
        name,
        minutes,
        date,
    }) = args.command
    {
        let minutes = parse_minutes("duration", &minutes)?;
        let date = super::parse_date_arg(date.as_deref())?;
        let joy::Logged {
            log,
            hobby: h,
            created,
        } = joy::log(
            &ctx.scope(),
            joy::NewJoyLog {
                hobby: name,
                minutes,
                date,
            },
        )
        .await?;
        let date = log.date;
        if ctx.json {
            return crate::output::json(&log);
        }
        if created {
            println!("New hobby \"{}\" added.", h.name);
        }
        println!(
            "Logged {} of {} on {}. Time for joy counts.",
            format_minutes(i64::from(minutes)),
            h.name,
            date
        );
        return Ok(());
    }
    if args.weeks == 0 || args.weeks > 520 {
        return Err(anyhow!(
            "--weeks must be from 1 to 520; you gave {}.",
            args.weeks
        ));
    }
    let s = joy::summary(&ctx.scope(), args.weeks).await?;
    if ctx.json {
        return crate::output::json(&s);
    }
    println!("Personal-time blocks kept per week:");
    for w in &s.blocks {
        println!("  {}  {} of {} kept", w.week, w.kept, w.scheduled);
    }
    println!("Minutes per hobby per week:");
    if s.hobbies.is_empty() {
        println!("  none logged in these weeks — `goodenough joy log NAME 45m` adds some.");
    }
    for h in &s.hobbies {
        println!(
            "  {}  {}  {}",
            h.week,
            h.hobby,
            format_minutes(i64::from(h.minutes))
        );
    }
    println!("Days of rest per month:");
    if s.rest.is_empty() {
        println!("  none recorded yet — rest counts too.");
    }
    for m in &s.rest {
        println!(
            "  {}  {} day(s), {} without guilt",
            m.month, m.days, m.days_without_guilt
        );
    }
    Ok(())
}

/// `rest add`.
pub async fn rest(ctx: &Context, command: RestCommand) -> Result<()> {
    let RestCommand::Add {
        from,
        to,
        kind,
        guilt,
    } = command;
    let from = goodenough_core::text::parse_date(&from)?;
    let to = goodenough_core::text::parse_date(&to)?;
    let kind = RestKind::parse(&kind)?;
    let new = joy::NewRest {
        from,
        to,
        kind,
        guilt,
    };
    let r = match joy::add_rest(&ctx.scope(), new).await {
        Ok(r) => r,
        Err(AppError::Invalid(e)) => {
            return Err(super::flag_hint(
                e,
                |e| e.to_string().contains("before it starts on"),
                "Put --to on or after --from.",
            ))
        }
        Err(e) => return Err(e.into()),
    };
    if ctx.json {
        return crate::output::json(&r);
    }
    println!(
        "Recorded {} day(s) of {} from {} to {}.{}",
        r.days(),
        r.kind.as_str(),
        r.from,
        r.to,
        if r.without_guilt {
            " Taken without guilt — good."
        } else {
            " Rest is part of the work, not a reward for it."
        }
    );
    Ok(())
}

/// `rests`.
pub async fn rests(ctx: &Context) -> Result<()> {
    let rests = joy::rests(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&rests);
    }
    if rests.is_empty() {
        println!("No rest recorded yet. `goodenough rest add --from D --to D --kind vacation` adds some.");
    }
    let handles = crate::ids::handles(rests.iter().map(|r| r.id.as_str()));
    for (r, h) in rests.iter().zip(&handles) {
        let guilt = r
            .guilt
            .map(|g| format!("guilt {g}"))
            .unwrap_or_else(|| "guilt not noted".into());
        println!(
            "{h}  {} to {}  {}  {} day(s)  {guilt}",
            r.from,
            r.to,
            r.kind.as_str(),
            r.days()
        );
    }
    Ok(())
}
