#!/usr/bin/env bash
# Load benchmark: mixed reads and writes from CONNECTIONS (64) connections for
# DURATION (60) seconds against the release server, on SQLite (BACKEND=sqlite,
# the default) or PostgreSQL (BACKEND=postgres with BENCH_DATABASE_URL), then
# a 32 MiB import through the Data page, with the server's memory watched
# throughout.
#
# The store holds the eight-month demo persona. Eight wrk processes run at
# the same time, CONNECTIONS/8 connections each, one route each:
#
#   GET  /today, GET /progress                 pages, session cookie
#   GET  /api/v1/checkins?limit=100, GET /api/v1/today,
#   GET  /api/v1/progress/outcomes             API reads, Bearer token
#   POST /api/v1/wins, POST /api/v1/thoughts   API writes: a new record each time
#   POST /api/v1/checkins?replace=true         API write: one date replaced
#
# Every answer that is not 2xx counts as an error (so 4xx and 5xx both do),
# and so does every socket error or timeout (10 s). Printed per route:
# requests, requests/s, p50, p99, errors. The server's resident memory
# (VmRSS from /proc/PID/status, sampled every 0.5 s) is printed before the
# load, its peak during, and 10 s after; then the import: a valid export
# document (docs/export-format.md) padded with wins to fill the Data page's
# 32 MiB form limit, posted to /data/import with the session, and the RSS at
# its peak and 10 s and 30 s after the answer. Exit status 1 when any request
# failed or the import was refused.
#
#   bash benches/load.sh
#   SKIP_BUILD=1 BACKEND=postgres BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres bash benches/load.sh
#   BIN=path/to/goodenough DURATION=10 bash benches/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BACKEND="${BACKEND:-sqlite}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-60}"
IMPORT_MIB="${IMPORT_MIB:-32}"
END="${END:-$(date -u +%F)}"

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not installed: apt-get install -y curl" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is not installed: apt-get install -y python3" >&2; exit 2; }
if [[ "$BACKEND" != sqlite && "$BACKEND" != postgres ]]; then
    echo "BACKEND must be sqlite or postgres, not \"$BACKEND\"." >&2
    exit 2
fi
if (( CONNECTIONS < 8 || CONNECTIONS % 8 != 0 )); then
    echo "CONNECTIONS must be a multiple of 8 (eight routes share them), not $CONNECTIONS." >&2
    exit 2
fi

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

work="$(mktemp -d /tmp/goodenough-load.XXXXXX)"
server_pid=""
sampler_pid=""
db=""
cleanup() {
    [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ -n "$db" ]]; then
        psql "$BENCH_DATABASE_URL" -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

store=(--data-dir "$work/data")
if [[ "$BACKEND" == postgres ]]; then
    : "${BENCH_DATABASE_URL:?set BENCH_DATABASE_URL to a PostgreSQL server URL (a database will be created there)}"
    command -v psql >/dev/null || { echo "psql is not installed: apt-get install -y postgresql-client" >&2; exit 2; }
    db="goodenough_load_$RANDOM$RANDOM"
    psql "$BENCH_DATABASE_URL" -q -c "CREATE DATABASE $db" >/dev/null
    base="${BENCH_DATABASE_URL%%\?*}"
    query=""
    [[ "$BENCH_DATABASE_URL" == *\?* ]] && query="?${BENCH_DATABASE_URL#*\?}"
    store+=(--database "${base%/*}/$db$query")
fi
mkdir -p "$work/data"

email="load@example.org"
password="load-password-$RANDOM$RANDOM"
echo "seeding the eight-month demo on $BACKEND..."
"$bin" "${store[@]}" demo --end "$END" >/dev/null
printf '%s\n' "$password" | "$bin" "${store[@]}" user add "$email" --password-stdin >/dev/null
token="$("$bin" "${store[@]}" token create "$email" --name load 2>/dev/null)"
"$bin" "${store[@]}" serve --bind 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 1200); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -n 1 || true)"
    [[ -n "$url" ]] && break
    sleep 0.05
