//! Links the `goodenough` executable as position-dependent (`-no-pie`).
//!
//! A position-independent executable of this size carries tens of thousands
//! of relative relocations that the dynamic loader applies on every start
//! (writing, and so copying, every page of `.data.rel.ro`); a command that
//! reads a few rows spent a large share of its time there. Linked at a
//! fixed address, the executable needs none of them. Only the binaries are
//! linked this way; libraries, tests and build scripts are unchanged.

// No unsafe code in the project (also the workspace lint `unsafe_code =
// "forbid"`); `.ci/run` checks every crate root says so.
#![forbid(unsafe_code)]

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
