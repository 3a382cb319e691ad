package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.CollectionRule;
import io.heapwarden.agent.config.InstanceRule;
import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.config.SessionRule;
import io.heapwarden.agent.config.SingletonRule;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;

/** Maps a configured rule to its boot-side kind and live limits. */
final class RuleLimits {
  private RuleLimits() {}

  static RuleKind kindOf(RuleSpec spec) {
    if (spec instanceof CollectionRule) {
      return RuleKind.COLLECTION;
    }
    if (spec instanceof SessionRule) {
      return RuleKind.SESSION;
    }
    return spec instanceof SingletonRule ? RuleKind.SINGLETON : RuleKind.INSTANCE;
  }

  static long[] limitsOf(RuleSpec spec) {
    long[] limits = Rule.noLimits();
    if (spec instanceof CollectionRule c) {
      limits[Limit.MAX_ENTRIES.ordinal()] = c.maxEntries();
      limits[Limit.MAX_BYTES.ordinal()] = c.maxBytes();
      limits[Limit.VALUES_MAX_ENTRIES.ordinal()] = c.valuesMaxEntries();
    } else if (spec instanceof InstanceRule i) {
      limits[Limit.MAX_LIVE.ordinal()] = i.maxLive();
    } else if (spec instanceof SessionRule s) {
      limits[Limit.MAX_SESSIONS.ordinal()] = s.maxSessions();
      limits[Limit.IDLE_TIMEOUT.ordinal()] =
          s.idleTimeout() == null ? Limit.UNSET : s.idleTimeout().toNanos();
      limits[Limit.WINDOW.ordinal()] = s.window();
      limits[Limit.MAX_BYTES_PER_SESSION.ordinal()] = s.maxBytesPerSession();
    }
    return limits;
  }

  /** The limits of the rule bounding each value of a collection rule's map. */
  static long[] valuesLimitsOf(CollectionRule rule) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = rule.valuesMaxEntries();
    return limits;
  }

  /** The limits of the rule bounding the queues a session rule's maps create: the window. */
  static long[] windowLimitsOf(SessionRule rule) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = rule.window();
    return limits;
  }

  /**
   * The parts of a rule that need a restart to change: what is baked into rewritten code, and
   * whether a values: bound exists (its rule is created at start).
   */
  static RuleSpec withoutLimits(RuleSpec spec) {
    if (spec instanceof CollectionRule c) {
      long values = c.valuesMaxEntries() == Limit.UNSET ? Limit.UNSET : 0;
      return new CollectionRule(c.field(), 0, 0, c.eviction(), values, c.position().withoutLine());
    }
    if (spec instanceof InstanceRule i) {
      return new InstanceRule(i.className(), 0, i.position().withoutLine());
    }
    if (spec instanceof SessionRule s) {
      // every limit, max-bytes-per-session included, changes live
      return new SessionRule(
          s.field(),
          s.preset(),
          s.adapter(),
          0,
          null,
          0,
          0,
          s.onEvict(),
          s.position().withoutLine());
    }
    SingletonRule s = (SingletonRule) spec;
    return new SingletonRule(
        s.className(), s.method(), s.key(), s.scope(), s.onClose(), s.position().withoutLine());
  }
}
