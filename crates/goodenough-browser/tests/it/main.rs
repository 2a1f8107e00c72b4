//! The integration tests of this crate, in one binary: one module per feature
//! (linking one binary instead of one per file keeps `cargo test` fast).

#![forbid(unsafe_code)]

mod browser;
mod charts;
mod checkin_taps;
mod coaching;
mod every_page;
mod installable;
mod journey;
mod offline_checkin;
mod passkeys;
mod phone;
mod quick_forms;
mod recovery_signin;
mod screenshots;
mod support;
