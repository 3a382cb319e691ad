package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import org.jspecify.annotations.Nullable;

/** A configured rule with its id and its kind: what the plan hands to the kind's methods. */
final class PlannedRule<R extends RuleSpec> {
  final int id;
  final Kind<R> kind;
  final R spec;

  PlannedRule(int id, Kind<R> kind, R spec) {
    this.id = id;
    this.kind = kind;
    this.spec = spec;
  }

  Rule bootRule() {
    return new Rule(id, spec.name(), kind.bootKind(), kind.limits(spec));
  }

  long[] limits() {
    return kind.limits(spec);
  }

  RuleSpec shape() {
    return kind.shape(spec);
  }

  /** The companion rule with id {@code companionId}, or null when this rule has none. */
  @Nullable Rule companion(int companionId) {
    if (kind.companionMaxEntries(spec) == Limit.UNSET) {
      return null;
    }
    return new Rule(
        companionId,
        spec.name() + kind.companionSuffix(),
        RuleKind.COLLECTION, // it bounds collections the rule's collections create
        companionLimits());
  }

  /** The companion rule's live limits (also when the rule sets none: a reload unsets them). */
  long[] companionLimits() {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = kind.companionMaxEntries(spec);
    return limits;
  }

  void addNeedles(TargetIndex.Builder needles) {
    kind.addNeedles(spec, needles);
  }

  void addTargets(RewriterPlan plan) {
    plan.forKind(kind.bootSet());
    kind.addTargets(id, spec, plan);
  }

  void installBootSide() {
    kind.installBootSide(id, spec);
  }
}
