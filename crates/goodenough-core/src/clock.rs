//! Instants as stored: whole seconds in UTC, so every backend (PostgreSQL
//! keeps microseconds, SQLite keeps text) round-trips them exactly and an
//! export re-imports byte for byte.

use chrono::{DateTime, SubsecRound, Utc};

/// An instant rounded down to the whole second.
pub fn round(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant.trunc_subsecs(0)
}
