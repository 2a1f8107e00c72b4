//! `goodenough coach`: your coaches, for the person this store belongs to.
//! `coach` lists them with what each may read; `share LINK CATEGORY [--from
//! DATE]` and `unshare LINK CATEGORY` change it (each change a new version,
//! `history LINK` lists them); `end LINK` ends a link; `log` is every read
//! a coach made or tried; `notes` shows the session notes coaches shared;
//! `accept LINK-OR-TOKEN` accepts an invitation.

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use goodenough_app::practice::{self, Linked};
use goodenough_app::Category;

use crate::context::Context;
use crate::ids::{self, Kind};

const LINK: Kind = Kind {
    one: "coach link",
    many: "coach links",
    list: "coach",
};

/// Flags of `goodenough coach`.
#[derive(Debug, Args)]
pub struct CoachArgs {
    #[command(subcommand)]
    command: Option<CoachCommand>,
}

/// `goodenough coach …`.
#[derive(Debug, Subcommand)]
pub enum CoachCommand {
    /// Your coaches and what each may read (the default).
    List,
    /// Let a coach read one more part: `coach share LINK checkins [--from 2026-11-01]`.
    Share {
        /// The link's handle (from `goodenough coach`).
        link: String,
        /// checkins, thoughts, wins, boundaries, experiments, assessments, joy, evidence, progress, programme, or crisis (the dates crisis help was shown, the date only; a coach is not an emergency service).
        category: String,
        /// Share only from this date on (YYYY-MM-DD); every date when left out.
        #[arg(long)]
        from: Option<String>,
    },
    /// Stop a coach reading one part: `coach unshare LINK checkins`.
    Unshare {
        /// The link's handle (from `goodenough coach`).
        link: String,
        /// The part to stop sharing.
        category: String,
    },
    /// Every change of what you share with one coach, oldest first.
    History {
        /// The link's handle (from `goodenough coach`).
        link: String,
    },
    /// End a link: the coach can no longer read anything of yours.
    End {
        /// The link's handle (from `goodenough coach`).
        link: String,
    },
    /// Every read or write a coach made, or tried, of your data, oldest first.
    Log,
    /// The session notes your coaches shared with you, and how many they keep private.
    Notes,
    /// Accept an invitation: the link your coach sent (or its last part).
    Accept {
        /// The invitation link, for example https://coaching.example.org/invite/abc…
        invitation: String,
    },
}

/// Runs `coach`.
pub async fn run(ctx: &Context, args: CoachArgs) -> Result<()> {
    match args.command.unwrap_or(CoachCommand::List) {
        CoachCommand::List => list(ctx).await,
        CoachCommand::Share {
            link,
            category,
            from,
        } => {
            let category = category_of(&category)?;
            let from = super::parse_date_arg(from.as_deref())?;
            let id = link_id(ctx, &link).await?;
            let v = practice::share(&ctx.scope(), &id, category, from).await?;
            changed(ctx, &v)
        }
        CoachCommand::Unshare { link, category } => {
            let category = category_of(&category)?;
            let id = link_id(ctx, &link).await?;
            let v = practice::unshare(&ctx.scope(), &id, category).await?;
            changed(ctx, &v)
        }
        CoachCommand::History { link } => {
            let id = link_id(ctx, &link).await?;
            let history = practice::consent_history(&ctx.scope(), &id).await?;
            if ctx.json {
                return crate::output::json(&history);
            }
            for v in &history {
                println!(
                    "version {} ({}): {}",
                    v.version,
                    v.changed_at.format("%Y-%m-%d %H:%M UTC"),
                    shared_list(&v.shared)
                );
            }
            Ok(())
        }
        CoachCommand::End { link } => {
            let id = link_id(ctx, &link).await?;
            practice::end(&ctx.scope(), &id).await?;
            if ctx.json {
                return crate::output::json(&serde_json::json!({"ended": id}));
            }
            println!("The link has ended. Your coach can no longer read anything of yours.");
            Ok(())
        }
        CoachCommand::Log => log(ctx).await,
        CoachCommand::Notes => notes(ctx).await,
        CoachCommand::Accept { invitation } => accept(ctx, &invitation).await,
    }
}

