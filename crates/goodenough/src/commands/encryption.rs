//! `goodenough encrypt`, `rekey` and `decrypt`: turning encryption at rest
//! on, changing its passphrase and turning it off, for the embedded SQLite
//! store (see `goodenough_store::cipher` for how the key is made and kept).
//!
//! Each writes a whole new database file beside the store (SQLCipher's
//! `sqlcipher_export`), checks its integrity with its own key, and only then
//! renames it over the store, after folding in and removing the old WAL. New
//! key settings are written under a second name first and promoted after
//! the rename; opening tries both, so a process killed at any moment leaves
//! a store that opens with the old or the new passphrase. Each refuses while
//! a server runs on the store, and a refusal changes nothing. `rekey` and
//! `decrypt` take the passphrase itself, not a key kept by `goodenough
//! unlock`, and forget such a key when they are done.

use std::path::Path;

use anyhow::{bail, Result};
use goodenough_store::backup as store_backup;
use goodenough_store::cipher::{self, KeyParams};
use serde::Serialize;

use crate::config::Config;
use crate::keys;

/// What `--json` prints.
#[derive(Debug, Serialize)]
struct Done {
    store: String,
    encrypted: bool,
    key_file: Option<String>,
}

/// The environment variable that may hold the new passphrase of `rekey`.
pub const NEW_PASSPHRASE_ENV: &str = "GOODENOUGH_NEW_PASSPHRASE";

/// Flags of `goodenough rekey`.
#[derive(Debug, clap::Args)]
pub struct RekeyArgs {
    /// A file whose first line is the new passphrase (else
    /// GOODENOUGH_NEW_PASSPHRASE, else asked on the terminal). The current
    /// one comes from --key-file, GOODENOUGH_PASSPHRASE or a question.
    #[arg(long, value_name = "FILE")]
    new_key_file: Option<std::path::PathBuf>,
}

/// The shortest passphrase accepted for a store.
const MIN_CHARS: usize = 8;

fn check_new(passphrase: Option<String>, how: &str) -> Result<String> {
    let Some(passphrase) = passphrase else {
        bail!(
            "a new passphrase is needed: give it with {how} (stdin is not a terminal, so \
             goodenough cannot ask). Nothing was changed."
        );
    };
    if passphrase.chars().count() < MIN_CHARS {
        bail!(
            "the passphrase is shorter than {MIN_CHARS} characters; choose a longer one (a few \
             words are easy to remember). Nothing was changed."
        );
    }
    Ok(passphrase)
}

/// The store's file, refusing what must not be encrypted or changed now.
/// Returns the lock that keeps servers out until the change is done.
fn prepare(config: &Config) -> Result<(std::path::PathBuf, std::fs::File)> {
    let db = keys::sqlite_only(config)?;
    if !db.is_file() {
        bail!(
            "there is no goodenough store at {} yet; check --data-dir (or GOODENOUGH_HOME). \
             Nothing was changed.",
            db.display()
        );
    }
    let lock = store_backup::lock_out_servers(&db).map_err(|e| {
        anyhow::anyhow!("{e} Stop the server first (Ctrl-C where it runs), then try again. Nothing was changed.")
    })?;
    Ok((db, lock))
}

fn cleanup(paths: &[&Path]) {
    for p in paths {
        let _ = std::fs::remove_file(p);
    }
}

/// Runs `goodenough encrypt`.
pub async fn encrypt(data_dir: Option<&Path>, database: Option<&str>, json: bool) -> Result<()> {
    let config = Config::load(data_dir, database)?;
    let (db, _lock) = prepare(&config)?;
    if cipher::is_encrypted(&db) {
        bail!(
            "this store is already encrypted. To change its passphrase, run `goodenough rekey`. \
             Nothing was changed."
        );
    }
    let passphrase = check_new(
        keys::given_or_asked("New passphrase for the store", true)?,
        "--key-file FILE or GOODENOUGH_PASSPHRASE",
    )?;
    let params = KeyParams::fresh();
    let pending = cipher::pending_key_file(&db);
    let key = params
        .derive(&passphrase, &pending)
        .map_err(keys::explain)?;
    let tmp = cipher::temp_beside(&db, "encrypt");
    cleanup(&[&tmp]);
    let done = async {
        cipher::export_to(&db, None, &tmp, Some(&key)).await?;
        params.write(&pending)?;
        cipher::swap_in(&db, None, &tmp).await?;
        promote(&db)
    }
    .await;
    if let Err(e) = done {
        cleanup(&[&tmp]);
        return Err(keys::explain(e));
    }
    say(
        json,
        &db,
        true,
        format!(
            "The store {} is now encrypted. Keep the passphrase safe: without it nobody, you \
             included, can open the store. Its salt is in {} (not secret; keep it beside the \
             store). Commands and `serve` take the passphrase from --key-file FILE or \
             GOODENOUGH_PASSPHRASE, or ask for it.",
            db.display(),
            cipher::key_file(&db).display()
        ),
    )
}

