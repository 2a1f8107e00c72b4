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
use goodenough_app::sealed::{self, Opener, Seal};
use goodenough_store::backup::{self as store_backup, BackupInfo};
use goodenough_store::cipher::{self, Key, KeyParams};
use goodenough_store::file_error::FileError;
use serde::Serialize;

use crate::config::Config;

/// Flags of `goodenough backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write (replaced whole if it exists; never left half-written).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Encrypt the backup of a plain store with a passphrase (age format;
    /// asked twice on a terminal, or --passphrase-file). An encrypted
    /// store's backup is encrypted with the store's own key already.
    #[arg(long)]
    encrypt: bool,
    /// Read the passphrase from the first line of FILE (implies --encrypt).
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    /// Encrypt to this age public key (age1…) instead of a passphrase, e.g.
    /// your practice's backup key; repeat for several.
    #[arg(long = "to", value_name = "AGE_PUBLIC_KEY", conflicts_with_all = ["encrypt", "passphrase_file"])]
    to: Vec<String>,
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
    /// For a backup written with `backup --encrypt`: read the passphrase
    /// from the first line of FILE (without it, goodenough asks on a terminal).
    #[arg(long, value_name = "FILE", conflicts_with = "identity")]
    passphrase_file: Option<PathBuf>,
    /// For a backup written with `backup --to KEY`: the age identity
    /// (secret key) file.
    #[arg(long, value_name = "FILE")]
    identity: Option<PathBuf>,
}

/// What `backup --json` prints.
#[derive(Debug, Serialize)]
struct Written {
    path: String,
    bytes: u64,
    store: String,
    /// "passphrase" or "age keys" for an age-encrypted backup, "store key"
    /// for the backup of an encrypted store.
    #[serde(skip_serializing_if = "Option::is_none")]
    encrypted: Option<&'static str>,
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
    // Everything that can be wrong with the encryption is found before
    // anything is copied.
    let sealing = !args.to.is_empty() || args.encrypt || args.passphrase_file.is_some();
    if sealing && cipher::is_encrypted(&db) {
        bail!(
            "this store is encrypted, so its backup is encrypted with the store's own key \
             already (and opens with the same passphrase); leave out --encrypt, \
             --passphrase-file and --to. Nothing was written."
        );
    }
    let seal = if !args.to.is_empty() {
        sealed::parse_recipients(&args.to)?;
        Some(Seal::Recipients(args.to.clone()))
    } else if args.encrypt || args.passphrase_file.is_some() {
        Some(Seal::Passphrase(super::secret::new_passphrase(
            args.passphrase_file.as_deref(),
        )?))
    } else {
        None
    };
    // An encrypted store's backup is encrypted with the same key.
    let key = crate::keys::unlock_db(&db).await?;
    let (snapshot, encrypted) = match &seal {
        None => (
            store_backup::backup_sqlite_keyed(&db, &args.out, key.as_ref())
                .await
                .map_err(|e| anyhow::anyhow!("{e} {}", backup_hint(&e)))?,
            key.as_ref().map(|_| "store key"),
        ),
        Some(seal) => (
            backup_sealed(&db, &args.out, seal).await?,
            Some(match seal {
                Seal::Passphrase(_) => "passphrase",
                Seal::Recipients(_) => "age keys",
            }),
        ),
    };
    if json {
        return crate::output::json(&Written {
            path: snapshot.path.display().to_string(),
            bytes: snapshot.bytes,
            store: db.display().to_string(),
            encrypted,
        });
    }
    let how = match &seal {
        Some(Seal::Passphrase(_)) => " It is encrypted (age): restoring it needs the passphrase.",
        Some(Seal::Recipients(_)) => {
            " It is encrypted (age) to the key given: restoring it needs the secret key \
             (`goodenough restore FILE --identity KEYFILE`)."
        }
        None => "",
    };
    println!(
        "Backed up the store to {} ({}). `goodenough restore {}` puts it back.{how}",
        snapshot.path.display(),
        size(snapshot.bytes),
        snapshot.path.display()
    );
    Ok(())
}

