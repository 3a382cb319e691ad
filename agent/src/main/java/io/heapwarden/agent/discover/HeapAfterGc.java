package io.heapwarden.agent.discover;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/** The heap in use after the last collection of each pool, summed: the live set's trend. */
final class HeapAfterGc {
  private final List<MemoryPoolMXBean> pools = new ArrayList<>();

  HeapAfterGc() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
        pools.add(pool);
      }
    }
  }

  /** Bytes used after the last collection, -1 before any collection or when unknown. */
  long read() {
    long used = 0;
    boolean any = false;
    for (MemoryPoolMXBean pool : pools) {
      MemoryUsage usage = pool.getCollectionUsage();
      if (usage != null && usage.getUsed() >= 0) {
        used += usage.getUsed();
        any |= usage.getUsed() > 0;
      }
    }
    return any ? used : -1;
  }
}
