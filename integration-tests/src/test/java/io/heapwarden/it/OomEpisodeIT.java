package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.oom.OomEpisodeService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.RunningJvm;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The service runs out of memory for a few seconds and recovers; the agent recovers with it: no
 * agent thread dies, a config edit made afterwards is applied, telemetry still reports, and the
 * agent prints no stack trace of its own.
 */
class OomEpisodeIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The heap is full for 3 s, but a full heap slows everything down (thousands of full GCs). */
  private static final Duration EPISODE = Duration.ofSeconds(120);

  private static final String SERVICE = OomEpisodeService.class.getName();

  private static String config(int maxEntries) {
    return """
        reload:
          interval: 200ms
        telemetry:
          interval: 500ms
        logging:
          lines-per-minute: 1000
        collections:
          - field: %s.cache
            max-entries: %d
        sessions:
          - field: %s.sessions
            max-sessions: 10
            idle-timeout: 1s
        """
        .formatted(SERVICE, maxEntries, SERVICE);
  }

  @Test
  void theAgentSurvivesAnOutOfMemoryEpisodeOfItsService() {
    AgentJvm jvm =
        AgentJvm.forMainClass(OomEpisodeService.class)
            .jvmArgs("-Xmx64m")
            .args("240")
            .withConfig(config(10));
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^size=10$", WAIT);
      running.awaitOutput("INFO .*OomEpisodeService\\.cache: \\d+ ", WAIT); // telemetry ticks
      running.send("threads");
      String before = running.awaitOutput("^agent threads: (.*)$", WAIT).group(1);
      assertThat(before.split(","))
          .contains(
              "heapwarden-config-watcher", "heapwarden-telemetry", "heapwarden-session-sweeper");

      running.send("fill");
      running.awaitOutput("^episode: filling$", WAIT);
      running.awaitOutput("^episode over$", EPISODE);
      assertThat(running.stderr())
          .as("the episode reached the agent")
          .containsPattern("WARN heapwarden-[a-z-]+ ran out of memory; it goes on");

      running.send("threads");
      Matcher after =
          running.awaitOutput("^agent threads: (.*)\\n(?:[\\s\\S]*)agent threads: (.*)$", WAIT);
      assertThat(after.group(2)).as("agent threads after the episode").isEqualTo(before);

      jvm.writeConfig(config(20));
      running.awaitOutput("^size=20$", WAIT);
      running.awaitOutput("INFO reloaded .*max-entries 10 -> 20", WAIT);
      running.awaitOutput(
          "^episode over$[\\s\\S]*INFO .*OomEpisodeService\\.cache: \\d+ .* in the last", WAIT);

      String output = running.stdout() + running.stderr();
      assertThat(output)
          .doesNotContain("thrown from the UncaughtExceptionHandler")
          .doesNotContain("Exception in thread \"heapwarden-")
          .doesNotContain("\tat io.heapwarden.");
    }
  }
}
