#!/usr/bin/env bash
# bench/api.sh [SECONDS] [CONNECTIONS]: the API under load on loopback (issue 3).
#  1. wrk on POST /api/v1/assessments (10 recipients over 5 lab domains, cache warm) and on /health/live, same
#     duration and connections: requests/s, p99 and the ratio (aim ≥ 0.5);
#  2. an open-loop 500 req/s run on the assessments endpoint for its p99 (aim < 10 ms);
#  3. 100,000 distinct domains cached through the API in batches of 500: the process RSS before and after;
#  4. intent "send" under wrk (each answer writes one audit row) against preview, on SQLite and then on a PostgreSQL
#     of its own (initdb on a free loopback port, skipped when no server binaries are installed): the ratio and
#     whether every answered send has its row.
# Each figure is printed with its aim (issue 11) and "met" / "not met"; the last lines are a summary table.
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
summary=()
aim() { # aim LABEL FIGURE AIM MET(0/1): one line now, and the same in the summary at the end
  local verdict; verdict=$([ "$4" = 1 ] && echo met || echo "NOT met")
  echo ">> $1: $2 (aim $3): $verdict"
  summary+=("$(printf '%-58s %-34s %-22s %s' "$1" "$2" "$3" "$verdict")")
}
work=$(mktemp -d /tmp/tlspreflight-bench-api.XXXXXX)
cleanup() { stop_started; rm -rf "$work"; }
trap cleanup EXIT
ensure_wrk

echo "== machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(nproc) cores"
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
{
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
console.log(`assessments ${a.rps.toFixed(0)} req/s, p99 ${a.p99.toFixed(2)} ms | /health/live ${l.rps.toFixed(0)} req/s, p99 ${l.p99.toFixed(2)} ms | ratio ${(a.rps / l.rps).toFixed(2)}`);
console.log(`FIGURES ${a.rps} ${l.rps} ${(a.rps / l.rps).toFixed(3)}`);
JS
} | tee "$work/ratio.txt" | grep -v '^FIGURES'
read -r _ preview_rps live_rps ratio < <(grep '^FIGURES' "$work/ratio.txt")
aim "cache-warm POST /assessments ÷ /health/live (wrk)" "$(printf '%.0f ÷ %.0f req/s = %s' "$preview_rps" "$live_rps" "$ratio")" "≥ 0.5" \
  "$(node -e 'console.log(Number(process.argv[1]) >= 0.5 ? 1 : 0)' "$ratio")"

echo "== (2) open loop, 500 req/s on the assessments endpoint"
timeout 120 node bench/lib/open-loop.mjs --url "$base/api/v1/assessments" --rate 500 --seconds 20 \
  --body-file "$work/body.json" --token "$token" | tee "$work/open-assessments.txt" | grep -v '^RESULT'
