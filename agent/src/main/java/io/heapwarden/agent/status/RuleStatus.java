package io.heapwarden.agent.status;

import io.heapwarden.agent.config.Units;
import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import java.time.Duration;
import java.util.Locale;

/**
 * One rule as the MBean shows it: an immutable snapshot with getters only, which the MXBean
 * framework turns into a {@code CompositeData} whose items are named after the getters ({@code id},
 * {@code kind}, ...). -1 stands for a figure that does not apply to the rule's kind.
 */
public final class RuleStatus {
  private final int id;
  private final String kind;
  private final String target;
  private final long bound;
  private final String limits;
  private final long size;
  private final long collections;
  private final long evictions;
  private final long trims;
  private final long created;
  private final long reuses;
  private final long failures;
  private final boolean enabled;
  private final boolean matched;

  /** Reads {@code rule} now; the figures of other sources are the caller's. */
  RuleStatus(Rule rule, long size, long collections, boolean matched) {
    this.id = rule.id();
    this.kind = rule.kind().name();
    this.target = rule.name();
    Limit boundLimit = rule.kind().bound();
    this.bound = boundLimit == null ? -1 : rule.limit(boundLimit);
    this.limits = limits(rule.limits());
    this.size = size;
    this.collections = collections;
    this.evictions = rule.total(Action.EVICTED);
    this.trims = rule.total(Action.TRIMMED);
    this.created = rule.total(Action.CREATED);
    this.reuses = rule.total(Action.REUSED);
    this.failures = rule.total(Action.FAILED);
    this.enabled = rule.enabled();
    this.matched = matched;
  }

  /** The limits a rule sets, named as config keys: {@code max-entries 500, idle-timeout 10m}. */
  static String limits(long[] values) {
    StringBuilder text = new StringBuilder();
    for (Limit limit : Limit.values()) {
      long value = values[limit.ordinal()];
      if (value == Limit.UNSET) {
        continue;
      }
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(
              limit == Limit.VALUES_MAX_ENTRIES
                  ? "values.max-entries"
                  : limit.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .append(' ');
      text.append(format(limit, value));
    }
    return text.toString();
  }

  private static String format(Limit limit, long value) {
    switch (limit) {
      case IDLE_TIMEOUT:
        return Units.formatDuration(Duration.ofNanos(value));
      case MAX_BYTES:
      case MAX_BYTES_PER_SESSION:
        return Units.formatSize(value);
      default:
        return Long.toString(value);
    }
  }

  /** The rule id: its position in the config, companion rules after all configured ones. */
  public int getId() {
    return id;
  }

  /** COLLECTION, SESSION, SINGLETON or INSTANCE. */
  public String getKind() {
    return kind;
  }

  /** What the rule applies to: {@code Class.field}, a class or {@code Class.method(...)}. */
  public String getTarget() {
    return target;
  }

  /** The limit the size is held to ({@code max-entries}, {@code max-sessions}), or -1. */
  public long getBound() {
    return bound;
  }

  /** Every limit the rule sets, named as config keys: {@code max-entries 500, max-bytes 1MB}. */
  public String getLimits() {
    return limits;
  }

  /**
   * Entries (sessions for a session rule) in the rule's live collections, live instances for an
   * instances rule; -1 for a singletons rule. Estimated beyond about 1024 collections that are not
   * thread-safe (see {@code LiveCollections}).
   */
  public long getSize() {
    return size;
  }

  /** Live collections (or session maps) the rule bounds; -1 for kinds that bound none. */
  public long getCollections() {
    return collections;
  }

  public long getEvictions() {
    return evictions;
  }

  /** Entries dropped by emergency trims under memory pressure. */
  public long getTrims() {
    return trims;
  }

  /** Shared instances built (singletons rules). */
  public long getCreated() {
    return created;
  }

  /** Shared instances handed out instead of new ones (singletons rules). */
  public long getReuses() {
    return reuses;
  }

  public long getFailures() {
    return failures;
  }

  /** False once a failure of the agent's own code disabled the rule, or while detached. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Whether the agent has rewritten a class for this rule yet. */
  public boolean isMatched() {
    return matched;
  }
}
