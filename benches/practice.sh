#!/usr/bin/env bash
# Practice benchmark: one coach with CLIENTS (200) clients on PostgreSQL, each
# client with DAYS (240, about eight months) days of demo data, served by the
# release binary on loopback. CONNECTIONS (16) wrk connections, DURATION
# seconds per route, every route against the same server in the same run:
#
#   GET /clients                     the coach's roster (session cookie), its
#                                    first page: 50 clients with what they share,
#                                    the programme and week where it is shared
#   GET /clients?page=N              its last page
#   GET /clients?q=NAME              the newest client found by name
#   GET /clients/ID/checkins         one client's shared check-ins, as the coach
#                                    (each request writes the client's access log)
#   GET /api/v1/clients/ID/checkins  the same through the API (Bearer token)
#   GET /today                       Alex's own Today beside the practice
#   GET /healthz                     the baseline
#
# Needs a PostgreSQL server: BENCH_DATABASE_URL names a server URL whose
# database this script may create (it creates goodenough_practice_bench_N
# and drops it at the end). Seeding 200 clients takes a while. Nothing
# leaves 127.0.0.1.
#
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres bash benches/practice.sh
#   SKIP_BUILD=1 CLIENTS=200 DAYS=240 DURATION=10 CONNECTIONS=16 bash benches/practice.sh
#   KEEP=/var/tmp/practice-bench ... bash benches/practice.sh   (keeps the seeded
#   database and its sign-ins in that directory; the next run with the same
#   KEEP serves them again without seeding, e.g. to compare two builds)
#   PERF_OUT=/tmp/roster.perf ... bash benches/practice.sh   (a CPU profile of the
#   whole machine while the roster runs; PERF_ROUTE names another route)
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS="${CLIENTS:-200}"
DAYS="${DAYS:-240}"
CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-10}"
THREADS="${THREADS:-2}"
: "${BENCH_DATABASE_URL:?set BENCH_DATABASE_URL to a PostgreSQL server URL (a database will be created there)}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is not installed: apt-get install -y postgresql-client" >&2; exit 1; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building the release binary..."
    cargo build --quiet --release -p goodenough
fi
bin="${BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/goodenough}"

server_url="${BENCH_DATABASE_URL%/*}"
reuse=0
if [[ -n "${KEEP:-}" && -s "${KEEP}/db" && -s "${KEEP}/demo-sign-ins.txt" ]]; then
    work="$KEEP"
    db="$(cat "$work/db")"
    reuse=1
elif [[ -n "${KEEP:-}" ]]; then
    mkdir -p "$KEEP"
    work="$KEEP"
    db="goodenough_practice_bench_$RANDOM"
else
    work="$(mktemp -d /tmp/goodenough-practicebench.XXXXXX)"
    db="goodenough_practice_bench_$RANDOM"
fi
url_db="$server_url/$db"
pid=""
cleanup() {
    if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    if [[ -z "${KEEP:-}" ]]; then
        psql "$BENCH_DATABASE_URL" -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
        rm -rf "$work"
    fi
}
trap cleanup EXIT
start=$(date +%s)
# The server's stderr is redirected in the background job's own process, so
# an old log (a kept run's) could still be read for its address: remove it.
rm -f "$work/serve.log"
if [[ "$reuse" == 1 ]]; then
    echo "serving the database kept in $work ($db) again, without seeding..."
    "$bin" --data-dir "$work" --database "$url_db" serve --connections 16 --bind 127.0.0.1:0 >"$work/requests.log" 2>"$work/serve.log" &
else
    psql "$BENCH_DATABASE_URL" -q -c "CREATE DATABASE $db" >/dev/null
    [[ -z "${KEEP:-}" ]] || echo "$db" >"$work/db"
    echo "seeding one coach and $CLIENTS clients with $DAYS days each on PostgreSQL..."
    GOODENOUGH_DEMO_CLIENTS="$CLIENTS" GOODENOUGH_DEMO_CLIENT_DAYS="$DAYS" \
        "$bin" --data-dir "$work" --database "$url_db" serve --demo --connections 16 --bind 127.0.0.1:0 >"$work/requests.log" 2>"$work/serve.log" &
