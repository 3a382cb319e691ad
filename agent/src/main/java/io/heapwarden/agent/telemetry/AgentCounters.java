package io.heapwarden.agent.telemetry;

import java.util.concurrent.atomic.LongAdder;

/**
 * The agent-wide counts behind the {@code heapwarden.config.*}, {@code heapwarden.rules.*} and
 * {@code heapwarden.transform.failures} meters. Per-rule counts live on the rules themselves.
 */
public final class AgentCounters implements TelemetrySink {
  private final LongAdder reloads = new LongAdder();
  private final LongAdder rejections = new LongAdder();
  private final LongAdder transformFailures = new LongAdder();
  private final LongAdder unresolvedRules = new LongAdder();
  private final LongAdder unmatchedRules = new LongAdder();
  private final LongAdder growthSuspects = new LongAdder();

  /** Config files applied live since the agent started. */
  public long configReloads() {
    return reloads.sum();
  }

  /** Invalid config files rejected (the last good config kept) since the agent started. */
  public long configRejections() {
    return rejections.sum();
  }

  /** Classes whose rewriting failed (each such class loads unchanged). */
  public long transformFailures() {
    return transformFailures.sum();
  }

  /** Rules whose class loaded without what they name, or with a field they cannot bound. */
  public long unresolvedRules() {
    return unresolvedRules.sum();
  }

  /** Rules reported because their class had not loaded after {@code not-matched-after}. */
  public long unmatchedRules() {
    return unmatchedRules.sum();
  }

  /** Fields discovery reported as growing (each field once). */
  public long growthSuspects() {
    return growthSuspects.sum();
  }

  @Override
  public void incident(Incident incident) {
    if (incident instanceof Incident.ConfigReloaded) {
      reloads.increment();
    } else if (incident instanceof Incident.ConfigRejected) {
      rejections.increment();
    } else if (incident instanceof Incident.TransformFailed) {
      transformFailures.increment();
    } else if (incident instanceof Incident.RuleUnresolved) {
      unresolvedRules.increment();
    } else if (incident instanceof Incident.RuleNotMatched) {
      unmatchedRules.increment();
    } else if (incident instanceof Incident.GrowthSuspect) {
      growthSuspects.increment();
    }
  }

  @Override
  public void activity(ActivityReport report) {
    // Rule activity is counted on the rules themselves.
  }
}
