//! Encrypted exports: the export document sealed in the standard age
//! format (age-encryption.org/v1, with the `age` crate), so a file opens with
//! the ordinary `age` tool without goodenough, and goodenough opens files
//! that tool wrote.
//!
//! Two ways to seal: a passphrase (age's scrypt recipient, work factor 2^18
//! like the reference tool: about a second and 256 MiB to open, which is
//! what makes guessing slow), or one or more age public keys (`age1…`, e.g. a
//! practice's backup key). Opening takes the passphrase or an age identity
//! file (`AGE-SECRET-KEY-1…` lines). Files are written binary; armored files
//! (`-----BEGIN AGE ENCRYPTED FILE-----`, what `age -a` writes and what the
//! web page offers, since text can be pasted) are read as well.
//!
//! Everything here is computation on bytes in memory, no files and no
//! network; opening a passphrase file is slow on purpose, so a server runs
//! it off its request threads and one at a time. Every error is a sentence
//! that names no flag or field; the front ends add how to go on. Nothing
//! here logs, and a passphrase is held in `SecretString` (zeroed on drop).

use std::io::{Read, Write};

pub use age::secrecy::{ExposeSecret, SecretString};
use thiserror::Error;

/// The scrypt work factor (log2 N) used when sealing with a passphrase:
/// the reference `age` tool's.
const WORK_FACTOR: u8 = 18;
/// The largest work factor accepted when opening (2^22: about 16 s).
const MAX_WORK_FACTOR: u8 = 22;
/// The shortest passphrase accepted for sealing.
pub const MIN_PASSPHRASE: usize = 8;

/// The start of a binary age file.
const BINARY_MAGIC: &[u8] = b"age-encryption.org/";
/// The first line of an armored age file.
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// Why a file could not be sealed or opened.
#[derive(Debug, Error)]
pub enum SealError {
    /// The passphrase chosen for sealing is too short.
    #[error("a passphrase needs at least {MIN_PASSPHRASE} characters; choose a longer one (a few words are easy to remember).")]
    ShortPassphrase,
    /// A public key that is not one.
    #[error(
        "\"{0}\" is not an age public key (they begin with age1, as `age-keygen` prints them)."
    )]
    BadRecipient(String),
    /// Not an age file at all.
    #[error("this file is not age-encrypted (an encrypted export begins with \"age-encryption.org/v1\").")]
    NotAge,
    /// The passphrase does not open the file.
    #[error("that passphrase does not open this file; check it and try again.")]
    WrongPassphrase,
    /// Sealed with a passphrase, opened with a key.
    #[error("this file was encrypted with a passphrase, not to a key; give the passphrase.")]
    NeedsPassphrase,
    /// Sealed to keys, opened with a passphrase.
    #[error("this file was encrypted to an age key, not with a passphrase; give the identity (secret key) file.")]
    NeedsIdentity,
    /// None of the identities fits.
    #[error(
        "none of the keys in the identity file opens this file; it was encrypted to another key."
    )]
    WrongIdentity,
    /// The identity file is not one.
    #[error("the identity file holds no age secret key (lines beginning with AGE-SECRET-KEY-1).")]
    BadIdentityFile,
    /// Damaged: cut short or changed after sealing.
    #[error("this file is damaged: it was cut short or changed after it was encrypted.")]
    Damaged,
    /// Sealed with a far larger work factor than anyone needs.
    #[error("this file asks for far more work to open than goodenough allows (it was not made by goodenough or the age tool's defaults).")]
    TooMuchWork,
    /// Anything else age reports.
    #[error("the encrypted file could not be handled ({0}).")]
    Other(String),
}

/// How to seal.
pub enum Seal {
    /// With a passphrase (age's scrypt recipient).
    Passphrase(SecretString),
    /// To one or more age public keys (`age1…`).
    Recipients(Vec<String>),
}

/// How to open.
pub enum Opener {
    /// The passphrase it was sealed with.
    Passphrase(SecretString),
    /// The text of an age identity file.
    Identities(String),
}

/// Whether `bytes` look like an age file (binary or armored).
pub fn is_sealed(bytes: &[u8]) -> bool {
    let start = trim_start(bytes);
    start.starts_with(BINARY_MAGIC) || start.starts_with(ARMOR_BEGIN)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

/// Checks a passphrase chosen for sealing.
pub fn check_new_passphrase(passphrase: &SecretString) -> Result<(), SealError> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE {
        return Err(SealError::ShortPassphrase);
    }
    Ok(())
}

/// Checks public keys given for sealing, each `age1…`.
pub fn parse_recipients(keys: &[String]) -> Result<Vec<age::x25519::Recipient>, SealError> {
    keys.iter()
        .map(|k| {
            k.trim()
                .parse::<age::x25519::Recipient>()
                .map_err(|_| SealError::BadRecipient(shorten(k)))
        })
        .collect()
}

fn shorten(k: &str) -> String {
    let k = k.trim();
    if k.chars().count() > 80 {
        format!("{}…", k.chars().take(80).collect::<String>())
    } else {
        k.to_string()
    }
}