fi
pid=$!
url=""
for _ in $(seq 1 6000); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" 2>/dev/null | head -n 1 || true)"
    [[ -n "$url" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.1
done
[[ -n "$url" ]] || { echo "the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
# The address is printed when the port is bound; wait until it answers.
for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$url/healthz" && break
    sleep 0.1
done
echo "seeded and serving in $(( $(date +%s) - start )) s"
# A steady state, as autovacuum leaves it: statistics and no dead rows from
# the seeding (each write bumps a person's data version).
psql "$url_db" -q -c "VACUUM ANALYZE" >/dev/null
password="$(head -n 1 "$work/demo-sign-ins.txt" | sed 's/.*for every one: //; s/)$//')"

sign_in() { # email -> cookie header
    local jar="$work/jar-$1" csrf session
    # A fresh jar: one kept from an earlier run (KEEP) holds a session that
    # makes /login answer without its form.
    rm -f "$jar"
    csrf="$(curl -s -c "$jar" -b "$jar" "$url/login" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')"
    curl -s -o "$jar.html" -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
        --data-urlencode "email=$1" --data-urlencode "password=$password" "$url/login"
    session="$(awk '$6 == "ge_session" { print $7 }' "$jar")"
    [[ -n "$session" ]] || {
        echo "signing in as $1 failed: $(grep -o 'role="alert"[^<]*<[^<]*' "$jar.html" | head -n 1)" >&2
        exit 1
    }
    echo "Cookie: ge_session=$session"
}
coach_cookie="$(sign_in coach@demo.example)"
alex_cookie="$(sign_in alex@demo.example)"
token="$("$bin" --data-dir "$work" --database "$url_db" token create coach@demo.example --name "bench-$(date +%s)-$RANDOM" 2>/dev/null)"
[[ -n "$token" ]] || { echo "making an API token for the coach failed" >&2; exit 1; }
code="$(curl -s -o "$work/clients.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$url/api/v1/clients?limit=1000")"
[[ "$code" == 200 ]] || { echo "GET /api/v1/clients answered $code: $(head -c 300 "$work/clients.json")" >&2; exit 1; }
client="$(python3 -c 'import json,sys; print(next(c["client_id"] for c in json.load(sys.stdin) if "checkins" in c["consent"]["shared"]))' <"$work/clients.json")"
clients_seen="$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <"$work/clients.json")"
echo "the roster has $clients_seen clients"

to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v=v*1000 }; printf "%.2f", v }'; }
run() { # label header path
    local out="$work/wrk.txt" code
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "$2" "$url$3")"
    [[ "$code" == 200 ]] || { echo "GET $3 answered $code" >&2; exit 1; }
    local perf_pid=""
    if [[ -n "${PERF_OUT:-}" && "$1" == "${PERF_ROUTE:-GET /clients (roster)}" ]]; then
        # PERF_OUT=FILE: a whole-machine CPU profile (server and PostgreSQL)
        # while this route runs, for `perf report -i FILE --sort comm,dso,sym`.
        perf record -q -F 999 -a -o "$PERF_OUT" -- sleep "$DURATION" 2>/dev/null &
        perf_pid=$!
    fi
    # Two seconds of the same load first, not counted: the pool opens its
    # connections and each prepares its statements on first use, which a
    # server that has been up for a while has long done (WARMUP=0 skips it).
    if [[ "${WARMUP:-2}" != 0 ]]; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP:-2}s" --timeout 5s -H "$2" "$url$3" >/dev/null
    fi
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency -H "$2" "$url$3" >"$out"
    [[ -z "$perf_pid" ]] || wait "$perf_pid" || true
    local rps p50 p99 errors
    rps="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$out")"
    p50="$(awk '$1 == "50%" { print $2 }' "$out" | to_ms)"
    p99="$(awk '$1 == "99%" { print $2 }' "$out" | to_ms)"
    errors="$(awk '/Non-2xx|Socket errors/ { print }' "$out" | tr '\n' ' ')"
    printf '%-34s %8s req/s   p50 %8s ms   p99 %8s ms   %s   (load %s)\n' \
        "$1" "$rps" "$p50" "$p99" "${errors:-0 errors}" "$(cut -d' ' -f1 /proc/loadavg)"
}
echo
echo "$CONNECTIONS connections, ${DURATION}s per route, PostgreSQL, $CLIENTS clients x $DAYS days"
run "GET /healthz" "X-Bench: 1" "/healthz"
run "GET /clients (roster)" "$coach_cookie" "/clients"
last_page=$(( (clients_seen + 49) / 50 ))
run "GET /clients?page=$last_page (roster)" "$coach_cookie" "/clients?page=$last_page"
run "GET /clients?q=NAME (roster)" "$coach_cookie" "/clients?q=$(python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)[-1]["client_name"]))' <"$work/clients.json")"
run "GET /clients/ID/checkins (page)" "$coach_cookie" "/clients/$client/checkins"
run "GET /api/v1/clients/ID/checkins" "Authorization: Bearer $token" "/api/v1/clients/$client/checkins?limit=100"
run "GET /today (Alex, own)" "$alex_cookie" "/today"
log_lines="$(psql "$url_db" -At -c "SELECT count(*) FROM access_log WHERE client_id = '$client'")"
echo "access-log lines written for that client during the run: $log_lines"
echo "server peak RSS: $(awk '/VmHWM/ { print $2, $3 }' "/proc/$pid/status")"

