#!/usr/bin/env bash
# Classes a hello-world JVM loads without and with the agent (the start-up config of this
# directory), from -Xlog:class+load: deterministic, unlike timings, so it can run on a busy machine.
# Prints the totals and the added classes by package (the agent's own, the JDK's it pulls in).
#
#   benchmarks/startup/count-classes.sh [config.yaml]
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/startup/count-classes.sh
#   AGENT=/path/to/another/heapwarden-agent.jar benchmarks/startup/count-classes.sh
#
# Needs agent/target/heapwarden-agent.jar (mvn -B -DskipTests package). The hello world exits at
# once, as in measure-startup.sh; with WAIT_MS=2000 it first waits 2 s, so that what the agent's
# background start (heapwarden-init) loads is counted in full.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
config=${1:-$here/heapwarden.yaml}
java=${JAVA:-java}
javac_bin=${JAVAC:-javac}
agent=${AGENT:-$root/agent/target/heapwarden-agent.jar}
[ -f "$agent" ] || { echo "missing $agent: run mvn -B -DskipTests package first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$javac_bin" --release 17 -d "$work" "$here/Hello.java"
main=Hello
if [ "${WAIT_MS:-0}" != 0 ]; then # the same hello world, after a pause
  printf 'public class Waiting { public static void main(String[] a) throws Exception {\n  Thread.sleep(%s); Hello.main(a); } }\n' "$WAIT_MS" >"$work/Waiting.java"
  "$javac_bin" --release 17 -cp "$work" -d "$work" "$work/Waiting.java"
  main=Waiting
fi

run() { # $1: log file; the rest: JVM options
  local log=$1; shift
  "$java" "$@" "-Xlog:class+load:file=$log" -cp "$work" "$main" >/dev/null
  grep -c '\[class,load\]' "$log"
}
names() { sed -n 's/.*\[class,load\] \([^ ]*\) .*/\1/p' "$1" | sort -u; }

base=$(run "$work/base.log")
with=$(run "$work/agent.log" "-javaagent:$agent=config=$config")
echo "java: $("$java" -version 2>&1 | head -1)"
echo "config: $config"
printf '%-28s %6s\n' "classes without agent" "$base" "classes with agent" "$with" "added" "$((with - base))"
echo "added, by package (io.heapwarden.shaded.* by library):"
comm -13 <(names "$work/base.log") <(names "$work/agent.log") \
  | sed -e 's/\$.*//' -e 's/^java\.lang\.invoke\.LambdaForm.*/java.lang.invoke.(generated)/' \
        -e 's/^\(.*\)\.[^.]*$/\1/' -e 's/^\(io\.heapwarden\.shaded\.[^.]*\)\..*/\1/' \
  | sort | uniq -c | sort -rn | head -${TOP:-25}
