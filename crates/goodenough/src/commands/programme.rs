//! `goodenough programme list|show|validate|start|status|stop` (and the
//! offers from coaches: `offers|accept|decline`, in `offers.rs`) and
//! `goodenough today`.
//!
//! Programmes are the shipped ones plus any `*.toml` in
//! `<data-dir>/programmes/`; a broken file is reported (file, line, field)
//! and hides nothing else. "Today" is computed in core
//! ([`goodenough_core::programme::Today`]) so the web shows the same.

use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use goodenough_app::{programme as app_programme, AppError};
use goodenough_core::programme::{Programme, ProgrammeErrors, Standing, Targets, Today};
use goodenough_store::StoreError;

use crate::context::Context;
use crate::output;
use crate::prompt;

/// `goodenough programme`.
#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// The programmes you can follow (shipped and your own in <data-dir>/programmes).
    List,
    /// One programme: phases, exercises, milestones, maintenance.
    Show {
        /// The programme id (see `programme list`).
        id: String,
    },
    /// Check a programme file; prints every problem with its line and field.
    Validate {
        /// The TOML file.
        file: std::path::PathBuf,
    },
    /// Start following a programme (week 1 begins on the start date).
    Start {
        /// The programme id (see `programme list`).
        id: String,
        /// The first day of week 1 (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Stop the running programme and start this one.
        #[arg(long)]
        replace: bool,
    },
    /// Where you are: programme, week, phase, next milestone.
    Status,
    /// The programmes your coaches offered you, oldest first.
    Offers,
    /// Accept a programme a coach offered you: it starts (week 1 on the start date).
    Accept {
        /// The offer's handle (from `goodenough programme offers`).
        id: String,
        /// The first day of week 1 (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Stop the running programme and start this one.
        #[arg(long)]
        replace: bool,
    },
    /// Decline a programme a coach offered you (they see your answer).
    Decline {
        /// The offer's handle (from `goodenough programme offers`).
        id: String,
        /// Why, in a few words (optional; your coach sees it).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Stop following the running programme (your records stay).
    Stop,
}

