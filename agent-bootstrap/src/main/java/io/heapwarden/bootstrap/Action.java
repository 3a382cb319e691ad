package io.heapwarden.bootstrap;

/**
 * What the agent did on behalf of a rule. Hooks count actions per rule without allocating; the
 * agent's telemetry turns the counts into meters, aggregated JFR events and log lines.
 */
public enum Action {
  /** An entry removed to keep a collection within its bound. */
  EVICTED("evictions"),
  /** An entry dropped by an emergency trim under memory pressure. */
  TRIMMED("trims"),
  /** A shared instance built for a new key. */
  CREATED("created"),
  /** A shared instance handed out instead of building a new one. */
  REUSED("reused"),
  /** A hook failure that disabled the rule. */
  FAILED("failures");

  private final String meterSuffix;

  Action(String meterSuffix) {
    this.meterSuffix = meterSuffix;
  }

  /** The last part of the meter name, as in {@code heapwarden.collection.evictions}. */
  public String meterSuffix() {
    return meterSuffix;
  }
}
