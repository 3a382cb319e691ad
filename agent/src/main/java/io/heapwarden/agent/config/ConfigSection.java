package io.heapwarden.agent.config;

import io.heapwarden.bootstrap.Limit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.Contract;
import org.jspecify.annotations.Nullable;

/**
 * What one mapping of the file held, as the schema walk found it. Keys are relative to the mapping
 * ({@code values.max-entries}).
 */
final class ConfigSection {
  /** A value that parsed, and where it came from. */
  record Value(Object value, SourcePosition position) {}

  final @Nullable YamlNode node; // null for the top of a config without a file
  final String display;
  final Map<String, Value> values = new HashMap<>();
  final Map<String, YamlNode> present = new HashMap<>();
  final Map<String, List<ConfigSection>> lists = new HashMap<>();

  ConfigSection(@Nullable YamlNode node, String display) {
    this.node = node;
    this.display = display;
  }

  @Nullable Object get(String key) {
    Value value = values.get(key);
    return value == null ? null : value.value();
  }

  @Contract("_, _, !null -> !null")
  <T> @Nullable T get(String key, Class<T> type, @Nullable T fallback) {
    Object value = get(key);
    return value == null ? fallback : type.cast(value);
  }

  long limit(String key) {
    return limit(key, Limit.UNSET);
  }

  long limit(String key, long fallback) {
    Object value = get(key);
    return value == null ? fallback : (Long) value;
  }

  List<ConfigSection> list(String key) {
    List<ConfigSection> items = lists.get(key);
    return items == null ? List.of() : items;
  }
}
