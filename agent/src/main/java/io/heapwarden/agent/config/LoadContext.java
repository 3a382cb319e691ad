package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;

/** One load's file name, for positions, and every problem found so far. */
final class LoadContext {
  final ConfigRequest request;
  final String source;
  final List<ConfigProblem> problems = new ArrayList<>();

  LoadContext(ConfigRequest request) {
    this.request = request;
    this.source = request.source();
  }

  ConfigSchema schema() {
    return request.schema();
  }

  void problem(SourcePosition where, String key, String message, @Nullable String hint) {
    problems.add(new ConfigProblem(where, key, message, hint));
  }

  SourcePosition at(YamlNode node) {
    return new SourcePosition(source, node.line() + 1, node.column() + 1);
  }

  SourcePosition at(Mark mark) {
    return new SourcePosition(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** The line and column of a character offset into {@code text}. */
  SourcePosition positionOfIndex(String text, int index) {
    int line = 1;
    int lineStart = 0;
    int offset = Math.min(Math.max(index, 0), text.length());
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourcePosition(source, line, offset - lineStart + 1);
  }
}
