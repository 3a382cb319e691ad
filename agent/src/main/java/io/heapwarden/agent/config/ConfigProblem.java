package io.heapwarden.agent.config;

/** One thing wrong with a config: where, which key, what, and how to fix it. */
public record ConfigProblem(SourcePosition position, String key, String message, String hint) {
  /** The one-line message users see. */
  public String format() {
    return position + ": " + key + ": " + message + (hint == null ? "" : " (hint: " + hint + ")");
  }
}
