//! `goodenough critic`, `value`, `values`, `practice`, `practices`.

use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};
use goodenough_app::{awareness, AppError};
use goodenough_core::awareness::{critic_match, CriticProfile, Practice, PracticeLog};

use crate::context::Context;

/// Flags of `goodenough critic`.
#[derive(Debug, Args)]
pub struct CriticArgs {
    #[command(subcommand)]
    command: Option<CriticCommand>,
}

/// `critic set`.
#[derive(Debug, Subcommand)]
pub enum CriticCommand {
    /// Describe your inner critic (replaces the earlier description).
    Set {
        /// The name you give it.
        #[arg(long)]
        name: String,
        /// Something it typically says (repeat for several).
        #[arg(long = "says")]
        says: Vec<String>,
        /// Where it learned that voice.
        #[arg(long)]
        learned: Option<String>,
        /// What it is trying to protect.
        #[arg(long)]
        protects: Option<String>,
        /// How a kind voice answers it.
        #[arg(long = "kind-answer")]
        kind_answer: Option<String>,
    },
}

/// Shows or sets the critic profile.
pub async fn critic(ctx: &Context, args: CriticArgs) -> Result<()> {
    match args.command {
        Some(CriticCommand::Set {
            name,
            says,
            learned,
            protects,
            kind_answer,
        }) => {
            let new = awareness::NewCritic {
                name,
                says,
                learned,
                protects,
                kind_answer,
            };
            let profile = match awareness::set_critic(&ctx.scope(), new).await {
                Ok(p) => p,
                Err(AppError::Invalid(e)) => {
                    return Err(super::flag_hint(
                        e,
                        |e| {
                            e.to_string()
                                .starts_with("Give at least one thing the critic typically says")
                        },
                        "Add it with --says \"…\" (once for each phrase).",
                    ))
                }
                Err(e) => return Err(e.into()),
            };
            if ctx.json {
                crate::output::json(&profile)?;
            } else {
                println!(
                    "Saved. Naming the critic makes it easier to notice when it is talking, and to answer it kindly."
                );
            }
            let mut texts: Vec<&str> = profile.says.iter().map(String::as_str).collect();
            texts.extend(profile.kind_answer.as_deref());
            ctx.safety_check(texts)?;
            Ok(())
        }
        None => {
            let profile = awareness::critic(&ctx.scope()).await?;
            if ctx.json {
                return crate::output::json(&profile);
            }
            match profile {
                None => println!(
                    "No critic profile yet. Describe it with `goodenough critic set --name NAME --says \"…\"`."
                ),
                Some(p) => print_critic(&p),
            }
            Ok(())
        }
    }
}

fn print_critic(p: &CriticProfile) {
    println!("Your inner critic: {}", p.name);
    println!("What it typically says:");
    for s in &p.says {
        println!("  - \"{s}\"");
    }
    if let Some(l) = &p.learned {
        println!("Where it learned that voice: {l}");
    }
    if let Some(pr) = &p.protects {
        println!("What it is trying to protect: {pr}");
    }
    if let Some(k) = &p.kind_answer {
        println!("How a kind voice answers: {k}");
    }
}

/// After a thought record: says which critic phrase the thought resembles.
pub async fn print_critic_hint(ctx: &Context, thought: &str) -> Result<()> {
    let Some(profile) = awareness::critic(&ctx.scope()).await? else {
        return Ok(());
    };
    if let Some(m) = critic_match(&profile, thought) {
        println!(
            "This sounds like {}: matched {} (its phrase \"{}\").",
            profile.name,
            super::reframe::quoted(&m.matched_words),
            m.phrase
        );
        if let Some(k) = &profile.kind_answer {
            println!("A kind voice might answer: {k}");
        }
    }
    Ok(())
}

/// `goodenough value add|remove`.
#[derive(Debug, Args)]
pub struct ValueArgs {
    #[command(subcommand)]
    command: ValueCommand,
}

/// Subcommands of `value`.
#[derive(Debug, Subcommand)]
pub enum ValueCommand {
    /// Add a value or role outside work ("friend", "painter").
    Add {
        /// The value or role.
        name: String,
        /// What it looks like in practice.
        #[arg(long)]
        practice: String,
    },
    /// Remove a value by its handle.
    Remove {
        /// The handle shown by `goodenough values`, or the id.
        id: String,
    },
}

