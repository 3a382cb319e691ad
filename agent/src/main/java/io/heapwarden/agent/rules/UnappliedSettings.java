package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.InstanceRule;
import io.heapwarden.agent.config.SingletonRule;
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
    for (SingletonRule rule : config.singletons()) {
      unapplied.add(rule.position() + ": " + rule.name() + ": singleton rules are not applied yet");
    }
    for (InstanceRule rule : config.instances()) {
      unapplied.add(rule.position() + ": " + rule.name() + ": instance rules are not applied yet");
    }
    return unapplied;
  }
}
