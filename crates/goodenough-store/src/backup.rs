//! Backups of the embedded SQLite store: a consistent snapshot taken while a
//! server may be writing, the checks a backup file must pass before it may
//! replace a store, the replacement itself, and the lock by which a running
//! server tells a restore to wait.
//!
//! - **Snapshot**: `VACUUM INTO` on an ordinary connection. It reads inside
//!   one read transaction, so the copy is the store as of one instant (WAL
//!   lets writers go on meanwhile), and it writes a compact file with no
//!   WAL of its own. The copy goes to a temporary file beside the target,
//!   is flushed to disk and only then renamed into place: the target is
//!   either the old file or the whole new one, never half of one.
//! - **Check** ([`check_sqlite_backup`]): the SQLite header, the size the
//!   header promises (a truncated copy is named as such), `PRAGMA
//!   integrity_check`, and the migrations the file has run, each of which
//!   must be one this binary knows with the same checksum (a backup made
//!   by a newer goodenough is refused; an older one is migrated forward
//!   when the store is next opened). The file is opened `immutable`, so
//!   checking changes nothing in it and leaves no `-wal`/`-shm` beside it.
//! - **Replace** ([`replace_sqlite`]): the old store's WAL is checkpointed
//!   into it, its `-wal`/`-shm` are removed (a stale WAL must never be
//!   played over the restored file), and the checked file is renamed over
//!   the store.
//! - **Server lock**: `serve` holds a shared lock on `goodenough.serve.lock`
//!   beside the database for as long as it runs ([`hold_server_lock`]); a
//!   restore takes it exclusively ([`lock_out_servers`]), so it refuses
//!   while a server runs, and a server does not start during a restore.
//!
//! This module never reads or logs a record's text; it copies whole files.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use crate::cipher::{self, Key, KeyParams};
use crate::sqlite::MIGRATOR;

use crate::file_error::FileError;
use crate::file_error::{io, shown, sqlite};

type Result<T> = std::result::Result<T, FileError>;

/// What a snapshot wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    /// The file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

/// What a checked backup holds.
#[derive(Debug, Clone, Serialize)]
pub struct BackupInfo {
    /// Its size in bytes.
    pub bytes: u64,
    /// The newest format step (migration) it has run.
    pub format: i64,
    /// How many people it holds.
    pub people: i64,
}

/// Opens an ordinary connection to an existing database file.
async fn connect(path: &Path, options: SqliteConnectOptions) -> Result<SqliteConnection> {
    options
        .filename(path)
        .busy_timeout(Duration::from_secs(15))
        .connect()
        .await
        .map_err(sqlite("open", path))
}

fn base_options() -> SqliteConnectOptions {
    // The file name is set per use; no journal mode is asked for, so an
    // immutable read changes nothing.
    SqliteConnectOptions::new()
}

/// Writes a consistent copy of the SQLite store at `db` to `out`,
/// atomically (a temporary file beside `out`, flushed, then renamed). Works
/// while a server or another command writes to the store.
pub async fn backup_sqlite(db: &Path, out: &Path) -> Result<Snapshot> {
    backup_sqlite_keyed(db, out, None).await
}

