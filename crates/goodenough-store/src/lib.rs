//! goodenough-store: where a person's records are kept.
//!
//! One [`Store`] trait, two real backends: SQLite (the embedded default, one
//! file in the data directory) and PostgreSQL (a practice deployment). Both
//! run the same portable SQL (`$1` placeholders, `ON CONFLICT`), written once
//! in [`common`]; only the DDL differs, in `migrations/sqlite` and
//! `migrations/postgres`, embedded in the binary and append-only.
//!
//! Every record carries its owner (`person_id`) and every query filters on
//! it: a read never returns another person's record, whatever id it is given.
//! This crate validates nothing about meaning (core does) and never logs
//! record text.

// No unsafe code in the project (also the workspace lint `unsafe_code =
// "forbid"`); `.ci/run` checks every crate root says so.
#![forbid(unsafe_code)]

pub mod accounts;
pub mod assessments;
pub mod assignments;
pub mod awareness;
pub mod backup;
pub mod boundaries;
pub mod cipher;
pub mod coach_content;
mod common;
pub mod evidence;
pub mod experiments;
pub mod file_error;
pub mod gitsignals;
pub mod journey;
pub mod joy;
pub mod offers;
pub mod postgres;
pub mod practice;
pub mod programmes;
pub mod push;
pub mod report;
mod rows;
pub mod sqlite;
pub mod timeboxes;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::export::ExportDoc;
use goodenough_core::{CheckIn, Setback, Settings, ThoughtRecord, Win};
use serde::Serialize;
use thiserror::Error;

pub use accounts::{
    Account, AccountSummary, Accounts, ApiTokenRow, Ceremony, PasskeyRow, RecoveryCode, Role,
    SessionRow, SignedIn, TokenUse,
};
pub use assessments::Assessments;
pub use assignments::Assignments;
pub use awareness::Awareness;
pub use boundaries::Boundaries;
pub use coach_content::CoachContent;
pub use evidence::Evidence;
pub use experiments::Experiments;
pub use gitsignals::GitSignals;
pub use journey::Journey;
pub use joy::Joy;
pub use offers::Offers;
pub use postgres::PgStore;
pub use practice::Practice;
pub use programmes::Programmes;
pub use push::Push;
pub use sqlite::SqliteStore;
pub use timeboxes::Timeboxes;