/// Adds or removes a value.
pub async fn value(ctx: &Context, args: ValueArgs) -> Result<()> {
    match args.command {
        ValueCommand::Add { name, practice } => {
            let v = awareness::add_value(&ctx.scope(), &name, &practice).await?;
            if ctx.json {
                crate::output::json(&v)?;
            } else {
                println!(
                    "Added \"{}\" ({}). You are more than your work; this is one of the ways.",
                    v.name,
                    goodenough_core::id::handle(&v.id)
                );
            }
            ctx.safety_check([v.name.as_str(), v.practice.as_str()])?;
            Ok(())
        }
        ValueCommand::Remove { id } => {
            let scope = ctx.scope();
            let values = awareness::values(&scope).await?;
            let ids: Vec<&str> = values.iter().map(|v| v.id.as_str()).collect();
            let full = crate::ids::pick(&crate::ids::VALUE, &id, &ids)?;
            match awareness::remove_value(&scope, full).await {
                Err(AppError::NotFound { .. }) => bail!(
                    "That value was already removed; `goodenough values` shows the ones you have."
                ),
                other => other?,
            }
            println!("Removed.");
            Ok(())
        }
    }
}

/// Lists values, oldest first.
pub async fn values(ctx: &Context) -> Result<()> {
    let values = awareness::values(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&values);
    }
    if values.is_empty() {
        println!("No values yet. Add one: `goodenough value add \"friend\" --practice \"…\"`.");
    }
    let handles = crate::ids::handles(values.iter().map(|v| v.id.as_str()));
    for (v, h) in values.iter().zip(&handles) {
        println!("{h}  {}: {}", v.name, v.practice);
    }
    Ok(())
}

/// `goodenough practice list|run|log`.
#[derive(Debug, Args)]
pub struct PracticeArgs {
    #[command(subcommand)]
    command: PracticeCommand,
}

/// Subcommands of `practice`.
#[derive(Debug, Subcommand)]
pub enum PracticeCommand {
    /// The practices you can run.
    List,
    /// Run a practice: each cue at its time, then the minutes are logged.
    Run {
        /// The practice id (see `practice list`).
        name: String,
        /// How long (default: the practice's own length).
        #[arg(long, value_parser = crate::args::whole(1u32, 180))]
        minutes: Option<u32>,
    },
    /// Log minutes of a practice done elsewhere.
    Log {
        /// The practice id.
        name: String,
        /// How long, e.g. 10m or 1h.
        duration: String,
        /// The date (default: today).
        #[arg(long)]
        date: Option<String>,
    },
}

fn find<'a>(all: &'a [Practice], name: &str) -> Result<&'a Practice> {
    all.iter().find(|p| p.id == name).ok_or_else(|| {
        let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        anyhow!(
            "There is no practice called \"{name}\"; choose one of: {}.",
            ids.join(", ")
        )
    })
}

/// Runs a practice subcommand.
pub async fn practice(ctx: &Context, args: PracticeArgs) -> Result<()> {
    let all = ctx.catalogues().practices();
    match args.command {
        PracticeCommand::List => {
            if ctx.json {
                return crate::output::json(&all);
            }
            for p in all {
                println!(
                    "{:<16} {} ({} min, {} cues)",
                    p.id,
                    p.title,
                    p.default_minutes,
                    p.cues.len()
                );
            }
            Ok(())
        }
        PracticeCommand::Log {
            name,
            duration,
            date,
        } => {
            let p = find(all, &name)?;
            let minutes = goodenough_core::duration::parse_minutes("duration", &duration)?;
            let date = super::happened_on(ctx, date.as_deref(), "a practice log").await?;
            let log = save_log(ctx, all, &p.id, Some(date), minutes).await?;
            if ctx.json {
                crate::output::json(&log)?;
            } else {
                println!(
                    "Logged {} of {} on {}.",
                    goodenough_core::duration::format_minutes(i64::from(minutes)),
                    p.title,
                    date
                );
            }
            Ok(())
        }
        PracticeCommand::Run { name, minutes } => {
            let p = find(all, &name)?.clone();
            let minutes = minutes.unwrap_or(p.default_minutes);
            goodenough_core::error::check_range("minutes", i64::from(minutes), 1, 180)?;
            let elapsed = run_practice(&p, minutes).await?;
            let done = (elapsed + 30) / 60;
            if done == 0 {
                println!("Stopped before a minute had passed; nothing logged. Any pause counts, come back whenever you like.");
                return Ok(());
            }
            let log = save_log(ctx, all, &p.id, None, done).await?;
            if ctx.json {
                crate::output::json(&log)?;
            } else {
                println!(
                    "Logged {} of {}. Thank you for taking this time.",
                    goodenough_core::duration::format_minutes(i64::from(done)),
                    p.title
                );
            }
            Ok(())
        }
    }
}