/// Seals `plain` in the binary age format.
pub fn seal(plain: &[u8], how: &Seal) -> Result<Vec<u8>, SealError> {
    let encryptor = match how {
        Seal::Passphrase(p) => {
            check_new_passphrase(p)?;
            let mut recipient = age::scrypt::Recipient::new(p.clone());
            recipient.set_work_factor(WORK_FACTOR);
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| SealError::Other(e.to_string()))?
        }
        Seal::Recipients(keys) => {
            let recipients = parse_recipients(keys)?;
            if recipients.is_empty() {
                return Err(SealError::Other("no public key was given".into()));
            }
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| SealError::Other(e.to_string()))?
        }
    };
    let mut out = Vec::with_capacity(plain.len() + 512);
    let written = (|| -> std::io::Result<()> {
        let mut writer = encryptor.wrap_output(&mut out)?;
        writer.write_all(plain)?;
        writer.finish()?;
        Ok(())
    })();
    written.map_err(|e| SealError::Other(e.to_string()))?;
    Ok(out)
}

/// Seals `plain` and armors it (text, `-----BEGIN AGE ENCRYPTED FILE-----`),
/// for a page where it may be pasted back.
pub fn seal_armored(plain: &[u8], how: &Seal) -> Result<Vec<u8>, SealError> {
    let binary = seal(plain, how)?;
    let mut out = Vec::with_capacity(binary.len() * 4 / 3 + 128);
    let written = (|| -> std::io::Result<()> {
        let mut armored =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)?;
        armored.write_all(&binary)?;
        armored.finish()?;
        Ok(())
    })();
    written.map_err(|e| SealError::Other(e.to_string()))?;
    Ok(out)
}

/// Whether a sealed file was sealed with a passphrase (else to keys).
pub fn wants_passphrase(sealed: &[u8]) -> Result<bool, SealError> {
    let decryptor = decryptor(sealed)?;
    Ok(decryptor.is_scrypt())
}

fn decryptor(
    sealed: &[u8],
) -> Result<age::Decryptor<age::armor::ArmoredReader<std::io::BufReader<&[u8]>>>, SealError> {
    if !is_sealed(sealed) {
        return Err(SealError::NotAge);
    }
    age::Decryptor::new(age::armor::ArmoredReader::new(trim_start(sealed))).map_err(header_error)
}

/// An error while reading the header: the file is not (whole) age.
fn header_error(e: age::DecryptError) -> SealError {
    match e {
        age::DecryptError::UnknownFormat => SealError::NotAge,
        age::DecryptError::ExcessiveWork { .. } => SealError::TooMuchWork,
        _ => SealError::Damaged,
    }
}

/// Opens a sealed file (binary or armored).
pub fn open(sealed: &[u8], how: &Opener) -> Result<Vec<u8>, SealError> {
    let decryptor = decryptor(sealed)?;
    let scrypt = decryptor.is_scrypt();
    let reader = match how {
        Opener::Passphrase(p) => {
            if !scrypt {
                return Err(SealError::NeedsIdentity);
            }
            let mut identity = age::scrypt::Identity::new(p.clone());
            identity.set_max_work_factor(MAX_WORK_FACTOR);
            decryptor
                .decrypt(std::iter::once(&identity as &dyn age::Identity))
                .map_err(|e| match e {
                    age::DecryptError::DecryptionFailed
                    | age::DecryptError::KeyDecryptionFailed
                    | age::DecryptError::NoMatchingKeys => SealError::WrongPassphrase,
                    age::DecryptError::ExcessiveWork { .. } => SealError::TooMuchWork,
                    _ => SealError::Damaged,
                })?
        }
        Opener::Identities(text) => {
            if scrypt {
                return Err(SealError::NeedsPassphrase);
            }
            let identities = age::IdentityFile::from_buffer(text.as_bytes())
                .ok()
                .and_then(|f| f.into_identities().ok())
                .filter(|ids| !ids.is_empty())
                .ok_or(SealError::BadIdentityFile)?;
            decryptor
                .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
                .map_err(|e| match e {
                    age::DecryptError::NoMatchingKeys
                    | age::DecryptError::DecryptionFailed
                    | age::DecryptError::KeyDecryptionFailed => SealError::WrongIdentity,
                    _ => SealError::Damaged,
                })?
        }
    };
    let mut plain = Vec::with_capacity(sealed.len());
    let mut reader = reader;
    // A payload cut short or changed fails its authentication here.
    reader
        .read_to_end(&mut plain)
        .map_err(|_| SealError::Damaged)?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn keys_round_trip_and_refuse_strangers() {
        let key = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let public = key.to_public().to_string();
        let sealed = seal(b"{\"x\":1}", &Seal::Recipients(vec![public])).expect("seals");
        assert!(is_sealed(&sealed));
        let secret = key.to_string().expose_secret().to_string();
        let opened = open(&sealed, &Opener::Identities(secret)).expect("opens");
        assert_eq!(opened, b"{\"x\":1}");
        let stranger = other.to_string().expose_secret().to_string();
        assert!(matches!(
            open(&sealed, &Opener::Identities(stranger)),
            Err(SealError::WrongIdentity)
        ));
        assert!(matches!(
            open(&sealed, &Opener::Passphrase(pass("whatever you like"))),
            Err(SealError::NeedsIdentity)
        ));
        assert!(matches!(
            open(&sealed, &Opener::Identities("not a key".into())),
            Err(SealError::BadIdentityFile)
        ));
        assert!(matches!(
            seal(b"x", &Seal::Recipients(vec!["age1nope".into()])),
            Err(SealError::BadRecipient(_))
        ));
        assert!(matches!(
            open(b"{\"x\":1}", &Opener::Identities(String::new())),
            Err(SealError::NotAge)
        ));
    }
}
