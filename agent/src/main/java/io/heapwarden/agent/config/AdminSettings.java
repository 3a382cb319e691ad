package io.heapwarden.agent.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code admin:}: the agent's admin port ({@code /health}, {@code /memory-stats}, {@code
 * /cleanup}). On only when the file has the section (or an override sets {@code admin.port});
 * without it no class of the endpoints is loaded. {@code token} is null when none is configured:
 * {@code /cleanup} then refuses every call. Its {@link #toString()} never shows the token.
 *
 * @param port 0 for any free port
 * @param bind an IP literal or {@code localhost}
 */
public record AdminSettings(
    boolean enabled, int port, String bind, @Nullable String token, Duration cleanupInterval) {
  /** The default bind address: the loopback interface only. */
  public static final String LOOPBACK = "127.0.0.1";

  /** The default shortest time between two accepted {@code /cleanup} calls. */
  public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofSeconds(10);

  /** No {@code admin:} section. */
  public static final AdminSettings OFF =
      new AdminSettings(false, 0, LOOPBACK, null, DEFAULT_CLEANUP_INTERVAL);

  @Override
  public String toString() {
    return "AdminSettings[enabled="
        + enabled
        + ", port="
        + port
        + ", bind="
        + bind
        + ", token="
        + (token == null ? "unset" : "(hidden)")
        + ", cleanupInterval="
        + cleanupInterval
        + "]";
  }
}
