package io.heapwarden.agent.rules;

import io.heapwarden.agent.config.ConfigSchema;
import io.heapwarden.agent.config.RuleSpec;
import java.util.List;

/**
 * The registry of rule kinds, in the order of the config file's documentation and of rule ids
 * (adding sessions last kept the ids of the other rules). Adding a kind of rule: its config record
 * in {@code config}, its {@link Kind} here, and one line in {@link #ALL}; see ARCHITECTURE.md,
 * "Adding a rule kind".
 */
public final class Kinds {
  static final List<Kind<?>> ALL =
      List.of(new CollectionsKind(), new SingletonsKind(), new InstancesKind(), new SessionsKind());

  /** The config schema: the agent's settings and every kind's rule list. */
  private static final ConfigSchema SCHEMA = ConfigSchema.of(ALL);

  private Kinds() {}

  /** The config schema of the agent's settings and every kind's rule list. */
  public static ConfigSchema schema() {
    return SCHEMA;
  }

  /** The kinds, in registry order. */
  static List<Kind<?>> all() {
    return ALL;
  }

  /** The kind whose config record {@code rule} is. */
  static Kind<?> of(RuleSpec rule) {
    for (Kind<?> kind : ALL) {
      if (kind.type().isInstance(rule)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no kind of rule for " + rule.getClass().getName());
  }
}
