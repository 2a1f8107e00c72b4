//! `goodenough no`, `noes`, `delegate`, `delegations`, `mistake`, `mistakes`.

use anyhow::Result;
use clap::{Args, Subcommand};
use goodenough_app::boundaries;
use goodenough_core::boundaries::{
    mean_guilt_drop, parse_yes_no, NoRecord, DELEGATION_SAVED, MISTAKE_SAVED, NO_SAVED,
};
use goodenough_core::id::handle;

use crate::context::Context;
use crate::prompt;

/// Flags of `goodenough no`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct NoArgs {
    #[command(subcommand)]
    command: Option<NoCommand>,
    /// What was asked of you.
    #[arg(long)]
    request: Option<String>,
    /// What you answered.
    #[arg(long)]
    response: Option<String>,
    /// Guilt before answering, 0-10.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
    guilt_before: Option<i64>,
    /// Guilt afterwards, 0-10 (or later with `no update`).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
    guilt_after: Option<i64>,
    /// What actually happened next.
    #[arg(long)]
    outcome: Option<String>,
    /// The date it belongs to (default: today).
    #[arg(long)]
    date: Option<String>,
}

/// `goodenough no update`.
#[derive(Debug, Subcommand)]
pub enum NoCommand {
    /// Complete a "no" later: guilt afterwards and what happened.
    Update {
        /// Its handle (shown by `goodenough noes`), or its id.
        id: String,
        #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
        guilt_after: Option<i64>,
        #[arg(long)]
        outcome: Option<String>,
    },
}

/// Flags of `goodenough delegate`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DelegateArgs {
    #[command(subcommand)]
    command: Option<DelegateCommand>,
    /// The task you handed on.
    task: Option<String>,
    /// Who took it on.
    #[arg(long)]
    to: Option<String>,
    /// How it went.
    #[arg(long)]
    outcome: Option<String>,
    /// Whether it turned out fine: yes or no.
    #[arg(long)]
    fine: Option<String>,
    /// The date it belongs to (default: today).
    #[arg(long)]
    date: Option<String>,
}

/// `goodenough delegate update`.
#[derive(Debug, Subcommand)]
pub enum DelegateCommand {
    /// Complete a delegation later: how it went.
    Update {
        /// Its handle (shown by `goodenough delegations`), or its id.
        id: String,
        #[arg(long)]
        outcome: Option<String>,
        /// yes or no.
        #[arg(long)]
        fine: Option<String>,
    },
}

/// `goodenough mistake`.
#[derive(Debug, Subcommand)]
pub enum MistakeCommand {
    /// Review a mistake without blame, like an incident review.
    Add(MistakeAddArgs),
}

/// Flags of `goodenough mistake add`.
#[derive(Debug, Args)]
pub struct MistakeAddArgs {
    /// What happened.
    #[arg(long)]
    what: Option<String>,
    /// What it actually cost.
    #[arg(long)]
    cost: Option<String>,
    /// Contributing factors (context and systems, not blame).
    #[arg(long)]
    factors: Option<String>,
    /// What it taught you.
    #[arg(long)]
    taught: Option<String>,
    /// What you would tell a friend who made it.
    #[arg(long)]
    friend: Option<String>,
    /// The thought record it set off (its handle from `goodenough thoughts`, or its id).
    #[arg(long)]
    thought: Option<String>,
    /// The date it belongs to (default: today).
    #[arg(long)]
    date: Option<String>,
}

fn ask_text(value: Option<String>, question: &str) -> Result<String> {
    match value {
        Some(v) => Ok(v),
        None => prompt::text(question, false),
    }
}

