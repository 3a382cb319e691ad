package io.heapwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapwardenCliTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return HeapwardenCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path write(String name, String yaml) throws Exception {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void checkPrintsOkAndTheEffectiveConfigForAValidFile() throws Exception {
    Path file =
        write(
            "heapwarden.yaml",
            "strict: true\ninstances:\n  - class: com.example.Connection\n    max-live: 5\n");

    int status = run("check", file.toString());

    assertThat(status).isEqualTo(0);
    assertThat(err()).isEmpty();
    assertThat(out())
        .isEqualTo(
            String.join(
                "\n",
                "OK " + file,
                "# effective configuration: defaults filled in, overrides not applied",
                "strict: true",
                "logging:",
                "  level: info  # default",
                "  lines-per-minute: 20  # default",
                "telemetry:",
                "  interval: 10s  # default",
                "  jfr: true  # default",
                "  micrometer: true  # default",
                "  mbean: true  # default",
                "  not-matched-after: 1m  # default",
                "reload:",
                "  watch: true  # default",
                "  interval: 2s  # default",
                "collections: []",
                "singletons: []",
                "instances:",
                "  - class: com.example.Connection  # " + file + ":3:5",
                "    max-live: 5",
                "sessions: []",
                ""));
  }

  @Test
  void checkPrintsEachProblemOnStandardErrorAndExitsWithOne() throws Exception {
    Path file =
        write(
            "bad.yaml",
            "logging:\n  level: loud\ncollections:\n  - field: a.B.c\n    max-entries: 0\n");

    int status = run("check", file.toString());

    assertThat(status).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err())
        .isEqualTo(
            file
                + ":2:10: logging.level: must be one of off, error, warn, info, debug, got"
                + " 'loud'\n"
                + file
                + ":5:18: collections[0].max-entries: must be a positive whole number, got 0"
                + " (hint: remove the key to leave the limit unset)\n");
  }

  @Test
  void checkNamesTheFileAsGiven() {
    int status = run("check", "no/such/heapwarden.yaml");

    assertThat(status).isEqualTo(1);
    assertThat(err())
        .startsWith(
            "no/such/heapwarden.yaml: cannot read the config file: no such file (hint: the path"
                + " resolves to ");
  }

  @Test
  void checksTheExampleServiceConfig() {
    int status = run("check", "../examples/chat-service/heapwarden.yaml");

    assertThat(err()).isEmpty();
    assertThat(status).isEqualTo(0);
    assertThat(out())
        .startsWith("OK ../examples/chat-service/heapwarden.yaml\n")
        .contains("  - field: io.heapwarden.examples.chat.EventHub.queues");
  }

  @Test
  void checkNeedsExactlyOneFile() {
    assertThat(run("check")).isEqualTo(2);
    assertThat(err()).startsWith("heapwarden check: expected one FILE, got 0 arguments\nUsage: ");

    err.reset();
    assertThat(run("check", "a.yaml", "b.yaml")).isEqualTo(2);
    assertThat(err()).startsWith("heapwarden check: expected one FILE, got 2 arguments\n");
  }

  @Test
  void helpPrintsUsageOnStandardOutput() {
    assertThat(run("--help")).isEqualTo(0);
    assertThat(run("-h")).isEqualTo(0);
    assertThat(out()).isEqualTo(HeapwardenCli.USAGE + HeapwardenCli.USAGE);
    assertThat(HeapwardenCli.USAGE)
        .startsWith("Usage: java -jar heapwarden-agent.jar <command> [arguments]\n")
        .contains("  check FILE ");
    assertThat(err()).isEmpty();
  }

  @Test
  void versionPrintsTheVersionFromTheJar() throws Exception {
    java.util.Properties properties = new java.util.Properties();
    try (var in = HeapwardenCli.class.getResourceAsStream(HeapwardenCli.VERSION_RESOURCE)) {
      properties.load(in);
    }
    String version = properties.getProperty("version");

    assertThat(run("--version")).isEqualTo(0);

    assertThat(version).isNotBlank().doesNotContain("${");
    assertThat(out()).isEqualTo("heapwarden " + version + "\n");
  }

  @Test
  void noArgumentsPrintUsageOnStandardErrorAndExitWithTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err()).isEqualTo(HeapwardenCli.USAGE);
  }

  @Test
  void anUnknownCommandPrintsUsageOnStandardErrorAndExitsWithTwo() {
    assertThat(run("inject")).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err()).isEqualTo("heapwarden: unknown command 'inject'\n" + HeapwardenCli.USAGE);
  }

  @Test
  void attachWithoutATargetIsAUsageErrorOnOneLine() {
    assertThat(run("attach", "--config", "hw.yaml")).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err())
        .isEqualTo(
            "heapwarden attach: expected the PID or name of a running JVM ('list' shows them);"
                + " usage: attach PID|NAME --config FILE\n");
  }
}
