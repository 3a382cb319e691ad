package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The trimming step shared by every bounded sequence and set: reads the rule's live bound and drops
 * the oldest entries beyond it. Every step is guarded: a failure of the agent's own logic disables
 * the rule (the collection then grows as the original did) and never reaches the service's call.
 */
final class Trimming {
  private Trimming() {}

  /**
   * After an insertion: drops from {@code end} while the window holds more than the bound, by
   * entries or by estimated bytes; {@code inserted} is the entry just inserted (or another recent
   * one), a sample for {@link ByteBudget}.
   */
  static void fit(Rule rule, Window window, boolean end, @Nullable Object inserted) {
    try {
      ByteBudget bytes = window.bytes();
      ByteBudget.sampleIfAny(bytes, rule, null, inserted);
      long max = ByteBudget.maxEntriesOf(bytes, rule);
      if (window.windowSize() > max) {
        Bounds.evicted(rule, dropDownTo(window, max, end));
      }
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  /**
   * Inserts into a queue with a capacity of its own, dropping from {@code end} first so that a
   * producer never blocks nor is rejected while the rule's bound is at most the capacity. Retries
   * when concurrent producers filled the room it made. Returns false, having inserted nothing, only
   * when the queue is full and the bound is above the capacity (or the rule is disabled): the
   * caller then behaves as the original, blocking or rejecting.
   */
  static boolean insertDroppingOldest(
      Rule rule,
      int capacity,
      Window window,
      boolean end,
      Object inserted,
      BooleanSupplier tryInsert) {
    makeRoom(rule, window, end);
    while (!tryInsert.getAsBoolean()) {
      if (ByteBudget.maxEntriesOf(window.bytes(), rule) > capacity) {
        return false;
      }
      makeRoom(rule, window, end);
    }
    fit(rule, window, end, inserted);
    return true;
  }

  /** Drops from {@code end} until one more entry fits within the bound. */
  private static void makeRoom(Rule rule, Window window, boolean end) {
    try {
      long max = ByteBudget.maxEntriesOf(window.bytes(), rule);
      if (max != Long.MAX_VALUE && window.windowSize() >= max) {
        Bounds.evicted(rule, dropDownTo(window, Math.max(0, max - 1), end));
      }
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  /** {@link Bounded#trimTo}: drops from {@code end} down to {@code max}, counted as trims. */
  static int trimTo(Rule rule, Window window, long max, boolean end) {
    try {
      int dropped = dropDownTo(window, Math.max(0, max), end);
      Bounds.trimmed(rule, dropped);
      return dropped;
    } catch (Throwable t) {
      rule.fail(t);
      return 0;
    }
  }

  private static int dropDownTo(Window window, long max, boolean end) {
    int dropped = 0;
    long excess;
    while ((excess = window.windowSize() - max) > 0) {
      int now = window.dropOldest((int) Math.min(excess, Integer.MAX_VALUE), end);
      if (now <= 0) {
        break;
      }
      dropped += now;
    }
    return dropped;
  }
}
