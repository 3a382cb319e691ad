package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.RuleLimitReporter;
import io.heapwarden.it.fixtures.collections.GrowingCache;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.RunningJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The config file is watched: limits change live, bad edits are refused, new targets wait. */
class HotReloadIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static String config(String field, String maxEntries) {
    return """
        reload:
          interval: 200ms
        collections:
          - field: %s
            max-entries: %s
        """
        .formatted(field, maxEntries);
  }

  @Test
  void limitChangesApplyLiveAndBadEditsKeepTheLastGoodConfig() {
    AgentJvm jvm = limitReporter();
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^limit=100$", WAIT);

      jvm.writeConfig(config("com.example.Cache.entries", "250"));
      running.awaitOutput("^limit=250$", WAIT);
      running.awaitOutput("\\[heapwarden\\] INFO .*max-entries 100 -> 250", WAIT);

      jvm.writeConfig(config("com.example.Cache.entries", "-5"));
      running.awaitOutput("\\[heapwarden\\] WARN .*collections\\[0\\]\\.max-entries", WAIT);

      jvm.writeConfig(""); // truncated: refused, not taken as "no rules"
      running.awaitOutput("\\[heapwarden\\] WARN .*the config file is empty", WAIT);

      jvm.writeConfig(config("com.example.Other.entries", "250"));
      running.awaitOutput("\\[heapwarden\\] WARN .*restart.*com\\.example\\.Other\\.entries", WAIT);

      assertThat(running.stdout()).doesNotContain("limit=-5").containsOnlyOnce("limit=250");
    }
  }

  @Test
  void aLoweredLimitShrinksALiveCollectionOnItsNextWrite() {
    String rule = "io.heapwarden.it.fixtures.collections.GrowingCache.cache";
    AgentJvm jvm =
        AgentJvm.forMainClass(GrowingCache.class).args("60").withConfig(config(rule, "50"));
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^size=50$", WAIT);

      // the next write after the reload evicts 40 entries at once
      jvm.writeConfig(config(rule, "10"));
      running.awaitOutput("^size=50\\nsize=10$", WAIT);

      // a raised limit lets it grow again, up to the new bound and no further
      jvm.writeConfig(config(rule, "30"));
      running.awaitOutput("^size=50\\nsize=10\\n(size=\\d+\\n)*size=30$", WAIT);
      sleep(500);
      String afterShrink =
          running.stdout().substring(running.stdout().indexOf("size=50\nsize=10\n"));
      assertThat(afterShrink).doesNotContain("size=31");
      assertThat(running.stdout()).doesNotContain("size=51");
    }
  }

  @Test
  void settingChangesAreReportedAsApplied() {
    AgentJvm jvm = limitReporter();
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^limit=100$", WAIT);

      jvm.writeConfig(config("com.example.Cache.entries", "100") + "telemetry:\n  interval: 5s\n");
      running.awaitOutput(
          "\\[heapwarden\\] INFO reloaded .*: telemetry\\.interval 10s -> 5s", WAIT);

      assertThat(running.stdout() + running.stderr()).doesNotContain("no change to apply live");
    }
  }

  private static AgentJvm limitReporter() {
    return AgentJvm.forMainClass(RuleLimitReporter.class)
        .args("60")
        .withConfig(config("com.example.Cache.entries", "100"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
