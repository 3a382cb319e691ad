package io.heapwarden.agent.pressure;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes at most one heap dump per process. The dump goes to a temporary file in the target's
 * directory and is renamed into place only when complete, so the path never holds a truncated dump;
 * an existing file at the path is never overwritten.
 */
final class HeapDumper {
  private final AtomicBoolean done = new AtomicBoolean();

  /** {@code %p} in {@code pattern} replaced by this process's id. */
  static Path resolve(String pattern, long pid) {
    return Path.of(pattern.replace("%p", Long.toString(pid)));
  }

  /** Whether the one dump was attempted already. */
  boolean done() {
    return done.get();
  }

  /**
   * Writes the dump to {@code target} unless one was attempted before (even a failed one: a second
   * try under the same pressure would likely fail the same way, at the same cost). Returns the path
   * written, or throws why not.
   */
  Path dump(Path target) throws IOException {
    if (!done.compareAndSet(false, true)) {
      throw new IllegalStateException("a heap dump was already attempted in this process");
    }
    Path absolute = target.toAbsolutePath();
    if (Files.exists(absolute)) {
      throw new IOException(absolute + " exists; it is not overwritten");
    }
    // only a root has no parent, and a root exists: refused above
    Path dir = Objects.requireNonNull(absolute.getParent());
    // dumpHeap wants a name ending in .hprof, and a file that does not exist yet.
    Path temporary =
        dir.resolve("." + absolute.getFileName() + ".part-" + System.nanoTime() + ".hprof");
    try {
      HotSpotDiagnosticMXBean diagnostics =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      diagnostics.dumpHeap(temporary.toString(), true);
      if (Files.exists(absolute)) {
        throw new IOException(absolute + " appeared meanwhile; it is not overwritten");
      }
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
      return absolute;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Writes the one dump to {@code pattern} ({@code %p}: the pid); returns the log line that says
   * where, or why not ({@code when}: "at CRITICAL pressure"). Never throws.
   */
  String dumpOnce(String pattern, String when) {
    try {
      return "wrote a heap dump "
          + when
          + " to "
          + dump(resolve(pattern, ProcessHandle.current().pid()));
    } catch (Exception | LinkageError failed) {
      return "could not write the heap dump: " + failed;
    }
  }
}
