//! `goodenough unlock` and `goodenough lock`: keeping the key of an
//! encrypted store for a while, so that the commands of a working session
//! do not ask for the passphrase (nor derive the key from it) each time.
//!
//! `unlock` takes the passphrase as every command does (`--key-file`,
//! `GOODENOUGH_PASSPHRASE` or a question), checks that it opens the store,
//! and only then keeps the key (see [`crate::kept`] for where and how); a
//! wrong passphrase keeps nothing. `lock` forgets it (or, with `--all`,
//! every store's), and needs no passphrase.

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use goodenough_store::cipher::{self, KeyParams};
use serde::Serialize;

use crate::config::Config;
use crate::{kept, keys};

/// Flags of `goodenough unlock`.
#[derive(Debug, clap::Args)]
pub struct UnlockArgs {
    /// How long the key is kept, e.g. 8h, 30m, 2d (at most a week). It is
    /// forgotten sooner by `goodenough lock`, and at logout.
    #[arg(long = "for", value_name = "DURATION", default_value = "8h", value_parser = kept_for)]
    for_: Duration,
    /// Only say whether this store is unlocked and until when; asks for
    /// nothing and keeps nothing.
    #[arg(long, conflicts_with = "for_")]
    status: bool,
}

/// Flags of `goodenough lock`.
#[derive(Debug, clap::Args)]
pub struct LockArgs {
    /// Forget the kept keys of every store, not only this one's.
    #[arg(long)]
    all: bool,
}

/// How long to keep a key: a minute to a week.
fn kept_for(raw: &str) -> Result<Duration, String> {
    match humantime::parse_duration(raw.trim()) {
        Ok(d) if d < Duration::from_secs(60) => Err(format!(
            "\"{raw}\" is shorter than a minute; write how long to keep the key, such as 8h or 30m"
        )),
        Ok(d) if d > kept::LONGEST => Err(format!(
            "\"{raw}\" is longer than a week, the longest a key is kept; write 7d or less \
             (`goodenough unlock` again renews it)"
        )),
        Ok(d) => Ok(d),
        Err(_) => Err(format!(
            "\"{raw}\" is not a duration; write it like 24h, 8h or 30m (how long to keep the key)"
        )),
    }
}

/// What `unlock --json` prints.
#[derive(Debug, Serialize)]
struct Unlocked {
    store: String,
    unlocked: bool,
    until: DateTime<Utc>,
    kept_in: String,
}

/// What `unlock --status --json` prints.
#[derive(Debug, Serialize)]
struct UnlockStatus {
    store: String,
    encrypted: bool,
    /// A kept key is in place and is used until `until`.
    unlocked: bool,
    until: Option<DateTime<Utc>>,
    /// Why a kept key found is not used (it was removed when that is safe).
    note: Option<String>,
}

/// What `lock --json` prints.
#[derive(Debug, Serialize)]
struct Locked {
    /// The store, or `null` with `--all`.
    store: Option<String>,
    /// How many kept keys were forgotten.
    forgotten: usize,
}

