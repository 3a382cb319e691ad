package io.heapwarden.agent.instrument.singletons;

/** One {@code instances:} rule as the rewriter needs it: the class (internal name) to count. */
public record InstanceTarget(int ruleId, String ruleName, String className) {}
