package io.heapwarden.agent.telemetry;

/**
 * One destination of the agent's telemetry. {@link Telemetry} calls every sink for every incident
 * and every non-empty tick, and isolates them: a sink that throws is reported once and never
 * affects the other sinks or the caller (which may be a service thread or a class load).
 */
public interface TelemetrySink {
  /** A rare incident, on the thread that reported it. */
  void incident(Incident incident);

  /** One tick's aggregated rule activity, on the telemetry thread. */
  void activity(ActivityReport report);
}
