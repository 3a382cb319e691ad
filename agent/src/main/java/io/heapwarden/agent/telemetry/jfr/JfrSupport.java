package io.heapwarden.agent.telemetry.jfr;

import io.heapwarden.agent.telemetry.JfrBackend;
import io.heapwarden.agent.telemetry.TelemetrySink;
import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.jspecify.annotations.Nullable;

/**
 * The agent's only entry into {@code jdk.jfr}. Nothing here may run on the premain thread.
 * Registering the event classes initialises JFR's metadata, some 100 ms of CPU on a cold JVM, so it
 * waits until the recorder itself is initialised, i.e. until someone records (a recording started
 * by {@code -XX:StartFlightRecording}, {@code jcmd JFR.start} or JMC). Until then a commit is a
 * no-op. Callers check first that the runtime has the {@code jdk.jfr} module at all.
 */
public final class JfrSupport implements JfrBackend {
  /** Every event the agent emits, registered together so every recording lists all of them. */
  private static final List<Class<? extends Event>> EVENTS =
      List.of(
          AgentStartedEvent.class,
          ConfigReloadedEvent.class,
          ConfigRejectedEvent.class,
          RestartNeededEvent.class,
          RuleFailedEvent.class,
          TransformFailedEvent.class,
          RuleUnresolvedEvent.class,
          RuleActivityEvent.class,
          SingletonCreatedEvent.class,
          MaxLiveExceededEvent.class,
          SessionEvictionsEvent.class,
          SessionEvictedEvent.class,
          MemoryPressureEvent.class,
          GcNudgeEvent.class,
          EmergencyTrimEvent.class,
          PressureEscalationEvent.class,
          GrowthSuspectEvent.class);

  @Override
  public @Nullable TelemetrySink start(Runnable atChunkEnd) {
    if (!FlightRecorder.isAvailable()) {
      return null;
    }
    for (Class<? extends Event> event : EVENTS) {
      initialize(event);
    }
    initialize(ActivityFlushEvent.class);
    FlightRecorder.addListener(
        new FlightRecorderListener() {
          @Override
          public void recorderInitialized(FlightRecorder recorder) {
            for (Class<? extends Event> event : EVENTS) {
              FlightRecorder.register(event);
            }
            FlightRecorder.addPeriodicEvent(ActivityFlushEvent.class, atChunkEnd);
          }
        });
    return new JfrSink();
  }

  /**
   * Initialises an event class now, on the telemetry thread at start. Left to its first commit, the
   * class could be initialised during an {@link OutOfMemoryError} episode of the service; a failed
   * initialiser marks the class unusable for the life of the JVM ({@code NoClassDefFoundError:
   * Could not initialize class}), and its events would be lost after the service recovers.
   */
  private static void initialize(Class<? extends Event> event) {
    try {
      Class.forName(event.getName(), true, event.getClassLoader());
    } catch (ClassNotFoundException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  @Override
  public boolean recorderInitialized() {
    return JfrRecorder.initialized();
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
