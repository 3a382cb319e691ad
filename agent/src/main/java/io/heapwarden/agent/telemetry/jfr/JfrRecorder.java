package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.FlightRecorder;

/**
 * Whether JFR's recorder is initialised, asked without loading the agent's event classes ({@link
 * JfrSupport} names them all) or initialising JFR: this loads {@link FlightRecorder} alone.
 */
public final class JfrRecorder {
  private JfrRecorder() {}

  public static boolean initialized() {
    return FlightRecorder.isInitialized();
  }
}
