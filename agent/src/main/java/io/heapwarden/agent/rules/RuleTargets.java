package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.resolve.RuleTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * What each rule of a config needs a class to have, in the order of the rule ids, each named by its
 * entry ({@code collections[0].field}): for the rule feedback and {@code check --classpath}.
 */
public final class RuleTargets {
  private RuleTargets() {}

  /** The targets of {@code config}'s rules, a preset entry's as one per field of the preset. */
  public static List<RuleTarget> of(AgentConfig config) {
    List<RuleTarget> targets = new ArrayList<>();
    for (Kind<?> kind : Kinds.ALL) {
      add(kind, config, targets);
    }
    return targets;
  }

  private static <R extends RuleSpec> void add(
      Kind<R> kind, AgentConfig config, List<RuleTarget> targets) {
    List<R> written = config.rules(kind.type());
    for (int i = 0; i < written.size(); i++) {
      String entry = kind.name() + "[" + i + "]";
      for (R rule : kind.enforced(List.of(written.get(i)))) {
        kind.addRuleTargets(rule, entry, targets);
      }
    }
  }
}
