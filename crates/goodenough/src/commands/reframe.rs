//! `goodenough reframe` and `goodenough thoughts` (being written).

use anyhow::{bail, Result};
use clap::Args;

use crate::context::Context;

/// Flags of `goodenough reframe`.
#[derive(Debug, Args)]
pub struct ReframeArgs {}

/// Flags of `goodenough thoughts`.
#[derive(Debug, Args)]
pub struct ListArgs {}

/// Runs the command.
pub async fn run(_ctx: &Context, _args: ReframeArgs) -> Result<()> {
    bail!("not available yet")
}

/// Lists thought records.
pub async fn list(_ctx: &Context, _args: ListArgs) -> Result<()> {
    bail!("not available yet")
}
