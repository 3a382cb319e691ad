package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.List;
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

  /** SnakeYAML's node as the walk reads it. */
  static YamlNode of(Node node) {
    int line = node.getStartMark().getLine();
    int column = node.getStartMark().getColumn();
    if (node instanceof ScalarNode scalar) {
      return new Scalar(scalar.getValue(), scalar.isPlain(), line, column);
    }
    if (node instanceof SequenceNode sequence) {
      List<YamlNode> items = new ArrayList<>(sequence.getValue().size());
      for (Node item : sequence.getValue()) {
        items.add(of(item));
      }
      return new Sequence(items, line, column);
    }
    List<Entry> entries = new ArrayList<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      entries.add(new Entry(of(tuple.getKeyNode()), of(tuple.getValueNode())));
    }
    return new Mapping(entries, line, column);
  }
}
