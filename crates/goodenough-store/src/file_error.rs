//! The one error type of the whole-file operations on the embedded SQLite
//! store: encryption at rest ([`crate::cipher`]) and backups
//! ([`crate::backup`]). Both copy, check and replace database files, so a
//! refusal of either (a file the system would not write, SQLite saying no,
//! a wrong passphrase, a damaged backup) is one of these, and a backup of
//! an encrypted store passes the encryption's refusal on unchanged.
//!
//! Every message is a sentence that names the file and never a record's
//! text or a key; front ends add how to go on.

use std::path::Path;

use thiserror::Error;

/// Why a store file could not be encrypted, opened with a key, backed up,
/// checked or restored.
#[derive(Debug, Error)]
pub enum FileError {
    /// The passphrase does not open the store.
    #[error("This store is encrypted and the passphrase did not open it.")]
    WrongPassphrase,
    /// The store is encrypted and no passphrase was given.
    #[error("This store is encrypted and no passphrase was given.")]
    NoPassphrase,
    /// The key settings file is missing.
    #[error(
        "This store is encrypted, but its key settings file {0} is missing (it holds the salt; \
         put it back beside the database)."
    )]
    NoKeyFile(String),
    /// The key settings file cannot be used.
    #[error("The key settings file {path} cannot be used ({reason}).")]
    BadKeyFile { path: String, reason: String },
    /// There is no store to back up.
    #[error("there is no goodenough store at {0} yet, so there is nothing to back up.")]
    NoStore(String),
    /// The backup file named does not exist.
    #[error("there is no file at {0}.")]
    Missing(String),
    /// The path names a directory.
    #[error("{0} is a directory, not a backup file.")]
    Directory(String),
    /// The file is not an SQLite database at all.
    #[error("{0} is not a goodenough backup: it is not an SQLite database file.")]
    NotSqlite(String),
    /// The file is shorter than its own header says.
    #[error(
        "{path} is truncated: it holds {actual} bytes of the {expected} its header promises \
         (was the copy interrupted?)."
    )]
    Truncated {
        path: String,
        actual: u64,
        expected: u64,
    },
    /// SQLite found damage.
    #[error("{path} is damaged: SQLite's integrity check says \"{detail}\".")]
    Damaged { path: String, detail: String },
    /// An SQLite database, but not a goodenough store.
    #[error(
        "{0} is an SQLite database but not a goodenough store (it has no goodenough migrations)."
    )]
    NotGoodenough(String),
    /// Made by a newer goodenough than this one.
    #[error(
        "{path} was made by a newer goodenough (its format {version} is unknown to this one); \
         restore it with that version or a later one."
    )]
    Newer { path: String, version: i64 },
    /// A migration this binary knows, with other contents, or one that failed.
    #[error("{path} was not made by a released goodenough: its format step {version} differs from this one's.")]
    Foreign { path: String, version: i64 },
    /// A server holds the store.
    #[error("a goodenough server is running on {0}.")]
    ServerRunning(String),
    /// A restore holds the store.
    #[error("a restore is replacing the store at {0} right now.")]
    RestoreRunning(String),
    /// The file system said no.
    #[error("cannot {action} {path} ({reason}).")]
    Io {
        action: &'static str,
        path: String,
        reason: String,
    },
    /// SQLite (SQLCipher) said no (busy for longer than the timeout, disk
    /// full, …).
    #[error("SQLite could not {action} {path} ({reason}).")]
    Sqlite {
        action: &'static str,
        path: String,
        reason: String,
    },
}

/// A path as the messages show it.
pub(crate) fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Maps an I/O error while doing `action` to `path`.
pub(crate) fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> FileError {
    let path = shown(path);
    move |e| FileError::Io {
        action,
        path,
        reason: e.to_string(),
    }
}

/// Maps an SQLite error while doing `action` to `path`.
pub(crate) fn sqlite(action: &'static str, path: &Path) -> impl FnOnce(sqlx::Error) -> FileError {
    let path = shown(path);
    move |e| FileError::Sqlite {
        action,
        path,
        reason: e.to_string(),
    }
}
