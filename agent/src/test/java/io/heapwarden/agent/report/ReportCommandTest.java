package io.heapwarden.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report FILE} on recordings made in this JVM with the agent's own event classes. */
class ReportCommandTest {
  private static final long MIB = 1024 * 1024;

  @TempDir Path dir;

  private final Console console = new Console();

  private int report(Path file) {
    return ReportCommand.run(file.toString(), console.out, console.err);
  }

  private String out() {
    return console.stdout();
  }

  private String err() {
    return console.stderr();
  }

  @Test
  void sumsEachRulesActivityByActionAndKeepsItsLatestBoundAndSize() {
    Path file;
    try (TestRecording recording = new TestRecording()) {
      recording
          .commit(
              "AgentStarted",
              "startupDuration",
              38_000_000L,
              "ruleCount",
              3,
              "configSource",
              "/etc/report-test/heapwarden.yaml")
          .activity("report.test.Cache.entries", "COLLECTION", "EVICTED", 1200, 500, 500)
          .activity("report.test.Cache.entries", "COLLECTION", "EVICTED", 34, 480, 500)
          .activity("report.test.Cache.entries", "COLLECTION", "TRIMMED", 3, 480, 500)
          .activity("report.test.Client.model", "SINGLETON", "CREATED", 1, -1, -1)
          .activity("report.test.Client.model", "SINGLETON", "REUSED", 70, -1, -1)
          .activity("report.test.Client.model", "SINGLETON", "REUSED", 29, -1, -1);
      file = recording.dump(dir.resolve("activity.jfr"));
    }

    assertThat(report(file)).as(err()).isZero();
    assertThat(out())
        .contains("Agent: started in 38.0 ms with 3 rules from /etc/report-test/heapwarden.yaml");
    assertThat(row("report.test.Cache.entries"))
        .containsExactly("COLLECTION", "500", "480", "500", "1234", "3", "0", "0", "0");
    assertThat(row("report.test.Client.model"))
        .containsExactly("SINGLETON", "-", "-", "-", "0", "0", "1", "99", "0");
    assertThat(err()).isEmpty();
  }

  /** The columns after the rule's name in its row of the rules table. */
  private String[] row(String rule) {
    for (String line : out().split("\n")) {
      String[] cells = line.trim().split("\\s+");
      if (cells[0].equals(rule)) {
        return Arrays.copyOfRange(cells, 1, cells.length);
      }
    }
    throw new AssertionError("no row for " + rule + " in\n" + out());
  }

  @Test
  void sumsSessionEvictionsPerRuleAndReason() {
    Path file;
    try (TestRecording recording = new TestRecording()) {
      recording
          .sessions("report.test.Chat.histories", "capacity", 40, 90, 2, 3 * MIB)
          .sessions("report.test.Chat.histories", "capacity", 2, 30, 5, MIB)
          .sessions("report.test.Chat.histories", "idle", 7, 1, 1, 1024)
          .commit("SessionEvicted", "rule", "report.test.Chat.histories", "reason", "idle");
      file = recording.dump(dir.resolve("sessions.jfr"));
    }

    assertThat(report(file)).as(err()).isZero();
    assertThat(out())
        .contains("Sessions evicted: 49")
        .contains(
            "  report.test.Chat.histories (capacity): 42, oldest 90.0 s, longest idle 5.0 s,"
                + " about 4.0 MiB")
        .contains(
            "  report.test.Chat.histories (idle): 7, oldest 1.0 s, longest idle 1.0 s, about"
                + " 1.0 KiB")
        .contains("Agent: no heapwarden.AgentStarted event");
  }

