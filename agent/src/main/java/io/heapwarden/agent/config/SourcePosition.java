package io.heapwarden.agent.config;

/**
 * Where a value came from: a file position (1-based), or a system property / environment variable.
 */
public record SourcePosition(String source, int line, int column) {
  /** A value that did not come from a file, e.g. {@code -Dheapwarden.strict}. */
  public static SourcePosition of(String source) {
    return new SourcePosition(source, 0, 0);
  }

  /**
   * No position and no file, for a rule's shape: moving a rule in the file, or to another file (a
   * second attach names its own), is not a change.
   */
  public SourcePosition withoutLine() {
    return new SourcePosition("", 0, 0);
  }

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ":" + column : source;
  }
}
