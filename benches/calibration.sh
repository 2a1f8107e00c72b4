#!/usr/bin/env bash
# Fear-calibration benchmark: `goodenough calibration --json` on two demo
# stores, eight months and ten years (same seed, same last day), whole
# history and an eight-month window (`--since`). hyperfine, no shell in
# between, median wall time of the whole process. Goal: under 20 ms, and
# the windowed run costing about the same on both stores (the store reads
# only the window: index on experiments (person_id, recorded_on)).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-30}"
END="${END:-2026-11-20}"
SINCE="${SINCE:-2026-03-20}"   # about eight months before END

command -v hyperfine >/dev/null || { echo "hyperfine is not installed: apt-get install -y hyperfine" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to read hyperfine's JSON" >&2; exit 1; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building the release binary..."
    cargo build --quiet --release -p goodenough
fi
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/goodenough"

work="$(mktemp -d /tmp/goodenough-calbench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

"$bin" --data-dir "$work/small" demo --end "$END" >/dev/null
"$bin" --data-dir "$work/large" demo --end "$END" --years 10 >/dev/null
for size in small large; do
    n=$("$bin" --data-dir "$work/$size" --json experiments | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    w=$("$bin" --data-dir "$work/$size" --json calibration --since "$SINCE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["experiments"])')
    echo "$size store: $n experiments in all, $w recorded since $SINCE"
done

hyperfine --runs "$RUNS" --warmup 3 -N --style none --export-json "$work/results.json" \
    -n "baseline --version" "$bin --version" \
    -n "8 months, whole history" "$bin --data-dir $work/small --json calibration" \
    -n "10 years, whole history" "$bin --data-dir $work/large --json calibration" \
    -n "8 months, --since $SINCE" "$bin --data-dir $work/small --json calibration --since $SINCE" \
    -n "10 years, --since $SINCE" "$bin --data-dir $work/large --json calibration --since $SINCE" \
    >/dev/null

python3 - "$work/results.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
print()
print(f"{'command':<40} {'median':>10} {'min':>10}")
fail = False
for r in rows:
    med, mn = r["median"] * 1000, r["min"] * 1000
    print(f"{r['command']:<40} {med:>8.1f} ms {mn:>8.1f} ms")
    if r["command"] != "baseline --version" and med >= 20:
        fail = True
print()
print("goal: every calibration run under 20 ms:", "NOT MET" if fail else "met")
PY
