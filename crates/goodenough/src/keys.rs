//! The passphrase of an encrypted SQLite store, and opening the store with
//! it: every command that opens the store comes through here.
//!
//! A key kept by `goodenough unlock` (see [`crate::kept`]) is tried first:
//! it opens the store without deriving the key again. A kept key that has
//! expired, belongs to another passphrase or does not open the store is
//! removed, and the command goes on as if there were none (saying why only
//! when it has to ask, or cannot). `rekey`, `decrypt` and `unlock` itself
//! always take the passphrase.
//!
//! The passphrase comes from the file named by `--key-file` (or
//! `GOODENOUGH_KEY_FILE`; its first line), else `GOODENOUGH_PASSPHRASE`,
//! else a question on the terminal (not echoed). It is asked for only when
//! the store is encrypted; a plain store opens as it always did. It is never
//! a flag's value (so it stays out of the shell's history and the process
//! list), never logged and never written. The key and salt handling is
//! `goodenough_store::cipher`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{bail, Context as _, Result};
use goodenough_app::sealed::ExposeSecret;
use goodenough_store::cipher::{self, Key, KeyParams};
use goodenough_store::file_error::FileError;
use goodenough_store::Store;

use crate::config::Config;
use crate::kept;

/// The environment variable that may hold the passphrase.
pub const PASSPHRASE_ENV: &str = "GOODENOUGH_PASSPHRASE";

static KEY_FILE: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Remembers `--key-file` for the whole run (set once, in `main`).
pub fn init(key_file: Option<PathBuf>) {
    let _ = KEY_FILE.set(key_file);
}

fn key_file() -> Option<&'static Path> {
    KEY_FILE.get().and_then(|k| k.as_deref())
}

/// Where a passphrase can come from, for the sentences.
pub const WHERE: &str =
    "Check the key file (--key-file FILE or GOODENOUGH_KEY_FILE) or GOODENOUGH_PASSPHRASE";

/// The passphrase given by file or environment, if any.
pub fn given() -> Result<Option<String>> {
    if let Some(path) = key_file() {
        let line = crate::commands::secret::passphrase_from_file(path).map_err(|e| {
            anyhow::anyhow!(
                "{e} (it was named by --key-file or GOODENOUGH_KEY_FILE) Nothing was changed."
            )
        })?;
        return Ok(Some(line.expose_secret().to_string()));
    }
    Ok(std::env::var(PASSPHRASE_ENV).ok().filter(|p| !p.is_empty()))
}

/// The passphrase given, or asked for on a terminal (`question`).
pub fn given_or_asked(question: &str, confirm: bool) -> Result<Option<String>> {
    if let Some(p) = given()? {
        return Ok(Some(p));
    }
    if crate::prompt::interactive() {
        let answer = crate::prompt::passphrase(question, confirm)?;
        return Ok(Some(answer.expose_secret().to_string()));
    }
    Ok(None)
}

/// The sentence for a refusal of the key step, with where to look.
pub fn explain(e: FileError) -> anyhow::Error {
    match e {
        FileError::WrongPassphrase => anyhow::anyhow!(
            "{e} {WHERE}, or type it again; nothing was changed."
        ),
        FileError::NoPassphrase => anyhow::anyhow!(
            "{e} Give it with --key-file FILE, GOODENOUGH_KEY_FILE or GOODENOUGH_PASSPHRASE (stdin is not a terminal, so goodenough cannot ask), or keep the key for a while with `goodenough unlock`; nothing was changed."
        ),
        e => anyhow::anyhow!("{e} Nothing was changed."),
    }
}

/// The sentence said when a kept key does not open the store.
const KEPT_DOES_NOT_OPEN: &str =
    "The key kept by `goodenough unlock` does not open this store, so it was removed.";

/// The key kept for the store at `db` by `goodenough unlock`, and the
/// sentence that says why one that was there is not used. Nothing is kept
/// for a store whose key change was interrupted (a pending key settings
/// file): the passphrase sorts that out.
fn kept_for(db: &Path) -> (Option<Key>, Option<String>) {
    if cipher::pending_key_file(db).exists() {
        return (None, None);
    }
    let Ok(Some(params)) = KeyParams::read(&cipher::key_file(db)) else {
        return (None, None);
    };
    match kept::find(db, &params.salt, crate::context::now()) {
        kept::Found::Nothing => (None, None),
        kept::Found::Key { key, .. } => (Some(key), None),
        kept::Found::Unusable(why) => (None, Some(why)),
    }
}

/// The passphrase given, or asked for on a terminal (after `note`, the
/// sentence saying why a kept key was not used, when there is one).
fn passphrase_after(note: Option<&str>) -> Result<Option<String>> {
    if let Some(p) = given()? {
        return Ok(Some(p));
    }
    if !crate::prompt::interactive() {
        return Ok(None);
    }
    if let Some(note) = note {
        eprintln!("{note}");
    }
    let answer = crate::prompt::passphrase("Passphrase of the encrypted store", false)?;
    Ok(Some(answer.expose_secret().to_string()))
}

