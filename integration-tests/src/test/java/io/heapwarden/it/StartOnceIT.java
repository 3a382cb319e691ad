package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.HelloService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import org.junit.jupiter.api.Test;

/** Naming the agent twice starts it once. */
class StartOnceIT {

  @Test
  void secondJavaagentIsIgnored() {
    JvmResult result =
        AgentJvm.forMainClass(HelloService.class)
            .withAgentArgs("logging.level=info")
            .jvmArgs("-javaagent:" + ItEnvironment.agentJar() + "=logging.level=info")
            .recordJfr()
            .run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stderr()).containsOnlyOnce("already active in this JVM");
    assertThat(result.events("heapwarden.AgentStarted")).hasSize(1);
  }
}
