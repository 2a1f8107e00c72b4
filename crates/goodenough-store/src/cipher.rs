//! Encryption at rest for the embedded SQLite store, with SQLCipher.
//!
//! The SQLite library linked into goodenough is SQLCipher (libsqlite3-sys's
//! bundled SQLCipher, on the system's libcrypto). A store without a key is
//! an ordinary SQLite file and opens exactly as before; an encrypted store
//! has every page of the database and of its WAL encrypted (AES-256 with an
//! HMAC per page: SQLCipher's defaults), so no record's text is readable in
//! any file without the key.
//!
//! - **The key** is 32 bytes derived from the person's passphrase with
//!   Argon2id and handed to SQLCipher as a *raw* key (`PRAGMA key =
//!   "x'…'"`, the first statement on every connection: sqlx runs the `key`
//!   pragma before any other), so SQLCipher's own PBKDF2 is skipped and the
//!   cost of guessing is Argon2id's.
//! - **The key settings file** beside the database
//!   (`goodenough.db.key.toml`) holds the salt and the Argon2id parameters.
//!   It is not secret; the key and the passphrase are never written. It
//!   travels with every backup of an encrypted store.
//! - **Changing the key** (encrypt, rekey, decrypt) writes a new database
//!   file and swaps it in with a rename. The new settings are written first
//!   under a second name (`goodenough.db.key.toml.new`); [`unlock`] tries
//!   both files, promotes the new one when it is the one that opens the
//!   store and removes it when it is not, so a process killed at any point
//!   leaves a store that the old or the new passphrase opens.
//!
//! This module never logs or stores a passphrase or a key, and a wrong
//! passphrase changes nothing.

use std::fmt;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use rand::RngCore;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// A 32-byte database key. Its `Debug` shows nothing of it, and its bytes
/// are overwritten with zeros when it is dropped (copies SQLCipher and sqlx
/// keep inside an open connection are theirs to manage).
#[derive(Clone, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl Drop for Key {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(hidden)")
    }
}

impl Key {
    /// The value of `PRAGMA key` (and of `ATTACH … KEY`): a raw key, quoted.
    pub(crate) fn pragma_value(&self) -> String {
        format!("\"x'{}'\"", hex(&self.0))
    }

    /// The key as 64 hexadecimal digits: as secret as the passphrase. For
    /// the one place that keeps a key between commands (the binary's
    /// `goodenough unlock`, in a file only its owner can read); never for a
    /// log or a message.
    pub fn expose_hex(&self) -> String {
        hex(&self.0)
    }

    /// The key written by [`Key::expose_hex`], or `None` when `text` is not
    /// 64 hexadecimal digits. Whether it opens a store is for [`opens`] (or
    /// the opening itself) to say.
    pub fn from_hex(text: &str) -> Option<Key> {
        let bytes: [u8; 32] = unhex(text)?.try_into().ok()?;
        Some(Key(bytes))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

use crate::file_error::FileError;
use crate::file_error::{io, shown, sqlite};

type Result<T> = std::result::Result<T, FileError>;

/// The salt and Argon2id parameters of an encrypted store (not secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyParams {
    /// Always "argon2id".
    pub kdf: String,
    /// 16 random bytes, hex.
    pub salt: String,
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

/// The Argon2id cost of new keys: OWASP's minimum for Argon2id (19 MiB, two
/// passes, one lane). Every CLI command derives the key once, so this is a
/// cost paid per command; the parameters are kept in the key settings file,
/// so a store made later with higher ones still opens.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

impl KeyParams {
    /// New parameters with a fresh random salt.
    pub fn fresh() -> KeyParams {
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        KeyParams {
            kdf: "argon2id".into(),
            salt: hex(&salt),
            memory_kib: MEMORY_KIB,
            iterations: ITERATIONS,
            parallelism: PARALLELISM,
        }
    }

    /// Derives the key from `passphrase`.
    pub fn derive(&self, passphrase: &str, file: &Path) -> Result<Key> {
        let bad = |reason: String| FileError::BadKeyFile {
            path: shown(file),
            reason,
        };
        if self.kdf != "argon2id" {
            return Err(bad(format!("kdf \"{}\" is not argon2id", self.kdf)));
        }
        let salt = unhex(&self.salt)
            .filter(|s| s.len() >= 8)
            .ok_or_else(|| bad("the salt is not hexadecimal of at least 8 bytes".into()))?;
        let params =
            argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
                .map_err(|e| bad(format!("the Argon2id parameters are out of range: {e}")))?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut key = [0u8; 32];
        argon
            .hash_password_into(passphrase.as_bytes(), &salt, &mut key)
            .map_err(|e| bad(format!("Argon2id refused it: {e}")))?;
        let derived = Key(key);
        zeroize::Zeroize::zeroize(&mut key);
        Ok(derived)
    }

    /// Reads a key settings file; `None` when there is none.
    pub fn read(path: &Path) -> Result<Option<KeyParams>> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io("read", path)(e)),
        };
        toml::from_str(&text)
            .map(Some)
            .map_err(|e| FileError::BadKeyFile {
                path: shown(path),
                reason: e.message().trim_end_matches('.').to_string(),
            })
    }

    /// Writes the file whole (a temporary file, flushed, renamed).
    pub fn write(&self, path: &Path) -> Result<()> {
        let text = format!(
            "# The salt and Argon2id parameters of the encrypted goodenough store beside it.\n\
             # Not secret: without the passphrase they open nothing. Keep this file with the\n\
             # database (and with every backup of it): without it the store cannot be opened.\n{}",
            toml::to_string(self).map_err(|e| FileError::BadKeyFile {
                path: shown(path),
                reason: e.to_string(),
            })?
        );
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".{}.tmp", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let written = (|| -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(io("write", path)(e));
        }
        sync_parent(path);
        Ok(())
    }
}

