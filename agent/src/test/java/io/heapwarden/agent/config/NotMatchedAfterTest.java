package io.heapwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.Kinds;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telemetry.not-matched-after}: a duration, 1m by default, 0 or off for never. */
class NotMatchedAfterTest {
  @TempDir Path dir;

  private ConfigFiles files() {
    return new ConfigFiles(dir);
  }

  @Test
  void defaultsToOneMinute() {
    assertThat(files().valid("strict: false\n").telemetry().notMatchedAfter())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void takesADurationAndZeroOrOffTurnItOff() {
    assertThat(files().valid("telemetry:\n  not-matched-after: 5m\n").telemetry().notMatchedAfter())
        .isEqualTo(Duration.ofMinutes(5));
    for (String off : new String[] {"off", "0", "OFF", "0s"}) {
      assertThat(
              files()
                  .valid("telemetry:\n  not-matched-after: " + off + "\n")
                  .telemetry()
                  .notMatchedAfter())
          .as(off)
          .isZero();
    }
  }

  @Test
  void aBadValueIsALocatedProblemWithAHint() {
    assertThat(files().problems("telemetry:\n  not-matched-after: soon\n"))
        .singleElement()
        .asString()
        .startsWith("heapwarden.yaml:2:22: telemetry.not-matched-after: must be a duration");
    assertThat(files().problems("telemetry:\n  not-matched-after: 60\n"))
        .singleElement()
        .asString()
        .contains("needs a unit, got 60");
  }

  @Test
  void printsOffAndIsReadAtStartOnly() {
    AgentConfig off = files().valid("telemetry:\n  not-matched-after: off\n");
    AgentConfig on = files().valid("telemetry:\n  not-matched-after: 2m\n");

    assertThat(ConfigPrinter.toYaml(Kinds.schema(), off)).contains("  not-matched-after: off\n");
    assertThat(SettingChanges.between(Kinds.schema(), on, off).needRestart())
        .containsExactly("telemetry.not-matched-after 2m -> off");
  }
}