/// Runs `goodenough rekey`.
pub async fn rekey(
    data_dir: Option<&Path>,
    database: Option<&str>,
    json: bool,
    args: RekeyArgs,
) -> Result<()> {
    let config = Config::load(data_dir, database)?;
    let (db, _lock) = prepare(&config)?;
    if !cipher::is_encrypted(&db) {
        bail!(
            "this store is not encrypted, so it has no passphrase to change; `goodenough \
             encrypt` turns encryption on. Nothing was changed."
        );
    }
    let old = keys::unlock_db_by_passphrase(&db).await?;
    let new_passphrase = match &args.new_key_file {
        Some(path) => Some(
            crate::commands::secret::passphrase_from_file(path)
                .map(|s| goodenough_app::sealed::ExposeSecret::expose_secret(&s).to_string())
                .map_err(|e| anyhow::anyhow!("{e} Nothing was changed."))?,
        ),
        None => match std::env::var(NEW_PASSPHRASE_ENV)
            .ok()
            .filter(|p| !p.is_empty())
        {
            Some(p) => Some(p),
            None if crate::prompt::interactive() => Some(
                goodenough_app::sealed::ExposeSecret::expose_secret(&crate::prompt::passphrase(
                    "New passphrase for the store",
                    true,
                )?)
                .to_string(),
            ),
            None => None,
        },
    };
    let passphrase = check_new(
        new_passphrase,
        "--new-key-file FILE or GOODENOUGH_NEW_PASSPHRASE",
    )?;
    let params = KeyParams::fresh();
    let pending = cipher::pending_key_file(&db);
    let key = params
        .derive(&passphrase, &pending)
        .map_err(keys::explain)?;
    let tmp = cipher::temp_beside(&db, "rekey");
    cleanup(&[&tmp]);
    let done = async {
        cipher::export_to(&db, old.as_ref(), &tmp, Some(&key)).await?;
        params.write(&pending)?;
        cipher::swap_in(&db, old.as_ref(), &tmp).await?;
        promote(&db)
    }
    .await;
    if let Err(e) = done {
        cleanup(&[&tmp]);
        // The store still opens with the old passphrase; the new settings
        // are removed the next time it is opened.
        return Err(keys::explain(e));
    }
    // A key kept by `goodenough unlock` was the old passphrase's.
    let _ = crate::kept::forget(&db);
    say(
        json,
        &db,
        true,
        format!(
            "The store {} now opens with the new passphrase only (a new salt is in {}). Backups \
             made before keep the passphrase they were made with.",
            db.display(),
            cipher::key_file(&db).display()
        ),
    )
}

/// Runs `goodenough decrypt`.
pub async fn decrypt(data_dir: Option<&Path>, database: Option<&str>, json: bool) -> Result<()> {
    let config = Config::load(data_dir, database)?;
    let (db, _lock) = prepare(&config)?;
    if !cipher::is_encrypted(&db) {
        bail!("this store is not encrypted, so there is nothing to decrypt. Nothing was changed.");
    }
    let key = keys::unlock_db_by_passphrase(&db).await?;
    let tmp = cipher::temp_beside(&db, "decrypt");
    cleanup(&[&tmp]);
    let done = async {
        cipher::export_to(&db, key.as_ref(), &tmp, None).await?;
        cipher::swap_in(&db, key.as_ref(), &tmp).await
    }
    .await;
    if let Err(e) = done {
        cleanup(&[&tmp]);
        return Err(keys::explain(e));
    }
    // A plain store ignores key settings and kept keys; they are removed
    // all the same.
    cleanup(&[&cipher::key_file(&db), &cipher::pending_key_file(&db)]);
    let _ = crate::kept::forget(&db);
    say(
        json,
        &db,
        false,
        format!(
            "The store {} is no longer encrypted: anyone who can read the file can read what is \
             in it. `goodenough encrypt` turns encryption on again.",
            db.display()
        ),
    )
}

/// Puts the pending key settings in place (after the new database is).
fn promote(db: &Path) -> std::result::Result<(), goodenough_store::file_error::FileError> {
    let main = cipher::key_file(db);
    std::fs::rename(cipher::pending_key_file(db), &main).map_err(|e| {
        goodenough_store::file_error::FileError::Io {
            action: "write",
            path: main.display().to_string(),
            reason: e.to_string(),
        }
    })
}

fn say(json: bool, db: &Path, encrypted: bool, text: String) -> Result<()> {
    if json {
        return crate::output::json(&Done {
            store: db.display().to_string(),
            encrypted,
            key_file: encrypted.then(|| cipher::key_file(db).display().to_string()),
        });
    }
    println!("{text}");
    Ok(())
}
