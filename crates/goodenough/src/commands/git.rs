//! `goodenough git scan PATH` and `goodenough git weeks`: overwork signals
//! from the person's own, local git history.
//!
//! The repository is read in place with gix (pure Rust, no network). Only
//! the id and authoring instant of the person's commits are stored; commit
//! messages, file names and the repository path are never kept. Rescanning
//! adds nothing: the store skips hashes it already has.

use std::path::Path;

use anyhow::{bail, Context as _, Result};
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use goodenough_app::{outcomes, settings};
use goodenough_core::gitsignals::{self, GitCommit, GitWeek, WorkHours};
use serde::Serialize;

use crate::context::Context;

/// `goodenough git …`
#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// Read a local repository and record when you committed (hash and time only).
    Scan(ScanArgs),
    /// Your commits per ISO week: outside working hours and on days off.
    Weeks(WeeksArgs),
}

/// Flags of `goodenough git scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The top folder of a local clone (the one with `.git` in it).
    path: std::path::PathBuf,
    /// Whose commits: an author email (default: the repository's user.email).
    #[arg(long)]
    author: Option<String>,
    /// Only commits authored on or after this date (YYYY-MM-DD, your time zone).
    #[arg(long)]
    since: Option<String>,
}

/// Flags of `goodenough git weeks`.
#[derive(Debug, Args)]
pub struct WeeksArgs {
    /// Only weeks from this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
}

/// What `git scan --json` prints.
#[derive(Debug, Serialize)]
pub struct ScanReport {
    /// The author email looked for.
    pub author: String,
    /// Commits read in the repository (everyone's).
    pub commits_read: usize,
    /// Of those, the author's (within --since).
    pub commits_found: usize,
    /// Newly recorded now.
    pub added: u64,
    /// Found but recorded by an earlier scan.
    pub already_recorded: u64,
}

/// Runs a `git` subcommand.
pub async fn run(ctx: &Context, command: GitCommand) -> Result<()> {
    match command {
        GitCommand::Scan(a) => scan(ctx, a).await,
        GitCommand::Weeks(a) => weeks(ctx, a).await,
    }
}

struct Found {
    author: String,
    read: usize,
    commits: Vec<GitCommit>,
}

/// Walks every commit reachable from HEAD and the local branches.
fn read_repository(
    path: &Path,
    author: Option<&str>,
    since: Option<DateTime<Utc>>,
) -> Result<Found> {
    let shown = path.display();
    let mut repo = gix::open(path).map_err(|e| {
        anyhow::anyhow!(
            "{shown} is not a git repository I can read ({e}); give the top folder of a local clone (the one containing .git)."
        )
    })?;
    let author = match author.map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => a.to_string(),
        None => match repo.config_snapshot().string("user.email") {
            Some(email) if !email.is_empty() => email.to_string(),
            _ => bail!(
                "I do not know whose commits to count: {shown} has no user.email configured; pass --author EMAIL."
            ),
        },
    };
    let mut tips: Vec<gix::ObjectId> = Vec::new();
    if let Ok(id) = repo.head_id() {
        tips.push(id.detach());
    }
    if let Ok(refs) = repo.references() {
        if let Ok(branches) = refs.local_branches() {
            for mut r in branches.flatten() {
                if let Ok(id) = r.peel_to_id() {
                    tips.push(id.detach());
                }
            }
        }
    }
    tips.sort();
    tips.dedup();
    let mut found = Found {
        author,
        read: 0,
        commits: Vec::new(),
    };
    if tips.is_empty() {
        return Ok(found);
    }
    // The walk reads each commit to find its parents, and we read it again
    // for the author: a small object cache serves the second read.
    repo.object_cache_size_if_unset(4 * 1024 * 1024);
    let mut walk = repo.rev_walk(tips);
    if let Some(since) = since {
        walk = walk.sorting(gix::revision::walk::Sorting::ByCommitTimeCutoff {
            order: gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
            seconds: since.timestamp(),
        });
    }
    let wanted = found.author.as_bytes().to_ascii_lowercase();
    let cutoff = since.map_or(i64::MIN, |s| s.timestamp());
    let walk = walk
        .all()
        .with_context(|| format!("could not walk the history of {shown}"))?;
    for info in walk {
        let info = info.with_context(|| format!("could not read a commit in {shown}"))?;
        found.read += 1;
        let commit = info
            .object()
            .with_context(|| format!("could not read commit {} in {shown}", info.id))?;
        let sig = commit
            .author()
            .with_context(|| format!("could not read the author of {} in {shown}", info.id))?;
        if !sig.email.trim_ascii().eq_ignore_ascii_case(&wanted) {
            continue;
        }
        let seconds = sig.seconds();
        if seconds < cutoff {
            continue;
        }
        if let Some(at) = DateTime::from_timestamp(seconds, 0) {
            found.commits.push(GitCommit {
                hash: info.id.to_hex().to_string(),
                at,
            });
        }
    }
    found
        .commits
        .sort_by(|a, b| a.at.cmp(&b.at).then(a.hash.cmp(&b.hash)));
    Ok(found)
}