/// A storage failure, phrased for the person at the terminal.
#[derive(Debug, Error)]
pub enum StoreError {
    /// A record that must be unique already exists.
    #[error("{0}")]
    Conflict(String),
    /// A record that was asked for does not exist (for this person).
    #[error("{0}")]
    NotFound(String),
    /// The database cannot be opened where it was asked for.
    #[error("cannot open the database at {path}: {reason}")]
    Open { path: String, reason: String },
    /// A stored value that cannot be read back (a damaged database).
    #[error("a stored record could not be read ({0}); the database may be damaged")]
    Corrupt(String),
    /// Migrating the schema failed.
    #[error("could not prepare the database schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database error.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

impl StoreError {
    /// The error as a server may log it: what kind of failure, never a value
    /// that was stored or sent. The person-facing `Display` can quote a
    /// damaged record (a JSON decoder names the text it could not read) or a
    /// database message (PostgreSQL quotes input it refused), so a log line
    /// keeps only the kind, the database's error code and the constraint or
    /// table it names.
    pub fn for_log(&self) -> String {
        match self {
            StoreError::Conflict(_) => "a record that must be unique already exists".to_string(),
            StoreError::NotFound(_) => "a record that was asked for does not exist".to_string(),
            StoreError::Open { path, .. } => format!("cannot open the database at {path}"),
            StoreError::Corrupt(_) => {
                "a stored record could not be read; the database may be damaged".to_string()
            }
            StoreError::Migrate(_) => "could not prepare the database schema".to_string(),
            StoreError::Db(e) => db_error_for_log(e),
        }
    }
}

/// An sqlx error without any message text the database or a decoder wrote.
fn db_error_for_log(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(db) => {
            let mut line = "database error".to_string();
            if let Some(code) = db.code() {
                line.push_str(&format!(" (code {code})"));
            }
            if let Some(constraint) = db.constraint() {
                line.push_str(&format!(" on constraint {constraint}"));
            }
            if let Some(table) = db.table() {
                line.push_str(&format!(" in table {table}"));
            }
            line
        }
        sqlx::Error::ColumnDecode { index, .. } => {
            format!("database error: column {index} could not be decoded")
        }
        sqlx::Error::Decode(_) => "database error: a value could not be decoded".to_string(),
        sqlx::Error::Encode(_) => "database error: a value could not be encoded".to_string(),
        sqlx::Error::RowNotFound => "database error: no row was found".to_string(),
        sqlx::Error::PoolTimedOut => "database error: the connection pool timed out".to_string(),
        sqlx::Error::PoolClosed => "database error: the connection pool is closed".to_string(),
        sqlx::Error::Io(io) => format!("database error: input/output ({})", io.kind()),
        sqlx::Error::Tls(_) => "database error: TLS".to_string(),
        sqlx::Error::Protocol(_) => "database error: protocol".to_string(),
        sqlx::Error::Configuration(_) => "database error: configuration".to_string(),
        _ => "database error".to_string(),
    }
}

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which backend a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How many records were added by an import, per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub checkins: u64,
    pub thoughts: u64,
    pub wins: u64,
    pub setbacks: u64,
    /// Times of saying no.
    pub noes: u64,
    /// Delegations.
    pub delegations: u64,
    /// Mistake reviews.
    pub mistakes: u64,
    /// Exposure ladder rungs.
    #[serde(default)]
    pub rungs: u64,
    /// Behavioural experiments.
    #[serde(default)]
    pub experiments: u64,
    /// Timeboxes.
    pub timeboxes: u64,
    /// Commits from a git scan.
    #[serde(default)]
    pub git_commits: u64,
    /// Inner critic profiles (0 or 1).
    #[serde(default)]
    pub critics: u64,
    /// Values and roles beyond work.
    #[serde(default)]
    pub values: u64,
    /// Practice log entries.
    #[serde(default)]
    pub practice_logs: u64,
    /// Weekly reviews.
    #[serde(default)]
    pub reviews: u64,
    /// Hobbies.
    #[serde(default)]
    pub hobbies: u64,
    /// Personal-time blocks.
    #[serde(default)]
    pub blocks: u64,
    /// Block occurrences (kept or skipped).
    #[serde(default)]
    pub block_occurrences: u64,
    /// Joy log entries.
    #[serde(default)]
    pub joy_logs: u64,
    /// Vacations and rest days.
    #[serde(default)]
    pub rests: u64,
    /// Records already present (same id, or a check-in on the same date).
    /// Assessment results.
    #[serde(default)]
    pub assessments: u64,
    /// Programme enrolments.
    #[serde(default)]
    pub enrolments: u64,
    /// Evidence log entries.
    #[serde(default)]
    pub evidence: u64,
    pub skipped: u64,
}

impl ImportReport {
    /// Records added, per kind (every kind named).
    pub fn kind_counts(&self) -> goodenough_core::export::kinds::KindCounts {
        goodenough_core::export::kinds::KindCounts::from_fn(|key| match key {
            "checkins" => self.checkins,
            "thoughts" => self.thoughts,
            "wins" => self.wins,
            "setbacks" => self.setbacks,
            "noes" => self.noes,
            "delegations" => self.delegations,
            "mistakes" => self.mistakes,
            "rungs" => self.rungs,
            "experiments" => self.experiments,
            "timeboxes" => self.timeboxes,
            "git_commits" => self.git_commits,
            "assessments" => self.assessments,
            "critics" => self.critics,
            "values" => self.values,
            "practice_logs" => self.practice_logs,
            "reviews" => self.reviews,
            "hobbies" => self.hobbies,
            "blocks" => self.blocks,
            "block_occurrences" => self.block_occurrences,
            "joy_logs" => self.joy_logs,
            "rests" => self.rests,
            "enrolments" => self.enrolments,
            "evidence" => self.evidence,
            _ => 0,
        })
    }

