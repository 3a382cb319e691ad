package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.examples.chat.ChatService;
import io.heapwarden.examples.chat.LoadDriver;
import io.heapwarden.it.fixtures.pressure.RetainingService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.RunningJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * The agent jar's {@code jfc} and {@code report} commands on real recordings: the shipped settings
 * record Heapwarden's events with the JDK's memory events, and the report's counts are the
 * recording's.
 */
class ObservabilityIT {
  private static final Path CHAT_CONFIG =
      ItEnvironment.codeSource(ChatService.class)
          .getParent()
          .getParent()
          .resolve("heapwarden.yaml");

  /** A cache ramped past critical heap pressure: trims, GC nudges and level changes. */
  private static final String PRESSURE_RULES =
      """
      collections:
        - field: io.heapwarden.it.fixtures.pressure.RetainingService.cache
          max-entries: 1100
      pressure:
        heap: {warn: 55%, critical: 70%}
      """;

  private static JvmResult cli(String... args) {
    return AgentJvm.forJar(ItEnvironment.agentJar()).args(args).run();
  }

  /** Starts a recording with the settings the {@code jfc} command printed, dumped at exit. */
  private static AgentJvm recordWithHeapwardenJfc(AgentJvm jvm) {
    JvmResult jfc = cli("jfc");
    assertThat(jfc.exitCode()).as(jfc.output()).isZero();
    Path settings = jvm.workspace().write("heapwarden.jfc", jfc.stdout());
    return jvm.jvmArgs(
        "-XX:StartFlightRecording:settings="
            + settings
            + ",filename="
            + recording(jvm)
            + ",dumponexit=true");
  }

  private static Path recording(AgentJvm jvm) {
    return jvm.workspace().dir().resolve("heapwarden.jfr");
  }

  private static List<RecordedEvent> events(Path recording) throws IOException {
    return RecordingFile.readAllEvents(recording);
  }

  @Test
  void theShippedJfcRecordsHeapwardenEventsNextToTheJdksGcAndHeapEvents() throws IOException {
    AgentJvm jvm =
        AgentJvm.forMainClass(RetainingService.class)
            .withConfig(PRESSURE_RULES)
            .jvmArgs("-Xmx128m", "-XX:+UseG1GC")
            .args("1100", "100000", "2500");
    JvmResult result = recordWithHeapwardenJfc(jvm).run();
    assertThat(result.exitCode()).as(result.output()).isZero();

    List<RecordedEvent> events = events(recording(jvm));
    Set<String> names =
        events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toSet());
    assertThat(names)
        .as(result.output())
        .contains(
            "heapwarden.AgentStarted",
            "heapwarden.RuleActivity",
            "heapwarden.MemoryPressure",
            "heapwarden.EmergencyTrim",
            "heapwarden.GcNudge",
            "jdk.GarbageCollection",
            "jdk.GCHeapSummary",
            "jdk.G1HeapSummary",
            "jdk.GCPhasePause",
            "jdk.ObjectAllocationSample",
            "jdk.OldObjectSample",
            "jdk.ClassLoadingStatistics")
        // only what the file enables: the JDK's default settings would record these
        .doesNotContain("jdk.CPULoad", "jdk.ThreadPark");
    // the collection each GC nudge asked for, as the JDK recorded it
    assertThat(events)
        .filteredOn(e -> e.getEventType().getName().equals("jdk.GarbageCollection"))
        .extracting(e -> e.getString("name") + "/" + e.getString("cause"))
        .contains("G1Full/Diagnostic Command");

