package io.heapwarden.bootstrap.discover;

import java.lang.ref.WeakReference;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One tracked field: weak references to the collections stored in it (at most {@link
 * #MAX_INSTANCES} alive at once, per field), and how many stores it saw. A collection that becomes
 * garbage frees its slot; a store while every slot holds a live collection is counted as untracked
 * rather than kept.
 */
public final class TrackedField {
  /** The most live collections remembered per field (a field of many objects is sampled). */
  public static final int MAX_INSTANCES = 256;

  private final String owner;
  private final String name;
  private final String type;
  private final boolean isStatic;

  @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation
  private final WeakReference<Object>[] slots = new WeakReference[MAX_INSTANCES];

  private int used; // slots ever filled; guarded by this
  private final LongAdder stores = new LongAdder();
  private final LongAdder untracked = new LongAdder();

  TrackedField(String owner, String name, String type, boolean isStatic) {
    this.owner = owner;
    this.name = name;
    this.type = type;
    this.isStatic = isStatic;
  }

  /** The class that declares the field (as the rewritten code names it). */
  public String owner() {
    return owner;
  }

  public String name() {
    return name;
  }

  /** The field's declared type, as a class name. */
  public String type() {
    return type;
  }

  public boolean isStatic() {
    return isStatic;
  }

  /** {@code owner.name}. */
  public String qualifiedName() {
    return owner + '.' + name;
  }

  /** Stores of a collection or map into the field since start. */
  public long stores() {
    return stores.sum();
  }

  /** Stores not tracked because {@link #MAX_INSTANCES} live collections were already tracked. */
  public long untracked() {
    return untracked.sum();
  }

  void track(Object value) {
    if (!(value instanceof Collection) && !(value instanceof Map)) {
      return; // a field of a service type that is not a collection after all
    }
    stores.increment();
    synchronized (this) {
      int free = -1;
      for (int i = 0; i < used; i++) {
        Object held = slots[i].get();
        if (held == value) {
          return; // stored again
        }
        if (held == null && free < 0) {
          free = i;
        }
      }
      if (free < 0 && used < MAX_INSTANCES) {
        free = used++;
      }
      if (free < 0) {
        untracked.increment();
        return;
      }
      slots[free] = new WeakReference<>(value);
    }
  }

  /**
   * The live collections now tracked, held strongly only by the returned array (the sampler reads
   * their sizes and drops it).
   */
  public Object[] live() {
    synchronized (this) {
      Object[] live = new Object[used];
      int count = 0;
      for (int i = 0; i < used; i++) {
        Object held = slots[i].get();
        if (held != null) {
          live[count++] = held;
        }
      }
      Object[] result = new Object[count];
      System.arraycopy(live, 0, result, 0, count);
      return result;
    }
  }
}
