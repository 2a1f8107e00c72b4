//! The integration tests of this crate, in one binary: one module per feature
//! (linking one binary instead of one per file keeps `cargo test` fast).

#![forbid(unsafe_code)]

mod api_help_now;
mod assessments;
mod assignments;
mod authz_matrix;
mod awareness;
mod boundaries;
mod catalogues;
mod coaching;
mod content;
mod data_csv;
mod dates;
mod encrypted_export;
mod evidence;
mod experiments;
mod import_large;
mod installable;
mod joy;
mod layering;
mod offers;
mod openapi;
mod operator;
mod outcomes;
mod page_weight;
mod parsers;
mod passkeys;
mod pg;
mod practice_optins;
mod practice_settings;
mod programme;
mod progress_data;
mod push;
mod quick_entry;
mod report;
mod reviews;
mod server;
mod setup_race;
mod signin;
mod signpost;
mod thoughts_journal;
mod timeboxes;
mod two_servers;
mod walk;
