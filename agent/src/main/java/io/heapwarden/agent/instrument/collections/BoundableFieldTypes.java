package io.heapwarden.agent.instrument.collections;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The declared field types whose values the agent can replace with a bounded collection: the JDK
 * collection types services use, the interfaces they implement, and {@code Object}. Every bounded
 * replacement is a subclass of the value's class, so it fits any of them, except the one for a
 * {@code ConcurrentHashMap.newKeySet()} set, which is not a {@code KeySetView}: it fits {@code
 * Set}, {@code Collection}, {@code Iterable} and {@code Object}, the only types listed here that a
 * {@code KeySetView} can be stored in. So {@code KeySetView} itself is not listed. Anything else (a
 * custom cache class, an array) is left alone with a warning.
 */
final class BoundableFieldTypes {
  private static final Set<String> TYPES =
      Set.of(
          "java/util/Map",
          "java/util/AbstractMap",
          "java/util/HashMap",
          "java/util/LinkedHashMap",
          "java/util/SortedMap",
          "java/util/NavigableMap",
          "java/util/TreeMap",
          "java/util/concurrent/ConcurrentMap",
          "java/util/concurrent/ConcurrentHashMap",
          "java/util/Collection",
          "java/util/AbstractCollection",
          "java/util/List",
          "java/util/AbstractList",
          "java/util/ArrayList",
          "java/util/LinkedList",
          "java/util/Set",
          "java/util/AbstractSet",
          "java/util/HashSet",
          "java/util/LinkedHashSet",
          "java/util/Queue",
          "java/util/AbstractQueue",
          "java/util/Deque",
          "java/util/ArrayDeque",
          "java/util/concurrent/BlockingQueue",
          "java/util/concurrent/BlockingDeque",
          "java/util/concurrent/LinkedBlockingQueue",
          "java/util/concurrent/LinkedBlockingDeque",
          "java/util/concurrent/ArrayBlockingQueue",
          "java/util/concurrent/ConcurrentLinkedQueue",
          "java/util/concurrent/ConcurrentLinkedDeque",
          "java/lang/Iterable",
          "java/lang/Object");

  /** The declared types a session map (a ConcurrentHashMap, HashMap or LinkedHashMap) fits. */
  private static final Set<String> SESSION_MAP_TYPES =
      Set.of(
          "java/util/Map",
          "java/util/AbstractMap",
          "java/util/HashMap",
          "java/util/LinkedHashMap",
          "java/util/concurrent/ConcurrentMap",
          "java/util/concurrent/ConcurrentHashMap");

  private BoundableFieldTypes() {}

  /** Null when a field of this descriptor can hold a session map, else why not. */
  static @Nullable String whyNotSessionMap(String descriptor) {
    String type =
        descriptor.startsWith("L") ? descriptor.substring(1, descriptor.length() - 1) : "";
    return SESSION_MAP_TYPES.contains(type)
        ? null
        : "a session store must be a Map, HashMap, LinkedHashMap, ConcurrentMap or"
            + " ConcurrentHashMap field, not "
            + (type.isEmpty() ? descriptor : type.replace('/', '.'));
  }

  /** Null when a field of this descriptor can be bounded, else why not. */
  static @Nullable String whyNot(String descriptor) {
    if (!descriptor.startsWith("L")) {
      return "it is not a collection type";
    }
    String type = descriptor.substring(1, descriptor.length() - 1);
    return TYPES.contains(type)
        ? null
        : "only JDK collection types (Map, List, Set, Queue, Deque and their JDK implementations)"
            + " can be bounded, not "
            + type.replace('/', '.');
  }
}
