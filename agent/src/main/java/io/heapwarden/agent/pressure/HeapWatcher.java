package io.heapwarden.agent.pressure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * The long-lived heap after GC. The JVM tells us when a collection leaves a long-lived pool above
 * its collection-usage threshold (armed at the warn level), so nothing polls while the heap is
 * fine; the guard reads {@link #sample()} on that signal, and on its ticks only while the heap is
 * above normal (to see it recover) or when the JVM cannot notify.
 */
final class HeapWatcher {
  private final MemoryPoolMXBean[] pools;
  private final long[] maxima;
  private final long max;
  private final boolean notifies;
  private volatile long usedAfterGc = -1;
  private volatile long occupancy = -1;
  private volatile double wakeAbove = 2; // a fraction above which a GC wakes the guard

  private HeapWatcher(MemoryPoolMXBean[] pools, long[] maxima, boolean notifies) {
    this.pools = pools;
    this.maxima = maxima;
    this.notifies = notifies;
    long total = 0;
    for (long m : maxima) {
      total += m;
    }
    this.max = total;
  }

  /**
   * Watches this JVM's long-lived pools; {@code wake} runs (on a JMX notification thread) when a
   * collection leaves one above its threshold. Null when there are no such pools.
   */
  static HeapWatcher start(Runnable wake) {
    List<MemoryPoolMXBean> chosen = HeapPools.longLived(ManagementFactory.getMemoryPoolMXBeans());
    if (chosen.isEmpty()) {
      return null;
    }
    MemoryPoolMXBean[] pools = chosen.toArray(new MemoryPoolMXBean[0]);
    long[] maxima = new long[pools.length];
    boolean thresholds = true;
    for (int i = 0; i < pools.length; i++) {
      long poolMax = pools[i].getUsage().getMax();
      // An undefined pool maximum (-1): the heap's maximum bounds it.
      maxima[i] = poolMax > 0 ? poolMax : Runtime.getRuntime().maxMemory();
      thresholds &= pools[i].isCollectionUsageThresholdSupported();
    }
    boolean notifies = false;
    if (thresholds && ManagementFactory.getMemoryMXBean() instanceof NotificationEmitter) {
      ((NotificationEmitter) ManagementFactory.getMemoryMXBean())
          .addNotificationListener(new Listener(wake), null, null);
      notifies = true;
    }
    HeapWatcher watcher = new HeapWatcher(pools, maxima, notifies);
    GcListener.listen(watcher, wake);
    return watcher;
  }

  /**
   * Called on a JMX thread after every collection, young ones too, with the long-lived pools' usage
   * after it (live data plus garbage not collected yet); wakes the guard only above the threshold.
   */
  void afterGc(long used, Runnable wake) {
    occupancy = used;
    if (max > 0 && (double) used / max >= wakeAbove) {
      wake.run();
    }
  }

  /** GCs leaving the long-lived pools at or above {@code fraction} of their max wake the guard. */
  void wakeAbove(double fraction) {
    wakeAbove = fraction;
  }

  /**
   * The long-lived pools' usage after the latest collection of any kind, as a fraction of their
   * maximum, or -1 before the first. Unlike {@link #sample()} it includes old garbage that only an
   * old collection would reclaim: G1 on JDK 17 updates the old pool's collection usage only in
   * mixed and full collections, which a growing heap may not see until it is nearly full.
   */
  double occupancy() {
    long used = occupancy;
    return used < 0 || max <= 0 ? -1 : (double) used / max;
  }

  boolean isWatched(String poolName) {
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getName().equals(poolName)) {
        return true;
      }
    }
    return false;
  }

  /** Arms the collection-usage thresholds at {@code warn} of each pool's maximum. */
  void arm(double warn) {
    if (!notifies) {
      return;
    }
    for (int i = 0; i < pools.length; i++) {
      pools[i].setCollectionUsageThreshold(Math.max(1, (long) (maxima[i] * warn)));
    }
  }

  /** Whether the JVM notifies us; if not, the guard polls {@link #sample()} on every tick. */
  boolean notifies() {
    return notifies;
  }

  /**
   * Reads the long-lived pools' usage after their last collection; returns it as a fraction of
   * their maximum, or -1 when no collection has touched them yet.
   */
  double sample() {
    long used = 0;
    boolean any = false;
    for (MemoryPoolMXBean pool : pools) {
      MemoryUsage after = pool.getCollectionUsage(); // the one allocation: JMX's own value object
      if (after != null) {
        used += after.getUsed();
        any = true;
      }
    }
    if (!any || max <= 0) {
      return -1;
    }
    usedAfterGc = used;
    return (double) used / max;
  }

  /** Bytes of the long-lived pools in use after their last collection, -1 before the first. */
  long usedAfterGc() {
    return usedAfterGc;
  }

  /** The long-lived pools' maximum, in bytes. */
  long max() {
    return max;
  }

  /** Names of the watched pools, for the log. */
  String poolNames() {
    StringBuilder names = new StringBuilder();
    for (MemoryPoolMXBean pool : pools) {
      names.append(names.length() == 0 ? "" : ", ").append(pool.getName());
    }
    return names.toString();
  }

  /** Wakes the guard on a collection-usage threshold notification; nothing else. */
  private static final class Listener implements NotificationListener {
    private final Runnable wake;

    Listener(Runnable wake) {
      this.wake = wake;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
      if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(
          notification.getType())) {
        wake.run();
      }
    }
  }
}
