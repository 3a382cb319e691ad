package io.heapwarden.agent.instrument;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The constant-pool strings that a class must contain for any rule to apply to it: the internal
 * names of ruled classes, and the names of ruled fields and methods (a subclass writes an inherited
 * field through its own name, so the owner alone is not enough).
 */
public final class TargetIndex {
  private final Set<String> needles;
  private final Utf8NeedleSet encoded;

  private TargetIndex(Set<String> needles) {
    this.needles = Set.copyOf(needles);
    this.encoded = Utf8NeedleSet.of(needles);
  }

  /** The index of these needles (each rule kind says which strings its rules need). */
  public static TargetIndex of(Collection<String> needles) {
    return new TargetIndex(new LinkedHashSet<>(needles));
  }

  public boolean isEmpty() {
    return needles.isEmpty();
  }

  public Set<String> needles() {
    return needles;
  }

  /** Whether the class file's constant pool holds any needle; cheap, allocation-free. */
  public boolean mayApplyTo(byte[] classFile) {
    return ConstantPoolScanner.containsAny(classFile, encoded);
  }
}
