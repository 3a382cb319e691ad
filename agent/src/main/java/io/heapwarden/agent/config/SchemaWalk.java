package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One walk over the composed file, driven by the {@link ConfigSchema}: every key is checked against
 * the schema and every value parsed by its key, into {@link ConfigSection}s; then the request's
 * overrides are applied on top. Problems go to the load's context, all of them in one pass.
 */
final class SchemaWalk {
  private final LoadContext context;
  private final ConfigSchema schema;
  private final ConfigHints hints;

  SchemaWalk(LoadContext context) {
    this.context = context;
    this.schema = context.schema();
    this.hints = new ConfigHints(schema);
  }

  /** The top-level section of {@code root} (null: no file, or it did not parse). */
  ConfigSection walk(@Nullable YamlNode root) {
    ConfigSection top = new ConfigSection(root, "");
    if (root instanceof YamlNode.Mapping mapping) {
      readMapping(mapping.entries(), root, "", "", "", top);
    } else if (root != null && !isNull(root)) {
      context.problem(
          context.at(root),
          "",
          "the config must be a mapping of keys, got " + describe(root),
          "start with top-level keys such as strict:, logging: or collections:");
    }
    return top;
  }

  /**
   * Reads the tuples of the mapping at schema path {@code schemaPath} into {@code out} (keys
   * prefixed by {@code relPrefix}), then checks that its required keys are there; {@code where} is
   * the node that missing-key problems point at.
   */
  private void readMapping(
      List<YamlNode.Entry> tuples,
      YamlNode where,
      String schemaPath,
      String display,
      String relPrefix,
      ConfigSection out) {
    Map<String, YamlNode> seen = new HashMap<>();
    for (YamlNode.Entry tuple : tuples) {
      YamlNode keyNode = tuple.key();
      if (!(keyNode instanceof YamlNode.Scalar) || isNull(keyNode)) {
        context.problems.add(
            new ConfigProblem(
                context.at(keyNode),
                display,
                "keys must be plain names, got " + describe(keyNode),
                null));
        continue;
      }
      String name = ((YamlNode.Scalar) keyNode).value();
      String keyDisplay = ConfigHints.join(display, name);
      YamlNode first = seen.putIfAbsent(name, keyNode);
      if (first != null) {
        context.problems.add(
            new ConfigProblem(
                context.at(keyNode),
                keyDisplay,
                "duplicate key, first set on line " + (first.line() + 1),
                "keep only one of them"));
        continue;
      }
      ConfigKey key = schema.child(schemaPath, name);
      if (key == null) {
        context.problems.add(
            new ConfigProblem(
                context.at(keyNode),
                keyDisplay,
                "unknown key",
                hints.unknownKey(schemaPath, name)));
        continue;
      }
      out.present.put(relPrefix + name, keyNode);
      readValue(key, tuple.value(), keyNode, keyDisplay, relPrefix + name, out);
    }
    for (ConfigKey key : schema.children(schemaPath)) {
      if (key.required() && !seen.containsKey(key.name())) {
        context.problems.add(
            new ConfigProblem(
                context.at(where),
                display,
                "missing required key '" + key.name() + "'",
                "e.g. " + key.name() + ": " + key.example()));
      }
    }
  }

