//! Where the CLI gets a passphrase or an age identity for encrypted exports:
//! a file (`--passphrase-file`, `--identity`) for scripts, or a question on
//! the terminal (the passphrase is never a flag's value, so it stays out of
//! the shell's history and the process list).

use std::path::Path;

use anyhow::{bail, Result};
use goodenough_app::sealed::{self, SecretString};

/// Reads a passphrase from the first line of `path` (its line ending left out).
pub fn passphrase_from_file(path: &Path) -> Result<SecretString> {
    let text = read(path, "passphrase file")?;
    let line = text.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        bail!(
            "the passphrase file {} is empty; put the passphrase on its first line.",
            path.display()
        );
    }
    Ok(SecretString::from(line))
}

/// Reads an age identity file (its text).
pub fn identity_from_file(path: &Path) -> Result<String> {
    read(path, "identity file")
}

fn read(path: &Path, what: &str) -> Result<String> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(text),
            Err(_) => bail!("the {what} {} is not a text file.", path.display()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("there is no {what} at {}; check the path.", path.display())
        }
        Err(e) => bail!("cannot read the {what} {} ({e}).", path.display()),
    }
}

/// The passphrase for sealing: from the file, or asked twice on a terminal.
pub fn new_passphrase(file: Option<&Path>) -> Result<SecretString> {
    let passphrase = match file {
        Some(path) => passphrase_from_file(path)?,
        None if crate::prompt::interactive() => {
            crate::prompt::passphrase("Passphrase for the encrypted export", true)?
        }
        None => bail!(
            "an encrypted export needs a passphrase: give --passphrase-file FILE (stdin is not a terminal, so goodenough cannot ask)."
        ),
    };
    sealed::check_new_passphrase(&passphrase)?;
    Ok(passphrase)
}