echo "-- the same on /health/live, in the same run"
timeout 120 node bench/lib/open-loop.mjs --url "$base/health/live" --rate 500 --seconds 20 | tee "$work/open-live.txt" | grep -v '^RESULT'
read -r open_a open_l open_met < <(node -e '
  const fs = require("fs");
  const r = (f) => JSON.parse(/^RESULT (.*)$/m.exec(fs.readFileSync(f, "utf8"))[1]);
  const a = r(process.argv[1]), l = r(process.argv[2]);
  const ok = a.non200 === 0 && a.errors === 0 && a.p99 < 10 && a.p99 <= 2 * l.p99;
  console.log(a.p99.toFixed(2), l.p99.toFixed(2), ok ? 1 : 0);' "$work/open-assessments.txt" "$work/open-live.txt")
aim "p99 at a fixed 500 req/s, assessments vs /health/live" "$open_a ms vs $open_l ms" "≤ 2× live and < 10 ms" "$open_met"

if [ "$bulk" -gt 0 ]; then
  echo "== (3) $bulk distinct domains into the cache"
  timeout 900 node bench/lib/bulk-cache.mjs --url "$base" --token "$token" --pid "$api_pid" --count "$bulk" --batch 500 \
    | tee "$work/bulk.txt"
  bytes=$(grep -oE '≈[0-9]+ bytes per cached domain' "$work/bulk.txt" | grep -oE '[0-9]+' | head -1 || true)
  if [ -n "$bytes" ]; then
    per=$(node -e 'console.log((Number(process.argv[1]) / 1024).toFixed(1))' "$bytes")
    aim "RSS growth per cached domain ($bulk domains)" "$per KB" "≤ 3 KB" "$(node -e 'console.log(Number(process.argv[1]) <= 3 ? 1 : 0)' "$per")"
  fi
fi

# send_vs_preview LABEL BASE TOKEN: wrk on preview, then on send; the audit rows written against the sends answered.
send_vs_preview() {
  local label=$1 url=$2 tok=$3 admin before after
  # an admin of the bench tenant (service.mjs's devToken, as a request) reads the audit's row count
  admin=$(curl -fsS --max-time 30 -H "Content-Type: application/json" \
    --data '{"tenantId":"11111111-1111-1111-1111-111111111111","userId":"bench","roles":["TlsPreflight.Admin"]}' "$url/dev/token" \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).accessToken))')
  rows() { curl -fsS --max-time 30 -H "Authorization: Bearer $admin" "$url/api/v1/audit?pageSize=1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))'; }
  echo "-- $label: wrk preview, then wrk send (${seconds}s each, $connections connections)"
  TLSPREFLIGHT_BENCH_TOKEN=$tok TLSPREFLIGHT_BENCH_INTENT=preview wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s \
    -s bench/lib/assessments.lua "$url/api/v1/assessments" >"$work/wrk-$label-preview.txt"
  before=$(rows)
  TLSPREFLIGHT_BENCH_TOKEN=$tok TLSPREFLIGHT_BENCH_INTENT=send wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s \
    -s bench/lib/assessments.lua "$url/api/v1/assessments" >"$work/wrk-$label-send.txt"
  sleep 2 # sends answered before wrk stopped are committed already (answered after commit); this only lets in-flight ones finish
  after=$(rows)
  read -r p s answered ratio lost met < <(node -e '
    const fs = require("fs");
    const t = (f) => fs.readFileSync(f, "utf8");
    const rps = (x) => Number(/Requests\/sec:\s+([\d.]+)/.exec(x)[1]);
    const requests = (x) => Number(/(\d+) requests in/.exec(x)[1]);
    const bad = (x) => Number((/non-2xx or errors: (\d+)/.exec(x) ?? [0, 0])[1]);
    const pre = t(process.argv[1]), send = t(process.argv[2]);
    const answered = requests(send) - bad(send), rows = Number(process.argv[4]) - Number(process.argv[3]);
    const ratio = rps(send) / rps(pre), lost = Math.max(0, answered - rows);
    console.log(rps(pre).toFixed(0), rps(send).toFixed(0), answered, ratio.toFixed(2), lost, ratio >= 0.5 && lost === 0 && bad(send) === 0 ? 1 : 0);' \
    "$work/wrk-$label-preview.txt" "$work/wrk-$label-send.txt" "$before" "$after")
  echo "   preview $p req/s, send $s req/s; $answered sends answered 200, $((after - before)) audit rows written"
  aim "send ÷ preview under wrk, $label (one audit row each)" "$s ÷ $p req/s = $ratio, $lost lost" "≥ 0.5, no lost row" "$met"
}

echo "== (4) intent send under wrk: one audit row per answer"
send_vs_preview SQLite "$base" "$token"

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$pgbin" ]; then
  echo "== (5) the same on PostgreSQL"
  stop_started # the SQLite service and its lab: one API at a time on two cores
  pgdir=$(mktemp -d /tmp/tlspreflight-bench-pg.XXXXXX); chmod 755 "$pgdir"
  as=(); [ "$(id -u)" = 0 ] && { chown postgres "$pgdir"; as=(runuser -u postgres --); }
  pgport=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  "${as[@]}" "$pgbin/initdb" -D "$pgdir/pg" -A trust -U postgres >/dev/null
  "${as[@]}" "$pgbin/pg_ctl" -D "$pgdir/pg" -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1" -l "$pgdir/pg.log" -w start >/dev/null
  pg_pid=$(head -1 "$pgdir/pg/postmaster.pid")
  trap 'stop_started; kill -INT "$pg_pid" 2>/dev/null; sleep 2; rm -rf "$work" "$pgdir"' EXIT
  export Database__Provider=Postgres ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
  start_logged "$work/service-pg.log" node bench/lib/service.mjs --out "$work/service-pg.json"
  wait_for_file "$work/service-pg.json" 180 "$last_pid" || { cat "$work/service-pg.log"; exit 1; }
  read -r pg_base pg_token < <(node -e 'const s = require(process.argv[1]); console.log(s.baseUrl, s.token)' "$work/service-pg.json")
  for _ in probe cached; do
    curl -fsS --max-time 60 -o /dev/null -H "Authorization: Bearer $pg_token" -H "Content-Type: application/json" \
      --data @"$work/body.json" "$pg_base/api/v1/assessments"
  done
  TLSPREFLIGHT_BENCH_TOKEN=$pg_token wrk -t2 -c"$connections" -d"${warmup}s" -s bench/lib/assessments.lua "$pg_base/api/v1/assessments" >/dev/null
  send_vs_preview PostgreSQL "$pg_base" "$pg_token"
else
  echo "== (5) PostgreSQL: no server binaries under /usr/lib/postgresql; not measured"
fi

echo "== summary (load average now: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
printf '%s\n' "${summary[@]}"
