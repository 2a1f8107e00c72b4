//! The `goodenough` binary: configuration, the CLI (one module per
//! subcommand under `commands/`) and, later, `serve`.
//!
//! This is the edge: errors become one sentence on stderr and a non-zero
//! exit, never a panic or a backtrace. Nothing here computes domain rules
//! (core does) or writes SQL (the store does).

// No unsafe code in the project (also the workspace lint `unsafe_code =
// "forbid"`); `.ci/run` checks every crate root says so.
#![forbid(unsafe_code)]

mod args;
mod commands;
mod config;
mod context;
mod ids;
mod kept;
mod keys;
mod output;
mod prompt;
mod signpost;

use std::process::ExitCode;

/// jemalloc as the allocator of every command, with its background threads
/// on (the `background_threads` feature). What decides it is the server:
/// glibc's allocator kept about 65 MB resident after a 32 MiB import had
/// finished (freed, but fragmented across its arenas), where jemalloc's
/// background thread gives it back within seconds, even when no request
/// follows (benches/README.md, "Memory after a large import"). CLI
/// commands measured the same with either allocator.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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

    /// A file whose first line is the passphrase of an encrypted store (else
    /// GOODENOUGH_PASSPHRASE, else asked on a terminal). Also GOODENOUGH_KEY_FILE.
    #[arg(long, global = true, value_name = "FILE", env = "GOODENOUGH_KEY_FILE")]
    key_file: Option<std::path::PathBuf>,

    /// Print machine-readable JSON (lists are arrays, oldest first).
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let (cli, chosen) = match args::try_parse() {
        Ok(parsed) => parsed,
        Err(e) => {
            // A mistake in one flag does not hide where help is when another
            // holds words of crisis.
            if e.use_stderr() {
                signpost::check_command_line(&args, &command_words());
            }
            e.exit()
        }
    };
    signpost::init(cli.data_dir.clone(), cli.database.clone());
    keys::init(cli.key_file.clone());
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
    // Words of crisis on the command line are answered after the command's
    // output, but noted first, so the command keeps the date help was shown
    // while its store is open.
    let written = !signpost::written_on_command_line(&args, &chosen).is_empty();
    let words = if written { command_words() } else { Vec::new() };
    if written {
        signpost::expect_from_command_line(&args, &words);
    }
    let result = runtime.block_on(commands::run(cli));
    // Whatever the command did, text that signals a crisis gets where to get
    // help now (once per run; answers typed at questions were checked as
    // they were typed).
    // The subcommands chosen are left out first; only when something else is
    // left is every command name gathered (building the whole definition
    // again), so a plain read does not pay for it.
    if written {
        signpost::check_command_line(&args, &words);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", output::error_chain(&e));
            ExitCode::FAILURE
        }
    }
}

/// The names of every command and subcommand (never text a person wrote).
fn command_words() -> Vec<String> {
    fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            out.push(sub.get_name().to_string());
            out.extend(sub.get_all_aliases().map(str::to_string));
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&<Cli as clap::CommandFactory>::command(), &mut out);
    out
}

/// `goodenough checkins | head` closes our stdout early. That is the
/// reader's choice, not an error: stop quietly instead of panicking in
/// `println!` (a safe replacement for restoring SIGPIPE, which would need
/// unsafe code).
fn quiet_on_closed_pipe() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}
