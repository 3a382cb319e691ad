#!/usr/bin/env bash
# The full corpus run (docs/how-it-works.md, "The corpus run"): resolves the jars of
# benchmarks/corpus/full/pom.xml (Spring Boot's web, data-JPA and actuator starters with all their
# dependencies, Jetty, Netty, Guava, Kotlin with coroutines, Scala, Groovy, LangChain4j) into
# benchmarks/corpus/full/target/jars, then runs CorpusRunTest on them: every class rewritten with a
# rule on each of its collection and map fields, every 2nd constructing class for the singleton
# rewriter, 2,000 rewritten classes linked by a -Xverify:all JVM. Writes
# benchmarks/corpus/target/corpus-report.md. One to five minutes on 2 cores.
#
#   benchmarks/corpus/run-corpus.sh [extra maven arguments, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/../.."

jars=benchmarks/corpus/full/target/jars
rm -rf "$jars"
nice -n 10 mvn -B -q "$@" -f benchmarks/corpus/full/pom.xml dependency:copy-dependencies \
  -DoutputDirectory=target/jars
echo "== $(ls "$jars" | wc -l) jars in $jars"

nice -n 10 mvn -B "$@" -pl benchmarks/corpus -am test -Dtest=CorpusRunTest \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcorpus.jars="$PWD/$jars" -Dcorpus.singletonStride=2 -Dcorpus.jvmSample=2000
cat benchmarks/corpus/target/corpus-report.md
