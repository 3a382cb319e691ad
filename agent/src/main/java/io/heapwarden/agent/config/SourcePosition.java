package io.heapwarden.agent.config;

/**
 * Where a value came from: a file position (1-based), or a system property / environment variable.
 */
public record SourcePosition(String source, int line, int column) {
  /** A value that did not come from a file, e.g. {@code -Dheapwarden.strict}. */
  public static SourcePosition of(String source) {
    return new SourcePosition(source, 0, 0);
  }

  /** The same source without a position, so that moving a rule in the file is not a change. */
  public SourcePosition withoutLine() {
    return new SourcePosition(source, 0, 0);
  }

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ":" + column : source;
  }
}
