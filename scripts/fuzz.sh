#!/usr/bin/env bash
# Fuzzes one Jazzer target of the agent module (docs/how-it-works.md, "Fuzzing"): each round is
# one `JAZZER_FUZZ=1` run of the target for its @FuzzTest maxDuration (3 minutes); the inputs it
# finds interesting are kept in agent/.cifuzz-corpus/ (not committed) and seed the next round. A
# crash is written next to the target's seeds in agent/src/test/resources/.../<Target>Inputs/
# and fails the run; from then on every `mvn verify` replays it.
#
#   scripts/fuzz.sh ConfigLoaderFuzzTest|AgentArgumentsFuzzTest|ClassFileFuzzTest|RecordingReaderFuzzTest [rounds] [maven args]
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?"usage: scripts/fuzz.sh TARGET [rounds] [maven args]"}
rounds=${2:-1}
shift $(( $# < 2 ? $# : 2 ))
# instrument the agent and the libraries that parse untrusted input, for coverage feedback
export JAZZER_INSTRUMENTATION_INCLUDES='io.heapwarden.**:org.objectweb.asm.**:org.yaml.snakeyaml.**'
# ...except records with type-annotated components (@Nullable): the JVM cannot retransform those
# (NoSuchFieldError on their fields afterwards, JDK-8376185), and Jazzer retransforms the classes
# loaded before it starts
records=$(grep -rlE "^ *(public |private |protected |static |final )*record [A-Z]" agent/src/main/java \
  | xargs grep -l "@Nullable" | sed 's|agent/src/main/java/||; s|\.java$||; s|/|.|g' \
  | awk '{ printf "%s%s:%s$**", (NR > 1 ? ":" : ""), $0, $0 }')
export JAZZER_INSTRUMENTATION_EXCLUDES="$records"
for ((round = 1; round <= rounds; round++)); do
  echo "== $target: round $round of $rounds"
  JAZZER_FUZZ=1 nice -n 10 mvn -B "$@" -pl agent -am test -Dtest="$target" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true
done
