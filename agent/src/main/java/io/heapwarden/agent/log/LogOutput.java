package io.heapwarden.agent.log;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Where the agent's log lines go: one {@code [heapwarden] LEVEL message} line each (a throwable's
 * stack trace follows, as {@link Throwable#printStackTrace} writes it), rate-limited per message
 * template. {@link AgentLog} holds the one instance that writes to {@code System.err}; tests build
 * their own with a fake clock and a captured stream.
 *
 * <p>Thread-safe. A disabled level costs one volatile read; nothing is formatted for a line that
 * the level or the rate limit holds back.
 */
public final class LogOutput {
  /** The most lines per minute and template we accept from a config. */
  static final int MAX_LINES_PER_MINUTE = 10_000;

  private static final String PREFIX = "[heapwarden] ";
  private static final int MAX_TEMPLATE_IN_SUMMARY = 120;

  private final @Nullable LongSupplier nanoClock;
  private final @Nullable PrintStream out;
  private final RateLimiter limiter = new RateLimiter();
  private volatile LogLevel level = LoggingSettings.DEFAULTS.level();
  private volatile int linesPerMinute = LoggingSettings.DEFAULTS.linesPerMinute();

  /**
   * @param nanoClock monotonic nanoseconds; {@code null} for {@link System#nanoTime()}
   * @param out where lines go; {@code null} for whatever {@link System#err} is when a line is
   *     written
   */
  public LogOutput(@Nullable LongSupplier nanoClock, @Nullable PrintStream out) {
    this.nanoClock = nanoClock;
    this.out = out;
  }

  /**
   * Applies a config's level and rate limit; takes effect for the next line. {@code null}, or a
   * settings record with a {@code null} level, means the defaults; a rate limit below 1 is read as
   * 1.
   */
  public void configure(LoggingSettings settings) {
    LoggingSettings applied = settings == null ? LoggingSettings.DEFAULTS : settings;
    linesPerMinute = Math.max(1, Math.min(MAX_LINES_PER_MINUTE, applied.linesPerMinute()));
    level = applied.level() == null ? LoggingSettings.DEFAULTS.level() : applied.level();
  }

  public LogLevel level() {
    return level;
  }

  public int linesPerMinute() {
    return linesPerMinute;
  }

  /** Whether a line at {@code candidate} would be written (rate limit aside). */
  public boolean enabled(LogLevel candidate) {
    return level.allows(candidate);
  }

  /** An SLF4J logger writing here; its name is kept for {@link Logger#getName()} only. */
  public Logger logger(String name) {
    return new HeapwardenLogger(name, this);
  }

  /**
   * Writes an already formatted message, rate-limited under {@code rateKey} (use one key per kind
   * of message, not per message). Never throws.
   */
  public void log(LogLevel lineLevel, String rateKey, String message, @Nullable Throwable failure) {
    if (!enabled(lineLevel)) {
      return;
    }
    try {
      String key = rateKey == null ? String.valueOf(message) : rateKey;
      if (admit(lineLevel, key)) {
        write(lineLevel, message, failure);
      }
    } catch (Throwable ignored) {
      // Logging must never become the caller's failure.
    }
  }

  /**
   * Writes an SLF4J-style message: {@code pattern} with {@code {}} placeholders is the rate-limit
   * key, and is formatted only when the line is written.
   */
  void logPattern(
      LogLevel lineLevel,
      String pattern,
      Object @Nullable [] arguments,
      @Nullable Throwable failure) {
    if (!enabled(lineLevel)) {
      return;
    }
    try {
      String key = pattern == null ? "null" : pattern;
      if (admit(lineLevel, key)) {
        String message =
            arguments == null || arguments.length == 0
                ? key
                : MessageFormatter.basicArrayFormat(pattern, arguments);
        write(lineLevel, message, failure);
      }
    } catch (Throwable ignored) {
      // Logging must never become the caller's failure.
    }
  }

  /**
   * Reports suppressed lines of templates whose rolling minute has passed and that have not logged
   * since, and forgets idle templates. The telemetry tick calls this; it is cheap when nothing was
   * suppressed.
   */
  public void reportSuppressed() {
    try {
      limiter.drainSuppressed(now(), linesPerMinute, this::writeSuppressed);
    } catch (Throwable ignored) {
      // as above
    }
  }

  /** The number of templates the rate limiter tracks, for tests. */
  int trackedTemplates() {
    return limiter.keys();
  }

  private boolean admit(LogLevel lineLevel, String key) {
    long verdict = limiter.acquire(key, lineLevel, now(), linesPerMinute);
    if (verdict == RateLimiter.SUPPRESS) {
      return false;
    }
    if (verdict > 0) {
      writeSuppressed(key, lineLevel, verdict);
    }
    return true;
  }

  private void writeSuppressed(String key, LogLevel suppressedLevel, long count) {
    if (!enabled(suppressedLevel)) {
      return;
    }
    String template =
        key.length() <= MAX_TEMPLATE_IN_SUMMARY
            ? key
            : key.substring(0, MAX_TEMPLATE_IN_SUMMARY) + "...";
    write(
        suppressedLevel,
        "suppressed "
            + count
            + (count == 1 ? " similar message" : " similar messages")
            + " (more than "
            + linesPerMinute
            + " a minute): "
            + template.replace('\n', ' '),
        null);
  }

  private void write(LogLevel lineLevel, String message, @Nullable Throwable failure) {
    StringBuilder text = new StringBuilder(PREFIX.length() + 8 + message.length() + 2);
    text.append(PREFIX).append(lineLevel.name()).append(' ').append(message);
    text.append(System.lineSeparator());
    if (failure instanceof OutOfMemoryError) {
      // No stack trace of the agent's own when memory is out: one line, and likely none at all.
      text.append(failure).append(System.lineSeparator());
    } else if (failure != null) {
      StringWriter trace = new StringWriter();
      try (PrintWriter writer = new PrintWriter(trace)) {
        failure.printStackTrace(writer);
      }
      text.append(trace.toString());
    }
    PrintStream target = out != null ? out : System.err;
    target.print(text.toString());
    target.flush();
  }

  private long now() {
    return nanoClock != null ? nanoClock.getAsLong() : System.nanoTime();
  }
}
