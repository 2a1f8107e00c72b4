//! `goodenough win`, `setback`, `wins`, `setbacks`.

use anyhow::Result;
use clap::Args;
use goodenough_app::journal;
use goodenough_core::journal::{SETBACK_FRAMING, WIN_CELEBRATION};

use crate::context::Context;

/// Flags of `goodenough win`.
#[derive(Debug, Args)]
pub struct WinArgs {
    /// What went well.
    text: String,
    /// The date it belongs to (default: today).
    #[arg(long)]
    date: Option<String>,
}

/// Flags of `goodenough setback`.
#[derive(Debug, Args)]
pub struct SetbackArgs {
    /// What happened.
    text: String,
    /// What it taught you, if anything yet.
    #[arg(long)]
    lesson: Option<String>,
    /// The date it belongs to (default: today).
    #[arg(long)]
    date: Option<String>,
}

/// Flags of the lists.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only entries on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
}

/// Logs a win.
pub async fn win(ctx: &Context, args: WinArgs) -> Result<()> {
    let date = super::parse_date_arg(args.date.as_deref())?;
    let w = journal::add_win(&ctx.scope(), date, &args.text).await?;
    if ctx.json {
        crate::output::json(&w)?;
    } else {
        println!("{WIN_CELEBRATION}");
    }
    ctx.safety_check([w.text.as_str()])?;
    Ok(())
}

/// Logs a setback.
pub async fn setback(ctx: &Context, args: SetbackArgs) -> Result<()> {
    let date = super::parse_date_arg(args.date.as_deref())?;
    let s = journal::add_setback(&ctx.scope(), date, &args.text, args.lesson.as_deref()).await?;
    if ctx.json {
        crate::output::json(&s)?;
    } else {
        println!("{SETBACK_FRAMING}");
    }
    let mut texts = vec![s.text.as_str()];
    if let Some(l) = &s.lesson {
        texts.push(l);
    }
    ctx.safety_check(texts)?;
    Ok(())
}

/// Lists wins, oldest first.
pub async fn wins(ctx: &Context, args: ListArgs) -> Result<()> {
    let since = super::parse_date_arg(args.since.as_deref())?;
    let wins = journal::wins(&ctx.scope(), since).await?;
    if ctx.json {
        return crate::output::json(&wins);
    }
    if wins.is_empty() {
        println!("No wins logged yet. Small ones count: `goodenough win \"…\"`.");
    }
    for w in &wins {
        println!("{}  {}", w.date, w.text);
    }
    Ok(())
}

/// Lists setbacks, oldest first.
pub async fn setbacks(ctx: &Context, args: ListArgs) -> Result<()> {
    let since = super::parse_date_arg(args.since.as_deref())?;
    let setbacks = journal::setbacks(&ctx.scope(), since).await?;
    if ctx.json {
        return crate::output::json(&setbacks);
    }
    if setbacks.is_empty() {
        println!("No setbacks logged. When one comes, it is part of the path, not the end of it.");
    }
    for s in &setbacks {
        println!("{}  {}", s.date, s.text);
        if let Some(l) = &s.lesson {
            println!("    lesson: {l}");
        }
    }
    Ok(())
}