/// Records a "no", or completes one.
pub async fn no(ctx: &Context, args: NoArgs) -> Result<()> {
    if let Some(NoCommand::Update {
        id,
        guilt_after,
        outcome,
    }) = args.command
    {
        return no_update(ctx, &id, guilt_after, outcome.as_deref()).await;
    }
    let mut missing = Vec::new();
    if args.request.is_none() {
        missing.push("--request");
    }
    if args.response.is_none() {
        missing.push("--response");
    }
    if args.guilt_before.is_none() {
        missing.push("--guilt-before");
    }
    prompt::require_flags(&missing)?;
    let date = super::happened_on(ctx, args.date.as_deref(), "a no").await?;
    let request = ask_text(args.request, "What was asked of you?")?;
    let response = ask_text(args.response, "What did you answer?")?;
    let guilt_before = match args.guilt_before {
        Some(g) => g,
        None => prompt::number("Guilt before answering", 0, 10)?,
    };
    let new = boundaries::NewNo {
        date: Some(date),
        request,
        response,
        guilt_before,
        guilt_after: args.guilt_after,
        outcome: args.outcome,
    };
    let record = boundaries::add_no(&ctx.scope(), new).await?;
    if ctx.json {
        crate::output::json(&record)?;
    } else {
        println!("{NO_SAVED}");
        if record.guilt_after.is_none() {
            println!(
                "Later, note how it went: `goodenough no update {} --guilt-after N --outcome \"…\"`.",
                handle(&record.id)
            );
        } else {
            println!("Its handle is {}.", handle(&record.id));
        }
    }
    ctx.safety_check(no_texts(&record))?;
    Ok(())
}

fn no_texts(n: &NoRecord) -> Vec<&str> {
    let mut v = vec![n.request.as_str(), n.response.as_str()];
    if let Some(o) = &n.outcome {
        v.push(o);
    }
    v
}

async fn no_update(
    ctx: &Context,
    id: &str,
    guilt_after: Option<i64>,
    outcome: Option<&str>,
) -> Result<()> {
    let scope = ctx.scope();
    let noes = boundaries::noes(&scope).await?;
    let ids: Vec<&str> = noes.iter().map(|n| n.id.as_str()).collect();
    let found = crate::ids::pick(&crate::ids::NO, id, &ids)?;
    let record = boundaries::complete_no(&scope, found, guilt_after, outcome).await?;
    if ctx.json {
        crate::output::json(&record)?;
    } else {
        match record.guilt_drop() {
            Some(d) if d > 0 => println!("Updated. Guilt went from {} to {} — it eased by {d}.", record.guilt_before, record.guilt_before as i16 - d),
            Some(_) => println!("Updated. The guilt did not ease this time; that is information, not a verdict. It often fades with practice."),
            None => println!("Updated."),
        }
    }
    ctx.safety_check(outcome)?;
    Ok(())
}

/// Lists every "no", oldest first.
pub async fn noes(ctx: &Context) -> Result<()> {
    let noes = boundaries::noes(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&noes);
    }
    if noes.is_empty() {
        println!("No noes recorded yet. The next time you turn something down, `goodenough no --request … --response … --guilt-before N` keeps track.");
        return Ok(());
    }
    let handles = crate::ids::handles(noes.iter().map(|n| n.id.as_str()));
    for (n, h) in noes.iter().zip(&handles) {
        let after = n
            .guilt_after
            .map(|a| format!("→ {a}"))
            .unwrap_or_else(|| "→ ?".into());
        println!(
            "{}  {h}  guilt {} {after}  {}",
            n.date, n.guilt_before, n.request
        );
    }
    if let Some(m) = mean_guilt_drop(&noes) {
        println!("Mean guilt drop after saying no: {m:.1} points.");
    }
    Ok(())
}

fn parse_fine(value: Option<&str>) -> Result<Option<bool>> {
    Ok(value.map(|v| parse_yes_no("--fine", v)).transpose()?)
}

