package io.heapwarden.agent.instrument.collections;

/** A collection rule as the rewriter needs it: its id, its field, and its eviction. */
public record CollectionTarget(
    int ruleId, String ruleName, String ownerInternalName, String field, boolean lru) {}
