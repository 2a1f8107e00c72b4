//! Record identifiers: UUIDs as text. Stable across stores, so an export can
//! be imported anywhere and importing it twice adds nothing.

use rand::RngCore;

/// A new random, time-ordered identifier (UUID v7).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A deterministic identifier drawn from a seeded generator (for the demo).
pub fn id_from_rng(rng: &mut impl RngCore) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// The short form shown in tables; any unique prefix is accepted back.
pub fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}
