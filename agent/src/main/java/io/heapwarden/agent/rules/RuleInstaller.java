package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.Units;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.UnboundableFieldReporter;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the configured rules into the boot-side {@link RuleTable} and the transformer's {@link
 * TargetIndex}; on reload, applies what can change live (limits) and names what needs a restart.
 * What each rule means comes from its {@link Kind}; ids come from the {@link RulePlan}.
 */
public final class RuleInstaller {
  private final List<Rule> rules;
  private final TargetIndex targets;
  private RulePlan plan;

  private RuleInstaller(RulePlan plan, List<Rule> rules) {
    this.plan = plan;
    this.rules = rules;
    this.targets = plan.targets();
  }

  public static RuleInstaller install(AgentConfig config) {
    RulePlan plan = RulePlan.of(config);
    List<Rule> rules = plan.bootRules();
    RuleTable.install(rules);
    plan.installBootSide();
    return new RuleInstaller(plan, List.copyOf(rules));
  }

  /** How many rules the config declares (the table also holds one per companion rule). */
  public int configuredRules() {
    return plan.rules().size();
  }

  public TargetIndex targets() {
    return targets;
  }

  /**
   * The class rewriters for the installed rules. {@code unboundable} hears, once per rule and type,
   * of a ruled field whose declared type cannot be bounded.
   */
  public List<ClassRewriter> rewriters(UnboundableFieldReporter unboundable) {
    return plan.rewriters(unboundable);
  }

  /** The fields of {@code collections:} and {@code sessions:} rules (see {@link RulePlan}). */
  public List<CollectionTarget> ruledFields() {
    return plan.ruledFields();
  }

  public List<Rule> rules() {
    return rules;
  }

  /** What a reload did: changes applied live, and changes that take effect only after a restart. */
  public record ReloadOutcome(List<String> applied, List<String> needRestart) {}

  /**
   * Applies {@code next}'s limits to the rules in force. Rules are matched by position; a rule
   * whose target or shape changed, or that was added or removed, is reported as needing a restart
   * and keeps its old behaviour until then.
   */
  public synchronized ReloadOutcome reload(AgentConfig next) {
    List<PlannedRule<?>> installed = plan.rules();
    List<PlannedRule<?>> nextRules = RulePlan.of(next).rules();
    List<String> applied = new ArrayList<>();
    List<String> needRestart = new ArrayList<>();
    // The installed rules stay; those whose shape is unchanged take the new limits.
    List<PlannedRule<?>> inForce = new ArrayList<>(installed);
    int common = Math.min(installed.size(), nextRules.size());
    for (int i = 0; i < common; i++) {
      PlannedRule<?> before = installed.get(i);
      PlannedRule<?> after = nextRules.get(i);
      if (!before.shape().equals(after.shape())) {
        needRestart.add(
            "rule "
                + before.spec.name()
                + " changed to "
                + after.spec.name()
                + " "
                + after.spec.target());
        continue;
      }
      inForce.set(i, after);
      Rule rule = rules.get(i);
      long[] oldLimits = rule.limits();
      long[] newLimits = after.limits();
      if (!Arrays.equals(oldLimits, newLimits)) {
        rule.updateLimits(newLimits);
        if (rule.values() != null) {
          rule.values().updateLimits(after.companionLimits());
        }
        applied.add(describeLimitChange(rule.name(), oldLimits, newLimits));
      }
    }
    for (int i = common; i < nextRules.size(); i++) {
      needRestart.add("new rule " + nextRules.get(i).spec.target());
    }
    for (int i = common; i < installed.size(); i++) {
      needRestart.add("removed rule " + installed.get(i).spec.target());
    }
    plan = RulePlan.inForce(inForce);
    return new ReloadOutcome(List.copyOf(applied), List.copyOf(needRestart));
  }

  private static String describeLimitChange(String rule, long[] before, long[] after) {
    StringBuilder change = new StringBuilder(rule);
    for (Limit limit : Limit.values()) {
      int i = limit.ordinal();
      if (before[i] != after[i]) {
        change
            .append(' ')
            .append(limit.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
            .append(' ')
            .append(show(limit, before[i]))
            .append(" -> ")
            .append(show(limit, after[i]));
      }
    }
    return change.toString();
  }

  private static String show(long value) {
    return value == Limit.UNSET ? "unset" : Long.toString(value);
  }

  private static String show(Limit limit, long value) {
    return limit == Limit.IDLE_TIMEOUT && value != Limit.UNSET
        ? Units.formatDuration(Duration.ofNanos(value))
        : show(value);
  }
}
