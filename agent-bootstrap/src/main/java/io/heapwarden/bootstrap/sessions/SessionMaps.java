package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.Signals;
import io.heapwarden.bootstrap.collections.LiveCollections;
import io.heapwarden.bootstrap.sessions.servlet.ServletSessions;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Picks the session map for a value stored in a ruled field, by its exact runtime class: a {@link
 * ConcurrentHashMap} becomes a {@link ConcurrentSessionMap} (swept in the background), a {@link
 * HashMap} or {@link LinkedHashMap} a {@link LinkedSessionMap} (expired on the service's own
 * access). Both are subclasses of the original's class, so they fit the field. Subclasses and other
 * maps are kept as they are and signalled once: their own behaviour cannot be preserved safely.
 */
public final class SessionMaps {
  private SessionMaps() {}

  /**
   * What to store instead of {@code value}: a session map holding its sessions (registered for
   * telemetry and, when thread-safe, with the sweeper), or {@code value} itself when it cannot be
   * replaced or the agent's own code fails (the rule then disables itself). Never throws.
   */
  public static Object boundOrKeep(Object value, Rule rule) {
    return boundOrKeep(value, rule, SessionClock.SYSTEM);
  }

  static Object boundOrKeep(Object value, Rule rule, LongSupplier clock) {
    if (SessionRules.policy(rule).adapter() == ServletSessions.ADAPTER) {
      // a servlet container keeps its own map and ends its own sessions; the agent picks which
      return ServletSessions.onFieldWrite(value, rule);
    }
    try {
      Object map = copyOf(value, rule, clock);
      if (map == null) {
        Signals.notBounded(rule, value.getClass(), unsupportedReason(value));
        return value;
      }
      LiveCollections.register(rule, map);
      if (map instanceof ConcurrentSessionMap) {
        SessionSweeper.register((ConcurrentSessionMap<?, ?>) map);
      }
      return map;
    } catch (ConcurrentModificationException raced) {
      Signals.notBounded(rule, value.getClass(), "it was modified by another thread while stored");
      return value;
    } catch (Throwable failure) {
      rule.fail(failure);
      return value;
    }
  }

  /** A session map holding {@code original}'s sessions, or null for a class it cannot replace. */
  static @Nullable Object copyOf(Object original, Rule rule, LongSupplier clock) {
    Class<?> type = original.getClass();
    SessionPolicy policy = SessionRules.policy(rule);
    if (type == ConcurrentHashMap.class) {
      ConcurrentSessionMap<Object, Object> map = new ConcurrentSessionMap<>(rule, policy, clock);
      map.copyFrom((Map<?, ?>) original);
      return map;
    }
    if (type == HashMap.class || type == LinkedHashMap.class) {
      LinkedSessionMap<Object, Object> map = new LinkedSessionMap<>(rule, policy, clock);
      map.copyFrom((Map<?, ?>) original);
      return map;
    }
    return null;
  }

  static String unsupportedReason(Object original) {
    if (!(original instanceof Map)) {
      return "a session rule bounds maps, and this is not one";
    }
    return "session stores can be ConcurrentHashMap, HashMap or LinkedHashMap, not "
        + original.getClass().getName();
  }
}
