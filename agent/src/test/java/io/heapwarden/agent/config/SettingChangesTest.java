package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.Kinds;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingChangesTest {
  @TempDir Path dir;
  ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void reportsEveryChangedSettingAppliedLive() {
    AgentConfig before = files.valid(yaml("logging:", "  level: info"));
    AgentConfig after =
        files.valid(
            yaml(
                "logging:",
                "  level: debug",
                "telemetry:",
                "  interval: 30s",
                "pressure:",
                "  heap:",
                "    warn: 70%"));

    SettingChanges.Changes changes = SettingChanges.between(Kinds.schema(), before, after);

    assertThat(changes.applied())
        .containsExactly(
            "pressure off -> on",
            "logging.level info -> debug",
            "telemetry.interval 10s -> 30s",
            "pressure.heap.warn 75% -> 70%");
    assertThat(changes.needRestart()).isEmpty();
  }

  @Test
  void settingsReadAtStartWaitForARestart() {
    AgentConfig before = files.valid(yaml("reload:", "  interval: 2s"));
    AgentConfig after = files.valid(yaml("strict: true", "reload:", "  interval: 5s"));

    SettingChanges.Changes changes = SettingChanges.between(Kinds.schema(), before, after);

    assertThat(changes.applied()).isEmpty();
    assertThat(changes.needRestart())
        .containsExactly("strict false -> true", "reload.interval 2s -> 5s");
  }

  @Test
  void anUnchangedConfigReportsNothing() {
    String same = yaml("logging:", "  level: debug", "pressure:", "  heap:", "    warn: 70%");

    SettingChanges.Changes changes =
        SettingChanges.between(Kinds.schema(), files.valid(same), files.valid(same));

    assertThat(changes.applied()).isEmpty();
    assertThat(changes.needRestart()).isEmpty();
  }
}
