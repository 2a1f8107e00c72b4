//! `goodenough erase` (being written).

use anyhow::{bail, Result};
use clap::Args;

use crate::context::Context;

/// Flags of `goodenough erase`.
#[derive(Debug, Args)]
pub struct EraseArgs {}

/// Runs the command.
pub async fn run(_ctx: &Context, _args: EraseArgs) -> Result<()> {
    bail!("not available yet")
}
