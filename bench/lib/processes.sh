# Sourced by the bench scripts: start background processes, remember their PIDs, stop exactly those on exit.

started_pids=()

# start_logged LOGFILE CMD...: run CMD in the background; its PID is remembered for stop_started.
start_logged() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  started_pids+=("$!")
  last_pid=$!
}

stop_started() {
  local pid
  for pid in "${started_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    # give each up to 10 s to stop cleanly, then force it
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  started_pids=()
}

# wait_for_file PATH SECONDS PID: until PATH exists; fail if PID died or time ran out.
wait_for_file() {
  local path=$1 seconds=$2 pid=$3
  for _ in $(seq $((seconds * 10))); do
    [ -s "$path" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "bench: process $pid exited before writing $path" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: $path not written within ${seconds}s" >&2
  return 1
}

# wait_for_http URL SECONDS PID: until URL answers 2xx.
wait_for_http() {
  local url=$1 seconds=$2 pid=$3
  for _ in $(seq $((seconds * 10))); do
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "bench: process $pid exited before $url answered" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: $url did not answer within ${seconds}s" >&2
  return 1
}

# now_ns: wall clock in nanoseconds; elapsed_ms T0 T1: the difference in milliseconds.
now_ns() { date +%s%N; }
elapsed_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f\n", (b - a) / 1e6 }'; }