fn category_of(typed: &str) -> Result<Category> {
    match Category::shareable(typed) {
        Some(c) => Ok(c),
        None => bail!(
            "{} is not something you can share; use one of: {}.",
            crate::args::echo(typed.trim()),
            practice::shareable_keys()
        ),
    }
}

async fn link_id(ctx: &Context, typed: &str) -> Result<String> {
    let coaches = practice::coaches(&ctx.scope()).await?;
    let ids: Vec<&str> = coaches.iter().map(|l| l.link.id.as_str()).collect();
    Ok(ids::pick(&LINK, typed, &ids)?.to_string())
}

fn shared_list(shared: &goodenough_store::practice::Shared) -> String {
    let parts: Vec<String> = Category::SHAREABLE
        .iter()
        .filter_map(|c| {
            shared.get(c.key()).map(|from| match from {
                None => c.key().to_string(),
                Some(d) => format!("{} (from {d})", c.key()),
            })
        })
        .collect();
    if parts.is_empty() {
        "nothing shared".to_string()
    } else {
        parts.join(", ")
    }
}

fn changed(ctx: &Context, v: &goodenough_store::practice::ConsentVersion) -> Result<()> {
    if ctx.json {
        return crate::output::json(v);
    }
    println!(
        "Saved (version {}). Your coach now reads: {}. This counts from their next request.",
        v.version,
        shared_list(&v.shared)
    );
    Ok(())
}

async fn list(ctx: &Context) -> Result<()> {
    let coaches: Vec<Linked> = practice::coaches(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&coaches);
    }
    if coaches.is_empty() {
        println!("No coach is linked. When a coach sends you an invitation link, `goodenough coach accept LINK` accepts it.");
        return Ok(());
    }
    let handles = ids::handles(coaches.iter().map(|l| l.link.id.as_str()));
    for (l, handle) in coaches.iter().zip(handles) {
        let state = match l.link.ended_at {
            None => format!("since {}", l.link.started_at.date_naive()),
            Some(e) => format!("ended {}", e.date_naive()),
        };
        println!("{handle}  {}  ({state})", l.link.coach_name);
        if l.link.live() {
            println!("        reads: {}", shared_list(&l.consent.shared));
        }
    }
    Ok(())
}

async fn log(ctx: &Context) -> Result<()> {
    let lines = practice::access_log(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&lines);
    }
    if lines.is_empty() {
        println!("No coach has read or tried to read anything of yours.");
        return Ok(());
    }
    for l in &lines {
        println!(
            "{}  {:<16} {} {:<12} {:<8} {}",
            l.at.format("%Y-%m-%d %H:%M"),
            l.coach_name,
            l.action,
            l.category,
            if l.allowed { "allowed" } else { "refused" },
            l.target
        );
    }
    Ok(())
}

async fn notes(ctx: &Context) -> Result<()> {
    let all = practice::my_notes(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&all);
    }
    if all.is_empty() {
        println!("No session notes yet.");
        return Ok(());
    }
    for from in &all {
        println!("From {}:", from.coach_name);
        for n in &from.shared {
            let agenda = if n.agenda.is_empty() {
                String::new()
            } else {
                format!(" ({})", n.agenda)
            };
            println!("  {}{agenda}: {}", n.session_date, n.notes);
        }
        if from.private_count > 0 {
            println!(
                "  {} also keeps {} about your sessions{}; ask about them whenever you like.",
                from.coach_name,
                goodenough_core::text::count(
                    from.private_count as u64,
                    "private note",
                    "private notes"
                ),
                from.private_latest
                    .map(|d| format!(", the latest from {d}"))
                    .unwrap_or_default()
            );
        }
    }
    Ok(())
}

async fn accept(ctx: &Context, invitation: &str) -> Result<()> {
    let token = invitation
        .trim()
        .rsplit_once("/invite/")
        .map_or(invitation.trim(), |(_, t)| t)
        .trim_end_matches('/');
    if token.is_empty() {
        bail!("that is not an invitation link; paste the whole link your coach sent.");
    }
    let linked = practice::accept(&ctx.scope(), &goodenough_web::auth::hash_token(token)).await?;
    if ctx.json {
        return crate::output::json(&linked);
    }
    println!(
        "You are linked with {}. Nothing is shared yet: `goodenough coach share {} checkins` lets them read your check-ins.",
        linked.link.coach_name,
        goodenough_core::id::handle(&linked.link.id)
    );
    Ok(())
}
