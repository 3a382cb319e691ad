package io.heapwarden.agent.config;

import java.util.List;
import java.util.function.Consumer;

/**
 * Watches the config file; hands each valid new version to {@code onValid} and the problems of each
 * invalid one to {@code onInvalid} (the last good config stays in force).
 */
public final class ConfigWatcher {
  private ConfigWatcher() {}

  /** TODO(config helper): watch. */
  public static void start(
      ConfigRequest request,
      java.time.Duration interval,
      Consumer<AgentConfig> onValid,
      Consumer<List<ConfigProblem>> onInvalid) {}
}
