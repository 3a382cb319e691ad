package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Rule;

/**
 * What follows every eviction, once the entry is out of the map and no lock is held: count it, then
 * let the rule's adapter end the session (close it with {@code on-evict: close}). A failing adapter
 * disables the rule; it never reaches the service.
 */
final class SessionEnd {
  private SessionEnd() {}

  static void evicted(
      Rule rule,
      SessionPolicy policy,
      SessionStats stats,
      Object key,
      Object value,
      Stamp stamp,
      long now,
      EvictionReason reason,
      boolean trim) {
    try {
      long age = stamp == null ? 0 : Math.max(0, now - stamp.created);
      long idle = stamp == null ? 0 : Math.max(0, now - stamp.lastAccess);
      stats.evicted(reason, age, idle, SessionSizes.estimate(value), trim);
      policy.adapter().ended(key, value, policy.closeOnEvict());
    } catch (Throwable t) {
      rule.fail(t);
    }
  }
}
