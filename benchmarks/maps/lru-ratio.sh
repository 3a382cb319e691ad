#!/usr/bin/env bash
# The bounded HashMap's `lru` against the hand-written LinkedHashMap LRU, as a ratio of times.
#
# On a machine shared with other work, throughput drifts by tens of percent from one minute to the
# next, more than the difference being measured; a JMH run that measures every fork of one map and
# then every fork of the other folds that drift into the ratio. So this alternates: each round is
# one JMH fork of each map, back to back, and the ratio is taken per round; the median over the
# rounds is one figure docs/performance.md reports. The other comes from MapPairRun: both maps in
# one JVM, in alternating 20 ms slices, the median of the per-pair ratios (400 pairs; 20 for a
# single round).
#
#   benchmarks/maps/lru-ratio.sh [rounds]        (default 9; the CI smoke run uses 1)
#   THREADS=2 MAPS=caffeine,bounded-chm-lru benchmarks/maps/lru-ratio.sh 5
#                                                (any two maps of MapBenchmark, baseline first;
#                                                 MapPairRun only runs at 1 thread)
#   MAPS=bounded-hashmap-lru,bounded-hashmap-lru-emergency benchmarks/maps/lru-ratio.sh 5
#                                                (the in-band pressure check: the emergency is
#                                                 switched at each MapPairRun slice)
#
# Needs benchmarks/target/benchmarks.jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-9}
jar=${JAR:-benchmarks/target/benchmarks.jar}
java=${JAVA:-java}
maps=${MAPS:-lhm-lru,bounded-hashmap-lru}
threads=${THREADS:-1}
baseline=${maps%%,*}
candidate=${maps##*,}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ratios=()
for round in $(seq "$rounds"); do
  # the exact class: a bare "MapBenchmark" also matches SessionMapBenchmark
  "$java" -jar "$jar" 'benchmarks\.MapBenchmark\.' -f 1 -wi 3 -i 4 -w 1s -r 1s -t "$threads" \
    -p "map=$maps" -rf csv -rff "$work/round.csv" >"$work/round.log" 2>&1 ||
    { cat "$work/round.log"; exit 1; }
  # CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error","Unit",map,maximumSize
  ratio=$(awk -F, -v b="$baseline" -v c="$candidate" '
    $8 == b { sb = $5 } $8 == c { sc = $5 }
    END { if (sb == "" || sc == "") exit 1; printf "%.3f %.1f %.1f", sb / sc, sb, sc }' \
    "$work/round.csv") || { echo "no score for $baseline or $candidate:"; cat "$work/round.log"; exit 1; }
  read -r r b c <<<"$ratio"
  printf 'round %2d: %s %5s ops/us, %s %5s ops/us: time ratio %s\n' "$round" "$baseline" "$b" "$candidate" "$c" "$r"
  ratios+=("$r")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v c="$candidate" -v b="$baseline" \
  '{ v[NR] = $1 } END { printf "median time ratio %s / %s over %d rounds: %.2f (min %.2f, max %.2f)\n", c, b, NR, v[int((NR + 1) / 2)], v[1], v[NR] }'
if [ "$threads" = 1 ]; then
  pairs=$([ "$rounds" -ge 9 ] && echo 400 || echo 20)
  "$java" -cp "$jar" io.heapwarden.benchmarks.MapPairRun "$baseline" "$candidate" "$pairs"
fi
