#!/usr/bin/env bash
# Start-up time, CPU time and peak RSS of a hello-world JVM without an agent, with an empty agent
# (a premain that does nothing: what any -javaagent costs the JVM) and with Heapwarden (a config
# whose rules name classes the hello world never loads), alternating runs, medians of N runs each.
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
mkdir -p "$work/emptyagent"
printf 'public class EmptyAgent { public static void premain(String a, java.lang.instrument.Instrumentation i) {} }\n' >"$work/emptyagent/EmptyAgent.java"
"$javac_bin" --release 17 -d "$work/emptyagent" "$work/emptyagent/EmptyAgent.java"
printf 'Premain-Class: EmptyAgent\n' >"$work/emptyagent/manifest.txt"
"${JAR:-jar}" cfm "$work/empty.jar" "$work/emptyagent/manifest.txt" -C "$work/emptyagent" EmptyAgent.class
ticks=$(getconf CLK_TCK)

# one run: prints "<wall ms> <peak rss kB> <cpu ms>"
run_once() {
  local start end out
  start=$(date +%s%N)
  out=$("$java" "$@" -cp "$work" Hello 2>>"$work/stderr")
  end=$(date +%s%N)
  [[ "$out" == hello* ]] || { echo "unexpected output: $out" >&2; exit 1; }
  echo "$(( (end - start) / 1000000 )) $(awk '/^peak-rss-kb/ {print $2}' <<<"$out") $(awk -v t="$ticks" '/^cpu-ticks/ {print int($2 * 1000 / t)}' <<<"$out")"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

: >"$work/base" ; : >"$work/empty" ; : >"$work/agent"
run_once >/dev/null  # warm the page cache and CDS archive once
for _ in $(seq "$runs"); do
  run_once >>"$work/base"
  run_once "-javaagent:$work/empty.jar" >>"$work/empty"
  run_once "-javaagent:$agent=config=$here/heapwarden.yaml" >>"$work/agent"
done

col() { cut -d' ' -f"$2" "$work/$1" | median; }
mib() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
row() { printf '%-34s %8s ms %8s ms %10s MiB\n' "$1" "$2" "$3" "$4"; }
echo "java: $("$java" -version 2>&1 | head -1)"
echo "runs: $runs each, alternating; medians (CPU: all threads until main returns)"
printf '%-34s %11s %11s %14s\n' "" "start-up" "CPU" "peak RSS"
for v in base empty agent; do
  case $v in base) label="without agent" ;; empty) label="with an empty agent" ;; agent) label="with Heapwarden" ;; esac
  row "$label" "$(col $v 1)" "$(col $v 3)" "$(mib "$(col $v 2)")"
done
row "added by Heapwarden" "$(( $(col agent 1) - $(col base 1) ))" "$(( $(col agent 3) - $(col base 3) ))" "$(mib $(( $(col agent 2) - $(col base 2) )))"
row "added over an empty agent" "$(( $(col agent 1) - $(col empty 1) ))" "$(( $(col agent 3) - $(col empty 3) ))" "$(mib $(( $(col agent 2) - $(col empty 2) )))"
