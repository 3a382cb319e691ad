package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.StatusService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar heapwarden-agent.jar status PID} against real JVMs: a service with the agent
 * (its MBean's figures after known evictions), one without, a process that is not a JVM, and a PID
 * with no process.
 */
class StatusIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final String RULES =
      """
      telemetry:
        interval: 200ms
      collections:
        - field: io.heapwarden.it.fixtures.StatusService.cache
          max-entries: 10
        - field: com.example.NeverLoaded.cache
          max-entries: 5
      singletons:
        - class: io.heapwarden.it.fixtures.StatusService$Model
      """;

  private static JvmResult status(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "status";
    System.arraycopy(args, 0, command, 1, args.length);
    return AgentJvm.forJar(ItEnvironment.agentJar()).args(command).run();
  }

  /** The agent registers its MBean one telemetry interval after start: asks until it is there. */
  private static JvmResult statusOnceRegistered(long pid, String... options) throws Exception {
    String[] args = new String[options.length + 1];
    args[0] = Long.toString(pid);
    System.arraycopy(options, 0, args, 1, options.length);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JvmResult result = status(args);
      if (result.exitCode() != 6 || System.nanoTime() > deadline) {
        return result;
      }
      Thread.sleep(200);
    }
  }

  @Test
  void statusPrintsTheRulesOfTheAgentInARunningService() throws Exception {
    AgentJvm jvm = AgentJvm.forMainClass(StatusService.class);
    jvm.withConfig(RULES);
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^ready$", WAIT);
      running.send("25");
      running.awaitOutput("^size=10 model=embedding$", WAIT);
      running.send("25");
      running.awaitOutput("^size=10 model=embedding$", WAIT);

      JvmResult table = statusOnceRegistered(running.pid());

      assertThat(table.exitCode()).as(table.output()).isZero();
      assertThat(table.stderr()).isEmpty();
      assertThat(table.stdout().lines())
          .hasSize(5)
          .first()
          .asString()
          .matches(
              "Heapwarden \\S+ in JVM "
                  + running.pid()
                  + ": active, pressure NORMAL, config .*heapwarden\\.yaml");
      assertThat(table.stdout())
          .containsPattern(
              "(?m)^ +0 +io\\.heapwarden\\.it\\.fixtures\\.StatusService\\.cache +COLLECTION +10"
                  + " +10 +1 +40 +0 +0 +0 +0 +yes +yes +max-entries 10$")
          .containsPattern(
              "(?m)^ +1 +com\\.example\\.NeverLoaded\\.cache +COLLECTION +5 +0 +0 +0 +0 +0 +0 +0"
                  + " +no +yes +max-entries 5$")
          .containsPattern(
              "(?m)^ +2 +io\\.heapwarden\\.it\\.fixtures\\.StatusService\\$Model +SINGLETON +- +-"
                  + " +- +0 +0 +1 +1 +0 +yes +yes$");

      JvmResult json = statusOnceRegistered(running.pid(), "--json");

      assertThat(json.exitCode()).as(json.output()).isZero();
      assertThat(json.stdout().strip())
          .startsWith("{\"pid\":" + running.pid() + ",\"version\":\"")
          .contains(
              "\"active\":true,",
              "\"pressureLevel\":\"NORMAL\",",
              "{\"id\":0,\"kind\":\"COLLECTION\","
                  + "\"target\":\"io.heapwarden.it.fixtures.StatusService.cache\",\"bound\":10,"
                  + "\"limits\":\"max-entries 10\",\"size\":10,\"collections\":1,"
                  + "\"evictions\":40,\"trims\":0,\"created\":0,\"reuses\":0,\"failures\":0,"
                  + "\"enabled\":true,\"matched\":true}",
              "\"target\":\"com.example.NeverLoaded.cache\",\"bound\":5,"
                  + "\"limits\":\"max-entries 5\",\"size\":0,\"collections\":0,\"evictions\":0,"
                  + "\"trims\":0,\"created\":0,\"reuses\":0,\"failures\":0,"
                  + "\"enabled\":true,\"matched\":false}",
              "\"kind\":\"SINGLETON\",\"target\":\"io.heapwarden.it.fixtures.StatusService$Model\","
                  + "\"bound\":-1,\"limits\":\"\",\"size\":-1,\"collections\":-1,\"evictions\":0,"
                  + "\"trims\":0,\"created\":1,\"reuses\":1,\"failures\":0,"
                  + "\"enabled\":true,\"matched\":true}")
          .endsWith("]}");
      assertThat(running.stderr() + running.stdout()).doesNotContain(" ERROR ", " WARN ");
    }
  }

  @Test
  void jmxLoadsOnlyAfterMainAndNotAtAllWithTheMBeanOff() throws Exception {
    AgentJvm on = AgentJvm.forMainClass(StatusService.class);
    on.withConfig(RULES);
    Path onLog = on.workspace().dir().resolve("classes.log");
    on.jvmArgs("-Xlog:class+load=info:file=" + onLog);
    try (RunningJvm running = on.start()) {
      running.awaitOutput("^ready$", WAIT);
      JvmResult status = statusOnceRegistered(running.pid());
      assertThat(status.exitCode()).as(status.output()).isZero();
      List<String> loaded = Files.readAllLines(onLog);
      int main = indexOf(loaded, " io.heapwarden.it.fixtures.StatusService ");
      int firstJmx = indexOf(loaded, " javax.management.");
      assertThat(main).as("the main class is loaded").isNotNegative();
      assertThat(firstJmx).as("JMX is loaded, for the MBean").isGreaterThan(main);
    }

    AgentJvm off = AgentJvm.forMainClass(StatusService.class);
    off.withConfig(RULES.replace("interval: 200ms", "interval: 200ms\n  mbean: false"));
    Path offLog = off.workspace().dir().resolve("classes.log");
    off.jvmArgs("-Xlog:class+load=info:file=" + offLog);
    try (RunningJvm running = off.start()) {
      running.awaitOutput("^ready$", WAIT);
      running.send("25");
      running.awaitOutput("^size=10 model=embedding$", WAIT);
      Thread.sleep(1000); // five telemetry intervals: the MBean would be there by now

      JvmResult status = status(Long.toString(running.pid()));

      assertThat(status.exitCode()).as(status.output()).isEqualTo(6);
      running.send("25");
      running.awaitOutput("^size=10 model=embedding$", WAIT);
    }
    // status started the JVM's own JMX agent (startLocalManagementAgent) just now; before that,
    // nothing of the agent loaded JMX. The log is read after that point was passed, so count the
    // JMX classes loaded before the first one of the JVM's management agent.
    List<String> loaded = Files.readAllLines(offLog);
    int managementAgent = indexOf(loaded, " jdk.internal.agent.");
    int firstJmx = indexOf(loaded, " javax.management.");
    assertThat(managementAgent).as("status started the JVM's local JMX agent").isNotNegative();
    assertThat(firstJmx).as("no JMX before status asked for it").isGreaterThan(managementAgent);
  }

  private static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aJvmWithoutTheAgentHasNoMBeanAndStatusSaysHowToAddIt() throws Exception {
    try (RunningJvm running = AgentJvm.forMainClass(StatusService.class).start()) {
      running.awaitOutput("^ready$", WAIT);

      JvmResult result = status(Long.toString(running.pid()));

      assertThat(result.exitCode()).as(result.output()).isEqualTo(6);
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr().strip())
          .isEqualTo(
              "heapwarden status: JVM "
                  + running.pid()
                  + " has no Heapwarden agent (no MBean io.heapwarden:type=Agent); start it with"
                  + " -javaagent:heapwarden-agent.jar=config=heapwarden.yaml or attach the agent"
                  + " (VirtualMachine.loadAgent). An agent registers the MBean one"
                  + " telemetry.interval after its start (10 s by default), and not with"
                  + " telemetry.mbean: false");
      running.send("5");
      running.awaitOutput("^size=5 model=embedding$", WAIT); // the service carries on
    }
  }

  @Test
  void aProcessThatIsNotAJvmIsNamedAndLeftAlone() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "60").start();
    try {
      JvmResult result = status(Long.toString(sleep.pid()));

      assertThat(result.exitCode()).as(result.output()).isEqualTo(4);
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr().strip())
          .matches(
              "heapwarden status: process "
                  + sleep.pid()
                  + " \\(.*sleep\\) is not a JVM the attach API can see: not Java, or a JVM of"
                  + " another user or started with -XX:-UsePerfData");
      assertThat(sleep.isAlive()).as("no SIGQUIT sent to it").isTrue();
    } finally {
      sleep.destroy();
    }
  }

  @Test
  void aPidWithNoProcessSaysSo() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();

    JvmResult result = status(Long.toString(ended.pid()));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    assertThat(result.stderr().strip())
        .isEqualTo("heapwarden status: no process with PID " + ended.pid());
  }

  @Test
  void aMissingOrNonNumericPidIsAUsageError() {
    JvmResult missing = status();
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr().strip())
        .isEqualTo(
            "heapwarden status: expected the PID of a running JVM (jps lists them); usage: status"
                + " PID [--json]");

    JvmResult word = status("my-service");
    assertThat(word.exitCode()).isEqualTo(2);
    assertThat(word.stderr().strip())
        .isEqualTo(
            "heapwarden status: 'my-service' is not a PID (a positive number; jps lists the JVMs)");
  }
}
