package io.heapwarden.agent.telemetry;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.time.Duration;
import java.util.List;

/**
 * What the rules did in one telemetry interval: one entry per rule and action whose count changed,
 * in rule order. Never empty when handed to a sink.
 */
public record ActivityReport(Duration interval, List<Delta> deltas) {
  public ActivityReport {
    deltas = List.copyOf(deltas);
  }

  /** {@code count} more {@code action}s of {@code rule} than at the previous tick. */
  public record Delta(Rule rule, Action action, long count) {}
}
