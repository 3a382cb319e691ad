package io.heapwarden.agent.log;

/**
 * The agent's logging: its level, and how many lines of one kind it writes per minute before it
 * only counts them (so a hot path can never flood the service's log).
 */
public record LoggingSettings(LogLevel level, int linesPerMinute) {
  public static final LoggingSettings DEFAULTS = new LoggingSettings(LogLevel.INFO, 20);
}
