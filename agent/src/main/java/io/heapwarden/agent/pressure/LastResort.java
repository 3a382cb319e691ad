package io.heapwarden.agent.pressure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code on-critical.exit-after}, off by default: when pressure has stayed critical with the bounds
 * at their floor for that long, the service will not recover on its own. The guard writes a class
 * histogram (what fills the heap), the heap dump if one is configured and not written yet, logs one
 * line, and stops the JVM with {@link #EXIT_STATUS}, so that the orchestrator restarts a service
 * whose end is understood instead of one the kernel kills without a word. Shutdown hooks run (JFR
 * dumps its recording); if they have not finished after {@link #HALT_AFTER_SECONDS}, the JVM halts.
 */
final class LastResort {
  /** EX_TEMPFAIL from sysexits.h: a temporary failure, worth a restart. */
  static final int EXIT_STATUS = 75;

  static final int HALT_AFTER_SECONDS = 10;

  /** What actually stops the JVM (tests stand in for it). */
  interface Exit {
    void exit(int status);
  }

  /** {@code System.exit}, with a daemon thread that halts the JVM if shutdown hangs. */
  static final Exit SYSTEM =
      new Exit() {
        @Override
        public void exit(int status) {
          Thread halt =
              new Thread(
                  new Runnable() {
                    @Override
                    public void run() {
                      try {
                        Thread.sleep(TimeUnit.SECONDS.toMillis(HALT_AFTER_SECONDS));
                      } catch (InterruptedException ignored) {
                        // halt now
                      }
                      Runtime.getRuntime().halt(status);
                    }
                  },
                  "heapwarden-halt");
          halt.setDaemon(true);
          halt.start();
          System.exit(status);
        }
      };

  private LastResort() {}

  /**
   * Where the histogram goes: {@code heapwarden-histogram-<pid>.txt} in the heap dump's directory
   * when one is configured, else in the working directory.
   */
  static Path histogramPath(@Nullable String heapDumpPath, long pid) {
    String name = "heapwarden-histogram-" + pid + ".txt";
    if (heapDumpPath != null) {
      Path dir = HeapDumper.resolve(heapDumpPath, pid).toAbsolutePath().getParent();
      if (dir != null) {
        return dir.resolve(name);
      }
    }
    return Path.of(name).toAbsolutePath();
  }

  /**
   * Writes the histogram to {@code target}; returns what the log line says of it: the path, or why
   * there is none. Never throws.
   */
  static String writeHistogram(DiagnosticCommands commands, Path target) {
    try {
      Files.write(target, commands.classHistogram().getBytes(StandardCharsets.UTF_8));
      return "class histogram in " + target;
    } catch (Exception | LinkageError | OutOfMemoryError failed) {
      return "no class histogram (" + failed.getClass().getSimpleName() + ")";
    }
  }

  /** The one line before the exit. */
  static String message(
      long criticalNanos, int floor, String histogram, @Nullable String heapDump) {
    return "memory pressure CRITICAL for "
        + TimeUnit.NANOSECONDS.toSeconds(criticalNanos)
        + " s with bounds at their floor ("
        + floor
        + "%): stopping the JVM with exit status "
        + EXIT_STATUS
        + " (pressure.on-critical.exit-after) so that it is restarted; "
        + histogram
        + (heapDump == null ? "" : "; " + heapDump);
  }
}