  private void readValue(
      ConfigKey key,
      YamlNode value,
      YamlNode keyNode,
      String display,
      String rel,
      ConfigSection out) {
    switch (key.type()) {
      case SECTION:
        if (value instanceof YamlNode.Mapping mapping) {
          readMapping(mapping.entries(), keyNode, key.path(), display, rel.concat("."), out);
        } else if (isNull(value)) {
          readMapping(List.of(), keyNode, key.path(), display, rel.concat("."), out);
        } else {
          context.problems.add(
              new ConfigProblem(
                  context.at(value),
                  display,
                  "must be a mapping of keys, got " + describe(value),
                  "put its keys on indented lines below it: " + hints.childNames(key.path())));
        }
        return;
      case LIST:
        List<ConfigSection> items = new ArrayList<>();
        out.lists.put(rel, items);
        if (isNull(value)) {
          return;
        }
        String itemPath = key.path().concat("[]");
        if (!(value instanceof YamlNode.Sequence sequence)) {
          context.problems.add(
              new ConfigProblem(
                  context.at(value),
                  display,
                  "must be a list of rules, got " + describe(value),
                  hints.rule(itemPath)));
          return;
        }
        List<YamlNode> nodes = sequence.items();
        for (int i = 0; i < nodes.size(); i++) {
          YamlNode item = nodes.get(i);
          String itemDisplay =
              new StringBuilder(display).append('[').append(i).append(']').toString();
          if (item instanceof YamlNode.Mapping mapping) {
            ConfigSection section = new ConfigSection(item, itemDisplay);
            readMapping(mapping.entries(), item, itemPath, itemDisplay, "", section);
            items.add(section);
          } else {
            context.problems.add(
                new ConfigProblem(
                    context.at(item),
                    itemDisplay,
                    "must be a mapping of keys, got " + describe(item),
                    hints.rule(itemPath)));
          }
        }
        return;
      default:
        if (key.type() == ConfigKey.Type.PACKAGES && value instanceof YamlNode.Sequence list) {
          readPackages(key, list, display, rel, out);
          return;
        }
        if (!(value instanceof YamlNode.Scalar scalar)) {
          context.problems.add(
              new ConfigProblem(
                  context.at(value),
                  display,
                  "must be a single value, got " + describe(value),
                  ConfigHints.example(key)));
          return;
        }
        if (isNull(value)) {
          context.problems.add(
              new ConfigProblem(
                  context.at(keyNode),
                  display,
                  "has no value",
                  key.required()
                      ? ConfigHints.example(key)
                      : ConfigHints.example(key) + ", or remove the key"));
          return;
        }
        try {
          out.values.put(
              rel, new ConfigSection.Value(key.parse(scalar.value()), context.at(value)));
        } catch (ConfigValueException invalid) {
          context.problems.add(
              new ConfigProblem(context.at(value), display, invalid.getMessage(), invalid.hint()));
        }
    }
  }

  /** A YAML list of package names: each item parsed, each problem at its item. */
  private void readPackages(
      ConfigKey key, YamlNode.Sequence list, String display, String rel, ConfigSection out) {
    List<String> packages = new ArrayList<>();
    boolean valid = true;
    List<YamlNode> items = list.items();
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      String itemDisplay = display + '[' + i + ']';
      if (!(item instanceof YamlNode.Scalar scalar) || isNull(item)) {
        context.problems.add(
            new ConfigProblem(
                context.at(item),
                itemDisplay,
                "must be a package name, got " + describe(item),
                ConfigHints.example(key)));
        valid = false;
        continue;
      }
      try {
        @SuppressWarnings("unchecked")
        List<String> parsed = (List<String>) key.parse(scalar.value());
        packages.addAll(parsed);
      } catch (ConfigValueException invalid) {
        context.problems.add(
            new ConfigProblem(context.at(item), itemDisplay, invalid.getMessage(), invalid.hint()));
        valid = false;
      }
    }
    if (packages.isEmpty() && valid) {
      context.problems.add(
          new ConfigProblem(
              context.at(list),
              display,
              "must name at least one package",
              ConfigHints.example(key)));
      return;
    }
    if (valid) {
      out.values.put(rel, new ConfigSection.Value(List.copyOf(packages), context.at(list)));
    }
  }

  /** Sets the request's overrides on top of what the file says. */
  void applyOverrides(ConfigSection top) {
    context.problems.addAll(context.request.problems());
    Map<String, ConfigRequest.Override> remaining = new TreeMap<>(context.request.overrides());
    for (ConfigKey key : schema.keys()) {
      ConfigRequest.Override override = remaining.remove(key.path());
      if (override == null) {
        continue;
      }
      if (!key.overridable()) {
        context.problems.add(
            new ConfigProblem(override.origin(), key.path(), "cannot be overridden", null));
        continue;
      }
      try {
        top.values.put(
            key.path(), new ConfigSection.Value(key.parse(override.value()), override.origin()));
      } catch (ConfigValueException invalid) {
        context.problems.add(
            new ConfigProblem(override.origin(), key.path(), invalid.getMessage(), invalid.hint()));
      }
    }
    for (Map.Entry<String, ConfigRequest.Override> unknown : remaining.entrySet()) {
      context.problems.add(
          new ConfigProblem(
              unknown.getValue().origin(), unknown.getKey(), "unknown setting", null));
    }
  }

  static boolean isNull(YamlNode node) {
    if (!(node instanceof YamlNode.Scalar scalar) || !scalar.plain()) {
      return false;
    }
    String value = scalar.value();
    return value.isEmpty()
        || value.equals("~")
        || value.equals("null")
        || value.equals("Null")
        || value.equals("NULL");
  }

  static String describe(YamlNode node) {
    if (node instanceof YamlNode.Mapping) {
      return "a mapping";
    }
    if (node instanceof YamlNode.Sequence) {
      return "a list";
    }
    if (isNull(node)) {
      return "nothing";
    }
    return "the value '" + ((YamlNode.Scalar) node).value() + "'";
  }
}
