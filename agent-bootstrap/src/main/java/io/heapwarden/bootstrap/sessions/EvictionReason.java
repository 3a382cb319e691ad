package io.heapwarden.bootstrap.sessions;

import java.util.Locale;

/** Why a session was evicted; the {@code reason} tag of {@code heapwarden.session.evictions}. */
public enum EvictionReason {
  /** Beyond {@code max-sessions}: the least recently used session made room. */
  CAPACITY,
  /** Unread and unwritten for {@code idle-timeout}. */
  IDLE,
  /**
   * Evicted only because memory is critical: beyond the scaled-down session cap, or idle longer
   * than the emergency idle timeout, or dropped by an emergency trim.
   */
  PRESSURE;

  /** The tag value: {@code capacity}, {@code idle} or {@code pressure}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
