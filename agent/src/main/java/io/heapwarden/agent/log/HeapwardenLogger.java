package io.heapwarden.agent.log;

import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/**
 * The agent's own {@link org.slf4j.Logger}: built directly, never through {@code LoggerFactory}, so
 * the service's SLF4J provider, {@code -Dslf4j.provider} and class path play no part. The level
 * checks read {@link LogOutput}'s live level; SLF4J's base class does the argument normalisation,
 * and only calls in when the level is enabled.
 */
final class HeapwardenLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient LogOutput output;

  HeapwardenLogger(String name, LogOutput output) {
    this.name = name;
    this.output = output;
  }

  @Override
  public boolean isTraceEnabled() {
    return false; // the agent has no TRACE level
  }

  @Override
  public boolean isDebugEnabled() {
    return output.enabled(LogLevel.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return output.enabled(LogLevel.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return output.enabled(LogLevel.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return output.enabled(LogLevel.ERROR);
  }

  @Override
  protected @Nullable String getFullyQualifiedCallerName() {
    return null; // no caller location in our lines
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    LogLevel ours = toLogLevel(level);
    if (ours != null) {
      output.logPattern(ours, pattern, arguments, throwable);
    }
  }

  private static @Nullable LogLevel toLogLevel(@Nullable Level level) {
    if (level == null) {
      return null;
    }
    switch (level) {
      case ERROR:
        return LogLevel.ERROR;
      case WARN:
        return LogLevel.WARN;
      case INFO:
        return LogLevel.INFO;
      case DEBUG:
        return LogLevel.DEBUG;
      default:
        return null;
    }
  }

  @Override
  public String toString() {
    return "HeapwardenLogger[" + name + "]";
  }
}
