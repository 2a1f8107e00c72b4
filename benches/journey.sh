#!/usr/bin/env bash
# Journey benchmark: whole-process wall time of `review week --json`,
# `progress --json`, `today --json` and (when the command exists)
# `report --out FILE`, on
# the eight-month demo and on ten years of demo data, measured in one run.
#
#   bash benches/journey.sh            # RUNS=30 by default
#   RUNS=50 SKIP_BUILD=1 bash benches/journey.sh
#
# Needs: cargo and python3. Uses hyperfine when it is installed (median, no
# shell in between); otherwise a plain loop timed by python3 (median of
# RUNS). Everything it writes lives in a temporary directory, removed at the
# end. The goals (from the "journey" issue): review under 20 ms, progress
# under 50 ms and report under 300 ms on ten years; a review's cost must not
# grow with the history (it reads about five weeks of records), nor must
# today's (it reads the open experiments due and today's assessment windows).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

if [ -z "${SKIP_BUILD:-}" ]; then
    echo "== building goodenough (release)"
    (cd "$ROOT" && cargo build --release -p goodenough --quiet)
fi
BIN=$TARGET_DIR/release/goodenough

WORK=$(mktemp -d "${TMPDIR:-/tmp}/goodenough-journey.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset GOODENOUGH_HOME GOODENOUGH_DATABASE_URL
export GOODENOUGH_NOW=2026-11-01T20:00:00Z

END=2026-11-01 # the demo's last day (a Sunday)
ON=2026-10-28  # the week reviewed: the last whole week

echo "== demo data"
for store in eight-months ten-years; do
    args=()
    [ "$store" = ten-years ] && args=(--years 10)
    start_ns=$(date +%s%N)
    "$BIN" --data-dir "$WORK/$store" demo "${args[@]}" --end "$END" --json >"$WORK/$store.json"
    ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
    python3 - "$WORK/$store.json" "$ms" "$store" "$BIN" "$WORK/$store" <<'EOF'
import json, subprocess, sys
s = json.load(open(sys.argv[1]))
c = s["counts"]
reviews = json.loads(subprocess.run([sys.argv[4], "--data-dir", sys.argv[5], "--json", "reviews"],
                                    capture_output=True, check=True).stdout)
print(f"   {sys.argv[3]}: {s['days']} days, {c['checkins']} check-ins, {len(reviews)} saved reviews "
      f"(demo took {sys.argv[2]} ms)")
EOF
done

HAS_REPORT=0
if "$BIN" report --help >/dev/null 2>&1; then
    HAS_REPORT=1
else
    echo "   (no report command in this build: report is not measured)"
fi

commands=()
names=()
for store in eight-months ten-years; do
    D="$BIN --data-dir $WORK/$store"
    names+=("review week --json ($store)");  commands+=("$D --json review week --on $ON")
    names+=("progress --json ($store)");     commands+=("$D --json progress")
    names+=("today --json ($store)");        commands+=("$D --json today")
    if [ "$HAS_REPORT" = 1 ]; then
        names+=("report --out ($store)");    commands+=("$D report --out $WORK/$store-report.html")
    fi
done

RESULTS=$WORK/results.tsv
: >"$RESULTS"
if command -v hyperfine >/dev/null 2>&1; then
    echo "== measuring with hyperfine ($RUNS runs each, $WARMUP warm-up, no shell)"
    args=()
    for i in "${!commands[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
    hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --style basic --export-json "$WORK/h.json" "${args[@]}" >/dev/null
    python3 - "$WORK/h.json" >"$RESULTS" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']}\t{r['median'] * 1000:.2f}")
EOF
else
    echo "== measuring with a loop ($RUNS runs each, $WARMUP warm-up; hyperfine is not installed)"
    for i in "${!commands[@]}"; do
        python3 - "$RUNS" "$WARMUP" "${names[$i]}" "${commands[$i]}" >>"$RESULTS" <<'EOF'
import shlex, statistics, subprocess, sys, time
runs, warmup, name, cmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], shlex.split(sys.argv[4])
times = []
for i in range(warmup + runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    if i >= warmup:
        times.append((time.perf_counter() - t) * 1000)
print(f"{name}\t{statistics.median(times):.2f}")
EOF
    done
fi

python3 - "$RESULTS" <<'EOF'
import sys
res = dict(line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip())
res = {k: float(v) for k, v in res.items()}
print()
print(f"{'command':<40} {'median ms':>10}")
for name, ms in res.items():
    print(f"{name:<40} {ms:>10.2f}")
print()
goals = {"review week --json (ten-years)": 20, "progress --json (ten-years)": 50, "report --out (ten-years)": 300}
for name, goal in goals.items():
    if name in res:
        print(f"{name:<40} {res[name]:7.2f} ms  ({'meets' if res[name] < goal else 'misses'} the goal: < {goal} ms)")
a, b = res.get("review week --json (eight-months)"), res.get("review week --json (ten-years)")
if a and b:
    print(f"review on ten years / on eight months = {b / a:.2f} (the cost follows the window, not the history)")
a, b = res.get("today --json (eight-months)"), res.get("today --json (ten-years)")
if a and b:
    print(f"today on ten years / on eight months = {b / a:.2f} (the cost follows the day, not the history)")
EOF
