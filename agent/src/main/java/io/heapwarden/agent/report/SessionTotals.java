package io.heapwarden.agent.report;

/** One session rule's evictions for one reason, summed over its {@code SessionEvictions} events. */
final class SessionTotals {
  final String rule;
  final String reason;
  long count;
  long maxAgeNanos;
  long maxIdleNanos;
  long estimatedBytes;

  SessionTotals(String rule, String reason) {
    this.rule = rule;
    this.reason = reason;
  }

  void add(long evicted, long maxAge, long maxIdle, long estimatedSize) {
    count += evicted;
    maxAgeNanos = Math.max(maxAgeNanos, maxAge);
    maxIdleNanos = Math.max(maxIdleNanos, maxIdle);
    estimatedBytes += Math.max(0, estimatedSize);
  }
}
