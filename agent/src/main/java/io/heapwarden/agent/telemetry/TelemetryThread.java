package io.heapwarden.agent.telemetry;

import io.heapwarden.bootstrap.threads.AgentThreads;
import io.heapwarden.bootstrap.threads.PoolThreads;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The {@code heapwarden-telemetry} daemon thread: the periodic tick, the few delayed tasks of the
 * sinks' setup, and one last tick when the JVM exits. Nothing starts before {@link #start}, so
 * creating it is cheap enough for the premain thread.
 */
final class TelemetryThread {
  private final Runnable tick;
  private final Object lock = new Object();

  /** The periodic tick: a periodic task that throws is never run again, so it throws nothing. */
  private final Runnable guardedTick =
      new Runnable() {
        @Override
        public void run() {
          try {
            tick.run();
          } catch (Throwable failure) {
            AgentThreads.report(failure);
          }
        }
      };

  private @Nullable ScheduledExecutorService executor; // guarded by lock
  private @Nullable Thread finalTick; // guarded by lock
  private @Nullable ScheduledFuture<?> ticks; // guarded by lock
  private boolean closed; // guarded by lock

  TelemetryThread(Runnable tick) {
    this.tick = tick;
  }

  /**
   * Starts the thread, ticking every {@code interval}, and registers the tick at exit; returns
   * {@code false}, doing nothing, when it started before or was closed.
   */
  boolean start(Duration interval) {
    synchronized (lock) {
      if (executor != null || closed) {
        return false;
      }
      executor = newExecutor();
      scheduleTicks(interval);
      finalTick = finalTickAtExit();
      return true;
    }
  }

  /** Whether {@link #start} ran (the thread may have been closed since). */
  boolean started() {
    synchronized (lock) {
      return executor != null;
    }
  }

  /** Ticks every {@code interval} from now on, if the thread was started. */
  void reschedule(Duration interval) {
    synchronized (lock) {
      if (executor != null) {
        scheduleTicks(interval);
      }
    }
  }

  /**
   * Runs {@code task} on the thread after {@code delay}; nothing happens when it is not started yet
   * or closed. Tasks due at the same time run in submission order.
   */
  void schedule(Runnable task, Duration delay) {
    synchronized (lock) {
      if (executor != null && !closed) {
        ScheduledFuture<?> unused = // a task reports its own failures
            executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * Waits until the thread has run everything already due (tests only): immediate and zero-delay
   * tasks run in submission order on the one thread.
   */
  void awaitDue() throws Exception {
    ScheduledExecutorService background;
    synchronized (lock) {
      background = executor;
    }
    if (background != null) {
      background
          .schedule(
              new Runnable() {
                @Override
                public void run() {}
              },
              0,
              TimeUnit.NANOSECONDS)
          .get(10, TimeUnit.SECONDS);
    }
  }

  /** Stops the thread and removes the tick at exit. */
  void close() {
    synchronized (lock) {
      closed = true;
      if (executor != null) {
        executor.shutdownNow();
      }
      if (finalTick != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(finalTick);
        } catch (IllegalStateException exiting) {
          // the JVM is already exiting: the hook runs anyway
        }
      }
    }
  }

  /** Holding {@link #lock}: (re)schedules the tick at {@code interval}. */
  private void scheduleTicks(Duration interval) {
    if (ticks != null) {
      ticks.cancel(false);
    }
    long nanos = interval.toNanos();
    ticks = // start() made the executor; reschedule() checked it
        Objects.requireNonNull(executor)
            .scheduleWithFixedDelay(guardedTick, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Reports the interval in progress when the JVM exits, so the log and meters hold everything the
   * agent did even in a run shorter than one interval (JFR gets it at the end of its last chunk,
   * see {@link JfrBackend#start}).
   */
  private @Nullable Thread finalTickAtExit() {
    Thread hook = AgentThreads.newThread("heapwarden-final-tick", tick);
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return hook;
    } catch (IllegalStateException exiting) {
      return null; // a service that ends before telemetry starts: nothing left to report at exit
    }
  }

  private static ScheduledExecutorService newExecutor() {
    PoolThreads threads = new PoolThreads("heapwarden-telemetry");
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
    threads.serve(executor);
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return executor;
  }
}
