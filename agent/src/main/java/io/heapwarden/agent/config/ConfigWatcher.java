package io.heapwarden.agent.config;

import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.bootstrap.threads.AgentThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Watches the config file; hands each valid new version to {@code onValid} and the problems of each
 * invalid one to {@code onInvalid} (the last good config stays in force).
 *
 * <p>It polls rather than using a {@link java.nio.file.WatchService}: Kubernetes mounts a ConfigMap
 * as a symlink into a {@code ..data} directory and updates it by swapping that symlink, which
 * changes no entry that a watch on the file's directory reports for the file. Each poll follows the
 * links, reads the file and fingerprints it (size, modification time, content hash); only a change
 * of content triggers a load, so touching the file does nothing. A changed file must read the same
 * twice in a row, a short settle delay apart, so that a file caught mid-write is not loaded.
 *
 * <p>One daemon thread, {@value #THREAD_NAME}, per watcher. Nothing escapes it: read failures,
 * parse failures and exceptions from the callbacks are reported or logged and the polling goes on.
 * A file that disappears or cannot be read is reported once (to {@code onInvalid}) and picked up
 * again when it is back.
 */
public final class ConfigWatcher implements AutoCloseable {
  public static final String THREAD_NAME = "heapwarden-config-watcher";

  private static final long MAX_SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int MAX_SETTLE_ATTEMPTS = 5;

  /** A version of the file: present or not, its size and modification time, its content hash. */
  private record Fingerprint(boolean present, long size, long modifiedMillis, long contentHash) {
    static final Fingerprint MISSING = new Fingerprint(false, -1, -1, 0);

    boolean sameContent(Fingerprint other) {
      return present == other.present && size == other.size && contentHash == other.contentHash;
    }
  }

  /**
   * One read of the file: its bytes and fingerprint, or the problems that kept it from being read.
   */
  private record Snapshot(
      byte @Nullable [] content, Fingerprint fingerprint, List<ConfigProblem> problems) {}

  private final ConfigRequest request;
  private final long intervalNanos;
  private final Consumer<AgentConfig> onValid;
  private final Consumer<List<ConfigProblem>> onInvalid;
  private final Thread thread;
  private volatile boolean closed;

  /** The version last handled; written before the thread starts, then only by the thread. */
  private Fingerprint last = Fingerprint.MISSING;

  private @Nullable String reportedReadProblem;

  private ConfigWatcher(
      ConfigRequest request,
      Duration interval,
      Consumer<AgentConfig> onValid,
      Consumer<List<ConfigProblem>> onInvalid) {
    if (request.file() == null) {
      throw new IllegalArgumentException("the request names no file to watch");
    }
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("the interval must be positive: " + interval);
    }
    this.request = request;
    this.intervalNanos = interval.toNanos();
    this.onValid = onValid;
    this.onInvalid = onInvalid;
    this.thread = AgentThreads.newLoop(THREAD_NAME, this::run);
  }

  /**
   * Starts watching on a new daemon thread; the watcher runs until the JVM exits. The version it
   * compares with is the one the loader last loaded from this file, else the file as it is when
   * this method runs: every later change is delivered.
   */
  public static void start(
      ConfigRequest request,
      Duration interval,
      Consumer<AgentConfig> onValid,
      Consumer<List<ConfigProblem>> onInvalid) {
    watch(request, interval, onValid, onInvalid);
  }

  /** Like {@link #start}, but returns the watcher so that it can be closed. */
  public static ConfigWatcher watch(
      ConfigRequest request,
      Duration interval,
      Consumer<AgentConfig> onValid,
      Consumer<List<ConfigProblem>> onInvalid) {
    ConfigWatcher watcher = new ConfigWatcher(request, interval, onValid, onInvalid);
    try {
      watcher.last = watcher.baseline();
    } catch (Throwable failure) {
      logFailure("reading the config file failed; will try again", failure);
    }
    watcher.thread.start();
    return watcher;
  }

  /** Stops polling; the thread ends once the poll in progress, if any, is done. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  /** The polling thread. */
  Thread thread() {
    return thread;
  }

  private void run() {
    while (!closed) {
      if (!pause(intervalNanos)) {
        continue;
      }
      try {
        poll();
      } catch (Throwable failure) {
        logFailure("checking the config file for changes failed; will try again", failure);
      }
    }
  }

  /**
   * What the first poll compares with: the content the agent loaded at start-up, when the loader
   * read this file, else the file as it is now.
   */
  private Fingerprint baseline() {
    Snapshot now = snapshot();
    // the constructor refused a request naming no file
    Long loaded = ConfigFile.loadedContent(Objects.requireNonNull(request.file()));
    if (loaded != null && now.fingerprint().contentHash() != loaded) {
      // Changed between the agent's start and this thread's: the first poll loads it.
      return new Fingerprint(true, loaded >>> 32, -1, loaded);
    }
    return now.fingerprint();
  }

  private void poll() {
    Snapshot snapshot = snapshot();
    if (!snapshot.problems().isEmpty()) {
      String problem = snapshot.problems().get(0).format();
      if (!problem.equals(reportedReadProblem)) {
        reportedReadProblem = problem;
        deliverInvalid(keepingLastGood(snapshot.problems()));
      }
      return;
    }
    reportedReadProblem = null;
    if (snapshot.fingerprint().sameContent(last)) {
      last = snapshot.fingerprint();
      return;
    }
    long settleNanos = Math.min(intervalNanos / 2, MAX_SETTLE_NANOS);
    for (int attempt = 0; attempt < MAX_SETTLE_ATTEMPTS; attempt++) {
      if (!pause(settleNanos)) {
        return;
      }
      Snapshot again = snapshot();
      if (!again.problems().isEmpty()) {
        return; // gone again mid-change: the next poll reports or loads what is there then
      }
      if (again.fingerprint().sameContent(snapshot.fingerprint())) {
        break;
      }
      snapshot = again;
    }
    last = snapshot.fingerprint();
    ConfigResult result = ConfigLoader.load(request, snapshot.content());
    if (result instanceof ConfigResult.Valid) {
      deliverValid(((ConfigResult.Valid) result).config());
    } else {
      deliverInvalid(((ConfigResult.Invalid) result).problems());
    }
  }

  private Snapshot snapshot() {
    List<ConfigProblem> problems = new ArrayList<>(1);
    byte[] content = ConfigFile.read(request, problems);
    if (content == null) {
      return new Snapshot(null, Fingerprint.MISSING, problems);
    }
    long modified = -1;
    try {
      modified = Files.getLastModifiedTime(Objects.requireNonNull(request.file())).toMillis();
    } catch (IOException | RuntimeException gone) {
      // Replaced since the read: the content decides, the time is informative only.
    }
    return new Snapshot(
        content,
        new Fingerprint(true, content.length, modified, ConfigFile.contentHash(content)),
        List.of());
  }

  private static List<ConfigProblem> keepingLastGood(List<ConfigProblem> problems) {
    List<ConfigProblem> kept = new ArrayList<>(problems.size());
    for (ConfigProblem problem : problems) {
      String hint =
          (problem.hint() == null ? "" : problem.hint() + "; ")
              + "the last good configuration stays in force";
      kept.add(new ConfigProblem(problem.position(), problem.key(), problem.message(), hint));
    }
    return kept;
  }

  private void deliverValid(AgentConfig config) {
    try {
      onValid.accept(config);
    } catch (Throwable failure) {
      logFailure("applying the changed configuration failed", failure);
    }
  }

  private void deliverInvalid(List<ConfigProblem> problems) {
    try {
      onInvalid.accept(problems);
    } catch (Throwable failure) {
      logFailure("reporting an invalid configuration failed", failure);
    }
  }

  /** Sleeps; false when interrupted (by {@link #close()} or otherwise). */
  private static boolean pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException interrupted) {
      return false;
    }
  }

  private static void logFailure(String message, Throwable failure) {
    try {
      AgentLog.get(ConfigWatcher.class).error(message, failure);
    } catch (Throwable ignored) {
      // Logging failed too: nothing is left to tell, and the thread must go on.
    }
  }
}
