package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.examples.chat.ChatService;
import io.heapwarden.examples.chat.LoadDriver;
import io.heapwarden.it.fixtures.discover.ShapesService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * Discovery on the unmodified chat-service, with no rule: under a steady load, the fields reported
 * as growing are exactly its three leaking ones; {@code suggest} on the recording writes a config
 * that {@code check} accepts.
 */
class DiscoveryIT {
  private static final String PACKAGE = "io.heapwarden.examples.chat";

  private static final Set<String> LEAKS =
      Set.of(
          PACKAGE + ".ResponseCache.entries",
          PACKAGE + ".ConversationStore.histories",
          PACKAGE + ".EventHub.queues");

  private static AgentJvm cli(String... args) {
    return AgentJvm.forJar(ItEnvironment.agentJar()).args(args);
  }

  @Test
  void reportsExactlyTheChatServicesLeaksAndSuggestWritesAConfigThatChecks() throws Exception {
    AgentJvm jvm =
        AgentJvm.forMainClass(ChatService.class)
            .jvmArgs("-Xmx256m")
            .args("--port", "0")
            .withConfig("discover:\n  packages: [" + PACKAGE + "]\n  period: 500ms\n")
            .recordJfr();
    JvmResult stopped;
    try (RunningJvm service = jvm.start()) {
      Matcher listening =
          service.awaitOutput("chat-service listening on port (\\d+)", Duration.ofSeconds(30));
      JvmResult load =
          AgentJvm.forMainClass(LoadDriver.class)
              .args(
                  "--port",
                  listening.group(1),
                  "--requests",
                  "1000000",
                  "--sessions",
                  "1000000",
                  "--clients",
                  "1000000",
                  "--threads",
                  "4",
                  "--max-seconds",
                  "12")
              .run(Duration.ofSeconds(60));
      assertThat(load.stdout()).as(load.output()).contains("service=up");
      stopped = service.stop(Duration.ofSeconds(30));
    }

    Set<String> suspects =
        stopped.events("heapwarden.GrowthSuspect").stream()
            .map(event -> event.getString("field"))
            .collect(Collectors.toSet());
    assertThat(suspects).as(stopped.output()).isEqualTo(LEAKS);
    for (RecordedEvent event : stopped.events("heapwarden.GrowthSuspect")) {
      assertThat(event.getLong("count")).isPositive();
      assertThat(event.getDouble("perMinute")).isPositive();
    }
    assertThat(stopped.agentLines())
        .filteredOn(line -> line.contains(" WARN ") && line.contains("keeps growing"))
        .hasSize(LEAKS.size());
    assertThat(stopped.agentLines()).noneMatch(line -> line.contains(" ERROR "));

    Path recording = Objects.requireNonNull(stopped.jfrFile());
    Path suggested = recording.resolveSibling("suggested.yaml");
    JvmResult suggest = cli("suggest", recording.toString(), "-o", suggested.toString()).run();
    assertThat(suggest.exitCode()).as(suggest.output()).isZero();
    String yaml = Files.readString(suggested);
    for (String leak : LEAKS) {
      assertThat(yaml).contains("  - field: " + leak + "\n");
    }
    JvmResult check = cli("check", suggested.toString()).run();
    assertThat(check.exitCode()).as(check.output()).isZero();

    JvmResult again = cli("suggest", recording.toString(), "-o", suggested.toString()).run();
    assertThat(again.exitCode()).as(again.output()).isEqualTo(8);
  }

  /**
   * A service of another shape: a static list of listeners, a map of sets, a list on each of 200
   * objects are reported; a large cache filled at start and a queue that fills and drains are not.
   */
  @Test
  void reportsTheLeaksOfAnotherShapeAndNotItsLargeFlatCache() throws InterruptedException {
    String fixtures = ShapesService.class.getPackageName();
    AgentJvm jvm =
        AgentJvm.forMainClass(ShapesService.class)
            .jvmArgs("-Xmx256m")
            .withConfig("discover:\n  packages: [" + fixtures + "]\n  period: 300ms\n")
            .recordJfr();
    JvmResult stopped;
    try (RunningJvm service = jvm.start()) {
      service.awaitOutput("shapes-service running", Duration.ofSeconds(30));
      service.awaitOutput(
          "(?s).*keeps growing.*keeps growing.*keeps growing.*", Duration.ofSeconds(30));
      Thread.sleep(4_000); // two more windows: the cache and the queue had every chance
      stopped = service.stop(Duration.ofSeconds(30));
    }

    Set<String> suspects =
        stopped.events("heapwarden.GrowthSuspect").stream()
            .map(event -> event.getString("field"))
            .collect(Collectors.toSet());
    assertThat(suspects)
        .as(stopped.output())
        .isEqualTo(
            Set.of(
                fixtures + ".ShapesService.LISTENERS",
                fixtures + ".ShapesService.tagsByUser",
                fixtures + ".ShapesService$Order.lines"));
    RecordedEvent lines =
        stopped.events("heapwarden.GrowthSuspect").stream()
            .filter(event -> event.getString("field").endsWith("$Order.lines"))
            .findFirst()
            .orElseThrow();
    assertThat(lines.getInt("instances")).isEqualTo(200);
  }
}
