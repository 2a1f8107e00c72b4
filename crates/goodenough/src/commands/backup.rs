//! `goodenough backup` and `goodenough restore`: whole-store copies of the
//! embedded SQLite store, for the person or operator at a terminal. The
//! copying, checking and replacing are `goodenough_store::backup`; this
//! module names files, refuses what must not happen and says what was done.
//!
//! Neither opens the store through the usual path first: a restore must not
//! create a store it is about to replace, and a backup needs no person.
//! On PostgreSQL both say that the operator's `pg_dump`/`pg_restore` are the
//! tools (see docs/practice.md): the store's reads are not one transaction,
//! so a goodenough-made logical copy could not promise one instant.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use clap::Args;
use goodenough_store::backup::{self as store_backup, BackupInfo};
use goodenough_store::file_error::FileError;
use goodenough_store::cipher::{self, Key, KeyParams};
use serde::Serialize;

use crate::config::Config;

/// Flags of `goodenough backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write (replaced whole if it exists; never left half-written).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Flags of `goodenough restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup written by `goodenough backup` (or by `serve --backup-dir`).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Replace the store that is there now (it is gone afterwards).
    #[arg(long)]
    force: bool,
}

/// What `backup --json` prints.
#[derive(Debug, Serialize)]
struct Written {
    path: String,
    bytes: u64,
    store: String,
}

/// What `restore --json` prints.
#[derive(Debug, Serialize)]
struct Restored {
    from: String,
    store: String,
    replaced: bool,
    #[serde(flatten)]
    info: BackupInfo,
}

const PG_BACKUP: &str = "this store is on PostgreSQL, where backups are the operator's own \
    `pg_dump` (for example `pg_dump --format=custom --file goodenough.dump \"$GOODENOUGH_DATABASE_URL\"`), \
    as docs/practice.md describes; `goodenough backup` copies the embedded SQLite store only. \
    Nothing was written.";

const PG_RESTORE: &str = "this store is on PostgreSQL, where a backup is restored with the \
    operator's own `pg_restore`, as docs/practice.md describes; `goodenough restore` replaces \
    the embedded SQLite store only. Nothing was changed.";

/// Runs `goodenough backup`.
pub async fn backup(
    data_dir: Option<&Path>,
    database: Option<&str>,
    json: bool,
    args: BackupArgs,
) -> Result<()> {
    let config = Config::load(data_dir, database)?;
    let Some(db) = config.sqlite_path() else {
        bail!(PG_BACKUP);
    };
    if same_file(&db, &args.out) {
        bail!(
            "{} is the store itself; write the backup to another file, for example {}.",
            args.out.display(),
            db.with_file_name("goodenough-backup.db").display()
        );
    }
    // An encrypted store's backup is encrypted with the same key.
    let key = crate::keys::unlock_db(&db).await?;
    let snapshot = store_backup::backup_sqlite_keyed(&db, &args.out, key.as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("{e} {}", backup_hint(&e)))?;
    if json {
        return crate::output::json(&Written {
            path: snapshot.path.display().to_string(),
            bytes: snapshot.bytes,
            store: db.display().to_string(),
        });
    }
    println!(
        "Backed up the store to {} ({}). `goodenough restore {}` puts it back.",
        snapshot.path.display(),
        size(snapshot.bytes),
        snapshot.path.display()
    );
    Ok(())
}

fn backup_hint(e: &FileError) -> &'static str {
    match e {
        FileError::NoStore(_) => {
            "Check --data-dir (or GOODENOUGH_HOME); nothing was written."
        }
        _ => "Choose a path in a directory that exists and that you can write to; nothing was written.",
    }
}

/// Runs `goodenough restore`.
pub async fn restore(
    data_dir: Option<&Path>,
    database: Option<&str>,
    json: bool,
    args: RestoreArgs,
) -> Result<()> {
    let config = Config::load(data_dir, database)?;
    let Some(db) = config.sqlite_path() else {
        bail!(PG_RESTORE);
    };
    let refuse = |e: FileError| anyhow::anyhow!("{e} {}", restore_hint(&e));
    // The file first: a wrong path, a wrong passphrase or a damaged copy
    // is said before anything about the store.
    let (key, params) = backup_key(&args.file).await?;
    store_backup::check_sqlite_backup_keyed(&args.file, key.as_ref())
        .await
        .map_err(refuse)?;
    if same_file(&db, &args.file) {
        bail!(
            "{} is the store itself, so there is nothing to restore. Nothing was changed.",
            args.file.display()
        );
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| {
            format!(
                "cannot create the data directory {}; choose another with --data-dir. Nothing was changed",
                dir.display()
            )
        })?;
    }
    // Held until the store is replaced: no server may start meanwhile.
    let lock = store_backup::lock_out_servers(&db).map_err(refuse)?;
    let replaced = db.exists();
    if replaced && !args.force {
        bail!(
            "there is already a store at {}, and restoring would replace it and everything in it. \
             If that is what you want, run again with --force (perhaps after `goodenough backup --out FILE` \
             of the store as it is). Nothing was changed.",
            db.display()
        );
    }
    let staged = store_backup::stage_beside(&db, &args.file).map_err(refuse)?;
    // What is installed is what was checked: the staged copy itself.
    let info = match store_backup::check_sqlite_backup_keyed(&staged, key.as_ref()).await {
        Ok(info) => info,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Err(refuse(e));
        }
    };
    // The backup's key settings wait under the pending name until the
    // backup is in place (opening tries both; see goodenough_store::cipher).
    let pending = cipher::pending_key_file(&db);
    if let Some(params) = &params {
        if let Err(e) = params.write(&pending) {
            let _ = std::fs::remove_file(&staged);
            return Err(crate::keys::explain(e));
        }
    }
    if let Err(e) = store_backup::replace_sqlite(&db, &staged).await {
        let _ = std::fs::remove_file(&staged);
        let _ = std::fs::remove_file(&pending);
        return Err(refuse(e));
    }
    match params {
        Some(_) => std::fs::rename(&pending, cipher::key_file(&db)).with_context(|| {
            format!(
                "the backup was restored, but its key settings could not be put at {}",
                cipher::key_file(&db).display()
            )
        })?,
        None => {
            // A plain store needs no key settings; old ones would only mislead.
            let _ = std::fs::remove_file(cipher::key_file(&db));
        }
    }
    // Opening it brings an older backup up to this version's format and
    // puts it back in WAL mode, before anyone else opens it.
    let store = goodenough_store::open_pool_keyed(&config.database_url, 1, key.as_ref())
        .await
        .context("the backup was restored, but the store then could not be opened")?;
    store.close().await;
    drop(lock);
    if json {
        return crate::output::json(&Restored {
            from: args.file.display().to_string(),
            store: db.display().to_string(),
            replaced,
            info,
        });
    }
    let people = match info.people {
        1 => "1 person".to_string(),
        n => format!("{n} people"),
    };
    println!(
        "Restored {} into {} ({people}, {}).{}",
        args.file.display(),
        db.display(),
        size(info.bytes),
        if replaced {
            " The store that was there before was replaced."
        } else {
            ""
        }
    );
    Ok(())
}

