package io.heapwarden.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A launched JVM: its live output, its peak RSS, and its end. Closing it kills what is left. */
public final class RunningJvm implements AutoCloseable {
  private final Process process;
  private final Workspace workspace;
  private final Path jfrFile;
  private final OutputCapture stdout;
  private final OutputCapture stderr;
  private final RssSampler rss;

  RunningJvm(Process process, Workspace workspace, Path jfrFile) {
    this.process = process;
    this.workspace = workspace;
    this.jfrFile = jfrFile;
    this.stdout =
        OutputCapture.start(process.getInputStream(), workspace.dir().resolve("stdout.txt"));
    this.stderr =
        OutputCapture.start(process.getErrorStream(), workspace.dir().resolve("stderr.txt"));
    this.rss = RssSampler.start(process.pid());
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Workspace workspace() {
    return workspace;
  }

  public String stdout() {
    return stdout.text();
  }

  public String stderr() {
    return stderr.text();
  }

  /** Waits until stdout or stderr holds a match of {@code regex}; fails if the JVM exits first. */
  public Matcher awaitOutput(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Matcher out = pattern.matcher(stdout());
      if (out.find()) {
        return out;
      }
      Matcher err = pattern.matcher(stderr());
      if (err.find()) {
        return err;
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            (process.isAlive() ? "timed out" : "JVM exited (" + process.exitValue() + ")")
                + " waiting for /"
                + regex
                + "/\n--- stdout\n"
                + stdout()
                + "\n--- stderr\n"
                + stderr());
      }
      sleep(20);
    }
  }

  /** Writes one line to the JVM's standard input. */
  public void send(String line) {
    try {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JvmResult awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "JVM did not exit within "
                + timeout
                + "\n--- stdout\n"
                + stdout()
                + "\n--- stderr\n"
                + stderr());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return result();
  }

  /** Asks the JVM to exit (SIGTERM, so shutdown hooks and the JFR dump run) and waits. */
  public JvmResult stop(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  private JvmResult result() {
    stdout.awaitEnd();
    stderr.awaitEnd();
    rss.stop();
    return new JvmResult(
        process.exitValue(),
        stdout.text(),
        stderr.text(),
        rss.peakBytes(),
        jfrFile != null && Files.exists(jfrFile) ? jfrFile : null,
        workspace);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        // waited for: a JVM still dying would be listed by the next test's attach API
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    rss.stop();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Copies a stream to a file and keeps its text for assertions. */
  static final class OutputCapture {
    private final StringBuffer text = new StringBuffer();
    private final Thread thread;

    private OutputCapture(InputStream in, Path file) {
      this.thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[8192];
                try (var out = Files.newOutputStream(file)) {
                  int n;
                  while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                  }
                } catch (IOException ignored) {
                  // the process ended
                }
              },
              "it-output-" + file.getFileName());
      thread.setDaemon(true);
      thread.start();
    }

    static OutputCapture start(InputStream in, Path file) {
      return new OutputCapture(in, file);
    }

    String text() {
      return text.toString();
    }

    void awaitEnd() {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
