package io.heapwarden.agent.config;

import java.time.Duration;

/** Whether the config file is watched for changes, and how often it is checked. */
public record ReloadSettings(boolean watch, Duration interval) {
  public static final ReloadSettings DEFAULTS = new ReloadSettings(true, Duration.ofSeconds(2));
}
