#!/usr/bin/env bash
# Encryption at rest: what SQLCipher costs a person at the terminal.
#
# Three stores in the same run, the same demo journey in each (120 days):
# one plain, one encrypted with `goodenough encrypt` and given its
# passphrase on every command (--key-file: the key is derived with Argon2id
# once per command), and one encrypted and unlocked once with `goodenough
# unlock` (the kept key in a private runtime directory; no passphrase and no
# Argon2id per command). On each, N check-ins (one CLI process each, on
# consecutive days after the demo) and then M `checkins --json` lists,
# whole-process wall time. Prints the per-command means and each kind's
# ratio to plain (goal of issue 14: under 1.20). The kinds run in ROUNDS
# interleaved rounds (default 4), so a change in the machine's load falls
# on all. Last, the key derivation alone is estimated: a command refused
# for a wrong passphrase against `goodenough --version`.
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
# Only the unlocked kind gets a runtime directory (a private one of its own).
unset XDG_RUNTIME_DIR
RUNTIME=$WORK/run
mkdir -m 700 "$RUNTIME"
PASSFILE=$WORK/pass
echo "benchmark passphrase, not a secret" > "$PASSFILE"
export GOODENOUGH_NOW=2027-12-31T20:00:00Z  # after every date written

for kind in plain encrypted unlocked; do
    "$BIN" --data-dir "$WORK/$kind" demo --days 120 --end 2026-06-30 >/dev/null
done
for kind in encrypted unlocked; do
    "$BIN" --data-dir "$WORK/$kind" --key-file "$PASSFILE" encrypt >/dev/null
done
XDG_RUNTIME_DIR=$RUNTIME "$BIN" --data-dir "$WORK/unlocked" --key-file "$PASSFILE" \
    unlock --for 7d >/dev/null

now_ms() { date +%s%3N; }

# run KIND: N check-ins (days OFF+1 … OFF+N after the demo) then M lists;
# prints "checkin_ms list_ms".
run() {
    local dir=$WORK/$1 key=()
    [ "$1" = encrypted ] && key=(--key-file "$PASSFILE")
    # The unlocked store's kept key is found through the runtime directory.
    if [ "$1" = unlocked ]; then export XDG_RUNTIME_DIR=$RUNTIME; else unset XDG_RUNTIME_DIR; fi
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
pc=0 pl=0 ec=0 el=0 uc=0 ul=0
N_ALL=$N M_ALL=$M
N=$(( (N_ALL + ROUNDS - 1) / ROUNDS )) M=$(( (M_ALL + ROUNDS - 1) / ROUNDS ))
for ((r = 0; r < ROUNDS; r++)); do
    OFF=$((r * N))
    read -r a b < <(run plain); pc=$((pc + a)) pl=$((pl + b))
    read -r a b < <(run encrypted); ec=$((ec + a)) el=$((el + b))
    read -r a b < <(run unlocked); uc=$((uc + a)) ul=$((ul + b))
done
N=$((N * ROUNDS)) M=$((M * ROUNDS))
# The unlocked store was opened by its kept key all along: still kept.
[ -n "$(ls -A "$RUNTIME/goodenough")" ] || { echo "the kept key is gone: the unlocked figures are not"; exit 1; }
read -r wk vs < <(kdf)
echo "== load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$N" "$M" "$pc" "$pl" "$ec" "$el" "$uc" "$ul" "$wk" "$vs" <<'PY'
import sys
n, m, pc, pl, ec, el, uc, ul, wk, vs = map(int, sys.argv[1:])
print(f"{'':24} {'check-in (mean)':>16} {'ratio':>6} {'list (mean)':>12} {'ratio':>6}")
print(f"{'plain':24} {pc / n:>13.1f} ms {'':>6} {pl / m:>9.1f} ms")
print(f"{'encrypted, passphrase':24} {ec / n:>13.1f} ms {ec / pc:>6.2f} {el / m:>9.1f} ms {el / pl:>6.2f}")
print(f"{'encrypted, unlocked':24} {uc / n:>13.1f} ms {uc / pc:>6.2f} {ul / m:>9.1f} ms {ul / pl:>6.2f}")
print("(goal of issue 14: a ratio under 1.20)")
print(f"wrong passphrase (start + Argon2id + refused open): {wk / m:.1f} ms; "
      f"--version (start only): {vs / m:.1f} ms; "
      f"so the key derivation is about {(wk - vs) / m:.1f} ms a command")
PY
