package io.heapwarden.agent.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Checks that a file is a whole JFR recording with Heapwarden events and folds its events. */
final class RecordingReader {
  /** The file does not exist, is a directory or cannot be read. */
  static final int EXIT_NO_FILE = 3;

  /** The file is not a JFR recording. */
  static final int EXIT_NOT_JFR = 4;

  /** The file starts as a JFR recording but is cut short or damaged. */
  static final int EXIT_DAMAGED = 5;

  /** A sound recording without a single Heapwarden event. */
  static final int EXIT_NO_HEAPWARDEN_EVENTS = 6;

  /** Every JFR chunk starts with these four bytes. */
  private static final byte[] MAGIC = {'F', 'L', 'R', 0};

  private RecordingReader() {}

  static RecordingSummary read(Path file) throws UnusableRecording {
    return read(file, event -> {});
  }

  /** Reads {@code file} into a summary, handing every event to {@code alsoTo} as well. */
  static RecordingSummary read(Path file, Consumer<RecordedEvent> alsoTo) throws UnusableRecording {
    String name = file.toString();
    if (!Files.exists(file)) {
      throw new UnusableRecording(EXIT_NO_FILE, name + ": no such file");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UnusableRecording(EXIT_NO_FILE, name + ": not a readable file");
    }
    if (!startsWithMagic(file)) {
      throw new UnusableRecording(
          EXIT_NOT_JFR,
          name + ": not a JFR recording (a .jfr file from -XX:StartFlightRecording or JFR.dump)");
    }
    RecordingSummary summary = new RecordingSummary();
    try {
      String damage = ChunkHeaders.problem(file); // the JDK's parser would wait on some
      if (damage != null) {
        throw damaged(name, damage);
      }
      try (RecordingFile recording = new RecordingFile(file)) {
        while (recording.hasMoreEvents()) {
          RecordedEvent event = recording.readEvent();
          summary.accept(event);
          alsoTo.accept(event);
        }
      }
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError damaged) {
      // the parser trusts the sizes in the file: a damaged one can send it deep or ask for a lot
      throw damaged(name, String.valueOf(damaged.getMessage()));
    }
    if (summary.heapwardenEvents == 0) {
      throw new UnusableRecording(
          EXIT_NO_HEAPWARDEN_EVENTS,
          name
              + ": no Heapwarden events in this recording; record a service started with"
              + " -javaagent:heapwarden-agent.jar (telemetry.jfr: true) and the heapwarden.jfc"
              + " settings");
    }
    summary.finish();
    return summary;
  }

  private static UnusableRecording damaged(String name, String why) {
    return new UnusableRecording(
        EXIT_DAMAGED,
        name
            + ": truncated or damaged JFR recording ("
            + why.replace('\n', ' ')
            + "); was it copied while still being written? Dump it again with jcmd <pid>"
            + " JFR.dump");
  }

  private static boolean startsWithMagic(Path file) throws UnusableRecording {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    } catch (IOException unreadable) {
      throw new UnusableRecording(EXIT_NO_FILE, file + ": cannot read: " + unreadable.getMessage());
    }
  }
}
