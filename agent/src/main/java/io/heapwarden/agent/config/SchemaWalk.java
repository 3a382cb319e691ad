package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
  ConfigSection walk(@Nullable Node root) {
    ConfigSection top = new ConfigSection(root, "");
    if (root instanceof MappingNode) {
      readMapping(((MappingNode) root).getValue(), root, "", "", "", top);
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
      List<NodeTuple> tuples,
      Node where,
      String schemaPath,
      String display,
      String relPrefix,
      ConfigSection out) {
    Map<String, Node> seen = new HashMap<>();
    for (NodeTuple tuple : tuples) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode) || isNull(keyNode)) {
        context.problems.add(
            new ConfigProblem(
                context.at(keyNode),
                display,
                "keys must be plain names, got " + describe(keyNode),
                null));
        continue;
      }
      String name = ((ScalarNode) keyNode).getValue();
      String keyDisplay = ConfigHints.join(display, name);
      Node first = seen.putIfAbsent(name, keyNode);
      if (first != null) {
        context.problems.add(
            new ConfigProblem(
                context.at(keyNode),
                keyDisplay,
                "duplicate key, first set on line " + (first.getStartMark().getLine() + 1),
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
      readValue(key, tuple.getValueNode(), keyNode, keyDisplay, relPrefix + name, out);
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
      ConfigKey key, Node value, Node keyNode, String display, String rel, ConfigSection out) {
    switch (key.type()) {
      case SECTION:
        if (value instanceof MappingNode) {
          readMapping(
              ((MappingNode) value).getValue(), keyNode, key.path(), display, rel.concat("."), out);
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
        if (!(value instanceof SequenceNode)) {
          context.problems.add(
              new ConfigProblem(
                  context.at(value),
                  display,
                  "must be a list of rules, got " + describe(value),
                  hints.rule(itemPath)));
          return;
        }
        List<Node> nodes = ((SequenceNode) value).getValue();
        for (int i = 0; i < nodes.size(); i++) {
          Node item = nodes.get(i);
          String itemDisplay =
              new StringBuilder(display).append('[').append(i).append(']').toString();
          if (item instanceof MappingNode) {
            ConfigSection section = new ConfigSection(item, itemDisplay);
            readMapping(((MappingNode) item).getValue(), item, itemPath, itemDisplay, "", section);
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
        if (key.type() == ConfigKey.Type.PACKAGES && value instanceof SequenceNode) {
          readPackages(key, (SequenceNode) value, display, rel, out);
          return;
        }
        if (!(value instanceof ScalarNode)) {
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
              rel,
              new ConfigSection.Value(
                  key.parse(((ScalarNode) value).getValue()), context.at(value)));
        } catch (ConfigValueException invalid) {
          context.problems.add(
              new ConfigProblem(context.at(value), display, invalid.getMessage(), invalid.hint()));
        }
    }
  }

  /** A YAML list of package names: each item parsed, each problem at its item. */
  private void readPackages(
      ConfigKey key, SequenceNode list, String display, String rel, ConfigSection out) {
    List<String> packages = new ArrayList<>();
    boolean valid = true;
    List<Node> items = list.getValue();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String itemDisplay = display + '[' + i + ']';
      if (!(item instanceof ScalarNode) || isNull(item)) {
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
        List<String> parsed = (List<String>) key.parse(((ScalarNode) item).getValue());
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

  static boolean isNull(Node node) {
    if (!(node instanceof ScalarNode)) {
      return false;
    }
    ScalarNode scalar = (ScalarNode) node;
    if (!scalar.isPlain()) {
      return false;
    }
    String value = scalar.getValue();
    return value.isEmpty()
        || value.equals("~")
        || value.equals("null")
        || value.equals("Null")
        || value.equals("NULL");
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(node)) {
      return "nothing";
    }
    return "the value '" + ((ScalarNode) node).getValue() + "'";
  }
}
