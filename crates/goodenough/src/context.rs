//! What every command needs: the configuration, the open store, the person
//! the CLI acts for, the content catalogues and the clock.
//!
//! The CLI acts for the store's first person (created on first use with the
//! system's time zone). The web app's accounts are persons in the same
//! table, so the first account and the CLI's owner are the same person.

use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_app::catalogues::{Kind, Problem};
use goodenough_app::{Actor, App, Catalogues, Scope};
use goodenough_core::settings::today_in;
use goodenough_core::traps::TrapCatalog;
use goodenough_core::Settings;
use goodenough_store::Store;

use crate::config::Config;

/// Everything a command needs.
pub struct Context {
    pub config: Config,
    /// The use cases ([`Context::scope`] is how a command calls them).
    pub app: App,
    pub person: String,
    pub json: bool,
    /// The store again, to close it when the command is done.
    store: Arc<dyn Store>,
}

impl Context {
    /// Opens the store and finds (or creates) the person.
    pub async fn open(
        data_dir: Option<&Path>,
        database: Option<&str>,
        json: bool,
    ) -> Result<Context> {
        let config = Config::load(data_dir, database)?;
        if config.is_sqlite() {
            ensure_writable_dir(&config.data_dir)?;
        }
        let store: Arc<dyn Store> = crate::keys::open_store(&config, None).await?.into();
        // Every later run finds the person with a plain read; only the first
        // run on a new store takes the write lock (for one step, so processes
        // starting together on a new data directory all act for the same
        // person). A read command never waits for a writer this way.
        let person = match store.first_person().await? {
            Some(person) => person,
            None => {
                store
                    .first_person_or_create(&Settings::defaults(&system_time_zone()))
                    .await?
            }
        };
        let catalogues = catalogues(&config);
        Ok(Context {
            config,
            app: App::new(store.clone(), Arc::new(catalogues)),
            person,
            json,
            store,
        })
    }

    /// Closes the store, waiting until its connections are closed: called
    /// once the command is done, so the process does not exit partway
    /// through SQLite's own closing.
    pub async fn close(self) {
        self.store.close().await;
    }

    /// The CLI's owner acting for themselves, now: what every use case takes.
    pub fn scope(&self) -> Scope {
        self.app
            .scope(Actor::person(&self.person), &self.person, now())
    }

    /// The person's settings.
    pub async fn settings(&self) -> Result<Settings> {
        Ok(goodenough_app::settings::get(&self.scope()).await?)
    }

    /// The person's local date today.
    pub async fn today(&self) -> Result<NaiveDate> {
        let settings = self.settings().await?;
        Ok(today_in(settings.tz(), now()))
    }

    /// The content catalogues: shipped plus the data directory's own files,
    /// each loaded on its first use in this run.
    pub fn catalogues(&self) -> &Catalogues {
        self.app.catalogues()
    }

    /// Shipped thinking traps plus the person's own (`traps.toml` in the data dir).
    pub fn traps(&self) -> &TrapCatalog {
        self.catalogues().traps()
    }

    /// Checks free texts against the crisis rules and, on a match, prints the
    /// help message (to stderr, so JSON output stays clean; once per run).
    /// Call after saving. Texts from the command line and from questions are
    /// checked anyway ([`crate::signpost`]); this covers text a command reads
    /// from elsewhere.
    pub fn safety_check<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Result<bool> {
        Ok(crate::signpost::check(texts))
    }
}

/// The catalogues of the data directory. Nothing is read until a command
/// uses a catalogue; then a file that cannot be used is named in one line on
/// stderr and left out (the programme commands say it themselves, where it
/// matters to what they show).
pub fn catalogues(config: &Config) -> Catalogues {
    Catalogues::with_data_dir(&config.data_dir)
        .help_now(config.help_now.clone())
        .on_problem(|p: &Problem| {
            if p.kind != Kind::Programmes {
                eprintln!(
                    "{p} (this file is left out; the other {} are loaded)",
                    p.kind.words()
                );
            }
        })
}

/// The current instant; tests may pin it with GOODENOUGH_NOW (RFC 3339).
pub fn now() -> DateTime<Utc> {
    std::env::var("GOODENOUGH_NOW")
        .ok()
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(Utc::now)
}

/// The system's IANA time zone, or UTC when it cannot be read.
pub fn system_time_zone() -> String {
    iana_time_zone::get_timezone().unwrap_or_else(|_| "UTC".to_string())
}

fn ensure_writable_dir(dir: &Path) -> Result<()> {
    let fix = "Choose a writable one with --data-dir DIR or GOODENOUGH_HOME.";
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot create the data directory {} ({e}). {fix}",
            dir.display()
        )
    })?;
    let probe = dir.join(".goodenough-write-test");
    std::fs::write(&probe, b"").map_err(|e| {
        anyhow::anyhow!(
            "cannot write to the data directory {} ({e}). {fix}",
            dir.display()
        )
    })?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}
