#!/usr/bin/env bash
# Side-by-side overhead, one command, alternating runs, medians:
#  1. start-up of a hello world and of a Spring Boot 4 fat jar (examples/boot-sessions): without an
#     agent, with Heapwarden (a realistic config for each) and with the OpenTelemetry Java agent
#     (exporters off): wall time to ready, CPU time, peak RSS, classes loaded;
#  2. the chat-service under loopback load with its rules against the same service without the
#     agent: requests per second, p50 and p99 latency (a load short enough, on a heap large enough,
#     that the unbounded service does not run out of memory);
#     and with its bounds alone (its config without the singletons rule, whose reuse of the model
#     saves the service work and so is not an overhead);
#  3. the agent's own footprint at rest: the idle chat-service after start, with and without it:
#     heap used after a full GC, metaspace used, RSS;
#  4. attaching to the running Spring Boot 4 application (`heapwarden-agent.jar attach`): the
#     command's wall time, the classes it retransformed and in how many batches, its longest
#     retransformClasses call, and the longest RedefineClasses safepoint of the service
#     (-Xlog:safepoint): how long the service stood still.
#
#   benchmarks/overhead/measure-overhead.sh [rounds]     (default 5; CI smoke: 1)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/overhead/measure-overhead.sh
#
# Builds what is missing (mvn -B -q -DskipTests package) and fetches the OpenTelemetry agent from
# Maven Central into benchmarks/target once.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=${1:-5}
java=${JAVA:-java}
jdk_bin=$(dirname "$(readlink -f "$(command -v "$java")")")
agent="$root/agent/target/heapwarden-agent.jar"
boot_jar="$root/examples/boot-sessions/target/boot-sessions-exec.jar"
chat_jar="$root/examples/chat-service/target/chat-service.jar"
otel_version=2.22.0
otel="$root/benchmarks/target/opentelemetry-javaagent-$otel_version.jar"

