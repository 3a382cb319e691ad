package io.heapwarden.agent.status;

import io.heapwarden.agent.telemetry.PressureReadings;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.collections.LiveCollections;
import io.heapwarden.bootstrap.instances.InstanceHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * The MBean's content, read from the live rules at each call (a JMX client's read, off the
 * service's threads): counters are running totals, sizes walk each rule's weakly held collections.
 * It holds no collection and no class of the service.
 */
public final class AgentStatus implements AgentStatusMXBean {
  private static final String[] LEVELS = {"NORMAL", "WARN", "CRITICAL"};

  private final String version;
  private final Supplier<String> configFile;
  private final Supplier<List<Rule>> rules;
  private final IntPredicate matched;

  /**
   * @param matched whether the agent has rewritten a class for the rule with this id
   */
  public AgentStatus(
      String version,
      Supplier<String> configFile,
      Supplier<List<Rule>> rules,
      IntPredicate matched) {
    this.version = version;
    this.configFile = configFile;
    this.rules = rules;
    this.matched = matched;
  }

  @Override
  public String getVersion() {
    return version;
  }

  @Override
  public boolean isActive() {
    List<Rule> all = rules.get();
    for (Rule rule : all) {
      if (rule.enabled()) {
        return true;
      }
    }
    return all.isEmpty();
  }

  @Override
  public String getConfigFile() {
    return configFile.get();
  }

  @Override
  public String getPressureLevel() {
    int level = PressureReadings.level();
    return level >= 0 && level < LEVELS.length ? LEVELS[level] : Integer.toString(level);
  }

  @Override
  public List<RuleStatus> getRules() {
    List<Rule> all = rules.get();
    List<RuleStatus> statuses = new ArrayList<>(all.size());
    for (Rule rule : all) {
      statuses.add(new RuleStatus(rule, size(rule), collections(rule), matched(rule, all)));
    }
    return statuses;
  }

  private static long size(Rule rule) {
    switch (rule.kind()) {
      case COLLECTION:
      case SESSION:
        return LiveCollections.size(rule);
      case INSTANCE:
        return InstanceHooks.live(rule);
      default:
        return -1;
    }
  }

  private static long collections(Rule rule) {
    return rule.kind() == RuleKind.COLLECTION || rule.kind() == RuleKind.SESSION
        ? LiveCollections.count(rule)
        : -1;
  }

  /** A companion rule (a map's values, a session's window) matched when its owner did. */
  private boolean matched(Rule rule, List<Rule> all) {
    if (matched.test(rule.id())) {
      return true;
    }
    for (Rule owner : all) {
      if (owner.values() == rule && matched.test(owner.id())) {
        return true;
      }
    }
    return false;
  }
}
