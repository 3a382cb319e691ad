package io.heapwarden.agent.pressure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.jspecify.annotations.Nullable;

/**
 * The heap after every collection, young ones included. The JVM's GC notifications ({@link
 * GcListener}) hand over the heap's usage after each collection; the reading is the larger of the
 * long-lived pools' share of their maximum and the whole heap's share of its maximum (see {@link
 * HeapPools#reading}). Between collections, a usage threshold armed at {@code critical} on the
 * long-lived pools wakes the guard when the collector lets them cross it. Where the JVM sends no GC
 * notifications, the long-lived pools' collection usage is read instead.
 *
 * <p>Created on the premain thread: the level is readable before the service's {@code main} runs.
 * No allocation per collection beyond what JMX builds for its notification.
 */
final class HeapWatcher {
  private final MemoryPoolMXBean[] pools;
  private final long[] maxima;
  private final long max;
  private final long heapMax;
  private final boolean thresholds;
  private final boolean usageThresholds;
  private volatile Runnable wake = NOTHING;

  private final MemoryPoolMXBean[] survivors; // heap pools beside the long-lived ones, eden aside
  private volatile double settled = -1; // the reading after the latest settling collection
  private volatile long settledAt; // System.nanoTime() when it was notified, 0 before
  private volatile double wakeAbove = 2; // a reading at or above this wakes the guard
  private volatile boolean crossed; // a usage threshold was crossed since the last look
  private long usedAfterGc = -1;

  private static final Runnable NOTHING =
      new Runnable() {
        @Override
        public void run() {}
      };

  HeapWatcher(
      MemoryPoolMXBean[] pools,
      MemoryPoolMXBean[] survivors,
      long[] maxima,
      long heapMax,
      boolean thresholds,
      boolean usage) {
    this.pools = pools;
    this.survivors = survivors;
    this.maxima = maxima;
    this.thresholds = thresholds;
    this.usageThresholds = usage;
    long total = 0;
    for (long m : maxima) {
      total += m;
    }
    this.max = total;
    this.heapMax = heapMax;
  }

  /**
   * Watches this JVM's heap and arms its thresholds ({@code warn} on the long-lived pools'
   * collection usage, {@code critical} on their usage); {@link #wakeWith} names what to run (on a
   * JMX thread) when a reading deserves a look. Null when no long-lived pool can be told.
   */
  static @Nullable HeapWatcher start(double warn, double critical) {
    List<MemoryPoolMXBean> chosen = HeapPools.longLived(ManagementFactory.getMemoryPoolMXBeans());
    if (chosen.isEmpty()) {
      return null;
    }
    MemoryPoolMXBean[] pools = chosen.toArray(new MemoryPoolMXBean[0]);
    long[] maxima = new long[pools.length];
    boolean thresholds = true;
    boolean usage = true;
    for (int i = 0; i < pools.length; i++) {
      long poolMax = pools[i].getUsage().getMax();
      // An undefined pool maximum (-1): the heap's maximum bounds it.
      maxima[i] = poolMax > 0 ? poolMax : Runtime.getRuntime().maxMemory();
      thresholds &= pools[i].isCollectionUsageThresholdSupported();
      usage &= pools[i].isUsageThresholdSupported();
    }
    boolean emitter = ManagementFactory.getMemoryMXBean() instanceof NotificationEmitter;
    HeapWatcher watcher =
        new HeapWatcher(
            pools,
            HeapPools.survivors(ManagementFactory.getMemoryPoolMXBeans(), chosen),
            maxima,
            Runtime.getRuntime().maxMemory(),
            thresholds && emitter,
            usage && emitter);
    if (emitter && (thresholds || usage)) {
      ((NotificationEmitter) ManagementFactory.getMemoryMXBean())
          .addNotificationListener(new Listener(watcher), null, null);
    }
    watcher.arm(warn, critical);
    GcListener.listen(watcher);
    return watcher;
  }

  /** What runs when a reading deserves the guard's look (a collection above warn, a threshold). */
  void wakeWith(Runnable waker) {
    wake = waker;
  }

  /**
   * Called on a JMX thread after every collection with the long-lived pools' and the whole heap's
   * usage after it; {@code settling} when the collection reclaimed old objects (a full or old
   * collection, a whole-heap cycle), so that the reading is the live set rather than live plus old
   * garbage. Wakes the guard at or above the warn threshold. The JVM delivers these notifications
   * late under load (hundreds of ms during a spike on a busy machine): they wake the guard and date
   * settling collections, while the guard's own reading is {@link #current()}.
   */
  void afterGc(long oldUsed, long heapUsed, boolean settling) {
    double reading = HeapPools.reading(oldUsed, max, heapUsed, heapMax);
    if (settling) {
      settled = reading;
      settledAt = System.nanoTime();
    }
    if (reading >= wakeAbove) {
      wake.run();
    }
  }

  /** Readings at or above {@code fraction} wake the guard. */
  void wakeAbove(double fraction) {
    wakeAbove = fraction;
  }

  boolean isWatched(String poolName) {
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getName().equals(poolName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Arms the long-lived pools' collection-usage thresholds at {@code warn} and their usage
   * thresholds at {@code critical} of each pool's maximum.
   */
  void arm(double warn, double critical) {
    for (int i = 0; i < pools.length; i++) {
      if (thresholds) {
        pools[i].setCollectionUsageThreshold(Math.max(1, (long) (maxima[i] * warn)));
      }
      if (usageThresholds) {
        pools[i].setUsageThreshold(Math.max(1, (long) (maxima[i] * critical)));
      }
    }
    wakeAbove = warn;
  }

  /**
   * The heap now, without eden (which fills and empties with every burst of allocation): the
   * long-lived pools against their maximum, and with the survivor pools against the heap's (see
   * {@link HeapPools#reading}). Between collections this is what the last one left plus what was
   * allocated directly into the old pools (G1's humongous objects), garbage included: a reading at
   * or above critical is confirmed by a collection. Three {@code getUsage()} calls, JMX's value
   * objects the only allocation.
   */
  double current() {
    long old = 0;
    for (MemoryPoolMXBean pool : pools) {
      old += pool.getUsage().getUsed();
    }
    long heap = old;
    for (MemoryPoolMXBean pool : survivors) {
      heap += pool.getUsage().getUsed();
    }
    usedAfterGc = old;
    return HeapPools.reading(old, max, heap, heapMax);
  }

  /** The reading after the JVM's latest settling collection, -1 before the first. */
  double settled() {
    return settled;
  }

  /** System.nanoTime() when the JVM's latest settling collection was notified, 0 before. */
  long settledAt() {
    return settledAt;
  }

  /** Whether a usage threshold was crossed between collections since the last call. */
  boolean crossedSinceLastLook() {
    boolean was = crossed;
    crossed = false;
    return was;
  }

  /** Bytes of the long-lived pools in use at the latest reading, -1 before the first. */
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

  /** Wakes the guard on a threshold notification; nothing else. */
  private static final class Listener implements NotificationListener {
    private final HeapWatcher watcher;

    Listener(HeapWatcher watcher) {
      this.watcher = watcher;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
      try {
        String type = notification.getType();
        if (MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(type)) {
          watcher.crossed = true;
          watcher.wake.run();
        } else if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(type)) {
          watcher.wake.run();
        }
      } catch (Throwable ignored) {
        // an OutOfMemoryError here must not reach the JMX thread; the next collection tells again
      }
    }
  }
}
