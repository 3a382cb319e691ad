package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.HelloService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import org.junit.jupiter.api.Test;

/** By default a bad config costs the service nothing: one ERROR line, and the agent stays out. */
class FailOpenIT {

  @Test
  void invalidConfigLogsOneErrorAndTheServiceRuns() {
    JvmResult result =
        AgentJvm.forMainClass(HelloService.class)
            .withConfig(
                """
                collections:
                  - field: com.example.Cache.entries
                    max-entries: 0
                """)
            .run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("hello from main");
    assertThat(result.agentLines()).as(result.output()).hasSize(1);
    assertThat(result.agentLines().get(0))
        .contains("[heapwarden] ERROR", "heapwarden.yaml:3:18", "collections[0].max-entries");
  }

  @Test
  void missingConfigFileLogsOneErrorAndTheServiceRuns() {
    JvmResult result =
        AgentJvm.forMainClass(HelloService.class)
            .withAgentArgs("config=/no/such/heapwarden.yaml")
            .run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("hello from main");
    assertThat(result.agentLines()).as(result.output()).hasSize(1);
    assertThat(result.agentLines().get(0))
        .contains("[heapwarden] ERROR", "/no/such/heapwarden.yaml");
  }
}
