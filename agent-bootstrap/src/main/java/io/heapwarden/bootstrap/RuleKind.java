package io.heapwarden.bootstrap;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of rule a config file can declare; each kind names its meters {@code
 * heapwarden.<meterPrefix>.*} and, if it bounds collections, the limit telemetry shows as their
 * bound.
 */
public enum RuleKind {
  COLLECTION("collection", Limit.MAX_ENTRIES),
  SINGLETON("singleton", null),
  INSTANCE("instance", null),
  SESSION("session", Limit.MAX_SESSIONS);

  private final String meterPrefix;
  private final @Nullable Limit bound;

  RuleKind(String meterPrefix, @Nullable Limit bound) {
    this.meterPrefix = meterPrefix;
    this.bound = bound;
  }

  /**
   * The limit shown as a rule's bound next to the size of the collections it bounds ({@code
   * max-entries}, {@code max-sessions}); null for a kind that bounds no collection.
   */
  public @Nullable Limit bound() {
    return bound;
  }

  public String meterPrefix() {
    return meterPrefix;
  }
}
