//! The key that `goodenough unlock` keeps for a while, so that the commands
//! of one login session open an encrypted store without deriving its key
//! from the passphrase again (Argon2id is most of what an encrypted command
//! costs, by design).
//!
//! Like an SSH or GPG agent's key, the kept key is as sensitive as the
//! passphrase itself: whoever reads the file opens the store until it
//! expires. So it lives only where the operating system gives each user a
//! private place that does not outlive the login:
//!
//! - **`$XDG_RUNTIME_DIR/goodenough/`** and nowhere else. systemd-logind
//!   (and every desktop session) makes `XDG_RUNTIME_DIR` a per-user tmpfs,
//!   `/run/user/UID`, owned by the user with mode 0700 and removed at the
//!   last logout, so the key is in memory (never on a disk, never in a
//!   backup of the data directory) and gone at logout or reboot. When the
//!   variable is unset, or names a directory that is not the user's own
//!   with mode 0700, `unlock` refuses with a sentence instead of falling
//!   back to a place on disk (the data directory, `/tmp`): a key written
//!   there would outlive the session and travel with copies of the disk.
//! - **One file per store**, named by a digest of the database's full path,
//!   written whole (a temporary file created with mode 0600, flushed,
//!   renamed), mode 0600 in a directory of mode 0700, both checked again
//!   before a key is read: a file another user could have written or read
//!   is not used.
//! - **An expiry** (`unlock --for 8h` by default, at most a week) kept in
//!   the file and checked by every command; an expired file is removed by
//!   the first command that finds it. The store's salt is kept beside the
//!   key, so after `rekey` or a restore with another key the old kept key
//!   is recognised as stale without trying it; every use is checked all
//!   the same by opening the store with it (a key that does not open it is
//!   forgotten, and the passphrase is asked for as before).
//!
//! The key never appears in a log, a message or a command line; the file
//! holds the key, the salt, the store's path and the expiry, and no record.

use std::fs::{DirBuilder, OpenOptions};
use std::io::Write as _;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use goodenough_store::cipher::Key;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The environment variable naming the per-user runtime directory.
pub const RUNTIME_ENV: &str = "XDG_RUNTIME_DIR";

/// The longest a key may be kept.
pub const LONGEST: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// Why the kept key cannot be written (or looked for) here.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// No runtime directory.
    #[error(
        "goodenough keeps an unlocked key only in your login session's private runtime \
         directory (XDG_RUNTIME_DIR, normally /run/user/<your uid>, which lives in memory and \
         is emptied when you log out), and XDG_RUNTIME_DIR is not set here, so nothing was \
         kept. Log in through a session that sets it (a desktop, SSH or `machinectl shell` \
         on a system with systemd-logind), or keep giving the passphrase with --key-file \
         FILE or GOODENOUGH_PASSPHRASE."
    )]
    NoRuntimeDir,
    /// The runtime directory is not private.
    #[error(
        "{path} (named by {what}) is not a private directory of yours ({why}), so goodenough \
         will not keep a key in it and nothing was kept. XDG_RUNTIME_DIR must name a \
         directory that you own with mode 0700 (normally /run/user/<your uid>); or keep \
         giving the passphrase with --key-file FILE or GOODENOUGH_PASSPHRASE."
    )]
    NotPrivate {
        path: String,
        what: &'static str,
        why: String,
    },
    /// The file system said no.
    #[error("cannot {action} {path} ({reason}).")]
    Io {
        action: &'static str,
        path: String,
        reason: String,
    },
}

/// What a command finds for its store.
#[derive(Debug)]
pub enum Found {
    /// Nothing kept (or no runtime directory to keep it in).
    Nothing,
    /// A key to try (it is checked by opening the store with it), and
    /// when it stops being used.
    Key { key: Key, until: DateTime<Utc> },
    /// A kept key that is not used, and the sentence that says why (it was
    /// removed when that is safe).
    Unusable(String),
}

/// What the file holds.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeptFile {
    /// The database's full path.
    store: String,
    /// The salt of the key settings the key was derived with.
    salt: String,
    /// When the key stops being used (RFC 3339, UTC).
    until: DateTime<Utc>,
    /// The raw key, hexadecimal.
    key: String,
}

