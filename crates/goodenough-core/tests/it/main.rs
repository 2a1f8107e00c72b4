//! The integration tests of this crate, in one binary: one module per feature
//! (linking one binary instead of one per file keeps `cargo test` fast).

#![forbid(unsafe_code)]

mod crisis_corpus;
mod modules;
mod mutate;
mod parsers;
mod today_bounded;
