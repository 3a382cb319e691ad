package io.heapwarden.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * One collection's count of one action of its rule, for a collection that is not thread-safe: its
 * own threads, which its contract already serializes, add without an atomic instruction; the rule
 * adds what it has not taken yet into its total whenever the total is read (see {@link
 * Rule#total}). A lock-prefixed add per eviction cost about a sixth of the eviction.
 *
 * <p>It refers weakly to its owner, the collection, so that the rule can tell when the owner is
 * gone and its count final: one object per counting collection, made at its first count.
 */
public final class LocalCounter extends WeakReference<Object> {
  private static final VarHandle COUNT;

  static {
    try {
      COUNT = MethodHandles.lookup().findVarHandle(LocalCounter.class, "count", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Action action;

  @SuppressWarnings(
      "unused") // through COUNT: opaque, so a reader on another thread never sees half
  private long count;

  private long taken; // what the rule has added to its total; under LocalCounters' lock

  LocalCounter(Action action, Object owner) {
    super(owner);
    this.action = action;
  }

  /** Called only by the owning collection, on the thread that holds it at the time. */
  public void add(long amount) {
    COUNT.setOpaque(this, (long) COUNT.get(this) + amount);
  }

  Action action() {
    return action;
  }

  boolean ownerGone() {
    return get() == null;
  }

  /** What was counted since the last call; called under the rule's {@link LocalCounters} lock. */
  long take() {
    long count = (long) COUNT.getOpaque(this);
    long untaken = count - taken;
    taken = count;
    return untaken;
  }
}
