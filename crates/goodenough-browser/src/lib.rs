//! Browser tests of the goodenough web app live in `tests/`: they start the
//! real server on 127.0.0.1, start Debian's `chromedriver`, and drive
//! headless Chromium through WebDriver. This library is empty on purpose,
//! so building the workspace never compiles the WebDriver client.
//!
//! - `tests/browser.rs`: the main story (setup, sign-in, check-in, Today,
//!   thought record, progress) and a phone-width check.
//! - `tests/screenshots.rs` (ignored by default): PNGs of the main pages for
//!   people to look at; `scripts/screenshots.sh` runs it against a demo store.
//!
//! Without `/usr/bin/chromium` and `/usr/bin/chromedriver` the tests say they
//! skipped, unless `GOODENOUGH_REQUIRE_BROWSER=1` (CI) makes that a failure.

// No unsafe code in the project (also the workspace lint `unsafe_code =
// "forbid"`); `.ci/run` checks every crate root says so.
#![forbid(unsafe_code)]
