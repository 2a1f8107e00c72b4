#!/usr/bin/env bash
# Web load benchmark: the release server on loopback, the eight-month demo
# persona signed in, CONNECTIONS (64) connections for DURATION seconds per
# route (wrk), every route against the same server in the same run:
#
#   GET  /healthz                  the trivial route (no session, no store): the baseline
#   GET  /today                    page, session cookie
#   GET  /progress                 page, session cookie; three server-drawn SVG charts
#   POST /api/v1/checkins?replace=true   Bearer token; one date replaced on every
#                                  request (a write each time): p99 and errors
#   GET  /api/v1/checkins?limit=100     Bearer token; the default page size (the bare
#                                  route when the server does not page yet)
#   GET  /api/v1/today             Bearer token
#   GET  /api/v1/progress/outcomes Bearer token
#
# TEN_YEARS=1 also seeds a second store with the ten-year demo
# (`demo --years 10`), starts a second server on it and measures /healthz,
# /today and /progress there. The machine's load (/proc/loadavg) is printed
# before each route, since the machine may be shared with builds.
#
# Prints requests/s, p50/p99, each route's throughput as a share of
# /healthz's, errors, the server's peak RSS, and the issue's goals. Nothing
# leaves 127.0.0.1.
#
#   bash benches/web.sh
#   SKIP_BUILD=1 TEN_YEARS=1 DURATION=10 CONNECTIONS=64 THREADS=2 bash benches/web.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-10}"
THREADS="${THREADS:-2}"
TEN_YEARS="${TEN_YEARS:-0}"
# The demo's last day, fixed so runs compare (the server's clock is real).
END="${END:-$(date -u +%F)}"

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed: apt-get install -y curl" >&2; exit 1; }

# SKIP_BUILD=1 uses the release binary that is already there.
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building the release binary..."
    cargo build --quiet --release -p goodenough
fi
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/goodenough"

work="$(mktemp -d /tmp/goodenough-webbench.XXXXXX)"
servers=()
cleanup() {
    local pid
    for pid in "${servers[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

email="bench@example.org"
password="bench-password-$RANDOM$RANDOM"

# start_server DIR DEMO-ARGS...: seeds DIR, adds the account and a token,
# starts the server and signs in. Sets url, token, cookie, server_pid.
start_server() {
    local dir="$1"; shift
    mkdir -p "$dir"
    "$bin" --data-dir "$dir" demo --end "$END" "$@" >/dev/null
    printf '%s\n' "$password" | "$bin" --data-dir "$dir" user add "$email" --password-stdin >/dev/null
    token="$("$bin" --data-dir "$dir" token create "$email" --name bench 2>/dev/null)"
    "$bin" --data-dir "$dir" serve --bind 127.0.0.1:0 2>"$dir/serve.log" &
    server_pid=$!
    servers+=("$server_pid")
    url=""
    for _ in $(seq 1 200); do
        url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$dir/serve.log" | head -n 1 || true)"
        [[ -n "$url" ]] && break
        sleep 0.05
    done
    [[ -n "$url" ]] || { echo "the server did not start:" >&2; cat "$dir/serve.log" >&2; exit 1; }
    # Sign in like a browser: the login form's CSRF token, then the session cookie.
    local jar="$dir/cookies" csrf session
    csrf="$(curl -s -c "$jar" -b "$jar" "$url/login" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')"
    curl -s -o /dev/null -c "$jar" -b "$jar" \
        --data-urlencode "csrf=$csrf" --data-urlencode "email=$email" --data-urlencode "password=$password" \
        "$url/login"
    session="$(awk '$6 == "ge_session" { print $7 }' "$jar")"
    [[ -n "$session" ]] || { echo "signing in failed" >&2; exit 1; }
    cookie="Cookie: ge_session=$session"
}

# expect_ok PATH HEADER: one request first, so a broken route fails loudly.
expect_ok() {
    local code
    code="$(curl -s -o "$work/answer" -w '%{http_code}' -H "$2" "$url$1")"
    [[ "$code" == 200 ]] || { echo "GET $1 answered $code" >&2; head -c 300 "$work/answer" >&2; exit 1; }
}

# "Requests/sec" and the 50%/99% lines of `wrk --latency`, in ms.
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v=v*1000 }; printf "%.2f", v }'; }
declare -A rps p50 p99 errs load label
order=()
run() { # key, label, then wrk arguments
    local key="$1" name="$2"; shift 2
    local out="$work/wrk-$key.txt"
    load[$key]="$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "  load ${load[$key]}  ->  $name"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency "$@" >"$out"
    rps[$key]="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")"
    p50[$key]="$(awk '$1 == "50%" { print $2 }' "$out" | to_ms)"
    p99[$key]="$(awk '$1 == "99%" { print $2 }' "$out" | to_ms)"
    errs[$key]="$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")"
    label[$key]="$name"
    order+=("$key")
}

