package io.heapwarden.agent.pressure;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Whether another thread may modify a collection: only the java.util.concurrent types (and their
 * subclasses, such as the bounded ones). The guard trims only these at once; the others are the
 * service's to write, and shrink on their own next write to the scaled-down bound.
 */
final class ThreadSafeCollections {
  private ThreadSafeCollections() {}

  static boolean isThreadSafe(Object collection) {
    return collection instanceof ConcurrentMap
        || collection instanceof BlockingQueue // and BlockingDeque
        || collection instanceof ConcurrentLinkedQueue
        || collection instanceof ConcurrentLinkedDeque
        || collection instanceof ConcurrentSkipListSet
        || collection instanceof CopyOnWriteArrayList
        || collection instanceof CopyOnWriteArraySet;
  }
}
