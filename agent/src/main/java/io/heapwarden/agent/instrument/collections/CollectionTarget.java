package io.heapwarden.agent.instrument.collections;

/**
 * A rule on a field as the rewriter needs it: its id, its field, its eviction, and the hook its
 * stores go through.
 */
public record CollectionTarget(
    int ruleId,
    String ruleName,
    String ownerInternalName,
    String field,
    boolean lru,
    FieldHook hook) {

  /** A {@code collections:} rule's target. */
  public CollectionTarget(
      int ruleId, String ruleName, String ownerInternalName, String field, boolean lru) {
    this(ruleId, ruleName, ownerInternalName, field, lru, FieldHook.COLLECTIONS);
  }
}