  @Test
  void groupsPressureStepsIntoEpisodesWithWhatEachNudgeFreed() {
    Path file;
    try (TestRecording recording = new TestRecording()) {
      recording
          .pressure("NORMAL", "WARN", 70, -1, -1)
          .pressure("WARN", "CRITICAL", 90, -1, -1)
          .commit("EmergencyTrim", "collections", 2, "sessions", 1, "dropped", 1500L, "deferred", 1)
          .nudge("DiagnosticCommand GC.run", 90 * MIB, 50 * MIB, 200 * MIB, 180 * MIB, 45, "off")
          .pressure("CRITICAL", "NORMAL", 40, -1, -1)
          .pressure("NORMAL", "WARN", 80, -1, -1)
          .nudge("System.gc", 80 * MIB, 78 * MIB, -1, -1, 5, "unsupported");
      file = recording.dump(dir.resolve("pressure.jfr"));
    }

    assertThat(report(file)).as(err()).isZero();
    assertThat(out())
        .contains(
            "Memory pressure: 2 episodes (peak CRITICAL), 1 emergency trim (1500 entries"
                + " dropped), 2 GC nudges (freed 42.0 MiB of heap, 20.0 MiB of RSS)")
        .containsPattern(
            "  episode 1\n"
                + " +\\+[0-9.]+ ms  NORMAL -> WARN \\(heap\\): heap after GC 70.0 MiB of 100.0 MiB,"
                + " working set - of -, RSS 150.0 MiB\n"
                + " +\\+[0-9.]+ ms  WARN -> CRITICAL .*\n"
                + " +\\+[0-9.]+ ms  emergency trim: 1500 entries dropped from 2 collections and 1"
                + " session store; 1 not thread-safe shrink on their next write\n"
                + " +\\+[0-9.]+ ms  GC nudge by DiagnosticCommand GC.run in 45.0 ms: heap 90.0 MiB"
                + " -> 50.0 MiB \\(freed 40.0 MiB\\), RSS 200.0 MiB -> 180.0 MiB \\(freed 20.0"
                + " MiB\\); native trim: off\n"
                + " +\\+[0-9.]+ ms  CRITICAL -> NORMAL .*\n"
                + "  episode 2\n"
                + " +\\+[0-9.]+ ms  NORMAL -> WARN .*\n"
                + " +\\+[0-9.]+ ms  GC nudge by System.gc in 5.0 ms: heap 80.0 MiB -> 78.0 MiB"
                + " \\(freed 2.0 MiB\\), RSS - -> - \\(freed 0.0 KiB\\); native trim:"
                + " unsupported\n");
  }

  @Test
  void listsConfigChangesAndAgentErrors() {
    Path file;
    try (TestRecording recording = new TestRecording()) {
      recording
          .commit(
              "ConfigReloaded",
              "source",
              "/etc/report-test/heapwarden.yaml",
              "changeCount",
              1,
              "changes",
              "report.test.Cache.entries max-entries 500 -> 400")
          .commit(
              "ConfigRejected",
              "source",
              "/etc/report-test/heapwarden.yaml",
              "problemCount",
              1,
              "problems",
              "heapwarden.yaml:3:5: max-entrie: unknown key")
          .commit(
              "RuleFailed",
              "rule",
              "report.test.Cache.entries",
              "kind",
              "COLLECTION",
              "failureClass",
              "java.lang.IllegalStateException",
              "failureMessage",
              "boom")
          .commit(
              "TransformFailed",
              "className",
              "report.test.Odd",
              "failureClass",
              "java.lang.ArrayIndexOutOfBoundsException",
              "failureMessage",
              "7");
      file = recording.dump(dir.resolve("config.jfr"));
    }

    assertThat(report(file)).as(err()).isZero();
    assertThat(out())
        .contains("Config: 1 reload, 1 rejected, 0 needing a restart")
        .containsPattern(
            "\\+[0-9.]+ ms  /etc/report-test/heapwarden.yaml reloaded: report.test.Cache.entries"
                + " max-entries 500 -> 400\n")
        .containsPattern(
            "\\+[0-9.]+ ms  /etc/report-test/heapwarden.yaml rejected: heapwarden.yaml:3:5:"
                + " max-entrie: unknown key\n")
        .contains("Agent errors: 1 rule failed, 1 class not rewritten")
        .containsPattern(
            "rule report.test.Cache.entries \\(COLLECTION\\) disabled:"
                + " java.lang.IllegalStateException: boom\n")
        .containsPattern(
            "class report.test.Odd loaded unchanged: java.lang.ArrayIndexOutOfBoundsException:"
                + " 7\n");
  }

  @Test
  void aMissingFileIsOneLineAndExit3() {
    assertThat(report(dir.resolve("nope.jfr"))).isEqualTo(ReportCommand.EXIT_NO_FILE).isEqualTo(3);
    assertThat(err())
        .isEqualTo("heapwarden report: " + dir.resolve("nope.jfr") + ": no such file\n");
    assertThat(report(dir)).isEqualTo(3);
    assertThat(out()).isEmpty();
  }

