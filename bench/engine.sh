#!/usr/bin/env bash
# bench/engine.sh [RUNS]: the engine against Postfix's posttls-finger on the TestLab's loopback servers (issue 2).
#  (a) one domain's cold assessment — the CLI as a process (the Native AOT binary), and the engine in-process
#      (bench/EngineTiming) — against posttls-finger on the same SMTP server; median of RUNS each, and the ratios
#      (aims: engine ≤ finger; CLI process ≤ 3× finger, issue 11);
#  (b) 50 domains over 10 shared MX hosts in one AssessManyAsync against one domain, and against one by one
#      (aim: batch ≤ 3× one domain).
#  The in-process timer runs without tiered compilation and after an untimed warm-up round (EngineTiming.csproj).
# Prints figures; asserts nothing. Starts only the lab, on loopback, and stops it by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
source bench/lib/packages.sh
source bench/lib/processes.sh
work=$(mktemp -d /tmp/tlspreflight-bench-engine.XXXXXX)
cleanup() { stop_started; rm -rf "$work"; }
trap cleanup EXIT
stats() { node bench/lib/stats.mjs; }
field() { node -e "const v = require('$work/lab.json')$1; console.log(v)"; }

ensure_posttls_finger
finger=$(command -v posttls-finger || echo /usr/sbin/posttls-finger)
# posttls-finger reads main.cf from $MAIL_CONFIG; without one it prints a fatal error and sleeps 1 s,
# which a timing would measure. A minimal main.cf of our own (environment notes, 2026-12-01).
mkdir -p "$work/postfix"
printf '%s\n' "compatibility_level = 3.6" "smtp_tls_loglevel = 1" >"$work/postfix/main.cf"
export MAIL_CONFIG="$work/postfix"

echo "== build (Release)"
for project in tests/TlsPreflight.TestLab bench/EngineTiming; do
  timeout 600 dotnet build "$project" -c Release -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
# The CLI as users run it: the Native AOT binary `dotnet publish` makes (issue 11).
timeout 900 dotnet publish backend/TlsPreflight.Cli -c Release -r linux-x64 -nologo -v q -o "$work/cli" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
lab_exe=tests/TlsPreflight.TestLab/bin/Release/net10.0/TlsPreflight.TestLab
cli_exe=$work/cli/tlspreflight
timer_exe=bench/EngineTiming/bin/Release/net10.0/EngineTiming

echo "== lab (serve --scenario bench)"
start_logged "$work/lab.log" "$lab_exe" serve --out "$work/lab.json" --scenario bench
lab_pid=$last_pid
wait_for_file "$work/lab.json" 60 "$lab_pid"
dns=$(field .dnsServer); port=$(field .smtpPort); ca=$(field .caFile)
domain=d00.bench.lab.test
mx=$(field ".bench.domains['$domain']"); mx_addr=$(field ".bench.mxHosts['$mx']")
echo "DNS $dns, SMTP port $port, $domain → $mx [$mx_addr]"

echo "== (a) one domain, cold, $runs runs each"
: >"$work/finger.ms"; finger_ok=0
for _ in $(seq "$runs"); do
  t0=$(now_ns)
  out=$(timeout 30 "$finger" -c -l secure -F "$ca" -s "$mx" "[$mx_addr]:$port" "$mx" 2>&1 || true)
  t1=$(now_ns)
  elapsed_ms "$t0" "$t1" >>"$work/finger.ms"
  # posttls-finger exits 0 even when it fails: judge by its words.
  grep -q "Verified TLS connection established" <<<"$out" && finger_ok=$((finger_ok + 1))
done
finger_stats=$(stats <"$work/finger.ms")
echo "posttls-finger -l secure (one SMTP session, no DNS): $finger_stats ms; verified $finger_ok/$runs"
# A reference that failed is no reference: stop rather than print a ratio against it (house rule 15).
if [ "$finger_ok" -ne "$runs" ]; then
  echo "bench: posttls-finger verified only $finger_ok of $runs sessions; last output:" >&2
  head -c 600 <<<"$out" >&2
  exit 1
fi

: >"$work/cli.ms"; : >"$work/cli-engine.ms"; cli_levels=""
for _ in $(seq "$runs"); do
  t0=$(now_ns)
  out=$(timeout 60 "$cli_exe" check "$domain" --json --dns-server "$dns" --smtp-port "$port" --dnssec \
        --allow-private-networks --ca-file "$ca" 2>&1) || { echo "CLI failed: $(head -c 300 <<<"$out")"; break; }
  t1=$(now_ns)
  elapsed_ms "$t0" "$t1" >>"$work/cli.ms"
  cli_levels+="$(node -e 'console.log(JSON.parse(process.argv[1]).domains.map((d) => d.level).join(","))' "$out")"$'\n'
  node -e 'console.log(JSON.parse(process.argv[1]).domains[0].elapsedMs)' "$out" >>"$work/cli-engine.ms"
done
cli_stats=$(stats <"$work/cli.ms")
echo "tlspreflight check --json (process start, DNS, STARTTLS, MTA-STS, TLSA, TLS-RPT): $cli_stats ms; levels: $( (grep . <<<"$cli_levels" || true) | sort | uniq -c | xargs)"
echo "  of which the assessment itself (the CLI's elapsedMs; the rest is process start-up): $(stats <"$work/cli-engine.ms") ms"

echo "== in-process engine (bench/EngineTiming): (a) and (b)"
timer_out=$(timeout 600 "$timer_exe" "$work/lab.json" "$runs")
grep -v '^RESULT ' <<<"$timer_out"
result=$(grep '^RESULT ' <<<"$timer_out" | cut -d' ' -f2-)

echo "== summary"
node - "$result" "$finger_stats" "$cli_stats" <<'JS'
const [result, fingerStats, cliStats] = process.argv.slice(2);
const r = JSON.parse(result);
const median = (s) => Number(/median=([\d.]+)/.exec(s)?.[1] ?? NaN);
const finger = median(fingerStats), cli = median(cliStats);
const x = (a, b) => (a / b).toFixed(2) + "×";
const verdict = (ratio, aim) => (ratio <= aim ? "met" : "NOT met");
const engineRatio = r.singleMedianMs / finger, batchRatio = r.batchMedianMs / r.singleMedianMs, cliRatio = cli / finger;
console.log(`(a) engine in-process ${r.singleMedianMs} ms ÷ posttls-finger ${finger} ms = ${x(r.singleMedianMs, finger)}   aim ≤ 1×: ${verdict(engineRatio, 1)}`);
console.log(Number.isNaN(cli) ? "(a) CLI not available" :
  `(a) tlspreflight check as a process ${cli} ms ÷ posttls-finger ${finger} ms = ${x(cli, finger)}   aim ≤ 3× (issue 11): ${verdict(cliRatio, 3)}`);
console.log(`(b) batch of ${r.domains} over ${r.mxHosts} MX ${r.batchMedianMs} ms ÷ one domain ${r.singleMedianMs} ms = ${x(r.batchMedianMs, r.singleMedianMs)}   aim ≤ 3× (issue 11): ${verdict(batchRatio, 3)}`);
console.log(`    one by one ${r.oneByOneMedianMs} ms (the batch is ${x(r.batchMedianMs, r.oneByOneMedianMs)} of it); DNS queries: one domain ${r.singleDnsQueries}, batch ${r.batchDnsQueries}`);
JS
