#!/usr/bin/env bash
# The bytes each bounded collection type costs over its JDK original (one entry, below the bound)
# and over the hand-written LRU or the original holding the same entries (at the bound), measured
# with JOL by agent-bootstrap's FootprintTest, which also asserts the targets. A deterministic
# measurement of object sizes, not a timing: the machine's load does not change it.
#
#   benchmarks/footprint/footprint-table.sh          (prints the table of docs/performance.md)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/footprint/footprint-table.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl agent-bootstrap test -Dtest=FootprintTest -Dsurefire.failIfNoSpecifiedTests=false \
  >/tmp/footprint-test.log 2>&1 || { tail -50 /tmp/footprint-test.log; exit 1; }
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1
cat agent-bootstrap/target/footprint.md
