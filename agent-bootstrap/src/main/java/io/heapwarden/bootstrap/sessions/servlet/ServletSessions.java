package io.heapwarden.bootstrap.sessions.servlet;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.Signals;
import io.heapwarden.bootstrap.collections.LiveCollections;
import io.heapwarden.bootstrap.sessions.SessionAdapter;
import io.heapwarden.bootstrap.sessions.SessionSweeper;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@code servlet} preset rule lands: the container's session map, when the container stores
 * it in its field, becomes a {@link ServletSessionMap}. Unlike other session rules, the container
 * keeps its own map and ends its own sessions; the agent only decides which ones.
 */
public final class ServletSessions {
  /**
   * The adapter name's entry in {@link io.heapwarden.bootstrap.sessions.SessionAdapters}; its
   * windows (the core's in-place trimming) serve the session attributes.
   */
  public static final SessionAdapter ADAPTER = new SessionAdapter() {};

  private ServletSessions() {}

  /**
   * Returns what to store in the container's session-map field: a {@link ServletSessionMap} with
   * {@code value}'s contents when {@code value} is exactly a {@code ConcurrentHashMap} (what Tomcat
   * and Jetty create), otherwise {@code value} itself, signalled once per class (a map type the
   * agent does not replace, e.g. one an application passed to Jetty's cache).
   */
  public static Object onFieldWrite(Object value, Rule rule) {
    if (value == null || value instanceof ServletSessionMap) {
      return value;
    }
    if (value.getClass() != ConcurrentHashMap.class) {
      Signals.notBounded(
          rule, value.getClass(), "the servlet preset replaces only a ConcurrentHashMap");
      return value;
    }
    try {
      ServletSessionMap map =
          new ServletSessionMap(
              new LiveServletRule(rule),
              AdapterLookup.CONTAINERS,
              SystemClock.INSTANCE,
              (Map<?, ?>) value);
      LiveCollections.register(rule, map); // heapwarden.session.active
      SessionSweeper.register(map);
      return map;
    } catch (Throwable failure) {
      rule.fail(failure);
      return value;
    }
  }
}
