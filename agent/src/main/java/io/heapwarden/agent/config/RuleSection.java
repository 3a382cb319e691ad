package io.heapwarden.agent.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rule list of the config file, such as {@code collections:}: its keys, how one entry becomes a
 * rule, and how a rule prints back. Each kind of rule provides one (the kinds live outside this
 * package, which only knows this interface); {@link ConfigSchema#of} takes them in order.
 *
 * @param <R> the rule an entry becomes
 */
public interface RuleSection<R extends RuleSpec> {
  /** The list's key at the top level, e.g. {@code collections}. */
  String name();

  /** What the list's rules do, in one sentence (the documentation's and the schema's). */
  String description();

  /** The rule type its entries become. */
  Class<R> type();

  /**
   * The keys of one entry, in the order of the documentation, with full paths: {@code
   * collections[].field}.
   */
  List<ConfigKey> keys();

  /**
   * The rule one entry holds, or null when it holds none (its problems are reported to the entry;
   * the values the schema could not parse are absent and already reported).
   */
  @Nullable R read(RuleEntry entry);

  /**
   * The value {@code rule} has for the entry key {@code key} ({@code values.max-entries}), as the
   * schema parses it; null for an unset limit or an absent name. The printer writes it back.
   */
  @Nullable Object valueOf(R rule, String key);
}
