package io.heapwarden.agent.pressure;

/**
 * The heap as {@link Runtime} reports it, eden included: what the guard reads from the first
 * instant of the service's {@code main} until the JMX pools are armed (they cost tens to hundreds
 * of ms, too much for premain). No class to load, no allocation. Eden makes it high between young
 * collections: a reading at critical is confirmed by a collection like any other.
 */
final class RuntimeHeap {
  private RuntimeHeap() {}

  /** Bytes in use, eden included. */
  static long used() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** {@link #used()} as a fraction of the maximum heap. */
  static double reading() {
    return (double) used() / Runtime.getRuntime().maxMemory();
  }
}
