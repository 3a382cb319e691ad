package io.heapwarden.bootstrap.sessions.servlet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the {@code servlet} preset's field hook lands: the container's session map, at the moment
 * the container stores it in its field, becomes a {@link ServletSessionMap}.
 */
public final class ServletSessions {
  private ServletSessions() {}

  /**
   * Returns what to store in the container's session-map field: a {@link ServletSessionMap} with
   * {@code value}'s contents when {@code value} is exactly a {@code ConcurrentHashMap} (what Tomcat
   * and Jetty create), otherwise {@code value} itself (a map the application configured, which the
   * agent does not replace) and {@code null} is never returned for a non-null value.
   */
  static Object bound(Object value, ServletRule rule) {
    if (value == null || value.getClass() != ConcurrentHashMap.class) {
      return value;
    }
    ServletSessionMap map =
        new ServletSessionMap(
            rule, AdapterLookup.CONTAINERS, SystemClock.INSTANCE, (Map<?, ?>) value);
    ServletSweeper.register(map);
    return map;
  }

  /** Whether {@code value} would be replaced by {@link #bound}. */
  static boolean boundable(Object value) {
    return value != null && value.getClass() == ConcurrentHashMap.class;
  }
}