done
[[ -n "$url" ]] || { echo "the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

# Sign in like a browser: the login form's CSRF token, then the session cookie.
jar="$work/cookies"
csrf="$(curl -s -c "$jar" -b "$jar" "$url/login" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')"
curl -s -o /dev/null -c "$jar" -b "$jar" \
    --data-urlencode "csrf=$csrf" --data-urlencode "email=$email" --data-urlencode "password=$password" \
    "$url/login"
session="$(awk '$6 == "ge_session" { print $7 }' "$jar")"
[[ -n "$session" ]] || { echo "signing in failed" >&2; exit 1; }
cookie="Cookie: ge_session=$session"
bearer="Authorization: Bearer $token"

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# sample FILE: VmRSS every 0.5 s into FILE until stopped.
sample() {
    while kill -0 "$server_pid" 2>/dev/null; do
        rss_kb >>"$1" || true
        sleep 0.5
    done
}
peak() { sort -n "$1" | tail -n 1; }

# The Lua scripts: one per write route, the body the same on every request.
lua() { # file, method, path, body
    cat >"$1" <<LUA
wrk.method = "$2"
wrk.path = "$3"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("GE_TOKEN")
wrk.body = '$4'
LUA
}
lua "$work/wins.lua" POST /api/v1/wins '{"text":"kept the load test to good enough"}'
lua "$work/thoughts.lua" POST /api/v1/thoughts '{"situation":"a load test","thought":"it must be perfect","belief":60}'
lua "$work/checkins.lua" POST "/api/v1/checkins?replace=true" \
    '{"date":"2020-02-02","mood":6,"energy":5,"appreciations":[{"area":"work","text":"shipped it"},{"area":"rest","text":"took the evening off"},{"area":"relationships","text":"called a friend"}]}'

routes=(today progress list api_today outcomes wins thoughts checkins)
declare -A label args
label[today]="GET /today";                         args[today]="-H|$cookie|$url/today"
label[progress]="GET /progress";                   args[progress]="-H|$cookie|$url/progress"
label[list]="GET /api/v1/checkins?limit=100";      args[list]="-H|$bearer|$url/api/v1/checkins?limit=100"
label[api_today]="GET /api/v1/today";              args[api_today]="-H|$bearer|$url/api/v1/today"
label[outcomes]="GET /api/v1/progress/outcomes";   args[outcomes]="-H|$bearer|$url/api/v1/progress/outcomes"
label[wins]="POST /api/v1/wins";                   args[wins]="-s|$work/wins.lua|$url/api/v1/wins"
label[thoughts]="POST /api/v1/thoughts";           args[thoughts]="-s|$work/thoughts.lua|$url/api/v1/thoughts"
label[checkins]="POST /api/v1/checkins?replace";   args[checkins]="-s|$work/checkins.lua|$url/api/v1/checkins?replace=true"

# One request on each route first, so a broken route fails loudly.
for key in "${routes[@]}"; do
    IFS='|' read -r -a a <<<"${args[$key]}"
    if [[ "${a[0]}" == -H ]]; then
        code="$(curl -s -o "$work/answer" -w '%{http_code}' -H "${a[1]}" "${a[2]}")"
    else
        body="$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "${a[1]}")"
        code="$(curl -s -o "$work/answer" -w '%{http_code}' -X POST -H "$bearer" \
            -H 'Content-Type: application/json' -d "$body" "${a[2]}")"
    fi
    [[ "$code" == 2* ]] || { echo "${label[$key]} answered $code" >&2; head -c 300 "$work/answer" >&2; exit 1; }
done

sleep 2
rss_before="$(rss_kb)"
per=$((CONNECTIONS / 8))
echo "running $CONNECTIONS connections ($per per route, 8 routes) for ${DURATION}s on $BACKEND ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))..."
sample "$work/rss-load" &
sampler_pid=$!
wrk_pids=()
for key in "${routes[@]}"; do
    IFS='|' read -r -a a <<<"${args[$key]}"
    GE_TOKEN="$token" wrk -t1 -c"$per" -d"${DURATION}s" --timeout 10s --latency "${a[@]}" >"$work/wrk-$key.txt" 2>&1 &
    wrk_pids+=($!)
done
for pid in "${wrk_pids[@]}"; do wait "$pid"; done
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
rss_peak="$(peak "$work/rss-load")"
sleep 10
rss_after="$(rss_kb)"

to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v=v*1000 }; printf "%.2f", v }'; }
echo
printf '%-34s %9s %8s %9s %9s %7s\n' "route" "requests" "req/s" "p50 ms" "p99 ms" "errors"
total_errors=0
total_requests=0
for key in "${routes[@]}"; do
    out="$work/wrk-$key.txt"
    n="$(awk '/requests in/ { print $1 }' "$out")"
    rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")"
    p50="$(awk '$1 == "50%" { print $2 }' "$out" | to_ms)"
    p99="$(awk '$1 == "99%" { print $2 }' "$out" | to_ms)"
    errs="$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")"
    total_errors=$((total_errors + errs))
    total_requests=$((total_requests + ${n:-0}))
    printf '%-34s %9s %8s %9s %9s %7s\n' "${label[$key]}" "${n:-?}" "${rps:-?}" "$p50" "$p99" "$errs"
