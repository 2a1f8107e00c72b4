//! The integration tests of this crate, in one binary: one module per feature
//! (linking one binary instead of one per file keeps `cargo test` fast).

#![forbid(unsafe_code)]

mod accounts_story;
mod assessments_story;
mod awareness_store;
mod boundaries_store;
mod coach_links_version_store;
mod concurrency_store;
mod data_version_store;
mod evidence_store;
mod experiments_story;
mod gitsignals;
mod invitation_signup_store;
mod journey_store;
mod joy_store;
mod lookup_plan_store;
mod open_store;
mod operator_store;
mod passkeys_store;
mod practice_settings_store;
mod programmes_store;
mod push_store;
mod records_store;
mod signin_store;
mod story;
mod support;
mod timeboxes_story;
mod tls_store;
mod today_store;