/// The key of an encrypted backup (from its key settings file beside it and
/// the passphrase), or `None` for a plain one.
async fn backup_key(file: &Path) -> Result<(Option<Key>, Option<KeyParams>)> {
    if !file.is_file() || !cipher::is_encrypted(file) {
        return Ok((None, None));
    }
    // Without key settings beside it, the file is taken as plain: the
    // checks then say what it is not.
    let settings = cipher::key_file(file);
    let Some(params) = KeyParams::read(&settings).map_err(crate::keys::explain)? else {
        return Ok((None, None));
    };
    let passphrase = crate::keys::given_or_asked("Passphrase of the encrypted backup", false)?
        .ok_or_else(|| crate::keys::explain(goodenough_store::file_error::FileError::NoPassphrase))?;
    let key = params
        .derive(&passphrase, &settings)
        .map_err(crate::keys::explain)?;
    if !cipher::opens(file, Some(&key))
        .await
        .map_err(crate::keys::explain)?
    {
        bail!(
            "This backup is encrypted and the passphrase did not open it. {}, or type it again; nothing was changed.",
            crate::keys::WHERE
        );
    }
    Ok((Some(key), Some(params)))
}

fn restore_hint(e: &FileError) -> &'static str {
    match e {
        FileError::Missing(_) | FileError::Directory(_) => {
            "Check the path (a backup is written by `goodenough backup --out FILE`). Nothing was changed."
        }
        FileError::ServerRunning(_) => {
            "Stop the server first (Ctrl-C where it runs), then restore again. Nothing was changed."
        }
        FileError::Newer { .. } => "Nothing was changed.",
        _ => "Choose another backup; nothing was changed.",
    }
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A size for people: "812 KB", "12.3 MB".
pub fn size(bytes: u64) -> String {
    let kb = bytes as f64 / 1000.0;
    if kb < 1000.0 {
        format!("{kb:.0} KB")
    } else {
        format!("{:.1} MB", kb / 1000.0)
    }
}

/// Backups made by `serve --backup-dir DIR --backup-every D --keep N`.
pub struct Schedule {
    pub db: PathBuf,
    /// The store's key when it is encrypted (its backups are too).
    pub key: Option<Key>,
    pub dir: PathBuf,
    pub every: std::time::Duration,
    pub keep: usize,
}

/// The names of scheduled backups: `goodenough-backup-<UTC instant>.db`, so
/// the oldest sort first and only these files are ever pruned.
const PREFIX: &str = "goodenough-backup-";
const SUFFIX: &str = ".db";

impl Schedule {
    /// Backs up now and then every `every`, until the server stops. A
    /// failure is reported and tried again at the next turn; the server
    /// goes on serving.
    pub async fn run(self) {
        loop {
            let name = format!(
                "{PREFIX}{}{SUFFIX}",
                chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
            );
            let out = self.dir.join(name);
            match store_backup::backup_sqlite_keyed(&self.db, &out, self.key.as_ref()).await {
                Ok(s) => {
                    tracing::info!(path = %s.path.display(), bytes = s.bytes, "backup written");
                    if let Err(e) = self.prune() {
                        eprintln!(
                            "A backup was written, but old ones in {} could not be removed ({e}).",
                            self.dir.display()
                        );
                    }
                }
                Err(e) => eprintln!(
                    "The scheduled backup failed: {e} It is tried again in {}.",
                    humantime::format_duration(self.every)
                ),
            }
            tokio::time::sleep(self.every).await;
        }
    }

    /// Removes the oldest scheduled backups beyond `keep`.
    fn prune(&self) -> std::io::Result<()> {
        let mut ours: Vec<PathBuf> = std::fs::read_dir(&self.dir)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
            })
            .collect();
        ours.sort();
        let extra = ours.len().saturating_sub(self.keep);
        for old in ours.into_iter().take(extra) {
            std::fs::remove_file(&old)?;
            // An encrypted backup's key settings go with it.
            match std::fs::remove_file(cipher::key_file(&old)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}