if [ ! -f "$agent" ] || [ ! -f "$boot_jar" ] || [ ! -f "$chat_jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests package -pl agent,examples/chat-service,examples/boot-sessions -am)
fi
if [ ! -f "$otel" ]; then
  mkdir -p "$root/benchmarks/target"
  (cd "$root" && mvn -B -q dependency:copy \
    -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$otel_version" \
    -DoutputDirectory=benchmarks/target)
fi

work=$(mktemp -d)
pids=()
cleanup() { for p in ${pids[@]+"${pids[@]}"}; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
"$jdk_bin/javac" --release 17 -d "$work" "$root/benchmarks/startup/Hello.java"
cat >"$work/boot.yaml" <<'EOF'
collections:
  - field: io.heapwarden.examples.boot.SearchController.RESULTS
    max-entries: 100
sessions:
  - preset: servlet
    max-sessions: 50
    idle-timeout: 10m
EOF
otel_flags=(-javaagent:"$otel" -Dotel.traces.exporter=none -Dotel.metrics.exporter=none
  -Dotel.logs.exporter=none -Dotel.service.name=overhead)

agent_flags() { # variant config
  case $1 in
    none) ;;
    heapwarden) echo "-javaagent:$agent=config=$2" ;;
    otel) echo "${otel_flags[@]}" ;;
  esac
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ticks=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$ticks" '{s=$0; sub(/.*\) /, "", s); split(s, f, " "); print int((f[12] + f[13]) * 1000 / t)}' "/proc/$1/stat"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
classes() { "$jdk_bin/jcmd" "$1" PerfCounter.print 2>/dev/null | awk -F= '/java.cls.loadedClasses=/ {l=$2} /java.cls.unloadedClasses=/ {u=$2} END {print l - u}'; }

# Waits for a line matching $2 in file $1 (up to $3 s); prints the first capture group or the line.
await() {
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    if grep -qE "$2" "$1" 2>/dev/null; then
      sed -nE "s/.*$2.*/\\1/p" "$1" | head -1
      return 0
    fi
    sleep 0.02
  done
  echo "timed out waiting for /$2/ in $1:" >&2
  tail -5 "$1" >&2
  return 1
}

# --- 1. start-up ------------------------------------------------------------------------------
hello_once() { # variant -> "wall cpu hwm classes" (classes: counted in a run of their own)
  local start end out flags
  read -ra flags <<<"$(agent_flags "$1" "$root/benchmarks/startup/heapwarden.yaml")"
  start=$(date +%s%N)
  out=$("$java" ${flags[@]+"${flags[@]}"} -cp "$work" Hello 2>/dev/null)
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(awk -v t="$ticks" '/^cpu-ticks/ {print int($2 * 1000 / t)}' <<<"$out") \
$(awk '/^peak-rss-kb/ {print $2}' <<<"$out") $(hello_classes "$1")"
}

declare -A hello_class_counts
hello_classes() { # variant -> classes loaded by the hello world, from -Xlog:class+load (once)
  if [ -z "${hello_class_counts[$1]:-}" ]; then
    local flags
    read -ra flags <<<"$(agent_flags "$1" "$root/benchmarks/startup/heapwarden.yaml")"
    "$java" ${flags[@]+"${flags[@]}"} -Xlog:class+load=info:file="$work/cl.txt" -cp "$work" Hello >/dev/null 2>&1
    hello_class_counts[$1]=$(wc -l <"$work/cl.txt")
  fi
  echo "${hello_class_counts[$1]}"
}

boot_once() { # variant -> "wall cpu hwm classes": to Boot's "Started ... in", then stopped
  local start ready flags log="$work/boot.log" pid wall
  read -ra flags <<<"$(agent_flags "$1" "$work/boot.yaml")"
  start=$(date +%s%N)
  "$java" ${flags[@]+"${flags[@]}"} -jar "$boot_jar" --server.port=0 >"$log" 2>&1 &
  pid=$!; pids+=("$pid")
  await "$log" '(Started BootSessionsApplication in)' 120 >/dev/null
  ready=$(date +%s%N)
  wall=$(( (ready - start) / 1000000 ))
  echo "$wall $(cpu_ms "$pid") $(hwm_kb "$pid") $(classes "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

: >"$work/results"
for _ in $(seq "$rounds"); do
  for v in none heapwarden otel; do
    echo "hello $v $(hello_once "$v")" >>"$work/results"
    echo "boot $v $(boot_once "$v")" >>"$work/results"
  done
done

col() { awk -v a="$1" -v v="$2" -v c="$3" '$1 == a && $2 == v {print $c}' "$work/results" | median; }
echo "java: $("$java" -version 2>&1 | head -1); rounds: $rounds, alternating; medians"
echo
echo "1. start-up (CPU: all threads until ready; hello world: until main returns)"
printf '%-12s %-12s %10s %10s %12s %9s\n' app agent "wall ms" "CPU ms" "peak RSS MiB" classes
for a in hello boot; do
  for v in none heapwarden otel; do
    printf '%-12s %-12s %10s %10s %12s %9s\n' "$a" "$v" "$(col $a $v 3)" "$(col $a $v 4)" \
      "$(awk -v k="$(col $a $v 5)" 'BEGIN{printf "%.1f", k/1024}')" "$(col $a $v 6)"
  done
done

# --- 2. throughput under load ----------------------------------------------------------------
requests=${REQUESTS:-6000}
# the example's config without its singletons: section (the last one of the file)
sed '/^singletons:/,$d' "$root/examples/chat-service/heapwarden.yaml" >"$work/bounds.yaml"
chat_once() { # variant (none, heapwarden, bounds) -> "rps p50 p99"
  local log="$work/chat.log" pid port out flags config="$root/examples/chat-service/heapwarden.yaml"
  if [ "$1" = bounds ]; then config="$work/bounds.yaml"; fi
  read -ra flags <<<"$(agent_flags "${1/bounds/heapwarden}" "$config")"
  "$java" ${flags[@]+"${flags[@]}"} -Xmx1g -jar "$chat_jar" --port 0 >"$log" 2>&1 &
  pid=$!; pids+=("$pid")
  port=$(await "$log" 'chat-service listening on port ([0-9]+)' 60)
  out=$("$java" -cp "$chat_jar" io.heapwarden.examples.chat.LoadDriver --port "$port" \
    --requests "$requests" --clients 2000 --threads 4)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk '/^load: requests=/ {
      for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      if (v["failed"] != 0) { print "failed requests: " $0 > "/dev/stderr"; exit 1 }
      printf "%.0f %s %s\n", v["requests"] / v["seconds"], v["p50_ms"], v["p99_ms"] }' <<<"$out"
}
: >"$work/chat"
for _ in $(seq "$rounds"); do
  for v in none heapwarden bounds; do echo "$v $(chat_once "$v")" >>"$work/chat"; done
done
ccol() { awk -v v="$1" -v c="$2" '$1 == v {print $c}' "$work/chat" | median; }
echo
echo "2. chat-service, $requests requests from 2000 clients on 4 threads, -Xmx1g"
printf '%-12s %12s %9s %9s\n' agent "requests/s" "p50 ms" "p99 ms"
for v in none heapwarden bounds; do
  printf '%-12s %12s %9s %9s\n' "$v" "$(ccol $v 2)" "$(ccol $v 3)" "$(ccol $v 4)"
done
awk -v a="$(ccol heapwarden 2)" -v b="$(ccol none 2)" 'BEGIN {printf "throughput with Heapwarden: %.1f%% of without\n", 100 * a / b}'
awk -v a="$(ccol bounds 2)" -v b="$(ccol none 2)" 'BEGIN {printf "throughput with its bounds alone: %.1f%% of without\n", 100 * a / b}'

# --- 3. at rest ------------------------------------------------------------------------------
rest_once() { # variant -> "heap_kb metaspace_kb rss_kb": the idle service 5 s after it listens
  local log="$work/rest.log" pid flags
  read -ra flags <<<"$(agent_flags "$1" "$root/examples/chat-service/heapwarden.yaml")"
  "$java" ${flags[@]+"${flags[@]}"} -Xmx1g -jar "$chat_jar" --port 0 >"$log" 2>&1 &
  pid=$!; pids+=("$pid")
  await "$log" 'chat-service listening on port ([0-9]+)' 60 >/dev/null
  sleep 5
  "$jdk_bin/jcmd" "$pid" GC.run >/dev/null
  local heap meta
  heap=$("$jdk_bin/jcmd" "$pid" GC.heap_info | awk '/used/ && !/Metaspace|class space/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); print v; exit}}')
  meta=$("$jdk_bin/jcmd" "$pid" GC.heap_info | awk '/Metaspace/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); print v; exit}}')
  echo "$heap $meta $(rss_kb "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
: >"$work/rest"
for _ in $(seq "$rounds"); do
  for v in none heapwarden; do echo "$v $(rest_once "$v")" >>"$work/rest"; done
done
rcol() { awk -v v="$1" -v c="$2" '$1 == v {print $c}' "$work/rest" | median; }
echo
echo "3. the idle chat-service 5 s after start, after a full GC (MiB)"
printf '%-12s %10s %10s %10s\n' agent heap metaspace RSS
for v in none heapwarden; do
  printf '%-12s %10.1f %10.1f %10.1f\n' "$v" "$(rcol $v 2 | awk '{print $1/1024}')" \
    "$(rcol $v 3 | awk '{print $1/1024}')" "$(rcol $v 4 | awk '{print $1/1024}')"
done

# --- 4. attach -------------------------------------------------------------------------------
attach_once() { # -> "command-ms rewritten batches longest-call-ms longest-safepoint-ms"
  local log="$work/attach-boot.log" sp="$work/safepoint.log" pid start end out
  rm -f "$sp"
  "$java" -Xlog:safepoint=info:file="$sp" -jar "$boot_jar" --server.port=0 >"$log" 2>&1 &
  pid=$!; pids+=("$pid")
  await "$log" '(Started BootSessionsApplication in)' 120 >/dev/null
  start=$(date +%s%N)
  out=$("$java" -jar "$agent" attach "$pid" --config "$work/boot.yaml" 2>&1)
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # "... rewrote 12 of 15 already-loaded classes ... (of 9000 loaded; 1 batches, longest
  # retransform call 45.0 ms, ..."
  echo "$(( (end - start) / 1000000 )) $(sed -nE 's/.*rewrote ([0-9]+) of.*/\1/p' <<<"$out" | head -1) \
$(sed -nE 's/.* ([0-9]+) batch.*/\1/p' <<<"$out" | head -1) \
$(sed -nE 's/.*longest retransform call ([0-9.]+) ms.*/\1/p' <<<"$out" | head -1) \
$(awk '/RedefineClasses/ {for (i = 1; i <= NF; i++) if ($i == "Total:") {t = $(i + 1); if (t > m) m = t}} END {printf "%.1f", m / 1e6}' "$sp")"
}
: >"$work/attach"
for _ in $(seq "$rounds"); do echo "boot $(attach_once)" >>"$work/attach"; done
acol() { awk -v c="$1" '{print $c}' "$work/attach" | median; }
echo
echo "4. attach to the running Spring Boot 4 application (its config above)"
printf '%12s %12s %8s %18s %22s\n' "command ms" "rewritten" batches "longest call ms" "longest safepoint ms"
printf '%12s %12s %8s %18s %22s\n' "$(acol 2)" "$(acol 3)" "$(acol 4)" "$(acol 5)" "$(acol 6)"
