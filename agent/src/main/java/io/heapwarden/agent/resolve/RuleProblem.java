package io.heapwarden.agent.resolve;

import io.heapwarden.agent.config.ConfigProblem;
import org.jspecify.annotations.Nullable;

/** A rule that does nothing, and why: what is wrong with its target, and a hint. */
public record RuleProblem(RuleTarget target, String message, @Nullable String hint) {
  /** As {@code check} prints config problems: {@code file:line:column: key: message (hint)}. */
  public String format() {
    return new ConfigProblem(
            target.position(), target.key(), "rule " + target.rule() + ": " + message, hint)
        .format();
  }
}
