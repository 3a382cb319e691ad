package io.heapwarden.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, on a local page: its DOM after the page's scripts ran, or a
 * screenshot. A fresh profile per run, no network services of its own; a run that outlives its
 * timeout is killed with its child processes.
 */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** Generous: a first start on a busy machine sets up the profile and fonts. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** What one run printed: the DOM (or nothing) and Chromium's log, console messages included. */
  public record Run(int exitCode, String stdout, String stderr) {
    /** The page's console messages and uncaught errors, as Chromium logs them. */
    public List<String> consoleLines() {
      return stderr.lines().filter(line -> line.contains(":CONSOLE")).toList();
    }
  }

  private HeadlessChromium() {}

  public static boolean installed() {
    return Files.isExecutable(CHROMIUM);
  }

  /** The page's DOM once its scripts ran and timers had {@code virtualMillis} of virtual time. */
  public static Run dumpDom(Path page, Path workDir, int virtualMillis) {
    return run(workDir, "--virtual-time-budget=" + virtualMillis, "--dump-dom", url(page));
  }

  /** A PNG of the page in a {@code width} x {@code height} window. */
  public static Run screenshot(Path page, Path png, int width, int height, Path workDir) {
    return run(
        workDir,
        "--virtual-time-budget=5000",
        "--hide-scrollbars",
        "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(),
        url(page));
  }

  private static String url(Path page) {
    return page.toAbsolutePath().toUri().toString();
  }

  private static Run run(Path workDir, String... args) {
    try {
      Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
      Path out = workDir.resolve(profile.getFileName() + ".out");
      Path err = workDir.resolve(profile.getFileName() + ".err");
      List<String> command = new ArrayList<>();
      command.add(CHROMIUM.toString());
      command.addAll(
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--enable-logging=stderr",
              "--v=0",
              "--user-data-dir=" + profile));
      command.addAll(List.of(args));
      Process chromium =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      try {
        if (!chromium.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              "chromium did not finish in " + TIMEOUT + ": " + String.join(" ", command));
        }
      } finally {
        kill(chromium);
        deleteTree(profile);
      }
      return new Run(
          chromium.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The profile: megabytes of caches that no one reads after the run. */
  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Chromium and whatever it started (renderer, GPU, zygote processes): none may outlive a run. */
  private static void kill(Process chromium) throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(chromium.descendants().toList());
    all.add(chromium.toHandle());
    for (ProcessHandle process : all) {
      process.destroyForcibly();
    }
    for (ProcessHandle process : all) {
      process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
    }
  }
}
