package io.heapwarden.bootstrap.singletons;

import io.heapwarden.bootstrap.Rule;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One key's place in a registry: claimed by the thread that builds its instance, then holding the
 * instance. Other threads asking for the key meanwhile wait for it, unless waiting would close a
 * cycle of threads waiting for each other's constructions: then they build an unshared instance.
 */
final class Slot extends Creation {
  private static final int PENDING = 0;
  private static final int READY = 1;
  private static final int FAILED = 2;

  /** The slot each thread waits for, to find cycles; entries live only while a thread waits. */
  private static final Map<Thread, Slot> WAITING = new ConcurrentHashMap<>();

  /** Longest chain of waiting threads followed when looking for a cycle. */
  private static final int MAX_HOPS = 64;

  /** How often a waiting thread looks again for a cycle formed after it started waiting. */
  private static final long RECHECK_MILLIS = 20;

  final Rule rule;
  final Object key;
  final Object @Nullable [] args;
  final Map<Object, Slot> registry;
  final long startedNanos;
  private volatile @Nullable Thread creator;
  private volatile int state;
  private @Nullable Object value; // written before state becomes READY, read after

  Slot(
      Rule rule, Object key, Object @Nullable [] args, Map<Object, Slot> registry, Thread creator) {
    this.rule = rule;
    this.key = key;
    this.args = args;
    this.registry = registry;
    this.creator = creator;
    this.startedNanos = System.nanoTime();
  }

  boolean ready() {
    return state == READY;
  }

  @Nullable Object value() {
    return value;
  }

  boolean createdBy(Thread thread) {
    return creator == thread;
  }

  synchronized void complete(@Nullable Object instance) {
    value = instance;
    state = READY;
    creator = null;
    notifyAll();
  }

  synchronized void fail() {
    registry.remove(key, this);
    state = FAILED;
    creator = null;
    notifyAll();
  }

  /**
   * Waits until the slot is no longer pending. Returns false, without waiting further, when waiting
   * would deadlock (the creator waits, directly or not, for this thread) or the thread is
   * interrupted (the flag is kept).
   */
  boolean await(Thread me) {
    WAITING.put(me, this);
    try {
      synchronized (this) {
        while (state == PENDING) {
          if (closesCycle(me)) {
            return false;
          }
          try {
            wait(RECHECK_MILLIS);
          } catch (InterruptedException e) {
            me.interrupt();
            return false;
          }
        }
      }
      return true;
    } finally {
      WAITING.remove(me);
    }
  }

  private boolean closesCycle(Thread me) {
    Thread owner = creator;
    for (int hop = 0; owner != null && hop < MAX_HOPS; hop++) {
      if (owner == me) {
        return true;
      }
      Slot awaited = WAITING.get(owner);
      if (awaited == null) {
        return false;
      }
      owner = awaited.creator;
    }
    return false;
  }
}
