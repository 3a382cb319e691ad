package io.heapwarden.agent;

import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.UnboundableFieldReporter;
import io.heapwarden.agent.telemetry.Telemetry;

/**
 * Sends the rewriter's "this field's type cannot be bounded" to telemetry (a named class: no lambda
 * in premain).
 */
final class UnboundableFields implements UnboundableFieldReporter {
  private final Telemetry telemetry;

  UnboundableFields(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public void report(CollectionTarget target, String declaredType, String reason) {
    telemetry.notBounded(target.ruleName(), declaredType, reason);
  }
}
