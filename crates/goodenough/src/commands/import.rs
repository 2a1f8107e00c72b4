//! `goodenough import` (being written).

use anyhow::{bail, Result};
use clap::Args;

use crate::context::Context;

/// Flags of `goodenough import`.
#[derive(Debug, Args)]
pub struct ImportArgs {}

/// Runs the command.
pub async fn run(_ctx: &Context, _args: ImportArgs) -> Result<()> {
    bail!("not available yet")
}
