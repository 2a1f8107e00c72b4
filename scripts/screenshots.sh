#!/usr/bin/env bash
# PNG screenshots for people to look at: the main pages (desktop and phone
# widths) with the ten-year demo, target/screenshots/*.png, and every page in
# both sizes and both themes, target/screenshots/every-page/*.png.
#
# Seeds a fresh demo store (`goodenough demo`), adds an account for it
# (`goodenough user add`), serves it on a free loopback port and signs in
# with headless Chromium (Debian's chromium + chromium-driver) to take the
# pictures. Nothing outside a temporary directory and target/ is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${GOODENOUGH_SCREENSHOT_DIR:-$PWD/target/screenshots}"
email="demo@example.org"
password="demo-password-$RANDOM$RANDOM"

cargo build --quiet -p goodenough
bin="${CARGO_TARGET_DIR:-$PWD/target}/debug/goodenough"

data="$(mktemp -d /tmp/goodenough-screens.XXXXXX)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT

"$bin" --data-dir "$data" demo >/dev/null
printf '%s\n' "$password" | "$bin" --data-dir "$data" user add "$email" --password-stdin >/dev/null

"$bin" --data-dir "$data" serve --bind 127.0.0.1:0 2>"$data/serve.log" &
server_pid=$!
url=""
for _ in $(seq 1 200); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$data/serve.log" | head -n 1 || true)"
    [[ -n "$url" ]] && break
    sleep 0.05
done
if [[ -z "$url" ]]; then
    echo "the server did not start:" >&2
    cat "$data/serve.log" >&2
    exit 1
fi

mkdir -p "$out"
GOODENOUGH_SCREENSHOT_URL="$url" \
GOODENOUGH_SCREENSHOT_EMAIL="$email" \
GOODENOUGH_SCREENSHOT_PASSWORD="$password" \
GOODENOUGH_SCREENSHOT_DIR="$out" \
GOODENOUGH_REQUIRE_BROWSER=1 \
    cargo test --quiet --workspace --test it -- --ignored screenshots:: --nocapture

# Every page the router serves, as each kind of person sees it (signed out,
# a client with eight weeks of records, her coach, the operator), at 390 and
# 1280 px, light and dark: the every-page test with its pictures kept. It
# also fails on a page wider than the screen or an axe-core finding.
GOODENOUGH_AXE_JS="$(.ci/axe)" \
GOODENOUGH_SCREENSHOT_DIR="$out/every-page" \
GOODENOUGH_REQUIRE_BROWSER=1 \
    cargo test --quiet -p goodenough-browser --test it -- every_page:: --nocapture
echo "screenshots are in $out (every page, both sizes and themes: $out/every-page)"
