package io.heapwarden.bootstrap.sessions.servlet;

import java.util.Map;

/**
 * What the agent needs of one container's session class, reached through method handles looked up
 * from the session's own class (bootstrap code cannot name container types). One adapter per
 * session class, cached with the class ({@link ContainerAdapters}), so no web-app loader is pinned.
 *
 * <p>Every method may throw when the container's class does not behave as expected; the caller
 * turns that into a rule failure.
 */
abstract class ContainerAdapter {

  /** The container, as named in logs: {@code tomcat}, {@code jetty}. */
  abstract String container();

  /** When the session was last accessed by a request, in epoch milliseconds. */
  abstract long lastAccess(Object session) throws Throwable;

  /** When the session was created, in epoch milliseconds. */
  abstract long created(Object session) throws Throwable;

  /** Whether a request is using the session now (such a session is never evicted). */
  abstract boolean inUse(Object session) throws Throwable;

  /**
   * Lowers the session's max inactive interval to {@code seconds} when it is longer or infinite;
   * returns whether it changed (false too when the session is busy and was left for later).
   */
  abstract boolean capInactiveInterval(Object session, int seconds) throws Throwable;

  /** The live attribute map (read only here: values are trimmed in place, never replaced). */
  abstract Map<?, ?> attributes(Object session) throws Throwable;

  /**
   * Invalidates the session through the container (listeners fire, the container removes it from
   * its map and counts it). Returns false when the session was busy or already invalid.
   */
  abstract boolean invalidate(Object session) throws Throwable;
}
