#!/usr/bin/env bash
# Heapwarden demo: the leaky chat-service under the same load, first as it is, then with the agent.
#
#   scripts/demo.sh [--skip-build] [-- LOAD_DRIVER_OPTIONS...]
#
# Builds the project (mvn package), then runs examples/chat-service twice with -Xmx96m
# -XX:+ExitOnOutOfMemoryError on a free port: without the agent, and with
# -javaagent:agent/target/heapwarden-agent.jar=config=examples/chat-service/heapwarden.yaml.
# Each run is driven by the module's LoadDriver (its default load unless options follow "--").
# Prints a side-by-side table at the end. Logs go to demo-out/<run>/.
#
# Needs bash, a JDK 17+ (java, and jcmd for "heap after GC") and Maven. Linux for RSS (/proc).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly SERVICE_JAR=examples/chat-service/target/chat-service.jar
readonly AGENT_JAR=agent/target/heapwarden-agent.jar
readonly CONFIG=examples/chat-service/heapwarden.yaml
readonly OUT=demo-out
JVM_OPTIONS=(-Xmx96m -XX:+ExitOnOutOfMemoryError)
readonly STARTUP_SECONDS=60

build=1
load_options=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) build=0 ;;
    --) shift; load_options=("$@"); break ;;
    -h | --help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "demo: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { printf 'demo: %s\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

