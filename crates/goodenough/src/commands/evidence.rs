//! `goodenough evidence add|list|summary`: the evidence log of
//! accomplishments and praise, each with what it is put down to.

use anyhow::Result;
use clap::{Args, Subcommand};
use goodenough_app::evidence;
use goodenough_core::evidence::{Attribution, EvidenceKind};

use crate::context::Context;
use crate::prompt;

/// Flags of `goodenough evidence`.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    #[command(subcommand)]
    command: Option<EvidenceCommand>,
}

/// `goodenough evidence …`.
#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Log an accomplishment or praise: `evidence add "TEXT" --kind praise --attribution effort [--from WHO]`.
    Add {
        /// What you did, or what was said.
        text: Option<String>,
        /// accomplishment (something you did) or praise (something someone said).
        #[arg(long)]
        kind: Option<String>,
        /// What you put it down to: luck, effort, help or ability.
        #[arg(long)]
        attribution: Option<String>,
        /// Who praised you (or helped).
        #[arg(long = "from", value_name = "WHO")]
        source: Option<String>,
        /// The date it happened (default: today), YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
    },
    /// List the evidence log, oldest first.
    List,
    /// How often success is put down to your own effort or ability, month by month.
    Summary,
}

/// Runs `evidence`.
pub async fn run(ctx: &Context, args: EvidenceArgs) -> Result<()> {
    match args.command.unwrap_or(EvidenceCommand::List) {
        EvidenceCommand::Add {
            text,
            kind,
            attribution,
            source,
            date,
        } => add(ctx, text, kind, attribution, source, date).await,
        EvidenceCommand::List => list(ctx).await,
        EvidenceCommand::Summary => summary(ctx).await,
    }
}

async fn add(
    ctx: &Context,
    text: Option<String>,
    kind: Option<String>,
    attribution: Option<String>,
    source: Option<String>,
    date: Option<String>,
) -> Result<()> {
    // Flags are checked first, so a bad value fails before any question.
    let date = super::happened_on(ctx, date.as_deref(), "an evidence entry").await?;
    let kind = kind.as_deref().map(EvidenceKind::parse).transpose()?;
    let attribution = attribution.as_deref().map(Attribution::parse).transpose()?;
    let mut missing = Vec::new();
    if text.is_none() {
        missing.push("the text (evidence add \"TEXT\")");
    }
    if kind.is_none() {
        missing.push("--kind accomplishment|praise");
    }
    if attribution.is_none() {
        missing.push("--attribution luck|effort|help|ability");
    }
    prompt::require_flags(&missing)?;
    let kind = match kind {
        Some(k) => k,
        None => {
            let options = [
                "accomplishment (something I did)",
                "praise (something someone said)",
            ];
            match prompt::select("What kind of evidence is it?", &options)? {
                0 => EvidenceKind::Accomplishment,
                _ => EvidenceKind::Praise,
            }
        }
    };
    let text = match text {
        Some(t) => t,
        None => prompt::text(
            match kind {
                EvidenceKind::Accomplishment => "What did you do?",
                EvidenceKind::Praise => "What was said?",
            },
            false,
        )?,
    };
    let source = match source {
        Some(s) => Some(s),
        None if kind == EvidenceKind::Praise && prompt::interactive() => {
            Some(prompt::text("Who said it? (optional)", true)?)
        }
        None => None,
    };
    let attribution = match attribution {
        Some(a) => a,
        None => {
            let options = [
                "luck",
                "effort (I worked for it)",
                "help (others made it possible)",
                "ability (I am good at this)",
            ];
            Attribution::ALL[prompt::select("What do you put it down to?", &options)?]
        }
    };
    let new = evidence::NewEvidence {
        kind,
        text,
        attribution,
        source,
        date: Some(date),
    };
    let entry = evidence::add(&ctx.scope(), new).await?;
    if ctx.json {
        crate::output::json(&entry)?;
    } else {
        let what = match entry.kind {
            EvidenceKind::Accomplishment => "accomplishment",
            EvidenceKind::Praise => "praise",
        };
        println!(
            "Logged this {what} on {} ({}), put down to {}. It counts.",
            entry.date,
            goodenough_core::id::handle(&entry.id),
            entry.attribution.as_str()
        );
        if entry.attribution == Attribution::Luck {
            println!("Luck may have played a part. What part did you play?");
        }
    }
    let mut texts = vec![entry.text.as_str()];
    if let Some(s) = &entry.source {
        texts.push(s.as_str());
    }
    ctx.safety_check(texts)?;
    Ok(())
}

async fn list(ctx: &Context) -> Result<()> {
    let entries = evidence::list(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&entries);
    }
    if entries.is_empty() {
        println!(
            "No evidence logged yet. `goodenough evidence add \"TEXT\" --kind accomplishment --attribution effort` adds the first."
        );
        return Ok(());
    }
    entries.iter().for_each(print);
    Ok(())
}

/// One evidence entry as the lists show it (yours, or a client's to a coach).
pub(crate) fn print(e: &goodenough_core::evidence::EvidenceEntry) {
    let from = e
        .source
        .as_deref()
        .map(|s| format!(" (from {s})"))
        .unwrap_or_default();
    println!(
        "{}  {:<14} {:<8} {}{from}",
        e.date,
        e.kind.as_str(),
        e.attribution.as_str(),
        e.text
    );
}

async fn summary(ctx: &Context) -> Result<()> {
    let s = evidence::summary(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&s);
    }
    println!(
        "{} entries: {} accomplishments, {} praise.",
        s.total, s.accomplishments, s.praise
    );
    if !s.months.is_empty() {
        println!("month    entries  luck  effort  help  ability  own effort/ability");
        for m in &s.months {
            println!(
                "{}  {:>7}  {:>4}  {:>6}  {:>4}  {:>7}  {:>5.0}%",
                m.month,
                m.total,
                m.counts.luck,
                m.counts.effort,
                m.counts.help,
                m.counts.ability,
                m.own_share * 100.0
            );
        }
    }
    println!("{}", s.message);
    Ok(())
}
