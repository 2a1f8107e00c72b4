//! The integration tests of this crate, in one binary: one module per feature
//! (linking one binary instead of one per file keeps `cargo test` fast).

#![forbid(unsafe_code)]

mod cli_assess;
mod cli_assignments;
mod cli_at_rest;
mod cli_awareness;
mod cli_backup;
mod cli_boundaries;
mod cli_catalogues;
mod cli_checkin;
mod cli_clients;
mod cli_coach;
mod cli_content;
mod cli_data;
mod cli_demo;
mod cli_demo_practice;
mod cli_encrypted;
mod cli_evidence;
mod cli_experiments;
mod cli_export_csv;
mod cli_git;
mod cli_joy;
mod cli_logs;
mod cli_migrate;
mod cli_passkeys;
mod cli_practice_settings;
mod cli_programme;
mod cli_reframe;
mod cli_reminders;
mod cli_report;
mod cli_review;
mod cli_serve_public_url;
mod cli_signpost;
mod cli_terminal;
mod cli_timebox;
mod cli_unlock;
mod cli_user;
mod cli_walk;
