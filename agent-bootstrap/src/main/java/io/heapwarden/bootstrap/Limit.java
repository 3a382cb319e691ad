package io.heapwarden.bootstrap;

/**
 * The numeric limits a rule can carry. Limits live in the rule table so that a config reload
 * changes them for code that is already rewritten, without retransformation.
 */
public enum Limit {
  /** Entries a bounded collection keeps. */
  MAX_ENTRIES,
  /** Estimated retained bytes a bounded collection keeps. */
  MAX_BYTES,
  /** Entries each collection-valued map value keeps. */
  VALUES_MAX_ENTRIES,
  /** Live instances of a class before a warning. */
  MAX_LIVE,
  /** Sessions a session map keeps. */
  MAX_SESSIONS,
  /** Nanoseconds a session may stay unread and unwritten. */
  IDLE_TIMEOUT,
  /** Entries each session's list, deque or map value keeps. */
  WINDOW,
  /** Estimated retained bytes each session's value keeps. */
  MAX_BYTES_PER_SESSION;

  /** The value of a limit the rule does not set. */
  public static final long UNSET = -1L;
}
