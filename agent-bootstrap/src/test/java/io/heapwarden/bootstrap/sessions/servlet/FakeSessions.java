package io.heapwarden.bootstrap.sessions.servlet;

import io.heapwarden.bootstrap.sessions.EvictionReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A container stand-in: sessions whose invalidation removes them from their map, as Tomcat's do.
 */
final class FakeSessions {
  private FakeSessions() {}

  static final class Session {
    final String id;
    volatile long lastAccess;
    final long created;
    volatile boolean inUse;
    volatile int maxInactive;
    volatile boolean valid = true;
    volatile Map<Object, Object> container;
    final Map<String, Object> attributes = new ConcurrentHashMap<>();

    Session(String id, long created, int maxInactive) {
      this.id = id;
      this.created = created;
      this.lastAccess = created;
      this.maxInactive = maxInactive;
    }
  }

  /** The adapter of {@link Session}; records invalidations in order. */
  static final class Adapter extends ContainerAdapter {
    final List<String> invalidated = new ArrayList<>();
    volatile RuntimeException failure;

    @Override
    String container() {
      return "fake";
    }

    @Override
    long lastAccess(Object session) {
      check();
      return ((Session) session).lastAccess;
    }

    @Override
    long created(Object session) {
      return ((Session) session).created;
    }

    @Override
    boolean inUse(Object session) {
      return ((Session) session).inUse;
    }

    @Override
    boolean capInactiveInterval(Object session, int seconds) {
      check();
      Session s = (Session) session;
      if (s.maxInactive > 0 && s.maxInactive <= seconds) {
        return false;
      }
      s.maxInactive = seconds;
      return true;
    }

    @Override
    Map<?, ?> attributes(Object session) {
      return ((Session) session).attributes;
    }

    @Override
    synchronized boolean invalidate(Object session) {
      Session s = (Session) session;
      if (!s.valid) {
        return false;
      }
      s.valid = false;
      synchronized (invalidated) {
        invalidated.add(s.id);
      }
      s.container.remove(s.id); // the container's own bookkeeping
      return true;
    }

    private void check() {
      RuntimeException f = failure;
      if (f != null) {
        throw f;
      }
    }
  }

  /** Live limits and what was counted. */
  static final class Rule implements ServletRule {
    volatile long maxSessions = UNSET;
    volatile long idleTimeoutMillis = UNSET;
    volatile long window = UNSET;
    volatile boolean enabled = true;
    final Map<EvictionReason, Integer> evictions = new EnumMap<>(EvictionReason.class);
    final List<long[]> ageAndIdle = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();

    @Override
    public long maxSessions() {
      return maxSessions;
    }

    @Override
    public long idleTimeoutMillis() {
      return idleTimeoutMillis;
    }

    @Override
    public long evictIdleAfterMillis() {
      return idleTimeoutMillis;
    }

    @Override
    public long window() {
      return window;
    }

    @Override
    public boolean enabled() {
      return enabled;
    }

    @Override
    public synchronized void evicted(
        EvictionReason reason, long size, long ageMillis, long idleMillis) {
      evictions.merge(reason, 1, Integer::sum);
      ageAndIdle.add(new long[] {ageMillis, idleMillis});
    }

    @Override
    public synchronized void fail(Throwable failure) {
      failures.add(failure);
      enabled = false;
    }

    synchronized int evicted(EvictionReason reason) {
      return evictions.getOrDefault(reason, 0);
    }
  }

  /** A mutable clock for tests. */
  static final class Clock implements java.util.function.LongSupplier {
    volatile long now;

    @Override
    public long getAsLong() {
      return now;
    }
  }

  static Map<String, Object> linked() {
    return new LinkedHashMap<>();
  }
}
