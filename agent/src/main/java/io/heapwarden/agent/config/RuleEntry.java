package io.heapwarden.agent.config;

import java.util.Objects;
import org.jetbrains.annotations.Contract;
import org.jspecify.annotations.Nullable;

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
  public @Nullable Object get(String key) {
    return section.get(key);
  }

  /** The parsed value of {@code key}, or {@code fallback}. */
  @Contract("_, _, !null -> !null")
  public <T> @Nullable T get(String key, Class<T> type, @Nullable T fallback) {
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
    return context.at(Objects.requireNonNull(section.node)); // an entry is a node of the file
  }

  /** Where the entry writes {@code key} (the key, not its value). */
  public SourcePosition keyPosition(String key) {
    return context.at(Objects.requireNonNull(section.present.get(key))); // asked for keys it has
  }

  /** Where the value of {@code key} is. */
  public SourcePosition valuePosition(String key) {
    return Objects.requireNonNull(section.values.get(key)).position(); // asked for keys it has
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
    return Objects.requireNonNull(context.schema().key(path)); // kinds ask for keys they have
  }
}