/// Records a delegation, or completes one.
pub async fn delegate(ctx: &Context, args: DelegateArgs) -> Result<()> {
    if let Some(DelegateCommand::Update { id, outcome, fine }) = args.command {
        let fine = parse_fine(fine.as_deref())?;
        let scope = ctx.scope();
        let all = boundaries::delegations(&scope).await?;
        let ids: Vec<&str> = all.iter().map(|d| d.id.as_str()).collect();
        let found = crate::ids::pick(&crate::ids::DELEGATION, &id, &ids)?;
        let d = boundaries::complete_delegation(&scope, found, outcome.as_deref(), fine).await?;
        if ctx.json {
            crate::output::json(&d)?;
        } else {
            println!("Updated.");
        }
        ctx.safety_check(outcome.as_deref())?;
        return Ok(());
    }
    let mut missing = Vec::new();
    if args.task.is_none() {
        missing.push("the TASK");
    }
    if args.to.is_none() {
        missing.push("--to");
    }
    prompt::require_flags(&missing)?;
    let fine = parse_fine(args.fine.as_deref())?;
    let date = super::happened_on(ctx, args.date.as_deref(), "a delegation").await?;
    let task = ask_text(args.task, "What did you hand on?")?;
    let to = ask_text(args.to, "Who took it on?")?;
    let new = boundaries::NewDelegation {
        date: Some(date),
        task,
        to,
        outcome: args.outcome,
        fine,
    };
    let d = boundaries::add_delegation(&ctx.scope(), new).await?;
    if ctx.json {
        crate::output::json(&d)?;
    } else {
        println!("{DELEGATION_SAVED}");
        if d.fine.is_none() {
            println!(
                "Later, note how it went: `goodenough delegate update {} --fine yes|no --outcome \"…\"`.",
                handle(&d.id)
            );
        } else {
            println!("Its handle is {}.", handle(&d.id));
        }
    }
    let mut texts = vec![d.task.as_str()];
    if let Some(o) = &d.outcome {
        texts.push(o);
    }
    ctx.safety_check(texts)?;
    Ok(())
}

/// Lists delegations, oldest first.
pub async fn delegations(ctx: &Context) -> Result<()> {
    let all = boundaries::delegations(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&all);
    }
    if all.is_empty() {
        println!("No delegations recorded yet: `goodenough delegate \"TASK\" --to NAME`.");
    }
    let handles = crate::ids::handles(all.iter().map(|d| d.id.as_str()));
    for (d, h) in all.iter().zip(&handles) {
        let fine = match d.fine {
            Some(true) => "  turned out fine",
            Some(false) => "  needed follow-up",
            None => "",
        };
        println!("{}  {h}  {} → {}{fine}", d.date, d.task, d.to);
    }
    Ok(())
}

/// `goodenough mistake add`.
pub async fn mistake(ctx: &Context, command: MistakeCommand) -> Result<()> {
    let MistakeCommand::Add(args) = command;
    let mut missing = Vec::new();
    for (flag, v) in [
        ("--what", &args.what),
        ("--cost", &args.cost),
        ("--taught", &args.taught),
        ("--friend", &args.friend),
    ] {
        if v.is_none() {
            missing.push(flag);
        }
    }
    prompt::require_flags(&missing)?;
    let date = super::happened_on(ctx, args.date.as_deref(), "a mistake review").await?;
    let thought_id = match args.thought.as_deref().map(str::trim) {
        Some(q) if !q.is_empty() => {
            let thoughts = goodenough_app::thoughts::list(&ctx.scope(), None).await?;
            let ids: Vec<&str> = thoughts.iter().map(|t| t.id.as_str()).collect();
            let found = crate::ids::pick(&crate::ids::THOUGHT, q, &ids)?;
            Some(found.to_string())
        }
        _ => None,
    };
    let what = ask_text(args.what, "What happened?")?;
    let cost = ask_text(args.cost, "What did it actually cost?")?;
    let taught = ask_text(args.taught, "What did it teach you?")?;
    let friend = ask_text(args.friend, "What would you tell a friend who made it?")?;
    let new = boundaries::NewMistake {
        date: Some(date),
        what,
        cost,
        factors: args.factors,
        taught,
        friend,
        thought_id,
    };
    let m = boundaries::add_mistake(&ctx.scope(), new).await?;
    if ctx.json {
        crate::output::json(&m)?;
    } else {
        println!("{MISTAKE_SAVED}");
    }
    ctx.safety_check(m.texts())?;
    Ok(())
}

/// Lists mistake reviews, oldest first.
pub async fn mistakes(ctx: &Context) -> Result<()> {
    let all = boundaries::mistakes(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&all);
    }
    if all.is_empty() {
        println!("No mistake reviews yet. When something goes wrong, `goodenough mistake add` helps turn it into a lesson.");
    }
    for m in &all {
        println!("{}  {}", m.date, m.what);
        println!("    cost: {}", m.cost);
        if let Some(f) = &m.factors {
            println!("    factors: {f}");
        }
        println!("    taught: {}", m.taught);
        println!("    to a friend: {}", m.friend);
    }
    Ok(())
}
