package io.heapwarden.agent.config;

import java.time.Duration;

/** Whether the config file is watched for changes, and how often it is checked. */
public record ReloadSettings(boolean watch, Duration interval) {
  public static final ReloadSettings DEFAULTS = new ReloadSettings(true, Duration.ofSeconds(2));

  /**
   * The shortest {@code reload.interval}: each poll reads and hashes the file, so 1ms kept 5.5% of
   * a core busy in the watcher thread alone; at 100ms it is 0.29%, and an edit still applies within
   * a fraction of a second (docs/configuration.md has the measurement).
   */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
}
