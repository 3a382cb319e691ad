package io.heapwarden.agent.report;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** {@code report FILE}: a text summary of the Heapwarden events in a JFR recording. */
public final class ReportCommand {
  /** Exit status when the file is missing, a directory or unreadable. */
  public static final int EXIT_NO_FILE = RecordingReader.EXIT_NO_FILE;

  /** Exit status when the file is not a JFR recording. */
  public static final int EXIT_NOT_JFR = RecordingReader.EXIT_NOT_JFR;

  /** Exit status when the recording is truncated or damaged. */
  public static final int EXIT_DAMAGED = RecordingReader.EXIT_DAMAGED;

  /** Exit status when the recording holds no Heapwarden event. */
  public static final int EXIT_NO_HEAPWARDEN_EVENTS = RecordingReader.EXIT_NO_HEAPWARDEN_EVENTS;

  private ReportCommand() {}

  /**
   * Prints the report of {@code file} to {@code out}, or one line on {@code err}; returns the exit
   * status (0, or one of the {@code EXIT_} codes above).
   */
  public static int run(String file, PrintStream out, PrintStream err) {
    try {
      RecordingSummary summary = RecordingReader.read(path(file));
      new ReportPrinter(summary, out).print(file);
      return 0;
    } catch (UnusableRecording unusable) {
      err.println("heapwarden report: " + unusable.getMessage());
      return unusable.exitCode;
    }
  }

  private static Path path(String file) throws UnusableRecording {
    try {
      return Path.of(file);
    } catch (InvalidPathException bad) {
      throw new UnusableRecording(EXIT_NO_FILE, file + ": not a valid path: " + bad.getReason());
    }
  }
}
