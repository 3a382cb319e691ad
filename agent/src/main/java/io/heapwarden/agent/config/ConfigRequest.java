package io.heapwarden.agent.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to load: the file (null when none is named) and single-key overrides from agent arguments,
 * {@code -Dheapwarden.<key>} and {@code HEAPWARDEN_<KEY>}, each with where it came from.
 */
public record ConfigRequest(Path file, Map<String, Override> overrides) {
  public record Override(String value, SourcePosition origin) {}

  public ConfigRequest {
    overrides = Map.copyOf(overrides);
  }

  /** Finds the file and the overrides. TODO(config helper): real lookup. */
  public static ConfigRequest locate(
      String agentArguments, Map<String, String> systemProperties, Map<String, String> env) {
    return new ConfigRequest(null, Map.of());
  }
}
