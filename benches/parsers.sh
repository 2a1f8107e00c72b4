#!/usr/bin/env bash
# Parser property tests at a million cases each (CI runs 10,000): the
# import file and every TOML content format (goodenough-core), the API's
# JSON bodies (goodenough-web) and config.toml (the goodenough binary).
# Release build, so a million cases take minutes rather than hours; prints
# each group's wall time. A failure prints the smallest input proptest
# found; fix the parser, then run again. CASES=N changes the count.
set -euo pipefail
cd "$(dirname "$0")/.."

export PROPTEST_CASES="${CASES:-1000000}"
echo "parser properties at $PROPTEST_CASES cases each (release build)"

run() {
    local name="$1"
    shift
    local started=$SECONDS
    cargo test --quiet --release "$@"
    echo "== $name: $((SECONDS - started)) s"
}

run "import file and TOML formats" -p goodenough-core --test it -- parsers::
run "API bodies" -p goodenough-web --test it -- parsers::
run "config.toml" -p goodenough --bin goodenough -- config::tests
