//! Sealing and opening encrypted exports for the Data page and the API
//! (`goodenough_app::sealed`: the age format). Opening a passphrase file
//! costs about a second of CPU and 256 MiB on purpose (age's scrypt), so it
//! never runs on a request thread and at most one runs at a time in this
//! process; others wait their turn. Nothing here logs a passphrase or a
//! byte of the files.

use std::sync::OnceLock;

use goodenough_app::sealed::{self, Opener, Seal, SealError};
use tokio::sync::Semaphore;

fn turn() -> &'static Semaphore {
    static ONE: OnceLock<Semaphore> = OnceLock::new();
    ONE.get_or_init(|| Semaphore::new(1))
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, SealError> + Send + 'static,
) -> Result<T, SealError> {
    let _turn = turn()
        .acquire()
        .await
        .map_err(|e| SealError::Other(e.to_string()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| SealError::Other(e.to_string()))?
}

/// Seals `plain`: binary, or armored (text that can be pasted back).
pub async fn seal(plain: Vec<u8>, how: Seal, armored: bool) -> Result<Vec<u8>, SealError> {
    blocking(move || {
        if armored {
            sealed::seal_armored(&plain, &how)
        } else {
            sealed::seal(&plain, &how)
        }
    })
    .await
}

/// Opens a sealed file (binary or armored).
pub async fn open(bytes: Vec<u8>, how: Opener) -> Result<Vec<u8>, SealError> {
    blocking(move || sealed::open(&bytes, &how)).await
}
