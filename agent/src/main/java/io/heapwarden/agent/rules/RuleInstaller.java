package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.CollectionRule;
import io.heapwarden.agent.config.Eviction;
import io.heapwarden.agent.config.OnEvict;
import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.config.SessionRule;
import io.heapwarden.agent.config.Units;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.FieldHook;
import io.heapwarden.agent.instrument.collections.FieldWriteRewriter;
import io.heapwarden.agent.instrument.collections.UnboundableFieldReporter;
import io.heapwarden.agent.instrument.singletons.SingletonRewriter;
import io.heapwarden.agent.instrument.singletons.SingletonRules;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.sessions.SessionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the configured rules into the boot-side {@link RuleTable} and the transformer's {@link
 * TargetIndex}; on reload, applies what can change live (limits) and names what needs a restart.
 */
public final class RuleInstaller {
  private final List<Rule> rules;
  private final TargetIndex targets;
  private List<RuleSpec> specs;

  private RuleInstaller(List<RuleSpec> specs, List<Rule> rules) {
    this.specs = specs;
    this.rules = rules;
    this.targets = TargetIndex.of(specs);
  }

  public static RuleInstaller install(AgentConfig config) {
    List<RuleSpec> specs = config.rules();
    List<Rule> rules = new ArrayList<>(specs.size());
    for (int id = 0; id < specs.size(); id++) {
      RuleSpec spec = specs.get(id);
      rules.add(new Rule(id, spec.name(), RuleLimits.kindOf(spec), RuleLimits.limitsOf(spec)));
    }
    // A values: bound is a rule of its own, after the configured ones, so that what it evicts
    // inside the values is counted and reported apart from the map's own evictions.
    for (int id = 0; id < specs.size(); id++) {
      if (specs.get(id) instanceof CollectionRule collection
          && collection.valuesMaxEntries() != Limit.UNSET) {
        Rule values =
            new Rule(
                rules.size(),
                collection.name() + "[values]",
                RuleKind.COLLECTION,
                RuleLimits.valuesLimitsOf(collection));
        rules.get(id).linkValues(values);
        rules.add(values);
      } else if (specs.get(id) instanceof SessionRule session && session.window() != Limit.UNSET) {
        // the bound of queues a session map creates: counted apart, as a values: bound is
        Rule window =
            new Rule(
                rules.size(),
                session.name() + "[window]",
                RuleKind.COLLECTION,
                RuleLimits.windowLimitsOf(session));
        rules.get(id).linkValues(window);
        rules.add(window);
      }
    }
    RuleTable.install(rules);
    for (int id = 0; id < specs.size(); id++) {
      if (specs.get(id) instanceof SessionRule session) {
        SessionRules.install(id, session.adapter(), session.onEvict() == OnEvict.CLOSE);
      }
    }
    return new RuleInstaller(List.copyOf(specs), List.copyOf(rules));
  }

  /** How many rules the config declares (the table also holds one per values: bound). */
  public int configuredRules() {
    return specs.size();
  }

  public TargetIndex targets() {
    return targets;
  }

  /**
   * The class rewriters for the installed rules. {@code unboundable} hears, once per rule and type,
   * of a ruled field whose declared type cannot be bounded.
   */
  public List<ClassRewriter> rewriters(UnboundableFieldReporter unboundable) {
    List<CollectionTarget> collections = new ArrayList<>();
    for (int id = 0; id < specs.size(); id++) {
      if (specs.get(id) instanceof CollectionRule rule) {
        collections.add(
            new CollectionTarget(
                id,
                rule.name(),
                rule.field().internalClassName(),
                rule.field().fieldName(),
                rule.eviction() == Eviction.LRU));
      } else if (specs.get(id) instanceof SessionRule session) {
        collections.add(
            new CollectionTarget(
                id,
                session.name(),
                session.field().internalClassName(),
                session.field().fieldName(),
                true,
                FieldHook.SESSIONS));
      }
    }
    List<ClassRewriter> rewriters = new ArrayList<>();
    // singletons: and instances: rules (one rewriter for both, see SingletonRules)
    SingletonRewriter singletons = SingletonRules.rewriter(specs);
    if (singletons != null) {
      rewriters.add(singletons);
    }
    if (collections.isEmpty()) {
      return List.copyOf(rewriters);
    }
    Set<String> reported = ConcurrentHashMap.newKeySet();
    UnboundableFieldReporter once =
        new UnboundableFieldReporter() {
          @Override
          public void report(CollectionTarget target, String declaredType, String reason) {
            if (reported.add(target.ruleId() + ":" + declaredType)) {
              unboundable.report(target, declaredType, reason);
            }
          }
        };
    rewriters.add(0, new FieldWriteRewriter(collections, once));
    return List.copyOf(rewriters);
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
    List<RuleSpec> nextSpecs = next.rules();
    List<String> applied = new ArrayList<>();
    List<String> needRestart = new ArrayList<>();
    // The installed rules stay; those whose shape is unchanged take the new limits.
    List<RuleSpec> inForce = new ArrayList<>(specs);
    int common = Math.min(specs.size(), nextSpecs.size());
    for (int i = 0; i < common; i++) {
      RuleSpec before = specs.get(i);
      RuleSpec after = nextSpecs.get(i);
      if (!RuleLimits.withoutLimits(before).equals(RuleLimits.withoutLimits(after))) {
        needRestart.add(
            "rule " + before.name() + " changed to " + after.name() + " " + after.target());
        continue;
      }
      inForce.set(i, after);
      Rule rule = rules.get(i);
      long[] oldLimits = rule.limits();
      long[] newLimits = RuleLimits.limitsOf(after);
      if (!Arrays.equals(oldLimits, newLimits)) {
        rule.updateLimits(newLimits);
        if (rule.values() != null && after instanceof CollectionRule collection) {
          rule.values().updateLimits(RuleLimits.valuesLimitsOf(collection));
        }
        if (rule.values() != null && after instanceof SessionRule session) {
          rule.values().updateLimits(RuleLimits.windowLimitsOf(session));
        }
        applied.add(describeLimitChange(rule.name(), oldLimits, newLimits));
      }
    }
    for (int i = common; i < nextSpecs.size(); i++) {
      needRestart.add("new rule " + nextSpecs.get(i).target());
    }
    for (int i = common; i < specs.size(); i++) {
      needRestart.add("removed rule " + specs.get(i).target());
    }
    specs = List.copyOf(inForce);
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
