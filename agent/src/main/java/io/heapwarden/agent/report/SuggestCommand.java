package io.heapwarden.agent.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * {@code suggest FILE [-o OUT] [-f]}: a config with one rule per field discovery reported as
 * growing in the recording ({@link RuleSuggester}); printed, or written to {@code OUT}.
 */
public final class SuggestCommand {
  /** The recording holds no GrowthSuspect event: nothing to suggest, nothing written. */
  public static final int EXIT_NO_SUSPECTS = 7;

  /** {@code OUT} exists and {@code -f} was not given: left as it was. */
  public static final int EXIT_OUTPUT_EXISTS = 8;

  /** The command line was wrong. */
  public static final int EXIT_USAGE = 2;

  private SuggestCommand() {}

  /** {@code args} are the arguments after {@code suggest}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String recording = null;
    String output = null;
    boolean force = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-o") && i + 1 < args.length) {
        output = args[++i];
      } else if (args[i].equals("-f")) {
        force = true;
      } else if (recording == null && !args[i].startsWith("-")) {
        recording = args[i];
      } else {
        err.println("heapwarden suggest: unexpected argument '" + args[i] + "'");
        err.println("Usage: java -jar heapwarden-agent.jar suggest FILE.jfr [-o OUT.yaml] [-f]");
        return EXIT_USAGE;
      }
    }
    if (recording == null) {
      err.println("Usage: java -jar heapwarden-agent.jar suggest FILE.jfr [-o OUT.yaml] [-f]");
      return EXIT_USAGE;
    }
    try {
      RecordingSummary summary = RecordingReader.read(path(recording));
      List<Suspect> suspects = suspects(summary.growthSuspects);
      if (suspects.isEmpty()) {
        err.println(
            "heapwarden suggest: "
                + recording
                + ": no growth suspects (discovery reported no field that kept growing);"
                + " nothing written");
        return EXIT_NO_SUSPECTS;
      }
      String yaml = RuleSuggester.yaml(recording, suspects);
      if (output == null) {
        out.print(yaml);
        return 0;
      }
      return write(path(output), yaml, force, suspects.size(), err);
    } catch (UnusableRecording unusable) {
      err.println("heapwarden suggest: " + unusable.getMessage());
      return unusable.exitCode;
    }
  }

  private static int write(Path file, String yaml, boolean force, int count, PrintStream err)
      throws UnusableRecording {
    try {
      byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
      if (force) {
        Files.write(file, bytes);
      } else {
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }
      err.println("heapwarden suggest: wrote " + count + " rule(s) to " + file);
      return 0;
    } catch (FileAlreadyExistsException exists) {
      err.println("heapwarden suggest: " + file + " exists; use -f to overwrite it");
      return EXIT_OUTPUT_EXISTS;
    } catch (IOException failed) {
      throw new UnusableRecording(
          RecordingReader.EXIT_NO_FILE, file + ": cannot write: " + failed.getMessage());
    }
  }

  private static List<Suspect> suspects(List<RecordedEvent> events) {
    List<Suspect> suspects = new ArrayList<>();
    for (RecordedEvent event : events) {
      String field = text(event, "field");
      if (field == null) {
        continue;
      }
      String type = text(event, "type");
      suspects.add(
          new Suspect(
              field,
              type == null ? "?" : type,
              event.getLong("count"),
              event.getInt("instances"),
              event.getDouble("perMinute"),
              event.getLong("bytes"),
              event.getDuration("window")));
    }
    return suspects;
  }

  private static @Nullable String text(RecordedEvent event, String name) {
    return event.hasField(name) ? event.getString(name) : null;
  }

  private static Path path(String file) throws UnusableRecording {
    try {
      return Path.of(file);
    } catch (InvalidPathException bad) {
      throw new UnusableRecording(
          RecordingReader.EXIT_NO_FILE, file + ": not a valid path: " + bad.getReason());
    }
  }
}
