package io.heapwarden.agent.config;

/** {@code instances:} entry: warn when more than {@code maxLive} instances are alive at once. */
public record InstanceRule(String className, long maxLive, SourcePosition position)
    implements RuleSpec {

  @Override
  public String name() {
    return className;
  }

  @Override
  public String target() {
    return "class ".concat(className);
  }
}
