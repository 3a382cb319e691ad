package io.heapwarden.agent;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.resolve.RuleFeedback;
import io.heapwarden.agent.resolve.RuleProblem;
import io.heapwarden.agent.resolve.RuleTarget;
import io.heapwarden.agent.rules.RuleTargets;
import io.heapwarden.agent.telemetry.Telemetry;
import java.time.Duration;

/** Sends the rule feedback (a rule that does nothing) to telemetry: a named class, no lambda. */
final class RuleFeedbackTelemetry implements RuleFeedback.Listener {
  private final Telemetry telemetry;

  private RuleFeedbackTelemetry(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  /**
   * The rule feedback of {@code config}'s rules, reporting to {@code telemetry}. Made here so that
   * a config without rules loads none of its classes.
   */
  static RuleFeedback feedback(AgentConfig config, Telemetry telemetry) {
    return new RuleFeedback(RuleTargets.of(config), new RuleFeedbackTelemetry(telemetry));
  }

  @Override
  public void unresolved(RuleProblem problem) {
    telemetry.ruleUnresolved(
        problem.target().rule(), problem.target().location(), problem.message(), problem.hint());
  }

  @Override
  public void notMatched(RuleTarget target, Duration after) {
    telemetry.ruleNotMatched(
        target.rule(), target.location(), "class " + target.className(), after);
  }
}