async fn save_log(
    ctx: &Context,
    all: &[Practice],
    practice: &str,
    date: Option<chrono::NaiveDate>,
    minutes: u32,
) -> Result<PracticeLog> {
    let minutes = i64::from(minutes);
    Ok(awareness::log_practice(&ctx.scope(), all, practice, minutes, date).await?)
}

/// How the practice waits between cues. The real clock sleeps; with
/// `GOODENOUGH_PRACTICE_FAST=1` (tests) it does not wait at all, and
/// `GOODENOUGH_PRACTICE_STOP_AFTER=SECONDS` then acts as if Ctrl-C came at
/// that second.
trait PracticeClock {
    /// Waits up to `secs` seconds; returns the seconds actually waited
    /// (fewer when interrupted).
    async fn wait(&mut self, secs: u32) -> u32;
}

struct RealClock;

impl PracticeClock for RealClock {
    async fn wait(&mut self, secs: u32) -> u32 {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(u64::from(secs))) => secs,
            _ = tokio::signal::ctrl_c() => 0,
        }
    }
}

struct FastClock {
    elapsed: u32,
    stop_after: Option<u32>,
}

impl PracticeClock for FastClock {
    async fn wait(&mut self, secs: u32) -> u32 {
        let waited = match self.stop_after {
            Some(stop) => secs.min(stop.saturating_sub(self.elapsed)),
            None => secs,
        };
        self.elapsed += waited;
        waited
    }
}

/// Runs the cues; returns the seconds done (all of them, or up to Ctrl-C).
async fn run_practice(p: &Practice, minutes: u32) -> Result<u32> {
    let fast = std::env::var("GOODENOUGH_PRACTICE_FAST").is_ok_and(|v| v == "1");
    if fast {
        let stop_after = std::env::var("GOODENOUGH_PRACTICE_STOP_AFTER")
            .ok()
            .and_then(|v| v.parse().ok());
        let mut clock = FastClock {
            elapsed: 0,
            stop_after,
        };
        Ok(run_with(p, minutes, &mut clock, false).await)
    } else {
        Ok(run_with(p, minutes, &mut RealClock, true).await)
    }
}

async fn run_with<C: PracticeClock>(
    p: &Practice,
    minutes: u32,
    clock: &mut C,
    show_bar: bool,
) -> u32 {
    let total = minutes * 60;
    let bar = if show_bar {
        let b = indicatif::ProgressBar::new(u64::from(total));
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {msg}") {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let say = |text: &str| {
        if show_bar {
            bar.println(text);
        } else {
            eprintln!("{text}");
        }
    };
    say(&format!(
        "{} ({} min). Ctrl-C stops early and logs the part done.",
        p.title, minutes
    ));
    let mut at = 0u32;
    let mut cues = p.cues_for(minutes).into_iter().peekable();
    while at < total {
        while let Some(c) = cues.next_if(|c| c.at_seconds <= at) {
            say(&format!(
                "[{:>2}:{:02}] {}",
                c.at_seconds / 60,
                c.at_seconds % 60,
                c.text
            ));
        }
        let next = cues.peek().map_or(total, |c| c.at_seconds).min(total);
        // With the bar, tick once a second so it moves; otherwise jump.
        let step = if show_bar { 1 } else { next - at };
        let waited = clock.wait(step).await;
        at += waited;
        bar.set_position(u64::from(at));
        bar.set_message(format!("{}:{:02}", at / 60, at % 60));
        if waited < step {
            bar.finish_and_clear();
            say("Stopped early. The part you did counts.");
            return at;
        }
    }
    bar.finish_and_clear();
    say("Done. Notice how you feel now, without needing it to be different.");
    total
}

/// Lists the practice log, oldest first.
pub async fn practices(ctx: &Context) -> Result<()> {
    let logs = awareness::practice_logs(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&logs);
    }
    if logs.is_empty() {
        println!("No practice logged yet. Try `goodenough practice run breathing`.");
    }
    let mut total = 0u64;
    for l in &logs {
        total += u64::from(l.minutes);
        println!(
            "{}  {:<16} {}",
            l.date,
            l.practice,
            goodenough_core::duration::format_minutes(i64::from(l.minutes))
        );
    }
    if !logs.is_empty() {
        println!(
            "{} sessions, {} in all.",
            logs.len(),
            goodenough_core::duration::format_minutes(i64::try_from(total).unwrap_or(i64::MAX))
        );
    }
    Ok(())
}
