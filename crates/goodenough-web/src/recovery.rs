//! Recovery codes: ten one-time codes that sign in in place of the
//! authenticator app's code, for the day the phone is lost.
//!
//! - Made when two-step sign-in is turned on, and again on request (every
//!   old code stops working); shown once, never stored in the clear.
//! - Each code is 16 characters of Crockford's base32 (80 random bits from
//!   the operating system), written `xxxx-xxxx-xxxx-xxxx`. Typing is
//!   forgiving: case, spaces and dashes do not matter, and `o`, `i`, `l`
//!   read as `0`, `1`, `1`.
//! - Stored as SHA-256 (hex) of the normalised code: with 80 random bits a
//!   slow, salted hash adds nothing (nobody can try 2^80 guesses), as for
//!   session tokens. The typed code's hash is compared with each of the
//!   person's stored hashes in constant time, then the one that matched is
//!   marked used by a conditional write, so two sign-ins racing with one
//!   code cannot both get in.
//!
//! Shared by the Security page, the sign-in step and the API (a neutral
//! module: pages and the API both import it, it imports neither). Nothing
//! here logs a code.

use chrono::{DateTime, Utc};
use goodenough_store::{Store, StoreError};
use rand::Rng;

use crate::auth::{hash_token, same_secret};

/// How many codes a person gets at a time.
pub const CODES: usize = 10;
/// When this few (or fewer) are left, the Security page suggests new ones.
pub const FEW_LEFT: usize = 3;
/// Characters of a code (without dashes).
const CODE_CHARS: usize = 16;
/// Crockford's base32: no I, L, O or U, so nothing is mistaken for another.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// The sentence when recovery codes are asked for without two-step sign-in.
pub const NEEDS_TWO_STEP: &str = "Recovery codes go with two-step sign-in, which is off for your account. Turn it on under Settings, Security, and your codes are made with it.";
/// The sentence for a code that was used already.
pub const USED: &str = "That recovery code was used already, and each one works only once. Please try another of your recovery codes, or the code from your app.";
/// The sentence for a code that is not one of the person's.
pub const UNKNOWN: &str = "That is not one of your recovery codes. Please check it for typos (dashes and capitals do not matter), or enter the code from your app instead.";

/// Ten fresh codes, formatted for showing.
pub fn new_codes() -> Vec<String> {
    let mut rng = rand::rngs::OsRng;
    (0..CODES)
        .map(|_| {
            let chars: Vec<char> = (0..CODE_CHARS)
                .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
                .collect();
            chars
                .chunks(4)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// A typed code as it is hashed: lowercase, no spaces or dashes, Crockford's
/// look-alikes read as digits.
pub fn normalize(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            'i' | 'l' => '1',
            other => other,
        })
        .collect()
}

/// The stored hash of a typed or shown code.
pub fn hash(code: &str) -> String {
    hash_token(&normalize(code))
}

/// Makes a new set of codes for a person, replacing every old one, and
/// returns them (the only time they are seen).
pub async fn make_new(
    store: &dyn Store,
    person: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, StoreError> {
    let codes = new_codes();
    let hashes: Vec<String> = codes.iter().map(|c| hash(c)).collect();
    store.replace_recovery_codes(person, &hashes, now).await?;
    Ok(codes)
}

/// How many of a person's codes can still be used.
pub async fn left(store: &dyn Store, person: &str) -> Result<usize, StoreError> {
    Ok(store
        .recovery_codes(person)
        .await?
        .iter()
        .filter(|c| c.used_at.is_none())
        .count())
}

/// What happened to a typed recovery code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redeemed {
    /// It was one of the person's unused codes; now it is used.
    Accepted,
    /// It was one of theirs, used before.
    AlreadyUsed,
    /// It is none of theirs.
    Unknown,
}

impl Redeemed {
    /// The sentence for a refusal (`None` when accepted).
    pub fn refusal(self) -> Option<&'static str> {
        match self {
            Redeemed::Accepted => None,
            Redeemed::AlreadyUsed => Some(USED),
            Redeemed::Unknown => Some(UNKNOWN),
        }
    }
}

/// Uses one of a person's recovery codes at `now`, if the typed text is one.
pub async fn redeem(
    store: &dyn Store,
    person: &str,
    typed: &str,
    now: DateTime<Utc>,
) -> Result<Redeemed, StoreError> {
    let typed_hash = hash(typed);
    let codes = store.recovery_codes(person).await?;
    // Every stored hash is compared (no early exit), each in constant time.
    let mut found = None;
    for code in &codes {
        if same_secret(&code.code_hash, &typed_hash) {
            found = Some(code);
        }
    }
    let Some(code) = found else {
        return Ok(Redeemed::Unknown);
    };
    if code.used_at.is_some() {
        return Ok(Redeemed::AlreadyUsed);
    }
    Ok(
        if store
            .use_recovery_code(person, &code.code_hash, now)
            .await?
        {
            Redeemed::Accepted
        } else {
            Redeemed::AlreadyUsed
        },
    )
}

/// Whether typed text at the sign-in step is meant as the app's code (only
/// digits and spaces) rather than a recovery code.
pub fn is_app_code(typed: &str) -> bool {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}
