package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.collections.BlobStore;
import io.heapwarden.it.fixtures.collections.CacheService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** collections: rules bound fields of an unmodified service, whoever writes them. */
class CollectionRulesIT {
  private static final String RULES =
      """
      telemetry:
        interval: 200ms
      collections:
        - field: io.heapwarden.it.fixtures.collections.LeakyCache.entries
          max-entries: 100
        - field: io.heapwarden.it.fixtures.collections.LeakyCache.audit
          max-entries: 50
        - field: io.heapwarden.it.fixtures.collections.LeakyCache.notes
          max-entries: 10
      """;

  @Test
  void withoutTheAgentTheFieldsGrowWithEveryKey() {
    JvmResult result = AgentJvm.forMainClass(CacheService.class).args("5000").run();

    assertThat(result.stdout())
        .as(result.output())
        .contains("filled: entries=5000 (java.util.AbstractMap) audit=5000 notes=5000")
        .contains("refilled: entries=5000 (java.util.HashMap) audit=10000 notes=10000");
  }

  @Test
  void instanceStaticAndForeignWritesAreBoundedAndCounted() {
    JvmResult result =
        AgentJvm.forMainClass(CacheService.class)
            .withConfig(RULES)
            .recordJfr()
            .args("5000", "1000")
            .run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout())
        .as(result.output())
        // the instance field (a HashMap, bounded under lru by a HashMap subclass) and the static
        // list keep their bounds
        .contains("filled: entries=100 (java.util.HashMap) audit=50 notes=5000")
        // the field written by CacheResetter is bounded as well (a LinkedHashMap subclass)
        .contains("refilled: entries=100 (java.util.LinkedHashMap) audit=50 notes=10000")
        .contains("lookup of the newest key: value-of-again-4999");
    long evicted =
        result.events("heapwarden.RuleActivity").stream()
            .filter(e -> e.getString("action").equals("EVICTED"))
            .mapToLong(e -> e.getLong("count"))
            .sum();
    // 4900 + 4900 cache entries, 9950 audit lines
    assertThat(evicted).isEqualTo(4900 + 4900 + 9950);
    // the last aggregated event of the cache rule says what it holds: the live map (the first one,
    // replaced by CacheResetter, may not be collected yet) and its bound
    RecordedEvent last =
        result.events("heapwarden.RuleActivity").stream()
            .filter(e -> e.getString("rule").endsWith("LeakyCache.entries"))
            .reduce((first, second) -> second)
            .orElseThrow();
    assertThat(last.getLong("bound")).isEqualTo(100);
    assertThat(last.getLong("size")).isBetween(100L, 200L);
    assertThat(result.events("heapwarden.TransformFailed")).isEmpty();
    assertThat(result.events("heapwarden.RuleFailed")).isEmpty();
  }

  @Test
  void aFieldOfAnUnboundableTypeGetsOneWarningAndTheServiceRunsUnchanged() {
    JvmResult result =
        AgentJvm.forMainClass(CacheService.class).withConfig(RULES).args("500").run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("notes=500").contains("notes=1000");
    assertThat(result.agentLines())
        .filteredOn(line -> line.contains(" WARN "))
        .singleElement()
        .asString()
        .contains("LeakyCache.notes", "java.lang.StringBuilder", "cannot be bounded");
  }

  @Test
  void maxBytesKeepsAMapOfByteArraysUnderItsByteBudget() {
    String rules =
        """
        collections:
          - field: io.heapwarden.it.fixtures.collections.BlobStore.blobs
            max-bytes: 1MB
        """;
    JvmResult without = AgentJvm.forMainClass(BlobStore.class).args("2000", "10000").run();
    assertThat(without.stdout()).as(without.output()).contains("blobs=2000 bytes=20000000");

    JvmResult result =
        AgentJvm.forMainClass(BlobStore.class).withConfig(rules).args("2000", "10000").run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    String line =
        result.stdout().lines().filter(l -> l.startsWith("blobs=")).findFirst().orElseThrow();
    int blobs = Integer.parseInt(line.substring(6, line.indexOf(' ')));
    // 1 MiB over about 10,070 estimated bytes per entry (the array, the key): 104 entries; the
    // estimate is within a few percent for byte arrays and strings, so the payload stays under
    // the budget without evicting far below it.
    assertThat(blobs).as(result.output()).isBetween(95, 104);
    assertThat((long) blobs * 10_000).isLessThanOrEqualTo(1L << 20);
    assertThat(line).endsWith("newest kept=true");
    assertThat(result.agentLines())
        .as(result.output())
        .noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR "));
  }
}
