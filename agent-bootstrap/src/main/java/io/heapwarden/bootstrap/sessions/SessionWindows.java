package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * Windows a session's value in place: a list, deque or other collection keeps its newest entries
 * (the tail: services append), a map its newest entries in iteration order (insertion order for a
 * {@code LinkedHashMap}). Entries the adapter pins are kept and count towards the window. Other
 * values are left alone.
 *
 * <p>The value is locked while it is trimmed: {@code Collections.synchronizedList} and friends lock
 * on themselves, so a service that synchronises its own access is never raced; plain collections
 * are touched only on the service's own thread, as the service touches them.
 */
final class SessionWindows {
  /** Beyond this many removals a random-access list is rebuilt rather than shifted each time. */
  private static final int REBUILD_ABOVE = 16;

  private SessionWindows() {}

  /** Whether {@code value} holds more than {@code window} entries: a racy, cheap size read. */
  static boolean exceeds(Object value, int window) {
    return entries(value) > window; // -1 (not a collection, or a racing read) never exceeds
  }

  /**
   * Windows {@code value} in place to what {@code rule} allows now (see {@link
   * SessionLimits#window(Rule, Object)}), the way {@code adapter} windows; guarded: a failure
   * disables the rule and keeps the value as it is.
   */
  static void apply(Rule rule, SessionAdapter adapter, Object value) {
    if (value == null) {
      return;
    }
    try {
      int window = SessionLimits.window(rule, value);
      if (window >= 0) {
        adapter.window(value, window);
      }
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  /** How many entries {@code value} holds, or -1 when it is neither a collection nor a map. */
  static int entries(Object value) {
    try {
      if (value instanceof Collection) {
        return ((Collection<?>) value).size();
      }
      return value instanceof Map ? ((Map<?, ?>) value).size() : -1;
    } catch (RuntimeException racing) {
      return -1; // the next write looks again
    }
  }

  static int trim(Object value, int window, SessionAdapter adapter) {
    if (window < 0) {
      return 0;
    }
    if (value instanceof Collection) {
      Collection<?> values = (Collection<?>) value;
      synchronized (value) {
        int excess = values.size() - window;
        if (excess <= 0) {
          return 0;
        }
        if (values instanceof List && values instanceof RandomAccess && excess > REBUILD_ABOVE) {
          return rebuild((List<?>) values, excess, adapter);
        }
        return dropFromHead(values.iterator(), excess, adapter);
      }
    }
    if (value instanceof Map) {
      Map<?, ?> entries = (Map<?, ?>) value;
      synchronized (value) {
        int excess = entries.size() - window;
        return excess <= 0 ? 0 : dropFromHead(entries.entrySet().iterator(), excess, null);
      }
    }
    return 0;
  }

  private static int dropFromHead(Iterator<?> it, int excess, @Nullable SessionAdapter adapter) {
    int dropped = 0;
    while (dropped < excess && it.hasNext()) {
      Object next = it.next();
      if (adapter == null || !adapter.pinned(next)) {
        it.remove();
        dropped++;
      }
    }
    return dropped;
  }

  /** Drops the oldest {@code excess} unpinned entries in one pass: clear, then add the kept. */
  private static <E> int rebuild(List<E> list, int excess, SessionAdapter adapter) {
    List<E> kept = new ArrayList<>(list.size() - excess + 1);
    int dropped = 0;
    for (E element : list) {
      if (dropped < excess && !adapter.pinned(element)) {
        dropped++;
      } else {
        kept.add(element);
      }
    }
    if (dropped > 0) {
      list.clear();
      list.addAll(kept);
    }
    return dropped;
  }
}
