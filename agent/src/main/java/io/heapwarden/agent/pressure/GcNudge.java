package io.heapwarden.agent.pressure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.jspecify.annotations.Nullable;

/**
 * Asks the JVM to collect now and give memory back, measuring the heap and RSS around it. The
 * collection is {@code jcmd GC.run} through the DiagnosticCommand MBean: unlike {@code System.gc()}
 * it is not blocked by {@code -XX:+DisableExplicitGC}; under {@code
 * -XX:+ExplicitGCInvokesConcurrent} it starts a concurrent cycle, as {@code System.gc()} would.
 * {@code System.gc()} is the fallback where the MBean is missing. Then, where the JVM has it,
 * {@code System.trim_native_heap} returns free malloc memory to the OS. During the collection the
 * heap free ratios are lowered ({@link HeapShrink}), so that it also shrinks the committed heap.
 */
final class GcNudge {
  static final String GC_RUN = "DiagnosticCommand GC.run";
  static final String SYSTEM_GC = "System.gc";

  /** Appended to the mechanism when the collection ran with lowered heap free ratios. */
  static final String SHRUNK =
      ", heap free ratio " + HeapShrink.MIN_FREE + "-" + HeapShrink.MAX_FREE + "%";

  /** How long after the collection RSS is read again (on the guard's own thread). */
  static final long SETTLE_MILLIS = 300;

  /** What one nudge did. Heap and RSS in bytes (-1 unknown), duration in nanoseconds. */
  record Result(
      String mechanism,
      long heapBefore,
      long heapAfter,
      long rssBefore,
      long rssAfter,
      long durationNanos,
      String nativeTrim) {}

  // Found on first use, off the premain thread: the platform MBean server costs tens of ms.
  private volatile @Nullable DiagnosticCommands commands;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  /** With {@code commands}, or null to find this JVM's on first use. */
  GcNudge(@Nullable DiagnosticCommands commands) {
    this.commands = commands;
  }

  /** This JVM's diagnostic commands, found once. */
  DiagnosticCommands commands() {
    DiagnosticCommands found = commands;
    if (found == null) {
      found = DiagnosticCommands.detect();
      commands = found;
    }
    return found;
  }

  /** The commands if found already (by {@link #commands()}), else a stand-in with none. */
  private DiagnosticCommands ready() {
    DiagnosticCommands found = commands;
    return found != null ? found : DiagnosticCommands.NONE;
  }

  /** The mechanism {@link #run} uses, for the log and events. */
  String mechanism() {
    return ready().hasGcRun() ? GC_RUN : SYSTEM_GC;
  }

  /** Whether native trimming is available in this JVM. */
  boolean canTrimNative() {
    return ready().hasTrimNativeHeap();
  }

  /**
   * Collects (when {@code gc}), then trims native memory (when {@code trimNative} and supported);
   * {@code rss} reads the process's RSS. A failing step is skipped, never thrown.
   */
  Result run(boolean gc, boolean trimNative, java.util.function.LongSupplier rss) {
    return run(gc, trimNative, rss, true);
  }

  /**
   * The same; {@code settle}: wait {@link #SETTLE_MILLIS} before the native trim and reading RSS
   * again (only worth it when the container is watched: a heap-only guard needs its next reading at
   * once).
   */
  Result run(boolean gc, boolean trimNative, java.util.function.LongSupplier rss, boolean settle) {
    long started = System.nanoTime();
    long heapBefore = heapUsed();
    long rssBefore = rss.getAsLong();
    String mechanism = "none";
    if (gc) {
      mechanism = mechanism();
      HeapShrink shrink = HeapShrink.lower();
      try {
        if (ready().hasGcRun()) {
          ready().gcRun();
        } else {
          System.gc();
        }
      } catch (Exception failed) {
        mechanism = SYSTEM_GC; // the MBean refused: the plain request is better than nothing
        System.gc();
      } finally {
        if (shrink != null) {
          shrink.close();
          mechanism += SHRUNK;
        }
      }
    }
    long collected = System.nanoTime();
    // G1 (JDK 17+) and ZGC uncommit concurrently, and the Cleaners of the direct buffers the
    // collection found unreachable free their memory on the Reference Handler thread: RSS drops a
    // moment after the collection, and the native trim must come after those frees.
    if (settle) {
      try {
        Thread.sleep(SETTLE_MILLIS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    long trimStarted = System.nanoTime();
    String trimmed = "unsupported";
    if (trimNative && ready().hasTrimNativeHeap()) {
      try {
        trimmed = ready().trimNativeHeap();
      } catch (Exception failed) {
        trimmed = "failed: " + failed;
      }
    } else if (!trimNative) {
      trimmed = "off";
    }
    long duration = collected - started + System.nanoTime() - trimStarted; // the wait aside
    long heapAfter = heapUsed();
    return new Result(
        mechanism, heapBefore, heapAfter, rssBefore, rss.getAsLong(), duration, trimmed);
  }

  private long heapUsed() {
    try {
      return memory.getHeapMemoryUsage().getUsed();
    } catch (RuntimeException unavailable) {
      return -1;
    }
  }
}
