#!/usr/bin/env bash
# CLI benchmark, two parts, whole-process wall time (hyperfine, median, no
# shell in between):
#
# 1. Every read command (`--json`) on the eight-month demo store against a
#    bare `sqlite3 goodenough.db 'select 1'` on the same file, in the same
#    run: each command's median as a ratio to the bare open (goal of issue
#    11: every command within 3x).
# 2. With JRNL=1, goodenough against jrnl doing the same job on about ten
#    years of evening entries (the "Foundation" issue's goals: each command
#    under 10 ms median and at least 20x faster than jrnl).
#
#   bash benches/cli.sh                 # RUNS=30 by default
#   SKIP_BUILD=1 RUNS=50 JRNL=1 bash benches/cli.sh
#
# Needs: cargo, python3 (for reading results; jrnl's virtualenv), sqlite3
# and hyperfine (installed with apt-get when missing and running as root).
# Everything it writes lives in a temporary directory, removed at the end;
# jrnl's virtualenv is kept in the cargo target dir so reruns are quicker.
# The machine's load (/proc/loadavg) is printed before each measurement.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

for tool in hyperfine sqlite3; do
    if ! command -v $tool >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then
            apt-get install -y $tool >/dev/null || { apt-get update >/dev/null && apt-get install -y $tool >/dev/null; }
        else
            echo "$tool is missing: install it (apt-get install $tool) and run again." >&2
            exit 1
        fi
    fi
done

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== building goodenough (release)"
    (cd "$ROOT" && cargo build --release -p goodenough --quiet)
fi
BIN=$TARGET_DIR/release/goodenough

