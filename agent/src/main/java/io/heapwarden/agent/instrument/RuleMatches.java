package io.heapwarden.agent.instrument;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which rules have matched a class: a rewriter marks a rule when it puts a call for the rule into a
 * class (a ruled field's store, a construction, a memoized factory, a counted constructor). Rule
 * ids are stable for the JVM's life, so one bit per id, set once, is the whole record; the status
 * MBean reads it. Marking costs a read (and, the first time, a CAS) per rewritten site.
 */
public final class RuleMatches {
  private static final int MAX_RULES =
      4096; // ids beyond are not tracked (a config has a few dozen)

  private static final AtomicLongArray BITS = new AtomicLongArray(MAX_RULES / 64);

  private RuleMatches() {}

  /** Records that a class was rewritten for the rule {@code ruleId}. */
  public static void mark(int ruleId) {
    if (ruleId < 0 || ruleId >= MAX_RULES) {
      return;
    }
    int word = ruleId >>> 6;
    long bit = 1L << (ruleId & 63);
    long seen = BITS.get(word);
    while ((seen & bit) == 0 && !BITS.compareAndSet(word, seen, seen | bit)) {
      seen = BITS.get(word);
    }
  }

  /** Whether a class was rewritten for the rule {@code ruleId} since the agent started. */
  public static boolean matched(int ruleId) {
    return ruleId >= 0
        && ruleId < MAX_RULES
        && (BITS.get(ruleId >>> 6) & (1L << (ruleId & 63))) != 0;
  }
}
