//! The integration tests of goodenough-app, in one binary.

#![forbid(unsafe_code)]

mod assignments;
mod content;
mod denied;
mod journey;
mod joy;
mod kept;
mod offers;
mod practice;
