#!/usr/bin/env bash
# Backup benchmark (issue 14, item 3): whole-process wall time of
# `goodenough backup --out FILE` on the ten-year demo store (hyperfine,
# median), and of `goodenough restore --force FILE` of that backup. Goal:
# the backup under 1 s.
#
#   bash benches/backup.sh                 # RUNS=10 by default
#   SKIP_BUILD=1 RUNS=20 bash benches/backup.sh
#
# Needs: cargo and hyperfine (installed with apt-get when missing and
# running as root). Everything it writes lives in a temporary directory,
# removed at the end. The machine's load (/proc/loadavg) is printed before
# each measurement.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

if ! command -v hyperfine >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y hyperfine >/dev/null || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
    else
        echo "hyperfine is missing: install it (apt-get install hyperfine) and run again." >&2
        exit 1
    fi
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== building goodenough (release)"
    (cd "$ROOT" && cargo build --release -p goodenough --quiet)
fi
BIN=$TARGET_DIR/release/goodenough

WORK=$(mktemp -d "${TMPDIR:-/tmp}/goodenough-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home
mkdir -p "$HOME"
export GOODENOUGH_HOME=$WORK/goodenough
unset GOODENOUGH_DATABASE_URL
load() { echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

echo "== goodenough demo --years 10 into a store of its own"
"$BIN" demo --years 10 --end 2026-11-01 >/dev/null
DB=$GOODENOUGH_HOME/goodenough.db
echo "   store: $(du -h "$DB" | cut -f1), $("$BIN" --json export | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["checkins"]), "check-ins")')"

echo "== backup (runs: $RUNS)"
load
hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" -N \
    --export-json "$WORK/backup.json" \
    "$BIN backup --out $WORK/backup.db"
echo "   backup file: $(du -h "$WORK/backup.db" | cut -f1)"

echo "== restore --force of that backup (runs: $RUNS)"
load
hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" -N \
    --export-json "$WORK/restore.json" \
    "$BIN restore --force $WORK/backup.db"
load

python3 - "$WORK/backup.json" "$WORK/restore.json" <<'PY'
import json, sys
for name, path in zip(["backup", "restore --force"], sys.argv[1:]):
    r = json.load(open(path))["results"][0]
    print(f"{name:>16}: median {r['median'] * 1000:7.1f} ms  (min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f})")
backup = json.load(open(sys.argv[1]))["results"][0]["median"]
print("goal: backup under 1 s:", "met" if backup < 1.0 else "NOT met")
PY
