package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.collections.Bounded;
import io.heapwarden.bootstrap.collections.BoundedCollections;
import java.util.Queue;

/**
 * Queues a session map creates (the functions of {@code computeIfAbsent}, {@code compute} and
 * {@code merge}) are replaced by bounded copies that keep the newest {@code window} entries on
 * every insertion: an event queue is filled by producers that never access the session, so
 * windowing it at the next access would come too late for a client that left. The map hands the
 * stored queue back to the caller, so nobody holds the unbounded original. Lists are windowed in
 * place instead (a chat's system message must survive, which a bounded list would drop first).
 *
 * <p>The bound is the session rule's linked {@link Rule#values() window rule}, a collection rule
 * whose {@code max-entries} is the window, so what it drops is counted and reported as for {@code
 * collections:} values.
 */
final class SessionValues {
  private SessionValues() {}

  static <V> V created(Rule sessionRule, V value) {
    Rule window = sessionRule.values();
    if (window == null
        || !window.enabled()
        || !(value instanceof Queue)
        || value instanceof Bounded) {
      return value;
    }
    @SuppressWarnings("unchecked") // a subclass of the value's class
    V bounded = (V) BoundedCollections.boundOrKeep(value, window, false);
    return bounded;
  }
}
