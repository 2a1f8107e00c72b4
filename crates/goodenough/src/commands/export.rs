//! `goodenough export`: every record of the person, as one versioned JSON
//! document (the same one `import` restores) or as one CSV file per kind.
//!
//! With `--encrypt` (a passphrase) or `--to KEY` (age public keys) the JSON
//! document is sealed in the standard age format (`goodenough_app::sealed`),
//! so `age -d` opens it without goodenough and `goodenough import` reads it.
//!
//! Files are written atomically: the bytes go to a temporary file next to the
//! target, are flushed to disk, and only then is the file renamed into place,
//! so a failure never leaves a half-written export behind.

use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use clap::{Args, ValueEnum};
use goodenough_app::sealed::{self, Seal};
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
    /// Encrypt the JSON export with a passphrase (age format; asked twice on
    /// a terminal, or --passphrase-file). Name the file e.g. export.json.age.
    #[arg(long)]
    encrypt: bool,
    /// Read the passphrase from the first line of FILE (implies --encrypt).
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    /// Encrypt to this age public key (age1…) instead of a passphrase, e.g.
    /// your practice's backup key; repeat for several.
    #[arg(long = "to", value_name = "AGE_PUBLIC_KEY", conflicts_with_all = ["encrypt", "passphrase_file"])]
    to: Vec<String>,
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
    /// "passphrase" or "age keys" when encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    encrypted: Option<&'static str>,
}

/// Runs the command.
pub async fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    // Everything that can be wrong with the encryption is found before
    // anything is read.
    let seal = if !args.to.is_empty() {
        sealed::parse_recipients(&args.to)?;
        Some(Seal::Recipients(args.to.clone()))
    } else if args.encrypt || args.passphrase_file.is_some() {
        Some(Seal::Passphrase(super::secret::new_passphrase(
            args.passphrase_file.as_deref(),
        )?))
    } else {
        None
    };
    if let Some(seal) = seal {
        return run_sealed(ctx, &args, &seal).await;
    }
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
        encrypted: None,
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

/// The JSON export, sealed in the age format, to --out or a pipe.
async fn run_sealed(ctx: &Context, args: &ExportArgs, seal: &Seal) -> Result<()> {
    if args.format == Format::Csv {
        bail!("only the JSON export can be encrypted (CSV is one file per kind, for spreadsheets); leave out --format csv.");
    }
    if args.out.is_none() && std::io::stdout().is_terminal() {
        bail!("an encrypted export is binary, so it is not shown on the terminal: add --out FILE (for example --out goodenough-export.json.age).");
    }
    let doc = collect(ctx).await?;
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    let bytes = sealed::seal(text.as_bytes(), seal)?;
    let Some(path) = &args.out else {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(&bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| anyhow!("cannot write the export to standard output ({e})."))?;
        return Ok(());
    };
    write_atomically(path, &bytes)?;
    let how = match seal {
        Seal::Passphrase(_) => "passphrase",
        Seal::Recipients(_) => "age keys",
    };
    if ctx.json {
        return crate::output::json(&Written {
            format: "json",
            paths: vec![path.display().to_string()],
            checkins: doc.checkins.len(),
            thoughts: doc.thoughts.len(),
            wins: doc.wins.len(),
            setbacks: doc.setbacks.len(),
            records: doc.kind_counts(),
            encrypted: Some(how),
        });
    }
    let opens = match seal {
        Seal::Passphrase(_) => "with the passphrase".to_string(),
        Seal::Recipients(keys) if keys.len() == 1 => {
            "with the secret key of that public key".to_string()
        }
        Seal::Recipients(keys) => format!(
            "with the secret key of any of those {} public keys",
            keys.len()
        ),
    };
    println!(
        "Exported, encrypted, to {}: {}. It opens {opens}, with `goodenough import` or `age -d`.",
        path.display(),
        doc.kind_counts().sentence()
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
    write_atomically_as(path, bytes, "the export")
}

/// Like [`write_atomically`]; `what` names the file in the sentences ("the
/// export", "the backup").
pub fn write_atomically_as(path: &Path, bytes: &[u8], what: &str) -> Result<()> {
    let fix = "Choose a path in a directory that exists and that you can write to.";
    let file_name = path.file_name().ok_or_else(|| {
        anyhow!(
            "cannot write {what} to {}: it is not a file name. {fix}",
            path.display()
        )
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {what} to {}: the directory {} does not exist. {fix}",
            path.display(),
            dir.display()
        );
    }
    if path.is_dir() {
        bail!(
            "cannot write {what} to {}: it is a directory. Give a file name, e.g. {}.",
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
        bail!("cannot write {what} to {} ({e}). {fix}", path.display());
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