done
echo "all routes: $total_requests requests, $total_errors errors (non-2xx, socket errors, timeouts)"
echo "server RSS: before $(mb "$rss_before") MB, peak during $(mb "$rss_peak") MB, 10 s after $(mb "$rss_after") MB"

# --- the import ---------------------------------------------------------------
# The persona's own export (valid by construction), padded with wins of
# plain words until the form body (export=...) nearly fills the limit.
echo
echo "building a ${IMPORT_MIB} MiB import..."
curl -s -H "$bearer" "$url/api/v1/export" >"$work/export.json"
python3 - "$work/export.json" "$work/import.form" "$IMPORT_MIB" <<'PY'
import json, sys, urllib.parse, uuid, datetime
source, target, mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
doc = json.load(open(source))
limit = mib * 1024 * 1024 - 64 * 1024
words = "good enough is a kind and honest standard for a day of work and rest".split()
day = datetime.date.fromisoformat(doc["exported_at"][:10]) - datetime.timedelta(days=1)
made = []
size = len(urllib.parse.quote_plus(json.dumps(doc)))
i = 0
while True:
    text = " ".join(words[(i + j) % len(words)] for j in range(300)) + " %d" % i
    win = {
        "id": str(uuid.UUID(int=(0x01A2 << 112) | i)),
        "created_at": doc["exported_at"],
        "date": (day - datetime.timedelta(days=i % 3000)).isoformat(),
        "text": text,
    }
    grow = len(urllib.parse.quote_plus(json.dumps(win))) + 3
    if size + grow > limit:
        break
    made.append(win)
    size += grow
    i += 1
doc["wins"] = doc.get("wins", []) + made
body = "export=" + urllib.parse.quote_plus(json.dumps(doc))
open(target, "w").write(body)
print("import document: %.1f MiB of JSON, %d wins added, form body %.1f MiB"
      % (len(json.dumps(doc)) / 1048576, len(made), len(body) / 1048576))
PY
csrf="$(curl -s -b "$jar" "$url/data" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')"
rss_before_import="$(rss_kb)"
sample "$work/rss-import" &
sampler_pid=$!
# As a browser sends the form: the CSRF token is a field of the body.
{ printf 'csrf=%s&' "$csrf"; cat "$work/import.form"; } >"$work/import.body"
code="$(curl -s -o "$work/import-answer" -w '%{http_code}' -b "$jar" \
    -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$work/import.body" "$url/data/import")"
sleep 1
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
rss_import_peak="$(peak "$work/rss-import")"
import_ok=1
if [[ "$code" != 303 && "$code" != 200 ]]; then
    echo "the import answered $code:" >&2
    grep -o 'class="[^"]*error[^"]*"[^<]*<[^<]*' "$work/import-answer" | head -n 3 >&2 || head -c 400 "$work/import-answer" >&2
    import_ok=0
fi
sleep 10
rss_settled10="$(rss_kb)"
sleep 20
rss_settled30="$(rss_kb)"
echo "import answered $code; server RSS: before $(mb "$rss_before_import") MB, peak $(mb "$rss_import_peak") MB, 10 s after $(mb "$rss_settled10") MB, 30 s after $(mb "$rss_settled30") MB"
echo "(the server at its start, before the load: $(mb "$rss_before") MB)"
echo "machine: $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg); binary $bin"
if (( total_errors > 0 || import_ok == 0 )); then
    exit 1
fi
