package io.heapwarden.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Event;
import jdk.jfr.Name;
import org.junit.jupiter.api.Test;

/** The shipped heapwarden.jfc enables every Heapwarden event: a new event cannot be forgotten. */
class HeapwardenJfcTest {
  private static final String EVENT_PACKAGE = "io.heapwarden.agent.telemetry.jfr";

  private static Configuration jfc() throws IOException, ParseException {
    try (Reader in =
        new InputStreamReader(
            JfcCommand.class.getResourceAsStream(JfcCommand.RESOURCE), StandardCharsets.UTF_8)) {
      return Configuration.create(in);
    }
  }

  /** The @Name of every event class compiled into the telemetry.jfr package. */
  private static Set<String> heapwardenEventNames()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes =
        Path.of(JfcCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(classes.resolve(EVENT_PACKAGE.replace('.', '/')))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".class")) {
          continue;
        }
        String className = EVENT_PACKAGE + "." + fileName.substring(0, fileName.length() - 6);
        Class<?> type = Class.forName(className, false, JfcCommand.class.getClassLoader());
        Name name = type.getAnnotation(Name.class);
        if (Event.class.isAssignableFrom(type) && name != null) {
          names.add(name.value());
        }
      }
    }
    return names;
  }

  @Test
  void everyHeapwardenEventIsEnabledAndNoneIsNamedThatDoesNotExist() throws Exception {
    Set<String> events = heapwardenEventNames();
    Map<String, String> enabled = new TreeMap<>();
    for (Map.Entry<String, String> setting : jfc().getSettings().entrySet()) {
      // JFR's flat form of a jfc: "<event name>#<setting>" -> value
      String[] eventAndSetting = setting.getKey().split("#", 2);
      if (eventAndSetting[1].equals("enabled")) {
        enabled.put(eventAndSetting[0], setting.getValue());
      }
    }

    assertThat(events).hasSizeGreaterThanOrEqualTo(15).allMatch(n -> n.startsWith("heapwarden."));
    for (String event : events) {
      assertThat(enabled).as("heapwarden.jfc enables " + event).containsEntry(event, "true");
    }
    assertThat(enabled.keySet())
        .filteredOn(name -> name.startsWith("heapwarden."))
        .containsExactlyInAnyOrderElementsOf(events);
  }

  @Test
  void enablesTheJdkEventsThatExplainMemory() throws Exception {
    Map<String, String> settings = jfc().getSettings();

    for (String event :
        new String[] {
          "jdk.GarbageCollection",
          "jdk.GCHeapSummary",
          "jdk.G1HeapSummary",
          "jdk.GCPhasePause",
          "jdk.SystemGC",
          "jdk.OldObjectSample",
          "jdk.ObjectAllocationSample"
        }) {
      assertThat(settings).containsEntry(event + "#enabled", "true");
    }
    assertThat(settings).containsEntry("jdk.OldObjectSample#cutoff", "1 s");
    assertThat(settings).containsEntry("heapwarden.ActivityFlush#period", "endChunk");
    assertThat(jfc().getLabel()).isEqualTo("Heapwarden");
  }

  @Test
  void theJfcCommandPrintsTheShippedFile() throws Exception {
    Console console = new Console();

    int status = JfcCommand.run(console.out, console.err);

    assertThat(status).isZero();
    assertThat(console.stderr()).isEmpty();
    try (var shipped = JfcCommand.class.getResourceAsStream(JfcCommand.RESOURCE)) {
      assertThat(console.stdout())
          .isEqualTo(new String(shipped.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(console.stdout()).contains("<event name=\"heapwarden.GcNudge\">");
  }
}
