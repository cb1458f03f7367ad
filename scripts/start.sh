#!/usr/bin/env bash
# `npm start`: build what is needed and run the service on the embedded default
# (SQLite under ./data, in-memory cache, development sign-in) at http://localhost:5080.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/lib/setup.sh
ensure_npm_packages
npm run --silent build
dotnet build backend/TlsPreflight.Api -c Release -nologo -v q -clp:ErrorsOnly
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5080}"
echo "TLS Preflight on $ASPNETCORE_URLS"
echo "  API document  $ASPNETCORE_URLS/openapi/v1.json"
echo "  admin page    $ASPNETCORE_URLS/admin"
echo "  add-in files  $ASPNETCORE_URLS/addin/taskpane.html"
exec dotnet backend/TlsPreflight.Api/bin/Release/net10.0/TlsPreflight.Api.dll
