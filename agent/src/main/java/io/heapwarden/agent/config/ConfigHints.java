package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hints of the schema walk's problems: "did you mean", where a misplaced key belongs, which
 * keys a mapping takes, and how a rule list's entries start.
 */
final class ConfigHints {
  private final ConfigSchema schema;

  ConfigHints(ConfigSchema schema) {
    this.schema = schema;
  }

  static String join(String display, String name) {
    return display.isEmpty() ? name : display.concat(".").concat(name);
  }

  static String example(ConfigKey key) {
    return "e.g. " + key.name() + ": " + key.example();
  }

  String rule(String itemPath) {
    ConfigKey first = schema.children(itemPath).get(0);
    return "start each rule with '- ', e.g. '- " + first.name() + ": " + first.example() + "'";
  }

  String childNames(String path) {
    List<String> names = new ArrayList<>();
    for (ConfigKey child : schema.children(path)) {
      names.add(child.name());
    }
    return String.join(", ", names);
  }

  /** "did you mean 'max-entries'?", or where the key belongs, or which keys are allowed here. */
  @Nullable String unknownKey(String schemaPath, String name) {
    int dot = name.indexOf('.');
    if (dot > 0 && schema.key(schemaPath.isEmpty() ? name : schemaPath + "." + name) != null) {
      return "nest it: '"
          + name.substring(0, dot)
          + ":' with '"
          + name.substring(dot + 1)
          + ":' indented below";
    }
    List<String> siblings = new ArrayList<>();
    for (ConfigKey sibling : schema.children(schemaPath)) {
      siblings.add(sibling.name());
    }
    String suggestion = Suggestions.closest(name, siblings);
    if (suggestion != null) {
      return "did you mean '" + suggestion + "'?";
    }
    for (ConfigKey elsewhere : schema.keys()) {
      if (elsewhere.name().equals(name)) {
        return "'" + name + "' belongs " + describeParent(elsewhere.parent());
      }
    }
    if (siblings.isEmpty()) {
      return null;
    }
    return (schemaPath.isEmpty() ? "the top-level keys are " : "the keys here are ")
        + String.join(", ", siblings);
  }

  private static String describeParent(String parent) {
    if (parent.isEmpty()) {
      return "at the top level";
    }
    if (parent.endsWith("[]")) {
      return "in a rule under '" + parent.substring(0, parent.length() - 2) + ":'";
    }
    int items = parent.indexOf("[].");
    if (items >= 0) {
      return "under '"
          + parent.substring(items + 3)
          + ":' in a rule under '"
          + parent.substring(0, items)
          + ":'";
    }
    return "under '" + parent + ":'";
  }
}
