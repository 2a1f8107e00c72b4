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

/// Reads `config.toml`; a file that cannot be used is one sentence naming
/// the file, the line and what is wrong (never a panic).
pub fn parse_file_config(file: &str, src: &str) -> Result<FileConfig, String> {
    toml::from_str(src).map_err(|e| {
        let line = e.span().map(|span| {
            src.get(..span.start)
                .map_or(1, |before| before.matches('\n').count() + 1)
        });
        let place = line.map(|l| format!(", line {l}")).unwrap_or_default();
        let message: Vec<&str> = e
            .message()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let message = message.join("; ");
        let message = message.trim_end_matches('.');
        format!(
            "{file}{place} cannot be used: {message}. It may set database_url and help_now \
             (both text in quotes); fix the file or remove it."
        )
    })
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
            Ok(src) => parse_file_config(&file_path.display().to_string(), &src)
                .map_err(anyhow::Error::msg)?,
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

#[cfg(test)]
mod tests {
    use super::parse_file_config;
    use proptest::prelude::*;

    const VALID: &str = "database_url = \"sqlite:///tmp/ge.db\"\nhelp_now = \"Call 116 123.\"\n";

    fn config() -> ProptestConfig {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000);
        ProptestConfig {
            cases,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    #[test]
    fn a_valid_file_is_read() {
        let c = parse_file_config("config.toml", VALID).expect("valid");
        assert_eq!(c.help_now.as_deref(), Some("Call 116 123."));
        let e = parse_file_config("config.toml", "help_now = 3\n").expect_err("not text");
        assert!(e.starts_with("config.toml, line 1 cannot be used"), "{e}");
    }

    /// The file with a cut, a stray token or a truncation, or random text.
    fn near_valid() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            proptest::sample::select(
                &[
                    "\"", "'", "[", "]", "=", "\n", "#", "\\", "3", "true", "[x]", "é", "\0",
                    "x = 1"
                ][..]
            )
            .prop_map(str::to_string),
            "\\PC{0,8}",
        ];
        prop_oneof![
            4 => (0usize..VALID.len(), 0usize..20, token).prop_map(|(at, cut, t)| {
                let to = (at + cut).min(VALID.len());
                format!("{}{t}{}", &VALID[..at], &VALID[to..])
            }),
            1 => (0usize..VALID.len()).prop_map(|at| VALID[..at].to_string()),
            1 => "\\PC{0,80}",
        ]
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn config_files_never_panic_and_refuse_with_a_sentence(src in near_valid()) {
            if let Err(e) = parse_file_config("config.toml", &src) {
                prop_assert!(e.starts_with("config.toml"), "{e}");
                prop_assert!(e.ends_with("fix the file or remove it."), "{e}");
                prop_assert!(!e.contains('\n'), "one line: {e}");
                for noise in ["Some(", "Error {", "u8", "i64", "String", "Option"] {
                    prop_assert!(!e.contains(noise), "{e}");
                }
            }
        }
    }
}
