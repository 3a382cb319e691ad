package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.examples.chat.ChatService;
import io.heapwarden.examples.chat.LoadDriver;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * The example service reproduces the seeds' failure: on a small heap, under the demo's load, it
 * dies of OutOfMemoryError. With the agent and the example config it runs unchanged.
 */
class ChatServiceIT {
  private static final Path EXAMPLE_CONFIG =
      ItEnvironment.codeSource(ChatService.class)
          .getParent()
          .getParent()
          .resolve("heapwarden.yaml");

  private static AgentJvm service() {
    return AgentJvm.forMainClass(ChatService.class)
        .jvmArgs("-Xmx96m", "-XX:+ExitOnOutOfMemoryError")
        .args("--port", "0");
  }

  private static JvmResult drive(int port, String... load) {
    String[] args = new String[load.length + 2];
    args[0] = "--port";
    args[1] = Integer.toString(port);
    System.arraycopy(load, 0, args, 2, load.length);
    return AgentJvm.forMainClass(LoadDriver.class).args(args).run(Duration.ofSeconds(120));
  }

  private static int awaitPort(RunningJvm service) {
    Matcher listening =
        service.awaitOutput("chat-service listening on port (\\d+)", Duration.ofSeconds(30));
    return Integer.parseInt(listening.group(1));
  }

  /** A third of the demo's load: enough to kill the service without the agent, quick with it. */
  private static final String[] LOAD = {"--requests", "3000", "--clients", "3000"};

  @Test
  void withoutTheAgentTheServiceDiesOfOutOfMemoryUnderTheLoad() {
    try (RunningJvm service = service().start()) {
      JvmResult load = drive(awaitPort(service), LOAD);
      JvmResult died = service.awaitExit(Duration.ofSeconds(60));

      assertThat(died.exitCode()).as(died.output()).isEqualTo(3);
      assertThat(died.stdout() + died.stderr())
          .as(died.output())
          .contains("Terminating due to java.lang.OutOfMemoryError: Java heap space");
      assertThat(load.exitCode()).as(load.output()).isEqualTo(1);
      // the driver stops at the first refused connection, short of the 3000 it would send
      assertThat(load.stdout()).containsPattern("load: requests=\\d{1,4} ok=\\d+ .* service=down");
      assertThat(load.stdout()).doesNotContain("load: requests=3000");
    }
  }

  @Test
  void withTheAgentTheSameLoadIsServedOnABoundedHeap() {
    AgentJvm jvm = service().withAgentArgs("config=" + EXAMPLE_CONFIG).recordJfr();
    try (RunningJvm service = jvm.start()) {
      JvmResult load = drive(awaitPort(service), LOAD);
      JvmResult stopped = service.stop(Duration.ofSeconds(30));

      assertThat(load.exitCode()).as(load.output()).isZero();
      assertThat(load.stdout())
          .containsPattern("load: requests=3000 ok=3000 failed=0 .* service=up");
      assertThat(stopped.stdout() + stopped.stderr()).doesNotContain("OutOfMemoryError");
      long evicted =
          stopped.events("heapwarden.RuleActivity").stream()
              .filter(e -> e.getString("action").equals("EVICTED"))
              .mapToLong(e -> e.getLong("count"))
              .sum();
      assertThat(evicted).as("evictions recorded in JFR").isPositive();
      assertThat(stopped.events("heapwarden.RuleFailed")).isEmpty();
      assertThat(stopped.events("heapwarden.TransformFailed")).isEmpty();
    }
  }

  @Test
  void withTheAgentAndTheExampleConfigALightLoadIsServedUnchanged() {
    AgentJvm jvm = service().withAgentArgs("config=" + EXAMPLE_CONFIG).recordJfr();
    try (RunningJvm service = jvm.start()) {
      JvmResult load =
          drive(awaitPort(service), "--requests", "300", "--sessions", "50", "--clients", "30");
      JvmResult stopped = service.stop(Duration.ofSeconds(30));

      assertThat(load.exitCode()).as(load.output()).isZero();
      assertThat(load.stdout()).containsPattern("load: requests=300 ok=300 failed=0");
      assertThat(stopped.agentLines())
          .as(stopped.output())
          .noneMatch(line -> line.contains(" ERROR "));
      // every rule of the example config is applied: nothing to warn about
      assertThat(stopped.agentLines()).noneMatch(line -> line.contains(" WARN "));
      RecordedEvent started = stopped.events("heapwarden.AgentStarted").get(0);
      assertThat(started.getInt("ruleCount")).isEqualTo(4);
      assertThat(started.getString("configSource")).endsWith("heapwarden.yaml");
    }
  }
}
