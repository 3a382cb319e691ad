package io.heapwarden.agent.instrument;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a class must mention for any rule to apply to it: the internal name of a ruled class, or a
 * reference to a ruled field or method by name (a subclass writes an inherited field through its
 * own name, so the owner alone is not enough). A member's name counts only where a field or method
 * reference names it: a string, a local's name or a method of that name in another kind of
 * reference does not send the class to the rewriters (the JDK's launcher mentions {@code entries},
 * and parsing it would load the whole rewriter into every service's start-up).
 */
public final class TargetIndex {
  private final Set<String> needles;
  private final Utf8NeedleSet classNames;
  private final Utf8NeedleSet fieldNames;
  private final Utf8NeedleSet methodNames;

  private TargetIndex(Set<String> classNames, Set<String> fieldNames, Set<String> methodNames) {
    Set<String> all = new LinkedHashSet<>(classNames);
    all.addAll(fieldNames);
    all.addAll(methodNames);
    this.needles = Set.copyOf(all);
    this.classNames = Utf8NeedleSet.of(classNames);
    this.fieldNames = Utf8NeedleSet.of(fieldNames);
    this.methodNames = Utf8NeedleSet.of(methodNames);
  }

  /** An index where any of these strings anywhere in the constant pool is a match. */
  public static TargetIndex of(Collection<String> needles) {
    return new TargetIndex(new LinkedHashSet<>(needles), Set.of(), Set.of());
  }

  /** Collects what each rule kind says its rules need. */
  public static final class Builder {
    private final Set<String> classNames = new LinkedHashSet<>();
    private final Set<String> fieldNames = new LinkedHashSet<>();
    private final Set<String> methodNames = new LinkedHashSet<>();

    /** A class by its internal name ({@code com/example/Cache}). */
    public Builder className(String internalName) {
      classNames.add(internalName);
      return this;
    }

    /** A field by its name: matches a field reference of that name, whatever its class. */
    public Builder fieldName(String name) {
      fieldNames.add(name);
      return this;
    }

    /** A method by its name: matches a method reference of that name, whatever its class. */
    public Builder methodName(String name) {
      methodNames.add(name);
      return this;
    }

    public TargetIndex build() {
      return new TargetIndex(classNames, fieldNames, methodNames);
    }
  }

  public boolean isEmpty() {
    return needles.isEmpty();
  }

  public Set<String> needles() {
    return needles;
  }

  /** Whether the class file may mention a target; cheap, allocation-free for most classes. */
  public boolean mayApplyTo(byte[] classFile) {
    return ConstantPoolScanner.mentions(classFile, classNames, fieldNames, methodNames);
  }
}
