package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Builds the bounded replacement of a list, queue, deque or set stored in a ruled field. Only the
 * exact JDK classes listed here are replaced: a replacement subclasses the original's class, so a
 * subclass of it (whose overrides would be lost) or any other type is left alone. The one exception
 * is a {@code ConcurrentHashMap.newKeySet()} set, whose final class cannot be subclassed: it is
 * replaced by a {@link BoundedConcurrentKeySet}, which the agent stores only in fields whose
 * declared type that set satisfies (see {@code BoundableFieldTypes} in the agent).
 */
public final class BoundedSequences {
  private static final Class<?> SYNCHRONIZED_RANDOM_ACCESS_LIST =
      Collections.synchronizedList(new ArrayList<>()).getClass();
  private static final Class<?> SYNCHRONIZED_LIST =
      Collections.synchronizedList(new LinkedList<>()).getClass();
  private static final Class<?> KEY_SET_VIEW = ConcurrentHashMap.KeySetView.class;

  private static final List<Class<?>> SUPPORTED =
      List.of(
          ArrayList.class,
          LinkedList.class,
          ArrayDeque.class,
          LinkedBlockingQueue.class,
          LinkedBlockingDeque.class,
          ArrayBlockingQueue.class,
          ConcurrentLinkedQueue.class,
          ConcurrentLinkedDeque.class,
          HashSet.class,
          LinkedHashSet.class,
          SYNCHRONIZED_RANDOM_ACCESS_LIST,
          SYNCHRONIZED_LIST,
          KEY_SET_VIEW);

  private BoundedSequences() {}

  /**
   * A bounded collection holding {@code original}'s entries in its order, already trimmed to the
   * rule's bound (keeping the newest, counted as evictions), or null when {@code original}'s exact
   * class is not supported (see {@link #unsupportedReason}). {@code lru} selects the eviction of
   * sets; lists, queues and deques always drop their oldest entries.
   *
   * <p>A {@code Collections.synchronizedList} wrapper is copied under its lock and replaced by a
   * new wrapper around a bounded {@code ArrayList} (random access) or {@code LinkedList}: the
   * wrapped list's own class is not visible through the wrapper. Blocking queues keep the
   * original's capacity, read as {@code size() + remainingCapacity()}.
   */
  public static @Nullable Collection<?> copyOf(Collection<?> original, Rule rule, boolean lru) {
    Class<?> type = original.getClass();
    if (type == SYNCHRONIZED_RANDOM_ACCESS_LIST || type == SYNCHRONIZED_LIST) {
      List<Object> bounded;
      synchronized (original) {
        bounded =
            type == SYNCHRONIZED_LIST
                ? filled(new BoundedLinkedList<>(rule), original)
                : BoundedArrayList.copyOf(new ArrayList<>(original), rule);
      }
      return Collections.synchronizedList(bounded);
    }
    if (type == ArrayList.class) {
      return BoundedArrayList.copyOf((List<?>) original, rule);
    }
    if (type == LinkedList.class) {
      return filled(new BoundedLinkedList<>(rule), original);
    }
    if (type == ArrayDeque.class) {
      return filled(new BoundedArrayDeque<>(rule), original);
    }
    if (type == LinkedBlockingQueue.class) {
      return filled(new BoundedLinkedBlockingQueue<>(rule, capacity(original)), original);
    }
    if (type == LinkedBlockingDeque.class) {
      return filled(new BoundedLinkedBlockingDeque<>(rule, capacity(original)), original);
    }
    if (type == ArrayBlockingQueue.class) {
      return filled(new BoundedArrayBlockingQueue<>(rule, capacity(original)), original);
    }
    if (type == ConcurrentLinkedQueue.class) {
      return filled(new BoundedConcurrentLinkedQueue<>(rule), original);
    }
    if (type == ConcurrentLinkedDeque.class) {
      return filled(new BoundedConcurrentLinkedDeque<>(rule), original);
    }
    if (type == HashSet.class || type == LinkedHashSet.class) {
      return filled(new BoundedLinkedHashSet<>(rule, lru, type == HashSet.class), original);
    }
    if (type == KEY_SET_VIEW && addsElements(original)) {
      return filled(new BoundedConcurrentKeySet<>(rule, lru), original);
    }
    return null;
  }

  /**
   * Whether a {@code ConcurrentHashMap.KeySetView} can add: a {@code newKeySet()} set or a {@code
   * keySet(value)} view can, a plain {@code keySet()} view cannot (it throws), so it cannot grow.
   */
  private static boolean addsElements(Collection<?> keySetView) {
    return ((ConcurrentHashMap.KeySetView<?, ?>) keySetView).getMappedValue() != null;
  }

  /** Like {@link #unsupportedReason(Class)}, also judging the state of a key set view. */
  public static @Nullable String unsupportedReason(Collection<?> original) {
    if (original.getClass() == KEY_SET_VIEW && !addsElements(original)) {
      return "a ConcurrentHashMap.keySet() view without a mapped value: it cannot grow";
    }
    return unsupportedReason(original.getClass());
  }

  /** Why {@link #copyOf} does not replace a collection of this exact class; null if it does. */
  public static @Nullable String unsupportedReason(Class<?> type) {
    if (SUPPORTED.contains(type)) {
      return null;
    }
    String name = type.getName();
    if (!Collection.class.isAssignableFrom(type)) {
      return Map.class.isAssignableFrom(type)
          ? "a map, not a list, queue, deque or set"
          : "not a collection";
    }
    if (name.contains("Unmodifiable") || name.contains("Immutable")) {
      return "unmodifiable or immutable: it cannot grow";
    }
    if (name.equals("java.util.Arrays$ArrayList")) {
      return "a fixed-size Arrays.asList view: it cannot grow";
    }
    if (name.startsWith("java.util.Collections$Synchronized")) {
      return "only Collections.synchronizedList wrappers are replaced, not " + name;
    }
    if (name.startsWith("java.") && name.indexOf('$') >= 0) {
      return "a view or wrapper of another collection (" + name + ")";
    }
    if (type.isAnonymousClass()) {
      return "an anonymous class: its own code would be lost";
    }
    for (Class<?> supported : SUPPORTED) {
      if (supported.isAssignableFrom(type)) {
        return "a subclass of " + supported.getName() + ": its overrides would be lost";
      }
    }
    if (name.startsWith("java.") || name.startsWith("javax.")) {
      return "no bounded replacement for " + name;
    }
    return "not a JDK collection: its own code would be lost";
  }

  private static <C extends Collection<Object>> C filled(C bounded, Collection<?> original) {
    bounded.addAll(original);
    return bounded;
  }

  /** The capacity of a JDK blocking queue; consistent as long as no other thread writes it. */
  private static int capacity(Collection<?> original) {
    BlockingQueue<?> queue = (BlockingQueue<?>) original;
    long capacity = (long) queue.size() + queue.remainingCapacity();
    return (int) Math.min(Integer.MAX_VALUE, capacity);
  }
}
