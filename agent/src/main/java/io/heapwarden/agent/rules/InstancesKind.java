package io.heapwarden.agent.rules;

import static io.heapwarden.agent.config.ConfigKey.required;

import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.config.ConfigKey;
import io.heapwarden.agent.config.ConfigPrinter;
import io.heapwarden.agent.config.InstanceRule;
import io.heapwarden.agent.config.RuleEntry;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.instrument.singletons.InstanceTarget;
import io.heapwarden.agent.resolve.RuleTarget;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code instances:} rules: the class's constructors count live instances ({@code InstanceHooks}),
 * through the singletons' rewriter, and more than {@code max-live} raise a warning.
 */
final class InstancesKind extends Kind<InstanceRule> {
  InstancesKind() {
    super(
        "instances",
        "Rules that watch how many instances of a class are alive.",
        InstanceRule.class);
  }

  @Override
  RuleKind bootKind() {
    return RuleKind.INSTANCE;
  }

  @Override
  BootSet bootSet() {
    return BootSet.INSTANCES;
  }

  @Override
  public List<ConfigKey> keys() {
    return List.of(
        required(
            path("class"),
            ConfigKey.Type.CLASS,
            "com.example.db.Connection",
            "The class whose live instances are counted."),
        required(
            path("max-live"),
            ConfigKey.Type.COUNT,
            "5",
            "How many live instances are expected at most; more raise a warning."));
  }

  @Override
  public @Nullable InstanceRule read(RuleEntry entry) {
    String className = entry.get("class", String.class, null);
    if (className == null || entry.get("max-live") == null) {
      return null;
    }
    return new InstanceRule(className, entry.limit("max-live"), entry.position());
  }

  @Override
  public @Nullable Object valueOf(InstanceRule rule, String key) {
    switch (key) {
      case "class":
        return rule.className();
      case "max-live":
        return ConfigPrinter.limit(rule.maxLive());
      default:
        throw new IllegalArgumentException("no value for " + path(key));
    }
  }

  @Override
  long[] limits(InstanceRule rule) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_LIVE.ordinal()] = rule.maxLive();
    return limits;
  }

  @Override
  InstanceRule shape(InstanceRule rule) {
    return new InstanceRule(rule.className(), 0, rule.position().withoutLine());
  }

  @Override
  void addNeedles(InstanceRule rule, TargetIndex.Builder needles) {
    needles.className(rule.className().replace('.', '/'));
  }

  @Override
  void addRuleTargets(InstanceRule rule, String entry, List<RuleTarget> targets) {
    targets.add(
        RuleTarget.type(rule.name(), entry + ".class", rule.position(), rule.className(), false));
  }

  @Override
  void addTargets(int id, InstanceRule rule, RewriterPlan plan) {
    plan.instance(new InstanceTarget(id, rule.name(), rule.className().replace('.', '/')));
  }
}