# The same Today without the practice, in the same run: a second database
# seeded with the demo person alone (no clients besides; the demo coach
# stays), served by the same binary. NO_BASELINE=1 skips it.
if [[ "${NO_BASELINE:-0}" != 1 ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
    solo_db="${db}_solo"
    solo_work="$work/solo"
    mkdir -p "$solo_work"
    psql "$BENCH_DATABASE_URL" -q -c "DROP DATABASE IF EXISTS $solo_db WITH (FORCE)" >/dev/null
    psql "$BENCH_DATABASE_URL" -q -c "CREATE DATABASE $solo_db" >/dev/null
    solo_cleanup() {
        psql "$BENCH_DATABASE_URL" -q -c "DROP DATABASE IF EXISTS $solo_db WITH (FORCE)" >/dev/null 2>&1 || true
    }
    trap 'solo_cleanup; cleanup' EXIT
    rm -f "$solo_work/serve.log"
    GOODENOUGH_DEMO_CLIENTS=0 GOODENOUGH_DEMO_CLIENT_DAYS="$DAYS" \
        "$bin" --data-dir "$solo_work" --database "$server_url/$solo_db" serve --demo --connections 16 \
        --bind 127.0.0.1:0 >"$solo_work/requests.log" 2>"$solo_work/serve.log" &
    pid=$!
    url=""
    for _ in $(seq 1 6000); do
        url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$solo_work/serve.log" 2>/dev/null | head -n 1 || true)"
        [[ -n "$url" ]] && break
        kill -0 "$pid" 2>/dev/null || { cat "$solo_work/serve.log" >&2; exit 1; }
        sleep 0.1
    done
    [[ -n "$url" ]] || { echo "the second server did not start" >&2; exit 1; }
    psql "$server_url/$solo_db" -q -c "VACUUM ANALYZE" >/dev/null
    password="$(head -n 1 "$solo_work/demo-sign-ins.txt" | sed 's/.*for every one: //; s/)$//')"
    rm -f "$work/jar-alex@demo.example"
    alex_solo="$(sign_in alex@demo.example)"
    echo
    echo "without the practice (the demo person alone on a database of their own), same binary:"
    run "GET /today (Alex, no practice)" "$alex_solo" "/today"
fi
