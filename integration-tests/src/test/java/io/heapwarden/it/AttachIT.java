package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import io.heapwarden.it.fixtures.AttachTarget;
import io.heapwarden.it.fixtures.LateAttachedCache;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The agent attached to a running JVM (agentmain) starts the same way, and only once; a later
 * attach reconfigures it.
 */
class AttachIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** One rule on a class the service never loads: the agent starts, and rewrites nothing. */
  private static final String ONE_RULE =
      """
      collections:
        - field: com.example.NeverLoaded.cache
          max-entries: 10
      """;

  private static void attach(long pid, String arguments) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    try {
      vm.loadAgent(ItEnvironment.agentJar().toString(), arguments);
    } finally {
      vm.detach();
    }
  }

  @Test
  void attachingStartsTheAgentOnceInARunningServiceAndAgainReconfiguresIt() throws Exception {
    AgentJvm jvm = AgentJvm.forMainClass(AttachTarget.class).args("30");
    Path config = jvm.writeConfig(ONE_RULE);
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^probe: .* heapwarden-bootstrap=missing$", WAIT);

      attach(running.pid(), "config=" + config);
      running.awaitOutput("^probe: .* heapwarden-bootstrap=boot$", WAIT);
      running.awaitOutput("\\[heapwarden\\] INFO started in \\d+ ms with 1 rule ", WAIT);

      attach(running.pid(), "config=" + config);
      running.awaitOutput("INFO attached again: " + config + " in force", WAIT);

      assertThat(running.stderr() + running.stdout())
          .containsOnlyOnce("[heapwarden] INFO started in")
          .doesNotContain(" ERROR ");
    }
  }

  @Test
  void anAttachWhoseConfigIsRejectedLeavesTheAgentToTheNextAttach() throws Exception {
    AgentJvm jvm = AgentJvm.forMainClass(AttachTarget.class).args("30");
    Path config = jvm.writeConfig(ONE_RULE);
    Path missing = config.resolveSibling("missing.yaml");
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^probe: .* heapwarden-bootstrap=missing$", WAIT);

      attach(running.pid(), "config=" + missing);
      running.awaitOutput(
          "ERROR invalid configuration, the agent stays inactive: .*missing\\.yaml", WAIT);

      attach(running.pid(), "config=" + config);
      running.awaitOutput("\\[heapwarden\\] INFO started in \\d+ ms with 1 rule ", WAIT);

      attach(running.pid(), "config=" + config);
      running.awaitOutput("INFO attached again: " + config + " in force", WAIT);
      assertThat(running.stderr() + running.stdout())
          .containsOnlyOnce("[heapwarden] INFO started in");
    }
  }

  @Test
  void attachingRewritesClassesTheServiceLoadedBeforehand() throws Exception {
    AgentJvm jvm = AgentJvm.forMainClass(LateAttachedCache.class);
    Path config =
        jvm.writeConfig(
            """
            collections:
              - field: io.heapwarden.it.fixtures.LateAttachedCache.entries
                max-entries: 10
            """);
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^before attach: size=1000$", WAIT);

      attach(running.pid(), "config=" + config);
      running.awaitOutput(
          "INFO attached: rewrote 1 of 1 already-loaded classes that mention a rule target", WAIT);
      running.send("again");
      running.awaitOutput("^after attach: size=10$", WAIT);

      assertThat(running.stderr() + running.stdout()).doesNotContain(" ERROR ", " WARN ");
    }
  }
}
