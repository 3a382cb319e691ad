package io.heapwarden.agent.instrument.collections;

/** Told, at rewrite time, about a ruled field whose declared type cannot be bounded. */
@FunctionalInterface
public interface UnboundableFieldReporter {
  void report(CollectionTarget target, String declaredType, String reason);
}
