package io.heapwarden.agent.pressure;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Hands the heap's usage after each collection, young ones included, to the {@link HeapWatcher},
 * from the JVM's GC notifications (on a JMX thread, never the service's). Where the JVM has no such
 * notifications, nothing is listened to and only collection usage counts. Never throws into the JMX
 * thread, not even an {@code OutOfMemoryError}: the next collection tells again.
 */
final class GcListener implements NotificationListener {
  private final HeapWatcher watcher;
  private final String[] heapPools;

  private GcListener(HeapWatcher watcher, String[] heapPools) {
    this.watcher = watcher;
    this.heapPools = heapPools;
  }

  static void listen(HeapWatcher watcher) {
    try {
      java.util.List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
      java.util.List<String> heap = new java.util.ArrayList<>();
      for (MemoryPoolMXBean pool : pools) {
        if (pool.getType() == MemoryType.HEAP) {
          heap.add(pool.getName());
        }
      }
      GcListener listener = new GcListener(watcher, heap.toArray(new String[0]));
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter && !HeapPools.isPauseOnly(gc.getName())) {
          ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
      }
    } catch (RuntimeException | LinkageError unsupported) {
      // no com.sun.management: collection usage alone
    }
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    try {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
          notification.getType())) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
      long old = 0;
      long heap = 0;
      boolean any = false;
      for (String pool : heapPools) {
        MemoryUsage usage = after.get(pool);
        if (usage == null) {
          continue;
        }
        heap += usage.getUsed();
        if (watcher.isWatched(pool)) {
          old += usage.getUsed();
          any = true;
        }
      }
      if (any) {
        watcher.afterGc(old, heap, HeapPools.settles(info.getGcName(), info.getGcAction()));
      }
    } catch (Throwable odd) {
      // an unreadable notification, or no memory to read it: skipped, the next one tells again
    }
  }
}
