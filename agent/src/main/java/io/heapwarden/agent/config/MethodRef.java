package io.heapwarden.agent.config;

import java.util.List;

/** A method named as {@code the.Class.method(param.Type, ...)}; class names are binary names. */
public record MethodRef(String className, String methodName, List<String> parameterTypes) {
  public MethodRef {
    parameterTypes = List.copyOf(parameterTypes);
  }

  public String internalClassName() {
    return className.replace('.', '/');
  }

  @Override
  public String toString() {
    return className + "." + methodName + "(" + String.join(", ", parameterTypes) + ")";
  }
}
