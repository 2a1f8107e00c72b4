//! `goodenough report [--from D] [--to D] --out FILE [--format html|md]`:
//! the printable progress report (core's `report`), written atomically (a
//! temporary file in the same directory, renamed into place), so a failure
//! leaves nothing half-written.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use chrono::NaiveDate;
use clap::Args;
use goodenough_app::report::{self as app_report, Report, ReportRequest};
use goodenough_app::AppError;
use goodenough_core::report::{self, Format};

use crate::context::Context;

/// Flags of `goodenough report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The first day (YYYY-MM-DD; default: your first record).
    #[arg(long)]
    from: Option<String>,
    /// The last day (YYYY-MM-DD; default: today).
    #[arg(long)]
    to: Option<String>,
    /// Where to write the report, e.g. report.html.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// html (a printable page, the default) or md (Markdown).
    #[arg(long, default_value = "html")]
    format: String,
}

/// Core's range check, with the flags that set the range.
fn check_range(from: NaiveDate, to: NaiveDate) -> Result<()> {
    report::check_range(from, to).map_err(range_hint)
}

/// The flags that set the range, after core's sentence.
fn range_hint(e: goodenough_core::ValidationError) -> anyhow::Error {
    super::flag_hint(e, |_| true, "Give a --from on or before --to.")
}

/// Runs `report`.
pub async fn run(ctx: &Context, args: ReportArgs) -> Result<()> {
    write(ctx, &ctx.scope(), args, None).await
}

/// Writes the report of the scope's subject: the person's own, or (with
/// `client` naming them) a client's, read through the coach's scope.
pub async fn write(
    ctx: &Context,
    scope: &goodenough_app::Scope,
    args: ReportArgs,
    client: Option<&str>,
) -> Result<()> {
    // Every flag is checked before anything is read or written.
    let format = Format::parse(&args.format)?;
    let from = super::parse_date_arg(args.from.as_deref())?;
    let to = super::parse_date_arg(args.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to) {
        check_range(f, t)?;
    }
    check_writable(&args.out)?;
    let instruments = ctx.catalogues().instruments();
    let programmes = &ctx.catalogues().programmes().list;
    let request = ReportRequest { from, to, format };
    let Report {
        from,
        to,
        body: doc,
        ..
    } = match app_report::build(scope, request, instruments, programmes).await {
        Err(AppError::Invalid(e)) => return Err(range_hint(e)),
        other => other?,
    };
    write_atomically(&args.out, doc.as_bytes())?;
    if ctx.json {
        crate::output::json(&serde_json::json!({
            "path": args.out.display().to_string(),
            "format": format,
            "from": from,
            "to": to,
            "bytes": doc.len(),
        }))?;
    } else {
        let whose = client.map_or_else(|| "your".to_string(), |name| format!("{name}'s"));
        println!(
            "Wrote {whose} progress report ({} to {}) to {}.",
            from,
            to,
            args.out.display()
        );
    }
    Ok(())
}

const FIX: &str = "Choose a path in a directory that exists and that you can write to.";

fn target_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Fails early (before any work) when the path cannot be a report file.
fn check_writable(path: &Path) -> Result<()> {
    if path.file_name().is_none() {
        bail!(
            "cannot write the report to {}: it is not a file name. {FIX}",
            path.display()
        );
    }
    let dir = target_dir(path);
    if !dir.is_dir() {
        bail!(
            "cannot write the report to {}: the directory {} does not exist. {FIX}",
            path.display(),
            dir.display()
        );
    }
    if path.is_dir() {
        bail!(
            "cannot write the report to {}: it is a directory. Give a file name, e.g. {}.",
            path.display(),
            path.join("report.html").display()
        );
    }
    Ok(())
}

/// Writes `bytes` to `path` via a temporary file in the same directory,
/// flushed to disk and renamed into place; on failure the temporary file is
/// removed and `path` is untouched.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    check_writable(path)?;
    let dir = target_dir(path);
    let file_name = path
        .file_name()
        .ok_or_else(|| anyhow!("cannot write the report to {}. {FIX}", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        bail!("cannot write the report to {} ({e}). {FIX}", path.display());
    }
    Ok(())
}
