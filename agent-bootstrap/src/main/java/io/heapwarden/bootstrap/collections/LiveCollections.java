package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded collections alive for each rule, held weakly, so that telemetry can report how many
 * entries a rule keeps ({@code heapwarden.collection.size}). It never keeps a collection alive, and
 * it only reads sizes: it never touches a collection's contents from another thread.
 */
public final class LiveCollections {
  /** Registrations between sweeps of cleared references, so the registry stays small. */
  private static final int SWEEP_EVERY = 256;

  private static final ConcurrentHashMap<Rule, Registry> BY_RULE = new ConcurrentHashMap<>();

  private LiveCollections() {}

  /** Records a bounded collection the agent stored for {@code rule}. */
  public static void register(Rule rule, Object collection) {
    Registry registry = BY_RULE.computeIfAbsent(rule, r -> new Registry());
    registry.refs.add(new WeakReference<>(collection));
    if (registry.sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
      registry.sinceSweep.set(0);
      sizeOf(registry); // also drops the cleared references
    }
  }

  /** The entries held by all live collections of {@code rule}; 0 when there are none. */
  public static long size(Rule rule) {
    Registry registry = BY_RULE.get(rule);
    return registry == null ? 0 : sizeOf(registry);
  }

  /** How many live collections {@code rule} has. */
  public static int count(Rule rule) {
    Registry registry = BY_RULE.get(rule);
    if (registry == null) {
      return 0;
    }
    int live = 0;
    for (WeakReference<Object> ref : registry.refs) {
      if (ref.get() != null) {
        live++;
      }
    }
    return live;
  }

  /**
   * The live collections of {@code rule}, in a new list: what the pressure guard's emergency trim
   * visits. The caller must drop the list when done, so it keeps nothing alive for long.
   */
  public static List<Object> live(Rule rule) {
    Registry registry = BY_RULE.get(rule);
    List<Object> live = new ArrayList<>();
    if (registry != null) {
      for (WeakReference<Object> ref : registry.refs) {
        Object collection = ref.get();
        if (collection != null) {
          live.add(collection);
        }
      }
    }
    return live;
  }

  private static long sizeOf(Registry registry) {
    long total = 0;
    for (Iterator<WeakReference<Object>> it = registry.refs.iterator(); it.hasNext(); ) {
      Object collection = it.next().get();
      if (collection == null) {
        it.remove();
      } else {
        total += sizeOf(collection);
      }
    }
    return total;
  }

  private static int sizeOf(Object collection) {
    try {
      if (collection instanceof Collection) {
        return ((Collection<?>) collection).size();
      }
      return collection instanceof Map ? ((Map<?, ?>) collection).size() : 0;
    } catch (RuntimeException racing) {
      return 0; // a size read racing a writer is only a sample; skip it
    }
  }

  private static final class Registry {
    final ConcurrentLinkedQueue<WeakReference<Object>> refs = new ConcurrentLinkedQueue<>();
    final AtomicInteger sinceSweep = new AtomicInteger();
  }
}
