package io.heapwarden.agent.telemetry;

import static io.heapwarden.agent.telemetry.Fixtures.manualTicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.telemetry.Fixtures.CapturedLog;
import io.heapwarden.agent.telemetry.Fixtures.Clock;
import io.heapwarden.agent.telemetry.Fixtures.RecordingSink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A rule that does nothing: one log line, one count behind a meter, an incident for every sink. */
class RuleFeedbackTelemetryTest {
  private final Clock clock = new Clock();
  private final CapturedLog log = new CapturedLog(clock);
  private final RecordingSink sink = new RecordingSink();
  private final Telemetry telemetry =
      Telemetry.create(
          manualTicks(),
          new Telemetry.Setup()
              .rules(List::of)
              .clock(clock::now)
              .log(log.output)
              .jfrModule(() -> false)
              .sinks(sink));

  @AfterEach
  void close() {
    telemetry.close();
  }

  @Test
  void anUnresolvedRuleIsAWarningWithItsPlaceAndHintAndIsCounted() {
    telemetry.ruleUnresolved(
        "com.example.Vets.vetz",
        "heapwarden.yaml:4:5, collections[0].field",
        "class com.example.Vets declares no field 'vetz'",
        "did you mean 'vets'?");

    assertThat(log.heads())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("WARN")
                    .endsWith(
                        "rule com.example.Vets.vetz (heapwarden.yaml:4:5, collections[0].field)"
                            + " does nothing: class com.example.Vets declares no field 'vetz'"
                            + " (hint: did you mean 'vets'?)"));
    assertThat(telemetry.counters().unresolvedRules()).isEqualTo(1);
    assertThat(telemetry.counters().unmatchedRules()).isZero();
    assertThat(sink.incidents).singleElement().isInstanceOf(Incident.RuleUnresolved.class);
  }

  @Test
  void aRuleNotMatchedInTimeIsAnInfoLineWithAHintAndIsCounted() {
    telemetry.ruleNotMatched(
        "com.example.Vetz",
        "heapwarden.yaml:2:5, instances[0].class",
        "class com.example.Vetz",
        Duration.ofSeconds(60));

    assertThat(log.heads())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("INFO")
                    .contains(
                        "rule com.example.Vetz (heapwarden.yaml:2:5, instances[0].class) has not"
                            + " matched any loaded class after 60s: class com.example.Vetz has not"
                            + " been loaded (hint: ")
                    .contains("check <config> --classpath"));
    assertThat(telemetry.counters().unmatchedRules()).isEqualTo(1);
  }
}
