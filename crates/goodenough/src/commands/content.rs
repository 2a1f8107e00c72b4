//! `goodenough content`: a coach's own programmes, scripts and
//! questionnaires, for a coach at a terminal. `content upload FILE --kind
//! KIND [--replace]` checks the file and keeps it (every problem is named
//! by line and field, and nothing is kept while any remains); `content
//! [list]` lists them (`--json`); `content remove ID` removes one.

use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use clap::{Args, Subcommand};
use goodenough_app::content::{self, Uploaded};

use crate::context::Context;
use crate::ids::{self, Kind};

const CONTENT: Kind = Kind {
    one: "file of yours",
    many: "files",
    list: "content",
};

/// Flags of `goodenough content`.
#[derive(Debug, Args)]
pub struct ContentArgs {
    #[command(subcommand)]
    command: Option<ContentCommand>,
}

/// `goodenough content …`.
#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    /// Your uploaded files, by kind and id (the default).
    List,
    /// Check a TOML file and keep it for your clients.
    Upload {
        /// The TOML file (the format of the shipped ones).
        file: PathBuf,
        /// programme, script or questionnaire.
        #[arg(long)]
        kind: String,
        /// Put it in place of your own file with the same kind and id.
        #[arg(long)]
        replace: bool,
    },
    /// Remove one of your files (by its id inside the file, or its handle).
    Remove {
        /// The id in the file (a script's name) or the handle from `goodenough content`.
        id: String,
    },
}

/// Runs `content`.
pub async fn run(ctx: &Context, args: ContentArgs) -> Result<()> {
    match args.command.unwrap_or(ContentCommand::List) {
        ContentCommand::List => list(ctx).await,
        ContentCommand::Upload {
            file,
            kind,
            replace,
        } => upload(ctx, file, kind, replace).await,
        ContentCommand::Remove { id } => remove(ctx, &id).await,
    }
}

async fn list(ctx: &Context) -> Result<()> {
    let mine = content::mine(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&mine);
    }
    if mine.is_empty() {
        println!("You have not uploaded anything yet; `goodenough content upload FILE --kind script` adds one.");
        return Ok(());
    }
    let handles = ids::handles(mine.iter().map(|c| c.id.as_str()));
    for (c, handle) in mine.iter().zip(handles) {
        println!(
            "{handle}  {:<13}  {}  ({})",
            c.kind.key(),
            c.content_id,
            c.title
        );
    }
    Ok(())
}

async fn upload(ctx: &Context, file: PathBuf, kind: String, replace: bool) -> Result<()> {
    let meta = std::fs::metadata(&file)
        .with_context(|| format!("cannot read {}; check the path", file.display()))?;
    if meta.len() > goodenough_core::coach_content::MAX_BYTES as u64 {
        bail!(
            "{} is {} KiB; the most a file may hold is {} KiB, so split it or shorten it.",
            file.display(),
            meta.len().div_ceil(1024),
            goodenough_core::coach_content::MAX_BYTES / 1024
        );
    }
    let text = std::fs::read_to_string(&file).with_context(|| {
        format!(
            "cannot read {} as text; a content file is UTF-8 TOML",
            file.display()
        )
    })?;
    let asked = content::Upload {
        kind,
        text,
        replace,
    };
    match content::upload(&ctx.scope(), asked).await? {
        Uploaded::Kept(item) => {
            if ctx.json {
                return crate::output::json(&item);
            }
            println!(
                "Kept {} \"{}\" ({}). Your clients can use it now.",
                item.kind.key(),
                item.content_id,
                item.title
            );
            Ok(())
        }
        Uploaded::Refused(problems) => {
            bail!(
                "{}: {}",
                file.display(),
                goodenough_core::coach_content::summary(&problems)
            )
        }
    }
}

async fn remove(ctx: &Context, typed: &str) -> Result<()> {
    let mine = content::mine(&ctx.scope()).await?;
    let by_name: Vec<&str> = mine
        .iter()
        .filter(|c| c.content_id == typed.trim())
        .map(|c| c.id.as_str())
        .collect();
    let id = match by_name.as_slice() {
        [one] => one.to_string(),
        [] => {
            let ids: Vec<&str> = mine.iter().map(|c| c.id.as_str()).collect();
            ids::pick(&CONTENT, typed, &ids)?.to_string()
        }
        _ => bail!(
            "you have several files with the id \"{}\" (of different kinds); remove one by the handle `goodenough content` shows.",
            typed.trim()
        ),
    };
    content::remove(&ctx.scope(), &id).await?;
    println!("Removed. Anyone who started a programme from it keeps their copy.");
    Ok(())
}
