package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.HelloService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import org.junit.jupiter.api.Test;

/** With strict: true an invalid config stops the JVM before main, with exit status 78. */
class StrictModeIT {
  private static final int EX_CONFIG = 78;

  @Test
  void strictConfigStopsTheJvmBeforeMain() {
    JvmResult result =
        AgentJvm.forMainClass(HelloService.class)
            .withConfig(
                """
                strict: true
                collections:
                  - field: com.example.Cache.entries
                    max-entries: ten
                """)
            .run();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(EX_CONFIG);
    assertThat(result.stdout()).doesNotContain("hello from main");
    assertThat(result.stderr()).contains("heapwarden.yaml:4:18", "collections[0].max-entries");
  }

  @Test
  void strictAsSystemPropertyAppliesToABrokenFile() {
    JvmResult result =
        AgentJvm.forMainClass(HelloService.class)
            .withConfig("logging: { level: loud }\n")
            .jvmArgs("-Dheapwarden.strict=true")
            .run();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(EX_CONFIG);
    assertThat(result.stderr()).contains("logging.level");
  }

  @Test
  void strictWithAValidConfigRunsTheService() {
    JvmResult result = AgentJvm.forMainClass(HelloService.class).withConfig("strict: true\n").run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("hello from main");
  }
}