/// Names the flag in front of core's sentence about an unreadable date.
fn since_hint(e: goodenough_core::ValidationError) -> anyhow::Error {
    anyhow::anyhow!("--since {e}")
}

async fn scan(ctx: &Context, args: ScanArgs) -> Result<()> {
    let settings = settings::get(&ctx.scope()).await?;
    let since = args
        .since
        .as_deref()
        .map(|s| gitsignals::parse_since(s, &settings.tz()).map_err(since_hint))
        .transpose()?;
    let found = read_repository(&args.path, args.author.as_deref(), since)?;
    if found.commits.is_empty() {
        let window = match &args.since {
            Some(s) => format!(" since {s}"),
            None => String::new(),
        };
        bail!(
            "No commits by {} in {}{window} ({} commits read); if you commit under another address, pass it with --author EMAIL.",
            found.author,
            args.path.display(),
            found.read
        );
    }
    let added = outcomes::add_git_commits(&ctx.scope(), &found.commits).await?;
    let report = ScanReport {
        author: found.author,
        commits_read: found.read,
        commits_found: found.commits.len(),
        added,
        already_recorded: found.commits.len() as u64 - added,
    };
    if ctx.json {
        return crate::output::json(&report);
    }
    println!(
        "Read {} commits in {}: {} by {}, {} newly recorded ({} were already recorded).",
        report.commits_read,
        args.path.display(),
        report.commits_found,
        report.author,
        report.added,
        report.already_recorded
    );
    println!("Only commit ids and times were kept. See the weeks with `goodenough git weeks`.");
    Ok(())
}

async fn weeks(ctx: &Context, args: WeeksArgs) -> Result<()> {
    let scope = ctx.scope();
    let settings = settings::get(&scope).await?;
    let hours = WorkHours::from_settings(&settings)?;
    let since = args
        .since
        .as_deref()
        .map(|s| gitsignals::parse_since(s, &hours.tz).map_err(since_hint))
        .transpose()?;
    let weeks = outcomes::git_weeks(&scope, since).await?;
    if ctx.json {
        return crate::output::json(&weeks);
    }
    print_weeks(&weeks, &settings);
    Ok(())
}

fn print_weeks(weeks: &[GitWeek], settings: &goodenough_core::Settings) {
    if weeks.is_empty() {
        println!(
            "No commits recorded yet; scan a local repository with `goodenough git scan PATH`."
        );
        return;
    }
    println!(
        "Working hours: {}-{} on {} ({}); days off count as outside hours too.",
        settings.work_start,
        settings.work_end,
        settings.work_days.join(", "),
        settings.time_zone
    );
    println!("week      commits  outside hours      days off");
    for w in weeks {
        println!(
            "{}  {:>7}  {:>5} ({:>3.0}%)  {:>5} ({:>3.0}%)",
            w.week,
            w.commits,
            w.outside_hours,
            w.outside_share * 100.0,
            w.weekend,
            w.weekend_share * 100.0
        );
    }
}
