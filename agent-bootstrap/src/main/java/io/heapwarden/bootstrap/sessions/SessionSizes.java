package io.heapwarden.bootstrap.sessions;

import java.util.Collection;
import java.util.Map;

/**
 * A shallow, constant-time estimate of a session value's retained bytes, for eviction events: a
 * per-entry cost for collections and maps, the characters of a string, a header otherwise. It never
 * walks the value, so it says how big a session was, not exactly what it held.
 */
final class SessionSizes {
  private static final long HEADER = 16;
  private static final long PER_ELEMENT = 48; // a reference, a node, a small object
  private static final long PER_ENTRY = 80; // a map node, a key and a small value

  private SessionSizes() {}

  static long estimate(Object value) {
    try {
      if (value instanceof Collection) {
        return HEADER + PER_ELEMENT * ((Collection<?>) value).size();
      }
      if (value instanceof Map) {
        return HEADER + PER_ENTRY * ((Map<?, ?>) value).size();
      }
      if (value instanceof CharSequence) {
        return 40 + 2L * ((CharSequence) value).length();
      }
    } catch (RuntimeException racing) {
      // a size read racing the service is only a sample
    }
    return value == null ? 0 : HEADER;
  }
}
