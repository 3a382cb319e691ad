package io.heapwarden.bootstrap.sessions.servlet;

/**
 * The live limits of one servlet-session rule and where its actions are counted. Read at every use,
 * so a config reload applies to the maps already in place.
 */
interface ServletRule {
  /** No limit of this kind. */
  long UNSET = -1L;

  /** Sessions kept per container session map, or {@link #UNSET}. */
  long maxSessions();

  /** Milliseconds a session may stay unused, or {@link #UNSET}. */
  long idleTimeoutMillis();

  /** Entries kept in each collection-valued attribute, or {@link #UNSET}. */
  long window();

  boolean enabled();

  /** A session invalidated by the agent. */
  void evicted(EvictionReason reason, long ageMillis, long idleMillis);

  /** A failure of the agent's own logic: the rule disables itself, the container goes on. */
  void fail(Throwable failure);
}
