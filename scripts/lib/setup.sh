# Shared set-up for `npm test`, `npm start` and the benchmarks. Sourced, not run.

# Debian packages the test servers and the browser need; installed only when missing.
ensure_debian_packages() {
  # gcc + libc6-dev: the linker Native AOT calls for the CLI binary (scripts/test.sh publishes it).
  local wanted=(postgresql redis-server chromium gcc libc6-dev) missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "warning: missing ${missing[*]} and cannot apt-get install them; those tests will fail" >&2
    return 0
  fi
  echo "== apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_npm_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "== npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# A free TCP port on 127.0.0.1, so several clones (and CI) can run their suites side by side.
free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# PostgreSQL and Redis on loopback, in a scratch folder, for the integration tests.
start_test_services() {
  # Under /tmp, not the clone: the postgres user must reach the data folder even when the clone is under /root.
  local run
  run=$(mktemp -d /tmp/tlspreflight-services.XXXXXX)
  chmod 755 "$run"
  SERVICES_DIR=$run
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$pgbin" ]; then
    local pgport; pgport=$(free_port)
    chown -R postgres "$run" 2>/dev/null || true
    mkdir -p "$run/pg" && chown postgres "$run/pg" 2>/dev/null || true
    local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
    "${as[@]}" "$pgbin/initdb" -D "$run/pg" -A trust -U postgres >/dev/null
    "${as[@]}" "$pgbin/pg_ctl" -D "$run/pg" -o "-p $pgport -k $run -c listen_addresses=127.0.0.1" -l "$run/pg.log" -w start >/dev/null
    PG_PID=$(head -1 "$run/pg/postmaster.pid")
    export TLSPREFLIGHT_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
    echo "== PostgreSQL on 127.0.0.1:$pgport (pid $PG_PID)"
  fi
  if command -v redis-server >/dev/null; then
    local redisport; redisport=$(free_port)
    redis-server --port $redisport --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$run/redis.log" 2>&1 &
    REDIS_PID=$!
    export TLSPREFLIGHT_TEST_REDIS="127.0.0.1:$redisport"
    echo "== Redis on 127.0.0.1:$redisport (pid $REDIS_PID)"
  fi
}

stop_test_services() {
  [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null
  [ -n "${PG_PID:-}" ] && kill -INT "$PG_PID" 2>/dev/null
  # give PostgreSQL a moment to shut down before its folder goes
  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -n "${PG_PID:-}" ] && kill -0 "$PG_PID" 2>/dev/null && sleep 0.5; done
  [ -n "${SERVICES_DIR:-}" ] && rm -rf "$SERVICES_DIR"
  return 0
}
