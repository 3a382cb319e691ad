package io.heapwarden.agent.log;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Limits log lines per key (a message template) to {@code limit} per rolling minute, and counts
 * what it holds back so that one line can say how many similar messages were suppressed.
 *
 * <p>Each key keeps the times of its last {@code limit} lines in a ring: a line is allowed when the
 * ring is not full or its oldest entry is a minute old, so no 60 seconds ever see more than {@code
 * limit} lines of one key. Suppressed lines are reported at most once a minute per key: with the
 * key's next allowed line, or by {@link #drainSuppressed} (the telemetry tick) once the key's
 * window has passed.
 *
 * <p>The number of keys is bounded: past {@link #MAX_KEYS} distinct keys (only a caller that logs
 * non-constant templates gets there), new keys share one overflow bucket. An allowed line for a
 * known key does not allocate.
 */
final class RateLimiter {
  static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
  static final int MAX_KEYS = 512;

  /** {@link #acquire} result: hold the line back. */
  static final long SUPPRESS = -1L;

  /** {@link #acquire} result: write the line, nothing to report first. */
  static final long ALLOW = 0L;

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Bucket overflow = new Bucket("(other messages)");

  /**
   * Decides whether a line with this key may be written now.
   *
   * @return {@link #SUPPRESS}, {@link #ALLOW}, or a positive number of earlier lines of this key
   *     that were suppressed and must be reported before this one
   */
  long acquire(String key, LogLevel level, long now, int limit) {
    while (true) {
      Bucket bucket = bucket(key);
      synchronized (bucket) {
        if (bucket.dead) {
          continue; // pruned between lookup and lock; look it up again
        }
        return bucket.acquire(level, now, limit);
      }
    }
  }

  /**
   * Hands every key whose window has passed and that has suppressed lines not yet reported to
   * {@code report}, and forgets keys idle for a minute. Called by the telemetry tick.
   */
  void drainSuppressed(long now, int limit, SuppressedReport report) {
    Iterator<Map.Entry<String, Bucket>> entries = buckets.entrySet().iterator();
    while (entries.hasNext()) {
      Bucket bucket = entries.next().getValue();
      long suppressed;
      LogLevel level;
      synchronized (bucket) {
        if (bucket.suppressed == 0) {
          if (now - bucket.lastUse >= WINDOW_NANOS) {
            bucket.dead = true;
            entries.remove();
          }
          continue;
        }
        if (!bucket.windowOpen(now, limit) || !bucket.mayReport(now)) {
          continue;
        }
        suppressed = bucket.suppressed;
        level = bucket.suppressedLevel;
        bucket.reported(now);
      }
      report.suppressed(bucket.key, level, suppressed);
    }
    long suppressed;
    LogLevel level;
    synchronized (overflow) {
      if (overflow.suppressed == 0
          || !overflow.windowOpen(now, limit)
          || !overflow.mayReport(now)) {
        return;
      }
      suppressed = overflow.suppressed;
      level = overflow.suppressedLevel;
      overflow.reported(now);
    }
    report.suppressed(overflow.key, level, suppressed);
  }

  /** The number of keys tracked, for tests. */
  int keys() {
    return buckets.size();
  }

  private Bucket bucket(String key) {
    Bucket bucket = buckets.get(key);
    if (bucket != null) {
      return bucket;
    }
    if (buckets.size() >= MAX_KEYS) {
      return overflow;
    }
    Bucket created = new Bucket(key);
    Bucket raced = buckets.putIfAbsent(key, created);
    return raced != null ? raced : created;
  }

  /** Receives a count of suppressed lines. */
  interface SuppressedReport {
    void suppressed(String key, LogLevel level, long count);
  }

  private static final class Bucket {
    final String key;
    long[] stamps = new long[0];
    int next;
    int used;
    long lastUse;
    long suppressed;
    LogLevel suppressedLevel = LogLevel.DEBUG;
    boolean everReported;
    long lastReport;
    boolean dead;

    Bucket(String key) {
      this.key = key;
    }

    long acquire(LogLevel level, long now, int limit) {
      lastUse = now;
      if (stamps.length != limit) {
        stamps = new long[limit];
        next = 0;
        used = 0;
      }
      if (used == limit) {
        if (now - stamps[next] < WINDOW_NANOS) {
          suppressed++;
          if (level.ordinal() < suppressedLevel.ordinal()) {
            suppressedLevel = level;
          }
          return SUPPRESS;
        }
      } else {
        used++;
      }
      stamps[next] = now;
      next = next + 1 == limit ? 0 : next + 1;
      if (suppressed > 0 && mayReport(now)) {
        long count = suppressed;
        reported(now);
        return count;
      }
      return ALLOW;
    }

    /** Whether a line of this key would be allowed now: its rolling minute has room. */
    boolean windowOpen(long now, int limit) {
      return stamps.length != limit || used < limit || now - stamps[next] >= WINDOW_NANOS;
    }

    /** At most one report of suppressed lines per minute and key. */
    boolean mayReport(long now) {
      return !everReported || now - lastReport >= WINDOW_NANOS;
    }

    void reported(long now) {
      suppressed = 0;
      suppressedLevel = LogLevel.DEBUG;
      everReported = true;
      lastReport = now;
    }
  }
}
