package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LogOutput;
import io.heapwarden.bootstrap.threads.AgentThreads;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sink behind a fence: its failure is logged once, then only swallowed. An {@link
 * OutOfMemoryError} is not the sink's failure but the service's: it does not use up the one warning
 * (nor print a stack trace into a full heap); the thread's prepared out-of-memory line says it, at
 * most once a minute.
 */
final class GuardedSink {
  private final String name;
  private final TelemetrySink sink;
  private final LogOutput log;
  private final AtomicBoolean warned = new AtomicBoolean();

  GuardedSink(String name, TelemetrySink sink, LogOutput log) {
    this.name = name;
    this.sink = sink;
    this.log = log;
  }

  void incident(Incident incident) {
    try {
      sink.incident(incident);
    } catch (OutOfMemoryError serviceOutOfMemory) {
      AgentThreads.report(serviceOutOfMemory);
    } catch (Throwable failure) {
      failed(failure);
    }
  }

  void activity(ActivityReport report) {
    try {
      sink.activity(report);
    } catch (OutOfMemoryError serviceOutOfMemory) {
      AgentThreads.report(serviceOutOfMemory);
    } catch (Throwable failure) {
      failed(failure);
    }
  }

  private void failed(Throwable failure) {
    if (warned.compareAndSet(false, true)) {
      log.log(
          LogLevel.WARN,
          "telemetry sink failed",
          "the " + name + " telemetry sink failed; its later failures are not logged",
          failure);
    }
  }

  /**
   * Logs a failure of telemetry's own code ({@code where} names the step); never throws, so that a
   * caller's catch block cannot fail in turn.
   */
  static void telemetryFailed(LogOutput log, String where, Throwable failure) {
    try {
      log.log(LogLevel.WARN, "telemetry failed", "telemetry failed in " + where, failure);
    } catch (Throwable ignored) {
      // nothing left to tell
    }
  }
}