/// A plain store's backup sealed in the age format: a consistent snapshot
/// goes to a temporary file beside the store (where its plain text lives
/// anyway, never beside the backup), is read, removed, sealed and written
/// whole to `out`. Opens with `age -d` too: the result is the SQLite file.
async fn backup_sealed(db: &Path, out: &Path, seal: &Seal) -> Result<store_backup::Snapshot> {
    let nothing =
        "Choose a path in a directory that exists and that you can write to; nothing was written.";
    if out.is_dir() {
        bail!(
            "{} is a directory, not a backup file. {nothing}",
            out.display()
        );
    }
    let tmp = cipher::temp_beside(db, "backup");
    let copied = store_backup::backup_sqlite(db, &tmp).await;
    let read = copied.map(|_| std::fs::read(&tmp));
    let _ = std::fs::remove_file(&tmp);
    let plain = match read {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => bail!(
            "cannot read the snapshot of the store ({e}). Check the space left in {}; nothing was written.",
            db.parent().unwrap_or(Path::new(".")).display()
        ),
        Err(e) => bail!("{e} {}", backup_hint(&e)),
    };
    let bytes =
        sealed::seal(&plain, seal).map_err(|e| anyhow::anyhow!("{e} Nothing was written."))?;
    drop(plain);
    super::export::write_atomically_as(out, &bytes, "the backup")?;
    Ok(store_backup::Snapshot {
        path: out.to_path_buf(),
        bytes: bytes.len() as u64,
    })
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
    // is said before anything about the store. A backup sealed with age
    // (`backup --encrypt` or `--to`) is opened in memory here; what it
    // holds is checked once it is staged beside the store, below.
    let plain = open_sealed_backup(&args)?;
    let (key, params) = match plain {
        Some(_) => (None, None),
        None => {
            if args.passphrase_file.is_some() || args.identity.is_some() {
                bail!(
                    "{} is not encrypted with age, so --passphrase-file and --identity do not \
                     apply (they are for a backup written with `backup --encrypt` or `--to`); \
                     leave them out. Nothing was changed.",
                    args.file.display()
                );
            }
            let (key, params) = backup_key(&args.file).await?;
            store_backup::check_sqlite_backup_keyed(&args.file, key.as_ref())
                .await
                .map_err(refuse)?;
            (key, params)
        }
    };
    if plain.is_none() && same_file(&db, &args.file) {
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
    let staged = match &plain {
        Some(bytes) => store_backup::stage_bytes_beside(&db, bytes),
        None => store_backup::stage_beside(&db, &args.file),
    }
    .map_err(refuse)?;
    drop(plain);
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

/// The SQLite file inside a backup sealed with age, opened with the
/// passphrase or identity given (or a passphrase asked on a terminal);
/// `None` when the file is not sealed.
fn open_sealed_backup(args: &RestoreArgs) -> Result<Option<Vec<u8>>> {
    let file = &args.file;
    let mut start = [0u8; 64];
    let n = match std::fs::File::open(file).and_then(|mut f| {
        use std::io::Read;
        f.read(&mut start)
    }) {
        Ok(n) => n,
        // Said by the checks of a plain backup, with the usual sentences.
        Err(_) => return Ok(None),
    };
    if !sealed::is_sealed(&start[..n]) {
        return Ok(None);
    }
    let bytes = std::fs::read(file).with_context(|| {
        format!(
            "cannot read {}; check that you may read it. Nothing was changed",
            file.display()
        )
    })?;
    let nothing =
        |e: sealed::SealError| anyhow::anyhow!("{}: {e} Nothing was changed.", file.display());
    let opener = if let Some(identity) = &args.identity {
        Opener::Identities(super::secret::identity_from_file(identity)?)
    } else if let Some(pass) = &args.passphrase_file {
        Opener::Passphrase(super::secret::passphrase_from_file(pass)?)
    } else if !sealed::wants_passphrase(&bytes).map_err(nothing)? {
        bail!(
            "{} is encrypted to an age key: give its identity (secret key) file with --identity FILE. Nothing was changed.",
            file.display()
        );
    } else if crate::prompt::interactive() {
        Opener::Passphrase(crate::prompt::passphrase(
            "Passphrase of the encrypted backup",
            false,
        )?)
    } else {
        bail!(
            "{} is encrypted with a passphrase: give --passphrase-file FILE (stdin is not a terminal, so goodenough cannot ask). Nothing was changed.",
            file.display()
        );
    };
    sealed::open(&bytes, &opener).map(Some).map_err(nothing)
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
        .ok_or_else(|| {
            crate::keys::explain(goodenough_store::file_error::FileError::NoPassphrase)
        })?;
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
