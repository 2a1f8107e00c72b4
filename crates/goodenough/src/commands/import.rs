//! `goodenough import`: restores a JSON export, plain or age-encrypted
//! (binary or armored; opened with a passphrase, asked on a terminal or
//! read from `--passphrase-file`, or with `--identity FILE`). The whole file is parsed and
//! every record validated before anything is written; then everything is
//! written in one transaction. Records already present are left as they are,
//! so importing the same file twice adds nothing.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Result};
use clap::Args;
use goodenough_app::sealed::{self, Opener};
use goodenough_core::export::{ExportDoc, ImportError};
use goodenough_store::ImportReport;

use crate::context::Context;

/// Flags of `goodenough import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The JSON file written by `goodenough export`.
    #[arg(value_name = "PATH")]
    path: PathBuf,
    /// For an encrypted export: read the passphrase from the first line of FILE
    /// (without it, goodenough asks on a terminal).
    #[arg(long, value_name = "FILE", conflicts_with = "identity")]
    passphrase_file: Option<PathBuf>,
    /// For an export encrypted to an age key: the age identity (secret key) file.
    #[arg(long, value_name = "FILE")]
    identity: Option<PathBuf>,
}

/// Runs the command.
pub async fn run(ctx: &Context, args: ImportArgs) -> Result<()> {
    let path = &args.path;
    let src = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "there is no file at {}. Check the path (an export is written by `goodenough export --out FILE`); nothing was imported.",
            path.display()
        ),
        Err(e) if path.is_dir() => bail!(
            "{} is a directory ({e}). Give the JSON file written by `goodenough export --out FILE`; nothing was imported.",
            path.display()
        ),
        Err(e) => bail!(
            "cannot read {} ({e}). Check that the file exists and that you may read it; nothing was imported.",
            path.display()
        ),
    };
    let src = if sealed::is_sealed(&src) {
        open_sealed(&args, &src)?
    } else if path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("age"))
    {
        bail!(
            "{} is named .age but is not age-encrypted (an encrypted export begins with \"age-encryption.org/v1\"). Check that it is the file `goodenough export --encrypt` wrote; nothing was imported.",
            path.display()
        );
    } else {
        src
    };
    let Ok(src) = String::from_utf8(src) else {
        bail!(
            "{} is not a text file, so it cannot be a goodenough export (CSV exports cannot be imported; use a JSON export). Nothing was imported.",
            path.display()
        );
    };
    let doc = match ExportDoc::parse(&src) {
        Ok(doc) => doc,
        Err(e @ ImportError::NotJson(_))
            if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("csv")) =>
        {
            bail!("{e} CSV exports are for reading only; import the JSON export (`goodenough export --out FILE`).")
        }
        Err(e) => return Err(e.into()),
    };
    // Nothing that happened may be dated after the person's today; a file
    // that breaks that is refused whole.
    let report = goodenough_app::data::import(&ctx.scope(), &doc).await?;
    if ctx.json {
        return crate::output::json(&report);
    }
    println!("{}", summary(&report));
    Ok(())
}

/// Opens an encrypted export with the passphrase or identity given (or a
/// passphrase asked on the terminal).
fn open_sealed(args: &ImportArgs, bytes: &[u8]) -> Result<Vec<u8>> {
    let nothing =
        |e: sealed::SealError| anyhow!("{}: {e} Nothing was imported.", args.path.display());
    let opener = if let Some(file) = &args.identity {
        Opener::Identities(super::secret::identity_from_file(file)?)
    } else if let Some(file) = &args.passphrase_file {
        Opener::Passphrase(super::secret::passphrase_from_file(file)?)
    } else if !sealed::wants_passphrase(bytes).map_err(nothing)? {
        bail!(
            "{} is encrypted to an age key: give its identity (secret key) file with --identity FILE. Nothing was imported.",
            args.path.display()
        );
    } else if crate::prompt::interactive() {
        Opener::Passphrase(crate::prompt::passphrase(
            "Passphrase of the encrypted export",
            false,
        )?)
    } else {
        bail!(
            "{} is encrypted with a passphrase: give --passphrase-file FILE (stdin is not a terminal, so goodenough cannot ask). Nothing was imported.",
            args.path.display()
        );
    };
    sealed::open(bytes, &opener).map_err(nothing)
}

/// One kind sentence about what an import did, naming every kind.
fn summary(r: &ImportReport) -> String {
    let added = format!("Added {}.", r.kind_counts().sentence());
    match r.skipped {
        0 => added,
        1 => format!("{added} 1 record was already here and was left as it is."),
        k => format!("{added} {k} records were already here and were left as they are."),
    }
}
