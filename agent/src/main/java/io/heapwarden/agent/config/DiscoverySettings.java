package io.heapwarden.agent.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code discover:}: which packages' collection-typed fields are tracked, how often their sizes are
 * sampled, and whether JFR's old-object sampling is turned on. Discovery runs only when the file
 * has the section ({@code enabled}); without it no class of discovery is loaded.
 *
 * @param packages Java package names ({@code com.example}); a package includes its subpackages
 */
public record DiscoverySettings(
    boolean enabled, List<String> packages, Duration period, boolean oldObjectSamples) {
  /** The default sampling period. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

  /** The shortest sampling period: a sample reads every tracked collection. */
  public static final Duration MIN_PERIOD = Duration.ofMillis(100);

  /** No {@code discover:} section. */
  public static final DiscoverySettings OFF =
      new DiscoverySettings(false, List.of(), DEFAULT_PERIOD, false);

  public DiscoverySettings {
    packages = List.copyOf(packages);
  }
}