# --- child processes: every background pid is listed here until reaped, and killed on the way out --
children=()
forget() {
  local pid kept=()
  for pid in ${children[@]+"${children[@]}"}; do
    if [[ $pid != "$1" ]]; then kept+=("$pid"); fi
  done
  children=(${kept[@]+"${kept[@]}"})
}
cleanup() {
  local pid
  for pid in ${children[@]+"${children[@]}"}; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in ${children[@]+"${children[@]}"}; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools -----------------------------------------------------------------------------------------
command -v java >/dev/null 2>&1 || die "java not found on PATH (a JDK 17 is needed)"
java_version=$(java -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)
if [[ -n "$java_version" && "$java_version" -lt 17 ]]; then
  die "java is version $java_version; a JDK 17 or later is needed"
fi

find_jcmd() {
  local java_bin
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jcmd" ]]; then
    echo "$JAVA_HOME/bin/jcmd"
  elif command -v jcmd >/dev/null 2>&1; then
    command -v jcmd
  else
    java_bin=$(readlink -f "$(command -v java)" 2>/dev/null || true)
    if [[ -n "$java_bin" && -x "$(dirname "$java_bin")/jcmd" ]]; then
      echo "$(dirname "$java_bin")/jcmd"
    fi
  fi
}
jcmd_bin=$(find_jcmd)
[[ -n "$jcmd_bin" ]] || log "jcmd not found: 'heap after GC' will be n/a"

# GET http://127.0.0.1:PORT/PATH; prints the body. curl if there is one, else bash's /dev/tcp.
http_get() {
  local port=$1 path=$2 line body="" in_body=0
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 "http://127.0.0.1:${port}${path}" 2>/dev/null
    return
  fi
  { exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
  while IFS= read -r -t 5 line <&3 || [[ -n "$line" ]]; do
    if [[ $in_body == 1 ]]; then
      body+=$line
    elif [[ $line == $'\r' || -z $line ]]; then
      in_body=1
    fi
  done
  exec 3<&-
  [[ -n "$body" ]] && printf '%s' "$body"
}

# json_number JSON NAME: the value of a top-level numeric field, empty when absent or null.
json_number() {
  printf '%s' "$1" | sed -n "s/.*\"$2\":\([0-9][0-9]*\).*/\1/p"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }

# --- build -----------------------------------------------------------------------------------------
if [[ $build == 1 ]]; then
  command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH (Maven is needed to build)"
  log "building (mvn -B -q -DskipTests package) ..."
  mvn -B -q -DskipTests package
fi
[[ -f "$SERVICE_JAR" ]] || die "$SERVICE_JAR is missing: build first (drop --skip-build)"
[[ -f "$AGENT_JAR" ]] || die "$AGENT_JAR is missing: build first (drop --skip-build)"
[[ -f "$CONFIG" ]] || log "warning: $CONFIG does not exist; the agent run will use no rules"

rm -rf "$OUT"
mkdir -p "$OUT"

# --- one run ---------------------------------------------------------------------------------------
# run_service NAME [JVM_OPTION...]: runs the service under the load; writes $OUT/NAME/result.
run_service() {
  local name=$1
  shift
  local dir="$OUT/$name"
  mkdir -p "$dir"
  local service_log="$dir/service.log" load_log="$dir/load.log"

  log "[$name] starting: java ${JVM_OPTIONS[*]} $* -jar $SERVICE_JAR --port 0"
  java "${JVM_OPTIONS[@]}" "$@" -jar "$SERVICE_JAR" --port 0 >"$service_log" 2>&1 &
  local pid=$!
  children+=("$pid")

  local port="" tries=0
  while ((tries++ < STARTUP_SECONDS * 10)) && kill -0 "$pid" 2>/dev/null; do
    port=$(sed -n 's/^chat-service listening on port \([0-9][0-9]*\).*/\1/p' "$service_log")
    if [[ -n "$port" ]]; then break; fi
    sleep 0.1
  done

  # Sample peak RSS (VmHWM) and /health once a second until the service ends.
  (
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      if [[ -n "$hwm" ]]; then echo "$hwm" >"$dir/vmhwm.kb"; fi
      if [[ -n "$port" ]] && health=$(http_get "$port" /health); then
        echo "$health" >"$dir/health.last.tmp" && mv -f "$dir/health.last.tmp" "$dir/health.last"
      fi
      sleep 1
    done
  ) &
  local monitor=$!
  children+=("$monitor")

  local load_rc=n/a started=$SECONDS
  if [[ -n "$port" ]]; then
    log "[$name] listening on port $port; load: LoadDriver --port $port ${load_options[*]-}"
    java -cp "$SERVICE_JAR" io.heapwarden.examples.chat.LoadDriver --port "$port" \
      ${load_options[@]+"${load_options[@]}"} >"$load_log" 2>&1 &
    local driver=$!
    children+=("$driver")
    tail -n +1 -f "$load_log" &
    local tailer=$!
    children+=("$tailer")
    load_rc=0
    wait "$driver" || load_rc=$?
    forget "$driver"
    sleep 0.5
    kill "$tailer" 2>/dev/null || true
    wait "$tailer" 2>/dev/null || true
    forget "$tailer"
  else
    log "[$name] the service did not print its port; see $service_log"
    tail -n 20 "$service_log" || true
  fi
  local load_seconds=$((SECONDS - started))

  local alive=no heap_after_gc=n/a models=n/a exit_status=0 health used
  if kill -0 "$pid" 2>/dev/null; then
    alive=yes
    # A full GC (jcmd GC.run), then the heap the service reports: what it really keeps.
    local collected=no
    if [[ -n "$jcmd_bin" ]] && "$jcmd_bin" "$pid" GC.run >"$dir/jcmd-gc.log" 2>&1; then
      collected=yes
    fi
    if health=$(http_get "$port" /health); then
      echo "$health" >"$dir/health.final"
      used=$(json_number "$health" heapUsedBytes)
      if [[ $collected == yes && -n "$used" ]]; then heap_after_gc=$(mb "$used"); fi
      models=$(json_number "$health" modelsBuilt)
      if [[ -z "$models" ]]; then models=n/a; fi
    fi
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    if [[ -n "$hwm" ]]; then echo "$hwm" >"$dir/vmhwm.kb"; fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    exit_status="was still running at the end (the demo stopped it)"
  else
    wait "$pid" 2>/dev/null || exit_status=$?
    exit_status="exited with status $exit_status"
    # Dead: what it had built by the last /health sample (at most a second before it died).
    if [[ -f "$dir/health.last" ]]; then
      used=$(json_number "$(cat "$dir/health.last")" modelsBuilt)
      if [[ -n "$used" ]]; then models=">= $used"; fi
    fi
  fi
  forget "$pid"
  wait "$monitor" 2>/dev/null || true
  forget "$monitor"

  local oom=no
  if grep -q 'java.lang.OutOfMemoryError' "$service_log"; then
    oom=yes
  elif [[ $alive == no ]]; then
    oom="no (it $exit_status)"
  fi

  # From the driver's first line (the target) and its summary line (what was answered).
  local served=n/a target ok
  target=$(sed -n 's/^load: port=[0-9]* requests=\([0-9]*\).*/\1/p' "$load_log" 2>/dev/null || true)
  ok=$(sed -n 's/^load: requests=[0-9]* ok=\([0-9]*\).*/\1/p' "$load_log" 2>/dev/null || true)
  if [[ -n "$ok" ]]; then served="$ok of ${target:-?}"; fi

  # Request latency from the driver's summary line (milliseconds, answered requests only).
  local p50 p99
  p50=$(sed -n 's/^load: requests=.* p50_ms=\([0-9][0-9]*\).*/\1 ms/p' "$load_log" 2>/dev/null || true)
  p99=$(sed -n 's/^load: requests=.* p99_ms=\([0-9][0-9]*\).*/\1 ms/p' "$load_log" 2>/dev/null || true)

  local peak_rss=n/a
  if [[ -s "$dir/vmhwm.kb" ]]; then peak_rss=$(mb $(($(cat "$dir/vmhwm.kb") * 1024))); fi

  # The agent logs '[heapwarden] INFO ... evictions ...' lines: sum the counts they report
  # ("evictions=N", "evictions: N" or "N evictions").
  local evictions=n/a
  if [[ $name == with-agent ]]; then
    evictions=$({ grep -E '\[heapwarden\] INFO .*evictions' "$service_log" || true; } |
      { grep -oE 'evictions[=:] *[0-9]+|[0-9]+ evictions' || true; } |
      { grep -oE '[0-9]+' || true; } | awk '{ sum += $1 } END { print sum + 0 }')
  fi
  # Sessions (conversations, client queues) evicted: the same, for the two session rules only.
  local sessions=n/a
  if [[ $name == with-agent ]]; then
    sessions=$({ grep -E '\[heapwarden\] INFO .*(histories|queues): ' "$service_log" || true; } |
      { grep -oE '[0-9]+ evictions' || true; } |
      { grep -oE '[0-9]+' || true; } | awk '{ sum += $1 } END { print sum + 0 }')
  fi

  log "[$name] done: the service $exit_status; the load driver exited $load_rc"
  {
    echo "served=$served"
    echo "oom=$oom"
    echo "heap=$heap_after_gc"
    echo "rss=$peak_rss"
    echo "models=$models"
    echo "evictions=$evictions"
    echo "sessions=$sessions"
    echo "seconds=$load_seconds"
    echo "p50=${p50:-n/a}"
    echo "p99=${p99:-n/a}"
  } >"$dir/result"
}

result() { sed -n "s/^$2=//p" "$OUT/$1/result"; }

run_service without-agent
run_service with-agent "-javaagent:${AGENT_JAR}=config=${CONFIG}"

# --- the table -------------------------------------------------------------------------------------
echo
printf '%-30s %-26s %-26s\n' "" "without agent" "with agent"
row() { printf '%-30s %-26s %-26s\n' "$1" "$(result without-agent "$2")" "$(result with-agent "$2")"; }
row "chat requests served" served
row "died of OutOfMemoryError" oom
row "heap after GC at the end" heap
row "peak RSS (VmHWM)" rss
row "embedding models built" models
row "chat latency p50" p50
row "chat latency p99" p99
row "evictions (agent log)" evictions
row "sessions evicted (agent log)" sessions
row "load run time (s)" seconds
echo
if grep -q '^models=>=' "$OUT"/*/result; then
  echo "'>= N' models: the service died; N is its last /health sample (at most ~1 s before)."
fi
echo "Logs: $OUT/without-agent/ and $OUT/with-agent/ (service.log, load.log, health.*)."