/// Runs `goodenough unlock`.
pub async fn unlock(
    data_dir: Option<&Path>,
    database: Option<&str>,
    json: bool,
    args: UnlockArgs,
) -> Result<()> {
    let config = Config::load(data_dir, database)?;
    let db = keys::sqlite_only(&config)?;
    if !db.is_file() {
        bail!(
            "there is no goodenough store at {} yet; check --data-dir (or GOODENOUGH_HOME). \
             Nothing was kept.",
            db.display()
        );
    }
    if args.status {
        return status(&db, json);
    }
    if !cipher::is_encrypted(&db) {
        bail!(
            "this store is not encrypted, so it has no passphrase to keep: every command opens \
             it as it is. `goodenough encrypt` turns encryption on."
        );
    }
    // Where the key would go is checked before the passphrase is asked for.
    kept::check_can_keep()?;
    let Some(key) = keys::unlock_db_by_passphrase(&db).await? else {
        bail!("this store is not encrypted, so it has no passphrase to keep.");
    };
    // After a successful unlock the key settings are the ones in place.
    let params = KeyParams::read(&cipher::key_file(&db))
        .map_err(keys::explain)?
        .ok_or_else(|| {
            keys::explain(goodenough_store::file_error::FileError::NoKeyFile(
                cipher::key_file(&db).display().to_string(),
            ))
        })?;
    let until = crate::context::now()
        + chrono::Duration::from_std(args.for_).unwrap_or_else(|_| chrono::Duration::hours(8));
    let path = kept::keep(&db, &params.salt, &key, until).map_err(|e| match e {
        kept::Refusal::Io { .. } => anyhow::anyhow!("{e} Nothing was kept."),
        e => e.into(),
    })?;
    if json {
        return crate::output::json(&Unlocked {
            store: db.display().to_string(),
            unlocked: true,
            until,
            kept_in: path.display().to_string(),
        });
    }
    println!(
        "The store {} is unlocked until {} UTC: commands on it do not ask for the passphrase \
         until then. The key is kept in {} (yours alone, in memory, gone when you log out); \
         `goodenough lock` forgets it sooner.",
        db.display(),
        until.format("%Y-%m-%d %H:%M"),
        path.display()
    );
    Ok(())
}

/// `goodenough unlock --status`: whether a key is kept for the store at
/// `db` and until when, from the kept file alone (the key is not tried, no
/// passphrase is asked for).
fn status(db: &Path, json: bool) -> Result<()> {
    let encrypted = cipher::is_encrypted(db);
    let params = if encrypted {
        KeyParams::read(&cipher::key_file(db)).map_err(keys::explain)?
    } else {
        None
    };
    let (until, note) = match &params {
        Some(params) => match kept::find(db, &params.salt, crate::context::now()) {
            kept::Found::Nothing => (None, None),
            kept::Found::Key { until, .. } => (Some(until), None),
            kept::Found::Unusable(why) => (None, Some(why)),
        },
        None => (None, None),
    };
    if json {
        return crate::output::json(&UnlockStatus {
            store: db.display().to_string(),
            encrypted,
            unlocked: until.is_some(),
            until,
            note,
        });
    }
    if !encrypted {
        println!(
            "The store {} is not encrypted: every command opens it as it is, with no passphrase.",
            db.display()
        );
        return Ok(());
    }
    if let Some(note) = &note {
        println!("{note}");
    }
    match until {
        Some(until) => println!(
            "The store {} is unlocked until {} UTC; `goodenough lock` forgets the key sooner.",
            db.display(),
            until.format("%Y-%m-%d %H:%M")
        ),
        None => println!(
            "The store {} is locked: each command asks for the passphrase (or reads \
             --key-file / GOODENOUGH_PASSPHRASE). `goodenough unlock` keeps the key for a while.",
            db.display()
        ),
    }
    Ok(())
}

/// Runs `goodenough lock`.
pub async fn lock(
    data_dir: Option<&Path>,
    database: Option<&str>,
    json: bool,
    args: LockArgs,
) -> Result<()> {
    if args.all {
        let forgotten = kept::forget_all()?;
        if json {
            return crate::output::json(&Locked {
                store: None,
                forgotten,
            });
        }
        match forgotten {
            0 => println!("No store was unlocked; nothing to forget."),
            1 => println!("Forgot the one kept key: its store asks for the passphrase again."),
            n => println!("Forgot {n} kept keys: their stores ask for the passphrase again."),
        }
        return Ok(());
    }
    let config = Config::load(data_dir, database)?;
    let db = keys::sqlite_only(&config)?;
    let forgotten = usize::from(kept::forget(&db)?);
    if json {
        return crate::output::json(&Locked {
            store: Some(db.display().to_string()),
            forgotten,
        });
    }
    if forgotten == 1 {
        println!(
            "Forgot the kept key of {}: commands on it ask for the passphrase again.",
            db.display()
        );
    } else {
        println!("{} was not unlocked; nothing to forget.", db.display());
    }
    Ok(())
}
