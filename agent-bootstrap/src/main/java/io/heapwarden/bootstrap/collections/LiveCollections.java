package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/**
 * The bounded collections alive for each rule, held weakly: what the pressure guard's emergency
 * trim visits ({@link #live}, the thread-safe ones) and what telemetry reports of a rule ({@link
 * #size}, {@code heapwarden.collection.size}; {@link #count}). It never keeps a collection alive,
 * it only reads sizes (never a collection's contents from another thread), and registering a
 * collection costs O(1) whatever the number alive or awaiting collection.
 *
 * <p>Every thread-safe collection is held by one weak reference, since the trim must reach each.
 * The others are not held at all, except a random sample of about {@link LiveRegistry#SAMPLE} per
 * rule, each standing for as many as it was sampled among: while fewer are alive, every one is in
 * the sample and the counts are exact; beyond, {@link #size} and {@link #count} are estimates (see
 * {@link LiveRegistry}).
 */
public final class LiveCollections {
  private static final ConcurrentHashMap<Rule, LiveRegistry> BY_RULE = new ConcurrentHashMap<>();
  private static final LiveRegistry.Measure ENTRIES = LiveCollections::sizeOf;
  private static final LiveRegistry.Measure ONE = collection -> 1;

  /**
   * {@link #isThreadSafe} by class, computed once per class: a failing {@code instanceof} of an
   * interface scans the class's interfaces every time, which cost a registration more than all the
   * rest of it (about 40 ns for an {@code ArrayList} on JDK 17).
   */
  private static final ClassValue<Boolean> THREAD_SAFE =
      new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return ConcurrentMap.class.isAssignableFrom(type)
              || BlockingQueue.class.isAssignableFrom(type) // and BlockingDeque
              || ConcurrentLinkedQueue.class.isAssignableFrom(type)
              || ConcurrentLinkedDeque.class.isAssignableFrom(type)
              || type == BoundedConcurrentKeySet.class;
        }
      };

  private LiveCollections() {}

  /** Records a bounded collection the agent stored for {@code rule}. */
  public static void register(Rule rule, Object collection) {
    LiveRegistry registry = BY_RULE.get(rule);
    if (registry == null) {
      registry = BY_RULE.computeIfAbsent(rule, r -> new LiveRegistry());
    }
    if (isThreadSafe(collection)) {
      registry.addReachable(collection);
    } else {
      registry.addSampled(collection);
    }
  }

  /**
   * The entries held by all live collections of {@code rule}; 0 when there are none. Exact for the
   * thread-safe ones, estimated from the sample for the others. Walks the rule's list: call it off
   * the service's threads.
   */
  public static long size(Rule rule) {
    LiveRegistry registry = BY_RULE.get(rule);
    return registry == null ? 0 : registry.sum(ENTRIES);
  }

  /** How many live collections {@code rule} has, estimated as {@link #size} is. */
  public static long count(Rule rule) {
    LiveRegistry registry = BY_RULE.get(rule);
    return registry == null ? 0 : registry.sum(ONE);
  }

  /**
   * The live thread-safe collections of {@code rule}, in a new list: what the pressure guard's
   * emergency trim visits (the others are not the agent's to touch, and are not held). The caller
   * must drop the list when done, so it keeps nothing alive for long.
   */
  public static List<Object> live(Rule rule) {
    LiveRegistry registry = BY_RULE.get(rule);
    return registry == null ? List.of() : registry.reachable();
  }

  /**
   * Whether another thread may modify {@code collection}: the {@code java.util.concurrent} types
   * (and their bounded subclasses) and the bounded {@code newKeySet()} set. Only these are held,
   * for the emergency trim.
   */
  public static boolean isThreadSafe(Object collection) {
    return THREAD_SAFE.get(collection.getClass());
  }

  /** The listed nodes of {@code rule}, gone or alive: for tests. */
  static int nodes(Rule rule) {
    LiveRegistry registry = BY_RULE.get(rule);
    return registry == null ? 0 : registry.nodes();
  }

  private static long sizeOf(Object collection) {
    try {
      if (collection instanceof Collection) {
        return ((Collection<?>) collection).size();
      }
      return collection instanceof Map ? ((Map<?, ?>) collection).size() : 0;
    } catch (RuntimeException racing) {
      return 0; // a size read racing a writer is only a sample; skip it
    }
  }
}
