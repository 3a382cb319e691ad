package io.heapwarden.agent.telemetry.jfr;

import io.heapwarden.agent.telemetry.TelemetrySink;
import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

/**
 * The agent's only entry into {@code jdk.jfr}. Nothing here may run on the premain thread: loading
 * the event classes and registering them initialises parts of JFR. Callers check first that the
 * runtime has the {@code jdk.jfr} module at all.
 */
public final class JfrSupport {
  /** Every event the agent emits, registered up front so recordings list them from the start. */
  private static final List<Class<? extends Event>> EVENTS =
      List.of(
          AgentStartedEvent.class,
          ConfigReloadedEvent.class,
          ConfigRejectedEvent.class,
          RestartNeededEvent.class,
          RuleFailedEvent.class,
          TransformFailedEvent.class,
          RuleActivityEvent.class);

  private JfrSupport() {}

  /**
   * Registers the agent's events and returns the sink that commits them, or {@code null} when this
   * JVM has no Flight Recorder (e.g. a build without JFR).
   */
  public static TelemetrySink start() {
    if (!FlightRecorder.isAvailable()) {
      return null;
    }
    for (Class<? extends Event> event : EVENTS) {
      FlightRecorder.register(event);
    }
    return new JfrSink();
  }
}