/// Like [`backup_sqlite`], for a store encrypted with `key`: the copy is
/// encrypted with the same key (SQLCipher's export, in one read
/// transaction), and the store's key settings file is copied beside it
/// (`<out>.key.toml`), so the backup opens with the same passphrase.
pub async fn backup_sqlite_keyed(db: &Path, out: &Path, key: Option<&Key>) -> Result<Snapshot> {
    if !db.is_file() {
        return Err(FileError::NoStore(shown(db)));
    }
    if out.is_dir() {
        return Err(FileError::Directory(shown(out)));
    }
    let name = out
        .file_name()
        .ok_or_else(|| FileError::Directory(shown(out)))?;
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(FileError::Io {
            action: "write",
            path: shown(out),
            reason: format!("the directory {} does not exist", dir.display()),
        });
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&tmp);
    let written = async {
        if let Some(key) = key {
            cipher::export_to(db, Some(key), &tmp, Some(key)).await?;
            let params = KeyParams::read(&cipher::key_file(db))
                .ok()
                .flatten()
                .ok_or_else(|| FileError::Io {
                    action: "copy the key settings of",
                    path: shown(db),
                    reason: "the key settings file beside the store cannot be read".into(),
                })?;
            params.write(&cipher::key_file(out))?;
            let file = File::open(&tmp).map_err(io("write", out))?;
            let bytes = file.metadata().map_err(io("write", out))?.len();
            drop(file);
            std::fs::rename(&tmp, out).map_err(io("write", out))?;
            sync_dir(&dir);
            return Ok(Snapshot {
                path: out.to_path_buf(),
                bytes,
            });
        }
        let mut conn = connect(db, base_options()).await?;
        let copied = sqlx::query("VACUUM INTO $1")
            .bind(tmp.to_string_lossy().into_owned())
            .execute(&mut conn)
            .await
            .map_err(sqlite("copy", db));
        let _ = conn.close().await;
        copied?;
        let file = File::open(&tmp).map_err(io("write", out))?;
        file.sync_all().map_err(io("write", out))?;
        let bytes = file.metadata().map_err(io("write", out))?.len();
        drop(file);
        std::fs::rename(&tmp, out).map_err(io("write", out))?;
        sync_dir(&dir);
        Ok(Snapshot {
            path: out.to_path_buf(),
            bytes,
        })
    }
    .await;
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Makes a rename in `dir` durable where the platform allows it.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Checks that `file` is a whole, undamaged goodenough store this binary
/// can open. Reads only; changes nothing in or beside the file.
pub async fn check_sqlite_backup(file: &Path) -> Result<BackupInfo> {
    check_sqlite_backup_keyed(file, None).await
}

/// Like [`check_sqlite_backup`], for a backup encrypted with `key` (its
/// header is encrypted too, so only SQLite's own checks apply).
pub async fn check_sqlite_backup_keyed(file: &Path, key: Option<&Key>) -> Result<BackupInfo> {
    let meta = match std::fs::metadata(file) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(FileError::Missing(shown(file)))
        }
        Err(e) => return Err(io("read", file)(e)),
    };
    if meta.is_dir() {
        return Err(FileError::Directory(shown(file)));
    }
    let actual = meta.len();
    if let Some(key) = key {
        let options = cipher::options(file, Some(key))
            .read_only(true)
            .immutable(true)
            .busy_timeout(Duration::from_secs(15));
        let mut conn = options.connect().await.map_err(sqlite("open", file))?;
        let checked = check_open(file, &mut conn).await;
        let _ = conn.close().await;
        let (format, people) = checked?;
        return Ok(BackupInfo {
            bytes: actual,
            format,
            people,
        });
    }
    let mut header = [0u8; 100];
    let read = File::open(file)
        .and_then(|mut f| f.read_exact(&mut header))
        .map_err(|e| e.kind());
    match read {
        Ok(()) => {}
        Err(std::io::ErrorKind::UnexpectedEof) => return Err(FileError::NotSqlite(shown(file))),
        Err(_) => {
            return Err(io("read", file)(std::io::Error::other(
                "the file cannot be read",
            )))
        }
    }
    if !header.starts_with(b"SQLite format 3\0") {
        return Err(FileError::NotSqlite(shown(file)));
    }
    // The size the header promises (valid when the "version valid for"
    // number equals the change counter, as every SQLite since 3.7 writes).
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n => u64::from(n),
    };
    if be32(92) == be32(24) {
        let expected = page_size * u64::from(be32(28));
        if actual < expected {
            return Err(FileError::Truncated {
                path: shown(file),
                actual,
                expected,
            });
        }
    }
    let mut conn = connect(file, base_options().read_only(true).immutable(true)).await?;
    let checked = check_open(file, &mut conn).await;
    let _ = conn.close().await;
    let (format, people) = checked?;
    Ok(BackupInfo {
        bytes: actual,
        format,
        people,
    })
}

