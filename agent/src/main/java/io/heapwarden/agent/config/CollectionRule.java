package io.heapwarden.agent.config;

/**
 * {@code collections:} entry: bound the collection held in a field. A limit of {@link
 * io.heapwarden.bootstrap.Limit#UNSET} means the rule does not set it.
 */
public record CollectionRule(
    FieldRef field,
    long maxEntries,
    long maxBytes,
    Eviction eviction,
    long valuesMaxEntries,
    SourcePosition position)
    implements RuleSpec {

  @Override
  public String name() {
    return field.toString();
  }

  @Override
  public String target() {
    return "field ".concat(field.toString());
  }

  @Override
  public String claim() {
    return target();
  }
}
