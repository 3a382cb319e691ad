package io.heapwarden.agent.config;

/** What happens to an evicted session's value: nothing, or {@code close()} when it is closeable. */
public enum OnEvict {
  CLOSE,
  NONE
}
