//! `goodenough export`: every record of the person, as one versioned JSON
//! document (the same one `import` restores) or as one CSV file per kind.
//!
//! Files are written atomically: the bytes go to a temporary file next to the
//! target, are flushed to disk, and only then is the file renamed into place,
//! so a failure never leaves a half-written export behind.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use clap::{Args, ValueEnum};
use goodenough_core::export::kinds::KindCounts;
use goodenough_core::export::ExportDoc;
use serde::Serialize;

use crate::context::Context;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON document (what `goodenough import` reads back).
    Json,
    /// One CSV file per kind of record, written into the --out directory.
    Csv,
}

/// Flags of `goodenough export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json (default; can be imported again) or csv (for spreadsheets).
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Where to write: a file for json (default: standard output), a
    /// directory for csv (required; created if missing).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
}

/// What `--json` prints after writing to a file or directory.
#[derive(Debug, Serialize)]
struct Written {
    format: &'static str,
    paths: Vec<String>,
    checkins: usize,
    thoughts: usize,
    wins: usize,
    setbacks: usize,
    /// How many records of every kind were exported.
    records: KindCounts,
}

/// Runs the command.
pub async fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    let doc = collect(ctx).await?;
    let paths = match (args.format, &args.out) {
        (Format::Json, None) => {
            let mut text = serde_json::to_string_pretty(&doc)?;
            text.push('\n');
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| anyhow!("cannot write the export to standard output ({e})."))?;
            return Ok(());
        }
        (Format::Json, Some(path)) => {
            let mut text = serde_json::to_string_pretty(&doc)?;
            text.push('\n');
            write_atomically(path, text.as_bytes())?;
            vec![path.clone()]
        }
        (Format::Csv, Some(dir)) => write_csv(dir, &doc)?,
        (Format::Csv, None) => {
            bail!("CSV export writes one file per kind, so it needs a directory: add --out DIR.")
        }
    };
    let written = Written {
        format: match args.format {
            Format::Json => "json",
            Format::Csv => "csv",
        },
        paths: paths.iter().map(|p| p.display().to_string()).collect(),
        checkins: doc.checkins.len(),
        thoughts: doc.thoughts.len(),
        wins: doc.wins.len(),
        setbacks: doc.setbacks.len(),
        records: doc.kind_counts(),
    };
    if ctx.json {
        return crate::output::json(&written);
    }
    println!(
        "Exported to {}: {}.",
        args.out
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        written.records.sentence()
    );
    Ok(())
}

/// Everything the person keeps, each list oldest first.
pub async fn collect(ctx: &Context) -> Result<ExportDoc> {
    Ok(goodenough_app::data::export(&ctx.scope()).await?)
}

/// Writes `bytes` to `path` via a temporary file in the same directory,
/// flushed to disk and renamed into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let fix = "Choose a path in a directory that exists and that you can write to.";
    let file_name = path.file_name().ok_or_else(|| {
        anyhow!(
            "cannot write the export to {}: it is not a file name. {fix}",
            path.display()
        )
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write the export to {}: the directory {} does not exist. {fix}",
            path.display(),
            dir.display()
        );
    }
    if path.is_dir() {
        bail!(
            "cannot write the export to {}: it is a directory. Give a file name, e.g. {}.",
            path.display(),
            path.join("goodenough-export.json").display()
        );
    }
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
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        bail!("cannot write the export to {} ({e}). {fix}", path.display());
    }
    Ok(())
}

/// Writes one CSV file per kind (and the settings) into `dir`.
fn write_csv(dir: &Path, doc: &ExportDoc) -> Result<Vec<PathBuf>> {
    match std::fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
        Err(e) => bail!(
            "cannot create the export directory {} ({e}). Give --out a directory inside one that exists and that you can write to.",
            dir.display()
        ),
    }
    let files = goodenough_core::export::csv::files(doc)?;
    let mut paths = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomically(&path, &bytes)?;
        paths.push(path);
    }
    Ok(paths)
}
