package io.heapwarden.agent.pressure;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import org.jspecify.annotations.Nullable;

/**
 * Lets the nudge's full collection give the committed heap back, not only empty it. After a full
 * collection HotSpot shrinks the heap only down to {@code MaxHeapFreeRatio} (70% by default) free,
 * so a heap that held a transient spike stays about twice the live data; with G1 on JDK 17 that
 * kept RSS at 2x. Both free ratios are manageable flags: they are lowered for the duration of the
 * collection and restored right after, so the service's own sizing policy is unchanged otherwise.
 * Nothing happens when the service set the ratios itself lower, or the JVM refuses.
 */
final class HeapShrink implements AutoCloseable {
  static final long MIN_FREE = 10;
  static final long MAX_FREE = 30;

  private final HotSpotDiagnosticMXBean hotspot;
  private final String minBefore;
  private final String maxBefore;

  private HeapShrink(HotSpotDiagnosticMXBean hotspot, String minBefore, String maxBefore) {
    this.hotspot = hotspot;
    this.minBefore = minBefore;
    this.maxBefore = maxBefore;
  }

  /** Lowers the free ratios for one collection; null when they stay as they are. */
  static @Nullable HeapShrink lower() {
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      VMOption min = hotspot.getVMOption("MinHeapFreeRatio");
      VMOption max = hotspot.getVMOption("MaxHeapFreeRatio");
      if (!min.isWriteable() || !max.isWriteable() || Long.parseLong(max.getValue()) <= MAX_FREE) {
        return null;
      }
      // Min first: the JVM rejects a maximum below the current minimum.
      hotspot.setVMOption("MinHeapFreeRatio", Long.toString(Math.min(MIN_FREE, value(min))));
      hotspot.setVMOption("MaxHeapFreeRatio", Long.toString(MAX_FREE));
      return new HeapShrink(hotspot, min.getValue(), max.getValue());
    } catch (RuntimeException | LinkageError refused) {
      return null;
    }
  }

  private static long value(VMOption option) {
    return Long.parseLong(option.getValue());
  }

  /** Restores the service's ratios: the maximum first, so the minimum fits under it again. */
  @Override
  public void close() {
    try {
      hotspot.setVMOption("MaxHeapFreeRatio", maxBefore);
      hotspot.setVMOption("MinHeapFreeRatio", minBefore);
    } catch (RuntimeException refused) {
      // the ratios stay lowered: a smaller heap after collections, never a failure
    }
  }
}
