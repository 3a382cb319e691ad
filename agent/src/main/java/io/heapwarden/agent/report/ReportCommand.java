package io.heapwarden.agent.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code report FILE [--html OUT]}: a text summary of the Heapwarden events in a JFR recording, or
 * with {@code --html} a page with charts.
 */
public final class ReportCommand {
  /** Exit status when the file is missing, a directory or unreadable. */
  public static final int EXIT_NO_FILE = RecordingReader.EXIT_NO_FILE;

  /** Exit status when the file is not a JFR recording. */
  public static final int EXIT_NOT_JFR = RecordingReader.EXIT_NOT_JFR;

  /** Exit status when the recording is truncated or damaged. */
  public static final int EXIT_DAMAGED = RecordingReader.EXIT_DAMAGED;

  /** Exit status when the recording holds no Heapwarden event. */
  public static final int EXIT_NO_HEAPWARDEN_EVENTS = RecordingReader.EXIT_NO_HEAPWARDEN_EVENTS;

  /** Exit status when the HTML page cannot be written (like {@code suggest}'s OUT problems). */
  public static final int EXIT_CANNOT_WRITE = 8;

  private ReportCommand() {}

  /**
   * Prints the report of {@code file} to {@code out}, or one line on {@code err}; returns the exit
   * status (0, or one of the {@code EXIT_} codes above).
   */
  public static int run(String file, PrintStream out, PrintStream err) {
    try {
      RecordingSummary summary = RecordingReader.read(path(file, EXIT_NO_FILE));
      new ReportPrinter(summary, out).print(file);
      return 0;
    } catch (UnusableRecording unusable) {
      return fail(unusable, err);
    }
  }

  /**
   * Writes the HTML report of {@code file} to {@code html} (replacing it) and says so on {@code
   * out}; or one line on {@code err}. Returns the exit status.
   */
  public static int runHtml(String file, String html, PrintStream out, PrintStream err) {
    try {
      Path target = path(html, EXIT_CANNOT_WRITE);
      ChartSeries series = new ChartSeries();
      RecordingSummary summary = RecordingReader.read(path(file, EXIT_NO_FILE), series);
      series.finish(summary.first, summary.last);
      HtmlPage page = new HtmlPage(summary, series);
      write(target, page.write(file));
      out.println("heapwarden report: wrote " + html);
      return 0;
    } catch (UnusableRecording unusable) {
      return fail(unusable, err);
    }
  }

  /** Through a temporary file beside it: a reader never sees half a page. */
  private static void write(Path target, String page) throws UnusableRecording {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw new UnusableRecording(EXIT_CANNOT_WRITE, target + ": is a directory");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UnusableRecording(EXIT_CANNOT_WRITE, target + ": no such directory");
    }
    // a sibling with the process id, created new: the page keeps the default permissions
    Path temp =
        dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      try {
        Files.writeString(temp, page, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException unwritable) {
      throw new UnusableRecording(
          EXIT_CANNOT_WRITE, target + ": cannot write the page: " + unwritable);
    }
  }

  private static int fail(UnusableRecording unusable, PrintStream err) {
    err.println("heapwarden report: " + unusable.getMessage());
    return unusable.exitCode;
  }

  private static Path path(String file, int exitCode) throws UnusableRecording {
    try {
      return Path.of(file);
    } catch (InvalidPathException bad) {
      throw new UnusableRecording(exitCode, file + ": not a valid path: " + bad.getReason());
    }
  }
}
