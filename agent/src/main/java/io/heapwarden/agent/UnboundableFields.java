package io.heapwarden.agent;

import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.UnboundableFieldReporter;
import io.heapwarden.agent.resolve.RuleFeedback;
import io.heapwarden.agent.telemetry.Telemetry;
import org.jspecify.annotations.Nullable;

/**
 * Sends the rewriter's "this field's type cannot be bounded" to the rule feedback, as the rule's
 * one problem with its place in the config, or else to telemetry (a named class: no lambda in
 * premain).
 */
final class UnboundableFields implements UnboundableFieldReporter {
  private final Telemetry telemetry;
  private final @Nullable RuleFeedback feedback;

  UnboundableFields(Telemetry telemetry, @Nullable RuleFeedback feedback) {
    this.telemetry = telemetry;
    this.feedback = feedback;
  }

  @Override
  public void report(CollectionTarget target, String declaredType, String reason) {
    if (feedback == null || !feedback.unboundable(target.ruleName(), declaredType, reason)) {
      telemetry.notBounded(target.ruleName(), declaredType, reason);
    }
  }
}
