#!/usr/bin/env bash
# bench/api.sh [SECONDS] [CONNECTIONS]: the API under load on loopback (issue 3).
#  1. wrk on POST /api/v1/assessments (10 recipients over 5 lab domains, cache warm) and on /health/live, same
#     duration and connections: requests/s, p99 and the ratio (aim ≥ 0.5);
#  2. an open-loop 500 req/s run on the assessments endpoint for its p99 (aim < 10 ms);
#  3. 100,000 distinct domains cached through the API in batches of 500: the process RSS before and after.
# Prints figures; asserts nothing. Starts the TestLab and the API (Release, Development, temp data folder) and stops
# them by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-32}
warmup=${TLSPREFLIGHT_BENCH_WARMUP:-30}   # seconds of load before measuring: tiered JIT is slow on a starved CPU
bulk=${TLSPREFLIGHT_BENCH_BULK:-100000}   # distinct domains for the memory figure
source bench/lib/packages.sh
source bench/lib/processes.sh
work=$(mktemp -d /tmp/tlspreflight-bench-api.XXXXXX)
cleanup() { stop_started; rm -rf "$work"; }
trap cleanup EXIT
ensure_wrk

echo "== build (Release)"
for project in tests/TlsPreflight.TestLab backend/TlsPreflight.Api; do
  timeout 600 dotnet build "$project" -c Release -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done

echo "== lab and API"
start_logged "$work/service.log" node bench/lib/service.mjs --out "$work/service.json"
wait_for_file "$work/service.json" 180 "$last_pid" || { cat "$work/service.log"; exit 1; }
read -r base token api_pid < <(node -e 'const s = require(process.argv[1]); console.log(s.baseUrl, s.token, s.apiPid)' "$work/service.json")
echo "API $base (pid $api_pid)"
export TLSPREFLIGHT_BENCH_TOKEN=$token TLSPREFLIGHT_BENCH_INTENT=preview
body=$(node -e '
  const lua = require("fs").readFileSync("bench/lib/assessments.lua", "utf8");
  const recipients = [...lua.matchAll(/"([a-z]+@[a-z.]+)"/g)].map((m) => m[1]);
  console.log(JSON.stringify({ intent: "preview", recipients }));')
echo "$body" >"$work/body.json"

echo "== warm the cache"
for pass in probe cached; do
  answer=$(curl -fsS --max-time 60 -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
    --data @"$work/body.json" "$base/api/v1/assessments")
  node -e 'const a = JSON.parse(process.argv[1]); console.log(`${process.argv[2]}: decision ${a.decision}; ` +
    a.domains.map((d) => `${d.domain}=${d.level}${d.fromCache ? " (cache)" : ""}`).join(", "))' "$answer" "$pass"
done

run_wrk() { # run_wrk LABEL ARGS...: wrk with latency; prints its output and keeps it for the summary
  local label=$1; shift
  echo "-- wrk $label: ${seconds}s, $connections connections, 2 threads"
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency "$@" | tee "$work/wrk-$label.txt" | grep -E "Requests/sec|Latency |99%|non-2xx|Non-2xx"
}
echo "-- warm-up: ${warmup}s of wrk on the assessments endpoint, 10 s on /health/live, so tiered JIT settles first"
wrk -t2 -c"$connections" -d"${warmup}s" -s bench/lib/assessments.lua "$base/api/v1/assessments" | grep "Requests/sec" | sed 's/^/   warm-up /'
wrk -t2 -c"$connections" -d10s "$base/health/live" >/dev/null

echo "== (1) closed loop (wrk)"
run_wrk assessments -s bench/lib/assessments.lua "$base/api/v1/assessments"
run_wrk live "$base/health/live"
node - "$work/wrk-assessments.txt" "$work/wrk-live.txt" <<'JS'
const fs = require("fs");
const read = (f) => {
  const t = fs.readFileSync(f, "utf8");
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(t)[1]);
  const [, v, unit] = /99%\s+([\d.]+)(us|ms|s)/.exec(t);
  return { rps, p99: Number(v) * { us: 0.001, ms: 1, s: 1000 }[unit] };
};
const a = read(process.argv[2]), l = read(process.argv[3]);
console.log(`assessments ${a.rps.toFixed(0)} req/s, p99 ${a.p99.toFixed(2)} ms | /health/live ${l.rps.toFixed(0)} req/s, p99 ${l.p99.toFixed(2)} ms | ratio ${(a.rps / l.rps).toFixed(2)} (aim ≥ 0.5)`);
JS

echo "== (2) open loop, 500 req/s on the assessments endpoint"
timeout 120 node bench/lib/open-loop.mjs --url "$base/api/v1/assessments" --rate 500 --seconds 20 \
  --body-file "$work/body.json" --token "$token" | grep -v '^RESULT'
echo "-- the same on /health/live, for reference"
timeout 120 node bench/lib/open-loop.mjs --url "$base/health/live" --rate 500 --seconds 20 | grep -v '^RESULT'

if [ "$bulk" -gt 0 ]; then
  echo "== (3) $bulk distinct domains into the cache"
  timeout 900 node bench/lib/bulk-cache.mjs --url "$base" --token "$token" --pid "$api_pid" --count "$bulk" --batch 500
fi
