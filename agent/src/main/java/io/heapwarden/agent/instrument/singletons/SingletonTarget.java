package io.heapwarden.agent.instrument.singletons;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One {@code singletons:} rule as the rewriter needs it: either a class ({@code className} set,
 * internal name) or a factory method ({@code methodOwner}, {@code methodName} and the parameter
 * part of its descriptor set), and the flags of {@link
 * io.heapwarden.bootstrap.singletons.SingletonHooks} its sites pass.
 */
public record SingletonTarget(
    int ruleId,
    String ruleName,
    @Nullable String className,
    @Nullable String methodOwner,
    @Nullable String methodName,
    @Nullable String methodParameters,
    int flags) {

  public static SingletonTarget forClass(int ruleId, String ruleName, String className, int flags) {
    return new SingletonTarget(ruleId, ruleName, className, null, null, null, flags);
  }

  public static SingletonTarget forMethod(
      int ruleId,
      String ruleName,
      String owner,
      String name,
      List<String> parameterTypes,
      int flags) {
    return new SingletonTarget(
        ruleId, ruleName, null, owner, name, Descriptors.parameters(parameterTypes), flags);
  }

  /** Whether {@code name}{@code descriptor} of class {@code owner} is this rule's method. */
  boolean isMethod(String owner, String name, String descriptor) {
    return methodOwner != null
        && methodOwner.equals(owner)
        && name.equals(methodName)
        && methodParameters != null
        && descriptor.startsWith(methodParameters);
  }
}
