package io.heapwarden.bootstrap.singletons;

import java.lang.ref.WeakReference;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared instances of one class (a ruled class, or the class declaring a ruled factory method).
 * It is reachable only from that class, through a {@link ClassValue}: the registry holds no static
 * reference to it, so a class loader whose classes are unreachable is collected with its tables.
 */
final class SharedTable {
  /** scope: global. */
  final Map<Key, Slot> global = new ConcurrentHashMap<>();

  /** scope: thread, one shelf per thread id; shelves of dead threads are swept on a new thread. */
  private final Map<Long, Shelf> shelves = new ConcurrentHashMap<>();

  /** The slot of each shared AutoCloseable instance, for close(); guarded by itself. */
  private final Map<Object, Slot> closeables = new IdentityHashMap<>();

  @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; ids are never reused either way
  Map<Key, Slot> forThread(Thread thread) {
    Long id = thread.getId();
    Shelf shelf = shelves.get(id);
    if (shelf == null) {
      sweepDeadThreads();
      shelf = new Shelf(thread);
      shelves.put(id, shelf);
    }
    return shelf.slots;
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

  Slot slotOf(Object instance) {
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
    final Map<Key, Slot> slots = new ConcurrentHashMap<>();

    Shelf(Thread thread) {
      this.thread = new WeakReference<>(thread);
    }
  }
}
