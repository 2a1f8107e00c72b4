//! The integration tests of this crate, in one binary: one module per feature
//! (linking one binary instead of one per file keeps `cargo test` fast).

mod crisis_corpus;
mod modules;
mod today_bounded;
