package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.pressure.RampService;
import io.heapwarden.it.fixtures.pressure.SpikeService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pressure guard wins the race on a 96 MB heap whose bounded cache is configured far too large
 * for it (300,000 entries of about 1 KB): a fast spike from the first line of {@code main} and a
 * steady ramp of about 1 MB every 2 ms, under G1 and Parallel, on the JDK the integration tests run
 * with (17, and 25 in CI's second pass). With the agent every run finishes, and the recording shows
 * the level change, the trims, the escalation below {@code trim-to} and the GC nudges; without it
 * every run dies of OutOfMemoryError.
 */
class PressureRaceIT {
  private static final String FIXTURES = "io.heapwarden.it.fixtures.pressure.";

  private static final String RULES =
      """
      collections:
        - field: %sSpikeService.cache
          max-entries: 300000
        - field: %sRampService.sessions
          max-entries: 300000
      pressure:
        heap: {warn: 70%%, critical: 85%%}
        on-critical: {trim-to: 25%%, gc: true, min-interval: 1s}
      """
          .formatted(FIXTURES, FIXTURES);

  private static final Pattern DONE = Pattern.compile("done: size=(\\d+)");

  /** Each shape under each collector. */
  static Stream<Arguments> runs() {
    return Stream.of(
        Arguments.of("spike", "-XX:+UseG1GC"),
        Arguments.of("ramp", "-XX:+UseG1GC"),
        Arguments.of("spike", "-XX:+UseParallelGC"),
        Arguments.of("ramp", "-XX:+UseParallelGC"));
  }

  private static AgentJvm service(String shape, String collector) {
    AgentJvm jvm =
        shape.equals("spike")
            ? AgentJvm.forMainClass(SpikeService.class).args("300000", "2000")
            : AgentJvm.forMainClass(RampService.class).args("300000", "1000", "2000");
    return jvm.jvmArgs("-Xmx96m", collector);
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("runs")
  void withTheAgentEveryRunFinishes(String shape, String collector) {
    JvmResult result = service(shape, collector).withConfig(RULES).recordJfr().run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    Matcher done = DONE.matcher(result.stdout());
    assertThat(done.find()).as(result.output()).isTrue();
    assertThat(Integer.parseInt(done.group(1))).as("within trim-to").isLessThanOrEqualTo(75_000);

    assertThat(result.events("heapwarden.MemoryPressure"))
        .extracting(e -> e.getString("level"))
        .as(result.output())
        .contains("CRITICAL");
    List<RecordedEvent> steps = result.events("heapwarden.PressureEscalation");
    assertThat(steps)
        .extracting(e -> e.getInt("before") + "->" + e.getInt("after"))
        .as("critical, then still critical after a trim and a collection: " + result.output())
        .contains("100->25", "25->12");
    assertThat(steps.get(0).getString("bounds"))
        .isEqualTo(
            FIXTURES
                + "SpikeService.cache 300000 -> 75000, "
                + FIXTURES
                + "RampService.sessions 300000 -> 75000");
    assertThat(result.events("heapwarden.EmergencyTrim")).as(result.output()).isNotEmpty();
    assertThat(result.events("heapwarden.GcNudge")).as(result.output()).isNotEmpty();
    assertThat(result.agentLines())
        .as(result.output())
        .anyMatch(line -> line.contains("WARN memory pressure CRITICAL (was "))
        .anyMatch(line -> line.contains("WARN memory pressure: bounds lowered from 25% to 12%"));
    assertThat(result.stderr()).doesNotContain("OutOfMemoryError");
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("runs")
  void withoutTheAgentEveryRunDies(String shape, String collector) {
    JvmResult result = service(shape, collector).run();

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("OutOfMemoryError").doesNotContain("done: size=");
  }
}
