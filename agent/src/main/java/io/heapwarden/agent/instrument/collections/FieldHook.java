package io.heapwarden.agent.instrument.collections;

import org.jspecify.annotations.Nullable;

/**
 * The boot-side hook a rewritten field store calls, and which declared field types it can replace:
 * the same rewriting serves {@code collections:} rules and {@code sessions:} rules. Both hooks have
 * the descriptor {@code (Object, int, boolean) -> Object}.
 */
public enum FieldHook {
  COLLECTIONS(
      "io/heapwarden/bootstrap/collections/CollectionHooks",
      "io/heapwarden/bootstrap/collections/AdoptedFields"),
  SESSIONS(
      "io/heapwarden/bootstrap/sessions/SessionHooks",
      "io/heapwarden/bootstrap/sessions/SessionHooks");

  private final String owner;
  private final String readOwner;

  FieldHook(String owner, String readOwner) {
    this.owner = owner;
    this.readOwner = readOwner;
  }

  /**
   * The internal name of the class holding {@code onFieldRead}, the read hook of classes loaded
   * before an attach: {@code (Object holder, Object value, int, boolean) -> Object}.
   */
  public String readOwner() {
    return readOwner;
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
