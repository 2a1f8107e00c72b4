//! `goodenough traps` (being written).

use anyhow::{bail, Result};
use clap::Args;

use crate::context::Context;

/// Flags of `goodenough traps`.
#[derive(Debug, Args)]
pub struct TrapsArgs {}

/// Runs the command.
pub async fn run(_ctx: &Context, _args: TrapsArgs) -> Result<()> {
    bail!("not available yet")
}