/// Makes a rename beside `path` durable where the platform allows it.
pub(crate) fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// The key settings file of the database at `db`: `goodenough.db.key.toml`.
pub fn key_file(db: &Path) -> PathBuf {
    with_suffix(db, ".key.toml")
}

/// Where new key settings wait until the database they belong to is in place.
pub fn pending_key_file(db: &Path) -> PathBuf {
    with_suffix(db, ".key.toml.new")
}

/// Whether the file at `db` exists and is not a plain SQLite database (an
/// SQLCipher database has no readable header). An empty or missing file is
/// not encrypted.
pub fn is_encrypted(db: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 16];
    match File::open(db).and_then(|mut f| f.read_exact(&mut header)) {
        Ok(()) => &header != b"SQLite format 3\0",
        Err(_) => false,
    }
}

/// Connection options that open the existing database at `db` with `key`
/// (or none), and nothing else set.
pub(crate) fn options(db: &Path, key: Option<&Key>) -> SqliteConnectOptions {
    let options = SqliteConnectOptions::new().filename(db);
    match key {
        Some(key) => options.pragma("key", key.pragma_value()),
        None => options,
    }
}

/// Whether `key` opens the database at `db` (reads its schema; writes nothing).
pub async fn opens(db: &Path, key: Option<&Key>) -> Result<bool> {
    let mut conn = match options(db, key).read_only(true).connect().await {
        Ok(c) => c,
        Err(e) if not_a_database(&e) => return Ok(false),
        Err(e) => return Err(sqlite("open", db)(e)),
    };
    let read = sqlx::query_scalar::<_, i64>("SELECT count(*) FROM sqlite_master")
        .fetch_one(&mut conn)
        .await;
    let _ = conn.close().await;
    match read {
        Ok(_) => Ok(true),
        Err(e) if not_a_database(&e) => Ok(false),
        Err(e) => Err(FileError::Sqlite {
            action: "read",
            path: shown(db),
            reason: e.to_string(),
        }),
    }
}

/// SQLITE_NOTADB: what SQLCipher answers to a wrong key.
pub(crate) fn not_a_database(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.code().as_deref() == Some("26") || d.message().contains("not a database")
        }
        _ => false,
    }
}

/// The key that opens the store at `db`, or `None` when it is not
/// encrypted. `passphrase` is asked for only when the store is encrypted.
///
/// Tries the key settings file and, when there is one, the pending file a
/// key change left (see the module docs): the one that opens the store
/// stays as `goodenough.db.key.toml`, the other is removed.
pub async fn unlock<F>(db: &Path, passphrase: F) -> Result<Option<Key>>
where
    F: FnOnce() -> Option<String>,
{
    if !is_encrypted(db) {
        return Ok(None);
    }
    let main = key_file(db);
    let pending = pending_key_file(db);
    let main_params = KeyParams::read(&main)?;
    let pending_params = KeyParams::read(&pending).unwrap_or(None);
    if main_params.is_none() && pending_params.is_none() {
        return Err(FileError::NoKeyFile(shown(&main)));
    }
    let passphrase = passphrase().ok_or(FileError::NoPassphrase)?;
    if let Some(params) = &main_params {
        let key = params.derive(&passphrase, &main)?;
        if opens(db, Some(&key)).await? {
            if pending_params.is_some() {
                let _ = std::fs::remove_file(&pending);
            }
            return Ok(Some(key));
        }
    }
    if let Some(params) = &pending_params {
        let key = params.derive(&passphrase, &pending)?;
        if opens(db, Some(&key)).await? {
            std::fs::rename(&pending, &main).map_err(io("replace", &main))?;
            sync_parent(&main);
            return Ok(Some(key));
        }
    }
    Err(FileError::WrongPassphrase)
}

