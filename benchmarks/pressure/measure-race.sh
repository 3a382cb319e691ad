#!/usr/bin/env bash
# The race of issue 12 (PressureRaceIT's case, measured): a HashMap cache ruled with max-entries
# 300000 of 1 KB values on a 96 MB heap (race.yaml: warn 70%, critical 85%, trim-to 25%), filled as
# a spike (as fast as it goes, from the first line of main) and as a steady ramp (about 1 MB every
# 2 ms), under G1 and Parallel. With the agent: the time from the start of the filling to the
# guard's first WARN (or higher) and to CRITICAL, the heap peak after GC, the lowest share of the
# bounds reached and the entries kept at the end. Without it, in the same round: the time to the
# OutOfMemoryError. Each round runs every case with and without the agent back to back (which goes
# first alternates); the table has the medians over the rounds.
#
#   benchmarks/pressure/measure-race.sh [rounds]      (default 5; CI smoke: 1)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/pressure/measure-race.sh
#
# Needs agent/target/heapwarden-agent.jar (mvn -B -DskipTests package) and perl (to time the
# agent's log lines as they come: they carry no timestamp).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=${1:-5}
java=${JAVA:-java}
javac_bin=${JAVAC:-javac}
agent="$root/agent/target/heapwarden-agent.jar"
[ -f "$agent" ] || { echo "missing $agent: run mvn -B -DskipTests package first" >&2; exit 2; }
command -v perl >/dev/null || { echo "measure-race.sh needs perl" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$javac_bin" --release 17 -d "$work" "$here/Race.java"
died="$work/died"
mkdir "$died"

# one run: its output, each line prefixed with the epoch ms it arrived at, in $work/<name>.log;
# then one result line: shape gc mode warn-ms critical-ms peak-MiB lowest-% size oom-ms
run() {
  local shape=$1 gc=$2 mode=$3 name="$1-$2-$3-$4"
  local args=(-Xmx96m "-XX:+Use${gc}GC" "-Xlog:gc:file=$work/$name.gc")
  [ "$mode" = agent ] && args+=("-javaagent:$agent=config=$here/race.yaml")
  "$java" "${args[@]}" -cp "$work" Race "$shape" 300000 2>&1 |
    perl -MTime::HiRes=time -ne 'BEGIN { $| = 1 } printf "%.0f %s", time * 1000, $_' \
      >"$work/$name.log" || true
  local peak
  peak=$(grep -o '[0-9]*M->[0-9]*M' "$work/$name.gc" | sed 's/.*->//; s/M//' | sort -n | tail -1)
  awk -v shape="$shape" -v gc="$gc" -v mode="$mode" -v peak="${peak:--}" '
    $2 == "start" { start = $3 }
    /memory pressure (WARN|CRITICAL) \(was / && warn == "" && start != "" { warn = $1 - start }
    /memory pressure CRITICAL \(was / && crit == "" && start != "" { crit = $1 - start }
    /bounds lowered from/ { match($0, /to [0-9]+%/); p = substr($0, RSTART + 3, RLENGTH - 4) + 0
                            if (lowest == "" || p < lowest) lowest = p }
    /^[0-9]+ done: / { split($4, kv, "="); size = kv[2] }
    /^[0-9]+ oom: / { split($3, t, "="); oom = t[2]; split($4, kv, "="); size = kv[2] }
    END { printf "%s %s %s %s %s %s %s %s %s\n", shape, gc, mode, (warn == "" ? "-" : warn),
          (crit == "" ? "-" : crit), peak, (lowest == "" ? "-" : lowest), (size == "" ? "-" : size),
          (oom == "" ? "-" : oom) }' "$work/$name.log" >>"$work/results"
  if [ "$mode" = agent ] && ! grep -q ' done: ' "$work/$name.log"; then
    cp "$work/$name.log" "$work/$name.gc" "$died" # kept for the report at the end
  fi
}

echo "java: $("$java" -version 2>&1 | head -1); -Xmx96m; $rounds rounds; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for shape in spike ramp; do
    for gc in G1 Parallel; do
      if [ $((round % 2)) = 1 ]; then
        run "$shape" "$gc" agent "$round"
        run "$shape" "$gc" none "$round"
      else
        run "$shape" "$gc" none "$round"
        run "$shape" "$gc" agent "$round"
      fi
    done
  done
done

echo "each run (shape gc mode warn-ms critical-ms heap-peak-after-GC-MiB lowest-% entries-kept oom-ms):"
sed 's/^/  /' "$work/results"
# medians per case; "-" values (not reached) are left out, and how many runs had one is shown
awk '
  function median(list,   n, v, i, j, t) {
    n = split(list, v, " "); if (n == 0) return "-"
    for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] + 0 > t + 0; j--) v[j + 1] = v[j]; v[j + 1] = t }
    return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  function add(key, value) { runs[key]++; if (value != "-") { vals[key] = vals[key] " " value; got[key]++ } }
  {
    c = $1 " " $2; cases[c] = 1
    if ($3 == "agent") {
      add(c " warn", $4); add(c " crit", $5); add(c " peak", $6); add(c " low", $7)
      add(c " size", $8); agent[c]++; if ($9 == "-" && $8 != "-") survived[c]++
    } else { add(c " oom", $9); add(c " nopeak", $6); none[c]++; if ($9 != "-") died[c]++ }
  }
  END {
    printf "%-15s %9s %9s %10s %7s %9s %9s | %12s %9s\n", "median of runs", "to WARN", "to CRIT",
      "heap peak", "lowest", "kept", "survived", "no agent OOM", "died"
    for (c in cases) {
      printf "%-15s %7s ms %7s ms %6s MiB %6s%% %9s %6d/%d | %9s ms %6d/%d\n", c,
        median(vals[c " warn"]), median(vals[c " crit"]), median(vals[c " peak"]),
        median(vals[c " low"]), median(vals[c " size"]), survived[c], agent[c],
        median(vals[c " oom"]), died[c], none[c]
    }
  }' "$work/results" | { read -r header; echo "$header"; sort; }
for log in "$died"/*.log; do
  [ -e "$log" ] || continue
  echo "with the agent, $(basename "$log" .log) did not finish; its output (ms since the epoch):"
  sed 's/^/  /' "$log" | cut -c1-300
  echo "  its GC log:"
  sed 's/^/  /' "${log%.log}.gc" | tail -40
done
