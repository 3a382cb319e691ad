package io.heapwarden.bootstrap.threads;

import java.util.concurrent.TimeUnit;

/**
 * One agent thread's line for a failure it caught and survived, at most one a minute. Written
 * straight to {@code System.err}: the agent's logger lives on the agent side and allocates. When
 * memory is out the line was made in advance and comes without a stack trace; any other failure (a
 * bug of the agent's own) comes with its stack trace. Never throws.
 */
final class FailureReport {
  /** For failures reported on a thread that is not an agent thread (tests calling a task). */
  static final FailureReport OTHER = new FailureReport(AgentThreads.PREFIX + "task", true);

  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String outOfMemoryLine;
  private final String failureLine;
  private volatile long lastNanos;
  private volatile boolean reported;

  /**
   * @param goesOn whether the thread runs its task again (a loop) or ends (a one-shot)
   */
  FailureReport(String threadName, boolean goesOn) {
    this.outOfMemoryLine =
        "[heapwarden] WARN "
            + threadName
            + (goesOn
                ? " ran out of memory; it goes on after a pause (at most one such line a minute)"
                : " ran out of memory; its task is left unfinished");
    this.failureLine =
        "[heapwarden] ERROR "
            + threadName
            + (goesOn ? " failed and goes on after a pause: " : " failed: ");
  }

  void report(Throwable failure) {
    try {
      long now = System.nanoTime();
      if (reported && now - lastNanos < INTERVAL_NANOS) {
        return;
      }
      lastNanos = now;
      reported = true;
      if (failure instanceof OutOfMemoryError) {
        System.err.println(outOfMemoryLine);
      } else {
        System.err.print(failureLine);
        failure.printStackTrace();
      }
    } catch (Throwable ignored) {
      // Out of memory even for this: the next failure, a minute on, tries again.
    }
  }
}
