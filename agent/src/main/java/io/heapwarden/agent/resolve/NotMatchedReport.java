package io.heapwarden.agent.resolve;

import io.heapwarden.bootstrap.threads.AgentThreads;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The one report of the rules whose class has not loaded {@code after} the agent started, run once
 * on the telemetry thread when that time is up. It reads the time itself, so that a run before then
 * (a clock that disagrees with the scheduler's) reports nothing; a task on a shared executor, it
 * lets nothing escape.
 */
public final class NotMatchedReport implements Runnable {
  private final RuleFeedback feedback;
  private final Duration after;
  private final LongSupplier nanoClock;
  private final long startNanos;

  /**
   * @param startNanos when the agent started, on {@code nanoClock}
   */
  public NotMatchedReport(
      RuleFeedback feedback, Duration after, LongSupplier nanoClock, long startNanos) {
    this.feedback = feedback;
    this.after = after;
    this.nanoClock = nanoClock;
    this.startNanos = startNanos;
  }

  /** How long from now the report is due (zero when it is already). */
  public Duration dueIn() {
    long left = after.toNanos() - (nanoClock.getAsLong() - startNanos);
    return Duration.ofNanos(Math.max(0, left));
  }

  @Override
  public void run() {
    try {
      if (nanoClock.getAsLong() - startNanos >= after.toNanos()) {
        feedback.reportNotMatched(after);
      }
    } catch (Throwable failure) {
      AgentThreads.report(failure);
    }
  }
}
