package io.heapwarden.agent.config;

/**
 * One entry of a rule list as the schema walk read it, for its {@link RuleSection} to turn into a
 * rule: its values (already parsed and typed by the schema, keys relative to the entry), where
 * things are, and where problems go. Every problem names the entry ({@code collections[0]}).
 */
public final class RuleEntry {
  private final ConfigSection section;
  private final LoadContext context;

  RuleEntry(ConfigSection section, LoadContext context) {
    this.section = section;
    this.context = context;
  }

  /** Whether the entry writes {@code key}, valid or not. */
  public boolean has(String key) {
    return section.present.containsKey(key);
  }

  /** The parsed value of {@code key}, or null when absent or invalid. */
  public Object get(String key) {
    return section.get(key);
  }

  /** The parsed value of {@code key}, or {@code fallback}. */
  public <T> T get(String key, Class<T> type, T fallback) {
    return section.get(key, type, fallback);
  }

  /** A count or size, or {@link io.heapwarden.bootstrap.Limit#UNSET}. */
  public long limit(String key) {
    return section.limit(key);
  }

  /** A count or size, or {@code fallback}. */
  public long limit(String key, long fallback) {
    return section.limit(key, fallback);
  }

  /** Where the entry starts: its rule's position. */
  public SourcePosition position() {
    return context.at(section.node);
  }

  /** Where the entry writes {@code key} (the key, not its value). */
  public SourcePosition keyPosition(String key) {
    return context.at(section.present.get(key));
  }

  /** Where the value of {@code key} is. */
  public SourcePosition valuePosition(String key) {
    return section.values.get(key).position();
  }

  /** The entry in problems: {@code collections[0]}. */
  public String display() {
    return section.display;
  }

  /** Reports a problem of the entry, at {@code where}. */
  public void problem(SourcePosition where, String message, String hint) {
    context.problem(where, section.display, message, hint);
  }

  /** Reports a problem of the entry's {@code key}, at its value. */
  public void valueProblem(String key, String message, String hint) {
    context.problem(valuePosition(key), section.display + "." + key, message, hint);
  }

  /** The schema's key at {@code path}, for its example in a hint. */
  public ConfigKey schemaKey(String path) {
    return context.schema().key(path);
  }
}