/// Flags of `goodenough today`.
#[derive(Debug, Args)]
pub struct TodayArgs {
    /// The day to look at (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

/// The questionnaires and practices that exist: shipped plus the person's
/// own.
fn targets(ctx: &Context) -> Targets {
    ctx.catalogues().targets()
}

/// The programmes (shipped plus `<data-dir>/programmes/*.toml`) and the
/// files that could not be used.
fn load(ctx: &Context) -> Result<(Vec<Programme>, Vec<ProgrammeErrors>)> {
    let loaded = ctx.catalogues().programmes();
    Ok((loaded.list.clone(), loaded.errors.clone()))
}

fn warn(errors: &[ProgrammeErrors]) {
    for e in errors {
        eprintln!("{e}");
    }
    if !errors.is_empty() {
        eprintln!(
            "(The file{} above could not be used; `goodenough programme validate FILE` explains each problem.)",
            if errors.len() == 1 { "" } else { "s" }
        );
    }
}

fn find<'a>(all: &'a [Programme], errors: &[ProgrammeErrors], id: &str) -> Result<&'a Programme> {
    if let Some(p) = all.iter().find(|p| p.id == id.trim()) {
        return Ok(p);
    }
    let mut msg = format!(
        "there is no programme \"{id}\"; `goodenough programme list` shows the ids ({})",
        all.iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !errors.is_empty() {
        msg.push_str(". These files could not be read, so their programmes are missing:\n");
        msg.push_str(
            &errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    Err(anyhow!(msg))
}

/// Runs `goodenough programme …`.
pub async fn run(ctx: &Context, command: ProgrammeCommand) -> Result<()> {
    match command {
        ProgrammeCommand::List => list(ctx),
        ProgrammeCommand::Show { id } => show(ctx, &id),
        ProgrammeCommand::Validate { file } => validate(ctx, &file),
        ProgrammeCommand::Start { id, on, replace } => {
            start(ctx, &id, on.as_deref(), replace).await
        }
        ProgrammeCommand::Status => status(ctx).await,
        ProgrammeCommand::Offers => super::offers::mine(ctx).await,
        ProgrammeCommand::Accept { id, on, replace } => {
            super::offers::accept(ctx, &id, on.as_deref(), replace).await
        }
        ProgrammeCommand::Decline { id, reason } => {
            super::offers::decline(ctx, &id, reason.as_deref()).await
        }
        ProgrammeCommand::Stop => stop(ctx).await,
    }
}

fn list(ctx: &Context) -> Result<()> {
    let (all, errors) = load(ctx)?;
    warn(&errors);
    if ctx.json {
        return output::json(&all);
    }
    for p in &all {
        let from = if p.source == "shipped" {
            String::new()
        } else {
            format!(" (from {})", p.source)
        };
        println!("{}  {} — {} weeks{from}", p.id, p.title, p.weeks);
    }
    println!("\n`goodenough programme show ID` describes one; `goodenough programme start ID` begins it.");
    Ok(())
}

fn show(ctx: &Context, id: &str) -> Result<()> {
    let (all, errors) = load(ctx)?;
    let p = find(&all, &errors, id)?;
    if ctx.json {
        return output::json(p);
    }
    println!("{} ({} weeks)\n", p.title, p.weeks);
    if !p.summary.is_empty() {
        println!("{}\n", p.summary);
    }
    println!("Phases:");
    for ph in &p.phases {
        let focus: Vec<&str> = ph.focus.iter().map(|f| f.as_str()).collect();
        println!(
            "  weeks {}-{}: {} ({})",
            ph.first,
            ph.last,
            ph.name,
            focus.join(", ")
        );
        for g in &ph.goals {
            println!("    - {g}");
        }
    }
    println!("\nExercises:");
    for e in &p.exercises {
        let weeks = e
            .weeks
            .map(|(a, b)| format!(", weeks {a}-{b}"))
            .unwrap_or_default();
        println!(
            "  {}: {}{weeks} ({})",
            e.title,
            e.cadence,
            e.feature.as_str()
        );
    }
    println!("\nReview: {}", p.review);
    if !p.milestones.is_empty() {
        println!("\nMilestones:");
        for m in &p.milestones {
            println!("  week {}: {} — {}", m.week, m.title, m.marks);
        }
    }
    if let Some(m) = &p.maintenance {
        println!("\nAfter the end: {}", m.summary);
        println!("  Check-up review: {}", m.checkup);
        if !m.relapse_prevention.warning_signs.is_empty() {
            println!("  Early warning signs:");
            for s in &m.relapse_prevention.warning_signs {
                println!("    - {s}");
            }
        }
        if !m.relapse_prevention.what_to_do.is_empty() {
            println!("  What to do then:");
            for s in &m.relapse_prevention.what_to_do {
                println!("    - {s}");
            }
        }
    }
    Ok(())
}

fn validate(ctx: &Context, file: &Path) -> Result<()> {
    let src =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let name = file.display().to_string();
    match Programme::parse_checked(&name, &src, &name, Some(&targets(ctx))) {
        Ok(p) => {
            if ctx.json {
                return output::json(&p);
            }
            println!(
                "{name} is a valid programme: \"{}\" ({}), {} weeks, {} phases, {} exercises, {} milestones.",
                p.title,
                p.id,
                p.weeks,
                p.phases.len(),
                p.exercises.len(),
                p.milestones.len()
            );
            Ok(())
        }
        Err(errors) => {
            let n = errors.0.len();
            bail!(
                "{errors}\n{name} has {n} problem{}; fix {} and run `goodenough programme validate` again.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" }
            )
        }
    }
}

fn describe(s: &Standing) -> String {
    let mut out = s.sentence.clone();
    if let Some(m) = &s.next_milestone {
        out.push_str(&format!(
            "\nNext milestone: \"{}\" at the end of week {} ({}).",
            m.title, m.week, m.date
        ));
    }
    out
}

async fn start(ctx: &Context, id: &str, on: Option<&str>, replace: bool) -> Result<()> {
    let (all, errors) = load(ctx)?;
    let p = find(&all, &errors, id)?;
    let started_on = super::parse_date_arg(on)?;
    let scope = ctx.scope();
    let mut replace = replace;
    if let (false, Some(running)) = (replace, app_programme::running(&scope).await?) {
        let title = all
            .iter()
            .find(|x| x.id == running.programme_id)
            .map(|x| x.title.clone())
            .unwrap_or_else(|| running.programme_id.clone());
        let question = format!(
            "You are following \"{title}\" since {}. Stop it and start \"{}\" instead?",
            running.started_on, p.title
        );
        if prompt::interactive() && prompt::confirm(&question, false)? {
            replace = true;
        } else {
            bail!(
                "you are already following \"{title}\" (since {}); only one programme runs at a time. To switch, run `goodenough programme start {} --replace` (or `goodenough programme stop` first). Nothing was changed.",
                running.started_on,
                p.id
            );
        }
    }
    let started = match app_programme::start(&scope, &all, &p.id, started_on, replace).await {
        Ok(s) => s,
        Err(AppError::Store(StoreError::Conflict(_))) => bail!(
            "another programme started at the same moment; run `goodenough programme start {} --replace` to switch. Nothing was changed.",
            p.id
        ),
        Err(e) => return Err(e.into()),
    };
    if ctx.json {
        return output::json(&started.status);
    }
    if let Some(s) = started.stopped {
        println!(
            "Stopped \"{}\" (your records from it stay).",
            all.iter()
                .find(|x| x.id == s.programme_id)
                .map(|x| x.title.as_str())
                .unwrap_or(&s.programme_id)
        );
    }
    if let Some(standing) = &started.status.standing {
        println!(
            "Started \"{}\" with week 1 on {}. {}",
            p.title,
            started.enrolment.started_on,
            describe(standing)
        );
    }
    println!("`goodenough today` shows what it suggests each day.");
    Ok(())
}

async fn status(ctx: &Context) -> Result<()> {
    let (all, errors) = load(ctx)?;
    let status = app_programme::status(&ctx.scope(), &all).await?;
    if ctx.json {
        return output::json(&status);
    }
    match (&status.enrolment, &status.standing) {
        (None, _) => println!(
            "No programme is running. `goodenough programme list` shows the ones you can start."
        ),
        (Some(e), None) => {
            warn(&errors);
            println!(
                "You are following \"{}\" since {}, but its file cannot be found or read now; `goodenough programme stop` ends it.",
                e.programme_id, e.started_on
            );
        }
        (Some(_), Some(s)) => {
            println!("{}", describe(s));
            if !s.goals.is_empty() {
                println!("Goals of this phase:");
                for g in &s.goals {
                    println!("  - {g}");
                }
            }
            let maintenance = all
                .iter()
                .find(|p| p.id == s.programme_id)
                .and_then(|p| p.maintenance.as_ref());
            if let (Some(_), Some(m)) = (s.maintenance_week, maintenance) {
                println!("Check-up review: {}.", m.checkup);
                let plan = &m.relapse_prevention;
                if !plan.warning_signs.is_empty() {
                    println!("Early warning signs to watch for:");
                    for w in &plan.warning_signs {
                        println!("  - {w}");
                    }
                }
                if !plan.what_to_do.is_empty() {
                    println!("If they show up (that is normal, not a failure):");
                    for w in &plan.what_to_do {
                        println!("  - {w}");
                    }
                }
            }
        }
    }
    Ok(())
}

async fn stop(ctx: &Context) -> Result<()> {
    let stopped = app_programme::stop(&ctx.scope()).await?;
    if ctx.json {
        return output::json(&stopped);
    }
    match stopped {
        None => println!("No programme is running, so there is nothing to stop."),
        Some(e) => println!(
            "Stopped \"{}\" (started {}). Everything you recorded stays; you can start again any time.",
            e.programme_id, e.started_on
        ),
    }
    Ok(())
}

/// Computes "today" for the CLI's person on `on` (default today). The
/// programmes are read only when one is running.
async fn today_for(ctx: &Context, on: Option<NaiveDate>) -> Result<Today> {
    let scope = ctx.scope();
    let running = app_programme::running(&scope).await?;
    let mut programmes = Vec::new();
    if let Some(running) = &running {
        let (all, errors) = load(ctx)?;
        if !all.iter().any(|p| p.id == running.programme_id) {
            warn(&errors);
        }
        programmes = all;
    }
    Ok(app_programme::today(&scope, &programmes, on).await?)
}

/// Runs `goodenough today`.
pub async fn today(ctx: &Context, args: TodayArgs) -> Result<()> {
    let t = today_for(ctx, super::parse_date_arg(args.on.as_deref())?).await?;
    let date = t.date;
    if ctx.json {
        return output::json(&t);
    }
    println!("{}", date.format("%A, %-d %B %Y"));
    if let Some(s) = &t.programme {
        println!("{}", describe(s));
        if !s.focus.is_empty() {
            let focus: Vec<&str> = s.focus.iter().map(|f| f.as_str()).collect();
            println!("Focus: {}.", focus.join(", "));
        }
    }
    if !t.due.is_empty() {
        println!("\nDue today:");
        for d in &t.due {
            println!("  • {} — {}  ({})", d.title, d.detail, d.command);
        }
    }
    let steps: Vec<_> = goodenough_app::assignments::mine(&ctx.scope())
        .await?
        .into_iter()
        .filter(|a| a.open())
        .collect();
    if !steps.is_empty() {
        println!("\nFrom your coach:");
        for a in &steps {
            println!("  • {}", super::assignments::line(a));
        }
        println!("  (`goodenough assignments` to mark one done or not for you)");
    }
    if !t.suggestions.is_empty() {
        println!("\nSuggested today:");
        for s in &t.suggestions {
            match &s.how {
                Some(how) => println!("  • {} — {how}  ({})", s.title, s.command),
                None => println!("  • {}  ({})", s.title, s.command),
            }
        }
    }
    println!("\n{}", t.note);
    Ok(())
}
