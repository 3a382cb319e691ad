package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Every session eviction, counted per rule and reason. Two views: running totals for the {@code
 * heapwarden.session.evictions} meter, and per-interval tallies (count, ages, idle times, sizes)
 * plus a few individual samples that the agent's telemetry thread drains into JFR events. So an
 * eviction costs a few adds and never an event of its own: under load only the tallies grow.
 */
public final class SessionStats {
  /** Individual evictions kept per drain across all rules; the rest are only tallied. */
  static final int SAMPLES_PER_DRAIN = 20;

  private static final EvictionReason[] REASONS = EvictionReason.values();
  private static final ConcurrentHashMap<Rule, SessionStats> BY_RULE = new ConcurrentHashMap<>();
  private static final ConcurrentLinkedQueue<Sample> SAMPLES = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger SAMPLED = new AtomicInteger();

  private final Rule rule;
  private final LongAdder[] totals = new LongAdder[REASONS.length];
  private final Tally[] tallies = new Tally[REASONS.length];

  private SessionStats(Rule rule) {
    this.rule = rule;
    for (int i = 0; i < REASONS.length; i++) {
      totals[i] = new LongAdder();
      tallies[i] = new Tally();
    }
  }

  /** The stats of {@code rule}, created on first use. */
  public static SessionStats of(Rule rule) {
    SessionStats stats = BY_RULE.get(rule);
    if (stats == null) {
      stats = new SessionStats(rule);
      SessionStats raced = BY_RULE.putIfAbsent(rule, stats);
      if (raced != null) {
        stats = raced;
      }
    }
    return stats;
  }

  /** Evictions of {@code rule} for {@code reason} since it was installed. */
  public static long total(Rule rule, EvictionReason reason) {
    SessionStats stats = BY_RULE.get(rule);
    return stats == null ? 0 : stats.totals[reason.ordinal()].sum();
  }

  /** Counts one eviction; {@code trim}: dropped by {@code Bounded.trimTo}, else by the map. */
  public void evicted(
      EvictionReason reason, long ageNanos, long idleNanos, long bytes, boolean trim) {
    int i = reason.ordinal();
    totals[i].increment();
    rule.count(trim ? Action.TRIMMED : Action.EVICTED);
    tallies[i].add(ageNanos, idleNanos, bytes);
    if (SAMPLED.get() < SAMPLES_PER_DRAIN && SAMPLED.incrementAndGet() <= SAMPLES_PER_DRAIN) {
      SAMPLES.add(new Sample(rule, reason, ageNanos, idleNanos, bytes));
    }
  }

  /**
   * The tallies since the previous drain, one per rule and reason with evictions; each is reset.
   * The telemetry thread calls this once per interval.
   */
  public static List<Summary> drainSummaries() {
    List<Summary> summaries = new ArrayList<>();
    for (Map.Entry<Rule, SessionStats> entry : BY_RULE.entrySet()) {
      for (EvictionReason reason : REASONS) {
        Summary summary = entry.getValue().tallies[reason.ordinal()].drain(entry.getKey(), reason);
        if (summary != null) {
          summaries.add(summary);
        }
      }
    }
    return summaries;
  }

  /**
   * The individual evictions kept since the previous drain (at most {@link #SAMPLES_PER_DRAIN}).
   */
  public static List<Sample> drainSamples() {
    List<Sample> samples = new ArrayList<>();
    for (Sample sample; (sample = SAMPLES.poll()) != null; ) {
      samples.add(sample);
    }
    SAMPLED.set(0);
    return samples;
  }

  /** One eviction as the JFR event shows it. */
  public record Sample(
      Rule rule, EvictionReason reason, long ageNanos, long idleNanos, long estimatedBytes) {}

  /** The evictions of one rule for one reason over one interval. */
  public record Summary(
      Rule rule,
      EvictionReason reason,
      long count,
      long maxAgeNanos,
      long avgAgeNanos,
      long maxIdleNanos,
      long avgIdleNanos,
      long estimatedBytes) {}

  private static final class Tally {
    final LongAdder count = new LongAdder();
    final LongAdder ageSum = new LongAdder();
    final LongAdder idleSum = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAccumulator ageMax = new LongAccumulator(Math::max, 0);
    final LongAccumulator idleMax = new LongAccumulator(Math::max, 0);

    void add(long age, long idle, long size) {
      count.increment();
      ageSum.add(age);
      idleSum.add(idle);
      bytes.add(size);
      ageMax.accumulate(age);
      idleMax.accumulate(idle);
    }

    @Nullable Summary drain(Rule rule, EvictionReason reason) {
      long n = count.sumThenReset();
      if (n == 0) {
        return null;
      }
      return new Summary(
          rule,
          reason,
          n,
          ageMax.getThenReset(),
          ageSum.sumThenReset() / n,
          idleMax.getThenReset(),
          idleSum.sumThenReset() / n,
          bytes.sumThenReset());
    }
  }
}
