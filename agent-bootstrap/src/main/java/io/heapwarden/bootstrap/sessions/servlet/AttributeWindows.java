package io.heapwarden.bootstrap.sessions.servlet;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;

/**
 * Keeps the newest {@code window} entries of each collection-valued session attribute, in place:
 * the web application usually holds the same list (it reads the attribute, appends, and may never
 * set it again), so a copy would lose its later appends. Lists and queues drop from the head (the
 * oldest), maps drop their first entries in iteration order (the oldest for a {@code
 * LinkedHashMap}). Sets and other values are left alone.
 *
 * <p>Called only on the thread of a request that looks the session up, never on an agent thread:
 * the values are the application's own collections, usually not thread-safe.
 */
final class AttributeWindows {
  private AttributeWindows() {}

  /** Trims every attribute of {@code attributes} to {@code window}; returns the entries dropped. */
  static long trim(Map<?, ?> attributes, long window) {
    long dropped = 0;
    for (Object value : attributes.values()) {
      dropped += trimValue(value, window);
    }
    return dropped;
  }

  /** Trims one value; an immutable or concurrently changed value is left for the next access. */
  static int trimValue(Object value, long window) {
    try {
      if (value instanceof List) {
        return trimList((List<?>) value, window);
      }
      if (value instanceof Queue) {
        return trimQueue((Queue<?>) value, window);
      }
      if (value instanceof Map) {
        return trimIterable(
            ((Map<?, ?>) value).keySet().iterator(), ((Map<?, ?>) value).size(), window);
      }
      return 0;
    } catch (UnsupportedOperationException
        | ConcurrentModificationException
        | IllegalStateException
        | NoSuchElementException
        | IndexOutOfBoundsException racingOrImmutable) {
      return 0;
    }
  }

  private static int trimList(List<?> list, long window) {
    int excess = excess(list.size(), window);
    if (excess > 0) {
      list.subList(0, excess).clear();
    }
    return excess;
  }

  private static int trimQueue(Queue<?> queue, long window) {
    int excess = excess(queue.size(), window);
    int dropped = 0;
    while (dropped < excess && queue.poll() != null) {
      dropped++;
    }
    return dropped;
  }

  private static int trimIterable(Iterator<?> oldestFirst, int size, long window) {
    int excess = excess(size, window);
    int dropped = 0;
    while (dropped < excess && oldestFirst.hasNext()) {
      oldestFirst.next();
      oldestFirst.remove();
      dropped++;
    }
    return dropped;
  }

  private static int excess(int size, long window) {
    return window < 0 || size <= window ? 0 : (int) (size - window);
  }
}
