package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.SessionRule;
import io.heapwarden.bootstrap.Limit;
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
    for (SessionRule rule : config.sessions()) {
      if (rule.maxBytesPerSession() != Limit.UNSET) {
        unapplied.add(
            rule.position()
                + ": "
                + rule.name()
                + ": max-bytes-per-session is not enforced yet; max-sessions, idle-timeout and"
                + " window are");
      }
    }
    return unapplied;
  }
}
