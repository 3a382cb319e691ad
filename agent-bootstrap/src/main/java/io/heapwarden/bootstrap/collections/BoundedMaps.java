package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds the bounded replacement of a map stored in a ruled field. Only exact JDK classes are
 * replaced: a subclass (including an anonymous "double-brace" one) may rely on code of its own that
 * the replacement would drop.
 */
public final class BoundedMaps {
  private static final String SYNCHRONIZED_MAP = "java.util.Collections$SynchronizedMap";

  private BoundedMaps() {}

  /**
   * A bounded map holding {@code original}'s entries, of a class assignable to every type {@code
   * original}'s class is, or {@code null} when {@link #unsupportedReason(Map)} has a reason. The
   * original's iteration order is taken as oldest to newest; entries beyond the bound are evicted
   * at once, oldest first, and counted as evictions. Supported: {@code HashMap} (bounded by a
   * {@link BoundedHashMap} under {@code lru}, else like a {@code LinkedHashMap}) and {@code
   * LinkedHashMap} (bounded by a {@link BoundedLinkedHashMap}), {@code TreeMap} (a {@link
   * BoundedTreeMap} with its comparator), {@code ConcurrentHashMap} (a {@link
   * BoundedConcurrentHashMap}) and {@code Collections.synchronizedMap} over one of the hash maps (a
   * synchronized wrapper of the bounded copy, copied while holding the original's lock).
   */
  public static @Nullable Map<?, ?> copyOf(Map<?, ?> original, Rule rule, boolean lru) {
    Class<?> type = original.getClass();
    if (type == HashMap.class && lru) {
      return fill(new BoundedHashMap<>(rule), original);
    }
    if (type == HashMap.class || type == LinkedHashMap.class) {
      return fill(new BoundedLinkedHashMap<>(rule, lru), original);
    }
    if (type == TreeMap.class) {
      return fill(
          new BoundedTreeMap<>(comparatorOf((TreeMap<?, ?>) original), rule, lru), original);
    }
    if (type == ConcurrentHashMap.class) {
      return fill(new BoundedConcurrentHashMap<>(rule, lru), original);
    }
    if (type.getName().equals(SYNCHRONIZED_MAP)) {
      synchronized (
          original) { // its mutex: the wrapper itself, as Collections.synchronizedMap makes it
        Map<Object, Object> bounded = emptyBoundedLike(backingMapOf(original), rule, lru);
        return bounded == null ? null : Collections.synchronizedMap(fill(bounded, original));
      }
    }
    return null;
  }

  /** Why maps of this class are not replaced, or {@code null} when {@link #copyOf} supports it. */
  public static @Nullable String unsupportedReason(Class<?> type) {
    if (type == HashMap.class
        || type == LinkedHashMap.class
        || type == TreeMap.class
        || type == ConcurrentHashMap.class
        || type.getName().equals(SYNCHRONIZED_MAP)) {
      return null;
    }
    String name = type.getName();
    if (type.isAnonymousClass()) {
      return "an anonymous subclass of "
          + type.getSuperclass().getName()
          + " (double-brace initialization?): a bounded copy would drop its code";
    }
    for (Class<?> supported :
        new Class<?>[] {
          LinkedHashMap.class, HashMap.class, TreeMap.class, ConcurrentHashMap.class
        }) {
      if (supported.isAssignableFrom(type)) {
        return name + " subclasses " + supported.getName() + ": a bounded copy would drop its code";
      }
    }
    if (name.startsWith("java.util.Collections$Unmodifiable")
        || name.startsWith("java.util.ImmutableCollections$")) {
      return name + " is unmodifiable: it cannot grow";
    }
    if (name.startsWith("java.util.Collections$Synchronized")) {
      return name + ": of the synchronized wrappers only Collections.synchronizedMap is supported";
    }
    if (type == WeakHashMap.class) {
      return "a WeakHashMap drops entries whose keys are unreachable; a bounded copy would hold them";
    }
    if (type == IdentityHashMap.class) {
      return "an IdentityHashMap compares keys by identity; the bounded maps use equals";
    }
    return name
        + " is not supported; supported: HashMap, LinkedHashMap, TreeMap, ConcurrentHashMap and"
        + " Collections.synchronizedMap over the hash maps";
  }

  /** Like {@link #unsupportedReason(Class)}, also judging what a synchronized wrapper wraps. */
  public static @Nullable String unsupportedReason(Map<?, ?> original) {
    String reason = unsupportedReason(original.getClass());
    if (reason != null || !original.getClass().getName().equals(SYNCHRONIZED_MAP)) {
      return reason;
    }
    synchronized (original) {
      String backing = backingMapOf(original);
      return backing.isEmpty()
          ? "Collections.synchronizedMap over a map other than HashMap, LinkedHashMap or"
              + " ConcurrentHashMap"
          : null;
    }
  }

  /**
   * The class of the map a synchronized wrapper wraps, told by its entry iterator (the wrapper
   * hands out the wrapped map's iterator itself), or "" when it is none of the hash maps. A
   * subclass of HashMap or LinkedHashMap has the same iterator and is not told apart.
   */
  private static String backingMapOf(Map<?, ?> synchronizedMap) {
    switch (synchronizedMap.entrySet().iterator().getClass().getName()) {
      case "java.util.HashMap$EntryIterator":
      case "java.util.LinkedHashMap$LinkedEntryIterator":
        return "java.util.LinkedHashMap";
      case "java.util.concurrent.ConcurrentHashMap$EntryIterator":
        return "java.util.concurrent.ConcurrentHashMap";
      default:
        return "";
    }
  }

  private static @Nullable Map<Object, Object> emptyBoundedLike(
      String backing, Rule rule, boolean lru) {
    switch (backing) {
      case "java.util.LinkedHashMap":
        return new BoundedLinkedHashMap<>(rule, lru);
      case "java.util.concurrent.ConcurrentHashMap":
        return new BoundedConcurrentHashMap<>(rule, lru);
      default:
        return null;
    }
  }

  @SuppressWarnings("unchecked") // the copy holds the original's keys, which its comparator takes
  private static java.util.@Nullable Comparator<Object> comparatorOf(TreeMap<?, ?> original) {
    return (java.util.Comparator<Object>) original.comparator();
  }

  private static Map<Object, Object> fill(Map<Object, Object> bounded, Map<?, ?> original) {
    for (Map.Entry<?, ?> entry : original.entrySet()) {
      bounded.put(entry.getKey(), entry.getValue());
    }
    return bounded;
  }
}
