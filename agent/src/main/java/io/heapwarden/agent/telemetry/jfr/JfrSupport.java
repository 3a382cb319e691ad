package io.heapwarden.agent.telemetry.jfr;

import io.heapwarden.agent.telemetry.JfrBackend;
import io.heapwarden.agent.telemetry.TelemetrySink;
import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * The agent's only entry into {@code jdk.jfr}. Nothing here may run on the premain thread:
 * registering the event classes initialises JFR's metadata (some 100 ms on a cold JVM). Callers
 * check first that the runtime has the {@code jdk.jfr} module at all.
 */
public final class JfrSupport implements JfrBackend {
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

  @Override
  public TelemetrySink start() {
    if (!FlightRecorder.isAvailable()) {
      return null;
    }
    for (Class<? extends Event> event : EVENTS) {
      FlightRecorder.register(event);
    }
    return new JfrSink();
  }

  @Override
  public boolean recording() {
    if (!FlightRecorder.isInitialized()) {
      return false; // no recording can run before the recorder is initialised
    }
    for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
      if (recording.getState() == RecordingState.RUNNING) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void onRecordingStarted(Runnable callback) {
    FlightRecorder.addListener(
        new FlightRecorderListener() {
          @Override
          public void recordingStateChanged(Recording recording) {
            if (recording.getState() == RecordingState.RUNNING) {
              callback.run();
            }
          }
        });
  }
}
