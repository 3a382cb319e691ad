package io.heapwarden.agent.config;

/** A field named as {@code the.Class.field}; {@code className} is a binary name (Outer$Inner). */
public record FieldRef(String className, String fieldName) {
  /** The JVM's internal name of the declaring class, as in the constant pool. */
  public String internalClassName() {
    return className.replace('.', '/');
  }

  @Override
  public String toString() {
    return className.concat(".").concat(fieldName);
  }
}
