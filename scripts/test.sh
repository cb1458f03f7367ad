#!/usr/bin/env bash
# `npm test`: set up what the tests need on a fresh Debian clone, run every suite, print the totals.
# Services it starts (PostgreSQL, Redis) are stopped by PID on exit.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out="$root/artifacts/test-results"
rm -rf "$out" && mkdir -p "$out"

source scripts/lib/setup.sh
ensure_debian_packages
ensure_npm_packages
start_test_services
trap stop_test_services EXIT

echo "== build"
dotnet build Backend.sln -c Release -nologo -v q -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
npm run --silent build || { echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*.Tests; do
  name=$(basename "$project")
  exe="$project/bin/Release/net10.0/$name"
  [ -x "$exe" ] || { echo "missing test runner $exe"; status=1; continue; }
  echo "== $name"
  "$exe" -noColor -result-ctrf "$out/$name.ctrf.json" || status=1
  # a runner that died before writing results still counts as a failed suite
  [ -f "$out/$name.ctrf.json" ] || echo '{"results":{"summary":{"passed":0,"failed":1,"skipped":0}}}' > "$out/$name.ctrf.json"
done

# The CLI as users get it: `dotnet publish` makes a Native AOT binary; its end-to-end tests run again against it.
echo "== TlsPreflight.Cli.Tests (end to end) against the Native AOT binary"
cli_aot="$root/artifacts/cli-aot"
if timeout 900 dotnet publish backend/TlsPreflight.Cli -c Release -r linux-x64 -nologo -v q -clp:ErrorsOnly -o "$cli_aot"; then
  TLSPREFLIGHT_CLI_BINARY="$cli_aot/tlspreflight" tests/TlsPreflight.Cli.Tests/bin/Release/net10.0/TlsPreflight.Cli.Tests \
    -noColor -class "TlsPreflight.Cli.Tests.EndToEnd.CheckAgainstLabTests" -result-ctrf "$out/TlsPreflight.Cli.Tests.aot.ctrf.json" || status=1
fi
[ -f "$out/TlsPreflight.Cli.Tests.aot.ctrf.json" ] || echo '{"results":{"summary":{"passed":0,"failed":1,"skipped":0}}}' > "$out/TlsPreflight.Cli.Tests.aot.ctrf.json"

if [ -f vitest.config.ts ] || [ -f vitest.config.mjs ]; then
  echo "== add-in (vitest)"
  npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json" || status=1
fi

node scripts/lib/totals.mjs "$out" || status=1
exit $status
