//! `goodenough serve`: the web app (pages and JSON API) on the same store as
//! the CLI. It needs no person to exist: the first visit offers the setup
//! page (or use `goodenough user add`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use clap::Args;
use goodenough_app::catalogues::{Catalogues, Naming};
use goodenough_web::{AppState, WebConfig};

use crate::config::Config;

/// Flags of `goodenough serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on. Keep 127.0.0.1 unless a reverse proxy
    /// with TLS sits in front.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    bind: String,
    /// Trust X-Forwarded-Proto and X-Forwarded-For from a reverse proxy that
    /// terminates TLS (when it says https, cookies become Secure and answers
    /// carry Strict-Transport-Security). Also GOODENOUGH_BEHIND_PROXY.
    #[arg(long, env = "GOODENOUGH_BEHIND_PROXY")]
    behind_proxy: bool,
    /// The address people open, such as https://coach.example.org: passkeys
    /// are made for its host name and accepted only from it. Without it,
    /// passkeys work on http://localhost (any port) only. Also
    /// GOODENOUGH_PUBLIC_URL.
    #[arg(long, env = "GOODENOUGH_PUBLIC_URL", value_name = "URL", value_parser = public_url)]
    public_url: Option<PublicUrl>,
    /// Before serving, fill an empty store with the demo journey (as
    /// `goodenough demo` does); a store that already has records is left as it is.
    #[arg(long)]
    demo: bool,
    /// Database connections in the pool.
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = crate::args::whole_in(1u32, 1000))]
    connections: u32,
    /// Write a backup of the SQLite store into DIR at start and then on a
    /// schedule (--backup-every), keeping the newest --keep of them.
    #[arg(long, value_name = "DIR")]
    backup_dir: Option<PathBuf>,
    /// How often to back up with --backup-dir, e.g. 24h, 6h, 30m.
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = every, requires = "backup_dir")]
    backup_every: Duration,
    /// How many backups --backup-dir keeps (the oldest beyond it are removed).
    #[arg(long, value_name = "N", default_value_t = 14, value_parser = crate::args::whole_in(1usize, 100_000), requires = "backup_dir")]
    keep: usize,
    /// How the log on standard output is written: `text` (one readable line
    /// per event) or `json` (one JSON object per line, for a log collector).
    /// Which events: GOODENOUGH_LOG (e.g. `info`, the default, or `debug`).
    #[arg(long, value_enum, default_value_t = LogFormat::Text, env = "GOODENOUGH_LOG_FORMAT")]
    log_format: LogFormat,
}

/// A checked `--public-url` (its own type, so the free-text handling of
/// plain string flags in `args.rs` leaves its check in place).
#[derive(Debug, Clone)]
pub struct PublicUrl(String);

/// A public address passkeys can be made for: an http(s) URL with a host
/// name (browsers refuse passkeys for a bare IP address).
fn public_url(raw: &str) -> Result<PublicUrl, String> {
    let raw = raw.trim().trim_end_matches('/');
    let scheme_ok = raw.starts_with("https://") || raw.starts_with("http://localhost");
    if !scheme_ok || goodenough_web::passkeys::relying_party(Some(raw)).is_err() {
        return Err(format!(
            "\"{raw}\" is not an address passkeys can use; write the https address people open, with a host name, such as https://coach.example.org (or http://localhost:8080 on this machine)"
        ));
    }
    Ok(PublicUrl(raw.to_string()))
}

/// A backup interval: a duration of one second or more (`24h`, `90m`).
fn every(raw: &str) -> Result<Duration, String> {
    match humantime::parse_duration(raw.trim()) {
        Ok(d) if d >= Duration::from_secs(1) => Ok(d),
        Ok(_) => Err(format!(
            "\"{raw}\" is shorter than a second; write a longer interval such as 24h or 30m"
        )),
        Err(_) => Err(format!(
            "\"{raw}\" is not a duration; write it like 24h, 6h or 30m"
        )),
    }
}

/// The two shapes of the server's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Directives always added after the operator's own: axum writes the text of
/// a refused body (which can quote what a person typed) at trace level under
/// this target, so it is off whatever level is asked for.
const ALWAYS_OFF: &str = "axum::rejection=off";

/// Starts the log: events at the level GOODENOUGH_LOG asks for (default
/// `info`), on standard output in the chosen format. Standard error keeps the
/// messages for the person who started the server (the address, the demo
/// sign-ins), so the log stream holds nothing but log lines.
fn start_log(format: LogFormat) -> Result<()> {
    use std::io::IsTerminal as _;
    use tracing_subscriber::EnvFilter;
    let asked = std::env::var("GOODENOUGH_LOG").unwrap_or_default();
    let asked = if asked.trim().is_empty() {
        "info".to_string()
    } else {
        asked
    };
    let filter = EnvFilter::builder()
        .parse(format!("{asked},{ALWAYS_OFF}"))
        .map_err(|_| {
            anyhow::anyhow!(
                "GOODENOUGH_LOG is not a log level or filter; use one of error, warn, info, debug or trace (or target=level pairs separated by commas)"
            )
        })?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stdout);
    let started = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::stdout().is_terminal())
            .try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
    started.map_err(|e| anyhow::anyhow!("could not start the server's log: {e}"))
}

