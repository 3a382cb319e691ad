package io.heapwarden.examples.chat;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Generated replies by message text, so that a repeated question is answered without generating
 * again.
 *
 * <p>LEAK: nothing is ever evicted. Every distinct message adds a reply of a few KB, forever (seeds
 * 000, 001 and 003 bounded theirs with an LRU of 50-100 entries).
 */
public final class ResponseCache {
  private final Map<String, String> entries = new HashMap<>();

  public synchronized @Nullable String get(String message) {
    return entries.get(message);
  }

  public synchronized void put(String message, String reply) {
    entries.put(message, reply);
  }

  public synchronized int size() {
    return entries.size();
  }
}
