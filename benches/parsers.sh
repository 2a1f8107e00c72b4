#!/usr/bin/env bash
# Parser property tests at a million cases each (CI runs 10,000): the
# import file and every TOML content format (goodenough-core), the API's
# JSON bodies (goodenough-web) and config.toml (the goodenough binary).
# Release build, so a million cases take minutes rather than hours; prints
# each group's wall time. A failure prints the smallest input proptest
# found; fix the parser, then run again. CASES=N changes the count;
# ONLY=traps or ONLY=crisis runs one slow format over every core (below).
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

# ONLY=traps|crisis: just that format, its cases shared out over SPLIT
# processes (default: the number of cores) of the same release test binary.
# Each process draws its own random seed (proptest's default), so together
# they try CASES different files: the way to run the two slow formats at a
# million (each valid case compiles every regular expression of the file).
if [[ -n "${ONLY:-}" ]]; then
    case "$ONLY" in
        traps) filter="parsers::trap_files_never_panic_and_refuse_with_a_sentence" ;;
        crisis) filter="parsers::crisis_rule_files_never_panic_and_refuse_with_a_sentence" ;;
        *) echo "ONLY must be traps or crisis, not \"$ONLY\"" >&2; exit 2 ;;
    esac
    split="${SPLIT:-$(nproc)}"
    [[ "$split" =~ ^[1-9][0-9]*$ ]] || { echo "SPLIT must be a whole number of processes, not \"$split\"" >&2; exit 2; }
    bin="$(cargo test --quiet --release -p goodenough-core --test it --no-run --message-format=json \
        | python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "it":
        print(m["executable"])')"
    [[ -x "$bin" ]] || { echo "the release test binary of goodenough-core was not built" >&2; exit 1; }
    per=$(( (PROPTEST_CASES + split - 1) / split ))
    # JEMALLOC=1: the test processes allocate with Debian's libjemalloc2
    # (the allocator the goodenough binary itself uses) instead of glibc's:
    # compiling regular expressions allocates a lot, and it saved about a
    # fifth of the time here.
    if [[ "${JEMALLOC:-0}" == 1 ]]; then
        jemalloc="$(ls /usr/lib/*/libjemalloc.so.2 2>/dev/null | head -n 1 || true)"
        [[ -n "$jemalloc" ]] || { echo "JEMALLOC=1 needs Debian's libjemalloc2: apt-get install -y libjemalloc2" >&2; exit 1; }
        export LD_PRELOAD="$jemalloc"
    fi
    logs="$(mktemp -d)"
    trap 'rm -rf "$logs"' EXIT
    started=$SECONDS
    pids=()
    for i in $(seq 1 "$split"); do
        (cd crates/goodenough-core && PROPTEST_CASES="$per" "$bin" --exact "$filter" >"$logs/$i.log" 2>&1) &
        pids+=($!)
    done
    failed=0
    for i in "${!pids[@]}"; do
        if ! wait "${pids[$i]}" || ! grep -q "test result: ok. 1 passed" "$logs/$((i + 1)).log"; then
            failed=1
            echo "process $((i + 1)) of $split failed:" >&2
            cat "$logs/$((i + 1)).log" >&2
        fi
    done
    echo "== $ONLY: $split processes x $per cases = $((split * per)) cases, $((SECONDS - started)) s, $([[ $failed == 0 ]] && echo "all passed" || echo "FAILED")"
    exit "$failed"
fi

run "import file and TOML formats" -p goodenough-core --test it -- parsers::
run "API bodies" -p goodenough-web --test it -- parsers::
run "config.toml" -p goodenough --bin goodenough -- config::tests
