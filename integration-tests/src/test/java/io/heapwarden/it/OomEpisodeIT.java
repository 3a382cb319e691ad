package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.oom.OomEpisodeService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.RunningJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  void theAgentSurvivesAnOutOfMemoryEpisodeOfItsService() throws InterruptedException {
    AgentJvm jvm =
        AgentJvm.forMainClass(OomEpisodeService.class)
            .jvmArgs("-Xmx64m")
            .args("240")
            .withConfig(config(10));
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^size=10$", WAIT);
      running.awaitOutput("INFO .*OomEpisodeService\\.cache: \\d+ ", WAIT); // telemetry ticks
      String before = threadsOnceStarted(running);
      assertThat(before.split(","))
          .contains(
              "heapwarden-config-watcher", "heapwarden-telemetry", "heapwarden-session-sweeper");

      running.send("fill");
      running.awaitOutput("^episode: filling$", WAIT);
      running.awaitOutput("^episode over$", EPISODE);
      assertThat(running.stderr())
          .as("the episode reached the agent")
          .containsPattern("WARN heapwarden-[a-z-]+ ran out of memory; it goes on");

      assertThat(threadsOnceStarted(running))
          .as("agent threads after the episode")
          .isEqualTo(before);

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

  /**
   * The agent's threads, from a fresh answer to {@code threads}, once its start-up is done: the
   * config watcher starts last, on the {@code heapwarden-init} thread, which a busy machine can
   * delay past the first telemetry tick.
   */
  private static String threadsOnceStarted(RunningJvm running) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      int asked = linesOf(running).size();
      running.send("threads");
      List<String> answers = linesOf(running);
      while (answers.size() == asked && System.nanoTime() < deadline) {
        Thread.sleep(20);
        answers = linesOf(running);
      }
      assertThat(answers).as("answers to 'threads'").hasSizeGreaterThan(asked);
      String latest = answers.get(answers.size() - 1);
      if (!latest.contains("heapwarden-init") || System.nanoTime() > deadline) {
        return latest;
      }
      Thread.sleep(100);
    }
  }

  private static List<String> linesOf(RunningJvm running) {
    Matcher line =
        Pattern.compile("^agent threads: (.*)$", Pattern.MULTILINE).matcher(running.stdout());
    List<String> found = new ArrayList<>();
    while (line.find()) {
      found.add(line.group(1));
    }
    return found;
  }
}
