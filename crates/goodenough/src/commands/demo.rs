//! `goodenough demo` (being written).

use anyhow::{bail, Result};
use clap::Args;

use crate::context::Context;

/// Flags of `goodenough demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {}

/// Runs the command.
pub async fn run(_ctx: &Context, _args: DemoArgs) -> Result<()> {
    bail!("not available yet")
}
