package io.heapwarden.agent.config;

import java.time.Duration;

/** Whether the config file is watched for changes, and how often it is checked. */
public record ReloadSettings(boolean watch, Duration interval) {
  public static final ReloadSettings DEFAULTS = new ReloadSettings(true, Duration.ofSeconds(2));

  /**
   * The shortest {@code reload.interval}: each poll reads and hashes the file, so 1ms kept a tenth
   * of a core busy in an idle service; at 100ms that is a hundred times less, and an edit still
   * applies faster than anyone can check it (docs/configuration.md has the measurement).
   */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
}