    JvmResult report = cli("report", recording(jvm).toString());
    assertThat(report.exitCode()).as(report.output()).isZero();
    assertThat(report.stdout())
        .contains(
            "Memory pressure: "
                + count(events, "MemoryPressure", e -> e.getString("previous").equals("NORMAL"))
                + " episode")
        .contains(count(events, "EmergencyTrim", e -> true) + " emergency trim")
        .contains(count(events, "GcNudge", e -> true) + " GC nudge");
  }

  private static long count(
      List<RecordedEvent> events, String name, Predicate<RecordedEvent> which) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals("heapwarden." + name))
        .filter(which)
        .count();
  }

  /** The rules table's row: rule name, kind, bound, size, peak, then the five action totals. */
  private static final Pattern RULE_ROW =
      Pattern.compile(
          "^  (\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)"
              + "\\s+(\\d+)$",
          Pattern.MULTILINE);

  private static final String[] ACTIONS = {"EVICTED", "TRIMMED", "CREATED", "REUSED", "FAILED"};

  @Test
  void theReportOfTheChatDemoCountsWhatTheRecordingHolds() throws IOException {
    AgentJvm jvm =
        AgentJvm.forMainClass(ChatService.class)
            .withAgentArgs("config=" + CHAT_CONFIG)
            .jvmArgs("-Xmx96m")
            .args("--port", "0");
    JvmResult stopped;
    try (RunningJvm service = recordWithHeapwardenJfc(jvm).start()) {
      Matcher listening =
          service.awaitOutput("chat-service listening on port (\\d+)", Duration.ofSeconds(30));
      JvmResult load =
          AgentJvm.forMainClass(LoadDriver.class)
              .args("--port", listening.group(1), "--requests", "3000", "--clients", "3000")
              .run(Duration.ofSeconds(120));
      assertThat(load.exitCode()).as(load.output()).isZero();
      stopped = service.stop(Duration.ofSeconds(30));
    }
    List<RecordedEvent> events = events(recording(jvm));

    JvmResult report = cli("report", recording(jvm).toString());

    assertThat(report.exitCode()).as(report.output()).isZero();
    assertThat(report.stderr()).isEmpty();
    Map<String, Long> expected = new TreeMap<>();
    for (RecordedEvent e : events) {
      if (e.getEventType().getName().equals("heapwarden.RuleActivity")) {
        expected.merge(
            e.getString("rule") + " " + e.getString("action"), e.getLong("count"), Long::sum);
      }
    }
    Map<String, Long> reported = new HashMap<>();
    Matcher row = RULE_ROW.matcher(report.stdout());
    while (row.find()) {
      for (int i = 0; i < ACTIONS.length; i++) {
        long count = Long.parseLong(row.group(6 + i));
        if (count > 0) {
          reported.put(row.group(1) + " " + ACTIONS[i], count);
        }
      }
    }
    assertThat(expected)
        .as(stopped.output())
        .containsKey("io.heapwarden.examples.chat.ResponseCache.entries EVICTED");
    assertThat(reported).as(report.stdout()).isEqualTo(expected);

    long sessionsEvicted =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("heapwarden.SessionEvictions"))
            .mapToLong(e -> e.getLong("count"))
            .sum();
    assertThat(sessionsEvicted).isPositive();
    assertThat(report.stdout())
        .contains("Sessions evicted: " + sessionsEvicted + "\n")
        .contains("Agent: started in ")
        .contains(" with 4 rules from " + CHAT_CONFIG)
        .contains("Agent errors: 0 rules failed, 0 classes not rewritten");

    eventTypesAreTheOnesTelemetryMdDocuments(recording(jvm));
  }

  /** JFR's own fields of every event, which docs/telemetry.md describes once for all. */
  private static final Set<String> JFR_FIELDS =
      Set.of("startTime", "duration", "eventThread", "stackTrace");

  /**
   * The recording's metadata lists every Heapwarden event type (they are registered at start, an
   * event committed or not): each is a row of docs/telemetry.md's table, which names each of its
   * fields and gives the unit of each timespan, data amount and percentage; each field has a label
   * for Mission Control.
   */
  private static void eventTypesAreTheOnesTelemetryMdDocuments(Path recording) throws IOException {
    Map<String, String> documented = new TreeMap<>();
    Matcher row = EVENT_ROW.matcher(Files.readString(TELEMETRY_MD));
    while (row.find()) {
      documented.put(row.group(1), row.group(2));
    }
    List<EventType> types;
    try (RecordingFile file = new RecordingFile(recording)) {
      types =
          file.readEventTypes().stream()
              .filter(type -> type.getName().startsWith("heapwarden."))
              .filter(type -> !type.getName().equals("heapwarden.ActivityFlush")) // internal
              .toList();
    }
    assertThat(types)
        .extracting(EventType::getName)
        .containsExactlyInAnyOrderElementsOf(documented.keySet());
    for (EventType type : types) {
      String fields = documented.get(type.getName());
      assertThat(type.getCategoryNames()).as(type.getName()).containsExactly("Heapwarden");
      for (ValueDescriptor field : type.getFields()) {
        if (JFR_FIELDS.contains(field.getName())) {
          continue;
        }
        String what = type.getName() + "." + field.getName();
        assertThat(field.getLabel()).as(what).isNotBlank();
        assertThat(fields).as(what).contains("`" + field.getName() + "`");
        String unit = String.valueOf(field.getContentType());
        if (unit.equals("jdk.jfr.Timespan")) {
          assertThat(fields).as(what).contains("timespan");
        } else if (unit.equals("jdk.jfr.DataAmount")) {
          assertThat(fields).as(what).containsAnyOf("bytes", "data amount");
        } else if (unit.equals("jdk.jfr.Percentage")) {
          assertThat(fields).as(what).contains("percent");
        }
      }
    }
  }

  /** Failsafe runs in this module's directory. */
  private static final Path TELEMETRY_MD = Path.of("../docs/telemetry.md");

  /** A row of the events table: the event's name, then its fields column. */
  private static final Pattern EVENT_ROW =
      Pattern.compile(
          "^\\| `(heapwarden\\.\\w+)` \\([^)]*\\) \\|.*\\| (.*) \\|$", Pattern.MULTILINE);
}