WORK=$(mktemp -d "${TMPDIR:-/tmp}/goodenough-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Keep both tools away from the real home: data, config and caches go here.
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
export GOODENOUGH_HOME=$WORK/goodenough
unset GOODENOUGH_DATABASE_URL

END=2026-11-01      # the demo's last day; the benchmark writes the evening after
NEXT=2026-11-02
load() { echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

# Part 1: every read command on the eight-month demo against a bare sqlite3
# open of the same file.
echo "== goodenough demo (eight months) into a store of its own"
M8=$WORK/m8
"$BIN" --data-dir "$M8" demo --end "$END" >/dev/null
DB=$M8/goodenough.db
READS=(
    "checkins --json" "thoughts --json" "wins --json" "setbacks --json"
    "noes --json" "delegations --json" "mistakes --json" "ladder --json"
    "experiments --json" "calibration --json" "timeboxes --json"
    "hobbies --json" "blocks --json" "joy --json" "rests --json"
    "boundaries --json" "critic --json" "values --json" "practices --json"
    "evidence list --json" "evidence summary --json" "today --json"
    "reviews --json" "progress --json" "settings --json"
    "assess list --json" "programme status --json" "programme list --json"
    "git weeks --json"
)
args=(-n "sqlite3 select 1" "sqlite3 $DB 'select 1'" -n "goodenough --version" "$BIN --version")
for c in "${READS[@]}"; do
    args+=(-n "$c" "$BIN --data-dir $M8 $c")
done
echo "== measuring ${#READS[@]} read commands ($RUNS runs each, $WARMUP warm-up, no shell)"
load
hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --style none --export-json "$WORK/reads.json" "${args[@]}" >/dev/null
load
python3 - "$WORK/reads.json" <<'EOF'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
base = res["sqlite3 select 1"]["median"] * 1000
print()
print(f"{'command (8-month demo)':<28} {'median ms':>10} {'min ms':>8} {'x sqlite3':>10}")
worst = 0.0
for name, r in res.items():
    med, low = r["median"] * 1000, r["min"] * 1000
    ratio = med / base
    if name not in ("sqlite3 select 1", "goodenough --version"):
        worst = max(worst, ratio)
    print(f"{name:<28} {med:>10.2f} {low:>8.2f} {ratio:>9.1f}x")
print()
print(f"worst read command: {worst:.1f}x a bare sqlite3 open (goal: every command within 3x)")
EOF
if [ "${JRNL:-0}" != 1 ]; then
    echo "(JRNL=1 also compares goodenough with jrnl on ten years of entries)"
    exit 0
fi

# Part 2: goodenough against jrnl.

echo "== goodenough demo --years 10 (one import transaction)"
start_ns=$(date +%s%N)
"$BIN" demo --years 10 --end "$END" --json >"$WORK/demo.json"
demo_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
python3 - "$WORK/demo.json" "$demo_ms" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
c = s["counts"]
print(f"   {s['days']} days, {c['checkins']} check-ins, {c['thoughts']} thought records, "
      f"{c['wins']} wins, {c['setbacks']} setbacks in {sys.argv[2]} ms")
EOF

echo "== jrnl (PyPI, in a virtualenv)"
VENV=$TARGET_DIR/bench-jrnl-venv
if [ ! -x "$VENV/bin/jrnl" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet jrnl
fi
JRNL=$VENV/bin/jrnl
JRNL_VERSION=$("$JRNL" --version </dev/null 2>&1)
JRNL_VERSION=${JRNL_VERSION%%$'\n'*}
echo "   $JRNL_VERSION"
JCFG=$WORK/jrnl.yaml
JOURNAL=$WORK/journal.txt
cat >"$JCFG" <<EOF
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 21
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $JOURNAL
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: '${JRNL_VERSION#jrnl v}'
EOF
# The same evenings, as jrnl entries: one per goodenough check-in, same text.
"$BIN" checkins --json >"$WORK/checkins.json"
python3 - "$WORK/checkins.json" "$JOURNAL" <<'EOF'
import json, sys
checkins = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    for c in checkins:
        apps = "; ".join(f"{a['area']}: {a['text']}" for a in c["appreciations"])
        note = f" {c['note']}" if c.get("note") else ""
        f.write(f"[{c['date']} 21:00] Mood {c['mood']}, energy {c['energy']}. {apps}.{note}\n\n")
print(f"   seeded the jrnl journal with {len(checkins)} entries")
EOF
"$JRNL" --config-file "$JCFG" -n 1 </dev/null >/dev/null 2>&1 # settles the config once

echo "== measuring ($RUNS runs each, $WARMUP warm-up, no shell)"
load
# Adding: goodenough replaces the check-in for one fixed evening on every run
# (the first run adds it), a full write transaction each time; jrnl appends a
# new entry, which re-reads and rewrites its journal file.
hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --style basic --export-json "$WORK/add.json" \
    -n "goodenough checkin" \
    "$BIN checkin --date $NEXT --replace --mood 7 --energy 6 --appreciate 'rest: read on the balcony' --appreciate 'relationships: called my sister' --appreciate 'work: fixed the flaky test'" \
    -n "jrnl add entry" \
    "$JRNL --config-file $JCFG '$NEXT 21:00: Mood 7, energy 6. rest: read on the balcony; relationships: called my sister; work: fixed the flaky test.'"
# Listing everything, as JSON.
hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --style basic --export-json "$WORK/list.json" \
    -n "goodenough checkins --json" "$BIN checkins --json" \
    -n "jrnl --format json" "$JRNL --config-file $JCFG --format json"
# Baseline: process start with no store at all.
hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --style basic --export-json "$WORK/base.json" \
    -n "goodenough --version" "$BIN --version"

python3 - "$WORK/add.json" "$WORK/list.json" "$WORK/base.json" <<'EOF'
import json, sys
res = {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        res[r["command"]] = r["median"] * 1000
print()
print(f"{'command':<28} {'median ms':>10}")
for name, ms in res.items():
    print(f"{name:<28} {ms:>10.2f}")
print()
ok = True
for ge, jr in [("goodenough checkin", "jrnl add entry"), ("goodenough checkins --json", "jrnl --format json")]:
    ratio = res[jr] / res[ge]
    goal = res[ge] < 10 and ratio >= 20
    ok &= goal
    print(f"{ge:<28} {res[ge]:6.2f} ms, jrnl / goodenough = {ratio:5.1f}x  "
          f"({'meets' if goal else 'misses'} the goal: < 10 ms and >= 20x)")
if not ok:
    print("At least one figure misses the goal; see benches/README.md on what dominates.")
EOF
