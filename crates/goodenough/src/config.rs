//! Configuration, in layers: defaults, then `config.toml` in the data
//! directory, then `GOODENOUGH_*` environment variables, then flags.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

/// The settings of an installation (not of a person: those live in the store).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Database URL; default SQLite in the data directory.
    pub database_url: Option<String>,
    /// The operator's "help now" text for their region.
    pub help_now: Option<String>,
}

/// The resolved configuration.
#[derive(Debug)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub help_now: Option<String>,
}

/// The platform data directory (XDG on Linux).
pub fn default_data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "goodenough")
        .map(|d| d.data_dir().to_path_buf())
        .context(
            "cannot find a home directory for the data; pass --data-dir DIR or set GOODENOUGH_HOME",
        )
}

impl Config {
    /// Resolves the layers. `data_dir` and `database` come from flags or env.
    pub fn load(data_dir: Option<&Path>, database: Option<&str>) -> Result<Config> {
        let data_dir = match data_dir {
            Some(d) => d.to_path_buf(),
            None => default_data_dir()?,
        };
        let file_path = data_dir.join("config.toml");
        let file: FileConfig = match std::fs::read_to_string(&file_path) {
            Ok(src) => toml::from_str(&src)
                .with_context(|| format!("{} is not valid", file_path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileConfig::default(),
            Err(e) => anyhow::bail!(
                "cannot read the configuration file {} ({e}). Check that the data directory is a \
                 readable folder, or choose another with --data-dir DIR or GOODENOUGH_HOME.",
                file_path.display()
            ),
        };
        let database_url = match database.map(str::to_string).or(file.database_url) {
            Some(url) => url,
            None => format!("sqlite://{}", data_dir.join("goodenough.db").display()),
        };
        let help_now = std::env::var("GOODENOUGH_HELP_NOW").ok().or(file.help_now);
        Ok(Config {
            data_dir,
            database_url,
            help_now,
        })
    }

    /// The SQLite database file, or `None` for PostgreSQL.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        self.is_sqlite().then(|| {
            PathBuf::from(
                self.database_url
                    .strip_prefix("sqlite://")
                    .unwrap_or(&self.database_url),
            )
        })
    }

    /// Whether the store is the embedded SQLite file.
    pub fn is_sqlite(&self) -> bool {
        !(self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://"))
    }
}
