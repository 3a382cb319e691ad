package io.heapwarden.agent.config;

/** What every configured rule has: a name for telemetry, what it targets, where it was written. */
public sealed interface RuleSpec permits CollectionRule, SingletonRule, InstanceRule, SessionRule {
  /** The rule's name in logs, meters and events. */
  String name();

  /**
   * What the rule instruments. Two versions of a config whose rules have equal targets can be
   * swapped at run time; a changed target needs a restart.
   */
  String target();

  SourcePosition position();
}
