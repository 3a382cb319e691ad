package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.AgentConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings the config accepts but this version does not enforce yet. Each is reported once at
 * start, so a limit in the file is never silently ignored.
 */
public final class UnappliedSettings {
  private UnappliedSettings() {}

  public static List<String> of(AgentConfig config) {
    List<String> unapplied = new ArrayList<>();
    return unapplied;
  }
}
