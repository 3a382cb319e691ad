package io.heapwarden.bootstrap.discover;

/**
 * What rewritten service code calls just before it stores a value in a collection-typed field of a
 * class in {@code discover.packages}. The value is only remembered, weakly: never wrapped, never
 * changed, and nothing thrown here reaches the service.
 */
public final class DiscoveryHooks {
  private DiscoveryHooks() {}

  /**
   * Tracks {@code value}, stored in the field {@code fieldId} names (a constant in the rewritten
   * code, from {@link TrackedFields#register}); the value stays on the caller's stack untouched.
   */
  public static void onStore(Object value, int fieldId) {
    if (value == null) {
      return;
    }
    try {
      TrackedFields.track(fieldId, value);
    } catch (Throwable failure) {
      TrackedFields.failed(failure);
    }
  }
}