  @Test
  void aFileThatIsNotJfrIsOneLineAndExit4() throws IOException {
    Path yaml = Files.writeString(dir.resolve("heapwarden.yaml"), "collections: []\n");
    Path empty = Files.createFile(dir.resolve("empty.jfr"));

    assertThat(report(yaml)).isEqualTo(ReportCommand.EXIT_NOT_JFR).isEqualTo(4);
    assertThat(report(empty)).isEqualTo(4);
    assertThat(err())
        .isEqualTo(
            "heapwarden report: "
                + yaml
                + ": not a JFR recording (a .jfr file from -XX:StartFlightRecording or"
                + " JFR.dump)\n"
                + "heapwarden report: "
                + empty
                + ": not a JFR recording (a .jfr file from -XX:StartFlightRecording or"
                + " JFR.dump)\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void aTruncatedRecordingIsOneLineAndExit5() throws IOException {
    Path whole;
    try (TestRecording recording = new TestRecording()) {
      recording.activity("report.test.Cache.entries", "COLLECTION", "EVICTED", 5, 5, 5);
      whole = recording.dump(dir.resolve("whole.jfr"));
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(bytes, bytes.length / 2));
    Path header = Files.write(dir.resolve("header.jfr"), Arrays.copyOf(bytes, 10));

    assertThat(report(half)).isEqualTo(ReportCommand.EXIT_DAMAGED).isEqualTo(5);
    assertThat(report(header)).isEqualTo(5);
    String[] lines = err().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .startsWith("heapwarden report: " + half + ": truncated or damaged JFR recording (")
        .endsWith(
            "was it copied while still being written? Dump it again with jcmd <pid> JFR.dump");
    assertThat(lines[1]).startsWith("heapwarden report: " + header + ": truncated or damaged");
    assertThat(out()).isEmpty();
  }

  /**
   * Found by RecordingReaderFuzzTest: the JDK's parser waits, forever, for the rest of a chunk
   * whose header claims more bytes than the file has, or says it is not finished.
   */
  @Test
  void aChunkHeaderThatWouldMakeTheParserWaitIsDamagedAtOnce() throws IOException {
    Path whole;
    try (TestRecording recording = new TestRecording()) {
      recording.activity("report.test.Cache.entries", "COLLECTION", "EVICTED", 5, 5, 5);
      whole = recording.dump(dir.resolve("whole.jfr"));
    }
    byte[] bytes = Files.readAllBytes(whole);
    byte[] tooLong = bytes.clone();
    tooLong[10] = (byte) 0xFF; // the chunk size, a long at offset 8: now about 2^48 bytes
    tooLong[11] = (byte) 0xFF;
    byte[] unfinished = bytes.clone();
    unfinished[64] = (byte) 0xFF; // the file state: "the JVM is writing this header"
    Path longer = Files.write(dir.resolve("longer.jfr"), tooLong);
    Path writing = Files.write(dir.resolve("writing.jfr"), unfinished);

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          assertThat(report(longer)).isEqualTo(ReportCommand.EXIT_DAMAGED);
          assertThat(report(writing)).isEqualTo(ReportCommand.EXIT_DAMAGED);
        });
    String[] lines = err().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .startsWith(
            "heapwarden report: " + longer + ": truncated or damaged JFR recording (chunk 1")
        .contains("claims");
    assertThat(lines[1]).contains("chunk 1 was not finished");
  }

  @Test
  void aRecordingWithoutHeapwardenEventsIsOneLineAndExit6() throws IOException {
    Path file = dir.resolve("jdk-only.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.JVMInformation");
      recording.start();
      recording.stop();
      recording.dump(file);
    }

    assertThat(report(file)).isEqualTo(ReportCommand.EXIT_NO_HEAPWARDEN_EVENTS).isEqualTo(6);
    assertThat(err())
        .isEqualTo(
            "heapwarden report: "
                + file
                + ": no Heapwarden events in this recording; record a service started with"
                + " -javaagent:heapwarden-agent.jar (telemetry.jfr: true) and the heapwarden.jfc"
                + " settings\n");
    assertThat(out()).isEmpty();
  }
}
