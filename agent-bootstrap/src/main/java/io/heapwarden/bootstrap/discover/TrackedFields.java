package io.heapwarden.bootstrap.discover;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fields discovery tracks, by id: registered by the agent as it rewrites a class, read by the
 * hook ({@link DiscoveryHooks}) and by the sampler. One field of one class name is one id, whatever
 * loader defines the class (two copies of a class share their counts). Nothing here holds a class,
 * a loader or a service object strongly.
 */
public final class TrackedFields {
  private static final Map<String, Integer> IDS = new HashMap<>(); // guarded by TrackedFields.class
  private static volatile TrackedField[] fields = new TrackedField[0];
  private static volatile boolean disabled;
  private static final AtomicLong FAILURES = new AtomicLong();

  private TrackedFields() {}

  /**
   * The id of the field {@code owner.name} (binary class name), registering it on first sight.
   *
   * @param type the field's declared type, as a class name
   */
  public static synchronized int register(
      String owner, String name, String type, boolean isStatic) {
    String key = owner + '.' + name;
    Integer known = IDS.get(key);
    if (known != null) {
      return known;
    }
    TrackedField[] current = fields;
    TrackedField[] next = new TrackedField[current.length + 1];
    System.arraycopy(current, 0, next, 0, current.length);
    next[current.length] = new TrackedField(owner, name, type, isStatic);
    IDS.put(key, current.length);
    fields = next;
    return current.length;
  }

  /** Every registered field, in id order. */
  public static List<TrackedField> all() {
    List<TrackedField> all = new ArrayList<>();
    for (TrackedField field : fields) {
      all.add(field);
    }
    return all;
  }

  /** Hook failures since start: a failure turns tracking off (the service is not affected). */
  public static long failures() {
    return FAILURES.get();
  }

  /** Whether a hook failure has turned tracking off. */
  public static boolean disabled() {
    return disabled;
  }

  static void track(int fieldId, Object value) {
    if (disabled) {
      return;
    }
    TrackedField[] current = fields;
    if (fieldId >= 0 && fieldId < current.length) {
      current[fieldId].track(value);
    }
  }

  static void failed(Throwable failure) {
    disabled = true; // one failure stops tracking everywhere: the sampler reports it
    FAILURES.incrementAndGet();
  }
}