    /// Records added in all.
    pub fn added(&self) -> u64 {
        self.checkins
            + self.thoughts
            + self.wins
            + self.setbacks
            + self.noes
            + self.delegations
            + self.mistakes
            + self.rungs
            + self.experiments
            + self.timeboxes
            + self.git_commits
            + self.assessments
            + self.critics
            + self.values
            + self.practice_logs
            + self.reviews
            + self.hobbies
            + self.blocks
            + self.block_occurrences
            + self.joy_logs
            + self.rests
            + self.enrolments
            + self.evidence
    }
}

/// How many records a person has, per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub checkins: u64,
    pub thoughts: u64,
    pub wins: u64,
    pub setbacks: u64,
}

impl Counts {
    /// Records in all.
    pub fn total(&self) -> u64 {
        self.checkins + self.thoughts + self.wins + self.setbacks
    }
}

/// Everything a person keeps. Every method takes the owner's id and never
/// touches another person's records.
#[async_trait]
pub trait Store:
    Accounts
    + Assessments
    + Assignments
    + Awareness
    + Boundaries
    + CoachContent
    + Evidence
    + Experiments
    + GitSignals
    + Joy
    + Journey
    + Offers
    + Practice
    + Programmes
    + Push
    + Timeboxes
    + Send
    + Sync
{
    /// Which backend this is.
    fn backend(&self) -> Backend;

    /// Closes the store's connections and waits until they are closed. A
    /// short-lived process (a CLI command) calls it last, so its SQLite
    /// connection ends on its own terms (the WAL folded back into the file)
    /// rather than being cut off by the process's exit partway, which left
    /// the next command to recover the WAL again. Using the store afterwards
    /// is an error.
    async fn close(&self) {}

    /// Creates a person with the given settings and returns their id.
    async fn create_person(&self, settings: &Settings) -> Result<String>;
    /// The first person created in this store, if any (the CLI's owner).
    async fn first_person(&self) -> Result<Option<String>>;
    /// The first person, created with `settings` if the store has none yet,
    /// in one step: processes starting together on a new store all get the
    /// same person (never one each).
    async fn first_person_or_create(&self, settings: &Settings) -> Result<String>;
    /// Whether a person exists.
    async fn person_exists(&self, person: &str) -> Result<bool>;
    /// A person's settings.
    async fn settings(&self, person: &str) -> Result<Settings>;
    /// A person's settings and their data version: a number the database
    /// itself changes (by triggers, migration 0014) whenever any of the
    /// person's records or settings change, from any process or server.
    /// Equal versions mean the same data, so what was computed from it can
    /// be reused.
    async fn settings_versioned(&self, person: &str) -> Result<(Settings, i64)>;
    /// Replaces a person's settings.
    async fn put_settings(&self, person: &str, settings: &Settings) -> Result<()>;

    /// Saves a check-in. If one exists for that date: replaces it when
    /// `replace`, otherwise fails with [`StoreError::Conflict`].
    async fn put_checkin(&self, person: &str, checkin: &CheckIn, replace: bool) -> Result<()>;
    /// The check-in on a date.
    async fn checkin_on(&self, person: &str, date: NaiveDate) -> Result<Option<CheckIn>>;
    /// A check-in by id.
    async fn get_checkin(&self, person: &str, id: &str) -> Result<Option<CheckIn>>;
    /// Check-ins from `since` (inclusive), oldest first.
    async fn list_checkins(&self, person: &str, since: Option<NaiveDate>) -> Result<Vec<CheckIn>>;
    /// Every date with a check-in, oldest first.
    async fn checkin_dates(&self, person: &str) -> Result<Vec<NaiveDate>>;

    /// Saves a thought record.
    async fn add_thought(&self, person: &str, thought: &ThoughtRecord) -> Result<()>;
    /// A thought record by id.
    async fn get_thought(&self, person: &str, id: &str) -> Result<Option<ThoughtRecord>>;
    /// Thought records from `since` (inclusive), oldest first.
    async fn list_thoughts(
        &self,
        person: &str,
        since: Option<NaiveDate>,
    ) -> Result<Vec<ThoughtRecord>>;

    /// Saves a win.
    async fn add_win(&self, person: &str, win: &Win) -> Result<()>;
    /// A win by id (`None` when it is not this person's).
    async fn get_win(&self, person: &str, id: &str) -> Result<Option<Win>>;
    /// Wins from `since`, oldest first.
    async fn list_wins(&self, person: &str, since: Option<NaiveDate>) -> Result<Vec<Win>>;
    /// Saves a setback.
    async fn add_setback(&self, person: &str, setback: &Setback) -> Result<()>;
    /// A setback by id (`None` when it is not this person's).
    async fn get_setback(&self, person: &str, id: &str) -> Result<Option<Setback>>;
    /// Setbacks from `since`, oldest first.
    async fn list_setbacks(&self, person: &str, since: Option<NaiveDate>) -> Result<Vec<Setback>>;

    /// How many records a person has (check-ins, thoughts, wins, setbacks).
    async fn counts(&self, person: &str) -> Result<Counts>;

    /// How many records of every kind the person has (everything erase
    /// removes), named by `goodenough_core::export::kinds`.
    async fn kind_counts(&self, person: &str)
        -> Result<goodenough_core::export::kinds::KindCounts>;
    /// How many records of every kind a person has, all tables together
    /// (what "is this person's store empty?" asks).
    async fn record_total(&self, person: &str) -> Result<u64>;
    /// Every record of the person as one export document (each list oldest
    /// first, the document `import` restores), read in one read-only
    /// transaction so it is one consistent snapshot even while the person
    /// writes. `exported_at` is the caller's clock.
    async fn export(&self, person: &str, exported_at: DateTime<Utc>) -> Result<ExportDoc>;
    /// Restores an export (already validated by core) in one transaction:
    /// all or nothing; records already present are skipped.
    async fn import(&self, person: &str, doc: &ExportDoc) -> Result<ImportReport>;
    /// Removes every record of the person but keeps the person (settings,
    /// login): used by `demo --replace`.
    async fn erase_records(&self, person: &str) -> Result<()>;
    /// Removes every record of the person, and the person, for real.
    async fn erase_person(&self, person: &str) -> Result<()>;
}

