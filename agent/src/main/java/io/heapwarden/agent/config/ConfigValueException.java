package io.heapwarden.agent.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A value that does not parse or is out of range: what is wrong ({@link #getMessage()}) and how to
 * fix it ({@link #hint()}, may be null). Thrown by the value parsers ({@link Units}, {@link
 * JavaNames}); the loader turns it into a {@link ConfigProblem}. It carries no stack trace: it is
 * an answer about the input, not a failure of the agent.
 */
public final class ConfigValueException extends Exception {
  private static final long serialVersionUID = 1L;

  private final @Nullable String hint;

  public ConfigValueException(String message, @Nullable String hint) {
    super(message, null, false, false);
    this.hint = hint;
  }

  /** What is wrong: never null, since every one is made with a message. */
  @java.lang.Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }

  /** How to fix the value, or null when the message says it all. */
  public @Nullable String hint() {
    return hint;
  }
}
