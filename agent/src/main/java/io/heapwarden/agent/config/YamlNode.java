package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of the config file as the schema walk reads it: a scalar, a mapping or a list, with the
 * line and column (from 0) where it starts. {@link QuickYaml} builds these directly; files it
 * leaves to SnakeYAML are converted with {@link #of}, so SnakeYAML's classes load only for them.
 */
sealed interface YamlNode {
  int line();

  int column();

  /** A scalar; {@code plain} when unquoted (only a plain scalar can mean null). */
  record Scalar(String value, boolean plain, int line, int column) implements YamlNode {}

  /** One key and its value. */
  record Entry(YamlNode key, YamlNode value) {}

  record Mapping(List<Entry> entries, int line, int column) implements YamlNode {}

  record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {}

  /**
   * SnakeYAML's node as the walk reads it. Aliases share their node, and may refer to a node from
   * inside it: each node is converted once (an alias chain would otherwise expand exponentially, a
   * recursive one forever), and its list is filled after it is known, so a cycle stays a cycle as
   * in SnakeYAML's tree (the walk descends only into known keys, as it did there).
   */
  static YamlNode of(Node node) {
    return of(node, new IdentityHashMap<>());
  }

  private static YamlNode of(Node node, Map<Node, YamlNode> converted) {
    YamlNode done = converted.get(node);
    if (done != null) {
      return done;
    }
    int line = node.getStartMark().getLine();
    int column = node.getStartMark().getColumn();
    if (node instanceof ScalarNode scalar) {
      YamlNode result = new Scalar(scalar.getValue(), scalar.isPlain(), line, column);
      converted.put(node, result);
      return result;
    }
    if (node instanceof SequenceNode sequence) {
      List<YamlNode> items = new ArrayList<>(sequence.getValue().size());
      YamlNode result = new Sequence(items, line, column);
      converted.put(node, result);
      for (Node item : sequence.getValue()) {
        items.add(of(item, converted));
      }
      return result;
    }
    List<Entry> entries = new ArrayList<>();
    YamlNode result = new Mapping(entries, line, column);
    converted.put(node, result);
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      entries.add(
          new Entry(of(tuple.getKeyNode(), converted), of(tuple.getValueNode(), converted)));
    }
    return result;
  }
}
