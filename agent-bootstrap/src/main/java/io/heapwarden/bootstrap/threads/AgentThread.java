package io.heapwarden.bootstrap.threads;

/**
 * An agent thread (see {@link AgentThreads}): runs its task, catching everything, and for a loop
 * runs it again after a pause.
 */
final class AgentThread extends Thread {
  /** The first pause after a failure; it doubles with each failure in a row. */
  static final long MIN_PAUSE_MILLIS = 250;

  static final long MAX_PAUSE_MILLIS = 16_000;

  /** A task that ran this long before failing failed afresh: the pause starts again short. */
  private static final long CALM_NANOS = 60_000_000_000L;

  private static final UncaughtExceptionHandler LAST_FENCE = new LastFence();

  private final Runnable task;
  private final boolean restart;
  private final FailureReport failures;

  // Normal priority is set, not relied on: without it the thread inherits its creator's priority,
  // which may be a service thread's.
  @SuppressWarnings("ThreadPriorityCheck")
  AgentThread(ThreadGroup group, Runnable task, String name, boolean restart) {
    super(group, null, name, 0, false); // false: inherit no inheritable thread locals
    this.task = task;
    this.restart = restart;
    this.failures = new FailureReport(name, restart);
    setDaemon(true);
    setPriority(NORM_PRIORITY);
    setContextClassLoader(null); // never pin the service's class loader
    setUncaughtExceptionHandler(LAST_FENCE);
  }

  FailureReport failures() {
    return failures;
  }

  @Override
  public void run() {
    long pause = MIN_PAUSE_MILLIS;
    while (true) {
      long started = System.nanoTime();
      try {
        task.run();
        return;
      } catch (Throwable failure) {
        failures.report(failure);
      }
      if (!restart) {
        return;
      }
      if (System.nanoTime() - started > CALM_NANOS) {
        pause = MIN_PAUSE_MILLIS;
      }
      if (!pause(pause)) {
        return;
      }
      pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
    }
  }

  /** False when interrupted: a loop's way to be stopped. */
  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException stop) {
      return false;
    } catch (Throwable failure) {
      return true; // not even a pause: try again anyway
    }
  }

  /**
   * Reached only if the failure handling above fails itself: reports without throwing, so the JVM
   * never prints "thrown from the UncaughtExceptionHandler".
   */
  private static final class LastFence implements UncaughtExceptionHandler {
    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
      try {
        if (thread instanceof AgentThread) {
          ((AgentThread) thread).failures.report(failure);
        }
      } catch (Throwable ignored) {
        // nothing left to tell
      }
    }
  }
}
