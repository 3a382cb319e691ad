package io.heapwarden.bootstrap.discover;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Reads the size of a collection only when {@code size()} is cheap and harmless from another
 * thread: a JDK type whose {@code size()} reads a field or a counter (or takes the collection's own
 * lock briefly), never one that walks its elements ({@code ConcurrentLinkedQueue}, {@code
 * ConcurrentLinkedDeque}, {@code ConcurrentSkipListMap}/{@code Set}, {@code LinkedTransferQueue})
 * or changes its state ({@code WeakHashMap} expunges stale entries). A subclass counts as the
 * nearest listed JDK class it extends, unless a class in between declares {@code size()}.
 */
public final class CheapSize {
  /** Returned for a collection whose size is not read. */
  public static final int NOT_READ = -1;

  private static final Set<String> O1_SIZE =
      Set.of(
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.Vector",
          "java.util.Stack",
          "java.util.ArrayDeque",
          "java.util.PriorityQueue",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.IdentityHashMap",
          "java.util.EnumMap",
          "java.util.Hashtable",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentHashMap$KeySetView",
          "java.util.concurrent.CopyOnWriteArrayList",
          "java.util.concurrent.CopyOnWriteArraySet",
          "java.util.concurrent.LinkedBlockingQueue",
          "java.util.concurrent.LinkedBlockingDeque",
          "java.util.concurrent.ArrayBlockingQueue",
          "java.util.concurrent.PriorityBlockingQueue",
          "java.util.concurrent.DelayQueue",
          // wrappers: their size() asks the wrapped collection (assumed one of the above)
          "java.util.Collections$SynchronizedCollection",
          "java.util.Collections$SynchronizedMap",
          "java.util.Collections$UnmodifiableCollection",
          "java.util.Collections$UnmodifiableMap");

  private static final ClassValue<Boolean> CHEAP =
      new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return isCheap(type);
        }
      };

  private CheapSize() {}

  /** The size of {@code value}, or {@link #NOT_READ} when reading it is not cheap or fails. */
  public static int of(Object value) {
    try {
      if (!CHEAP.get(value.getClass())) {
        return NOT_READ;
      }
      if (value instanceof Collection) {
        return ((Collection<?>) value).size();
      }
      if (value instanceof Map) {
        return ((Map<?, ?>) value).size();
      }
      return NOT_READ;
    } catch (Throwable failure) { // a concurrent change, a service subclass: not read this time
      return NOT_READ;
    }
  }

  static boolean isCheap(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getClassLoader() == null && O1_SIZE.contains(c.getName())) {
        return true;
      }
      try {
        return c.getDeclaredMethod("size")
            == null; // (never null) a size() of its own: a walk, or the service's code that could
        // do anything
      } catch (NoSuchMethodException inherited) {
        // keep walking up
      } catch (Throwable unreadable) {
        return false;
      }
    }
    return false;
  }
}
