package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.UnboundableFieldReporter;
import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a config enforces, each with its kind and its id. Ids are assigned here and only here:
 * the configured rules in registry order ({@link Kinds}), each kind's in file order, numbered from
 * 0; then, in the same order, the companion rules of those that have one.
 */
public final class RulePlan {
  private final List<PlannedRule<?>> rules;

  private RulePlan(List<PlannedRule<?>> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules {@code config} enforces: its entries, each expanded by its kind. */
  public static RulePlan of(AgentConfig config) {
    List<PlannedRule<?>> rules = new ArrayList<>();
    for (Kind<?> kind : Kinds.ALL) {
      addEnforced(kind, config, rules);
    }
    return new RulePlan(rules);
  }

  private static <R extends RuleSpec> void addEnforced(
      Kind<R> kind, AgentConfig config, List<PlannedRule<?>> rules) {
    for (R rule : kind.enforced(config.rules(kind.type()))) {
      rules.add(new PlannedRule<>(rules.size(), kind, rule));
    }
  }

  /** These rules as they are, in this order (for tests and tools that hold rules, not a config). */
  public static RulePlan of(List<? extends RuleSpec> specs) {
    List<PlannedRule<?>> rules = new ArrayList<>();
    for (RuleSpec spec : specs) {
      rules.add(planned(rules.size(), Kinds.of(spec), spec));
    }
    return new RulePlan(rules);
  }

  private static <R extends RuleSpec> PlannedRule<R> planned(int id, Kind<R> kind, RuleSpec spec) {
    return new PlannedRule<>(id, kind, kind.type().cast(spec));
  }

  /** The rules in force after a reload: some installed, some with a reloaded config's limits. */
  static RulePlan inForce(List<PlannedRule<?>> rules) {
    return new RulePlan(rules);
  }

  List<PlannedRule<?>> rules() {
    return rules;
  }

  /** The rules' settings, by id. */
  public List<RuleSpec> specs() {
    List<RuleSpec> specs = new ArrayList<>(rules.size());
    for (PlannedRule<?> rule : rules) {
      specs.add(rule.spec);
    }
    return specs;
  }

  /** The pre-check's needles: what a class must mention for any of these rules to apply. */
  public TargetIndex targets() {
    TargetIndex.Builder needles = new TargetIndex.Builder();
    for (PlannedRule<?> rule : rules) {
      rule.addNeedles(needles);
    }
    return needles.build();
  }

  /** The boot-side rules: one per planned rule, then the companions, ids as the plan says. */
  List<Rule> bootRules() {
    List<Rule> boot = new ArrayList<>(rules.size());
    for (PlannedRule<?> rule : rules) {
      boot.add(rule.bootRule());
    }
    for (PlannedRule<?> rule : rules) {
      Rule companion = rule.companion(boot.size());
      if (companion != null) {
        boot.get(rule.id).linkValues(companion);
        boot.add(companion);
      }
    }
    return boot;
  }

  /** The kinds' boot-side setup, once the rule table holds the rules. */
  void installBootSide() {
    for (PlannedRule<?> rule : rules) {
      rule.installBootSide();
    }
  }

  /**
   * The class rewriters for these rules. {@code unboundable} hears, once per rule and type, of a
   * ruled field whose declared type cannot be bounded.
   */
  public List<ClassRewriter> rewriters(UnboundableFieldReporter unboundable) {
    return rewriterPlan().build(unboundable);
  }

  /**
   * The ruled fields whose stores go through a field-write hook ({@code collections:} and {@code
   * sessions:} rules): after an attach, the collections they held before are adopted on read.
   */
  public List<CollectionTarget> ruledFields() {
    return rewriterPlan().ruledFields();
  }

  private RewriterPlan rewriterPlan() {
    RewriterPlan plan = new RewriterPlan();
    for (PlannedRule<?> rule : rules) {
      rule.addTargets(plan);
    }
    return plan;
  }
}
