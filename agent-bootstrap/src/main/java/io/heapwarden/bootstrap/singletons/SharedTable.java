package io.heapwarden.bootstrap.singletons;

import java.lang.ref.WeakReference;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The shared instances of one class (a ruled class, or the class declaring a ruled factory method).
 * It is reachable only from that class, through a {@link ClassValue}: the registry holds no static
 * reference to it, so a class loader whose classes are unreachable is collected with its tables.
 */
final class SharedTable {
  /** scope: global, one registry per constructor or method descriptor. */
  private final Map<String, Map<Object, Slot>> global = new ConcurrentHashMap<>();

  /** scope: thread, one shelf per thread id; shelves of dead threads are swept on a new thread. */
  private final Map<Long, Shelf> shelves = new ConcurrentHashMap<>();

  /** The slot of each shared AutoCloseable instance, for close(); guarded by itself. */
  private final IdentityHashMap<Object, Slot> closeables = new IdentityHashMap<>();

  /** The registry used last: a call site asks with the same interned descriptor every time. */
  private volatile @Nullable Last last;

  @SuppressWarnings(
      "ReferenceEquality") // identity first: the descriptor is interned; misses fall back
  Map<Object, Slot> global(String shape) {
    Last recent = last;
    if (recent != null && recent.shape == shape) {
      return recent.registry;
    }
    Map<Object, Slot> registry = registry(global, shape);
    last = new Last(shape, registry);
    return registry;
  }

  private static final class Last {
    final String shape;
    final Map<Object, Slot> registry;

    Last(String shape, Map<Object, Slot> registry) {
      this.shape = shape;
      this.registry = registry;
    }
  }

  @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; ids are never reused either way
  Map<Object, Slot> forThread(Thread thread, String shape) {
    Long id = thread.getId();
    Shelf shelf = shelves.get(id);
    if (shelf == null) {
      sweepDeadThreads();
      shelf = new Shelf(thread);
      shelves.put(id, shelf);
    }
    return registry(shelf.slots, shape);
  }

  private static Map<Object, Slot> registry(Map<String, Map<Object, Slot>> byShape, String shape) {
    Map<Object, Slot> registry = byShape.get(shape);
    if (registry == null) {
      Map<Object, Slot> fresh = new ConcurrentHashMap<>();
      registry = byShape.putIfAbsent(shape, fresh);
      if (registry == null) {
        registry = fresh;
      }
    }
    return registry;
  }

  private void sweepDeadThreads() {
    for (Iterator<Shelf> it = shelves.values().iterator(); it.hasNext(); ) {
      Thread owner = it.next().thread.get();
      if (owner == null || !owner.isAlive()) {
        it.remove();
      }
    }
  }

  void remember(Object instance, Slot slot) {
    synchronized (closeables) {
      closeables.put(instance, slot);
    }
  }

  @Nullable Slot slotOf(Object instance) {
    synchronized (closeables) {
      return closeables.get(instance);
    }
  }

  void forget(Object instance, Slot slot) {
    synchronized (closeables) {
      closeables.remove(instance, slot);
    }
    slot.registry.remove(slot.key, slot);
  }

  private static final class Shelf {
    final WeakReference<Thread> thread;
    final Map<String, Map<Object, Slot>> slots = new ConcurrentHashMap<>();

    Shelf(Thread thread) {
      this.thread = new WeakReference<>(thread);
    }
  }
}
