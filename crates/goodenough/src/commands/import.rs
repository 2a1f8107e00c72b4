//! `goodenough import`: restores a JSON export. The whole file is parsed and
//! every record validated before anything is written; then everything is
//! written in one transaction. Records already present are left as they are,
//! so importing the same file twice adds nothing.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;
use goodenough_core::export::{ExportDoc, ImportError};
use goodenough_store::ImportReport;

use crate::context::Context;

/// Flags of `goodenough import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The JSON file written by `goodenough export`.
    #[arg(value_name = "PATH")]
    path: PathBuf,
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

/// One kind sentence about what an import did, naming every kind.
fn summary(r: &ImportReport) -> String {
    let added = format!("Added {}.", r.kind_counts().sentence());
    match r.skipped {
        0 => added,
        1 => format!("{added} 1 record was already here and was left as it is."),
        k => format!("{added} {k} records were already here and were left as they are."),
    }
}
