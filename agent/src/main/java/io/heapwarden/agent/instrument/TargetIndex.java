package io.heapwarden.agent.instrument;

import io.heapwarden.agent.config.CollectionRule;
import io.heapwarden.agent.config.InstanceRule;
import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.config.SessionRule;
import io.heapwarden.agent.config.SingletonRule;
import java.util.LinkedHashSet;
import java.util.List;
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

  public static TargetIndex of(List<RuleSpec> rules) {
    Set<String> needles = new LinkedHashSet<>();
    for (RuleSpec rule : rules) {
      if (rule instanceof CollectionRule c) {
        needles.add(c.field().internalClassName());
        needles.add(c.field().fieldName());
      } else if (rule instanceof SingletonRule s && s.className() != null) {
        needles.add(s.className().replace('.', '/'));
      } else if (rule instanceof SingletonRule s) {
        needles.add(s.method().internalClassName());
        needles.add(s.method().methodName());
      } else if (rule instanceof InstanceRule i) {
        needles.add(i.className().replace('.', '/'));
      } else if (rule instanceof SessionRule s && s.field() != null) {
        needles.add(s.field().internalClassName());
        needles.add(s.field().fieldName());
      }
    }
    return new TargetIndex(needles);
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
