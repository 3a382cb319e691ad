package io.heapwarden.bootstrap.sessions;

/**
 * What a library's sessions need beyond the generic session map: which entries of a session's value
 * a window must keep (a chat's system message), and how an evicted session is ended (close it,
 * expire or invalidate it). A rule names its adapter (a preset picks the library's own); {@link
 * SessionAdapters} holds them by name. Adapters live on the boot side, so they see the library's
 * objects only as {@code Object}: they match classes by name and call methods reflectively.
 *
 * <p>Every method is called by the agent inside a guard: a throwing adapter disables its rule and
 * never reaches the service.
 */
public interface SessionAdapter {
  /**
   * Whether a window must keep {@code element} of a session's list or deque however old it is
   * (LangChain4j and Spring AI keep the system message). Pinned entries count towards the window.
   */
  default boolean pinned(Object element) {
    return false;
  }

  /**
   * Trims {@code value}, a session's state, in place to its newest {@code window} entries, keeping
   * pinned ones; returns how many it dropped. Called on a thread of the service that is using the
   * session, never on an agent thread.
   */
  default int window(Object value, int window) {
    return SessionWindows.trim(value, window, this);
  }

  /**
   * Ends a session the map has evicted: its entry is already gone. Called outside any lock of the
   * map, on the thread that evicted it (a service thread, or the sweeper for thread-safe maps).
   *
   * @param close whether the rule says {@code on-evict: close}
   */
  default void ended(Object key, Object value, boolean close) {
    if (close && value instanceof AutoCloseable) {
      try {
        ((AutoCloseable) value).close();
      } catch (Exception failed) {
        // The value's own failure to close: the session is gone either way.
      }
    }
  }
}
