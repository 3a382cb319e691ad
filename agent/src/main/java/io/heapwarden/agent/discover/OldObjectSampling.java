package io.heapwarden.agent.discover;

import io.heapwarden.agent.log.AgentLog;
import jdk.jfr.Recording;

/**
 * {@code discover.old-object-samples: true}: a recording of the agent's own that enables {@code
 * jdk.OldObjectSample} with paths to GC roots. JFR records an event for every running recording
 * while any one of them enables it, so a recording started with {@code -XX:StartFlightRecording}
 * carries the samples too.
 */
final class OldObjectSampling {
  private OldObjectSampling() {}

  static void start() {
    try {
      Recording recording = new Recording();
      recording.setName("heapwarden-old-objects");
      recording.enable("jdk.OldObjectSample").with("cutoff", "infinity");
      recording.setToDisk(true);
      recording.start();
    } catch (Throwable failure) {
      AgentLog.get(OldObjectSampling.class)
          .warn("discover: could not turn on JFR's old-object sampling: {}", failure.toString());
    }
  }
}
