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

  /**
   * What no two rules of a config may share, since the first would take the target and the others
   * do nothing: by default the rule's kind and {@link #target()}. A rule on a field claims the
   * field itself, whatever its kind: every write of the field goes through one rule's hook.
   */
  default String claim() {
    return getClass().getSimpleName().concat(" ").concat(target());
  }
}
