package io.heapwarden.agent.config;

/**
 * What every configured rule has: a name for telemetry, what it targets, where it was written. Each
 * kind of rule has its record here and its {@code Kind} in {@code rules}, which does the rest.
 */
public interface RuleSpec {
  /** The rule's name in logs, meters and events. */
  String name();

  /**
   * What the rule instruments. Two versions of a config whose rules have equal targets can be
   * swapped at run time; a changed target needs a restart.
   */
  String target();

  SourcePosition position();
}
