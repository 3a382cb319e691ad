package io.heapwarden.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.cli.HeapwardenCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code status}'s command line through the CLI: each mistake gets one line on stderr and its exit
 * status, and nothing on stdout. Attaching to real JVMs is {@code StatusIT}'s.
 */
class StatusCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return HeapwardenCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMissingPidIsAUsageError() {
    assertThat(run("status")).isEqualTo(StatusCommand.EXIT_USAGE);
    assertThat(err())
        .isEqualTo(
            "heapwarden status: expected the PID of a running JVM (jps lists them); usage: status"
                + " PID [--json]\n");
    assertThat(out.size()).isZero();
  }

  @Test
  void aPidThatIsNotAPositiveNumberIsAUsageError() {
    assertThat(run("status", "abc")).isEqualTo(StatusCommand.EXIT_USAGE);
    assertThat(run("status", "0", "--json")).isEqualTo(StatusCommand.EXIT_USAGE);
    assertThat(err())
        .isEqualTo(
            "heapwarden status: 'abc' is not a PID (a positive number; jps lists the JVMs)\n"
                + "heapwarden status: '0' is not a PID (a positive number; jps lists the JVMs)\n");
    assertThat(out.size()).isZero();
  }

  @Test
  void anUnknownOptionOrASecondPidIsAUsageError() {
    assertThat(run("status", "12", "--yaml")).isEqualTo(StatusCommand.EXIT_USAGE);
    assertThat(run("status", "12", "13")).isEqualTo(StatusCommand.EXIT_USAGE);
    assertThat(err().lines())
        .containsExactly(
            "heapwarden status: unexpected argument '--yaml'; usage: status PID [--json]",
            "heapwarden status: unexpected argument '13'; usage: status PID [--json]");
  }

  @Test
  void aPidWithNoProcessSaysSo() {
    long pid = Long.MAX_VALUE; // beyond any pid_max
    assertThat(ProcessHandle.of(pid)).isEmpty();

    assertThat(run("status", Long.toString(pid))).isEqualTo(StatusCommand.EXIT_NO_PROCESS);
    assertThat(err()).isEqualTo("heapwarden status: no process with PID " + pid + "\n");
    assertThat(out.size()).isZero();
  }

  @Test
  void theUsageListsTheCommandAndItsExitStatuses() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("status PID [--json]", "3 (no such process)", "6 (no Heapwarden agent)");
  }
}