/// Opens the store a URL names: `sqlite://PATH` or a path opens SQLite,
/// `postgres://…` or `postgresql://…` opens PostgreSQL. Migrations run first.
/// The CLI's pool size (1 SQLite connection, 8 for PostgreSQL).
pub async fn open(url: &str) -> Result<Box<dyn Store>> {
    let connections = if is_postgres(url) { 8 } else { 1 };
    open_pool(url, connections).await
}

/// Like [`open`], with up to `connections` pooled connections (a server
/// wants more than one).
pub async fn open_pool(url: &str, connections: u32) -> Result<Box<dyn Store>> {
    open_pool_keyed(url, connections, None).await
}

/// Like [`open_pool`], with the key of an encrypted SQLite store (see
/// [`cipher::unlock`]); PostgreSQL takes no key.
pub async fn open_pool_keyed(
    url: &str,
    connections: u32,
    key: Option<&cipher::Key>,
) -> Result<Box<dyn Store>> {
    if is_postgres(url) {
        Ok(Box::new(PgStore::connect(url, connections).await?))
    } else {
        let path = url.strip_prefix("sqlite://").unwrap_or(url);
        Ok(Box::new(
            SqliteStore::open_keyed(std::path::Path::new(path), connections, key).await?,
        ))
    }
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

#[cfg(test)]
mod log_tests {
    use super::StoreError;

    #[test]
    fn a_store_error_for_the_log_quotes_no_stored_text() {
        let words = "my private words";
        for e in [
            StoreError::Corrupt(format!("appreciations: invalid type: string \"{words}\"")),
            StoreError::Conflict(format!("\"{words}\" exists")),
            StoreError::NotFound(format!("no {words}")),
            StoreError::Db(sqlx::Error::Protocol(words.to_string())),
            StoreError::Db(sqlx::Error::Configuration(words.into())),
        ] {
            assert!(e.to_string().contains(words), "the person still reads it");
            let line = e.for_log();
            assert!(!line.contains(words), "{line}");
            assert!(!line.is_empty());
        }
    }
}
