#!/usr/bin/env bash
# Encryption at rest: what SQLCipher costs a person at the terminal.
#
# Two stores in the same run, the same demo journey in each (120 days), one
# plain and one encrypted with `goodenough encrypt`. On each, N check-ins
# (one CLI process each, on consecutive days after the demo) and then M
# `checkins --json` lists, whole-process wall time. Prints the totals, the
# per-command means and the encrypted/plain ratio (goal of issue 14: under
# 1.20). The encrypted figures include deriving the key with Argon2id once
# per command (the cost of opening an encrypted store). The two kinds run in
# ROUNDS interleaved rounds (default 4), so a change in the machine's load
# falls on both. Last, the key derivation alone is estimated: a command
# refused for a wrong passphrase against `goodenough --version`.
#
#   bash benches/encryption.sh                 # N=200 M=50
#   SKIP_BUILD=1 N=100 M=20 bash benches/encryption.sh
#
# Everything it writes lives in a temporary directory, removed at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-200}
M=${M:-50}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== building goodenough (release)"
    (cd "$ROOT" && cargo build --release -p goodenough --quiet -j "${JOBS:-1}")
fi
BIN=${BIN:-$TARGET_DIR/release/goodenough}   # BIN=… measures another build

WORK=$(mktemp -d "${TMPDIR:-/tmp}/goodenough-enc-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
unset GOODENOUGH_HOME GOODENOUGH_DATABASE_URL GOODENOUGH_KEY_FILE GOODENOUGH_PASSPHRASE
PASSFILE=$WORK/pass
echo "benchmark passphrase, not a secret" > "$PASSFILE"
export GOODENOUGH_NOW=2027-12-31T20:00:00Z  # after every date written

for kind in plain encrypted; do
    "$BIN" --data-dir "$WORK/$kind" demo --days 120 --end 2026-06-30 >/dev/null
done
"$BIN" --data-dir "$WORK/encrypted" --key-file "$PASSFILE" encrypt >/dev/null

now_ms() { date +%s%3N; }

# run KIND: N check-ins (days OFF+1 … OFF+N after the demo) then M lists;
# prints "checkin_ms list_ms".
run() {
    local dir=$WORK/$1 key=()
    [ "$1" = encrypted ] && key=(--key-file "$PASSFILE")
    local start mid end i day
    start=$(now_ms)
    for ((i = 1; i <= N; i++)); do
        day=$(date -u -d "2026-06-30 + $((OFF + i)) days" +%F)
        "$BIN" --data-dir "$dir" "${key[@]}" checkin --mood 6 --energy 5 --date "$day" \
            --appreciate "work: kept it short" --appreciate "rest: a walk" \
            --appreciate "relationships: a call" >/dev/null
    done
    mid=$(now_ms)
    for ((i = 1; i <= M; i++)); do
        "$BIN" --data-dir "$dir" "${key[@]}" --json checkins >/dev/null
    done
    end=$(now_ms)
    echo "$((mid - start)) $((end - mid))"
}

# What the key derivation alone costs: M runs of a command refused for a
# wrong passphrase (start the process, derive the key with Argon2id, fail
# on the first page) against M runs of `--version` (start the process only).
kdf() {
    local wrong=$WORK/wrong start mid end i
    echo "not the passphrase" > "$wrong"
    start=$(now_ms)
    for ((i = 1; i <= M; i++)); do
        "$BIN" --data-dir "$WORK/encrypted" --key-file "$wrong" --json checkins >/dev/null 2>&1 || true
    done
    mid=$(now_ms)
    for ((i = 1; i <= M; i++)); do
        "$BIN" --version >/dev/null
    done
    end=$(now_ms)
    echo "$((mid - start)) $((end - mid))"
}

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Interleaved in rounds, so a change in the machine's load falls on both.
ROUNDS=${ROUNDS:-4}
pc=0 pl=0 ec=0 el=0
N_ALL=$N M_ALL=$M
N=$(( (N_ALL + ROUNDS - 1) / ROUNDS )) M=$(( (M_ALL + ROUNDS - 1) / ROUNDS ))
for ((r = 0; r < ROUNDS; r++)); do
    OFF=$((r * N))
    read -r a b < <(run plain); pc=$((pc + a)) pl=$((pl + b))
    read -r a b < <(run encrypted); ec=$((ec + a)) el=$((el + b))
done
N=$((N * ROUNDS)) M=$((M * ROUNDS))
read -r wk vs < <(kdf)
echo "== load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$N" "$M" "$pc" "$pl" "$ec" "$el" "$wk" "$vs" <<'PY'
import sys
n, m, pc, pl, ec, el, wk, vs = map(int, sys.argv[1:])
print(f"{'':10} {'check-in (mean)':>16} {'list (mean)':>12}")
print(f"{'plain':10} {pc / n:>13.1f} ms {pl / m:>9.1f} ms")
print(f"{'encrypted':10} {ec / n:>13.1f} ms {el / m:>9.1f} ms")
print(f"{'ratio':10} {ec / pc:>16.2f} {el / pl:>12.2f}   (goal: under 1.20)")
print(f"wrong passphrase (start + Argon2id + refused open): {wk / m:.1f} ms; "
      f"--version (start only): {vs / m:.1f} ms; "
      f"so the key derivation is about {(wk - vs) / m:.1f} ms a command")
PY
