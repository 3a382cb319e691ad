package io.heapwarden.agent.instrument.collections;

import org.jspecify.annotations.Nullable;

/**
 * The boot-side hook a rewritten field store calls, and which declared field types it can replace:
 * the same rewriting serves {@code collections:} rules and {@code sessions:} rules. Both hooks have
 * the descriptor {@code (Object, int, boolean) -> Object}.
 */
public enum FieldHook {
  COLLECTIONS("io/heapwarden/bootstrap/collections/CollectionHooks"),
  SESSIONS("io/heapwarden/bootstrap/sessions/SessionHooks");

  private final String owner;

  FieldHook(String owner) {
    this.owner = owner;
  }

  /** The internal name of the class holding {@code onFieldWrite}. */
  public String owner() {
    return owner;
  }

  /** Null when a field of this descriptor can hold what the hook stores, else why not. */
  public @Nullable String whyNot(String descriptor) {
    return this == SESSIONS
        ? BoundableFieldTypes.whyNotSessionMap(descriptor)
        : BoundableFieldTypes.whyNot(descriptor);
  }
}
