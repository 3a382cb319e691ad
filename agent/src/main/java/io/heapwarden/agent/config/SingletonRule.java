package io.heapwarden.agent.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code singletons:} entry: share instances of a class ({@code className} set) or the results of a
 * factory method ({@code method} set); exactly one of the two is non-null.
 */
public record SingletonRule(
    @Nullable String className,
    @Nullable MethodRef method,
    SingletonKey key,
    SingletonScope scope,
    OnClose onClose,
    SourcePosition position)
    implements RuleSpec {

  @Override
  public String name() {
    return className != null ? className : Objects.requireNonNull(method).toString(); // one is set
  }

  @Override
  public String target() {
    return className != null
        ? "class ".concat(className)
        : "method ".concat(Objects.requireNonNull(method).toString()); // one is set
  }
}
