//! goodenough's use cases, shared by the CLI and the web.
//!
//! One function per thing a person can do or read. Each takes a [`Scope`]
//! (who asks, whose data, the current instant), asks the one access check
//! ([`access::authorize`]) for the category it touches, and only then gets at
//! the store. The store is reachable in no other way: front ends parse input,
//! call one use case and render what it returns.
//!
//! The crisis-language check is not here: each front end runs it at its one
//! door over every text a person sends (`goodenough-web/src/signpost.rs`,
//! `goodenough/src/signpost.rs`), including texts a use case never sees
//! because the request was refused.

// No unsafe code in the project (also the workspace lint `unsafe_code =
// "forbid"`); `.ci/run` checks every crate root says so.
#![forbid(unsafe_code)]

pub mod access;
pub mod assessments;
pub mod assignments;
pub mod awareness;
pub mod boundaries;
mod cache;
pub mod calendar;
pub mod catalogues;
pub mod checkins;
pub mod content;
pub mod crisis;
pub mod data;
pub mod day;
mod error;
pub mod evidence;
pub mod experiments;
pub mod journal;
pub mod joy;
pub mod offers;
pub mod outcomes;
pub mod practice;
pub mod programme;
pub mod progress;
pub mod push;
pub mod report;
pub mod reviews;
mod scope;
pub mod sealed;
pub mod settings;
pub mod thoughts;
pub mod timeboxes;
pub mod today;

pub use access::{authorize, Access, Action, Actor, Category, Denied, Reason};
pub use catalogues::Catalogues;
pub use error::AppError;
pub use scope::{App, Known, Scope};

/// The result of a use case.
pub type Result<T, E = AppError> = std::result::Result<T, E>;
