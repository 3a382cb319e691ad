package io.heapwarden.bootstrap.sessions;

/**
 * What a session rule fixes at start, besides its live limits: its adapter and whether evicted
 * values are closed. Changing either needs a restart.
 */
public final class SessionPolicy {
  private final SessionAdapter adapter;
  private final boolean closeOnEvict;

  public SessionPolicy(SessionAdapter adapter, boolean closeOnEvict) {
    this.adapter = adapter;
    this.closeOnEvict = closeOnEvict;
  }

  public SessionAdapter adapter() {
    return adapter;
  }

  public boolean closeOnEvict() {
    return closeOnEvict;
  }
}
