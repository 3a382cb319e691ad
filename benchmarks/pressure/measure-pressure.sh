#!/usr/bin/env bash
# Committed heap and RSS after a transient spike: without the agent, with the agent's pressure
# guard, and with the JDK's own answer (-XX:G1PeriodicGCInterval); the last two again with a heap
# that may shrink further (-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30). Each run observes N
# seconds after the spike ends. Reports RSS and committed heap at 0/5/10/20/30 s, and the first time RSS is
# back within 2x of the RSS before the spike.
#
#   benchmarks/pressure/measure-pressure.sh [seconds]     (default 30; CI smoke: 3)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/pressure/measure-pressure.sh
#
# Needs agent/target/heapwarden-agent.jar (mvn -B -DskipTests package). G1, -Xms32m -Xmx512m.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-30}
java=${JAVA:-java}
javac_bin=${JAVAC:-javac}
agent="$root/agent/target/heapwarden-agent.jar"
[ -f "$agent" ] || { echo "missing $agent: run mvn -B -DskipTests package first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$javac_bin" --release 17 -d "$work" "$here/Spike.java"
heap=(-XX:+UseG1GC -Xms32m -Xmx512m)

# one run: the samples go to $work/<name>.out, the agent's lines to $work/<name>.err
run() {
  local name=$1
  shift
  "$java" "${heap[@]}" "$@" -cp "$work" Spike "$seconds" >"$work/$name.out" 2>"$work/$name.err"
}

ratio=(-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30)
run without
run agent "-javaagent:$agent=config=$here/heapwarden.yaml"
run periodic -XX:G1PeriodicGCInterval=5000
run agent-ratio "${ratio[@]}" "-javaagent:$agent=config=$here/heapwarden.yaml"
run periodic-ratio "${ratio[@]}" -XX:G1PeriodicGCInterval=5000

at() { # <file> <ms> <field>: the field of the last sample at or before ms
  awk -v ms="$2" -v f="$3" '$1=="t" && $2<=ms+250 {for(i=3;i<=NF;i++){split($i,kv,"="); if(kv[1]==f) v=kv[2]}} END{print v}' "$1"
}
recovered() { # first ms with rss <= 2x the rss before the spike, or "never"
  awk '$1=="before" {for(i=3;i<=NF;i++){split($i,kv,"="); if(kv[1]=="rss") base=kv[2]}}
       $1=="t" && r=="" {for(i=3;i<=NF;i++){split($i,kv,"="); if(kv[1]=="rss" && kv[2]<=2*base) r=$2}}
       END{print (r=="" ? "never" : sprintf("%.1f s", r/1000))}' "$1"
}
before() { awk '$1=="before" {for(i=3;i<=NF;i++){split($i,kv,"="); if(kv[1]==f) print kv[2]}}' f="$2" "$1"; }

echo "java: $("$java" -version 2>&1 | head -1); G1 -Xms32m -Xmx512m; 50 MB cache, 350 MB spike"
printf '%-28s %8s' "" "before"
for s in 0 5 10 20 30; do [ "$s" -le "$seconds" ] && printf ' %7s' "${s}s"; done
printf '  %s\n' "RSS within 2x of before"
for name in without agent periodic agent-ratio periodic-ratio; do
  f="$work/$name.out"
  case $name in
    without) label="without agent" ;;
    agent) label="with agent" ;;
    periodic) label="G1PeriodicGCInterval=5s" ;;
    agent-ratio) label="agent, free ratio 10-30%" ;;
    periodic-ratio) label="periodic, free ratio 10-30%" ;;
  esac
  printf '%-28s %7sM' "$label RSS" "$(before "$f" rss)"
  for s in 0 5 10 20 30; do [ "$s" -le "$seconds" ] && printf ' %6sM' "$(at "$f" $((s * 1000)) rss)"; done
  printf '  %s\n' "$(recovered "$f")"
  printf '%-28s %7sM' "  committed heap" "$(before "$f" committed)"
  for s in 0 5 10 20 30; do [ "$s" -le "$seconds" ] && printf ' %6sM' "$(at "$f" $((s * 1000)) committed)"; done
  printf '   (spike %s)\n' "$(awk '/^spike:/ {print $2 " ms"}' "$f")"
done
echo "agent log:"
grep -h "memory pressure\|GC nudge" "$work/agent.err" | sed 's/^/  /'
