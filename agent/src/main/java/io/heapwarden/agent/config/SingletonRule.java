package io.heapwarden.agent.config;

/**
 * {@code singletons:} entry: share instances of a class ({@code className} set) or the results of a
 * factory method ({@code method} set); exactly one of the two is non-null.
 */
public record SingletonRule(
    String className,
    MethodRef method,
    SingletonKey key,
    SingletonScope scope,
    OnClose onClose,
    SourcePosition position)
    implements RuleSpec {

  @Override
  public String name() {
    return className != null ? className : method.toString();
  }

  @Override
  public String target() {
    return className != null ? "class ".concat(className) : "method ".concat(method.toString());
  }
}
