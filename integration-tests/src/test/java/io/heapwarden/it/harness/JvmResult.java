package io.heapwarden.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** What a finished JVM left: exit code, output, peak RSS, and its JFR recording if one was made. */
public record JvmResult(
    int exitCode,
    String stdout,
    String stderr,
    long peakRssBytes,
    Path jfrFile,
    Workspace workspace) {

  /** All JFR events whose type name is {@code name}, e.g. {@code heapwarden.AgentStarted}. */
  public List<RecordedEvent> events(String name) {
    return allEvents().stream()
        .filter(e -> e.getEventType().getName().equals(name))
        .collect(Collectors.toList());
  }

  public List<RecordedEvent> allEvents() {
    if (jfrFile == null) {
      throw new IllegalStateException(
          "no JFR recording: launch with recordJfr() and let the JVM exit normally");
    }
    try {
      return RecordingFile.readAllEvents(jfrFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines of stdout and stderr that come from the agent ({@code [heapwarden] ...}). */
  public List<String> agentLines() {
    return Stream.concat(stdout.lines(), stderr.lines())
        .filter(line -> line.contains("[heapwarden]"))
        .collect(Collectors.toList());
  }

  /** Both streams, for assertion messages. */
  public String output() {
    return "--- exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
