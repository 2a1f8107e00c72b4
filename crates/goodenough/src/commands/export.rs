//! `goodenough export` (being written).

use anyhow::{bail, Result};
use clap::Args;

use crate::context::Context;

/// Flags of `goodenough export`.
#[derive(Debug, Args)]
pub struct ExportArgs {}

/// Runs the command.
pub async fn run(_ctx: &Context, _args: ExportArgs) -> Result<()> {
    bail!("not available yet")
}
