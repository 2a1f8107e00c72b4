#!/usr/bin/env bash
# Git-scan and outcome-summary benchmark.
#
# 1. Makes a repository of $COMMITS commits (default 100,000) in seconds with
#    `git fast-import` from a generated stream: one linear branch, commits
#    spread over ten years and over the whole day, 90% by the person, 10% by
#    a colleague (so the author filter has work to do).
# 2. Times `goodenough git scan` into a fresh store and again into the same
#    store (a rescan: every commit already recorded), against
#    `git log --format='%H %at %ae' | wc -l` on the same repository in the
#    same hyperfine run. Reports commits/s.
# 3. Times `goodenough boundaries --json` on two demo stores, eight months
#    and ten years (default 12-week window), plus the ten-year store with a
#    52-week window: the cost should follow the window, not the history.
#    Goal: under 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."

COMMITS="${COMMITS:-100000}"
RUNS="${RUNS:-5}"
SUMMARY_RUNS="${SUMMARY_RUNS:-30}"
END="${END:-2026-11-20}"

command -v hyperfine >/dev/null || { echo "hyperfine is not installed: apt-get install -y hyperfine" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building the release binary..."
    cargo build --quiet --release -p goodenough
fi
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/goodenough"

work="$(mktemp -d /tmp/goodenough-gitbench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" GIT_CONFIG_NOSYSTEM=1 TZ=UTC

repo="$work/repo"
git init -q "$repo"
git -C "$repo" config user.email me@example.com
git -C "$repo" config user.name Me
start=$(date +%s.%N)
python3 - "$COMMITS" <<'PY' | git -C "$repo" fast-import --quiet
import random, sys
n = int(sys.argv[1])
rnd = random.Random(42)
t = 1_480_000_000            # late 2016
span = 10 * 365 * 86400
step = span // n
out = sys.stdout
for i in range(1, n + 1):
    day = t + i * step
    day -= day % 86400
    hour = rnd.choices(range(24), weights=[1,1,1,1,1,2,3,5,8,10,10,10,9,10,10,10,9,8,6,5,4,3,2,1])[0]
    when = day + hour * 3600 + rnd.randrange(3600)
    who = "Me <me@example.com>" if rnd.random() < 0.9 else "Colleague <colleague@example.com>"
    msg = f"change {i}\n"
    out.write(f"commit refs/heads/main\nmark :{i}\nauthor {who} {when} +0000\ncommitter {who} {when} +0000\n")
    out.write(f"data {len(msg.encode())}\n{msg}")
    if i > 1:
        out.write(f"from :{i-1}\n")
    out.write("\n")
PY
git -C "$repo" symbolic-ref HEAD refs/heads/main
made=$(python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$start")
count=$(git -C "$repo" rev-list --count HEAD)
echo "repository: $count commits, made in ${made}s ($(du -sh "$repo/.git" | cut -f1) on disk)"

# A store that already has every commit, for the rescan.
"$bin" --data-dir "$work/scanned" --json git scan "$repo" > "$work/first.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(f\"first scan: {r['commits_read']} read, {r['commits_found']} by {r['author']}, {r['added']} recorded\")" "$work/first.json"

hyperfine --runs "$RUNS" --warmup 1 --style none --export-json "$work/git.json" \
    -n "git log --format='%H %at %ae' | wc -l" "git -C $repo log --format='%H %at %ae' | wc -l" \
    -n "goodenough git scan (fresh store)" --prepare "rm -rf $work/fresh" "$bin --data-dir $work/fresh git scan $repo" \
    -n "goodenough git scan (rescan)" "$bin --data-dir $work/scanned git scan $repo" \
    >/dev/null

# Outcome summary on demo stores.
"$bin" --data-dir "$work/small" demo --end "$END" >/dev/null
"$bin" --data-dir "$work/large" demo --end "$END" --years 10 >/dev/null
for size in small large; do
    n=$("$bin" --data-dir "$work/$size" --json export | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["git_commits"]), len(d["timeboxes"]), len(d["noes"]), len(d["delegations"]))')
    echo "$size demo store: git commits, timeboxes, noes, delegations = $n"
done
export GOODENOUGH_NOW="${END}T18:00:00Z"
hyperfine --runs "$SUMMARY_RUNS" --warmup 3 -N --style none --export-json "$work/summary.json" \
    -n "baseline --version" "$bin --version" \
    -n "boundaries, 8 months of data, 12 weeks" "$bin --data-dir $work/small --json boundaries" \
    -n "boundaries, 10 years of data, 12 weeks" "$bin --data-dir $work/large --json boundaries" \
    -n "boundaries, 10 years of data, 52 weeks" "$bin --data-dir $work/large --json boundaries --weeks 52" \
    -n "boundaries, 10 years of data, 520 weeks" "$bin --data-dir $work/large --json boundaries --weeks 520" \
    >/dev/null

python3 - "$work/git.json" "$work/summary.json" "$count" <<'PY'
import json, sys
git = json.load(open(sys.argv[1]))["results"]
summary = json.load(open(sys.argv[2]))["results"]
n = int(sys.argv[3])
print()
print(f"{'command':<44} {'median':>10} {'min':>10} {'commits/s':>12}")
for r in git:
    med, mn = r["median"], r["min"]
    print(f"{r['command']:<44} {med*1000:>7.0f} ms {mn*1000:>7.0f} ms {n/med:>12,.0f}")
print()
print(f"{'command':<44} {'median':>10} {'min':>10}")
fail = False
for r in summary:
    med, mn = r["median"] * 1000, r["min"] * 1000
    print(f"{r['command']:<44} {med:>7.1f} ms {mn:>7.1f} ms")
    if "12 weeks" in r["command"] and med >= 20:
        fail = True
print()
print("goal: boundaries --json (12 weeks) under 20 ms:", "NOT MET" if fail else "met")
PY