async fn check_open(file: &Path, conn: &mut SqliteConnection) -> Result<(i64, i64)> {
    let damaged = |detail: String| FileError::Damaged {
        path: shown(file),
        detail,
    };
    let lines: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.message().contains("not a database") => {
                FileError::NotSqlite(shown(file))
            }
            sqlx::Error::Database(d) => damaged(d.message().to_string()),
            e => damaged(e.to_string()),
        })?;
    match lines.as_slice() {
        [(ok,)] if ok == "ok" => {}
        [] => return Err(damaged("no answer".into())),
        [(first,), ..] => return Err(damaged(first.clone())),
    }
    let applied: Vec<(i64, Vec<u8>, bool)> =
        sqlx::query_as("SELECT version, checksum, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await
            .map_err(|_| FileError::NotGoodenough(shown(file)))?;
    if applied.is_empty() {
        return Err(FileError::NotGoodenough(shown(file)));
    }
    for (version, checksum, success) in &applied {
        match MIGRATOR.iter().find(|m| m.version == *version) {
            None => {
                return Err(FileError::Newer {
                    path: shown(file),
                    version: *version,
                })
            }
            Some(known) if known.checksum.as_ref() != checksum.as_slice() || !success => {
                return Err(FileError::Foreign {
                    path: shown(file),
                    version: *version,
                })
            }
            Some(_) => {}
        }
    }
    let format = applied.iter().map(|(v, _, _)| *v).max().unwrap_or_default();
    let (people,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM persons")
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| damaged(e.to_string()))?;
    Ok((format, people))
}

/// Replaces the store at `db` with `checked` (a file that passed
/// [`check_sqlite_backup`], in the same directory as `db`, so the rename is
/// atomic). The old store's WAL is folded in and its `-wal`/`-shm` removed
/// first, so no stale WAL is ever played over the restored file.
pub async fn replace_sqlite(db: &Path, checked: &Path) -> Result<()> {
    if db.is_file() {
        // A damaged old store cannot be checkpointed; it is being replaced
        // anyway, and its WAL is removed below.
        if let Ok(mut conn) = connect(db, base_options()).await {
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut conn)
                .await;
            let _ = conn.close().await;
        }
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io("remove", &side)(e)),
        }
    }
    std::fs::rename(checked, db).map_err(io("replace", db))?;
    if let Some(dir) = db.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// Copies `from` to a temporary file beside `db` (flushed to disk), so it
/// can be checked and then renamed over the store in one step.
pub fn stage_beside(db: &Path, from: &Path) -> Result<PathBuf> {
    let tmp = staging_path(db);
    let copied = (|| -> std::io::Result<()> {
        std::fs::copy(from, &tmp)?;
        File::open(&tmp)?.sync_all()
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(match e.kind() {
            std::io::ErrorKind::NotFound if !from.exists() => FileError::Missing(shown(from)),
            _ => io("copy", from)(e),
        });
    }
    Ok(tmp)
}

/// Writes `bytes` (a backup opened in memory) to a temporary file beside
/// `db`, flushed to disk, so it can be checked and then renamed over the
/// store in one step, like [`stage_beside`].
pub fn stage_bytes_beside(db: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let tmp = staging_path(db);
    let written = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        std::io::Write::write_all(&mut f, bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io("write", &tmp)(e));
    }
    Ok(tmp)
}

fn staging_path(db: &Path) -> PathBuf {
    let dir = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "goodenough.db".into());
    dir.join(format!(".{name}.restore.{}.tmp", std::process::id()))
}

fn server_lock_path(db: &Path) -> PathBuf {
    db.with_extension("serve.lock")
}

fn open_lock(db: &Path) -> Result<(File, PathBuf)> {
    let path = server_lock_path(db);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io("create the lock file", &path))?;
    Ok((file, path))
}

/// Held by a running server (shared: several servers may share a store).
/// Refused while a restore replaces the store. Released when dropped.
pub fn hold_server_lock(db: &Path) -> Result<File> {
    let (file, path) = open_lock(db)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(FileError::RestoreRunning(shown(db))),
        Err(TryLockError::Error(e)) => Err(io("lock", &path)(e)),
    }
}

/// Held by a restore (exclusive): refused while any server runs on the
/// store. Released when dropped.
pub fn lock_out_servers(db: &Path) -> Result<File> {
    let (file, path) = open_lock(db)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(FileError::ServerRunning(shown(db))),
        Err(TryLockError::Error(e)) => Err(io("lock", &path)(e)),
    }
}

/// Whether a server is running on the store at `db` (holds its lock).
pub fn server_running(db: &Path) -> bool {
    matches!(lock_out_servers(db), Err(FileError::ServerRunning(_)))
}
