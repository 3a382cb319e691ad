package io.heapwarden.agent.config;

/**
 * A value that does not parse or is out of range: what is wrong ({@link #getMessage()}) and how to
 * fix it ({@link #hint()}, may be null). Thrown by the value parsers ({@link Units}, {@link
 * JavaNames}); the loader turns it into a {@link ConfigProblem}. It carries no stack trace: it is
 * an answer about the input, not a failure of the agent.
 */
public final class ConfigValueException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String hint;

  public ConfigValueException(String message, String hint) {
    super(message, null, false, false);
    this.hint = hint;
  }

  /** How to fix the value, or null when the message says it all. */
  public String hint() {
    return hint;
  }
}
