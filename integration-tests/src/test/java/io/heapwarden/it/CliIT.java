package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code java -jar heapwarden-agent.jar ...} from the deliverable jar. */
class CliIT {

  private static AgentJvm cli(String... args) {
    return AgentJvm.forJar(ItEnvironment.agentJar()).args(args);
  }

  @Test
  void checkAcceptsAValidFileAndPrintsItsRules() {
    AgentJvm jvm = cli();
    Path config =
        jvm.writeConfig(
            """
            collections:
              - field: com.example.Cache.entries
                max-entries: 500
            """);
    JvmResult result = cli("check", config.toString()).run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("OK", "com.example.Cache.entries", "500");
  }

  @Test
  void checkRejectsABadFileWithItsPosition() {
    AgentJvm jvm = cli();
    Path config =
        jvm.writeConfig("collections:\n  - field: com.example.Cache.entries\n    max-entrie: 5\n");
    JvmResult result = cli("check", config.toString()).run();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.stderr()).contains("heapwarden.yaml:3:5", "max-entrie", "max-entries");
  }

  @Test
  void versionAndHelp() {
    assertThat(cli("--version").run().stdout()).startsWith("heapwarden 0.1.0");
    JvmResult help = cli("--help").run();
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout()).contains("check");
    assertThat(cli().run().exitCode()).isEqualTo(2);
  }
}
