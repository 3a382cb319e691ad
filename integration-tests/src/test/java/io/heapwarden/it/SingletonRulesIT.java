package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.singletons.SingletonFixtures;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import java.time.Duration;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** Class and method singleton rules, close handling and max-live, in a real agent JVM. */
class SingletonRulesIT {
  private static final String CONFIG =
      """
      telemetry:
        interval: 100ms
      singletons:
        - class: io.heapwarden.it.fixtures.singletons.SingletonFixtures$ApiClient
        - method: io.heapwarden.it.fixtures.singletons.SingletonFixtures$Models.load(java.lang.String)
      instances:
        - class: io.heapwarden.it.fixtures.singletons.SingletonFixtures$Connection
          max-live: 5
      """;

  @Test
  void withoutTheAgentEveryCallBuildsAndCloses() {
    JvmResult result = AgentJvm.forMainClass(SingletonFixtures.class).run(Duration.ofSeconds(60));

    assertThat(result.stdout())
        .as(result.output())
        .contains("fixture: clients built=3 closed=3 models loaded=5 connections=7");
  }

  @Test
  void withTheAgentInstancesAreSharedClosedAtShutdownAndTooManyConnectionsReported() {
    AgentJvm jvm = AgentJvm.forMainClass(SingletonFixtures.class).recordJfr();
    jvm.withConfig(CONFIG);
    JvmResult result = jvm.run(Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout())
        .as(result.output())
        .contains("fixture: clients built=1 closed=0 models loaded=1 connections=7");
    // the close ignored three times happens once, at shutdown, after main printed its counts
    assertThat(result.stdout()).containsOnlyOnce("fixture: closed client https://api.example.com");
    List<RecordedEvent> created = result.events("heapwarden.SingletonCreated");
    assertThat(created)
        .extracting(e -> e.getString("key"))
        .containsExactlyInAnyOrder("(\"https://api.example.com\")", "(\"mini\")");
    List<RecordedEvent> tooMany = result.events("heapwarden.MaxLiveExceeded");
    assertThat(tooMany).as(result.output()).hasSize(1);
    assertThat(tooMany.get(0).getLong("live")).isEqualTo(6);
    assertThat(tooMany.get(0).getLong("maxLive")).isEqualTo(5);
    assertThat(tooMany.get(0).getStackTrace().getFrames())
        .anyMatch(frame -> frame.getMethod().getName().equals("main"));
    assertThat(result.agentLines())
        .anyMatch(line -> line.contains(" WARN ") && line.contains("more than max-live 5"))
        .anyMatch(line -> line.contains("is ignored (on-close: ignore)"))
        .noneMatch(line -> line.contains(" ERROR "));
    assertThat(result.events("heapwarden.TransformFailed")).isEmpty();
  }
}
