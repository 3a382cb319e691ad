package io.heapwarden.bootstrap;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * One configured rule as rewritten code sees it: its live limits, its action counters and whether
 * it is still enabled. Reads on the hot path are plain volatile reads; counting never allocates.
 */
public final class Rule {
  private final int id;
  private final String name;
  private final RuleKind kind;
  private final LongAdder[] counters;
  private final LocalCounters localCounters = new LocalCounters();
  private volatile long[] limits;
  private volatile boolean disabled;
  private volatile boolean paused;
  private volatile @Nullable Rule values;

  public Rule(int id, String name, RuleKind kind, long[] limits) {
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.limits = checkedCopy(limits);
    this.counters = new LongAdder[Action.values().length];
    for (int i = 0; i < counters.length; i++) {
      counters[i] = new LongAdder();
    }
  }

  /** Limits indexed by {@link Limit#ordinal()}, {@link Limit#UNSET} where the rule sets none. */
  public static long[] noLimits() {
    long[] values = new long[Limit.values().length];
    Arrays.fill(values, Limit.UNSET);
    return values;
  }

  public int id() {
    return id;
  }

  /** The rule's name in logs, meters and events, e.g. {@code com.example.Cache.entries}. */
  public String name() {
    return name;
  }

  public RuleKind kind() {
    return kind;
  }

  /**
   * The rule bounding each collection-valued entry of this rule's map ({@code values:} in the
   * config), or null.
   */
  public @Nullable Rule values() {
    return values;
  }

  /** Links the rule that bounds this rule's values; done once, at install. */
  public void linkValues(Rule valuesRule) {
    this.values = valuesRule;
  }

  /** False once a failure disabled the rule, or while a {@code detach} has paused it. */
  public boolean enabled() {
    return !disabled && !paused;
  }

  /** False once a failure of the agent's own code disabled the rule for good. */
  public boolean failed() {
    return disabled;
  }

  /**
   * Turns the rule off ({@code detach}) or on again (the next attach). A paused rule is read by
   * every hook as disabled: new writes are stored as is, bounded collections stop evicting. A rule
   * disabled by a failure stays disabled when resumed.
   */
  public void pause(boolean off) {
    paused = off;
  }

  public boolean paused() {
    return paused;
  }

  public long limit(Limit limit) {
    return limits[limit.ordinal()];
  }

  /** Replaces all limits at once, so a reader never sees half of a reload. */
  public void updateLimits(long[] newLimits) {
    limits = checkedCopy(newLimits);
  }

  public long[] limits() {
    return limits.clone();
  }

  public void count(Action action) {
    counters[action.ordinal()].increment();
  }

  public void count(Action action, long amount) {
    counters[action.ordinal()].add(amount);
  }

  /**
   * A counter of {@code action} for {@code owner}, a collection that is not thread-safe, to count
   * with no atomic instruction; its counts join {@link #total} whenever that is read, and stay
   * there after the owner is gone. The owner must keep itself reachable until each add returns
   * ({@link java.lang.ref.Reference#reachabilityFence}).
   */
  public LocalCounter localCounter(Action action, Object owner) {
    return localCounters.register(action, owner, counters);
  }

  /** How many local counters the rule follows: for tests. */
  int localCounters() {
    return localCounters.registered();
  }

  /** The number of times {@code action} happened since the rule was installed. */
  public long total(Action action) {
    localCounters.fold(counters);
    return counters[action.ordinal()].sum();
  }

  /**
   * Called by a hook that caught a failure of the agent's own code: the rule is disabled for good
   * and the failure is reported once. The service's call goes on unchanged.
   */
  public void fail(Throwable failure) {
    synchronized (this) {
      if (disabled) {
        return;
      }
      disabled = true;
    }
    count(Action.FAILED);
    Signals.ruleFailed(this, failure);
  }

  private static long[] checkedCopy(long[] values) {
    if (values.length != Limit.values().length) {
      throw new IllegalArgumentException(
          "expected " + Limit.values().length + " limits, got " + values.length);
    }
    return values.clone();
  }

  @Override
  public String toString() {
    return kind.meterPrefix() + " rule #" + id + " " + name;
  }
}
