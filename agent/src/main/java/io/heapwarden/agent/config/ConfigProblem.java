package io.heapwarden.agent.config;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with a config: where ({@code position}: the file with line and column, or the
 * override's origin), which key ({@code collections[0].max-entries}; empty when the problem is not
 * about one key, e.g. malformed YAML), what is wrong, and how to fix it ({@code hint}, may be
 * null).
 */
public record ConfigProblem(
    SourcePosition position, String key, String message, @Nullable String hint) {
  /**
   * The one-line message users see: {@code heapwarden.yaml:4:18: collections[0].max-entries: must
   * be a positive whole number, got 0 (hint: remove the key to leave the limit unset)}.
   */
  public String format() {
    StringBuilder line = new StringBuilder().append(position).append(": ");
    if (key != null && !key.isEmpty()) {
      line.append(key).append(": ");
    }
    line.append(message);
    if (hint != null) {
      line.append(" (hint: ").append(hint).append(')');
    }
    return line.toString();
  }
}
