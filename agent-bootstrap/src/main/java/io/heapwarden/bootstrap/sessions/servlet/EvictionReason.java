package io.heapwarden.bootstrap.sessions.servlet;

/** Why the agent invalidated a session. */
enum EvictionReason {
  /** More sessions than {@code max-sessions}: the least recently used idle one went. */
  CAPACITY,
  /** Unused for longer than {@code idle-timeout}. */
  IDLE,
  /** Evicted only because memory is critical: beyond the scaled-down cap, or the emergency idle. */
  PRESSURE
}
