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

if [ -f vitest.config.ts ] || [ -f vitest.config.mjs ]; then
  echo "== add-in (vitest)"
  npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json" || status=1
fi

node scripts/lib/totals.mjs "$out" || status=1
exit $status
