#!/usr/bin/env bash
# ChurnBenchmark: short-lived objects with a ruled collection field, the bounded copy against a
# plain copy, as a ratio of times. Each round is one JMH fork of each (plain, then bounded) back to
# back, so that a shared machine's drift falls on both; the median of the per-round ratios is the
# figure docs/performance.md reports.
#
#   benchmarks/churn/churn-ratio.sh [rounds] [collection]   (default 5 rounds, arraylist;
#                                                              collection: arraylist | hashmap-lru)
#
# Needs benchmarks/target/benchmarks.jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
collection=${2:-arraylist}
jar=${JAR:-benchmarks/target/benchmarks.jar}
java=${JAVA:-java}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ratios=()
for round in $(seq "$rounds"); do
  "$java" -jar "$jar" 'benchmarks\.ChurnBenchmark\.' -f 1 -wi 3 -i 3 -w 1s -r 1s \
    -p copy=plain,bounded -p "collection=$collection" -rf csv -rff "$work/round.csv" \
    >"$work/round.log" 2>&1 || { cat "$work/round.log"; exit 1; }
  # CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error","Unit",collection,copy
  # (JMH ends its lines with \r\n)
  ratio=$(tr -d '\r' <"$work/round.csv" | awk -F, '$9 == "plain" { p = $5 } $9 == "bounded" { b = $5 }
    END { if (p == "" || b == "") exit 1; printf "%.2f %.1f %.1f", b / p, p, b }') ||
    { echo "no score:"; cat "$work/round.log"; exit 1; }
  read -r r p b <<<"$ratio"
  printf 'round %2d: %s plain %6s ns/op, bounded %6s ns/op: time ratio %s\n' "$round" "$collection" "$p" "$b" "$r"
  ratios+=("$r")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v c="$collection" \
  '{ v[NR] = $1 } END { printf "median time ratio bounded / plain (%s) over %d rounds: %.2f (min %.2f, max %.2f)\n", c, NR, v[int((NR + 1) / 2)], v[1], v[NR] }'
