package io.heapwarden.agent.config;

/**
 * {@code telemetry.prometheus:}: the agent's meters in Prometheus's text format on a port of its
 * own, or on the admin port when it names the same one. On only when the file has the section (or
 * an override sets the port).
 *
 * @param port 0 for any free port
 * @param bind an IP literal or {@code localhost}
 */
public record PrometheusSettings(boolean enabled, int port, String bind) {
  /** No {@code telemetry.prometheus:} section. */
  public static final PrometheusSettings OFF =
      new PrometheusSettings(false, 0, AdminSettings.LOOPBACK);
}
