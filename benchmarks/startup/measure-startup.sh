#!/usr/bin/env bash
# Start-up time and peak RSS of a hello-world JVM, without and with the agent (a config whose
# rules name classes the hello world never loads), alternating runs, medians of N runs each.
#
#   benchmarks/startup/measure-startup.sh [runs]        (default 15; CI smoke: 1)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/startup/measure-startup.sh
#
# Needs agent/target/heapwarden-agent.jar (mvn -B -DskipTests package).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-15}
java=${JAVA:-java}
javac_bin=${JAVAC:-javac}
agent="$root/agent/target/heapwarden-agent.jar"
[ -f "$agent" ] || { echo "missing $agent: run mvn -B -DskipTests package first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$javac_bin" --release 17 -d "$work" "$here/Hello.java"

# one run: prints "<wall ms> <peak rss kB>"
run_once() {
  local start end out
  start=$(date +%s%N)
  out=$("$java" "$@" -cp "$work" Hello)
  end=$(date +%s%N)
  [[ "$out" == hello* ]] || { echo "unexpected output: $out" >&2; exit 1; }
  echo "$(( (end - start) / 1000000 )) $(awk '/^peak-rss-kb/ {print $2}' <<<"$out")"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

: >"$work/base" ; : >"$work/agent"
run_once >/dev/null  # warm the page cache and CDS archive once
for _ in $(seq "$runs"); do
  run_once >>"$work/base"
  run_once "-javaagent:$agent=config=$here/heapwarden.yaml" >>"$work/agent"
done

base_ms=$(cut -d' ' -f1 "$work/base" | median);  agent_ms=$(cut -d' ' -f1 "$work/agent" | median)
base_kb=$(cut -d' ' -f2 "$work/base" | median);  agent_kb=$(cut -d' ' -f2 "$work/agent" | median)
echo "java: $("$java" -version 2>&1 | head -1)"
echo "runs: $runs each, alternating; medians"
printf '%-22s %10s %14s\n' "" "start-up" "peak RSS"
printf '%-22s %8s ms %10s MiB\n' "without agent" "$base_ms" "$(awk -v k="$base_kb" 'BEGIN{printf "%.1f", k/1024}')"
printf '%-22s %8s ms %10s MiB\n' "with agent" "$agent_ms" "$(awk -v k="$agent_kb" 'BEGIN{printf "%.1f", k/1024}')"
printf '%-22s %8s ms %10s MiB\n' "added by the agent" "$((agent_ms - base_ms))" "$(awk -v a="$agent_kb" -v b="$base_kb" 'BEGIN{printf "%.1f", (a-b)/1024}')"
