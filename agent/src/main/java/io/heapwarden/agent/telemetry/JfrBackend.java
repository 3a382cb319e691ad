package io.heapwarden.agent.telemetry;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Telemetry} needs from JFR, so that the one implementation touching {@code jdk.jfr}
 * ({@link io.heapwarden.agent.telemetry.jfr.JfrSupport}) is loaded only by {@link
 * Telemetry#startBackground()}, and tests can stand in for it.
 */
public interface JfrBackend {
  /**
   * Registers the agent's event types and returns the sink that commits them, or {@code null} when
   * this JVM has no Flight Recorder. {@code atChunkEnd} runs, on a JFR thread, at the end of every
   * recording chunk (the last one when the JVM exits included), before the chunk is written.
   */
  @Nullable TelemetrySink start(Runnable atChunkEnd);

  /**
   * Whether JFR's recorder is initialised (someone recorded, or records). Must not initialise JFR;
   * until it is true the agent does not {@link #start}.
   */
  default boolean recorderInitialized() {
    return true;
  }

  /** Whether a recording is running now. Must not initialise JFR. */
  boolean recording();

  /**
   * Calls {@code callback} each time a recording starts, on a JFR thread: the callback must only
   * hand work over.
   */
  void onRecordingStarted(Runnable callback);
}
