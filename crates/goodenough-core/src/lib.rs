//! goodenough-core: the domain of goodenough.
//!
//! Types, validation and rules for every record a person keeps (check-ins,
//! thought records, wins, setbacks, settings), the thinking-trap and
//! crisis-language rules, the export format and the demo generator.
//!
//! This crate must never do I/O, never be async and never know about SQL or
//! HTTP: the store, the CLI and the web server call into it, never the other
//! way round. Shipped content (`content/` at the workspace root) is embedded at
//! compile time by [`content`], so it stays a pure function of its input.

// No unsafe code in the project (also the workspace lint `unsafe_code =
// "forbid"`); `.ci/run` checks every crate root says so.
#![forbid(unsafe_code)]

pub mod area;
pub mod assessment;
pub mod assignment;
pub mod awareness;
pub mod boundaries;
pub mod calendar;
pub mod calibration;
pub mod chart;
pub mod checkin;
pub mod clock;
pub mod coach_content;
pub mod content;
pub mod demo;
pub mod duration;
pub mod error;
pub mod evidence;
pub mod experiment;
pub mod export;
pub mod figures;
pub mod gitsignals;
pub mod id;
pub mod journal;
pub mod joy;
pub mod outcomes;
pub mod practice_settings;
pub mod programme;
pub mod progress;
pub mod reminders;
pub mod report;
pub mod review;
pub mod safety;
pub mod scripts;
pub mod settings;
pub mod text;
pub mod thought;
pub mod timebox;
pub mod traps;

pub use area::LifeArea;
pub use checkin::{Appreciation, CheckIn, Consistency};
pub use error::ValidationError;
pub use journal::{Setback, Win};
pub use settings::Settings;
pub use thought::{Emotion, ThoughtRecord};
