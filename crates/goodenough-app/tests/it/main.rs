//! The integration tests of goodenough-app, in one binary.

mod denied;
mod journey;
mod joy;
mod kept;
mod practice;