echo "seeding the eight-month demo..."
start_server "$work/m8"
bearer="Authorization: Bearer $token"
expect_ok /today "$cookie"
expect_ok /progress "$cookie"
charts="$(grep -o '<svg class="chart"' "$work/answer" | wc -l)"
expect_ok /api/v1/today "$bearer"
expect_ok /api/v1/progress/outcomes "$bearer"
# The API list at the default page size: `?limit=100` when the server honours
# it (at most 100 check-ins in the answer), else the bare route.
list_path=/api/v1/checkins
expect_ok "/api/v1/checkins?limit=100" "$bearer"
if (( $(grep -o '"appreciations"' "$work/answer" | wc -l) <= 100 )); then
    list_path="/api/v1/checkins?limit=100"
fi
expect_ok "$list_path" "$bearer"
listed="$(grep -o '"appreciations"' "$work/answer" | wc -l)"

cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.path = "/api/v1/checkins?replace=true"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("GE_TOKEN")
wrk.body = '{"date":"2020-02-02","mood":6,"energy":5,"appreciations":[' ..
  '{"area":"work","text":"shipped it at good enough"},' ..
  '{"area":"rest","text":"took the evening off"},' ..
  '{"area":"relationships","text":"called a friend"}]}'
LUA
code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "$bearer" \
    -H 'Content-Type: application/json' \
    -d '{"date":"2020-02-02","mood":6,"energy":5,"appreciations":[{"area":"work","text":"a"},{"area":"rest","text":"b"},{"area":"health","text":"c"}]}' \
    "$url/api/v1/checkins?replace=true")"
[[ "$code" == 201 ]] || { echo "POST /api/v1/checkins answered $code" >&2; exit 1; }

echo "running wrk: $CONNECTIONS connections, $THREADS threads, ${DURATION}s per route ($(nproc) cores)..."
run healthz "GET /healthz (baseline)" "$url/healthz"
run today "GET /today" -H "$cookie" "$url/today"
run progress "GET /progress ($charts charts)" -H "$cookie" "$url/progress"
GE_TOKEN="$token" run post "POST /api/v1/checkins?replace" -s "$work/post.lua" "$url/api/v1/checkins?replace=true"
run list "GET $list_path ($listed)" -H "$bearer" "$url$list_path"
run api_today "GET /api/v1/today" -H "$bearer" "$url/api/v1/today"
run outcomes "GET /api/v1/progress/outcomes" -H "$bearer" "$url/api/v1/progress/outcomes"
hwm_kb="$(awk '/^VmHWM/ { print $2 }' "/proc/$server_pid/status")"
base=healthz

if [[ "$TEN_YEARS" == 1 ]]; then
    echo "seeding the ten-year demo (demo --years 10)..."
    start_server "$work/y10" --years 10
    expect_ok /today "$cookie"
    expect_ok /progress "$cookie"
    run healthz10 "10 years: GET /healthz" "$url/healthz"
    run today10 "10 years: GET /today" -H "$cookie" "$url/today"
    run progress10 "10 years: GET /progress" -H "$cookie" "$url/progress"
fi

echo
printf '%-40s %9s %8s %9s %9s %7s  %s\n' "route" "req/s" "share" "p50 ms" "p99 ms" "errors" "load before"
for key in "${order[@]}"; do
    [[ "$key" == *10 ]] && base=healthz10
    share="$(awk -v a="${rps[$key]}" -v b="${rps[$base]}" 'BEGIN { printf "%.1f%%", 100*a/b }')"
    printf '%-40s %9s %8s %9s %9s %7s  %s\n' "${label[$key]}" "${rps[$key]}" "$share" \
        "${p50[$key]}" "${p99[$key]}" "${errs[$key]}" "${load[$key]}"
done
echo
echo "(share: the route's requests/s as a share of the same server's /healthz)"
echo "goals (issue 11): /today >= 25% of /healthz and p99 < 25 ms; /progress p99 < 50 ms;"
echo "  check-in POST p99 < 25 ms with 0 errors; the API list at the default page size >= 25%."
echo "server RSS (eight months): peak $((hwm_kb / 1024)) MB (VmHWM)"
echo "machine: $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