/// Like [`unlock`], without the probe connection when there is nothing to
/// choose between (no pending key settings file): the key derived from the
/// key settings is returned unchecked, for a caller that opens the store
/// with it at once and asks [`opens`] only when that open fails (to tell a
/// wrong passphrase from any other failure). Opening an encrypted store
/// from the CLI thus costs one key derivation and no extra connection.
pub async fn unlock_unchecked<F>(db: &Path, passphrase: F) -> Result<Option<Key>>
where
    F: FnOnce() -> Option<String>,
{
    if !is_encrypted(db) {
        return Ok(None);
    }
    let main = key_file(db);
    if pending_key_file(db).exists() {
        return unlock(db, passphrase).await;
    }
    let params = KeyParams::read(&main)?.ok_or_else(|| FileError::NoKeyFile(shown(&main)))?;
    let passphrase = passphrase().ok_or(FileError::NoPassphrase)?;
    params.derive(&passphrase, &main).map(Some)
}

/// Writes a copy of the database at `from` (opened with `from_key`) to a
/// new file `to`, encrypted with `to_key` or plain (`None`), with
/// SQLCipher's `sqlcipher_export`; then checks the copy's integrity with
/// its own key. `to` must not exist. Nothing at `from` changes.
pub async fn export_to(
    from: &Path,
    from_key: Option<&Key>,
    to: &Path,
    to_key: Option<&Key>,
) -> Result<()> {
    if !from.is_file() {
        return Err(FileError::Io {
            action: "read",
            path: shown(from),
            reason: "there is no database file there".into(),
        });
    }
    // An attached database is opened with the main one's flags: CREATE
    // lets ATTACH make the new file (the store itself exists, checked above).
    let mut conn = options(from, from_key)
        .create_if_missing(true)
        .busy_timeout(std::time::Duration::from_secs(15))
        .connect()
        .await
        .map_err(sqlite("open", from))?;
    let attach = format!(
        "ATTACH DATABASE '{}' AS target KEY {}",
        to.display().to_string().replace('\'', "''"),
        match to_key {
            Some(k) => k.pragma_value(),
            None => "''".to_string(),
        }
    );
    let copied = async {
        sqlx::query(&attach).execute(&mut conn).await?;
        // One read transaction: the copy is the store as of one instant.
        sqlx::query("BEGIN").execute(&mut conn).await?;
        let exported = sqlx::query("SELECT sqlcipher_export('target')")
            .execute(&mut conn)
            .await;
        let ended = sqlx::query("COMMIT").execute(&mut conn).await;
        exported?;
        ended?;
        sqlx::query("DETACH DATABASE target")
            .execute(&mut conn)
            .await?;
        Ok::<(), sqlx::Error>(())
    }
    .await;
    let _ = conn.close().await;
    copied.map_err(sqlite("copy", from))?;
    check_integrity(to, to_key).await?;
    File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(io("write", to))?;
    Ok(())
}

/// `PRAGMA integrity_check` on the database at `db` with `key`.
pub async fn check_integrity(db: &Path, key: Option<&Key>) -> Result<()> {
    let mut conn = options(db, key)
        .read_only(true)
        .connect()
        .await
        .map_err(sqlite("open", db))?;
    let lines: std::result::Result<Vec<(String,)>, _> = sqlx::query_as("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await;
    let _ = conn.close().await;
    match lines {
        Ok(lines) if lines.len() == 1 && lines[0].0 == "ok" => Ok(()),
        Ok(lines) => Err(FileError::Sqlite {
            action: "check",
            path: shown(db),
            reason: lines
                .first()
                .map(|l| l.0.clone())
                .unwrap_or_else(|| "no answer from the integrity check".into()),
        }),
        Err(e) => Err(FileError::Sqlite {
            action: "check",
            path: shown(db),
            reason: e.to_string(),
        }),
    }
}

/// Replaces the database at `db` with `new` (a checked file in the same
/// directory): the old store's WAL is folded in and removed first, so no
/// stale WAL is ever played over the new file, then `new` is renamed over
/// `db`. `old_key` opens the old store.
pub async fn swap_in(db: &Path, old_key: Option<&Key>, new: &Path) -> Result<()> {
    if let Ok(mut conn) = options(db, old_key).connect().await {
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut conn)
            .await;
        let _ = conn.close().await;
    }
    for suffix in ["-wal", "-shm"] {
        let side = with_suffix(db, suffix);
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io("remove", &side)(e)),
        }
    }
    std::fs::rename(new, db).map_err(io("replace", db))?;
    sync_parent(db);
    Ok(())
}

/// A temporary name beside `db` for a file being made.
pub fn temp_beside(db: &Path, what: &str) -> PathBuf {
    with_suffix(db, &format!(".{what}.{}.tmp", std::process::id()))
}

/// The sibling files of a database (`-wal`, `-shm`, `-journal`).
pub fn side_files(db: &Path) -> [PathBuf; 3] {
    [
        with_suffix(db, "-wal"),
        with_suffix(db, "-shm"),
        with_suffix(db, "-journal"),
    ]
}
