package io.heapwarden.agent.pressure;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Hands the long-lived pools' usage after each collection to the {@link HeapWatcher}, from the
 * JVM's GC notifications (on a JMX thread, never the service's). Where the JVM has no such
 * notifications, nothing is listened to and only collection usage counts.
 */
final class GcListener implements NotificationListener {
  private final HeapWatcher watcher;
  private final Runnable wake;

  private GcListener(HeapWatcher watcher, Runnable wake) {
    this.watcher = watcher;
    this.wake = wake;
  }

  static void listen(HeapWatcher watcher, Runnable wake) {
    try {
      GcListener listener = new GcListener(watcher, wake);
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter) {
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
      long used = 0;
      boolean any = false;
      for (Map.Entry<String, MemoryUsage> pool :
          info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (watcher.isWatched(pool.getKey())) {
          used += pool.getValue().getUsed();
          any = true;
        }
      }
      if (any) {
        watcher.afterGc(used, wake);
      }
    } catch (RuntimeException odd) {
      // a notification we cannot read is skipped
    }
  }
}