/// The user this process runs as: the owner of `/proc/self` (Linux gives
/// it the process's effective user id). `None` where there is no `/proc`,
/// and then no directory counts as private: nothing is kept.
fn euid() -> Option<u32> {
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

/// Checks that `path` is a directory (not a link to one), owned by this
/// user, that nobody else may read, write or enter.
fn check_private_dir(path: &Path, what: &'static str) -> Result<(), Refusal> {
    let not_private = |why: String| Refusal::NotPrivate {
        path: path.display().to_string(),
        what,
        why,
    };
    let meta = std::fs::symlink_metadata(path).map_err(|e| not_private(e.to_string()))?;
    if !meta.file_type().is_dir() {
        return Err(not_private("it is not a directory".into()));
    }
    match euid() {
        Some(me) if me == meta.uid() => {}
        Some(_) => {
            return Err(not_private(format!(
                "it belongs to user id {}, not to you",
                meta.uid()
            )))
        }
        None => {
            return Err(not_private(
                "goodenough cannot tell which user it runs as without /proc".into(),
            ))
        }
    }
    if meta.mode() & 0o077 != 0 {
        return Err(not_private(format!(
            "its mode is {:04o}; others may use it",
            meta.mode() & 0o7777
        )));
    }
    Ok(())
}

/// `$XDG_RUNTIME_DIR`, checked to be private.
fn runtime_dir() -> Result<PathBuf, Refusal> {
    let dir = std::env::var_os(RUNTIME_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .ok_or(Refusal::NoRuntimeDir)?;
    if !dir.is_absolute() {
        return Err(Refusal::NotPrivate {
            path: dir.display().to_string(),
            what: RUNTIME_ENV,
            why: "it is not an absolute path".into(),
        });
    }
    check_private_dir(&dir, RUNTIME_ENV)?;
    Ok(dir)
}

/// The directory of kept keys, `$XDG_RUNTIME_DIR/goodenough`, checked to
/// be private when it exists, and made (mode 0700) when `create` and missing.
fn keys_dir(create: bool) -> Result<PathBuf, Refusal> {
    let dir = runtime_dir()?.join("goodenough");
    let io = |action: &'static str| {
        let path = dir.display().to_string();
        move |e: std::io::Error| Refusal::Io {
            action,
            path,
            reason: e.to_string(),
        }
    };
    match std::fs::symlink_metadata(&dir) {
        Ok(_) => {}
        // Nothing was ever kept here.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !create => return Ok(dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .or_else(|e| {
                // Another command made it at the same moment (and it is
                // checked below like any other).
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Ok(())
                } else {
                    Err(e)
                }
            })
            .map_err(io("create"))?,
        Err(e) => return Err(io("read")(e)),
    }
    check_private_dir(&dir, "the kept keys' directory")?;
    Ok(dir)
}

/// Whether a key could be kept here: the runtime directory is private, and
/// so is its `goodenough/` directory when there is one already.
pub fn check_can_keep() -> Result<(), Refusal> {
    keys_dir(false).map(|_| ())
}

/// Where a key would be kept, without any check: for removing only.
fn unchecked_dir() -> Option<PathBuf> {
    std::env::var_os(RUNTIME_ENV)
        .filter(|d| !d.is_empty())
        .map(|d| PathBuf::from(d).join("goodenough"))
}

/// The database's full path, as the file names and records it.
fn full_path(db: &Path) -> PathBuf {
    std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf())
}

/// The file name of the key kept for the store at `db` (full path): a
/// digest, so a directory listing does not show where the stores are.
fn file_name(db: &Path) -> String {
    let digest = Sha256::digest(db.as_os_str().as_encoded_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("store-{hex}.key")
}

/// Where the key of the store at `db` is kept, when there is a private
/// runtime directory.
pub fn path_for(db: &Path) -> Result<PathBuf, Refusal> {
    Ok(keys_dir(false)?.join(file_name(&full_path(db))))
}

/// Keeps `key` (derived with the key settings of `salt`) for the store at
/// `db` until `until`; returns the file. Written whole, mode 0600.
pub fn keep(db: &Path, salt: &str, key: &Key, until: DateTime<Utc>) -> Result<PathBuf, Refusal> {
    let db = full_path(db);
    let dir = keys_dir(true)?;
    let path = dir.join(file_name(&db));
    let io = |action: &'static str, path: &Path| {
        let path = path.display().to_string();
        move |e: std::io::Error| Refusal::Io {
            action,
            path,
            reason: e.to_string(),
        }
    };
    let file = KeptFile {
        store: db.display().to_string(),
        salt: salt.to_string(),
        until,
        key: key.expose_hex(),
    };
    let text = format!(
        "# The key of an encrypted goodenough store, kept by `goodenough unlock` until the time\n\
         # below. As secret as the passphrase; `goodenough lock` removes it.\n{}",
        toml::to_string(&file).map_err(|e| Refusal::Io {
            action: "write",
            path: path.display().to_string(),
            reason: e.to_string(),
        })?
    );
    let tmp = dir.join(format!(".{}.{}.tmp", file_name(&db), std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io("write", &path)(e));
    }
    Ok(path)
}

