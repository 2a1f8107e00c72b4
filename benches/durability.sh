#!/usr/bin/env bash
# Durability under kill -9: for N cycles, HTTP writers (through /api/v1 with a
# token) and CLI writers (`goodenough win|setback|reframe|checkin` on the same
# store) write at the same time; at a random moment the server and every
# writer are killed with SIGKILL; the server starts again and every write that
# was acknowledged (a 2xx answer read in full with the new id, or the CLI's
# exit 0 with the record printed) must be in its export. On SQLite,
# `PRAGMA integrity_check` must say ok after every kill. The driver is
# benches/durability.py (Python 3, standard library only); it prints a line
# per cycle and a summary, and exits non-zero on any loss.
#
#   bash benches/durability.sh --cycles 20 --backend sqlite
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres \
#       bash benches/durability.sh --cycles 500 --backend postgres
#
# Options (passed on to the driver): --cycles N (20), --backend sqlite|postgres,
# --http-writers N (4), --cli-writers N (2), --min-seconds S / --max-seconds S
# (the kill comes at a uniformly random moment between them: 0.5-2.5),
# --seed N, --stop-on-loss.
#
# The binary: BIN=PATH uses that one (CI passes its debug build); otherwise
# the release binary is built, unless SKIP_BUILD=1 says it is already there.
# PostgreSQL: BENCH_DATABASE_URL names a server URL whose database this script
# may create; it creates goodenough_durability_N there and drops it at the end.
# Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=sqlite
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    if [[ "${args[$i]}" == --backend ]]; then
        backend="${args[$((i + 1))]:-}"
    elif [[ "${args[$i]}" == --backend=* ]]; then
        backend="${args[$i]#--backend=}"
    fi
done
if [[ "$backend" != sqlite && "$backend" != postgres ]]; then
    echo "--backend must be sqlite or postgres, not \"$backend\"." >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "python3 is not installed: apt-get install -y python3" >&2; exit 2; }

if [[ -n "${BIN:-}" ]]; then
    bin="$BIN"
else
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        echo "building the release binary..."
        cargo build --quiet --release -p goodenough
    fi
    bin="${CARGO_TARGET_DIR:-$PWD/target}/release/goodenough"
fi
[[ -x "$bin" ]] || { echo "The binary $bin is missing; build it or set BIN." >&2; exit 2; }

work="$(mktemp -d /tmp/goodenough-durability.XXXXXX)"
db=""
cleanup() {
    if [[ -n "$db" ]]; then
        psql "$BENCH_DATABASE_URL" -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    if [[ "${status:-0}" == 0 ]]; then
        rm -rf "$work"
    else
        echo "kept the store and the logs of this run in $work" >&2
    fi
}
trap cleanup EXIT

database=()
if [[ "$backend" == postgres ]]; then
    : "${BENCH_DATABASE_URL:?set BENCH_DATABASE_URL to a PostgreSQL server URL (a database will be created there)}"
    command -v psql >/dev/null || { echo "psql is not installed: apt-get install -y postgresql-client" >&2; exit 2; }
    db="goodenough_durability_$RANDOM$RANDOM"
    psql "$BENCH_DATABASE_URL" -q -c "CREATE DATABASE $db" >/dev/null
    base="${BENCH_DATABASE_URL%%\?*}"
    query=""
    [[ "$BENCH_DATABASE_URL" == *\?* ]] && query="?${BENCH_DATABASE_URL#*\?}"
    database=(--database "${base%/*}/$db$query")
fi

status=0
python3 benches/durability.py --bin "$bin" --data-dir "$work" "${database[@]}" "$@" || status=$?
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), binary $bin"
exit "$status"
