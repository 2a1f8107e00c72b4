#!/usr/bin/env bash
# Web load benchmark: the release server on loopback, the eight-month demo
# persona signed in, 64 connections for DURATION seconds per route (wrk).
#
# Routes, all in the same run against the same server:
#   GET /healthz   the trivial route (no session, no store): the baseline
#   GET /today     signed in with the session cookie
#   GET /progress  signed in; three server-drawn SVG charts
#   POST /api/v1/checkins?replace=true   Bearer token, one date replaced
#                                        on every request (a write each time)
# Prints requests/s, p50/p99 latency and the server's peak RSS (VmHWM), and
# checks them against the goals of the web issue. Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-10}"
THREADS="${THREADS:-2}"

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed: apt-get install -y curl" >&2; exit 1; }

# SKIP_BUILD=1 uses the release binary that is already there.
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building the release binary..."
    cargo build --quiet --release -p goodenough
fi
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/goodenough"

work="$(mktemp -d /tmp/goodenough-webbench.XXXXXX)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

email="bench@example.org"
password="bench-password-$RANDOM$RANDOM"
"$bin" --data-dir "$work" demo >/dev/null
printf '%s\n' "$password" | "$bin" --data-dir "$work" user add "$email" --password-stdin >/dev/null
token="$("$bin" --data-dir "$work" token create "$email" --name bench 2>/dev/null)"

"$bin" --data-dir "$work" serve --bind 127.0.0.1:0 2>"$work/serve.log" &
server_pid=$!
url=""
for _ in $(seq 1 200); do
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
for path in /today /progress; do
    code="$(curl -s -o "$work/page.html" -w '%{http_code}' -H "$cookie" "$url$path")"
    [[ "$code" == 200 ]] || { echo "GET $path answered $code" >&2; exit 1; }
done
charts="$(grep -o '<svg class="chart"' "$work/page.html" | wc -l)"

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
code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' \
    -d '{"date":"2020-02-02","mood":6,"energy":5,"appreciations":[{"area":"work","text":"a"},{"area":"rest","text":"b"},{"area":"health","text":"c"}]}' \
    "$url/api/v1/checkins?replace=true")"
[[ "$code" == 201 ]] || { echo "POST /api/v1/checkins answered $code" >&2; exit 1; }

# "Requests/sec" and the 50%/99% lines of `wrk --latency`, in ms.
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v=v*1000 }; printf "%.2f", v }'; }
declare -A rps p50 p99 errs
run() { # name, then wrk arguments
    local name="$1"; shift
    local out="$work/wrk-$name.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency "$@" >"$out"
    rps[$name]="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")"
    p50[$name]="$(awk '$1 == "50%" { print $2 }' "$out" | to_ms)"
    p99[$name]="$(awk '$1 == "99%" { print $2 }' "$out" | to_ms)"
    errs[$name]="$(awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }' "$out")"
}

echo "running wrk: $CONNECTIONS connections, $THREADS threads, ${DURATION}s per route..."
run healthz "$url/healthz"
run today -H "$cookie" "$url/today"
run progress -H "$cookie" "$url/progress"
GE_TOKEN="$token" run post -s "$work/post.lua" "$url/api/v1/checkins?replace=true"

hwm_kb="$(awk '/^VmHWM/ { print $2 }' "/proc/$server_pid/status")"
rss_kb="$(awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status")"

echo
printf '%-34s %10s %9s %9s\n' "route" "req/s" "p50 ms" "p99 ms"
for name in healthz today progress post; do
    case "$name" in
        healthz) label="GET /healthz (trivial)";;
        today) label="GET /today";;
        progress) label="GET /progress ($charts charts)";;
        post) label="POST /api/v1/checkins?replace";;
    esac
    printf '%-34s %10s %9s %9s  %s\n' "$label" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "${errs[$name]}"
done
echo
ratio="$(awk -v a="${rps[today]}" -v b="${rps[healthz]}" 'BEGIN { printf "%.1f", 100*a/b }')"
echo "Today throughput: ${ratio}% of the trivial route (goal >= 25%)"
worst=0
for name in today progress post; do
    worst="$(awk -v a="$worst" -v b="${p99[$name]}" 'BEGIN { print (b > a ? b : a) }')"
done
echo "worst p99 of the app routes: ${worst} ms (goal < 25 ms)"
echo "server RSS: peak $((hwm_kb / 1024)) MB (VmHWM), now $((rss_kb / 1024)) MB (goal < 100 MB)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
