#!/usr/bin/env bash
# The idle CPU cost of the config watcher per reload.interval (docs/configuration.md, reload.interval).
# Usage: benchmarks/reload/measure-reload.sh [seconds per interval]   (after `mvn -pl agent -am compile`)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
m2="${HOME}/.m2/repository"
cp="agent/target/classes:agent-bootstrap/target/classes"
cp="$cp:$(ls "$m2"/org/yaml/snakeyaml/2.4/snakeyaml-2.4.jar)"
cp="$cp:$(ls "$m2"/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar)"
java -cp "$cp" benchmarks/reload/ReloadPollCost.java \
  examples/chat-service/heapwarden.yaml "$seconds" 1 100 2000
