package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.HelloService;
import io.heapwarden.it.fixtures.MicrometerService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import java.time.Duration;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** Agent actions reach JFR and the service's own Micrometer registry. */
class TelemetryIT {
  private static final String TWO_RULES =
      """
      collections:
        - field: com.example.NeverLoaded.cache
          max-entries: 10
      singletons:
        - class: com.example.NeverLoaded
      """;

  @Test
  void startIsRecordedInJfrWithItsCategoryAndRuleCount() {
    JvmResult result =
        AgentJvm.forMainClass(HelloService.class).withConfig(TWO_RULES).recordJfr().run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    List<RecordedEvent> started = result.events("heapwarden.AgentStarted");
    assertThat(started).as(result.output()).hasSize(1);
    RecordedEvent event = started.get(0);
    assertThat(event.getEventType().getCategoryNames()).containsExactly("Heapwarden");
    assertThat(event.getEventType().getLabel()).isNotBlank();
    assertThat(event.getInt("ruleCount")).isEqualTo(2);
    assertThat(event.getDuration("startupDuration")).isPositive().isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void metersAppearInTheServicesOwnMicrometerRegistry() {
    AgentJvm jvm = AgentJvm.forMainClass(MicrometerService.class).withConfig(TWO_RULES);
    jvm.fixtureLibs(AgentJvm.MICROMETER_LIBS);

    JvmResult result = jvm.run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout())
        .as(result.output())
        .contains("meter heapwarden.agent.rules [] = 2.0")
        .contains(
            "meter heapwarden.collection.evictions [tag(rule=com.example.NeverLoaded.cache)] = 0.0")
        .contains("meter heapwarden.singleton.reused [tag(rule=com.example.NeverLoaded)] = 0.0");
  }
}
