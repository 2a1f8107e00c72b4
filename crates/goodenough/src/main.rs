//! The `goodenough` binary: configuration, the CLI (one module per
//! subcommand under `commands/`) and, later, `serve`.
//!
//! This is the edge: errors become one sentence on stderr and a non-zero
//! exit, never a panic or a backtrace. Nothing here computes domain rules
//! (core does) or writes SQL (the store does).

mod commands;
mod config;
mod context;
mod output;
mod prompt;

use std::process::ExitCode;

use clap::Parser;

use crate::commands::Command;

/// goodenough: a private coaching companion for perfectionistic habits.
///
/// Everything stays on this machine (or your practice's own server). It is a
/// coaching and self-help tool that builds skills for everyday stress and
/// perfectionistic habits; it is not therapy and does not diagnose anything.
#[derive(Debug, Parser)]
#[command(name = "goodenough", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Where goodenough keeps its data (default: the platform data directory,
    /// e.g. ~/.local/share/goodenough). Also GOODENOUGH_HOME.
    #[arg(long, global = true, value_name = "DIR", env = "GOODENOUGH_HOME")]
    data_dir: Option<std::path::PathBuf>,

    /// Database URL: postgres://… for a shared PostgreSQL, or sqlite://PATH.
    /// Default: goodenough.db in the data directory. Also GOODENOUGH_DATABASE_URL.
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "GOODENOUGH_DATABASE_URL",
        hide_env_values = true
    )]
    database: Option<String>,

    /// Print machine-readable JSON (lists are arrays, oldest first).
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Commands are one person at a terminal: one thread is plenty and starts
    // fastest. The web server answers many requests at once, so `serve` gets
    // a worker thread per core.
    let mut builder = if matches!(cli.command, commands::Command::Serve(_)) {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", output::error_chain(&e));
            ExitCode::FAILURE
        }
    }
}
