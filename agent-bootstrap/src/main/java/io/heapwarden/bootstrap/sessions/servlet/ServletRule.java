package io.heapwarden.bootstrap.sessions.servlet;

import io.heapwarden.bootstrap.sessions.EvictionReason;

/**
 * The live limits of one servlet-session rule and where its actions are counted. Read at every use,
 * so a config reload applies to the maps already in place.
 */
interface ServletRule {
  /** No limit of this kind. */
  long UNSET = -1L;

  /**
   * Sessions kept per container session map now (scaled down during a memory emergency), or {@link
   * #UNSET}.
   */
  long maxSessions();

  /**
   * The configured milliseconds a session may stay unused, or {@link #UNSET}: the container's max
   * inactive interval is lowered to this, never to an emergency's shorter timeout.
   */
  long idleTimeoutMillis();

  /**
   * The milliseconds after which the sweeper ends an unused session now: the configured timeout, or
   * an emergency's shorter one; {@link #UNSET} when neither applies.
   */
  long evictIdleAfterMillis();

  /** Entries kept in each collection-valued attribute, or {@link #UNSET}. */
  long window();

  boolean enabled();

  /**
   * A session invalidated by the agent, for {@code reason} as the map saw it ({@code CAPACITY} or
   * {@code IDLE}); the rule tells an eviction that only a memory emergency caused.
   *
   * @param size the map's size when the session was chosen
   */
  void evicted(EvictionReason reason, long size, long ageMillis, long idleMillis);

  /** A failure of the agent's own logic: the rule disables itself, the container goes on. */
  void fail(Throwable failure);
}
