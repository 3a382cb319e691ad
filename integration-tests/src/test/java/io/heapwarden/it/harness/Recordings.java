package io.heapwarden.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Reading a recording made alongside a run (e.g. by {@code RecordingAlongside}). */
public final class Recordings {
  private Recordings() {}

  /** The agent's events in the recording, oldest first (one read of the file). */
  public static List<RecordedEvent> heapwardenEvents(Path recording) throws IOException {
    assertThat(recording).exists();
    List<RecordedEvent> events = new ArrayList<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (event.getEventType().getName().startsWith("heapwarden.")) {
        events.add(event);
      }
    }
    events.sort(Comparator.comparing(RecordedEvent::getStartTime));
    return events;
  }
}