/// [`explain`], after `note` when there is one.
fn explain_after(e: FileError, note: Option<&str>) -> anyhow::Error {
    match note {
        Some(note) => anyhow::anyhow!("{note} {}", explain(e)),
        None => explain(e),
    }
}

/// The key of the SQLite store at `db` from its passphrase (a kept key is
/// not used), or `None` when it is plain; checked to open the store. For
/// the commands that change the key or keep it: `rekey`, `decrypt`, `unlock`.
pub async fn unlock_db_by_passphrase(db: &Path) -> Result<Option<Key>> {
    if !cipher::is_encrypted(db) {
        return Ok(None);
    }
    let passphrase = given_or_asked("Passphrase of the encrypted store", false)?;
    cipher::unlock(db, move || passphrase)
        .await
        .map_err(explain)
}

/// The key of the SQLite store at `db`, or `None` when it is plain: the
/// kept key when it opens the store, else the passphrase's (checked).
pub async fn unlock_db(db: &Path) -> Result<Option<Key>> {
    if !cipher::is_encrypted(db) {
        return Ok(None);
    }
    let (kept, mut note) = kept_for(db);
    if let Some(key) = kept {
        match cipher::opens(db, Some(&key)).await {
            Ok(true) => return Ok(Some(key)),
            Ok(false) => {
                let _ = kept::forget(db);
                note = Some(KEPT_DOES_NOT_OPEN.to_string());
            }
            Err(e) => return Err(explain(e)),
        }
    }
    let passphrase = passphrase_after(note.as_deref())?;
    cipher::unlock(db, move || passphrase)
        .await
        .map_err(|e| explain_after(e, note.as_deref()))
}

/// The key of the configured store (`None` for a plain one or PostgreSQL).
pub async fn unlock(config: &Config) -> Result<Option<Key>> {
    match config.sqlite_path() {
        Some(db) => unlock_db(&db).await,
        None => Ok(None),
    }
}

/// Opens the configured store with up to `connections` connections (`None`:
/// one for SQLite, eight for PostgreSQL), asking for the passphrase when
/// the store is encrypted and no kept key opens it.
///
/// A kept key is used to open the store at once (no probe: the opening
/// reads the store with it). Otherwise the key is derived once and the
/// store opened with it directly; only when either open fails is the key
/// tried on its own, so a stale kept key is forgotten and a wrong
/// passphrase is still the one sentence [`explain`] gives.
pub async fn open_store(config: &Config, connections: Option<u32>) -> Result<Box<dyn Store>> {
    let connections = connections.unwrap_or(if config.is_sqlite() { 1 } else { 8 });
    let Some(db) = config.sqlite_path() else {
        return goodenough_store::open_pool_keyed(&config.database_url, connections, None)
            .await
            .context("cannot open the goodenough store");
    };
    let key = if cipher::is_encrypted(&db) {
        let (kept, mut note) = kept_for(&db);
        if let Some(kept) = kept {
            match goodenough_store::open_pool_keyed(&config.database_url, connections, Some(&kept))
                .await
            {
                Ok(store) => return Ok(store),
                Err(e) => {
                    if let Ok(false) = cipher::opens(&db, Some(&kept)).await {
                        let _ = kept::forget(&db);
                        note = Some(KEPT_DOES_NOT_OPEN.to_string());
                    } else {
                        return Err(
                            anyhow::Error::new(e).context("cannot open the goodenough store")
                        );
                    }
                }
            }
        }
        let passphrase = passphrase_after(note.as_deref())?;
        cipher::unlock_unchecked(&db, move || passphrase)
            .await
            .map_err(|e| explain_after(e, note.as_deref()))?
    } else {
        None
    };
    match goodenough_store::open_pool_keyed(&config.database_url, connections, key.as_ref()).await {
        Ok(store) => Ok(store),
        Err(e) => {
            if let Some(key) = &key {
                if let Ok(false) = cipher::opens(&db, Some(key)).await {
                    return Err(explain(FileError::WrongPassphrase));
                }
            }
            Err(anyhow::Error::new(e).context("cannot open the goodenough store"))
        }
    }
}

/// Refuses a key command on PostgreSQL, with what to do instead.
pub fn sqlite_only(config: &Config) -> Result<PathBuf> {
    match config.sqlite_path() {
        Some(db) => Ok(db),
        None => bail!(
            "this store is on PostgreSQL, which goodenough does not encrypt itself: encrypt the \
             database server's disk (for example LUKS or your provider's encrypted volumes) and \
             connect with sslmode=verify-full, as docs/security.md describes. Nothing was changed."
        ),
    }
}
