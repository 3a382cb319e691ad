package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.heapwarden.it.fixtures.LeakingService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.RunningJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar heapwarden-agent.jar attach|detach|list} from the deliverable jar, against an
 * unmodified service that has already leaked: its collections shrink to their bounds without a
 * restart, grow again after a detach, and take new bounds from a second attach. Each error case has
 * one line and its own exit status.
 */
class AttachCommandIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String NAME = "fixtures.LeakingService";
  private static final String BOUNDS =
      """
      collections:
        - field: io.heapwarden.it.fixtures.LeakingService.responses
          max-entries: 100
        - field: io.heapwarden.it.fixtures.LeakingService.events
          max-entries: 50
        - field: io.heapwarden.it.fixtures.LeakingService.audit
          max-entries: 20
      """;

  private static JvmResult cli(String... args) {
    return AgentJvm.forJar(ItEnvironment.agentJar()).args(args).run(Duration.ofSeconds(90));
  }

  private static AgentJvm service() {
    return AgentJvm.forMainClass(LeakingService.class);
  }

  private static RunningJvm started(AgentJvm jvm) {
    RunningJvm running = jvm.start();
    running.awaitOutput("^ready$", WAIT);
    return running;
  }

  /** Serves {@code requests} requests under {@code label} and returns the sizes it printed. */
  private static String serve(RunningJvm running, String label, int requests) {
    running.send(label + " " + requests);
    return running.awaitOutput("^" + label + ": (.*)$", WAIT).group(1);
  }

  private static Path write(Path config, String name, String yaml) throws IOException {
    return Files.writeString(config.resolveSibling(name), yaml, StandardCharsets.UTF_8);
  }

  @Test
  void attachBoundsWhatTheServiceLeakedDetachLetsItGrowAndASecondAttachReconfigures()
      throws IOException {
    AgentJvm jvm = service();
    Path config = jvm.writeConfig(BOUNDS);
    try (RunningJvm running = started(jvm)) {
      String pid = Long.toString(running.pid());
      assertThat(serve(running, "leaked", 1000)).isEqualTo("responses=1000 events=1000 audit=1000");

      JvmResult attach = cli("attach", pid, "--config", config.toString());
      assertThat(attach.exitCode()).as(attach.output()).isZero();
      assertThat(attach.stdout())
          .contains(
              "heapwarden: JVM " + pid + ": attached: rewrote 1 of 1 already-loaded classes",
              "3 ruled fields bound what they held before on their next read");
      assertThat(serve(running, "attached", 1)).isEqualTo("responses=100 events=50 audit=20");

      JvmResult detach = cli("detach", pid);
      assertThat(detach.exitCode()).as(detach.output()).isZero();
      assertThat(detach.stdout()).contains("detached: 3 rules off");
      assertThat(serve(running, "detached", 500)).isEqualTo("responses=600 events=550 audit=520");

      Path tighter =
          write(config, "tighter.yaml", BOUNDS.replaceAll("max-entries: \\d+", "max-entries: 10"));
      JvmResult again = cli("attach", NAME, "--config", tighter.toString());
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.stdout()).contains("attached again: " + tighter, "rules back on");
      assertThat(serve(running, "again", 1)).isEqualTo("responses=10 events=10 audit=10");

      assertThat(running.stderr()).doesNotContain(" ERROR ", " WARN ", "Exception");
    }
  }

  @Test
  void listShowsEachJvmWithWhetherHeapwardenIsInIt() {
    AgentJvm jvm = service();
    Path config = jvm.writeConfig(BOUNDS);
    try (RunningJvm running = started(jvm)) {
      String row = "(?m)^" + running.pid() + " +\\d+ +%s +" + LeakingService.class.getName() + "$";
      JvmResult before = cli("list");
      assertThat(before.exitCode()).as(before.output()).isZero();
      assertThat(before.stdout()).containsPattern(String.format(row, "no"));

      assertThat(
              cli("attach", Long.toString(running.pid()), "--config", config.toString()).exitCode())
          .isZero();
      assertThat(cli("list").stdout()).containsPattern(String.format(row, "active"));
    }
  }

  @Test
  void jcmdLoadsTheAgentWithABareConfigPathAndSplitsAnUnquotedConfigArgument() throws Exception {
    AgentJvm jvm = service();
    Path config = jvm.writeConfig(BOUNDS);
    Path jcmd = ItEnvironment.java().resolveSibling("jcmd");
    try (RunningJvm running = started(jvm)) {
      String pid = Long.toString(running.pid());
      serve(running, "leaked", 300);

      String split =
          run(
              jcmd.toString(),
              pid,
              "JVMTI.agent_load",
              ItEnvironment.agentJar().toString(),
              "config=" + config);
      assertThat(split).contains("return code: 0");
      running.awaitOutput(
          "ERROR invalid configuration, the agent stays inactive: agent argument 'config': expected key=value",
          WAIT);

      String bare =
          run(
              jcmd.toString(),
              pid,
              "JVMTI.agent_load",
              ItEnvironment.agentJar().toString(),
              config.toString());
      assertThat(bare).contains("return code: 0");
      running.awaitOutput("INFO attached: rewrote 1 of 1 already-loaded classes", WAIT);
      assertThat(serve(running, "attached", 1)).isEqualTo("responses=100 events=50 audit=20");
    }
  }

  @Test
  void eachErrorHasOneLineAndItsOwnExitStatus() throws Exception {
    AgentJvm jvm = service();
    Path config = jvm.writeConfig(BOUNDS);
    String cfg = config.toString();

    Process exited = new ProcessBuilder("true").start();
    exited.waitFor(10, TimeUnit.SECONDS);
    assertFails(
        cli("attach", Long.toString(exited.pid()), "--config", cfg),
        3,
        "heapwarden attach: no process with PID " + exited.pid());

    Process sleep = new ProcessBuilder("sleep", "60").start();
    try {
      assertFails(
          cli("attach", Long.toString(sleep.pid()), "--config", cfg),
          4,
          "heapwarden attach: process " + sleep.pid() + " (");
      assertThat(sleep.isAlive()).as("not signalled").isTrue();
    } finally {
      sleep.destroyForcibly();
    }

    assertFails(
        cli("attach", "NoSuchServiceAnywhere", "--config", cfg),
        3,
        "heapwarden attach: no running JVM of this user has a main class or jar that contains");

    Path invalid =
        write(config, "invalid.yaml", "collections:\n  - field: a.B.c\n    max-entrie: 5\n");
    assertFails(cli("attach", "1", "--config", invalid.toString()), 1, "max-entrie");

    try (RunningJvm refusing = started(service().jvmArgs("-XX:+DisableAttachMechanism"))) {
      assertFails(
          cli("attach", Long.toString(refusing.pid()), "--config", cfg),
          5,
          "was started with -XX:+DisableAttachMechanism and refuses every attach");
      assertFails(cli("detach", Long.toString(refusing.pid())), 5, "-XX:+DisableAttachMechanism");
    }

    try (RunningJvm plain = started(service())) {
      assertFails(cli("detach", Long.toString(plain.pid())), 6, "has no Heapwarden agent");
    }
  }

  @Test
  void aNameMatchingTwoJvmsListsBothAndExitsWith8() {
    AgentJvm first = service();
    Path config = first.writeConfig(BOUNDS);
    try (RunningJvm one = started(first);
        RunningJvm two = started(service())) {
      JvmResult result = cli("attach", NAME, "--config", config.toString());

      assertFails(result, 8, "'" + NAME + "' matches 2 JVMs");
      assertThat(result.stderr())
          .contains(
              one.pid() + "  " + LeakingService.class.getName(),
              two.pid() + "  " + LeakingService.class.getName());
      assertThat(one.stderr() + two.stderr()).doesNotContain("[heapwarden]");
    }
  }

  @Test
  void fromJava21TheWarningIsExplainedAndAJvmRefusingDynamicAgentsIsNamed() {
    assumeTrue(ItEnvironment.javaFeatureVersion() >= 21, "JEP 451 is Java 21's");
    AgentJvm jvm = service();
    Path config = jvm.writeConfig(BOUNDS);
    try (RunningJvm plain = started(jvm);
        RunningJvm allowing = started(service().jvmArgs("-XX:+EnableDynamicAgentLoading"));
        RunningJvm refusing = started(service().jvmArgs("-XX:-EnableDynamicAgentLoading"))) {
      JvmResult warned = cli("attach", Long.toString(plain.pid()), "--config", config.toString());
      assertThat(warned.exitCode()).as(warned.output()).isZero();
      assertThat(warned.stderr()).contains("(JEP 451)", "-XX:+EnableDynamicAgentLoading");
      plain.awaitOutput("WARNING: A Java agent has been loaded dynamically", WAIT);

      JvmResult quiet = cli("attach", Long.toString(allowing.pid()), "--config", config.toString());
      assertThat(quiet.exitCode()).as(quiet.output()).isZero();
      assertThat(quiet.stderr()).doesNotContain("JEP 451");
      allowing.awaitOutput("INFO attached: rewrote", WAIT);
      assertThat(allowing.stderr()).doesNotContain("WARNING: A Java agent");

      assertFails(
          cli("attach", Long.toString(refusing.pid()), "--config", config.toString()),
          5,
          "refuses agents loaded at run time (it runs with -XX:-EnableDynamicAgentLoading)");
    }
  }

  private static void assertFails(JvmResult result, int exitCode, String message) {
    assertThat(result.exitCode()).as(result.output()).isEqualTo(exitCode);
    assertThat(result.stderr()).as(result.output()).contains(message);
    assertThat(result.stdout()).isEmpty();
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output;
  }
}
