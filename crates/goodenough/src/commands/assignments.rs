//! `goodenough assignments`: the steps your coaches gave you. `assignments`
//! lists them (oldest due date first); `done ID`, `not-for-me ID [--reason
//! TEXT]` and `reopen ID` change one. Most steps complete themselves when
//! you do the matching thing (a thought record, a check-in, …).

use anyhow::Result;
use clap::{Args, Subcommand};
use goodenough_app::assignments::{self, AssignmentView};
use goodenough_core::assignment::AssignmentStatus;

use crate::context::Context;
use crate::ids::{self, Kind};

const ASSIGNMENT: Kind = Kind {
    one: "assignment",
    many: "assignments",
    list: "assignments",
};

/// Flags of `goodenough assignments`.
#[derive(Debug, Args)]
pub struct AssignmentsArgs {
    #[command(subcommand)]
    command: Option<AssignmentsCommand>,
}

/// `goodenough assignments …`.
#[derive(Debug, Subcommand)]
pub enum AssignmentsCommand {
    /// Every step your coaches gave you, oldest due date first (the default).
    List,
    /// Mark a step done.
    Done {
        /// The assignment's handle (from `goodenough assignments`).
        id: String,
    },
    /// Say a step is not for you (your coach sees that, and your reason if you give one).
    NotForMe {
        /// The assignment's handle (from `goodenough assignments`).
        id: String,
        /// Why, in a few words (optional).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Put a step back on your list.
    Reopen {
        /// The assignment's handle (from `goodenough assignments`).
        id: String,
    },
}

/// Runs `assignments`.
pub async fn run(ctx: &Context, args: AssignmentsArgs) -> Result<()> {
    match args.command.unwrap_or(AssignmentsCommand::List) {
        AssignmentsCommand::List => list(ctx).await,
        AssignmentsCommand::Done { id } => mark(ctx, &id, AssignmentStatus::Done, None).await,
        AssignmentsCommand::NotForMe { id, reason } => {
            mark(ctx, &id, AssignmentStatus::NotForMe, reason.as_deref()).await
        }
        AssignmentsCommand::Reopen { id } => mark(ctx, &id, AssignmentStatus::Open, None).await,
    }
}

/// One line per step, as `assignments` and `today` print them.
pub fn line(a: &AssignmentView) -> String {
    let state = match a.assignment.status {
        AssignmentStatus::Open => match a.progress {
            Some(p) => format!(
                "due {}, {} of {} so far",
                a.assignment.due, p.done, p.needed
            ),
            None => format!("due {}", a.assignment.due),
        },
        s => s.label().to_string(),
    };
    format!("{}  ({state}; from {})", a.title, a.assignment.coach_name)
}

async fn list(ctx: &Context) -> Result<()> {
    let list = assignments::mine(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&list);
    }
    if list.is_empty() {
        println!("No coach has given you a step to try. When one does, it shows here and on `goodenough today`.");
        return Ok(());
    }
    let handles = ids::handles(list.iter().map(|a| a.assignment.id.as_str()));
    for (a, handle) in list.iter().zip(handles) {
        println!("{handle}  {}", line(a));
        if !a.assignment.note.is_empty() {
            println!("        {}", a.assignment.note);
        }
    }
    Ok(())
}

async fn mark(
    ctx: &Context,
    typed: &str,
    status: AssignmentStatus,
    reason: Option<&str>,
) -> Result<()> {
    let list = assignments::mine(&ctx.scope()).await?;
    let ids: Vec<&str> = list.iter().map(|a| a.assignment.id.as_str()).collect();
    let id = ids::pick(&ASSIGNMENT, typed, &ids)?.to_string();
    let a = assignments::mark(&ctx.scope(), &id, status.key(), reason).await?;
    if ctx.json {
        return crate::output::json(&a);
    }
    match status {
        AssignmentStatus::Done => println!("Marked done: {}. Nicely done.", a.title),
        AssignmentStatus::NotForMe => println!(
            "Noted: \"{}\" is not for you. Your coach will see that; it is useful for them to know.",
            a.title
        ),
        AssignmentStatus::Open => println!("\"{}\" is back on your list.", a.title),
    }
    Ok(())
}
