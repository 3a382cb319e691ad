package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.RuleLimitReporter;
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
    AgentJvm jvm =
        AgentJvm.forMainClass(RuleLimitReporter.class)
            .args("60")
            .withConfig(config("com.example.Cache.entries", "100"));
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^limit=100$", WAIT);

      jvm.writeConfig(config("com.example.Cache.entries", "250"));
      running.awaitOutput("^limit=250$", WAIT);
      running.awaitOutput("\\[heapwarden\\] INFO .*max-entries 100 -> 250", WAIT);

      jvm.writeConfig(config("com.example.Cache.entries", "-5"));
      running.awaitOutput("\\[heapwarden\\] WARN .*collections\\[0\\]\\.max-entries", WAIT);

      jvm.writeConfig(config("com.example.Other.entries", "250"));
      running.awaitOutput("\\[heapwarden\\] WARN .*restart.*com\\.example\\.Other\\.entries", WAIT);

      assertThat(running.stdout()).doesNotContain("limit=-5").containsOnlyOnce("limit=250");
    }
  }
}
