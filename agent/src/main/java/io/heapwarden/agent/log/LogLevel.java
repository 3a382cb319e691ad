package io.heapwarden.agent.log;

/** The agent's own log levels, from the quietest. */
public enum LogLevel {
  OFF,
  ERROR,
  WARN,
  INFO,
  DEBUG;

  /** Whether a message at {@code level} is written when this is the configured level. */
  public boolean allows(LogLevel level) {
    return level != OFF && level.ordinal() <= ordinal();
  }
}