/// Runs the server until Ctrl-C. `main` runs this command (only this one)
/// on a multi-threaded runtime, so requests are served on every core.
pub async fn run(data_dir: Option<&Path>, database: Option<&str>, args: ServeArgs) -> Result<()> {
    start_log(args.log_format)?;
    let config = Config::load(data_dir, database)?;
    if config.is_sqlite() {
        std::fs::create_dir_all(&config.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {}; choose another with --data-dir",
                config.data_dir.display()
            )
        })?;
    }
    // A restore refuses while this is held (and a server does not start
    // while a restore runs); released when the server stops.
    let _serving = match config.sqlite_path() {
        Some(db) => Some(
            goodenough_store::backup::hold_server_lock(&db).map_err(|e| {
                anyhow::anyhow!("{e} Wait until it has finished, then start the server again.")
            })?,
        ),
        None => None,
    };
    // An encrypted store is opened here, before anything else: a wrong or
    // missing passphrase stops the start with its sentence.
    let key = crate::keys::unlock(&config).await?;
    let schedule = match (&args.backup_dir, config.sqlite_path()) {
        (None, _) => None,
        (Some(_), None) => anyhow::bail!(
            "--backup-dir backs up the embedded SQLite store, and this store is on PostgreSQL, \
             where backups are the operator's own `pg_dump` (docs/practice.md). Start without --backup-dir."
        ),
        (Some(dir), Some(db)) => {
            std::fs::create_dir_all(dir).with_context(|| {
                format!(
                    "cannot create the backup directory {}; choose one you can write to with --backup-dir",
                    dir.display()
                )
            })?;
            Some(super::backup::Schedule {
                db,
                key: key.clone(),
                dir: dir.clone(),
                every: args.backup_every,
                keep: args.keep,
            })
        }
    };
    if args.demo {
        let ctx = crate::context::Context::open(data_dir, database, false).await?;
        if goodenough_app::data::holdings(&ctx.scope()).await?.total == 0 {
            super::demo::run(&ctx, super::demo::DemoArgs::eight_months()).await?;
        } else {
            eprintln!("This store already has records, so --demo added nothing.");
        }
        if let Some(made) = super::demo_practice::seed(&ctx, &config.data_dir).await? {
            eprintln!(
                "\nDemo sign-ins (one password for all: {}; also in {}):\n  \
                 {} — the demo person, Alex\n  \
                 {} — Sam, a coach with {} clients who each share something different\n  \
                 priya@demo.example, jonas@demo.example, … — the clients",
                made.password,
                config.data_dir.join("demo-sign-ins.txt").display(),
                super::demo_practice::ALEX_EMAIL,
                super::demo_practice::COACH_EMAIL,
                made.clients,
            );
        }
    }
    let store = goodenough_store::open_pool_keyed(
        &config.database_url,
        args.connections.max(1),
        key.as_ref(),
    )
    .await
    .context("cannot open the goodenough store")?;
    let web = WebConfig {
        behind_proxy: args.behind_proxy,
        public_url: args.public_url.as_ref().map(|u| u.0.clone()),
        default_time_zone: crate::context::system_time_zone(),
        ..WebConfig::default()
    };
    // Every catalogue is loaded now (no request reads a file); a file that
    // cannot be used is named here and on an admin's /settings page.
    let catalogues = Catalogues::with_data_dir(&config.data_dir)
        .naming(Naming::InDataDir)
        .help_now(config.help_now.clone());
    let state = AppState::new(Arc::from(store), web, Arc::new(catalogues))?;
    for p in &state.content_problems {
        eprintln!(
            "{p} (in {}; this file is left out, the other {} are loaded)",
            config.data_dir.display(),
            p.kind.words()
        );
    }
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {}; is another program using that port? Try --bind 127.0.0.1:8181",
                args.bind
            )
        })?;
    let addr = listener.local_addr()?;
    if let Some(schedule) = schedule {
        eprintln!(
            "Backing up the store into {} now and every {}, keeping the newest {}.",
            schedule.dir.display(),
            humantime::format_duration(schedule.every),
            schedule.keep
        );
        tokio::spawn(schedule.run());
    }
    // The VAPID key pair for reminders is made (first start) or read now;
    // the scheduler then looks for due reminders every 45 seconds.
    if let Err(e) = goodenough_web::push::sender(&state).await {
        eprintln!("{e} Reminders will be tried again at each turn of the scheduler.");
    }
    let _reminders = goodenough_web::push::spawn_scheduler(state.clone());
    eprintln!("goodenough is serving on http://{addr} (Ctrl-C stops it)");
    tracing::info!(address = %addr, "serving");
    goodenough_web::serve_with_shutdown(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .context("the web server stopped")?;
    tracing::info!("stopped");
    Ok(())
}