/// The key kept for the store at `db` (whose key settings have `salt`), as
/// of `now`. Never an error: whatever is wrong is a sentence in
/// [`Found::Unusable`], and the command asks for the passphrase instead.
pub fn find(db: &Path, salt: &str, now: DateTime<Utc>) -> Found {
    let Ok(path) = path_for(db) else {
        return Found::Nothing;
    };
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(_) => return Found::Nothing,
    };
    let shown = path.display();
    if !meta.file_type().is_file() || Some(meta.uid()) != euid() || meta.mode() & 0o077 != 0 {
        return Found::Unusable(format!(
            "The kept key {shown} is not a file only you can read (mode {:04o}), so it was not \
             used; remove it and run `goodenough unlock` again.",
            meta.mode() & 0o7777
        ));
    }
    let forget = |why: String| {
        let _ = std::fs::remove_file(&path);
        Found::Unusable(why)
    };
    let parsed = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| toml::from_str::<KeptFile>(&text).ok());
    let Some(file) = parsed else {
        return forget(
            "The key kept by `goodenough unlock` could not be read, so it was removed.".to_string(),
        );
    };
    if file.store != full_path(db).display().to_string() {
        return Found::Nothing;
    }
    if file.until <= now {
        return forget(format!(
            "The key kept by `goodenough unlock` expired at {} UTC, so it was removed.",
            file.until.format("%Y-%m-%d %H:%M")
        ));
    }
    if file.salt != salt {
        return forget(
            "The key kept by `goodenough unlock` was for another passphrase of this store (it \
             was changed or the store restored since), so it was removed."
                .to_string(),
        );
    }
    match Key::from_hex(&file.key) {
        Some(key) => Found::Key {
            key,
            until: file.until,
        },
        None => forget(
            "The key kept by `goodenough unlock` could not be read, so it was removed.".to_string(),
        ),
    }
}

/// Forgets the key kept for the store at `db`; whether there was one.
/// (Removing needs no check that the directory is private: a key found in
/// one that is not is removed all the same.)
pub fn forget(db: &Path) -> Result<bool, Refusal> {
    match unchecked_dir() {
        Some(dir) => remove(&dir.join(file_name(&full_path(db)))),
        None => Ok(false),
    }
}

/// Forgets every kept key (of every store); how many there were.
pub fn forget_all() -> Result<usize, Refusal> {
    let Some(dir) = unchecked_dir() else {
        return Ok(0);
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => {
            return Err(Refusal::Io {
                action: "read",
                path: dir.display().to_string(),
                reason: e.to_string(),
            })
        }
    };
    let mut count = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("store-") && name.ends_with(".key") && remove(&entry.path())? {
            count += 1;
        }
    }
    Ok(count)
}

fn remove(path: &Path) -> Result<bool, Refusal> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Refusal::Io {
            action: "remove",
            path: path.display().to_string(),
            reason: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_survives_its_hex_form_and_nothing_else_is_a_key() {
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let key = Key::from_hex(hex).expect("a key");
        assert_eq!(key.expose_hex(), hex);
        assert!(Key::from_hex(&hex[..62]).is_none(), "too short");
        assert!(Key::from_hex(&format!("{hex}00")).is_none(), "too long");
        assert!(Key::from_hex(&hex.replace('a', "g")).is_none(), "not hex");
        assert_eq!(format!("{key:?}"), "Key(hidden)");
    }

    #[test]
    fn each_store_has_its_own_file_name_that_does_not_show_its_path() {
        let a = file_name(Path::new("/home/ann/.local/share/goodenough/goodenough.db"));
        let b = file_name(Path::new("/home/ann/other/goodenough.db"));
        assert_ne!(a, b);
        assert!(a.starts_with("store-") && a.ends_with(".key"));
        assert!(!a.contains("ann"));
    }
}
